/* Events per day or week, stacked by type (d3), with a brush that filters the event list below. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof d3 === "undefined") { return; }
  var interval = el.getAttribute("data-interval") === "week" ? d3.utcMonday : d3.utcDay;
  var parse = d3.utcParse("%Y-%m-%d");
  var fmt = d3.utcFormat("%Y-%m-%d");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#event-list tr.event-row"));
  var countEl = document.getElementById("event-count");
  var statusEl = document.getElementById("brush-status");

  function filterList(lo, hi) {  // lo, hi: Date or null (no selection: everything)
    var shown = 0;
    rows.forEach(function (tr) {
      var s = parse(tr.getAttribute("data-start") || ""), e = parse(tr.getAttribute("data-end") || "") || s;
      var keep = !lo || (s && s < hi && e >= lo);
      tr.classList.toggle("hidden", !keep);
      if (keep) { shown += 1; }
    });
    countEl.textContent = lo ? shown + " of " + rows.length : String(rows.length);
    statusEl.textContent = lo ? "Selected " + fmt(lo) + " to " + fmt(d3.utcDay.offset(hi, -1)) + "." : "";
  }

  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var evs = data.events.filter(function (e) { return e.date_start; });
      if (!evs.length) {
        var p = document.createElement("p"); p.className = "muted"; p.textContent = "No dated events.";
        el.appendChild(p); return;
      }
      var types = Array.from(new Set(evs.map(function (e) { return e.type; }))).sort();
      var bins = new Map();
      evs.forEach(function (e) {
        var key = +interval.floor(parse(e.date_start));
        if (!bins.has(key)) { var b = { date: new Date(key) }; types.forEach(function (t) { b[t] = 0; }); bins.set(key, b); }
        bins.get(key)[e.type] += 1;
      });
      var table = Array.from(bins.values()).sort(function (a, b) { return a.date - b.date; });
      var series = d3.stack().keys(types)(table);
      var width = Math.max(600, el.clientWidth || 900), height = 300;
      var m = { top: 30, right: 20, bottom: 30, left: 36 };
      var lo = interval.offset(table[0].date, -1), hi = interval.offset(table[table.length - 1].date, 2);
      var x = d3.scaleUtc().domain([lo, hi]).range([m.left, width - m.right]);
      var ymax = d3.max(series, function (s) { return d3.max(s, function (d) { return d[1]; }); }) || 1;
      var y = d3.scaleLinear().domain([0, ymax]).nice().range([height - m.bottom, m.top]);
      var colour = function (t) { return window.sitrep ? window.sitrep.typeColour(t, types.indexOf(t)) : "#1f4e8c"; };
      var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]).attr("height", height);
      var barW = function (d) { return Math.max(2, x(interval.offset(d.data.date, 1)) - x(d.data.date) - 1); };
      svg.append("g").selectAll("g").data(series).join("g").attr("fill", function (s) { return colour(s.key); })
        .selectAll("rect").data(function (s) { return s.map(function (d) { d.key = s.key; return d; }); }).join("rect")
        .attr("class", "bar").attr("x", function (d) { return x(d.data.date); }).attr("width", barW)
        .attr("y", function (d) { return y(d[1]); }).attr("height", function (d) { return y(d[0]) - y(d[1]); })
        .append("title").text(function (d) { return fmt(d.data.date) + ": " + (d[1] - d[0]) + " " + d.key; });
      svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.bottom) + ")")
        .call(d3.axisBottom(x).ticks(Math.min(12, width / 90)));
      svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)")
        .call(d3.axisLeft(y).ticks(Math.min(6, ymax)).tickFormat(d3.format("d")));
      var leg = svg.append("g").attr("class", "tl-legend").attr("transform", "translate(" + m.left + ",12)");
      var xoff = 0;
      types.forEach(function (t) {
        var g = leg.append("g").attr("transform", "translate(" + xoff + ",0)");
        g.append("rect").attr("width", 10).attr("height", 10).attr("y", -9).attr("fill", colour(t));
        g.append("text").attr("x", 14).text(t);
        xoff += 24 + t.length * 7;
      });
      var brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
        .on("end", function (event) {
          if (!event.selection) { filterList(null, null); return; }
          var a = d3.utcDay.floor(x.invert(event.selection[0])), b = d3.utcDay.ceil(x.invert(event.selection[1]));
          filterList(a, b);
        });
      svg.append("g").attr("class", "brush").call(brush);
      window.sitrepTimeline = { select: function (a, b) {  // for tests and keyboard users: dates as YYYY-MM-DD
        svg.select("g.brush").call(brush.move, [x(parse(a)), x(d3.utcDay.offset(parse(b), 1))]);
      }, clear: function () { svg.select("g.brush").call(brush.move, null); } };
      el.setAttribute("data-ready", String(table.length));
    })
    .catch(function (err) {
      var p = document.createElement("p"); p.className = "error";
      p.textContent = "The timeline could not be drawn: " + err.message; el.appendChild(p);
    });
}());
