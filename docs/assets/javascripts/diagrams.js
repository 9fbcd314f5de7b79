/* Mermaid diagrams, rendered by the site's own copy of mermaid (npm, ES
 * module build): only the chunks a flowchart needs are fetched (about 660 KB
 * instead of the 2.7 MB single bundle), only on pages that have a diagram,
 * and only when a diagram comes near the viewport, so text paints first.
 * The steps of every diagram are also written out in the text below it. */
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll("div.mermaid"));
  if (!blocks.length) return;
  var script = document.currentScript;
  var moduleUrl = new URL(script.getAttribute("data-mermaid"), script.src).href;
  var sources = blocks.map(function (block) { return block.textContent; });
  var loading = null;
  var count = 0;

  // Reserve about the height the diagram will take, so that drawing it does
  // not push the text below (layout shift). A top-down flowchart is about
  // 105 px per rank (node plus spacing at mermaid's defaults); the number of
  // ranks is the longest chain of edges in the source.
  function estimatedHeight(source) {
    if (!/^\s*(flowchart|graph)\s+(TD|TB)\b/m.test(source)) return null;
    var next = {};
    source.split("\n").forEach(function (line) {
      var parts = line.replace(/\|[^|]*\|/g, "").split(/\s*(?:-->|---|-\.->|==>)\s*/);
      var ids = parts.map(function (part) { var m = /^\s*([\w-]+)/.exec(part); return m && m[1]; });
      for (var i = 0; i + 1 < ids.length; i++) {
        if (ids[i] && ids[i + 1]) (next[ids[i]] = next[ids[i]] || []).push(ids[i + 1]);
      }
    });
    var memo = {};
    function depth(id, seen) {
      if (memo[id]) return memo[id];
      if (seen[id]) return 0;  // a cycle (the RL loop): count it once
      seen[id] = true;
      var best = 1;
      (next[id] || []).forEach(function (to) { best = Math.max(best, 1 + depth(to, seen)); });
      seen[id] = false;
      return (memo[id] = best);
    }
    var ranks = 0;
    Object.keys(next).forEach(function (id) { ranks = Math.max(ranks, depth(id, {})); });
    return ranks ? ranks * 105 : null;
  }
  blocks.forEach(function (block, index) {
    var height = estimatedHeight(sources[index]);
    if (height) block.style.minHeight = height + "px";
  });

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  function mermaid() {
    if (!loading) {
      loading = import(moduleUrl).then(function (module) { return module.default; });
    }
    return loading;
  }

  function render(block, index) {
    return mermaid().then(function (api) {
      var dark = scheme() === "dark";
      api.initialize({
        startOnLoad: false, theme: scheme(), securityLevel: "strict",
        // Labels are SVG text, not HTML; and no diagram may change these
        // settings through a directive (themeCSS and fontFamily can load
        // from another origin). The build refuses such diagrams too
        // (hooks/mermaid_blocks.py).
        htmlLabels: false, flowchart: { htmlLabels: false },
        secure: ["secure", "securityLevel", "startOnLoad", "maxTextSize", "htmlLabels", "flowchart",
                 "themeCSS", "themeVariables", "fontFamily", "theme", "darkMode"],
        fontFamily: "var(--md-text-font-family)",
        // The dark theme's edge labels reach only 4.4:1; a darker label
        // background gives them the 4.5:1 that WCAG AA asks for.
        themeVariables: dark ? { edgeLabelBackground: "#333333" } : {}
      });
      return api.render("diagram-" + index + "-" + count++, sources[index]);
    }).then(function (result) {
      block.innerHTML = result.svg;
      block.style.minHeight = "";
      block.setAttribute("data-rendered", scheme());
    }).catch(function (error) {
      block.setAttribute("data-rendered", "error");
      console.warn("diagram " + index + " could not be rendered:", error);
    });
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      render(entry.target, blocks.indexOf(entry.target));
    });
  // A little ahead of the reader, not a screen ahead: a diagram far below
  // the first screen costs nothing until the reader scrolls towards it.
  }, { rootMargin: "100px 0px" });
  blocks.forEach(function (block) { observer.observe(block); });

  // The colour-scheme toggle: redraw rendered diagrams in the new scheme.
  new MutationObserver(function () {
    blocks.forEach(function (block, index) {
      var state = block.getAttribute("data-rendered");
      if (state && state !== "error" && state !== scheme()) render(block, index);
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
