#!/usr/bin/env python3
"""Named views of a served site, each with its picture drawn, in headless Chromium.

Starts `archdoc serve` for a project and opens `views/<key>.html` for every
key given: the page must be listed in the navigation, show its picture with a
non-zero size, and break no Content-Security-Policy rule.

Usage: views_in_browser.py --archdoc BIN --project DIR --views pipeline,promotion
"""
import argparse

from browser_support import browser, csp_violations, fail, start_server, stop_server
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archdoc", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--views", required=True, help="comma-separated view keys")
    args = parser.parse_args()

    server, port, _ = start_server(args.archdoc, args.project)
    driver = browser()
    try:
        base = f"http://127.0.0.1:{port}/"
        driver.get(base + "index.html")
        listed = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sidebar a[href*='views/']")]
        for key in args.views.split(","):
            url = base + f"views/{key}.html"
            if url not in listed:
                fail(f"the navigation does not list {url}: {listed}")
            driver.get(url)
            picture = WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, "figure.picture img")))
            WebDriverWait(driver, 20).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", picture))
            if picture.size["width"] <= 0 or picture.size["height"] <= 0:
                fail(f"the picture on {url} has size {picture.size}")
            print(f"{key}: picture {picture.size['width']}x{picture.size['height']}")
        violations = csp_violations(driver)
        if violations:
            fail(f"Content-Security-Policy violations: {violations[:3]}")
    finally:
        driver.quit()
        stop_server(server)
    print("every view's picture is drawn")


if __name__ == "__main__":
    main()
