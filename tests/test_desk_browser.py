"""The desk in a real browser (the system's headless chromium driven by Selenium through
the system's chromedriver; nothing is downloaded): the clerk's round and the office's."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import zfxxgk
from desk_support import Desk, make_desk, make_workbooks, serving, upload
from zfxxgk.desk.guard import Throttle

webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("uvicorn")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
NAMES = ["发展改革局", "教育局", "财政局", "审计局"]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return make_workbooks(tmp_path_factory.mktemp("desk-browser-books"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    folder, tokens = make_desk(tmp_path_factory.mktemp("desk-browser") / "ws", NAMES)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Throttle, "FIRST", 0.01)
        with serving(folder, tokens, workers=2) as served:
            yield served


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("desk-downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are required in CI")
        pytest.skip("chromium or chromedriver is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(120)
    driver.implicitly_wait(30)  # a busy machine: elements are waited for, not assumed
    try:
        yield driver
    finally:
        driver.quit()


def _download(browser: Any, folder: Path, link_text: str) -> Path:
    """Click the link and wait for the file it downloads."""
    from selenium.webdriver.common.by import By

    before = set(folder.iterdir())
    browser.find_element(By.PARTIAL_LINK_TEXT, link_text).click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        new = [p for p in set(folder.iterdir()) - before if not p.name.endswith(".crdownload")]
        if new and new[0].stat().st_size > 0:
            return new[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing downloaded from {link_text}")


def _submit(browser: Any, file: Path) -> str:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(file))
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit]"))
    return str(browser.find_element(By.TAG_NAME, "body").text)


def _click_and_wait(browser: Any, button: Any) -> None:
    """Submit a form and wait until the page it leads to has loaded."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.deskOldPage = true")  # gone once the next page loads
    button.click()
    WebDriverWait(browser, 120, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(
            "return window.deskOldPage === undefined && document.readyState === 'complete'"
        )
    )


def _screenshot(browser: Any, out: Path) -> Path:
    """The whole page (the window made as tall as the page)."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height) + 40, 12000))
    browser.save_screenshot(str(out))
    browser.set_window_size(1280, 1000)
    keep = os.environ.get("ZFXXGK_DESK_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / out.name)
    assert out.stat().st_size > 10_000
    return out


def _values(report: zfxxgk.AnnualReport) -> dict[Any, Any]:
    return {f.path: report.get(f.path) for f in report.layout.fields()}


def test_the_clerks_round(
    browser: Any, desk: Desk, books: Any, downloads: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By

    browser.get(f"{desk.base}/u/{desk.tokens['发展改革局']}")
    assert "发展改革局" in browser.title
    template = _download(browser, downloads, "下载空白模板")
    official = zfxxgk.template_path(zfxxgk.edition_for_year(2024))
    assert template.read_bytes() == official.read_bytes()

    text = _submit(browser, books.bad)
    wrong = zfxxgk.check(zfxxgk.read(books.bad))
    likely = wrong.likely[0].cell.ref  # the cell check() names: '三、依申请'!J5
    assert "有错误（2）" in text
    assert likely in text
    assert browser.find_elements(By.CSS_SELECTOR, "td.likely")
    assert browser.find_elements(By.CSS_SELECTOR, "td.fail")
    _screenshot(browser, tmp_path / "desk-department.png")

    annotated = _download(browser, downloads, "下载标注了问题单元格的副本")
    wb = load_workbook(annotated)
    assert "校验结果" in wb.sheetnames
    sheet, cell = likely.rsplit("!", 1)
    assert wb[sheet.strip("'")][cell].comment is not None

    text = _submit(browser, books.good)
    assert "校验结果：通过" in text
    assert "完全相同" not in text
    history = browser.find_elements(By.CSS_SELECTOR, "table.list tr")
    assert len(history) == 3  # the head and two uploads


def test_the_offices_round(
    browser: Any, desk: Desk, books: Any, downloads: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By

    upload(desk, "发展改革局", books.good)  # as the clerk's round ended (or the same again)
    upload(desk, "教育局", books.other)
    upload(desk, "财政局", books.bad)

    browser.get(f"{desk.base}/office")
    browser.find_element(By.NAME, "password").send_keys(desk.password)
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit]"))
    rows = {
        r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[1].text
        for r in browser.find_elements(By.CSS_SELECTOR, "table.list tr")[1:]
    }
    assert rows == {
        "发展改革局": "通过",
        "教育局": "有警告",
        "财政局": "有错误（2）",
        "审计局": "未提交",
    }
    session = next(c for c in browser.get_cookies() if c["name"] == "desk_session")
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    _screenshot(browser, tmp_path / "desk-office.png")
    _click_and_wait(browser, browser.find_element(By.LINK_TEXT, "财政局"))
    history = str(browser.find_element(By.TAG_NAME, "body").text)
    assert "财政局 · 上传记录" in history and "有错误（2）" in history
    _screenshot(browser, tmp_path / "desk-history.png")
    browser.back()

    summary = _download(browser, downloads, "下载汇总表")
    expected = zfxxgk.aggregate([zfxxgk.read(books.good), zfxxgk.read(books.other)])
    got = zfxxgk.read(summary)
    assert _values(got) == _values(expected)
    assert (got.edition, got.year) == ("2021", 2024)
    explanation = load_workbook(summary)["汇总说明"]
    text = " ".join(str(c) for row in explanation.iter_rows(values_only=True) for c in row if c)
    assert "发展改革局" in text and "教育局" in text
    assert "财政局" in text and "审计局" in text  # named as left out, and why
