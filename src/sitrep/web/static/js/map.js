/* Events as points on a world map drawn from the bundled Natural Earth TopoJSON (no tile server). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof d3 === "undefined" || typeof topojson === "undefined") { return; }
  function json(url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status + " for " + url); } return r.json(); });
  }
  Promise.all([json(el.getAttribute("data-world")), json(el.getAttribute("data-src"))])
    .then(function (got) {
      var world = got[0], evs = got[1].events.filter(function (e) { return e.lat !== null && e.lon !== null; });
      var width = Math.max(600, el.clientWidth || 960), height = Math.round(width * 0.52);
      var projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
      var path = d3.geoPath(projection);
      var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]).attr("height", height);
      var g = svg.append("g");
      g.append("path").datum({ type: "Sphere" }).attr("class", "sphere").attr("d", path);
      g.append("path").datum(d3.geoGraticule10()).attr("class", "graticule").attr("d", path);
      var countries = topojson.feature(world, world.objects.countries);
      g.append("g").selectAll("path").data(countries.features).join("path").attr("class", "country")
        .attr("d", path).append("title").text(function (d) { return d.properties && d.properties.name ? d.properties.name : ""; });
      var types = Array.from(new Set(evs.map(function (e) { return e.type; }))).sort();
      var colour = function (t) { return window.sitrep ? window.sitrep.typeColour(t, types.indexOf(t)) : "#c62828"; };
      var dots = g.append("g").selectAll("a").data(evs).join("a")
        .attr("href", function (e) { return "/events/" + encodeURIComponent(e.id); });
      dots.append("circle").attr("class", "event-dot")
        .attr("cx", function (e) { return projection([e.lon, e.lat])[0]; })
        .attr("cy", function (e) { return projection([e.lon, e.lat])[1]; })
        .attr("r", function (e) { var f = parseInt(e.fatalities, 10) || 0; return 4 + Math.min(12, Math.sqrt(f)); })
        .attr("fill", function (e) { return colour(e.type); })
        .append("title").text(function (e) {
          return e.type + " " + (e.date_start || "") + " " + (e.place || "") +
            (e.fatalities ? " · fatalities " + e.fatalities : "") +
            (e.actors.length ? " · " + e.actors.join(", ") : "") + (e.targets.length ? " → " + e.targets.join(", ") : "");
        });
      var leg = svg.append("g").attr("transform", "translate(16," + (height - 16 - 14 * types.length) + ")");
      types.forEach(function (t, i) {
        var row = leg.append("g").attr("transform", "translate(0," + i * 14 + ")");
        row.append("circle").attr("r", 5).attr("cx", 5).attr("cy", -4).attr("fill", colour(t));
        row.append("text").attr("x", 14).attr("font-size", 11).text(t);
      });
      svg.call(d3.zoom().scaleExtent([1, 12]).on("zoom", function (event) { g.attr("transform", event.transform); }));
      el.setAttribute("data-ready", String(evs.length));
    })
    .catch(function (err) {
      var p = document.createElement("p"); p.className = "error";
      p.textContent = "The map could not be drawn: " + err.message; el.appendChild(p);
    });
}());
