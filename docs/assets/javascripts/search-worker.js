/* The glossary's search worker: what Material's search talks to.

   Material's bundle sends this worker its messages (0 set up, 2 query) and
   renders what comes back (1 ready, 3 results). Two indexes answer:

   - the names index (search/search_names.json, hooks/search_names.py): every
     term's names in both languages, under 30 KB gzipped. It arrives with the
     first sign of intent and answers at once, so a term lookup needs neither
     the megabyte of the full index nor the seconds a phone spends building
     lunr's index from it;
   - the full index, fetched and built by Material's own worker in a worker
     of its own, which the page starts once the names index is in (so that
     the megabyte does not compete with it for the connection) and connects
     to this one by a message channel: building blocks a thread for seconds,
     and queries must not wait behind it. Once it is ready, the last query
     is answered again, with the full text.

   The two answers are merged by the rules readers expect of a glossary:
   a term whose name the query is (exactly, as its start, every word, or
   within one typo) comes first; then text that holds every word of the
   query; then partial matches, most of the query first. A result that holds
   none of the query's words is dropped, and so is a stop word ("of") on its
   own. When no term has the query as its name, the answer says so (gl.note),
   and the page's search-ui.js shows it.

   The matcher (GlossarySearch) is plain functions of the names index, also
   loaded by the tests under Node. */
