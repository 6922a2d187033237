(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var ui = JSON.parse(document.getElementById("page-words").textContent);
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: data.nodes, edges: data.edges},
                                data.options);
  network.once("afterDrawing", function () {
    window.firstDrawMs = performance.now();
    document.body.setAttribute("data-drawn", "1");
    // The canvas is rasterised after drawing; the next frame starts once it is shown.
    requestAnimationFrame(function () {
      window.firstPaintMs = performance.now();
      setTimeout(fillSuggestions, 0);
    });
  });
  window.network = network;

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
    data.nodes.forEach(function (node) {
      var label = String(node.label);
      if (!(label in seen)) {
        seen[label] = true;
        var option = document.createElement("option");
        option.value = label;
        list.appendChild(option);
      }
    });
    window.suggestionsReady = true;
  }

  function findNode(query) {
    var wanted = query.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = null, partial = null;
    data.nodes.forEach(function (node) {
      var label = String(node.label).toLowerCase();
      var id = String(node.id).toLowerCase();
      if (exact === null && (label === wanted || id === wanted)) { exact = node; }
      if (partial === null && (label.indexOf(wanted) >= 0 || id.indexOf(wanted) >= 0)) {
        partial = node;
      }
    });
    return exact || partial;
  }

  var status = document.getElementById("search-status");
  function focusNode(event) {
    if (event) { event.preventDefault(); }
    var query = document.getElementById("search").value;
    var node = findNode(query);
    if (node === null) {
      status.textContent = ui.not_found + query;
      return;
    }
    network.selectNodes([node.id]);
    network.focus(node.id, {scale: Math.max(network.getScale(), 1.4), animation: false});
    status.textContent = ui.found + String(node.label);
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
  function refit() {
    network.setSize("100%", "100%");
    network.redraw();
    network.fit({animation: false});
  }
  document.addEventListener("fullscreenchange", refit);
  // Folding the legend gives its width to the drawing.
  document.getElementById("legend").addEventListener("toggle", refit);
})();
