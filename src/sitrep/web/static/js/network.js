/* The actor network (Cytoscape): edges coloured by kind, node size by activity, click -> actor page. */
(function () {
  "use strict";
  var el = document.getElementById("graph");
  if (!el || typeof cytoscape === "undefined") { return; }
  var COLOURS = { hostile: "#c62828", cooperative: "#2e7d32", structural: "#9e9e9e", other: "#5c6bc0" };
  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var maxAct = 1;
      data.nodes.forEach(function (n) { maxAct = Math.max(maxAct, n.activity); });
      var elements = [];
      data.nodes.forEach(function (n) {
        elements.push({ group: "nodes", data: {
          id: "a" + n.id, actorId: n.id, label: String(n.name), kind: String(n.kind || ""),
          size: 18 + 42 * Math.sqrt(n.activity / maxAct) } });
      });
      data.edges.forEach(function (e, i) {
        elements.push({ group: "edges", data: {
          id: "e" + i, source: "a" + e.source, target: "a" + e.target, type: String(e.type), cls: e.cls,
          colour: COLOURS[e.cls] || COLOURS.other, width: 1.5 + Math.min(6, e.weight) } });
      });
      var cy = cytoscape({
        container: el,
        elements: elements,
        style: [
          { selector: "node", style: {
            "width": "data(size)", "height": "data(size)", "label": "data(label)", "font-size": 11,
            "background-color": "#3d5a80", "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 3,
            "text-outline-color": "#fff", "text-outline-width": 2 } },
          { selector: "node[kind = 'state']", style: { "background-color": "#1f4e8c" } },
          { selector: "node[kind = 'armed_group']", style: { "background-color": "#8e3b46" } },
          { selector: "node[kind = 'person']", style: { "background-color": "#e09f3e", "shape": "round-rectangle" } },
          { selector: "edge", style: {
            "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85,
            "label": "data(type)", "font-size": 8, "color": "#555", "text-rotation": "autorotate",
            "text-background-color": "#fff", "text-background-opacity": 0.7 } },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#f9a825" } }
        ],
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; },
                  idealEdgeLength: function () { return 90; }, padding: 20 }
      });
      cy.on("tap", "node", function (evt) {
        window.location.assign("/actors/" + encodeURIComponent(evt.target.data("actorId")));
      });
      window.sitrepCy = cy;
      el.setAttribute("data-ready", String(data.nodes.length));
    })
    .catch(function (err) {
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = "The graph could not be drawn: " + err.message;
      el.appendChild(p);
    });
}());