(function (self) {
  "use strict";

  // lunr's English stop words (Material's pipeline keeps lunr.stopWordFilter).
  var STOP_WORDS = new Set(("a able about across after all almost also am among an and any are as at be " +
    "because been but by can cannot could dear did do does either else ever every for from get got had " +
    "has have he her hers him his how however i if in into is it its just least let like likely may me " +
    "might most must my neither no nor not of off often on only or other our own rather said say says " +
    "she should since so some than that the their them then there these they this tis to too twas us " +
    "wants was we were what when where which while who whom why will with would yet you your").split(" "));
  var NOT_WORD = /[^\p{L}\p{N}]+/gu;
  var HAN_RUN = /\p{sc=Han}+|[^\p{sc=Han}]+/gu;
  var HAN = /\p{sc=Han}/u;

  // How a name of a term counts: its own names in the page's language, the
  // other language's, then the variants its definitions list.
  var KIND = {own: 3, other: 2, variant: 1};
  // How a query matches a name, best first: it is the name, it is part of
  // the name (each of its words a word of it, or the start of one), or one
  // of these within one typo; these make the term a match for the whole
  // query. A partial match holds only some of its words.
  var TIER = {exact: 6, name: 5, typo: 3, partial: 1};
  var MAX_NAME_HITS = 20;
  // What the result list renders at once: Material renders every result of
  // the first ten pages, folded ones included, on the page's main thread.
  var MAX_RESULTS = 30, MAX_PER_PAGE = 4;

  function fold(text) { return String(text).normalize("NFKC").toLowerCase(); }
  function key(text) { return fold(text).replace(NOT_WORD, ""); }
  function words(text) {
    var out = [];
    fold(text).split(NOT_WORD).forEach(function (part) {
      (part.match(HAN_RUN) || []).forEach(function (w) { out.push(w); });
    });
    return out;
  }
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // Optimal string alignment distance <= 1: one character added, dropped,
  // replaced, or two neighbours swapped ("retreival").
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb)
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function longestCommonRun(a, b) {
    var best = 0, row = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      var previous = 0;
      for (var j = 1; j <= b.length; j++) {
        var here = row[j];
        row[j] = a[i - 1] === b[j - 1] ? previous + 1 : 0;
        if (row[j] > best) best = row[j];
        previous = here;
      }
    }
    return best;
  }

  function typoLength(word) { return HAN.test(word) ? 4 : 5; }

  // One query word against one word of a name, within one typo (of the
  // word or of its start): "halucination", "speculativ", "retreival".
  function nearWord(word, nameWord) {
    if (HAN.test(word) || word.length < typoLength(word)) return false;
    return withinOne(word, nameWord) || (nameWord.length > word.length &&
      (withinOne(word, nameWord.slice(0, word.length)) || withinOne(word, nameWord.slice(0, word.length + 1))));
  }

  // How well the query fits a name it does not equal, when each of its
  // words is a word of the name or the start of one (0 when not). Words
  // named whole count more than the starts of words ("agent": AI Agent
  // before Agentic Workflow); the name's last word, its head, what the term
  // is, more than the others ("agent": Coding Agent before Agent Memory);
  // how much of the name the query covers decides the rest.
  function nameFit(name, query) {
    var n = name.key, last = name.words.length - 1;
    var whole = 0, covered = 0, head = false, start = false;
    for (var i = 0; i < query.words.length; i++) {
      var w = query.words[i], han = HAN.test(w), best = -1, kind = 0;
      for (var j = 0; j < name.words.length && kind < 3; j++) {
        var nw = name.words[j];
        var k = nw === w ? 3 : nw.startsWith(w) && w.length >= (han ? 1 : 2) ? 2
          : han && w.length >= 2 && nw.indexOf(w) > 0 ? 1 : 0;
        if (k > kind || (k === kind && k && j === last)) { kind = k; best = j; }
      }
      if (!kind) return 0;
      covered += w.length;
      if (kind === 3) whole++;
      var nwBest = name.words[best];
      if (i === query.words.length - 1 && best === last && nwBest.endsWith(w)) head = true;
      if (i === 0 && best === 0 && nwBest.startsWith(w)) start = true;
    }
    var fit = query.words.length ? 0.4 * covered / n.length + 0.3 * whole / query.words.length +
      0.2 * head + 0.1 * start : 0;
    // A query that starts the name's letters across its words: "lowrank".
    if (query.key.length >= 2 && n.startsWith(query.key))
      fit = Math.max(fit, 0.4 * query.key.length / n.length + 0.1);
    return fit;
  }

  function parseQuery(text) {
    var all = words(text);
    var content = all.filter(function (w) { return !STOP_WORDS.has(w); });
    return {text: String(text).trim(), key: key(text), words: content, stopOnly: !content.length};
  }

  /* How well one name matches the query: {tier, fit} or null. */
  function matchName(name, query) {
    var q = query.key, n = name.key;
    if (!q) return null;
    if (n === q) return {tier: TIER.exact, fit: 1};
    if (query.stopOnly) return null;
    var fit = nameFit(name, query);
    if (fit > 0) return {tier: TIER.name, fit: fit};
    var han = HAN.test(q);
    if (q.length >= typoLength(q) && (withinOne(q, n) || (!han && nearWord(q, n))))
      return {tier: TIER.typo, fit: Math.min(1, q.length / n.length)};
    if (query.words.every(function (w) {
      return name.words.some(function (nw) { return nw === w || nw.startsWith(w) || nearWord(w, nw); });
    }))
      return {tier: TIER.typo, fit: 0.9 * q.length / n.length};
    // Part of the query: its earlier words weigh more ("lora adapter" is
    // LoRA before Adapter), and a Chinese query its longest shared run.
    // Then how much of the name they cover ("lora": LoRA before QLoRA).
    var weight = 0, matched = 0, covered = 0;
    query.words.forEach(function (w, i) {
      var weightHere = 1 / (1 + 0.1 * i);
      weight += weightHere;
      if (name.words.some(function (nw) { return nw === w || (w.length >= 2 && nw.startsWith(w)); })) {
        matched += weightHere;
        covered += w.length;
      }
    });
    var share = weight ? 0.8 * matched / weight + 0.2 * Math.min(1, covered / n.length) : 0;
    if (han && query.words.length === 1) {
      var run = longestCommonRun(q, n);
      share = run >= 2 ? 0.8 * run / q.length + 0.2 * run / n.length : 0;
    }
    return share > 0 ? {tier: TIER.partial, fit: share} : null;
  }

  /* The names index, ready to match. */
  function loadNames(data) {
    var pages = data.pages.map(function (p) { return {location: p[0], title: p[1]}; });
    var terms = data.terms.map(function (row, index) {
      var names = [], seen = {};
      [[row[3], KIND.own], [row[4], KIND.other], [row[5], KIND.variant]].forEach(function (group) {
        group[0].forEach(function (text) {
          var k = key(text);
          if (!k || seen[k]) return;
          seen[k] = true;
          names.push({text: text, key: k, words: words(text), kind: group[1]});
        });
      });
      var page = pages[row[0]];
      return {index: index, page: page, location: page.location + "#" + row[1], id: row[1],
              title: row[2], definition: row[6], names: names};
    });
    return {pages: pages, terms: terms, popular: (data.popular || []).map(function (i) { return terms[i]; })};
  }

  /* The terms whose names match the query, best first:
     [{term, tier, score, name}]. */
  function matchTerms(names, text) {
    var query = parseQuery(text), hits = [];
    if (!query.key) return hits;
    names.terms.forEach(function (term) {
      var best = null;
      term.names.forEach(function (name) {
        var m = matchName(name, query);
        if (!m) return;
        var score = m.tier * 10 + m.fit * 5 + name.kind * 0.1;
        if (!best || score > best.score) best = {term: term, tier: m.tier, fit: m.fit, score: score, name: name};
      });
      if (best) hits.push(best);
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.term.title.length - b.term.title.length || a.term.index - b.term.index;
    });
    return hits.slice(0, MAX_NAME_HITS);
  }

  function isWhole(hit) { return hit.tier >= TIER.typo; }

  /* The title with the query marked, when it shows there as typed. */
  function markedTitle(title, query) {
    var safe = escapeHtml(title), q = escapeHtml(String(query).trim());
    if (!q) return safe;
    var at = safe.toLowerCase().indexOf(q.toLowerCase());
    return at < 0 ? safe : safe.slice(0, at) + "<mark>" + safe.slice(at, at + q.length) + "</mark>" +
      safe.slice(at + q.length);
  }

  // The run of a Chinese query a name shares: 注意力头剪枝 and 注意力机制
  // share 注意力, the rest (头剪枝) is what the name lacks.
  function sharedRun(a, b) {
    var best = "";
    for (var i = 0; i < a.length; i++)
      for (var j = i + best.length + 1; j <= a.length && b.indexOf(a.slice(i, j)) >= 0; j++)
        best = a.slice(i, j);
    return best;
  }

  /* The query's words a hit holds (true) and lacks (false), as Material
     shows them: marked on the page it opens, "missing" under the result. */
  function termsOf(hit, query) {
    var found = {}, parsed = parseQuery(query);
    if (hit.tier === TIER.partial && parsed.words.length === 1 && HAN.test(parsed.key)) {
      var run = sharedRun(parsed.key, hit.name.key);
      parsed.key.split(run).filter(Boolean).forEach(function (rest) { found[rest] = false; });
      if (run) found[run] = true;
      return found;
    }
    if (hit.tier === TIER.typo) hit.name.words.forEach(function (w) { found[w] = true; });
    else parsed.words.forEach(function (w) {
      if (hit.tier !== TIER.partial || hit.name.words.some(function (nw) { return nw.startsWith(w); }))
        found[w] = true;
      else found[w] = false;
    });
    return found;
  }

  /* A names hit as one of Material's result documents. */
  function nameDocument(hit, query) {
    return {location: hit.term.location, title: markedTitle(hit.term.title, query),
            text: hit.term.definition ? "<p>" + escapeHtml(hit.term.definition) + "</p>" : "",
            terms: termsOf(hit, query)};
  }

  /* Material's result shape: groups of one page each, its article first or
     where its score puts it. Material shows the results that share the
     group's best score and folds the rest under "N more on this page": every
     term named by the query is shown, of the other results the best. */
  function grouped(ranked, pageTitles) {
    var groups = new Map();
    ranked.forEach(function (item) {
      var page = item.doc.location.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      if (groups.get(page).length < MAX_PER_PAGE) groups.get(page).push(item);
    });
    var out = [];
    groups.forEach(function (items, page) {
      var top = items[0].rank;
      var docs = items.map(function (item, i) {
        var shown = i === 0 || (top === 3 && item.rank === 3);
        return Object.assign({}, item.doc, {score: shown ? top : top - 0.01 * i});
      });
      if (!docs.some(function (d) { return d.location === page; }))
        docs.push({location: page, title: escapeHtml(pageTitles[page] || page), text: "", score: 0, terms: {}});
      docs.sort(function (a, b) { return b.score - a.score; });
      out.push(docs);
    });
    return out;
  }

  function coverage(terms) {
    var keys = Object.keys(terms || {});
    if (!keys.length) return 0;
    return keys.filter(function (k) { return terms[k]; }).length / keys.length;
  }

  /* The answer to a query: names hits, and the full index's results when
     there are any (null while it is not ready). */
  function answer(names, query, full) {
    var parsed = parseQuery(query);
    var titles = {};
    names.pages.forEach(function (p) { titles[p.location] = p.title; });
    if (!parsed.key) return popularAnswer(names, titles);
    var hits = matchTerms(names, query);
    var whole = hits.filter(isWhole), partial = hits.filter(function (h) { return !isWhole(h); });
    // A Chinese query shares characters with many names: those are the
    // closest terms only when no term has the query as its name.
    if (whole.length && parsed.words.length < 2) partial = [];
    var fullItems = [];
    (full && full.items || []).forEach(function (group) {
      group.forEach(function (doc) { fullItems.push(doc); });
    });
    var byLocation = {};
    fullItems.forEach(function (doc) { byLocation[doc.location] = doc; });
    var ranked = [], placed = {};
    function place(doc, rank) {
      if (placed[doc.location]) return;
      placed[doc.location] = true;
      ranked.push({doc: doc, rank: rank});
    }
    // 1. Terms that have the query as a name. The full index's document
    // when it has one (its text shows the query's words marked).
    whole.forEach(function (hit) {
      var doc = byLocation[hit.term.location];
      doc = doc ? Object.assign({}, doc, {terms: termsOf(hit, query)}) : nameDocument(hit, query);
      if (!/<mark>/.test(doc.title)) doc.title = markedTitle(hit.term.title, query);
      place(doc, 3);
    });
    // 2. Text that holds every word; a term whose name holds some of them
    // first ("lora adapter": LoRA, whose text mentions adapters).
    var nameFit = {};
    partial.forEach(function (hit) { nameFit[hit.term.location] = hit.score; });
    var matched = fullItems.filter(function (doc) { return coverage(doc.terms) > 0; });
    matched.filter(function (doc) { return coverage(doc.terms) === 1; })
      .sort(function (a, b) { return (nameFit[b.location] || 0) - (nameFit[a.location] || 0) || b.score - a.score; })
      .forEach(function (doc) { place(doc, 2); });
    // 3. The rest: the most of the query first, a name's match before text.
    var rest = partial.map(function (hit) {
      return {doc: byLocation[hit.term.location] || nameDocument(hit, query), share: hit.fit, name: 1,
              score: hit.score};
    }).concat(matched.filter(function (doc) { return coverage(doc.terms) < 1; }).map(function (doc) {
      return {doc: doc, share: coverage(doc.terms), name: 0, score: doc.score};
    }));
    rest.sort(function (a, b) { return b.share - a.share || b.name - a.name || b.score - a.score; });
    rest.forEach(function (r) { place(r.doc, 1); });
    var result = {items: grouped(ranked.slice(0, MAX_RESULTS), titles),
                  gl: {state: full ? "full" : "names", query: parsed.text,
                       note: ranked.length && !whole.length ? "closest" : null}};
    var suggest = full && full.suggest;
    if (!suggest || !suggest.length) suggest = completion(whole[0], parsed);
    if (suggest) result.suggest = suggest;
    return result;
  }

  // What Material's search.suggest shows: the last query word completed
  // from the best name.
  function completion(hit, query) {
    if (!hit) return null;
    var last = words(query.text).pop();
    if (!last) return null;
    var word = hit.name.words.find(function (w) { return w.startsWith(last); });
    return word ? [word] : [];
  }

  function popularAnswer(names, titles) {
    var ranked = names.popular.map(function (term) {
      return {doc: {location: term.location, title: escapeHtml(term.title),
                    text: term.definition ? "<p>" + escapeHtml(term.definition) + "</p>" : "", terms: {}},
              rank: 3};  // all shown, none folded
    });
    return {items: grouped(ranked, titles), gl: {state: null, query: "", note: ranked.length ? "popular" : null}};
  }

  /* What goes to the full index: the query without its stop words (lunr
     would match "of*" in every "offline" and "Chain-of-Thought"). */
  function fullQuery(text) {
    var parsed = parseQuery(text);
    if (parsed.stopOnly) return "";
    return String(text).split(/\s+/).filter(function (w) {
      return !STOP_WORDS.has(fold(w).replace(NOT_WORD, ""));
    }).join(" ");
  }

  var api = {fold: fold, key: key, words: words, withinOne: withinOne, parseQuery: parseQuery,
             matchName: matchName, loadNames: loadNames, matchTerms: matchTerms, answer: answer,
             fullQuery: fullQuery, TIER: TIER};
  self.GlossarySearch = api;
  if (typeof WorkerGlobalScope === "undefined" || !(self instanceof WorkerGlobalScope)) return;

  /* --- The worker -------------------------------------------------------- */

  var front = self.__glFront || {held: [], real: null, names: null};
  var names = null, config = null, options = null;
  var full = null, fullReady = false;
  var latest = {id: 0, query: null};
  var pending = {};
  var timings = {start: performance.now()};

  function post(message) { self.postMessage(message); }

  function state(name) {
    timings[name] = Math.round(performance.now() - timings.start);
    post({type: "gl-state", state: name, timings: timings});
  }

  // The full index's worker is the page's (search_on_demand.py's prelude
  // starts it when asked, and hands both workers the ends of one channel):
  // a worker of this worker would be one more thing some browsers lack.
  function startFull() {
    if (!front.real || full) return;
    full = {port: null};
    post({type: "gl-full", url: new URL(front.real, self.location.href).href});
  }

  function connect(port) {
    full.port = port;
    port.onmessage = function (event) {
      var m = event.data;
      if (m.type === 1) {
        fullReady = true;
        Object.assign(timings, m.gl || {});
        state("full");
        if (latest.query !== null && parseQuery(latest.query).key) ask(latest.query);
      } else if (m.type === 3) {
        var wanted = pending[m.id];
        delete pending[m.id];
        if (wanted !== undefined && m.id === latest.id) {
          var t0 = performance.now();
          var data = answer(names, wanted, m.data);
          data.gl.ms = {search: m.ms, merge: Math.round(performance.now() - t0)};
          post({type: 3, data: data});
        }
      }
    };
    port.postMessage({type: 0, data: {config: config, docs: null, options: options}});
  }

  // Queries that arrive together are answered once, the last: Material
  // sends the empty box's query and the typed one together when search
  // becomes ready, and one per key as the reader types. Rendering an answer
  // nobody sees costs a phone's main thread tens of milliseconds.
  function ask(query) {
    var id = latest.id = latest.id + 1;
    latest.query = query;
    setTimeout(function () { if (id === latest.id) answerLatest(id, query); }, 0);
  }

  function answerLatest(id, query) {
    if (!names) return;
    var text = fullQuery(query);
    if (fullReady && text && parseQuery(query).key) {
      pending[id] = query;
      full.port.postMessage({type: 2, data: text, id: id});
    } else {
      post({type: 3, data: answer(names, query, null)});
    }
  }

  function setUp(data) {
    config = data.config;
    options = data.options;
    var request = front.names || fetch(config.glNames);
    Promise.resolve(request).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + config.glNames);
      return response.json();
    }).then(function (json) {
      names = loadNames(json);
      state("names");
      post({type: 1});
      startFull();
    }).catch(function (error) {
      // Without the names index, the full index is all there is: Material's
      // own behaviour, a little later.
      console.warn("search names index:", error);
      names = loadNames({pages: [], terms: [], popular: []});
      startFull();
      var wait = setInterval(function () {
        if (fullReady) { clearInterval(wait); post({type: 1}); }
      }, 50);
    });
  }

  function handle(message, ports) {
    if (!message || typeof message !== "object") return;
    if (message.type === 0) setUp(message.data);
    else if (message.type === 2) ask(message.data);
    else if (message.type === "gl-port" && full && ports && ports[0]) connect(ports[0]);
  }

  front.held.forEach(function (message) { handle(message); });
  addEventListener("message", function (event) { handle(event.data, event.ports); });
})(self);
