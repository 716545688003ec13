/* Events over time, stacked by type (d3), with a brush that filters the event list below.
   Events dated to a day are bars per day, week or month (chosen from the span shown unless the page
   asks for one); events dated only to a longer range ("in March", "last week") are drawn as lines over
   that whole range above the bars, never as a spike on its first day. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof d3 === "undefined") { return; }
  var INTERVALS = { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth };
  // Spans (days) up to which daily and weekly bars stay readable; beyond them: weeks, months.
  var DAILY_MAX_DAYS = 92, WEEKLY_MAX_DAYS = 550;
  var LANE_HEIGHT = 7, MAX_LANES = 8;
  var parse = d3.utcParse("%Y-%m-%d");
  var fmt = d3.utcFormat("%Y-%m-%d");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#event-list tr.event-row"));
  var countEl = document.getElementById("event-count");
  var statusEl = document.getElementById("brush-status");
  var intervalEl = document.getElementById("tl-interval");

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

  function choose(asked, lo, hi) {
    if (INTERVALS[asked]) { return asked; }
    var days = (hi - lo) / 864e5;
    return days <= DAILY_MAX_DAYS ? "day" : days <= WEEKLY_MAX_DAYS ? "week" : "month";
  }

  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var evs = data.events.filter(function (e) { return e.date_start; });
      if (!evs.length) {
        var p = document.createElement("p"); p.className = "muted"; p.textContent = "No dated events.";
        el.appendChild(p); return;
      }
      evs.forEach(function (e) { e.s = parse(e.date_start); e.e = parse(e.date_end || e.date_start) || e.s; });
      var points = evs.filter(function (e) { return +e.e === +e.s; });
      var ranges = evs.filter(function (e) { return +e.e !== +e.s; });
      var lo0 = d3.min(evs, function (e) { return e.s; }), hi0 = d3.max(evs, function (e) { return e.e; });
      var name = choose(el.getAttribute("data-interval"), lo0, hi0), interval = INTERVALS[name];
      if (intervalEl) { intervalEl.textContent = name; }
      var types = Array.from(new Set(evs.map(function (e) { return e.type; }))).sort();
      var bins = new Map();
      points.forEach(function (e) {
        var key = +interval.floor(e.s);
        if (!bins.has(key)) { var b = { date: new Date(key) }; types.forEach(function (t) { b[t] = 0; }); bins.set(key, b); }
        bins.get(key)[e.type] += 1;
      });
      var table = Array.from(bins.values()).sort(function (a, b) { return a.date - b.date; });
      var series = d3.stack().keys(types)(table);
      // ranges in lanes: greedy, each in the first lane where it does not overlap the previous one
      var lanes = [];
      ranges.sort(function (a, b) { return a.s - b.s; }).forEach(function (e) {
        var i = lanes.findIndex(function (end) { return end < e.s; });
        if (i < 0 && lanes.length < MAX_LANES) { i = lanes.length; lanes.push(e.e); }
        if (i < 0) { i = lanes.indexOf(d3.min(lanes)); }  // all lanes taken: share the one free soonest
        lanes[i] = lanes[i] > e.e ? lanes[i] : e.e;
        e.lane = i;
      });
      var width = Math.max(600, el.clientWidth || 900);
      var laneBlock = ranges.length ? 16 + lanes.length * LANE_HEIGHT : 0;
      var m = { top: 34 + laneBlock, right: 20, bottom: 30, left: 36 };
      var height = 280 + laneBlock;
      var lo = interval.offset(interval.floor(lo0), -1), hi = interval.offset(interval.floor(hi0), 2);
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
        .append("title").text(function (d) { return name + " of " + fmt(d.data.date) + ": " + (d[1] - d[0]) + " " + d.key; });
      if (ranges.length) {
        var top = 30;
        svg.append("text").attr("class", "range-label").attr("x", m.left).attr("y", top + 4)
          .text("dated to a range (" + ranges.length + ")");
        svg.append("g").selectAll("a").data(ranges).join("a")
          .attr("href", function (e) { return "/events/" + encodeURIComponent(e.id); })
          .append("rect").attr("class", "range")
          .attr("x", function (e) { return x(e.s); })
          .attr("width", function (e) { return Math.max(3, x(d3.utcDay.offset(e.e, 1)) - x(e.s)); })
          .attr("y", function (e) { return top + 10 + e.lane * LANE_HEIGHT; }).attr("height", LANE_HEIGHT - 2)
          .attr("fill", function (e) { return colour(e.type); })
          .append("title").text(function (e) { return e.type + " " + e.date_start + " to " + e.date_end + (e.place ? " · " + e.place : ""); });
      }
      svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.bottom) + ")")
        .call(d3.axisBottom(x).ticks(Math.min(12, width / 90)));
      svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)")
        .call(d3.axisLeft(y).ticks(Math.min(6, ymax)).tickFormat(d3.format("d")));
      var leg = svg.append("g").attr("class", "tl-legend").attr("transform", "translate(" + m.left + ",14)");
      var xoff = 0;
      types.forEach(function (t) {
        var g = leg.append("g").attr("transform", "translate(" + xoff + ",0)");
        g.append("rect").attr("width", 10).attr("height", 10).attr("y", -9).attr("fill", colour(t));
        g.append("text").attr("x", 14).text(t);
        xoff += 24 + t.length * 7.5;
      });
      var brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
        .on("end", function (event) {
          if (!event.selection) { filterList(null, null); return; }
          var a = d3.utcDay.floor(x.invert(event.selection[0])), b = d3.utcDay.ceil(x.invert(event.selection[1]));
          filterList(a, b);
        });
      svg.append("g").attr("class", "brush").call(brush);
      window.sitrepTimeline = { interval: name, select: function (a, b) {  // for tests and keyboard users
        svg.select("g.brush").call(brush.move, [x(parse(a)), x(d3.utcDay.offset(parse(b), 1))]);
      }, clear: function () { svg.select("g.brush").call(brush.move, null); } };
      el.setAttribute("data-ready", String(table.length + ranges.length));
    })
    .catch(function (err) {
      var p = document.createElement("p"); p.className = "error";
      p.textContent = "The timeline could not be drawn: " + err.message; el.appendChild(p);
    });
}());
