"""Pages of the dashboard (run by ``st.navigation`` in ``streamlit_app.py``) and what they share."""
