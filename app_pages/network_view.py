"""The network as a Streamlit component (custom components v2): drawn in the page, clicks come back.

The drawing is the project's renderer (``graph/assets/network-view.js``),
the same script the offline snapshot inlines. Here the page loads it once,
from the app's static files (``static/`` is ``graph/assets``, served at
``/app/static/`` with ``server.enableStaticServing``), and every rerun sends
only the data (:func:`graph.render.network_page_data`); the component keeps
its drawing and its zoom, and redraws the new data in place (positions are
fixed). There is no iframe: the component lives in the app's own page.

What comes back to Python, as trigger values (one rerun each):

- ``select``: ``{"id", "kind", "agency"}`` of the node clicked (``None`` for a
  click on the background or the card's close button);
- ``profile``: the agency id whose card's "open profile" button was pressed.

:func:`show_network` turns them into the session's choices: the clicked
agency becomes the agency of the profile and of the clusters page.
"""

from __future__ import annotations

import json

import streamlit as st

from graph.render import view_script_version

# The component's own JavaScript: a loader, a few hundred bytes sent with each
# rerun. The renderer itself is fetched once per page by URL.
LOADER = """
const loading = new Map();
const views = new WeakMap();

function load(url) {
  if (window.NetworkView) { return Promise.resolve(); }
  if (!loading.has(url)) {
    loading.set(url, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load " + url));
      document.head.appendChild(script);
    }));
  }
  return loading.get(url);
}

function payload(data) {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    return JSON.parse(new TextDecoder().decode(data));
  }
  return typeof data === "string" ? JSON.parse(data) : data;
}

export default async function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const message = payload(data);
  await load(message.script);
  const host = parentElement.querySelector(".nv-host");
  let view = views.get(host);
  if (view) {
    view.update(message.network);
  } else {
    view = window.NetworkView.mount(host, message.network, {
      onSelect: (node) => setTriggerValue("select", node),
      onProfile: (agency) => setTriggerValue("profile", agency),
      onDraw: (info) => {
        (window.__networkDraws = window.__networkDraws || []).push({key: message.key, ...info});
      },
    });
    views.set(host, view);
    host.view = view;
  }
  return () => {
    view.destroy();
    views.delete(host);
  };
}
"""

HTML = '<div class="nv-host"></div>'
CSS = ".nv-host { height: 100%; }"

_renderer = st.components.v2.component("network_view", html=HTML, css=CSS, js=LOADER)


def script_url() -> str:
    """Where the page loads the renderer from (versioned, so no stale copy is ever used)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/network-view.js?v={view_script_version()}"


def mount(key: str, network: dict, height: int, on_select=None, on_profile=None):
    """Mount the component with the view's data (:func:`graph.render.network_page_data`).

    Parameters
    ----------
    key : str
        The component's key: the same key keeps the same drawing across reruns.
    network : dict
        The view's data.
    height : int
        Pixels.
    on_select, on_profile : callable, optional
        Called (with no argument) before the rerun a click causes; the values
        are in ``st.session_state[key]["select"]`` / ``["profile"]``.

    Returns
    -------
    ComponentResult
        With ``select`` and ``profile`` trigger values.
    """
    message = {"script": script_url(), "key": key, "network": network}
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _renderer(
        key=key,
        data=body,
        height=height,
        on_select_change=on_select or _ignore,
        on_profile_change=on_profile or _ignore,
    )


def _ignore() -> None:
    """A callback that does nothing (Streamlit needs one to report a trigger)."""
