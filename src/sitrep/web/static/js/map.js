/* Events on a world map drawn from the bundled Natural Earth TopoJSON (no tile server).
   The view fits the events shown (the filter's), events at one place are one marker with their count,
   events placed only in a country or region are squares (towns and facilities are circles), and a
   marker's place name shows on hover. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof d3 === "undefined" || typeof topojson === "undefined") { return; }
  // Smallest extent the view zooms to, in degrees: one town must not fill the whole map.
  var MIN_SPAN_DEG = 8;
  var AREA_KINDS = { country: true, region: true };
  function json(url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status + " for " + url); } return r.json(); });
  }
  function clusters(evs) {  // events at the same coordinates (one place) -> one marker
    var byKey = new Map();
    evs.forEach(function (e) {
      var key = e.lat.toFixed(3) + "," + e.lon.toFixed(3);
      if (!byKey.has(key)) {
        byKey.set(key, { lat: e.lat, lon: e.lon, place: e.place || "", area: !!AREA_KINDS[e.place_kind],
                         events: [], types: new Map() });
      }
      var c = byKey.get(key);
      c.events.push(e);
      c.types.set(e.type, (c.types.get(e.type) || 0) + 1);
    });
    return Array.from(byKey.values()).sort(function (a, b) { return b.events.length - a.events.length; });
  }
  function fitBox(evs) {  // a GeoJSON polygon around the events, at least MIN_SPAN_DEG wide and high
    var lons = evs.map(function (e) { return e.lon; }), lats = evs.map(function (e) { return e.lat; });
    var x0 = d3.min(lons), x1 = d3.max(lons), y0 = d3.min(lats), y1 = d3.max(lats);
    var padX = Math.max(0, (MIN_SPAN_DEG - (x1 - x0)) / 2) + (x1 - x0) * 0.1;
    var padY = Math.max(0, (MIN_SPAN_DEG - (y1 - y0)) / 2) + (y1 - y0) * 0.1;
    x0 = Math.max(-180, x0 - padX); x1 = Math.min(180, x1 + padX);
    y0 = Math.max(-85, y0 - padY); y1 = Math.min(85, y1 + padY);
    return { type: "MultiPoint", coordinates: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] };
  }
  Promise.all([json(el.getAttribute("data-world")), json(el.getAttribute("data-src"))])
    .then(function (got) {
      var world = got[0], evs = got[1].events.filter(function (e) { return e.lat !== null && e.lon !== null; });
      var width = Math.max(600, el.clientWidth || 960), height = Math.round(width * 0.52);
      var projection = d3.geoNaturalEarth1();
      if (evs.length) { projection.fitExtent([[20, 20], [width - 20, height - 20]], fitBox(evs)); }
      else { projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" }); }
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
      var groups = clusters(evs);
      var radius = function (c) { return 6 + Math.min(16, 3 * Math.sqrt(c.events.length - 1)); };
      var marks = g.append("g").attr("class", "markers").selectAll("a").data(groups).join("a")
        .attr("class", function (c) { return "marker" + (c.area ? " area" : " town"); })
        .attr("href", function (c) {
          return c.events.length === 1 ? "/events/" + encodeURIComponent(c.events[0].id)
            : "/events?" + new URLSearchParams({ q: c.place }).toString();
        })
        .attr("transform", function (c) { var p = projection([c.lon, c.lat]); return "translate(" + p[0] + "," + p[1] + ")"; });
      var main = function (c) {  // the most frequent type colours the marker
        var best = null;
        c.types.forEach(function (n, t) { if (!best || n > c.types.get(best)) { best = t; } });
        return best;
      };
      marks.filter(function (c) { return !c.area; }).append("circle").attr("class", "event-dot")
        .attr("r", radius).attr("fill", function (c) { return colour(main(c)); });
      marks.filter(function (c) { return c.area; }).append("rect").attr("class", "event-dot area-dot")
        .attr("x", function (c) { return -radius(c); }).attr("y", function (c) { return -radius(c); })
        .attr("width", function (c) { return 2 * radius(c); }).attr("height", function (c) { return 2 * radius(c); })
        .attr("fill", function (c) { return colour(main(c)); });
      marks.filter(function (c) { return c.events.length > 1; }).append("text").attr("class", "count")
        .attr("text-anchor", "middle").attr("dy", "0.35em").text(function (c) { return c.events.length; });
      marks.append("text").attr("class", "place-label").attr("text-anchor", "middle")
        .attr("y", function (c) { return -radius(c) - 4; }).text(function (c) { return c.place; });
      marks.append("title").text(function (c) {
        var parts = [];
        c.types.forEach(function (n, t) { parts.push(n + " " + t); });
        return (c.place || "?") + (c.area ? " (country or region)" : "") + ": " + parts.join(", ");
      });
      var leg = svg.append("g").attr("class", "map-legend")
        .attr("transform", "translate(16," + (height - 44 - 16 * types.length) + ")");
      leg.append("rect").attr("class", "legend-box").attr("x", -8).attr("y", -16)
        .attr("width", 190).attr("height", 48 + 16 * types.length);
      types.forEach(function (t, i) {
        var row = leg.append("g").attr("transform", "translate(0," + i * 16 + ")");
        row.append("circle").attr("r", 5).attr("cx", 5).attr("cy", -4).attr("fill", colour(t));
        row.append("text").attr("x", 16).text(t);
      });
      var shapes = leg.append("g").attr("transform", "translate(0," + types.length * 16 + ")");
      shapes.append("circle").attr("r", 5).attr("cx", 5).attr("cy", -4).attr("class", "legend-shape");
      shapes.append("text").attr("x", 16).text("town or facility");
      shapes.append("rect").attr("x", 0).attr("y", 7).attr("width", 10).attr("height", 10).attr("class", "legend-shape");
      shapes.append("text").attr("x", 16).attr("y", 16).text("country or region only");
      var zoom = d3.zoom().scaleExtent([0.5, 16]).on("zoom", function (event) {
        g.attr("transform", event.transform);
        marks.attr("transform", function (c) {  // markers keep their size when zoomed
          var p = projection([c.lon, c.lat]);
          return "translate(" + p[0] + "," + p[1] + ") scale(" + (1 / event.transform.k) + ")";
        });
      });
      svg.call(zoom);
      window.sitrepMap = { markers: groups.length, events: evs.length, scale: projection.scale() };
      el.setAttribute("data-ready", String(evs.length));
    })
    .catch(function (err) {
      var p = document.createElement("p"); p.className = "error";
      p.textContent = "The map could not be drawn: " + err.message; el.appendChild(p);
    });
}());
