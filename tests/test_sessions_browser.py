"""Uploads in a real browser: the widget, the document switch, every page, two sessions, payloads.

Starts the app (fixture ``app_url`` of ``tests/test_e2e_app.py``) and drives
Chromium: files go through the real upload widget (``set_input_files``), pages
are visited through the sidebar's navigation (a new URL would be a new
session, without the upload). Checked everywhere: no exception element, no
request outside localhost, no page error, and ``window.__pwned`` (set by every
payload of ``tests/nasty/`` should it ever run) undefined in the page and in
every frame. Screenshots: ``test-output/app-upload-*.png``.
"""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import expect

from graph.fixtures import tiny_table
from graph.paths import SOURCE_TEXT
from graph.table import write_measures
from tests.browser import chromium, recorded_page, skip_without_browser
from tests.test_e2e_app import app_url as _app_server
from tests.test_e2e_app import (
    full_screenshot,
    network_counts,
    no_exception,
    open_page,
    wait_rerun,
)

pytestmark = [skip_without_browser]
app_url = _app_server  # the running app, one per module (a pytest fixture)

NASTY = Path(__file__).parent / "nasty"
TITLES = {
    "overview": "概览",
    "network": "网络图",
    "agency": "部门档案",
    "measures": "措施",
    "clusters": "协作群",
    "today": "机构改革后",
    "upload": "上传文件",
}
BUNDLED_LABEL = "国发〔2015〕24号 (内置)"
# Files that read as documents; the hostile ones are taken through every page.
GOOD_NASTY = ("bom_crlf_gb18030.txt", "traditional.txt", "bom_utf16.csv", "formulas.csv")
HOSTILE_NASTY = ("script.txt", "script_fields.csv")
BAD_NASTY = ("empty.txt", "empty.csv", "nul.txt", "nul.csv", "mixed_encoding.txt")
BAD_NASTY += ("one_column.csv",)


def tiny_csv() -> bytes:
    buffer = io.StringIO()
    write_measures(tiny_table(), buffer)
    return buffer.getvalue().encode("utf-8")


def go(page, name: str) -> None:
    """Open a page through the sidebar navigation (same session, uploads kept)."""
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=TITLES[name]).first.click()
    wait_rerun(page)
    page.locator("[data-testid='stMain'] h1").filter(has_text=TITLES[name]).first.wait_for(
        timeout=60_000
    )
    wait_rerun(page)


def choose_file(page, name: str, content: bytes) -> None:
    """Upload through the widget on the upload page, as a user choosing a file does."""
    chooser = page.locator("[data-testid='stFileUploader'] input[type='file']")
    chooser.set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": content}])
    wait_rerun(page)
    # The upload, the callback and the rerun are done when the page shows this file's outcome.
    outcome = page.locator("[data-testid='stMain'] [data-testid='stAlert']").filter(has_text=name)
    outcome.first.wait_for(timeout=60_000)


def switch_labels(page) -> list[str]:
    """The options the sidebar's document switch offers (opens and closes its list)."""
    page.locator(".st-key-document [data-testid='stSelectbox']").click()
    options = page.locator("[role='option']")
    options.first.wait_for(timeout=10_000)
    labels = options.all_inner_texts()
    page.keyboard.press("Escape")
    return labels


def switch_to(page, label: str) -> None:
    page.locator(".st-key-document [data-testid='stSelectbox']").click()
    page.locator("[role='option']").filter(has_text=label).first.click()
    wait_rerun(page)


def shown_document(page) -> str:
    return page.locator(".st-key-document input").first.input_value()


def pwned(page) -> list:
    """``window.__pwned`` in the page and in every frame (all None when nothing ran)."""
    values = [page.evaluate("window.__pwned === undefined ? null : window.__pwned")]
    for frame in page.frames:
        if frame != page.main_frame:
            try:
                values.append(frame.evaluate("window.__pwned === undefined ? null : 1"))
            except Exception:  # a frame replaced by a rerun while we looked
                values.append(None)
    return values


