"""The upload page in Chromium with the files analysts have: PDF, Word, web page, and bad ones.

The official text is uploaded as a text, then as the PDF, the Word file and the
page made from it (``tests/made.py``); each must give the same network as the
text: the same measures, agencies and assignments (every edge with its role
and tooltip). Then five bad files chosen at once each get their message, and
the app keeps working. Screenshots: ``test-output/app-readers-*.png``.
"""

from __future__ import annotations

from playwright.sync_api import expect

from graph.paths import SOURCE_TEXT
from tests.browser import chromium, recorded_page, skip_without_browser
from tests.test_e2e_app import app_url as _app_server
from tests.test_e2e_app import full_screenshot, network_counts, no_exception, open_page
from tests.test_sessions_browser import BUNDLED_LABEL, go, shown_document, switch_labels

pytestmark = [skip_without_browser]
app_url = _app_server  # the running app, one per module (a pytest fixture)


def choose(page, files: list[tuple[str, bytes]]) -> None:
    """Choose files in the upload widget and wait until each one's outcome is shown."""
    chooser = page.locator("[data-testid='stFileUploader'] input[type='file']")
    chooser.set_input_files(
        files=[{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in files]
    )
    alerts = page.locator("[data-testid='stMain'] [data-testid='stAlert']")
    for name, _ in files:
        alerts.filter(has_text=name).first.wait_for(timeout=120_000)


def edges(page) -> list:
    """Every edge the network page draws: from, to, tooltip, dashed (a partner)."""
    network_counts(page)
    return page.locator(".nv-host").first.evaluate("host => host.view.edges()")


def test_each_kind_of_file_gives_the_network_of_the_text(app_url, made_files):
    name = SOURCE_TEXT.stem
    uploads = [
        ("意见.txt", SOURCE_TEXT.read_bytes()),
        ("意见.pdf", made_files.pdf(name).read_bytes()),
        ("意见.docx", made_files.docx(name).read_bytes()),
        ("意见.html", made_files.html(name).read_bytes()),
    ]
    drawn = {}
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, f"{app_url}/upload")
        for file_name, content in uploads:
            go(page, "upload")
            choose(page, [(file_name, content)])
            no_exception(page)
            success = page.locator("[data-testid='stMain'] [data-testid='stAlertContentSuccess']")
            assert "74 项措施，40 个部门" in success.filter(has_text=file_name).first.inner_text()
            assert shown_document(page).startswith(f"{file_name} · 74 项措施 · ")
            kind = file_name.rsplit(".", 1)[1]
            full_screenshot(page, f"app-readers-upload-{kind}")
            go(page, "network")
            assert network_counts(page) == [114]
            drawn[kind] = edges(page)
            go(page, "measures")
            page.locator("[data-testid='stMain'] mark").first.wait_for(timeout=30_000)
            full_screenshot(page, f"app-readers-measures-{kind}")
        assert len(drawn["txt"]) == 211
        for kind in ("pdf", "docx", "html"):
            assert drawn[kind] == drawn["txt"], kind
        # The Word file and the page give the same source text, so one document (same key).
        assert len(switch_labels(page)) == 4
        assert rec.blocked == [] and rec.page_errors == [], (rec.blocked, rec.page_errors)


def test_bad_files_chosen_together_each_get_a_message_and_the_app_keeps_working(
    app_url, made_files
):
    bad = [
        ("扫描件.pdf", made_files.scanned_pdf.read_bytes(), "no text layer"),
        ("加密.pdf", made_files.encrypted_pdf.read_bytes(), "encrypted"),
        ("截断.pdf", made_files.truncated_pdf.read_bytes(), "incomplete"),
        ("空.docx", b"", "the file is empty (0 bytes)"),
        ("表格.xlsx", b"PK\x03\x04", "not a policy text"),
    ]
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, f"{app_url}/upload")
        choose(page, [(n, b) for n, b, _ in bad])
        no_exception(page)
        errors = page.locator("[data-testid='stMain'] [data-testid='stAlertContentError']")
        expect(errors).to_have_count(len(bad))
        for name, _, phrase in bad:
            assert phrase in errors.filter(has_text=name).first.inner_text(), name
        page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first.wait_for()
        full_screenshot(page, "app-readers-bad-files")
        assert switch_labels(page) == [BUNDLED_LABEL]
        go(page, "network")
        no_exception(page)
        assert network_counts(page) == [114]
        assert rec.blocked == [] and rec.page_errors == [], (rec.blocked, rec.page_errors)
