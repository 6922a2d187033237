"""Responsibility-network explorer of 国发〔2015〕24号: the dashboard's picture frame.

Sets up the page, draws the shared sidebar (language, presentation mode,
filters), and runs the page chosen in the navigation. The pages live in
``app_pages/``; everything they compute comes from the ``graph`` package.
"""

import streamlit as st

from app_pages import shared

st.set_page_config(
    page_title="国发〔2015〕24号 · responsibility network",
    layout="wide",
    initial_sidebar_state="expanded",
)

current = shared.sidebar()
shared.store(current)
shared.apply_styles(current)

# No icons: Streamlit's Material icon font did not render offline (names showed as text).
PAGES = ["overview", "network", "agency", "measures", "clusters", "today"]
navigation = st.navigation(
    [
        st.Page(
            f"app_pages/{key}.py", title=shared.tr(key, current.lang), url_path=key, default=i == 0
        )
        for i, key in enumerate(PAGES)
    ]
)
navigation.run()