def test_upload_a_text_switch_documents_and_visit_every_page(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, f"{app_url}/upload")
        no_exception(page)
        official = SOURCE_TEXT.read_text(encoding="utf-8").encode("gb18030")
        choose_file(page, "意见.txt", official)
        success = page.locator("[data-testid='stMain'] [data-testid='stAlert']").first
        expect(success).to_contain_text("74 项措施，40 个部门")
        assert shown_document(page).startswith("意见.txt · 74 项措施 · ")
        full_screenshot(page, "upload-text")
        go(page, "network")
        counts = network_counts(page)
        # The official text in GB18030 is the bundled document: 74 measures and 40 actors.
        assert counts == [114]
        for name in ("overview", "agency", "measures", "clusters", "today"):
            go(page, name)
            no_exception(page)
            assert shown_document(page).startswith("意见.txt")
            if name in ("clusters",):
                assert min(network_counts(page)) > 0
            if name == "today":
                assert min(network_counts(page, expected_frames=2)) > 0
            if name == "measures":
                # The passage comes from the uploaded text.
                page.locator("[data-testid='stMain'] mark").first.wait_for(timeout=30_000)
            full_screenshot(page, f"upload-text-{name}")

        # A table next to it; then back to the bundled document.
        go(page, "upload")
        choose_file(page, "tiny.csv", tiny_csv())
        assert shown_document(page).startswith("tiny.csv · 5 项措施 · ")
        labels = switch_labels(page)
        assert labels[0] == BUNDLED_LABEL and len(labels) == 3
        go(page, "network")
        assert network_counts(page) == [10]
        go(page, "measures")
        main = page.locator("[data-testid='stMain']")
        main.filter(has_text="上传的措施表不含原文").wait_for(timeout=30_000)
        full_screenshot(page, "upload-table-measures")
        switch_to(page, BUNDLED_LABEL)
        go(page, "network")
        no_exception(page)
        assert shown_document(page) == BUNDLED_LABEL
        assert network_counts(page) == [114]
        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors


def test_two_sessions_do_not_see_each_others_uploads(app_url):
    with (
        chromium() as browser,
        recorded_page(browser, viewport=(1400, 900)) as (first, first_rec),
        recorded_page(browser, viewport=(1400, 900)) as (second, second_rec),
    ):
        open_page(first, f"{app_url}/upload")
        open_page(second, f"{app_url}/network")
        choose_file(first, "tiny.csv", tiny_csv())
        go(first, "network")
        assert network_counts(first) == [10]
        assert len(switch_labels(first)) == 2

        # The other session, open all along and reloaded now: only the bundled document.
        second.reload()
        second.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
        wait_rerun(second)
        assert switch_labels(second) == [BUNDLED_LABEL]
        assert network_counts(second) == [114]
        go(second, "upload")
        expect(second.locator("[data-testid='stMain']").filter(has_text="tiny.csv")).to_have_count(
            0
        )
        full_screenshot(first, "upload-session-a")
        full_screenshot(second, "upload-session-b")
        for rec in (first_rec, second_rec):
            assert rec.blocked == [] and rec.page_errors == [], (rec.blocked, rec.page_errors)


def download_snapshot(page, path: Path) -> Path:
    """Click the network page's snapshot button and save what the app sends."""
    with page.expect_download() as download:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    download.value.save_as(path)
    return path


def test_every_nasty_file_through_the_widget_is_a_message_or_an_inert_document(app_url, tmp_path):
    snapshots: list[Path] = []
    with (
        chromium() as browser,
        recorded_page(browser, viewport=(1400, 900), accept_downloads=True) as (page, rec),
    ):
        open_page(page, f"{app_url}/upload")
        for name in BAD_NASTY:
            choose_file(page, name, (NASTY / name).read_bytes())
            no_exception(page)
            alert = page.locator("[data-testid='stMain'] [data-testid='stAlertContentError']")
            assert name in alert.first.inner_text(), name
            # The problems as a table (its grid is drawn after the alert).
            page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first.wait_for()
            if name == "one_column.csv":
                full_screenshot(page, "upload-problems")
        assert switch_labels(page) == [BUNDLED_LABEL]
        for name in GOOD_NASTY + HOSTILE_NASTY:
            go(page, "upload")
            choose_file(page, name, (NASTY / name).read_bytes())
            no_exception(page)
            assert shown_document(page).startswith(name), name
            pages = ["network", "agency", "measures", "clusters", "today", "overview"]
            for target in pages if name in HOSTILE_NASTY else pages[:1]:
                go(page, target)
                no_exception(page)
                if target == "network":
                    network_counts(page)
                assert pwned(page) == [None] * len(pwned(page)), (name, target)
            if name in HOSTILE_NASTY:
                go(page, "network")
                network_counts(page)
                full_screenshot(page, f"upload-nasty-{name.split('.')[0]}")
                snapshots.append(download_snapshot(page, tmp_path / f"{name}.html"))
                go(page, "measures")
                full_screenshot(page, f"upload-nasty-{name.split('.')[0]}-measures")
        assert page.evaluate("window.__pwned === undefined")
        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors
    # The snapshots the app offered for the hostile uploads, opened offline.
    with chromium() as browser:
        for path in snapshots:
            only = path.as_uri()
            with recorded_page(browser, allow=lambda url, only=only: url == only) as (page, rec):
                page.goto(only)
                page.wait_for_function("window.firstDrawMs !== undefined")
                assert page.evaluate("window.__pwned") is None
                # one measure, two agencies (one registered, one hostile unregistered name)
                assert len(page.evaluate("view.nodeIds()")) == 3
                assert rec.blocked == [] and rec.errors == [], (rec.blocked, rec.errors)
