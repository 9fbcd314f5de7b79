/* The full index's worker: Material's own search worker with this prelude
   (hooks/search_on_demand.py puts it before Material's code). The page
   starts it when the glossary's worker (search-worker.js) asks, and gives
   each the end of one message channel: Material's messages come and go
   through it.

   - It fetches the index itself when told its address (a setup message
     without documents): the megabyte never passes through the other
     worker, and is only asked for once the names index has arrived.
   - What Material sends back is trimmed before it travels: a result's
     page document (its `parent`, a copy of the whole page's text) is
     dropped, and a text is cut to the blocks that show a match, or to its
     first block (a term's definition) when the match is in its names.
   - Each result carries the id of its query, so that the other worker
     keeps only the answer to the latest one. */
(function (self) {
  "use strict";
  var post = self.postMessage.bind(self);
  var port = null;
  var ids = [];
  var timings = {};
  var start = performance.now();
  var BLOCK = /<(p|li|pre|ul|ol)>[\s\S]*?<\/\1>|[^<]+/g;
  // About three lines of a phone's result list around the first match (a
  // Chinese character is as wide as two letters): a whole paragraph is more
  // than anyone reads there, and the result list renders every character.
  var BEFORE = 40, AFTER = 160;
  var WIDE = /[\u3000-\u9fff\uff00-\uffef]/;

  function width(text) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += WIDE.test(text[i]) ? 2 : 1;
    return w;
  }
  function head(text, units) {
    var w = 0;
    for (var i = 0; i < text.length; i++) {
      w += WIDE.test(text[i]) ? 2 : 1;
      if (w > units) return text.slice(0, i);
    }
    return text;
  }
  function tail(text, units) {
    var w = 0;
    for (var i = text.length - 1; i >= 0; i--) {
      w += WIDE.test(text[i]) ? 2 : 1;
      if (w > units) return text.slice(i + 1);
    }
    return text;
  }

  function around(block) {
    var open = block.match(/^<(p|li|pre|ul|ol)>/), tag = open ? open[1] : "";
    var inner = (tag ? block.slice(tag.length + 2, block.length - tag.length - 3) : block)
      .replace(/<(?!\/?mark>)[^>]*>/g, "");
    if (width(inner.replace(/<\/?mark>/g, "")) <= BEFORE + AFTER) return "<p>" + inner + "</p>";
    // Cut the text between marks only: a mark stays whole.
    var parts = inner.split(/(<mark>[\s\S]*?<\/mark>)/);
    var before = parts.length > 1 ? parts.shift() : "";
    if (width(before) > BEFORE) before = "…" + tail(before, BEFORE);
    var out = "", used = 0;
    parts.some(function (part) {
      var w = width(part.replace(/<\/?mark>/g, ""));
      if (used + w <= AFTER || /^<mark>/.test(part)) { out += part; used += w; return false; }
      out += head(part, AFTER - used) + "…";
      return true;
    });
    return "<p>" + before + out + "</p>";
  }

  function trimmed(text) {
    if (typeof text !== "string") return "";
    var blocks = (text.match(BLOCK) || []).filter(function (b) { return b.trim(); });
    var marked = blocks.filter(function (b) { return b.indexOf("<mark>") >= 0; });
    return (marked.length ? marked.slice(0, 2) : blocks.slice(0, 1)).map(around).join("");
  }

  function slim(data) {
    return {items: data.items.map(function (group) {
      return group.map(function (doc) {
        return {location: doc.location, title: doc.title, text: trimmed(doc.text),
                score: doc.score, terms: doc.terms};
      });
    }), suggest: data.suggest};
  }

  self.postMessage = function (message) {
    if (message && message.type === 1) {
      timings.build_ms = Math.round(performance.now() - start) - (timings.fetch_ms || 0);
      message = {type: 1, gl: timings};
    } else if (message && message.type === 3) {
      var asked = ids.shift() || {};
      message = {type: 3, id: asked.id, ms: Math.round(performance.now() - asked.at), data: slim(message.data)};
    }
    if (port) port.postMessage(message);
    else post(message);
  };

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === "gl-port" && event.ports[0]) {
      event.stopImmediatePropagation();
      port = event.ports[0];
      port.onmessage = function (e) { self.dispatchEvent(new MessageEvent("message", {data: e.data})); };
      return;
    }
    if (message.type === 2) ids.push({id: message.id, at: performance.now()});
    // Without documents (or, from the stub's fallback, with none): fetch them.
    if (message.type !== 0 || !message.data.config.glIndex || (message.data.docs || []).length) return;
    event.stopImmediatePropagation();
    start = performance.now();
    fetch(message.data.config.glIndex).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + message.data.config.glIndex);
      return response.json();
    }).then(function (index) {
      timings.fetch_ms = Math.round(performance.now() - start);
      self.dispatchEvent(new MessageEvent("message", {data: {type: 0, data: {
        config: index.config, docs: index.docs, options: message.data.options}}}));
    }).catch(function (error) { console.warn("search index:", error); });
  });
})(self);
