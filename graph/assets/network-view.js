// The network view: one renderer for the app's component and the offline snapshot.
//
// A plain canvas 2D renderer of precomputed positions (no physics, no
// library): edges are stroked as one path per line style and nodes filled as
// one path per colour, both built once in graph coordinates, so a frame costs
// a handful of calls whatever the size; labels are drawn only where they are
// large enough to read. Every text from the data reaches the page through
// textContent or the canvas, never as HTML.
//
// NetworkView.mount(host, data, hooks) builds the view inside host (an element
// or a shadow root) and returns {update(data), fit(ids), labelBoxes(), ...};
// hooks: onSelect(node|null), onProfile(agencyId), onDraw(info).
(function (global) {
  "use strict";

  const CSS = `
.nv { font-family: var(--nv-font); color: #1a1a1a; background: #fff; display: flex;
  flex-direction: column; height: 100%; min-height: var(--nv-min-height, 240px); }
.nv h1.nv-title { font-size: 18px; margin: 0; padding: 6px 12px 0; line-height: 1.3; }
.nv-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 12px; }
.nv-toolbar input { font: inherit; padding: 3px 6px; min-width: 14em; }
.nv-toolbar button { font: inherit; padding: 3px 10px; cursor: pointer; }
.nv-status { color: #555; font-size: 13px; }
.nv-stage { display: flex; flex: 1 1 auto; min-height: 200px; border-top: 1px solid #ddd;
  border-bottom: 1px solid #ddd; }
.nv-canvas-box { position: relative; flex: 1 1 auto; min-width: 0; overflow: hidden; }
.nv-canvas-box canvas { position: absolute; inset: 0; width: 100%; height: 100%;
  touch-action: none; cursor: grab; }
.nv-canvas-box canvas.nv-over { cursor: pointer; }
.nv-legend { flex: 0 0 16rem; max-width: 30%; overflow: auto; border-left: 1px solid #ddd;
  padding: 6px 10px; font-size: 13px; background: #fff; }
.nv-legend:not([open]) { flex-basis: auto; }
.nv-legend summary { font-weight: bold; cursor: pointer; white-space: nowrap; }
.nv-legend ul { list-style: none; margin: 4px 0; padding: 0; }
.nv-legend li { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
.nv-legend li.nv-note { display: block; margin-top: 8px; color: #555; }
.nv-swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #333; flex: none; }
.nv-swatch.nv-dot { border-radius: 50%; }
.nv-swatch.nv-sized { background: #bbb; max-width: 6rem; max-height: 6rem; }
.nv-swatch.nv-box { border-radius: 2px; }
.nv-line { display: inline-block; width: 28px; height: 0; flex: none; }
.nv-foot { display: flex; flex-wrap: wrap; gap: 4px 24px; padding: 4px 12px 6px; font-size: 12px;
  color: #444; }
.nv-foot h2 { font-size: 12px; margin: 0; display: inline; }
.nv-foot ul { display: inline; margin: 0; padding: 0 0 0 6px; list-style: none; }
.nv-foot li { display: inline; }
.nv-foot li + li::before { content: " · "; }
.nv-tooltip { position: absolute; z-index: 3; pointer-events: none; white-space: pre-wrap;
  max-width: 30em; font-size: 13px; line-height: 1.45; background: #fffff4; color: #000;
  border: 1px solid #999; border-radius: 3px; padding: 5px 8px; box-shadow: 2px 2px 6px #0002; }
.nv-card { position: absolute; z-index: 2; top: 8px; left: 8px; max-width: min(26em, 60%);
  max-height: calc(100% - 16px); overflow: auto; background: #fff; border: 1px solid #888;
  border-radius: 4px; padding: 8px 12px; font-size: 14px; line-height: 1.5;
  box-shadow: 2px 2px 8px #0003; }
.nv-card h3 { font-size: 16px; margin: 0 1.6em 2px 0; }
.nv-card p { margin: 4px 0; }
.nv-card .nv-sub { color: #444; }
.nv-card .nv-label { font-weight: 600; }
.nv-card dl { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; margin: 6px 0; }
.nv-card dt { color: #444; }
.nv-card dd { margin: 0; font-weight: 600; }
.nv-card mark { background: #ffe066; color: #000; padding: 0 1px; }
.nv-card .nv-close { position: absolute; top: 4px; right: 6px; border: 0; background: none;
  font-size: 18px; cursor: pointer; }
.nv-card .nv-profile { margin-top: 6px; font: inherit; padding: 3px 10px; cursor: pointer; }
.nv.nv-presentation h1.nv-title { font-size: 28px; }
.nv.nv-presentation .nv-legend { font-size: 18px; flex-basis: 20rem; }
.nv.nv-presentation .nv-foot { font-size: 15px; color: #000; }
.nv.nv-presentation .nv-foot h2 { font-size: 15px; }
.nv.nv-presentation .nv-swatch { width: 18px; height: 18px; }
.nv.nv-presentation .nv-tooltip, .nv.nv-presentation .nv-card { font-size: 20px; }
.nv.nv-presentation .nv-card h3 { font-size: 24px; }
.nv:fullscreen { height: 100vh; }
`;

  const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", ' +
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
  const LABEL_MIN_PX = 4;      // labels smaller than this on screen are not drawn
  const FADED_ALPHA = 0.12;    // what hovering leaves of the nodes it does not concern
  const LINE_HEIGHT = 1.2;
  // While the reader zooms or pans a picture of more nodes and lines than this
  // (whose full frame a canvas without GPU takes tens of milliseconds to
  // rasterise), each frame shows the last full frame moved and scaled, and the
  // full frame follows once the camera has rested for SETTLE_MS.
  const QUICK_FROM_ITEMS = 4000;
  const SETTLE_MS = 150;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // ------------------------------------------------------------- the model

  // Nodes, edges and their geometry in graph coordinates, built once per data.
  function buildModel(data, ctx) {
    const nodes = data.nodes;
    const index = new Map();
    nodes.forEach((node, i) => index.set(node.id, i));
    const labelled = !data.omitted || data.omitted.indexOf("measure_labels") < 0;
    nodes.forEach((node) => {
      const font = node.font || {};
      node.fontSize = font.size || 14;
      node.fontColor = font.color || "#1a1a1a";
      node.halo = font.strokeWidth ? {width: font.strokeWidth, color: font.strokeColor || "#fff"} : null;
      const label = node.label === undefined || node.label === null ? "" : String(node.label);
      node.text = node.shape === "box" && !labelled ? "" : label;
      node.lines = node.text ? node.text.split("\n") : [];
      ctx.font = node.fontSize + "px " + FONT;
      node.textWidth = Math.max(0, ...node.lines.map((line) => ctx.measureText(line).width));
      const color = node.color || {};
      node.fill = color.background || "#97c2fc";
      node.stroke = color.border || "#333";
      node.borderWidth = node.borderWidth === undefined ? 1 : node.borderWidth;
      const textHeight = node.fontSize * LINE_HEIGHT * Math.max(1, node.lines.length);
      if (node.shape === "box") {
        const margin = node.margin === undefined ? 4 : node.margin;
        node.w = (node.text ? node.textWidth : node.fontSize * 0.6) + 2 * margin;
        node.h = (node.text ? textHeight : node.fontSize * 0.6) + 2 * margin;
        node.labelBox = node.text ? [node.x - node.textWidth / 2, node.y - textHeight / 2,
          node.textWidth, textHeight] : null;
        node.box = [node.x - node.w / 2, node.y - node.h / 2, node.w, node.h];
      } else {
        const r = node.size || 8;
        node.r = r;
        const place = node.labelPosition || "below";
        let box = null;
        if (node.text) {
          if (place === "right") {
            box = [node.x + r + 4, node.y - textHeight / 2, node.textWidth, textHeight];
          } else if (place === "left") {
            box = [node.x - r - 4 - node.textWidth, node.y - textHeight / 2, node.textWidth,
              textHeight];
          } else {
            box = [node.x - node.textWidth / 2, node.y + r + 2, node.textWidth, textHeight];
          }
        }
        node.labelBox = box;
        node.box = [node.x - r, node.y - r, 2 * r, 2 * r];
      }
      node.bounds = union(node.box, node.labelBox);
    });

    // Edges: compact arrays; one path per style, dimmed styles first.
    const layer = data.edges;
    const count = layer.list.length / 3;
    const from = new Int32Array(count), to = new Int32Array(count), style = new Int32Array(count);
    for (let e = 0; e < count; e++) {
      from[e] = layer.list[3 * e];
      to[e] = layer.list[3 * e + 1];
      style[e] = layer.list[3 * e + 2];
    }
    const edgePaths = layer.styles.map(() => new Path2D());
    for (let e = 0; e < count; e++) {
      const a = nodes[from[e]], b = nodes[to[e]];
      const path = edgePaths[style[e]];
      path.moveTo(a.x, a.y);
      path.lineTo(b.x, b.y);
    }
    // Nodes: one path per (shape, fill, stroke, border).
    const groups = new Map();
    nodes.forEach((node, i) => {
      const key = [node.shape, node.fill, node.stroke, node.borderWidth].join("|");
      let group = groups.get(key);
      if (!group) {
        group = {shape: node.shape, fill: node.fill, stroke: node.stroke,
          borderWidth: node.borderWidth, path: new Path2D(), members: []};
        groups.set(key, group);
      }
      addShape(group.path, node);
      group.members.push(i);
    });
    // Boxes under dots, in the order groups were met (measures come first in the spec).
    const nodeGroups = Array.from(groups.values());

    // Adjacency (compressed rows), for hover, ego and search.
    const degree = new Int32Array(nodes.length + 1);
    for (let e = 0; e < count; e++) { degree[from[e] + 1]++; degree[to[e] + 1]++; }
    for (let i = 0; i < nodes.length; i++) { degree[i + 1] += degree[i]; }
    const neighbours = new Int32Array(2 * count), edgeOf = new Int32Array(2 * count);
    const fill = degree.slice(0, nodes.length);
    for (let e = 0; e < count; e++) {
      neighbours[fill[from[e]]] = to[e]; edgeOf[fill[from[e]]++] = e;
      neighbours[fill[to[e]]] = from[e]; edgeOf[fill[to[e]]++] = e;
    }
    return {nodes, index, from, to, style, styles: layer.styles, titles: layer.titles || null,
      count, edgePaths, nodeGroups, offsets: degree, neighbours, edgeOf,
      grid: buildGrid(nodes)};
  }

  function addShape(path, node) {
    if (node.shape === "box") {
      const [x, y, w, h] = node.box;
      path.rect(x, y, w, h);
    } else {
      path.moveTo(node.x + node.r, node.y);
      path.arc(node.x, node.y, node.r, 0, 2 * Math.PI);
    }
  }

  function union(a, b) {
    if (!b) { return a.slice(); }
    const left = Math.min(a[0], b[0]), top = Math.min(a[1], b[1]);
    const right = Math.max(a[0] + a[2], b[0] + b[2]), bottom = Math.max(a[1] + a[3], b[1] + b[3]);
    return [left, top, right - left, bottom - top];
  }

  // A uniform grid over the nodes' bounds, for finding the node under the pointer.
  function buildGrid(nodes) {
    if (!nodes.length) { return null; }
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity, area = 0;
    nodes.forEach((n) => {
      const b = n.bounds;
      left = Math.min(left, b[0]); top = Math.min(top, b[1]);
      right = Math.max(right, b[0] + b[2]); bottom = Math.max(bottom, b[1] + b[3]);
      area += b[2] * b[3];
    });
    const cell = Math.max(Math.sqrt(area / nodes.length) * 2, 1);
    const cols = Math.max(1, Math.ceil((right - left) / cell) + 1);
    const rows = Math.max(1, Math.ceil((bottom - top) / cell) + 1);
    const cells = new Map();
    nodes.forEach((n, i) => {
      const b = n.bounds;
      const c0 = Math.floor((b[0] - left) / cell), c1 = Math.floor((b[0] + b[2] - left) / cell);
      const r0 = Math.floor((b[1] - top) / cell), r1 = Math.floor((b[1] + b[3] - top) / cell);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const key = r * cols + c;
          let list = cells.get(key);
          if (!list) { list = []; cells.set(key, list); }
          list.push(i);
        }
      }
    });
    return {left, top, cell, cols, rows, cells};
  }

  function inside(box, x, y) {
    return box && x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3];
  }

  // ------------------------------------------------------------- the view

  function mount(host, data, hooks) {
    hooks = hooks || {};
    const ui = data.ui || {};
    const root = el("div", "nv");
    root.style.setProperty("--nv-font", FONT);
    if (data.minHeight) { root.style.setProperty("--nv-min-height", data.minHeight + "px"); }
    const style = el("style");
    style.textContent = CSS;
    host.appendChild(style);
    host.appendChild(root);

    const title = el("h1", "nv-title");
    const toolbar = el("div", "nv-toolbar");
    const form = el("form", "nv-search");
    form.setAttribute("role", "search");
    const search = el("input");
    search.type = "search";
    search.autocomplete = "off";
    const listId = "nv-names-" + Math.random().toString(36).slice(2);
    const datalist = el("datalist");
    datalist.id = listId;
    search.setAttribute("list", listId);
    const findButton = el("button", "nv-find");
    findButton.type = "submit";
    form.append(search, findButton, datalist);
    const status = el("span", "nv-status");
    status.setAttribute("aria-live", "polite");
    const fitButton = el("button", "nv-fit");
    const pngButton = el("button", "nv-png");
    const fullButton = el("button", "nv-fullscreen");
    [fitButton, pngButton, fullButton].forEach((b) => { b.type = "button"; });
    toolbar.append(form, status, fitButton, pngButton, fullButton);
    const stage = el("div", "nv-stage");
    const box = el("div", "nv-canvas-box");
    const canvas = el("canvas");
    const tooltip = el("div", "nv-tooltip");
    tooltip.hidden = true;
    const card = el("div", "nv-card");
    card.hidden = true;
    box.append(canvas, tooltip, card);
    const legend = el("details", "nv-legend");
    legend.open = true;
    stage.append(box, legend);
    const foot = el("footer", "nv-foot");
    root.append(title, toolbar, stage, foot);
    const ctx = canvas.getContext("2d");

    let model = null, words = ui;
    let scale = 1, tx = 0, ty = 0;          // screen = graph * scale + t
    let width = 0, height = 0, dpr = 1;
    let fitTarget = [], viewMoved = false, viewKey = null;
    let hovered = -1, selected = -1, ego = null;  // ego: Set of node indices or null
    let frame = 0, draws = 0, firstDraw = null;
    let needFull = true, lastMove = -Infinity, settleTimer = 0, quickDraws = 0;
    const cache = document.createElement("canvas");
    let cached = null;  // the camera of the frame in ``cache``
    let tooltipTimer = 0;

    function setData(next) {
      data = next;
      words = data.ui || words;
      root.classList.toggle("nv-presentation", !!data.presentation);
      title.textContent = data.title || "";
      title.hidden = !data.title;
      search.placeholder = words.search || "";
      search.setAttribute("aria-label", words.search || "");
      findButton.textContent = words.search_button || "";
      fitButton.textContent = words.fit_all || "";
      pngButton.textContent = words.png || "";
      fullButton.textContent = words.fullscreen || "";
      fullButton.hidden = !document.fullscreenEnabled;
      toolbar.hidden = data.toolbar === false;
      fillLegend();
      fillFoot();
      const selectedId = selected >= 0 && model ? model.nodes[selected].id : null;
      model = buildModel(data, ctx);
      // data-nodes tells what the last frame drew for the data held now: cleared
      // until the new data's first frame (the title above changes at once).
      delete root.dataset.nodes;
      hovered = -1;
      ego = null;
      selected = -1;
      const wanted = data.selected !== undefined ? data.selected : selectedId;
      if (wanted !== null && wanted !== undefined && model.index.has(wanted)) {
        selected = model.index.get(wanted);
        showCard(selected);
      } else {
        hideCard();
      }
      datalist.textContent = "";
      suggestionsFilled = false;
      const key = JSON.stringify([data.viewKey || null, data.focus || []]);
      if (key !== viewKey || !viewMoved) {
        viewKey = key;
        fitTarget = data.focus || [];
        fit(fitTarget);
      } else {
        schedule();
      }
    }

    // ---- legend and footer, from data, through textContent
    function fillLegend() {
      legend.textContent = "";
      const summary = el("summary", null, words.legend || "");
      const list = el("ul");
      (data.legend || []).forEach((entry) => {
        const item = el("li");
        const kind = entry.type;
        if (kind === "note") {
          item.className = "nv-note";
          item.textContent = entry.label;
          list.appendChild(item);
          return;
        }
        let mark;
        let text = String(entry.label || "");
        if (kind === "line") {
          mark = el("span", "nv-line");
          mark.style.borderTop = Math.max(1, Number(entry.width) || 1) + "px " +
            (entry.dashes ? "dashed " : "solid ") + safeColor(entry.color);
        } else if (kind === "size") {
          mark = el("span", "nv-swatch nv-dot nv-sized");
          mark.dataset.radius = String(Number(entry.size) || 8);
          text += " = " + entry.value;
        } else {
          mark = el("span", "nv-swatch " + (entry.shape === "box" ? "nv-box" : "nv-dot"));
          mark.style.background = safeColor(entry.color);
        }
        item.append(mark, document.createTextNode(text));
        list.appendChild(item);
      });
      legend.append(summary, list);
      legend.hidden = !(data.legend || []).length;
    }

    function fillFoot() {
      foot.textContent = "";
      [["filters", "nv-filters"], ["provenance", "nv-provenance"]].forEach(([key, cls]) => {
        const lines = data[key] || [];
        if (!lines.length) { return; }
        const part = el("div", cls);
        const list = el("ul");
        lines.forEach((line) => list.appendChild(el("li", null, line)));
        part.append(el("h2", null, words[key] || ""), list);
        foot.appendChild(part);
      });
      foot.hidden = !foot.childNodes.length;
    }

    // ---- camera
    function resize() {
      const rect = box.getBoundingClientRect();
      dpr = global.devicePixelRatio || 1;
      const w = Math.round(rect.width), h = Math.round(rect.height);
      if (w === width && h === height) { return false; }
      const wasEmpty = width === 0 || height === 0;
      const centre = toGraph(width / 2, height / 2);
      width = w; height = h;
      canvas.width = Math.max(1, Math.round(w * dpr));
      canvas.height = Math.max(1, Math.round(h * dpr));
      if (!w || !h) { return true; }
      if (wasEmpty || !viewMoved) {
        fit(fitTarget);
      } else {
        tx = width / 2 - centre[0] * scale;
        ty = height / 2 - centre[1] * scale;
      }
      return true;
    }

    function toGraph(x, y) { return [(x - tx) / scale, (y - ty) / scale]; }

    function boundsOf(ids) {
      let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
      const list = ids && ids.length ? ids.map((id) => model.index.get(id)).filter((i) => i !== undefined)
        : (ego ? Array.from(ego) : model.nodes.map((_, i) => i));
      list.forEach((i) => {
        const b = model.nodes[i].bounds;
        left = Math.min(left, b[0]); top = Math.min(top, b[1]);
        right = Math.max(right, b[0] + b[2]); bottom = Math.max(bottom, b[1] + b[3]);
      });
      return left === Infinity ? null : [left, top, right - left, bottom - top];
    }

    // Show the nodes ``ids`` (all when empty) as large as the frame allows, never
    // above data.maxScale (1 by default).
    function fit(ids) {
      if (!model) { return; }
      if (!width || !height) { resize(); }
      const b = boundsOf(ids);
      if (b && width && height) {
        const limit = data.maxScale || 1;
        scale = Math.min(limit, width / (1.1 * Math.max(b[2], 1)), height / (1.1 * Math.max(b[3], 1)));
        tx = width / 2 - (b[0] + b[2] / 2) * scale;
        ty = height / 2 - (b[1] + b[3] / 2) * scale;
      }
      viewMoved = false;
      schedule();
    }

    function zoomAt(factor, x, y) {
      const next = Math.min(Math.max(scale * factor, 1e-4), 40);
      const [gx, gy] = toGraph(x, y);
      scale = next;
      tx = x - gx * scale;
      ty = y - gy * scale;
      viewMoved = true;
      moveCamera();
    }

    // The camera moved and nothing else: quick frames while it moves, the full
    // frame once it has rested for SETTLE_MS (measured from the last move, so that
    // slow frames on a busy machine do not count as rest).
    function moveCamera() {
      lastMove = performance.now();
      if (!settleTimer) { settleTimer = setTimeout(settle, SETTLE_MS); }
      schedule(false);
    }

    function settle() {
      const rested = performance.now() - lastMove;
      if (rested >= SETTLE_MS) {
        settleTimer = 0;
        schedule();
      } else {
        settleTimer = setTimeout(settle, SETTLE_MS - rested);
      }
    }

    // ---- drawing
    function schedule(full = true) {
      if (full) { needFull = true; }
      if (frame) { return; }
      frame = requestAnimationFrame(() => {
        frame = 0;
        const moving = performance.now() - lastMove < SETTLE_MS;
        const quick = !needFull && moving && cached;
        needFull = false;
        if (quick) { drawQuick(); } else { draw(); }
      });
    }

    // The last full frame, moved and scaled to the current camera.
    function drawQuick() {
      const k = scale / cached.scale;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (tx - cached.tx * k), dpr * (ty - cached.ty * k));
      ctx.drawImage(cache, 0, 0, cached.width, cached.height);
      quickDraws += 1;
      updateSwatches();
    }

    function faded() {
      if (hovered < 0) { return null; }
      const keep = new Set([hovered]);
      for (let k = model.offsets[hovered]; k < model.offsets[hovered + 1]; k++) {
        keep.add(model.neighbours[k]);
      }
      return keep;
    }

    function draw() {
      if (!model) { return; }
      if (!width || !height) { resize(); }
      if (!width || !height) { return; }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * tx, dpr * ty);
      const keep = faded();
      if (ego) {
        drawSubset(ego, 1);
      } else {
        ctx.globalAlpha = keep ? FADED_ALPHA : 1;
        drawEdges();
        drawNodes();
        drawLabels(null);
        ctx.globalAlpha = 1;
        if (keep) { drawSubset(keep, 1); }
      }
      if (selected >= 0 && (!ego || ego.has(selected))) { drawRing(selected); }
      keepFrame();
      draws += 1;
      const now = performance.now();
      root.dataset.draws = String(draws);
      root.dataset.nodes = String(ego ? ego.size : model.nodes.length);
      if (firstDraw === null) {
        firstDraw = now;
        if (hooks.onFirstDraw) { hooks.onFirstDraw(now); }
      }
      if (hooks.onDraw) { hooks.onDraw({time: now, draws, nodes: model.nodes.length}); }
      updateSwatches();
    }

    // Keep the full frame for quick frames (only for large pictures).
    function keepFrame() {
      if (model.nodes.length + model.count < QUICK_FROM_ITEMS) { cached = null; return; }
      if (cache.width !== canvas.width || cache.height !== canvas.height) {
        cache.width = canvas.width;
        cache.height = canvas.height;
      }
      const c = cache.getContext("2d");
      c.setTransform(1, 0, 0, 1, 0, 0);
      c.drawImage(canvas, 0, 0);
      cached = {scale, tx, ty, width, height};
    }

    function lineWidth(width) { return Math.max(width, 0.3 / scale); }

    function strokeStyle(s, extra) {
      ctx.lineWidth = lineWidth(s.width + (extra || 0));
      ctx.strokeStyle = s.color;
      ctx.setLineDash(s.dashes ? [5, 5] : []);
    }

    function drawEdges() {
      if (data.hideEdgesOnMove && moving) { return; }
      model.styles.forEach((s, k) => {
        strokeStyle(s);
        ctx.stroke(model.edgePaths[k]);
      });
      ctx.setLineDash([]);
    }

    function drawNodes() {
      model.nodeGroups.forEach((g) => {
        ctx.fillStyle = g.fill;
        ctx.fill(g.path);
        if (g.borderWidth > 0) {
          ctx.lineWidth = lineWidth(g.borderWidth);
          ctx.strokeStyle = g.stroke;
          ctx.stroke(g.path);
        }
      });
    }

    // The nodes of ``subset`` (a Set of indices) and the edges between them, one by one.
    function drawSubset(subset, alpha) {
      ctx.globalAlpha = alpha;
      for (let e = 0; e < model.count; e++) {
        if (!subset.has(model.from[e]) || !subset.has(model.to[e])) { continue; }
        const a = model.nodes[model.from[e]], b = model.nodes[model.to[e]];
        strokeStyle(model.styles[model.style[e]]);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      subset.forEach((i) => {
        const node = model.nodes[i];
        const path = new Path2D();
        addShape(path, node);
        ctx.fillStyle = node.fill;
        ctx.fill(path);
        if (node.borderWidth > 0) {
          ctx.lineWidth = lineWidth(node.borderWidth);
          ctx.strokeStyle = node.stroke;
          ctx.stroke(path);
        }
      });
      drawLabels(subset);
      ctx.globalAlpha = 1;
    }

    function drawRing(i) {
      const node = model.nodes[i];
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "#d62728";
      const path = new Path2D();
      if (node.shape === "box") {
        const pad = 3 / scale;
        path.rect(node.box[0] - pad, node.box[1] - pad, node.box[2] + 2 * pad, node.box[3] + 2 * pad);
      } else {
        path.arc(node.x, node.y, node.r + 3 / scale, 0, 2 * Math.PI);
      }
      ctx.stroke(path);
    }

    // Labels large enough to read and inside the frame (all of ``subset`` when given).
    function drawLabels(subset) {
      const [left, top] = toGraph(0, 0), [right, bottom] = toGraph(width, height);
      const visit = subset ? Array.from(subset) : null;
      const total = visit ? visit.length : model.nodes.length;
      ctx.textBaseline = "middle";
      ctx.textAlign = "center";
      let font = "";
      for (let k = 0; k < total; k++) {
        const node = model.nodes[visit ? visit[k] : k];
        const b = node.labelBox;
        if (!b || node.fontSize * scale < LABEL_MIN_PX) { continue; }
        if (b[0] > right || b[0] + b[2] < left || b[1] > bottom || b[1] + b[3] < top) { continue; }
        const next = node.fontSize + "px " + FONT;
        if (next !== font) { ctx.font = next; font = next; }
        const cx = b[0] + b[2] / 2, step = node.fontSize * LINE_HEIGHT;
        node.lines.forEach((line, k) => {
          const cy = b[1] + step * (k + 0.5);
          if (node.halo) {
            ctx.lineJoin = "round";
            ctx.lineWidth = node.halo.width;
            ctx.strokeStyle = node.halo.color;
            ctx.strokeText(line, cx, cy);
          }
          ctx.fillStyle = node.fontColor;
          ctx.fillText(line, cx, cy);
        });
      }
    }

    // Size swatches show node sizes as drawn at the current zoom.
    let swatchScale = null;
    function updateSwatches() {
      if (scale === swatchScale) { return; }
      swatchScale = scale;
      legend.querySelectorAll(".nv-sized").forEach((swatch) => {
        const diameter = Math.max(4, 2 * Number(swatch.dataset.radius) * scale);
        swatch.style.width = diameter + "px";
        swatch.style.height = diameter + "px";
      });
    }

    // ---- finding nodes
    function nodeAt(x, y) {
      const grid = model && model.grid;
      if (!grid) { return -1; }
      const [gx, gy] = toGraph(x, y);
      const c = Math.floor((gx - grid.left) / grid.cell), r = Math.floor((gy - grid.top) / grid.cell);
      const list = grid.cells.get(r * grid.cols + c);
      if (!list) { return -1; }
      for (let k = list.length - 1; k >= 0; k--) {
        const i = list[k];
        if (ego && !ego.has(i)) { continue; }
        const node = model.nodes[i];
        if (node.shape === "box") {
          if (inside(node.box, gx, gy)) { return i; }
        } else {
          const dx = gx - node.x, dy = gy - node.y;
          if (dx * dx + dy * dy <= node.r * node.r || inside(node.labelBox, gx, gy)) { return i; }
        }
      }
      return -1;
    }

    // ---- pointer: pan, zoom, hover, click, double click
    const pointers = new Map();
    let press = null, moving = false, pinch = null;
    canvas.addEventListener("pointerdown", (event) => {
      canvas.setPointerCapture(event.pointerId);
      pointers.set(event.pointerId, [event.offsetX, event.offsetY]);
      if (pointers.size === 2) {
        const [a, b] = Array.from(pointers.values());
        pinch = {distance: Math.hypot(a[0] - b[0], a[1] - b[1]), scale};
        press = null;
        return;
      }
      press = {x: event.offsetX, y: event.offsetY, tx, ty, moved: false};
    });
    canvas.addEventListener("pointermove", (event) => {
      if (pointers.has(event.pointerId)) { pointers.set(event.pointerId, [event.offsetX, event.offsetY]); }
      if (pinch && pointers.size === 2) {
        const [a, b] = Array.from(pointers.values());
        const distance = Math.hypot(a[0] - b[0], a[1] - b[1]);
        zoomAt((pinch.scale * distance / pinch.distance) / scale, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
        return;
      }
      if (press) {
        const dx = event.offsetX - press.x, dy = event.offsetY - press.y;
        if (!press.moved && Math.hypot(dx, dy) < 4) { return; }
        press.moved = true;
        moving = true;
        tx = press.tx + dx;
        ty = press.ty + dy;
        viewMoved = true;
        hideTooltip();
        moveCamera();
        return;
      }
      const found = nodeAt(event.offsetX, event.offsetY);
      hover(found, event.offsetX, event.offsetY);
      if (found < 0) { hoverEdge(edgeAt(event.offsetX, event.offsetY), event.offsetX, event.offsetY); }
    });
    function release(event) {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) { pinch = null; }
      const wasMoving = moving;
      moving = false;
      if (press && !press.moved && event.type === "pointerup") {
        click(nodeAt(event.offsetX, event.offsetY));
      }
      press = null;
      if (wasMoving) { schedule(); }
    }
    canvas.addEventListener("pointerup", release);
    canvas.addEventListener("pointercancel", release);
    canvas.addEventListener("pointerleave", () => { if (!press) { hover(-1); } });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      const step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.pow(1.0015, -step), event.offsetX, event.offsetY);
    }, {passive: false});
    canvas.addEventListener("dblclick", (event) => {
      const i = nodeAt(event.offsetX, event.offsetY);
      if (i >= 0) { showEgo(i); }
    });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        if (!card.hidden) { select(-1); } else if (ego) { showAll(); }
      }
    });

    function hover(i, x, y) {
      canvas.classList.toggle("nv-over", i >= 0);
      if (i === hovered) {
        if (i >= 0 && !tooltip.hidden) { placeTooltip(x, y); }
        return;
      }
      hovered = i;
      hoveredEdge = -1;
      hideTooltip();
      if (i >= 0) {
        clearTimeout(tooltipTimer);
        tooltipTimer = setTimeout(() => {
          tooltip.textContent = model.nodes[i].title || model.nodes[i].text;
          tooltip.hidden = false;
          placeTooltip(x, y);
        }, 120);
      }
      schedule();
    }

    // The line under the pointer (within 4 pixels), when lines have tooltips.
    function edgeAt(x, y) {
      if (!model.titles || ego) { return -1; }
      const [gx, gy] = toGraph(x, y);
      const reach = 4 / scale;
      let best = -1, bestDistance = reach;
      for (let e = 0; e < model.count; e++) {
        const a = model.nodes[model.from[e]], b = model.nodes[model.to[e]];
        const dx = b.x - a.x, dy = b.y - a.y, length = dx * dx + dy * dy;
        const t = length ? Math.max(0, Math.min(1, ((gx - a.x) * dx + (gy - a.y) * dy) / length)) : 0;
        const distance = Math.hypot(gx - a.x - t * dx, gy - a.y - t * dy);
        if (distance < bestDistance) { best = e; bestDistance = distance; }
      }
      return best;
    }

    let hoveredEdge = -1;
    function hoverEdge(e, x, y) {
      if (e === hoveredEdge) {
        if (e >= 0 && !tooltip.hidden) { placeTooltip(x, y); }
        return;
      }
      hoveredEdge = e;
      hideTooltip();
      if (e >= 0 && model.titles[e]) {
        tooltipTimer = setTimeout(() => {
          tooltip.textContent = model.titles[e];
          tooltip.hidden = false;
          placeTooltip(x, y);
        }, 120);
      }
    }

    function placeTooltip(x, y) {
      const room = box.getBoundingClientRect();
      const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      tooltip.style.left = Math.max(0, Math.min(x + 14, room.width - w - 4)) + "px";
      tooltip.style.top = Math.max(0, Math.min(y + 14, room.height - h - 4)) + "px";
    }

    function hideTooltip() {
      clearTimeout(tooltipTimer);
      tooltip.hidden = true;
    }

    let clickTimer = 0;
    function click(i) {
      select(i);
      // A double click starts with a click: Python hears of it once the double click is off.
      clearTimeout(clickTimer);
      clickTimer = setTimeout(() => {
        if (hooks.onSelect) { hooks.onSelect(i >= 0 ? nodeInfo(i) : null); }
      }, 250);
    }

    function nodeInfo(i) {
      const node = model.nodes[i];
      return {id: node.id, kind: node.shape === "box" ? "measure" : "agency",
        agency: node.card && node.card.agency ? node.card.agency : null};
    }

    function select(i) {
      selected = i;
      if (i >= 0) { showCard(i); } else { hideCard(); }
      schedule();
    }

    // ---- the card of the chosen node
    function showCard(i) {
      const node = model.nodes[i];
      const info = node.card || {};
      card.textContent = "";
      const close = el("button", "nv-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", words.close || "close");
      close.addEventListener("click", () => { select(-1); if (hooks.onSelect) { hooks.onSelect(null); } });
      card.appendChild(close);
      if (node.shape === "box") {
        card.appendChild(el("h3", null, info.heading || node.text));
        const context = el("p", "nv-context");
        siblings(i).forEach((j) => {
          const text = model.nodes[j].card ? model.nodes[j].card.text : "";
          context.appendChild(j === i ? el("mark", null, text) : document.createTextNode(text));
        });
        card.appendChild(context);
        (info.roles || []).forEach((line) => card.appendChild(el("p", null, line)));
      } else {
        card.appendChild(el("h3", null, info.name || node.text));
        if (info.sub) { card.appendChild(el("p", "nv-sub", info.sub)); }
        if (info.facts && info.facts.length) {
          const facts = el("dl");
          info.facts.forEach(([label, value]) => facts.append(el("dt", null, label), el("dd", null, value)));
          card.appendChild(facts);
        }
        if (info.partners && info.partners.length) {
          const line = el("p", "nv-partners");
          line.append(el("span", "nv-label", words.partners || ""),
            document.createTextNode(info.partners.join(words.separator || "、")));
          card.appendChild(line);
        }
        if (data.profile && info.agency) {
          const open = el("button", "nv-profile", words.open_profile || "");
          open.type = "button";
          open.addEventListener("click", () => { if (hooks.onProfile) { hooks.onProfile(info.agency); } });
          card.appendChild(open);
        }
      }
      card.hidden = false;
    }

    function hideCard() { card.hidden = true; card.textContent = ""; }

    // The measure's article around it: the measures of the same article drawn, in text order.
    function siblings(i) {
      const own = model.nodes[i].card || {};
      if (!own.article) { return [i]; }
      const found = [];
      model.nodes.forEach((node, j) => {
        if (node.card && node.card.article === own.article) { found.push(j); }
      });
      return found.sort((a, b) => model.nodes[a].card.order - model.nodes[b].card.order);
    }

    // ---- ego network (double click), and back
    function showEgo(i) {
      const keep = new Set([i]);
      const isMeasure = model.nodes[i].shape === "box";
      for (let k = model.offsets[i]; k < model.offsets[i + 1]; k++) {
        const j = model.neighbours[k];
        keep.add(j);
        if (!isMeasure) {
          for (let m = model.offsets[j]; m < model.offsets[j + 1]; m++) { keep.add(model.neighbours[m]); }
        }
      }
      ego = keep;
      hovered = -1;
      hideTooltip();
      select(i);
      fitButton.textContent = words.back || words.fit_all || "";
      fitTarget = [];
      fit([]);
      root.dataset.ego = model.nodes[i].id;
    }

    function showAll() {
      ego = null;
      delete root.dataset.ego;
      fitButton.textContent = words.fit_all || "";
      fitTarget = [];
      fit([]);
    }

    fitButton.addEventListener("click", () => {
      if (ego) { showAll(); return; }
      fitTarget = [];
      fit([]);
    });

    // ---- search
    let suggestionsFilled = false;
    function fillSuggestions() {
      if (suggestionsFilled || !model) { return; }
      suggestionsFilled = true;
      const seen = new Set();
      const names = data.names || model.nodes.map((n) => n.text);
      const fragment = document.createDocumentFragment();
      names.forEach((name) => {
        if (seen.has(name)) { return; }
        seen.add(name);
        const option = el("option");
        option.value = name;
        fragment.appendChild(option);
      });
      datalist.appendChild(fragment);
      root.dataset.suggestions = "1";
    }
    search.addEventListener("focus", fillSuggestions);

    function findNode(query) {
      const wanted = query.trim().toLowerCase();
      if (!wanted) { return -1; }
      const names = data.names || model.nodes.map((n) => n.text);
      let exact = -1, partial = -1;
      model.nodes.forEach((node, n) => {
        const name = String(names[n]).toLowerCase(), id = String(node.id).toLowerCase();
        if (exact < 0 && (name === wanted || id === wanted)) { exact = n; }
        if (partial < 0 && (name.indexOf(wanted) >= 0 || id.indexOf(wanted) >= 0)) { partial = n; }
      });
      return exact >= 0 ? exact : partial;
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const query = search.value;
      const found = findNode(query);
      if (found < 0) {
        status.textContent = (words.not_found || "") + query;
        return;
      }
      if (ego && !ego.has(found)) { showAll(); }
      focusOn(found);
      select(found);
      const names = data.names || [];
      status.textContent = (words.found || "") + (names[found] || model.nodes[found].text);
    });

    function focusOn(i) {
      const node = model.nodes[i];
      scale = Math.max(scale, 1.4);
      tx = width / 2 - node.x * scale;
      ty = height / 2 - node.y * scale;
      viewMoved = true;
      schedule();
    }

    // ---- PNG and full screen
    pngButton.addEventListener("click", () => {
      const out = document.createElement("canvas");
      out.width = canvas.width;
      out.height = canvas.height;
      const c = out.getContext("2d");
      c.fillStyle = "#ffffff";
      c.fillRect(0, 0, out.width, out.height);
      c.drawImage(canvas, 0, 0);
      const link = document.createElement("a");
      link.href = out.toDataURL("image/png");
      link.download = String(data.fileName || data.title || "network").replace(/[\\/:*?"<>|]+/g, "_") + ".png";
      root.appendChild(link);
      link.click();
      link.remove();
    });
    fullButton.addEventListener("click", () => {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (root.requestFullscreen) {
        root.requestFullscreen();
      }
    });

    // ---- sizes
    let observer = null;
    if (global.ResizeObserver) {
      observer = new ResizeObserver(() => { if (resize()) { schedule(); } });
      observer.observe(box);
    }

    setData(data);
    // The first frame is drawn now, not at the next animation frame: the page's
    // first paint then shows it (one frame sooner on a page that opens with it).
    if (frame) {
      cancelAnimationFrame(frame);
      frame = 0;
      needFull = false;
      draw();
    }

    // What tests and benchmarks read.
    const view = {
      root,
      update: setData,
      fit: (ids) => { fitTarget = ids || []; fit(fitTarget); },
      draw,
      nodeAt,
      select: (id) => select(model.index.has(id) ? model.index.get(id) : -1),
      selected: () => (selected >= 0 ? model.nodes[selected].id : null),
      hover: (id) => hover(model.index.has(id) ? model.index.get(id) : -1, 0, 0),
      ego: (id) => showEgo(model.index.get(id)),
      zoomAt,
      camera: () => ({scale, x: (width / 2 - tx) / scale, y: (height / 2 - ty) / scale, width, height}),
      toScreen: (id) => {
        const node = model.nodes[model.index.get(id)];
        return {x: node.x * scale + tx, y: node.y * scale + ty};
      },
      boundsOf: (id) => model.nodes[model.index.get(id)].bounds.slice(),
      nodeIds: () => model.nodes.filter((_, i) => !ego || ego.has(i)).map((n) => n.id),
      edgeCount: () => model.count,
      // Every line: [from id, to id, tooltip, dashed], sorted.
      edges: () => Array.from({length: model.count}, (_, e) => [
        String(model.nodes[model.from[e]].id), String(model.nodes[model.to[e]].id),
        model.titles ? String(model.titles[e] || "") : "",
        Boolean(model.styles[model.style[e]].dashes),
      ]).sort(),
      drawCount: () => draws,
      quickCount: () => quickDraws,
      // Nodes drawn at full strength while the pointer rests on ``hovered`` (all without).
      unfaded: () => {
        const keep = faded();
        return model.nodes.filter((_, i) => (!keep || keep.has(i)) && (!ego || ego.has(i))).map((n) => n.id);
      },
      // Screen boxes (CSS pixels, in the canvas) of the labels drawn in the frame.
      labelBoxes: () => {
        const out = [];
        const keep = faded();
        model.nodes.forEach((node, i) => {
          const b = node.labelBox;
          if (!b || node.fontSize * scale < LABEL_MIN_PX) { return; }
          if (ego && !ego.has(i)) { return; }
          const x = b[0] * scale + tx, y = b[1] * scale + ty, w = b[2] * scale, h = b[3] * scale;
          if (x > width || y > height || x + w < 0 || y + h < 0) { return; }
          out.push({id: node.id, text: node.text, x, y, w, h, fontPx: node.fontSize * scale,
            faded: !!keep && !keep.has(i), dimmed: node.fontColor === data.dimmedText});
        });
        return out;
      },
      destroy: () => {
        if (observer) { observer.disconnect(); }
        cancelAnimationFrame(frame);
        clearTimeout(tooltipTimer);
        clearTimeout(clickTimer);
        clearTimeout(settleTimer);
        root.remove();
        style.remove();
      },
    };
    root.tabIndex = -1;
    return view;
  }

  function safeColor(value) {
    const text = String(value);
    return /^(#[0-9A-Fa-f]{3,8}|rgba?\([0-9., ]+\)|[a-z]{3,20})$/.test(text) ? text : "#999999";
  }

  global.NetworkView = {mount, FONT};
})(window);
