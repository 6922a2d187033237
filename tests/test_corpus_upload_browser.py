"""Every real document of ``../shared/corpus-dev/`` uploaded in the app, in Chromium: each
text that assigns anything is read with the measures and agencies the parser finds, the one
that assigns nothing says so in one line, and every page works on the last one read."""

from __future__ import annotations

from playwright.sync_api import expect

from graph.parse import parse_file
from tests.browser import chromium, recorded_page, skip_without_browser
from tests.test_corpus import CORPUS, STEMS, needs_corpus
from tests.test_e2e_app import app_url as _app_server
from tests.test_e2e_app import full_screenshot, no_exception, open_page
from tests.test_readers_browser import choose
from tests.test_sessions_browser import go

pytestmark = [skip_without_browser, needs_corpus]
app_url = _app_server  # the running app, one per module (a pytest fixture)


def test_every_corpus_text_uploaded_in_the_browser(app_url, registry):
    files = [(f"{stem}.txt", (CORPUS / f"{stem}.txt").read_bytes()) for stem in STEMS]
    expected = {}
    for stem in STEMS:
        table = parse_file(CORPUS / f"{stem}.txt", registry=registry).to_frame()
        expected[f"{stem}.txt"] = (table["measure_id"].nunique(), table["agency"].nunique())
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, f"{app_url}/upload")
        choose(page, files)
        no_exception(page)
        main = page.locator("[data-testid='stMain']")
        for name, (measures, agencies) in expected.items():
            if measures:
                success = main.locator("[data-testid='stAlertContentSuccess']").filter(
                    has_text=name
                )
                expect(success).to_contain_text(f"{measures} 项措施，{agencies} 个部门")
            else:
                error = main.locator("[data-testid='stAlertContentError']").filter(has_text=name)
                expect(error).to_contain_text("no assignment parenthetical found")
        full_screenshot(page, "corpus-upload")
        for name in ("overview", "network", "agency", "measures", "clusters", "today"):
            go(page, name)
            no_exception(page)
        assert rec.blocked == [] and rec.page_errors == [], (rec.blocked, rec.page_errors)
