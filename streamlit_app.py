"""Responsibility-network explorer of 国发〔2015〕24号: the dashboard's picture frame.

Sets up the page, draws the shared sidebar (language, document switch,
presentation mode, filters), and runs the page chosen in the navigation. The
pages live in ``app_pages/``; everything they compute comes from the ``graph``
package. Every page works on the document the switch chose: the bundled one
or one this session uploaded (the last page); see ``app_pages/data.py`` for
how documents are held in memory and shared.
"""

import streamlit as st

from app_pages import links, shared

st.set_page_config(
    page_title="国发〔2015〕24号 · responsibility network",
    layout="wide",
    initial_sidebar_state="expanded",
)

links.restore()
current = shared.sidebar()
shared.store(current)
shared.apply_styles(current)

# No page icons: Streamlit uses a page's icon as the browser tab's favicon and
# fetches Material icons for that from fonts.gstatic.com, a request to the
# internet (measured in tests/test_e2e_app.py).
# The upload and review pages come last: the load test clicks the first six links by position.
PAGES = ["overview", "network", "agency", "measures", "clusters", "today", "upload", "review"]
navigation = st.navigation(
    [
        st.Page(
            f"app_pages/{key}.py", title=shared.tr(key, current.lang), url_path=key, default=i == 0
        )
        for i, key in enumerate(PAGES)
    ]
)
try:
    navigation.run()
finally:
    # Also when a page stops early (an empty filter): the link still says what was chosen.
    links.write(navigation.url_path, shared.link_defaults(current))
