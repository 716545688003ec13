/* Shared helpers for sitrep's pages (no inline scripts: the pages load these files). */
(function () {
  "use strict";
  var TYPE_COLOURS = {
    ASSAULT: "#c62828", COERCE: "#ef6c00", SANCTION: "#8e24aa", THREATEN: "#d81b60", PROTEST: "#1e88e5",
    MOBILIZE: "#00897b", FIGHT: "#b71c1c", AID: "#43a047", CONSULT: "#7cb342", COOPERATE: "#2e7d32",
    DEMAND: "#fbc02d", DISAPPROVE: "#6d4c41", ACCUSE: "#795548", REJECT: "#546e7a", RETREAT: "#90a4ae",
    YIELD: "#26a69a", CONCEDE: "#26a69a", AGREE: "#66bb6a", REQUEST: "#ffb300", SUPPORT: "#9ccc65"
  };
  var fallback = ["#3949ab", "#5e35b1", "#00acc1", "#7e57c2", "#8d6e63", "#f4511e", "#c0ca33"];
  window.sitrep = {
    typeColour: function (t, i) { return TYPE_COLOURS[t] || fallback[(i || 0) % fallback.length]; },
    getJSON: function (url) {
      return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status + " for " + url); }
        return r.json();
      });
    },
    showError: function (el, message) {
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = message;
      el.appendChild(p);
    }
  };
}());
