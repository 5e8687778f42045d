/**
 * The site's own stylesheet and its one script. The script does what only a script can do —
 * search, filter and sort the projects table — and nothing else: every page reads in full
 * without it. It is served from the site itself, never from a CDN.
 */
export const SITE_CSS = `.aap-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;list-style:none;margin:0;padding:.75rem 0;border-bottom:1px solid var(--border-default-grey)}
.aap-nav li{padding:0}
.aap-nav a[aria-current=page]{font-weight:700}
.aap-plain{list-style:none;padding-left:0}
.aap-plain li{padding-bottom:.25rem}
.aap-empty{color:var(--text-mention-grey)}
.aap-num{text-align:right;white-space:nowrap}
.aap-scroll{overflow-x:auto;max-width:100%}
.fr-table.aap-scroll table{width:100%;display:table;overflow:visible}
.aap-figure{margin:0}
.aap-figure__value{font-size:1.75rem;font-weight:700;line-height:1.2;margin:0;color:var(--text-title-blue-france)}
.aap-figure__label{font-size:.875rem;margin:0}
.aap-card{border:1px solid var(--border-default-grey);padding:1.5rem}
.aap-chart{max-width:100%;height:auto}
.aap-chart__label,.aap-chart__value{font-size:13px;fill:#161616;font-family:Marianne,arial,sans-serif}
.aap-chart__bar{fill:#000091}
.aap-sort{background:none;border:0;padding:0;font:inherit;font-weight:700;cursor:pointer;text-align:inherit;color:inherit}
.aap-sort::after{content:" ↕";font-weight:400}
.aap-sort[data-sens=asc]::after{content:" ↑"}
.aap-sort[data-sens=desc]::after{content:" ↓"}
`;

export const FILTER_SCRIPT = `// Recherche, filtres et tri du tableau des lauréats. Sans ce script, le tableau se lit en entier.
"use strict";
document.querySelectorAll("form[data-table]").forEach(function (form) {
  var table = document.getElementById(form.getAttribute("data-table"));
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = form.querySelector("[data-recherche]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filtre]"));
  var count = form.querySelector("[data-compte]");
  var norm = function (text) { return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); };
  function apply() {
    var words = norm(search.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.getAttribute("data-filtre")) === s.value; });
      var text = norm(row.textContent);
      ok = ok && words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " projet" + (shown > 1 ? "s" : "") + " affiché" + (shown > 1 ? "s" : "") + " sur " + rows.length;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "aap-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var sens = button.getAttribute("data-sens") === "asc" ? "desc" : "asc";
      table.querySelectorAll(".aap-sort").forEach(function (b) { b.removeAttribute("data-sens"); b.parentNode.removeAttribute("aria-sort"); });
      button.setAttribute("data-sens", sens);
      th.setAttribute("aria-sort", sens === "asc" ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[index];
        var value = cell.hasAttribute("data-tri") ? cell.getAttribute("data-tri") : cell.textContent.trim();
        return value;
      };
      var numeric = rows.every(function (row) { var v = key(row); return v === "" || !isNaN(Number(v)); });
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "fr");
        return sens === "asc" ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  form.hidden = false;
  apply();
});
`;
