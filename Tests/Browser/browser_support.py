"""What the browser tests share: starting `archdoc serve`, a headless Chromium, its console."""
import os
import re
import signal
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# Seconds a page of the local site may take to load.
PAGE_LOAD_TIMEOUT = 20


def fail(message):
    """Ends the test with a message."""
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def start_server(archdoc, project):
    """Starts `archdoc serve --port 0` in a project; returns the process, its port and its log."""
    log_path = os.path.join(project, "serve-browser.log")
    log = open(log_path, "w")
    server = subprocess.Popen([archdoc, "serve", "--port", "0"], cwd=project, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        text = open(log_path).read()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", text)
        if match:
            return server, int(match.group(1)), log_path
        if server.poll() is not None:
            fail(f"archdoc serve exited: {text}")
        time.sleep(0.05)
    fail("archdoc serve did not start in 60 s")


def browser():
    """Headless Chromium through Selenium, with its console kept."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"]:
        options.add_argument(argument)
    # The console, to find Content-Security-Policy violations.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    # A page of the local site loads in well under a second. One that waits
    # this long waits for a connection, as every seventh page did while the
    # pages left behind kept their live-reload streams open.
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
    return driver


def csp_violations(driver):
    """The console's messages about the Content-Security-Policy since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def stop_server(server):
    """Stops `archdoc serve` with SIGINT, as a user's Control-C does; fails if it does not stop."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        fail("archdoc serve did not stop on SIGINT")
