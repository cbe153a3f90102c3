#!/usr/bin/env python3
"""A real browser on archdoc's served site.

Starts `archdoc serve` on a free port for a project, then with headless
Chromium (Selenium): finds the picture of every view with a non-zero size,
follows the navigation, runs a search, edits a Markdown page and waits for the
page to reload with the new text, and saves screenshots. Exits non-zero with
a message on the first failure.

Usage: site_in_browser.py --archdoc BIN --project DIR --screenshots DIR
"""
import argparse
import os
import time

from browser_support import browser, csp_violations, fail, start_server, stop_server
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archdoc", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)

    server, port, log_path = start_server(args.archdoc, args.project)
    driver = browser()
    checks = 0
    try:
        base = f"http://127.0.0.1:{port}/"
        wait = WebDriverWait(driver, 20)

        # The overview lists every view; each view page shows its picture.
        driver.get(base + "index.html")
        view_links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sidebar a[href*='views/']")]
        if len(view_links) < 3:
            fail(f"expected at least 3 views in the navigation, found {len(view_links)}")
        for href in view_links:
            driver.get(href)
            # The shared navigation marks the page it is on.
            current = driver.find_elements(By.CSS_SELECTOR, "nav.sidebar a[aria-current='page']")
            if len(current) != 1 or current[0].get_attribute("href") != href:
                fail(f"the navigation on {href} marks {[a.get_attribute('href') for a in current]} as current")
            picture = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "figure.picture img")))
            wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", picture))
            size = picture.size
            if size["width"] <= 0 or size["height"] <= 0:
                fail(f"the picture on {href} has size {size}")
            checks += 1
            # The source tabs switch.
            driver.find_element(By.ID, "tab-plantuml").click()
            if not driver.find_element(By.ID, "panel-plantuml").is_displayed():
                fail(f"the PlantUML tab on {href} did not open")
            if "@startuml" not in driver.find_element(By.ID, "panel-plantuml").text:
                fail(f"the PlantUML tab on {href} shows no source")
            checks += 1
        driver.get(view_links[-1])
        driver.save_screenshot(os.path.join(args.screenshots, "view.png"))
        # serve sends a Content-Security-Policy; no page may break it.
        violations = csp_violations(driver)
        if violations:
            fail(f"Content-Security-Policy violations on the view pages: {violations[:3]}")
        checks += 1

        # Navigation: follow the sidebar to chapter 7 and an anchor in its table of contents.
        driver.get(base + "index.html")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Deployment View").click()
        wait.until(ec.title_contains("Deployment View"))
        toc_links = driver.find_elements(By.CSS_SELECTOR, "aside.toc a")
        if not toc_links:
            fail("chapter 7 has no table of contents")
        anchor = toc_links[0].get_attribute("href").split("#")[1]
        toc_links[0].click()
        if not driver.find_elements(By.ID, anchor):
            fail(f"the table of contents points at a missing anchor #{anchor}")
        driver.save_screenshot(os.path.join(args.screenshots, "deployment-view.png"))
        checks += 2
        for page in ["index.html"] + [f"arc42/{name}" for name in sorted(os.listdir(os.path.join(args.project, "site", "arc42"))) if name.endswith(".html")]:
            driver.get(base + page)
        violations = csp_violations(driver)
        if violations:
            fail(f"Content-Security-Policy violations on the overview or the chapters: {violations[:3]}")
        checks += 1

        # Search finds a page by a word that only appears in its body.
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("glossary")
        results = wait.until(ec.visibility_of_element_located((By.ID, "search-results")))
        titles = [a.text for a in results.find_elements(By.TAG_NAME, "a")]
        if not any("Glossary" in title for title in titles):
            fail(f"search for 'glossary' found {titles}")
        results.find_elements(By.TAG_NAME, "a")[0].click()
        checks += 1

        # Live reload: edit a Markdown page and see the new text without touching the browser.
        page = os.path.join(args.project, "architecture", "docs", "operations.md")
        driver.get(base + "docs/operations.html")
        wait.until(ec.title_contains("Operations"))
        marker = f"Edited at {time.time():.0f}"
        with open(page, "a") as handle:
            handle.write(f"\n{marker}\n")
        start = time.time()
        WebDriverWait(driver, 15).until(lambda d: marker in d.find_element(By.TAG_NAME, "main").text)
        print(f"reload shown {1000 * (time.time() - start):.0f} ms after the save")
        driver.save_screenshot(os.path.join(args.screenshots, "after-reload.png"))
        checks += 1

        # A broken build shows its error over the page; the last good page stays.
        main_swift = os.path.join(args.project, "architecture", "main.swift")
        good = open(main_swift).read()
        with open(main_swift, "a") as handle:
            handle.write("\nlet broken = (\n")
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.ID, "archdoc-build-error"))
        overlay = driver.find_element(By.ID, "archdoc-build-error").text
        if "main.swift" not in overlay:
            fail(f"the error overlay does not name the file: {overlay[:300]}")
        driver.save_screenshot(os.path.join(args.screenshots, "build-error.png"))
        with open(main_swift, "w") as handle:
            handle.write(good)
        WebDriverWait(driver, 60).until(lambda d: not d.find_elements(By.ID, "archdoc-build-error"))
        checks += 1
    finally:
        driver.quit()
        stop_server(server)
    print(f"{checks} browser checks passed")


if __name__ == "__main__":
    main()
