"""Responsibility-network explorer of 国发〔2015〕24号: the dashboard's picture frame.

Sets up the page, draws the sidebar of the page chosen in the navigation (a
document page: language, document switch, presentation mode, filters; a
corpus page: language, presentation mode, corpus filters), and runs the page.
The pages live in ``app_pages/``; everything they compute comes from the ``graph``
package. Every page works on the document the switch chose: the bundled one
or one this session uploaded (the last page); see ``app_pages/data.py`` for
how documents are held in memory and shared.
"""

import streamlit as st

from app_pages import corpus_sidebar, links, shared
from graph.labels import pick

st.set_page_config(
    page_title="国发〔2015〕24号 · responsibility network",
    layout="wide",
    initial_sidebar_state="expanded",
)

links.restore()

# No page icons: Streamlit uses a page's icon as the browser tab's favicon and
# fetches Material icons for that from fonts.gstatic.com, a request to the
# internet (measured in tests/test_e2e_app.py).
# The upload and review pages come last: the load test clicks the first six links by position.
# The corpus pages (several documents through time) follow in their own section.
PAGES = ["overview", "network", "agency", "measures", "clusters", "today", "upload", "review"]
lang = st.session_state.get("lang", "zh")
navigation = st.navigation(
    {
        pick(("文件", "Document"), lang): [
            st.Page(f"app_pages/{key}.py", title=shared.tr(key, lang), url_path=key, default=i == 0)
            for i, key in enumerate(PAGES)
        ],
        corpus_sidebar.tr("corpus", lang): corpus_sidebar.navigation_pages(lang),
    },
    # Every page listed: past twelve pages Streamlit would hide some behind "View more".
    # (Page titles never contain one another: the browser tests find links by their text.)
    expanded=True,
)
if corpus_sidebar.is_corpus_page(navigation.url_path):
    current = corpus_sidebar.sidebar()
    corpus_sidebar.store(current)
    corpus_sidebar.keep(corpus_sidebar.DOCUMENT_KEYS)
    defaults = shared.link_defaults(shared.settings())  # the document pages' last choices
else:
    current = shared.sidebar()
    shared.store(current)
    corpus_sidebar.keep(corpus_sidebar.CORPUS_KEYS)
    defaults = shared.link_defaults(current)
shared.apply_styles(current)
try:
    navigation.run()
finally:
    # Also when a page stops early (an empty filter): the link still says what was chosen.
    links.write(navigation.url_path, defaults)
