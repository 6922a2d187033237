// The page's own script. Where vis-network's API has no equivalent it reads or
// calls internals of the copy inlined here (9.1.2, pinned through pyvis):
// network.body, a node's labelModule and shape, network.renderer. The browser
// tests in tests/test_snapshot_browser.py check what depends on them.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var ui = JSON.parse(document.getElementById("page-words").textContent);
  var container = document.getElementById("network");

  // vis-network draws once while it is built, then fits (measuring every
  // node) and draws again. In a hidden container it skips that first drawing
  // and its fit measures nothing (there is no size to fit to). Shown again in
  // the same task, before anything is painted, the page fits once (fitView)
  // and one drawing follows.
  container.style.display = "none";
  var network = new vis.Network(container, {nodes: data.nodes, edges: data.edges},
                                data.options);
  container.style.display = "";
  window.network = network;
  placeDotLabels();
  if (data.edgeLayer) { drawEdgeLayer(data.edgeLayer); }

  network.once("afterDrawing", function () {
    window.firstDrawMs = performance.now();
    document.body.setAttribute("data-drawn", "1");
    // The canvas is rasterised after drawing; the next frame starts once it is shown.
    requestAnimationFrame(function () {
      window.firstPaintMs = performance.now();
      setTimeout(fillSuggestions, 0);
    });
  });

  // The view the page comes back to: the highlighted nodes (all when none),
  // or all of them once "fit all" is pressed.
  var fitTarget = data.focus;
  var viewMoved = false;  // zoomed, panned or searched since the last fit
  function fitView() {
    network.setSize("100%", "100%");
    network.fit({nodes: fitTarget, animation: false});
    viewMoved = false;
  }
  fitView();
  network.on("zoom", function () { viewMoved = true; });
  network.on("dragEnd", function () { viewMoved = true; });
  document.getElementById("fit-all").addEventListener("click", function () {
    fitTarget = [];
    fitView();
  });

  // A network built in a hidden tab or a folded expander has no size: it is
  // fitted when it gets one. Other resizes (window, full screen, legend
  // folded) re-fit unless the reader has moved the view.
  function sizeOf(element) {
    return {width: element.clientWidth, height: element.clientHeight};
  }
  var shownSize = sizeOf(container);
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      var size = sizeOf(container);
      if (size.width === shownSize.width && size.height === shownSize.height) { return; }
      var wasEmpty = shownSize.width === 0 || shownSize.height === 0;
      shownSize = size;
      if (size.width === 0 || size.height === 0) { return; }
      if (wasEmpty || !viewMoved) { fitView(); }
    }).observe(container);
  }

  // vis-network places a dot's label (below the dot) only when it draws that
  // label; until then the dot's bounding box reaches to the canvas origin, and
  // a fit to that dot spans the origin too. Nodes never move here, so the
  // labels are placed once, as vis-network's own drawing would place them.
  function placeDotLabels() {
    var context = container.querySelector("canvas").getContext("2d");
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id];
      if (node.options.shape !== "dot" || node.options.label === undefined) { return; }
      node.labelModule.calculateLabelSize(context, false, false, node.x, node.y, "hanging");
      node.shape.updateBoundingBox(node.x, node.y);
    });
  }

  // Large graphs: the edges are one layer the page strokes under the nodes,
  // one path per line style, instead of one vis-network object per edge.
  function drawEdgeLayer(layer) {
    var count = layer.edges.length / 3;
    var groups = layer.styles.map(function (style) {
      return {style: style, size: 0, points: null};
    });
    var i, k;
    for (i = 0; i < count; i++) { groups[layer.edges[3 * i + 2]].size += 1; }
    groups.forEach(function (group) { group.points = new Float64Array(4 * group.size); group.size = 0; });
    for (i = 0; i < count; i++) {
      var group = groups[layer.edges[3 * i + 2]];
      var from = data.nodes[layer.edges[3 * i]], to = data.nodes[layer.edges[3 * i + 1]];
      k = 4 * group.size;
      group.points[k] = from.x; group.points[k + 1] = from.y;
      group.points[k + 2] = to.x; group.points[k + 3] = to.y;
      group.size += 1;
    }
    var edgesOf = null;  // node index -> edge numbers, built at the first selection
    var indexOf = null;
    function selectedEdges() {
      var selected = network.getSelectedNodes();
      if (selected.length === 0) { return []; }
      if (edgesOf === null) {
        indexOf = Object.create(null);
        data.nodes.forEach(function (node, n) { indexOf[node.id] = n; });
        edgesOf = data.nodes.map(function () { return []; });
        for (var e = 0; e < count; e++) {
          edgesOf[layer.edges[3 * e]].push(e);
          edgesOf[layer.edges[3 * e + 1]].push(e);
        }
      }
      var found = [];
      selected.forEach(function (id) {
        if (id in indexOf) { found = found.concat(edgesOf[indexOf[id]]); }
      });
      return found;
    }
    var interaction = data.options.interaction || {};
    var selectionWidth = (data.options.edges || {}).selectionWidth || 1;
    function stroke(ctx, style, width) {
      // As vis-network does, a line never gets thinner than 0.3 screen pixels.
      ctx.lineWidth = Math.max(width, 0.3 / network.getScale());
      ctx.strokeStyle = style.color;
      ctx.setLineDash(style.dashes ? [5, 5] : []);
      ctx.stroke();
    }
    network.on("beforeDrawing", function (ctx) {
      var renderer = network.renderer;
      if ((renderer.dragging && interaction.hideEdgesOnDrag) ||
          (renderer.zooming && interaction.hideEdgesOnZoom)) { return; }
      ctx.save();
      groups.forEach(function (group) {
        var points = group.points;
        ctx.beginPath();
        for (var p = 0; p < points.length; p += 4) {
          ctx.moveTo(points[p], points[p + 1]);
          ctx.lineTo(points[p + 2], points[p + 3]);
        }
        stroke(ctx, group.style, group.style.width);
      });
      // The lines of a selected node stand out, wider, as vis-network draws them.
      selectedEdges().forEach(function (e) {
        var from = data.nodes[layer.edges[3 * e]], to = data.nodes[layer.edges[3 * e + 1]];
        var style = layer.styles[layer.edges[3 * e + 2]];
        ctx.beginPath();
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
        stroke(ctx, style, style.width + selectionWidth);
      });
      ctx.restore();
    });
  }

  // Size swatches show node sizes as drawn at the current zoom.
  var sized = document.querySelectorAll(".swatch.sized");
  var shownScale = null;
  network.on("afterDrawing", function () {
    var scale = network.getScale();
    if (scale === shownScale) { return; }
    shownScale = scale;
    sized.forEach(function (swatch) {
      var diameter = Math.max(4, 2 * Number(swatch.getAttribute("data-radius")) * scale);
      swatch.style.width = diameter + "px";
      swatch.style.height = diameter + "px";
    });
  });

  // The search suggestions wait for the first picture: on 10,000 nodes filling
  // the list takes a tenth of a second nobody should wait for.
  function fillSuggestions() {
    var list = document.getElementById("node-names");
    var seen = Object.create(null);  // no inherited keys: a label may be "constructor"
    data.names.forEach(function (name) {
      if (!(name in seen)) {
        seen[name] = true;
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      }
    });
    window.suggestionsReady = true;
  }

  // Names, not labels: a large graph's measure boxes have no label drawn.
  function findNode(query) {
    var wanted = query.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = null, partial = null;
    data.nodes.forEach(function (node, n) {
      var name = data.names[n].toLowerCase();
      var id = String(node.id).toLowerCase();
      if (exact === null && (name === wanted || id === wanted)) { exact = n; }
      if (partial === null && (name.indexOf(wanted) >= 0 || id.indexOf(wanted) >= 0)) {
        partial = n;
      }
    });
    return exact !== null ? exact : partial;
  }

  var status = document.getElementById("search-status");
  function focusNode(event) {
    if (event) { event.preventDefault(); }
    var query = document.getElementById("search").value;
    var found = findNode(query);
    if (found === null) {
      status.textContent = ui.not_found + query;
      return;
    }
    var id = data.nodes[found].id;
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.4), animation: false});
    viewMoved = true;
    status.textContent = ui.found + data.names[found];
  }
  document.getElementById("search-form").addEventListener("submit", focusNode);

  document.getElementById("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    var context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.href = out.toDataURL("image/png");
    link.download = ui.file_name.replace(/[\\/:*?"<>|]+/g, "_") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  var fullscreenButton = document.getElementById("fullscreen");
  // In an iframe without allow="fullscreen" the API is off: offer no dead button.
  if (!document.fullscreenEnabled) { fullscreenButton.hidden = true; }
  fullscreenButton.addEventListener("click", function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen();
    }
  });
})();
