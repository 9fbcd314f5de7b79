/* An old link to a term that moved (page/#id). hooks/published_ids.py loads
   this only on pages that terms have left, with a map of their ids to their
   new places (relative links) in data-moved. It runs in <head>, before the
   page paints, and again if the anchor changes; location.replace keeps the
   old address out of the history, so Back does not bounce. */
(function () {
  "use strict";
  var script = document.currentScript;
  var moved = {};
  try {
    moved = JSON.parse(script.getAttribute("data-moved") || "{}");
  } catch (error) {
    return;
  }
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (Object.prototype.hasOwnProperty.call(moved, id)) {
      location.replace(new URL(moved[id], location.href).href);
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
