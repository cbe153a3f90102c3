#!/usr/bin/env python3
"""No label becomes markup or script in a real browser.

Starts `archdoc serve` for a project whose labels are the hostile corpus,
then with headless Chromium visits every page the site links to and every
picture of its diagrams folder, as documents of their own. Before any page
script runs, `alert`, `confirm`, `prompt`, `print` and `open` are replaced
by recorders. On every document:
- no recorder was called, and the console shows no CSP violation;
- no element has an event-handler attribute or a `javascript:` URL;
- every script is one of the site's own files, loaded by `src`;
- every image is a picture of the site's diagrams folder;
- no element that the payloads hold (`script`, `img`, `svg`, `iframe`,
  `textarea`, `object`, `embed`, `b`, `foreignObject`) appears where the
  site's templates put none.

Exits non-zero with every problem found.

Usage: hostile_in_browser.py --archdoc BIN --project DIR
"""
import argparse
import os
from urllib.parse import urldefrag, urljoin, urlparse

from browser_support import browser, csp_violations, fail, start_server, stop_server

RECORDERS = """
window.__archdocCalls = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__archdocCalls.push(name + "(" + args.join(",") + ")"); };
}
"""

AUDIT = """
const problems = [];
const origin = location.origin;
const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
const payloadTags = ["script", "img", "svg", "iframe", "textarea", "object", "embed", "b", "foreignobject", "frame", "base"];
const isSVG = document.documentElement.tagName.toLowerCase() === "svg";
for (const element of document.querySelectorAll("*")) {
  const tag = element.tagName.toLowerCase();
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith("on")) problems.push(`<${tag}> has the event handler ${name}`);
    if (urlAttributes.includes(name) && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)) {
      problems.push(`<${tag}> has ${name}=${attribute.value.slice(0, 60)}`);
    }
  }
  if (tag === "script") {
    const source = element.getAttribute("src");
    const url = source ? new URL(source, location.href) : null;
    if (isSVG || !url || url.origin !== origin || !/\\/(assets|_archdoc)\\/[a-z-]+\\.js$/.test(url.pathname)) {
      problems.push(`a script that is not one of the site's files: ${element.outerHTML.slice(0, 80)}`);
    }
    continue;
  }
  if (tag === "img") {
    const url = new URL(element.getAttribute("src") || "", location.href);
    if (url.origin !== origin || !/\\/diagrams\\/[a-z0-9-]+(\\.plantuml)?\\.svg$/.test(url.pathname)) {
      problems.push(`an image that is not a diagram: ${element.outerHTML.slice(0, 80)}`);
    }
    continue;
  }
  if (isSVG ? (tag === "foreignobject" || tag === "script" || (tag === "svg" && element !== document.documentElement)) : payloadTags.includes(tag)) {
    problems.push(`a <${tag}> element: ${element.outerHTML.slice(0, 80)}`);
  }
}
for (const call of window.__archdocCalls || []) problems.push(`a label called ${call}`);
return problems;
"""


def site_pages(driver, base):
    """Every page of the site reachable from the overview, breadth first."""
    seen, queue = [], [base + "index.html"]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        driver.get(url)
        for link in driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)"):
            target, _ = urldefrag(link)
            parsed = urlparse(target)
            if parsed.netloc == urlparse(base).netloc and parsed.path.endswith(".html") and target not in seen:
                queue.append(target)
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archdoc", required=True)
    parser.add_argument("--project", required=True)
    args = parser.parse_args()

    server, port, _ = start_server(args.archdoc, args.project)
    driver = browser()
    problems = []
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDERS})
        base = f"http://127.0.0.1:{port}/"
        pages = site_pages(driver, base)
        diagrams = os.path.join(args.project, "site", "diagrams")
        pictures = [urljoin(base, f"diagrams/{name}") for name in sorted(os.listdir(diagrams)) if name.endswith(".svg")]
        if len(pages) < 10 or not pictures:
            fail(f"expected at least 10 pages and a picture, found {len(pages)} pages and {len(pictures)} pictures")
        for url in pages + pictures:
            driver.get(url)
            problems += [f"{url}: {problem}" for problem in driver.execute_script(AUDIT)]
        problems += [f"the console: {message}" for message in csp_violations(driver)]
    finally:
        driver.quit()
        stop_server(server)
    if problems:
        fail(f"{len(problems)} problems:\n" + "\n".join(problems[:40]))
    print(f"{len(pages)} pages and {len(pictures)} pictures hold no element, attribute or script from a label")


if __name__ == "__main__":
    main()
