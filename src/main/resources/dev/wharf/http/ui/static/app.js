// Wharf web UI: theme toggle, copy buttons, sortable tables and confirmed deletes. No inline script anywhere;
// every text this file puts on the page goes through textContent, never innerHTML.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var status = document.getElementById("status");

  function announce(text) {
    if (status) { status.textContent = text; }
  }

  // --- theme ---------------------------------------------------------------------------------------------------
  var toggle = document.getElementById("theme-toggle");
  function syncToggle() {
    var light = document.documentElement.getAttribute("data-theme") === "light";
    toggle.setAttribute("aria-pressed", light ? "true" : "false");
    toggle.textContent = light ? "Dark theme" : "Light theme";
  }
  if (toggle) {
    syncToggle();
    toggle.addEventListener("click", function () {
      var light = document.documentElement.getAttribute("data-theme") !== "light";
      document.documentElement.setAttribute("data-theme", light ? "light" : "dark");
      try { localStorage.setItem("wharf-theme", light ? "light" : "dark"); } catch (e) { /* not kept */ }
      syncToggle();
    });
  }

  // --- copy ----------------------------------------------------------------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button.copy");
    if (!button) { return; }
    var text = button.getAttribute("data-copy");
    var from = button.getAttribute("data-copy-from");
    if (from) { text = document.getElementById(from).value; }
    copyText(text).then(function () {
      button.setAttribute("data-copied", text);
      announce("Copied " + text);
    });
  });

  // --- sortable tables -----------------------------------------------------------------------------------------
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th button[data-sort-col]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var col = Number(button.getAttribute("data-sort-col"));
        var numeric = button.getAttribute("data-sort-type") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || "";
          var y = b.cells[col].getAttribute("data-sort") || "";
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        announce("Sorted by " + button.textContent + (ascending ? ", ascending" : ", descending"));
      });
    });
  });

  // --- pages that follow a running job reload themselves until it ends ----------------------------------------
  var refresh = document.querySelector("[data-refresh]");
  if (refresh) {
    setTimeout(function () { window.location.reload(); }, Number(refresh.getAttribute("data-refresh")));
  }

  // --- delete with confirmation --------------------------------------------------------------------------------
  var dialog = document.getElementById("confirm-delete");
  var pending = null;
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button.delete");
    if (!button || !dialog) { return; }
    pending = button;
    document.getElementById("confirm-title").textContent = "Delete " + button.getAttribute("data-what") + "?";
    document.getElementById("confirm-text").textContent = "This removes it from " +
      button.getAttribute("data-repository") + ". Clients can no longer pull it. This cannot be undone.";
    dialog.returnValue = "";
    dialog.showModal();
  });
  if (dialog) {
    dialog.addEventListener("close", function () {
      var button = pending;
      pending = null;
      if (!button || dialog.returnValue !== "delete") { if (button) { button.focus(); } return; }
      var repo = button.getAttribute("data-repository");
      var ref = button.getAttribute("data-reference");
      // names, tags and digests only hold URL-safe characters (":" is fine in a path)
      fetch("/ui/api/repos/" + repo + "/-/manifests/" + ref, {
        method: "DELETE",
        headers: { "X-CSRF-Token": csrf },
        credentials: "same-origin"
      }).then(function (r) {
        if (r.status === 204) {
          var after = button.getAttribute("data-after");
          if (after) { window.location.assign(after); return; }
          var digest = button.closest("tr").getAttribute("data-digest");
          var isDigest = ref.indexOf("sha256:") === 0;
          document.querySelectorAll("#tags tbody tr").forEach(function (row) {
            if (row.getAttribute("data-tag") === ref || (isDigest && row.getAttribute("data-digest") === digest)) {
              row.parentNode.removeChild(row);
            }
          });
          announce("Deleted " + button.getAttribute("data-what"));
        } else {
          return r.json().then(function (body) {
            announce("Could not delete: " + ((body.error && body.error.message) || r.status));
          });
        }
      }).catch(function () { announce("Could not delete: the server did not answer"); });
    });
  }
})();
