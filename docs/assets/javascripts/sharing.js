/* Sharing a term. hooks/short_links.py puts a copy-link button in each term
   heading; this copies the term's short link (on a phone it opens the
   system's share sheet, where there is one) and confirms it, visibly and to
   screen readers. A page opened on a term names the term in its tab, as the
   short link's own page did. The language switch also keeps the term: on
   /family/#lora, "English" leads to /en/family/#lora (mkdocs-static-i18n
   links the page only). No library: a few lines, loaded on every page
   after Material's bundle (the order matters, see the end). */
(function () {
  "use strict";
  var zh = document.documentElement.lang.indexOf("zh") === 0;
  var copiedText = zh ? "已复制短链接" : "Short link copied";
  var manualText = zh ? "复制这个短链接：" : "Copy this short link:";
  var shareText = zh ? "分享短链接" : "Share short link";
  // A phone's share sheet (messaging apps, copy) is what its reader expects;
  // on a desktop browser that has one too, copying stays the quicker way.
  var share = navigator.share && matchMedia("(pointer: coarse)").matches;

  // The live region exists before any message (one created with its
  // message is often not announced); it is also the visible toast.
  var status = document.createElement("div");
  status.className = "gl-toast";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function termName(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .gl-copy-link").forEach(function (node) { node.remove(); });
    return copy.textContent.trim();
  }
  var siteName = (document.querySelector('meta[property="og:site_name"]') || {}).content;
  function nameTab() {
    var heading = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (siteName && heading && heading.querySelector(".gl-copy-link")) {
      document.title = termName(heading) + " - " + siteName;
    }
  }
  nameTab();
  window.addEventListener("hashchange", nameTab);
  if (share) {
    document.querySelectorAll(".gl-copy-link").forEach(function (button) {
      button.setAttribute("aria-label", shareText);
    });
  }

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

  // The toast says what happened and goes: after 3 s, or as soon as the
  // reader taps, scrolls or types, whichever comes first. It only fades
  // then (opacity, not removed): the text stays in the live region until
  // the timer, so that a screen reader still reads what it queued.
  var timer;
  function dismiss() {
    if (status.textContent) status.setAttribute("data-gone", "");
  }
  window.addEventListener("scroll", dismiss, { passive: true });
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, dismiss, true);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".gl-copy-link");
    if (!button) return;
    var link = new URL(button.getAttribute("data-short-link"), location.href).href;
    if (share) {
      navigator.share({ title: termName(button.closest("h2, h3, h4")), url: link }).catch(function (error) {
        if (error.name !== "AbortError") copied(button, link);  // refused: copy instead
      });
      return;
    }
    copied(button, link);
  });

  function copied(button, link) {
    copy(link).then(function () {
      document.querySelectorAll(".gl-copy-link[data-state]").forEach(function (other) {
        other.removeAttribute("data-state");
      });
      button.setAttribute("data-state", "copied");
      // The link is for screen readers (the button's check mark shows the
      // sighted reader which one): on screen the toast is one short line.
      var what = document.createElement("span");
      what.textContent = copiedText;
      var where = document.createElement("span");
      where.className = "gl-visually-hidden";
      where.textContent = (zh ? "：" : ": ") + link;
      status.removeAttribute("data-gone");
      status.replaceChildren(what, where);
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.removeAttribute("data-state");
        status.textContent = "";
      }, 3000);
    }, function () {
      window.prompt(manualText, link);  // the reader can still copy it by hand
    });
  }

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

  // A display formula or table wider than the page scrolls inside its own
  // box (Material's .arithmatex and table wrapper are overflow: auto). A box
  // that scrolls is made focusable, so that keyboard users can scroll it too
  // (WCAG 2.1.1); the others stay out of the tab order.
  function focusableWhenScrolling() {
    var boxes = document.querySelectorAll("div.arithmatex, .md-typeset__scrollwrap");
    // Every width read first, then every write: a write between two reads
    // would lay the page out again for each box.
    var scrolling = Array.prototype.map.call(boxes, function (box) {
      return box.scrollWidth > box.clientWidth + 1;
    });
    boxes.forEach(function (box, index) {
      if (scrolling[index]) {
        box.setAttribute("tabindex", "0");
      } else if (box.hasAttribute("tabindex")) {
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
