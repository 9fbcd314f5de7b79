/* Sharing a term. hooks/short_links.py puts a copy-link button in each term
   heading; this copies the term's short link and confirms it, visibly and to
   screen readers. The language switch also keeps the term: on
   /family/#lora, "English" leads to /en/family/#lora (mkdocs-static-i18n
   links the page only). No library: a few lines, loaded on every page
   after Material's bundle (the order matters, see the end). */
(function () {
  "use strict";
  var zh = document.documentElement.lang.indexOf("zh") === 0;
  var copiedText = zh ? "已复制短链接" : "Short link copied";
  var manualText = zh ? "复制这个短链接：" : "Copy this short link:";

  // The live region exists before any message: one created with its
  // message is often not announced.
  var status = document.createElement("div");
  status.className = "gl-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (a local copy of the site): the older copy command.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "gl-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  var timer;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".gl-copy-link");
    if (!button) return;
    var link = new URL(button.getAttribute("data-short-link"), location.href).href;
    copy(link).then(function () {
      document.querySelectorAll(".gl-copy-link[data-state]").forEach(function (other) {
        other.removeAttribute("data-state");
      });
      button.setAttribute("data-state", "copied");
      button.setAttribute("data-message", copiedText);
      status.textContent = copiedText + (zh ? "：" : ": ") + link;
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.removeAttribute("data-state");
        status.textContent = "";
      }, 2500);
    }, function () {
      window.prompt(manualText, link);  // the reader can still copy it by hand
    });
  });

  // The switch's links are rewritten as the reader reaches for them, so the
  // anchor is the one of the term in view (navigation.tracking updates it).
  function keepAnchor(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.href;
  }
  ["pointerover", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, keepAnchor, true);
  });

  // Material fetches "<href>sitemap.xml" for every <link rel="alternate"> at
  // DOMContentLoaded (meant for languages built as separate sites). Here the
  // alternates are pages: each fetch would fail, and go to another origin
  // whenever the site is served away from site_url. The links step out of
  // the head while Material looks and return once the page has loaded;
  // crawlers read them in the HTML.
  var alternates = document.querySelectorAll("link[rel=alternate][hreflang]");
  alternates.forEach(function (link) { link.remove(); });
  window.addEventListener("load", function () {
    alternates.forEach(function (link) { document.head.appendChild(link); });
  });

  // A display formula wider than the page scrolls inside its own box
  // (Material's .arithmatex is overflow: auto). A box that scrolls is made
  // focusable, so that keyboard users can scroll it too (WCAG 2.1.1); the
  // others stay out of the tab order.
  function focusableWhenScrolling() {
    document.querySelectorAll("div.arithmatex").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }
  // After load: the layout it reads is then done anyway, not forced early.
  window.addEventListener("load", focusableWhenScrolling);
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(focusableWhenScrolling, 200);
  });
})();
