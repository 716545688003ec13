/* The actor network (Cytoscape): node colour and shape by actor kind, edges coloured by kind, node size
   by activity, click -> actor page.  Labels keep a readable size on screen whatever the zoom; edge kinds
   and a minimum weight filter the edges; actors left without an edge are hidden unless asked for. */
(function () {
  "use strict";
  var el = document.getElementById("graph");
  if (!el || typeof cytoscape === "undefined") { return; }
  var COLOURS = { hostile: "#c62828", cooperative: "#2e7d32", "verbal-cooperative": "#81c784", structural: "#9e9e9e",
                  other: "#5c6bc0" };
  // Node colour and shape per actor kind (the page's legend shows the same).
  var KINDS = {
    state: ["#1f4e8c", "ellipse"], armed_group: ["#8e3b46", "diamond"], person: ["#e09f3e", "round-rectangle"],
    organization: ["#2a9d8f", "hexagon"], international_org: ["#264653", "hexagon"], party: ["#7b2cbf", "triangle"],
    coalition: ["#588157", "octagon"], media: ["#6d597a", "rectangle"], other: ["#8d99ae", "ellipse"]
  };
  var LABEL_PX = 13, EDGE_LABEL_PX = 10;  // on-screen sizes of the labels
  var form = document.getElementById("network-controls");

  function controls() {
    var kinds = {}, minWeight = 1, isolated = false;
    if (form) {
      form.querySelectorAll("input[name=kind]").forEach(function (c) { kinds[c.value] = c.checked; });
      minWeight = Math.max(1, parseInt(form.querySelector("input[name=min_weight]").value, 10) || 1);
      isolated = form.querySelector("input[name=isolated]").checked;
    }
    return { kinds: kinds, minWeight: minWeight, isolated: isolated };
  }

  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var maxAct = 1;
      data.nodes.forEach(function (n) { maxAct = Math.max(maxAct, n.activity); });
      var elements = [];
      data.nodes.forEach(function (n) {
        var k = KINDS[n.kind] || KINDS.other;
        elements.push({ group: "nodes", data: {
          id: "a" + n.id, actorId: n.id, label: String(n.name), kind: String(n.kind || ""), colour: k[0],
          shape: k[1], size: 22 + 38 * Math.sqrt(n.activity / maxAct) } });
      });
      data.edges.forEach(function (e, i) {
        elements.push({ group: "edges", data: {
          id: "e" + i, source: "a" + e.source, target: "a" + e.target, type: String(e.type), cls: e.cls,
          weight: e.weight, colour: COLOURS[e.cls] || COLOURS.other, width: 1.5 + Math.min(6, e.weight) } });
      });
      var cy = cytoscape({
        container: el,
        elements: elements,
        minZoom: 0.2, maxZoom: 4,
        style: [
          { selector: "node", style: {
            "width": "data(size)", "height": "data(size)", "label": "data(label)", "font-size": LABEL_PX,
            "background-color": "data(colour)", "shape": "data(shape)", "color": "#1d2430", "text-valign": "bottom",
            "text-margin-y": 4, "text-outline-color": "#fff", "text-outline-width": 2.5, "font-weight": 600 } },
          { selector: "edge", style: {
            "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85,
            "label": "data(type)", "font-size": EDGE_LABEL_PX, "color": "#444", "text-rotation": "autorotate",
            "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
          { selector: ".hidden", style: { "display": "none" } },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#f9a825" } }
        ]
      });

      function readable() {  // labels the same size on screen at every zoom
        var z = cy.zoom();
        cy.style().selector("node").style("font-size", LABEL_PX / z).style("text-outline-width", 2.5 / z)
          .selector("edge").style("font-size", EDGE_LABEL_PX / z).update();
      }

      function apply(relayout) {
        var c = controls();
        cy.batch(function () {
          cy.edges().forEach(function (e) {
            var keep = (c.kinds[e.data("cls")] !== false) && e.data("weight") >= c.minWeight;
            e.toggleClass("hidden", !keep);
          });
          cy.nodes().forEach(function (n) {
            var linked = n.connectedEdges().filter(function (e) { return !e.hasClass("hidden"); }).length > 0;
            n.toggleClass("hidden", !(linked || c.isolated));
          });
        });
        var shown = cy.elements().not(".hidden");
        if (relayout && shown.nodes().length) {
          shown.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 60000; },
                         nodeOverlap: 40, idealEdgeLength: function () { return 130; }, componentSpacing: 90,
                         numIter: 2500, padding: 30 }).run();
        }
        cy.fit(shown, 30);
        if (cy.zoom() > 1.6) { cy.zoom({ level: 1.6, renderedPosition: { x: el.clientWidth / 2, y: el.clientHeight / 2 } }); }
        readable();
        var status = document.getElementById("network-status");
        if (status) {
          status.textContent = shown.nodes().length + " actors and " + shown.edges().length + " edges shown of " +
            cy.nodes().length + " and " + cy.edges().length;
        }
      }

      cy.on("zoom", readable);
      cy.on("tap", "node", function (evt) {
        window.location.assign("/actors/" + encodeURIComponent(evt.target.data("actorId")));
      });
      if (form) {
        form.addEventListener("change", function () { apply(true); });
        form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(true); });
      }
      apply(true);
      window.sitrepCy = cy;
      window.sitrepNetwork = { apply: apply };
      el.setAttribute("data-ready", String(data.nodes.length));
    })
    .catch(function (err) {
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = "The graph could not be drawn: " + err.message;
      el.appendChild(p);
    });
}());
