/* The 404 page (overrides/404.html), served for every missing path.
   A short link typed with capitals (/t/LoRA/) goes to the real one (ids are
   lowercase); any other missing address offers its last segment as the
   search query. The redirect stays on this site: a path that starts with
   two slashes (//evil.example/t/X/) would otherwise be read as another
   host by location.replace. */
(function () {
  var path = location.pathname.replace(/^\/+/, "/");
  var shortLink = /^(.*\/t\/)([^\/]+)\/?$/.exec(path);
  if (shortLink && shortLink[2] !== shortLink[2].toLowerCase()) {
    var target = new URL(shortLink[1] + shortLink[2].toLowerCase() + "/", location.origin);
    if (target.origin === location.origin) {
      location.replace(target.pathname);
      return;
    }
  }
  var last = path.replace(/\/+$/, "").split("/").pop() || "";
  try { last = decodeURIComponent(last); } catch (error) { /* keep it encoded */ }
  last = last.replace(/\.html?$/, "").replace(/[-_]+/g, " ");
  document.querySelectorAll(".gl-not-found__query").forEach(function (input) {
    input.value = last;
  });
})();
