/* Correction forms: send each as one POST /api/corrections (or /undo) with the analyst's write token,
   then reload the page so that it shows the corrected values. The token stays in this tab only
   (sessionStorage); nothing on the page is ever evaluated as code. */
(function () {
  "use strict";
  var tokenInput = document.getElementById("write-token");
  var authorInput = document.getElementById("author");
  var errorBox = document.getElementById("correct-error");
  if (tokenInput) { tokenInput.value = sessionStorage.getItem("sitrep-token") || ""; }
  if (authorInput) { authorInput.value = sessionStorage.getItem("sitrep-author") || ""; }

  function fail(message) {
    if (!errorBox) { return; }
    errorBox.textContent = message;
    errorBox.classList.remove("hidden");
  }

  function send(url, body) {
    var token = tokenInput ? tokenInput.value.trim() : "";
    if (!token) { fail("Type the write token first."); return Promise.resolve(); }
    sessionStorage.setItem("sitrep-token", token);
    if (authorInput) { sessionStorage.setItem("sitrep-author", authorInput.value.trim()); }
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + token }
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { fail((data.error && data.error.message) || ("HTTP " + r.status)); return; }
        window.location.reload();
      });
    }).catch(function (e) { fail(String(e)); });
  }

  document.querySelectorAll("form.correction").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = { subject: form.dataset.subject, action: form.dataset.action,
                   author: authorInput ? authorInput.value.trim() || null : null };
      if (form.dataset.id) { body.id = parseInt(form.dataset.id, 10); }
      var data = new FormData(form);
      data.forEach(function (v, k) { if (k !== "value" || body.action !== "add") { body[k] = String(v); } });
      if (body.note === "") { body.note = null; }
      if (body.action === "add") {
        body.value = { subject: data.get("subject_actor"), type: data.get("type"), object: data.get("object_actor") };
        delete body.subject_actor; delete body.object_actor; delete body.type;
      }
      send("/api/corrections", body);
    });
  });
  document.querySelectorAll("button.undo").forEach(function (button) {
    button.addEventListener("click", function () {
      send("/api/corrections/" + button.dataset.undo + "/undo",
           { author: authorInput ? authorInput.value.trim() || null : null });
    });
  });
}());
