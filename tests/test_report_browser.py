"""The HTML report in a real headless browser (Debian's chromium), file:// only, no network."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and chromium-driver (./dev test does)")
        pytest.skip(
            "chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
    ):  # fmt: skip
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    # Any alert() the page runs would be recorded here (it must never run).
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "window.__alerts = []; window.alert = function(m){ window.__alerts.push(String(m)); };"
        },
    )
    yield driver
    driver.quit()


def test_report_renders_navigates_and_never_runs_article_scripts(
    browser, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    article = tmp_path / "article.txt"
    article.write_text(
        SAMPLE.read_text("utf-8")
        + "\n\n<script>alert(1)</script>正文里的脚本,不应执行。<img src=x onerror=alert(2)>\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    assert (
        cli("fix", article, "-o", tmp_path / "out.txt", "--accept", "all", "--report", report).code
        == 0
    )
    browser.get(report.as_uri())
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>alert(1)</script>" in body  # shown as text
    assert "original" in body and "clean" in body
    changes = browser.execute_script(
        "var s={}; document.querySelectorAll('.chg').forEach(function(e){s[e.dataset.id]=1}); return Object.keys(s);"
    )
    assert len(changes) >= 5
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    first = browser.find_element(By.ID, "pos").text
    browser.find_element(By.ID, "next").click()
    second = browser.find_element(By.ID, "pos").text
    assert first == changes[0] and second == changes[1]
    assert browser.find_elements(By.CSS_SELECTOR, f'.chg.current[data-id="{second}"]')
    browser.find_element(By.TAG_NAME, "body").send_keys("p")
    assert browser.find_element(By.ID, "pos").text == first
    # Filter by kind hides those changes.
    box = browser.find_element(By.CSS_SELECTOR, 'input.kind[value="merge"]')
    box.click()
    hidden = browser.execute_script(
        "return document.querySelectorAll('.chg.hidden[data-kind=\"merge\"]').length"
    )
    assert hidden > 0
    assert browser.execute_script("return window.__alerts") == []
