"""Review and correct in a real browser: a correction shows on every page, survives
re-uploading the same file, and the downloaded corrections file gives the same table
through the CLI (``python -m graph export --corrections``)."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import expect

from graph.fixtures import TINY_TEXT
from graph.paths import ROOT
from graph.table import load_measures
from tests.browser import chromium, recorded_page, skip_without_browser
from tests.test_e2e_app import app_url as _app_server
from tests.test_e2e_app import full_screenshot, no_exception, open_page, wait_rerun
from tests.test_sessions_browser import choose_file, go

pytestmark = [skip_without_browser]
app_url = _app_server  # the running app, one per module (a pytest fixture)

PAGES = ("overview", "network", "agency", "measures", "clusters", "today", "upload", "review")
REVIEW_TITLE = "核对与更正"


def go_review(page) -> None:
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=REVIEW_TITLE).first.click()
    wait_rerun(page)
    expect(page.locator("[data-testid='stMain'] h1").filter(has_text=REVIEW_TITLE)).to_have_count(1)
    wait_rerun(page)


def metric(page, index: int):
    """The overview's counts: sections, articles, measures, agencies, assignments."""
    return page.locator("[data-testid='stMetricValue']").nth(index)


def test_a_correction_made_in_the_browser(app_url, tmp_path):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 1000)) as (page, rec):
        open_page(page, app_url)
        go(page, "upload")
        choose_file(page, "tiny.txt", TINY_TEXT.encode("utf-8"))
        go_review(page)
        no_exception(page)
        # the most doubtful first: M01.01, where 商务部 leads only because it is listed first
        expect(
            page.locator("[data-testid='stMain'] strong").filter(has_text="M01.01")
        ).to_have_count(1)
        page.locator("[data-testid='stCheckbox']").filter(has_text="not an assignment").or_(
            page.locator("[data-testid='stCheckbox']").filter(has_text="不是分工")
        ).first.click()
        wait_rerun(page)
        page.locator(".st-key-review_save button").click()
        wait_rerun(page)
        no_exception(page)
        with page.expect_download() as download:
            page.locator(".st-key-corrections_download button").click()
        fixes = tmp_path / "fixes.csv"
        download.value.save_as(fixes)
        full_screenshot(page, "review-corrected")

        # every page shows the corrected document: 4 of the tiny text's 5 measures
        for name in PAGES[:-1]:
            go(page, name)
            no_exception(page)
        go(page, "overview")
        expect(metric(page, 2)).to_have_text("4")
        assignments = metric(page, 4).inner_text()

        # the same file again: the correction applies again
        go(page, "upload")
        choose_file(page, "tiny.txt", TINY_TEXT.encode("utf-8"))
        go(page, "overview")
        expect(metric(page, 2)).to_have_text("4")
        assert rec.errors == []

    # the downloaded corrections reproduce the table through the CLI
    text = tmp_path / "tiny.txt"
    text.write_text(TINY_TEXT, encoding="utf-8")
    parsed, corrected = tmp_path / "parsed.csv", tmp_path / "corrected.csv"
    run = [sys.executable, "-m", "graph"]
    subprocess.run([*run, "parse", str(text), "-o", str(parsed)], cwd=ROOT, check=True)
    subprocess.run(
        [
            *run,
            "export",
            "--what",
            "measures",
            "--data",
            str(parsed),
            "--corrections",
            str(fixes),
            "-o",
            str(corrected),
        ],
        cwd=ROOT,
        check=True,
    )
    table = load_measures(corrected)
    assert table["measure_id"].nunique() == 4 and "M01.01" not in set(table["measure_id"])
    assert str(len(table)) == assignments
