/* What the search dialog adds to Material's: loaded with the first sign of
   intent (hooks/search_on_demand.py), never on a plain page view.

   - A line under the result count when no term has the query as its name
     ("no term is called …; the closest results"), so that a look-alike is
     not taken for the answer; and "Common terms" over what the empty box
     suggests. The worker (search-worker.js) decides; this says it in the
     page's language.
   - On a phone, where search covers the page, Back closes search instead
     of leaving the page: opening search adds a history entry, and a result
     that is followed replaces it. */
(function () {
  "use strict";
  var LABELS = {
    zh: {closest: function (q) { return "没有名为“" + q + "”的术语，以下是最接近的结果。"; },
         popular: "常用术语"},
    en: {closest: function (q) { return "No term is called “" + q + "”. These are the closest results."; },
         popular: "Common terms"}
  };
  var lang = (document.documentElement.lang || "zh").split("-")[0];
  var labels = LABELS[lang] || LABELS.en;
  var search = document.querySelector(".md-search");
  var input = document.querySelector("input.md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var toggle = document.getElementById("__search");
  if (!search || !input || !meta || !toggle) return;

  var note = document.createElement("p");
  note.className = "gl-search-note";
  note.hidden = true;
  meta.insertAdjacentElement("afterend", note);

  function show(gl) {
    note.hidden = true;
    if (!gl || (gl.query || "") !== input.value.trim()) return;
    if (gl.note === "closest") {
      note.textContent = labels.closest(gl.query);
      note.hidden = false;
    } else if (gl.note === "popular") {
      meta.textContent = labels.popular;
    }
  }
  document.addEventListener("gl-search-result", function (event) { show(event.detail); });
  if (window.__glSearch) show(window.__glSearch.last);

  /* Back closes search on a phone. */
  var phone = window.matchMedia("(max-width: 59.984375em)");
  var following = null;
  function ours() { return !!(history.state && history.state.glSearch); }
  function close() {
    if (!toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new CustomEvent("change"));
  }
  function opened() {
    if (toggle.checked && phone.matches && !ours())
      history.pushState(Object.assign({}, history.state, {glSearch: true}), "");
    else if (!toggle.checked && ours() && following === null)
      history.back();
  }
  toggle.addEventListener("change", opened);
  addEventListener("popstate", function () {
    if (following !== null) {
      var target = following;
      following = null;
      location.assign(target);
    } else {
      close();
    }
  });
  // A result followed while search holds its history entry: that entry
  // goes first, so that Back from the term returns to this page, once.
  search.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[href]");
    if (!link || !ours() || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
    if (!link.closest(".md-search-result")) return;
    event.preventDefault();
    following = link.href;
    history.back();
  }, true);
  opened();
})();
