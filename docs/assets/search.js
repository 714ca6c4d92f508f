/* The edition's search (ADR 0006), loaded by the search page only (docs/search.md): it
   fetches the index written by `edition build` (docs/assets/search/index.json) on first use,
   and lists paragraphs, notes and glossary entries, best first, each with its passage and
   the match marked. No theme internals; the page is built with DOM calls (no innerHTML). */
(function () {
  "use strict";
  var form = document.getElementById("ed-search");
  if (!form) { return; }
  var field = document.getElementById("ed-search-input");
  var status = document.getElementById("ed-search-status");
  var list = document.getElementById("ed-search-results");
  var root = form.getAttribute("data-root") || "../";
  var loading = null;
  var texts = document.getElementById("ed-search-texts");
  var more = document.getElementById("ed-search-more");
  var PAGE_SIZE = 50;
  var BEFORE = 24;
  var AFTER = 80;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var HAN_RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z\u00c0-\u024f]+/g;

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index")).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      }).then(prepare);
    }
    return loading;
  }

  function prepare(raw) {
    var fold = new Map();
    for (var i = 0; i < raw.fold[0].length; i++) { fold.set(raw.fold[0][i], raw.fold[1][i]); }
    var index = { fold: fold, words: new Set(raw.words.split("|")), pages: raw.pages };
    // folding keeps the length of the text: offsets in the folded text are offsets in the text
    index.records = raw.records.map(function (r) {
      return { page: r[0], anchor: r[1], kind: r[2], text: r[3], folded: foldText(index, r[3]) };
    });
    index.terms = raw.terms.map(function (t) {
      var forms = [t[1]].concat(t[5]).map(function (f) { return bare(foldText(index, f)); });
      return { id: t[0], term: t[1], en: t[2], pinyin: t[3], toneless: t[4], variants: t[5], def: t[6],
               forms: forms, english: t[2].toLowerCase(), plainPinyin: withoutTones(t[3]).replace(/\s+/g, "") };
    });
    return index;
  }

  function foldText(index, text) {
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); })
      .replace(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g, function (c) { return index.fold.get(c) || c; });
  }

  /* A title without its book-title marks: 《全球数字契约》 is found as 全球数字契约. */
  function bare(text) {
    return text.replace(/[《》〈〉“”"]/g, "");
  }

  function withoutTones(text) {
    return text.toLowerCase().replace(/ü/g, "v").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* The query as parts: runs of Han characters and runs of Latin letters or digits. */
  function parseQuery(index, query) {
    var folded = foldText(index, query.normalize("NFKC")).toLowerCase();
    return { folded: folded.trim(), parts: folded.match(HAN_RUNS) || [] };
  }

  /* A Han run not found whole is searched as its words: forward longest match over the
     edition's jieba words, one character where no word fits. */
  function segment(index, run) {
    var words = [];
    var i = 0;
    while (i < run.length) {
      var size = Math.min(8, run.length - i);
      while (size > 1 && !index.words.has(run.substr(i, size))) { size--; }
      words.push(run.substr(i, size));
      i += size;
    }
    return words;
  }

  function occurrences(text, needle, latin) {
    var found = [];
    var at = text.indexOf(needle);
    while (at !== -1) {
      if (!latin || at === 0 || !/[0-9a-z]/.test(text[at - 1])) { found.push(at); }
      at = text.indexOf(needle, at + needle.length);
    }
    return found;
  }

  /* A record's score and the stretches to mark, or null if a part of the query is missing. */
  function scoreRecord(index, record, query) {
    var score = 0;
    var marks = [];
    for (var p = 0; p < query.parts.length; p++) {
      var part = query.parts[p];
      var latin = !HAN.test(part);
      var hits = occurrences(record.folded, part, latin);
      if (hits.length) {
        score += 100 + 5 * Math.min(hits.length, 6);
        hits.forEach(function (at) { marks.push([at, at + part.length]); });
        continue;
      }
      if (latin) { return null; }
      var words = segment(index, part);
      if (words.length < 2) { return null; }
      var partScore = 0;
      for (var w = 0; w < words.length; w++) {
        var wordHits = occurrences(record.folded, words[w], false);
        if (!wordHits.length) { return null; }
        partScore += (words[w].length > 1 ? 20 : 5) + Math.min(wordHits.length, 4);
        wordHits.forEach(function (at) { marks.push([at, at + words[w].length]); });
      }
      score += partScore;
    }
    if (query.parts.length > 1 && occurrences(record.folded, query.folded, false).length) { score += 50; }
    if (record.kind === "heading") { score += 10; }
    if (record.kind === "note") { score -= 5; }
    if (!record.anchor) { score -= 30; }  // the abstract and keywords: no paragraph of their own
    return { score: score, marks: marks };
  }

  function scoreTerm(term, query) {
    var q = bare(query.folded);
    var toneless = withoutTones(q).replace(/\s+/g, "");
    if (term.forms.indexOf(q) !== -1 || term.english === q || (toneless.length > 1 &&
        (term.toneless === toneless || term.plainPinyin === toneless))) {
      return 10000;
    }
    if (term.forms.some(function (f) { return f.indexOf(q) === 0; })) { return 60; }
    if (term.forms.some(function (f) { return f.indexOf(q) !== -1; })) { return 40; }
    if (toneless.length > 2 && /^[a-z]+$/.test(toneless)) {
      if (term.toneless.indexOf(toneless) === 0) { return 50 - term.toneless.length / 100; }
      if (term.toneless.indexOf(toneless) !== -1) { return 40 - term.toneless.length / 100; }
    }
    if (q.length > 1 && term.english.indexOf(q) !== -1) { return 40; }
    return 0;
  }

  function search(index, text) {
    var query = parseQuery(index, text);
    if (!query.parts.length) { return []; }
    var results = [];
    index.terms.forEach(function (term) {
      var score = scoreTerm(term, query);
      if (score) { results.push({ score: score, term: term, query: query }); }
    });
    index.records.forEach(function (record, order) {
      var found = scoreRecord(index, record, query);
      if (found) { results.push({ score: found.score, record: record, marks: found.marks, order: order }); }
    });
    results.sort(function (a, b) { return b.score - a.score || (a.order || 0) - (b.order || 0); });
    return results;
  }

  function anchorLabel(anchor) {
    if (anchor.indexOf("fn:") === 0) { return "注 " + anchor.slice(3); }
    if (anchor.indexOf("p-") === 0) { return "¶ " + anchor.slice(2); }
    if (anchor.indexOf("h-") === 0) { return "§"; }
    return "提要";
  }

  /* The passage around the first mark, and the marks inside it (merged), as DOM nodes. */
  function passage(text, marks, whole) {
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var first = marks.length && !whole ? marks[0][0] : 0;
    var start = Math.max(0, first - BEFORE);
    var end = Math.min(text.length, first + AFTER);
    var span = document.createElement("span");
    span.className = "ed-search-passage";
    var at = start;
    if (start > 0) { span.appendChild(document.createTextNode("…")); }
    marks.forEach(function (m) {
      var from = Math.max(m[0], at);
      var to = Math.min(m[1], end);
      if (to <= from) { return; }
      span.appendChild(document.createTextNode(text.slice(at, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      span.appendChild(mark);
      at = to;
    });
    span.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return span;
  }

  /* Marks in a glossary entry's line; pinyin is matched without its tones (the toneless
     text keeps the length of the text: the text is NFC, one mark per letter). */
  function termMarks(text, query) {
    var marks = [];
    var lower = withoutTones(text).normalize("NFC");
    if (lower.length !== text.length) { lower = text.toLowerCase(); }
    query.parts.forEach(function (part) {
      occurrences(lower, withoutTones(part), false).forEach(function (at) { marks.push([at, at + part.length]); });
    });
    return marks;
  }

  function resultItem(index, result) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var where = document.createElement("span");
    where.className = "ed-search-where";
    if (result.term) {
      var t = result.term;
      where.textContent = "术语 · " + t.term;
      var about = t.term + (t.variants.length ? "（又作 " + t.variants.join("、") + "）" : "") +
        " · " + t.en + " · " + t.pinyin + " — " + t.def;
      link.append(where, passage(about, termMarks(about, result.query), true));
    } else {
      var r = result.record;
      var page = index.pages[r.page];
      where.textContent = page[1] + " · " + anchorLabel(r.anchor);
      link.append(where, passage(r.text, result.marks));
    }
    link.href = resultHref(index, result);
    item.appendChild(link);
    return item;
  }

  /* Where the query occurs: each page with its number of results, linked to the best one. */
  function summary(index, results) {
    var byPage = new Map();
    results.forEach(function (r) {
      var page = r.term ? index.pages.length - 1 : r.record.page;
      if (!byPage.has(page)) { byPage.set(page, { first: r, count: 0 }); }
      byPage.get(page).count++;
    });
    return Array.from(byPage.keys()).sort(function (a, b) { return a - b; }).map(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var entry = byPage.get(page);
      link.href = resultHref(index, entry.first);
      link.setAttribute("data-page", index.pages[page][0]);
      link.textContent = index.pages[page][1] + " " + entry.count;
      item.appendChild(link);
      return item;
    });
  }

  function resultHref(index, result) {
    if (result.term) { return root + "glossary/#term-" + result.term.id; }
    var r = result.record;
    return root + index.pages[r.page][0] + (r.anchor ? "#" + r.anchor : "");
  }

  function showMore(index, results, shown) {
    var next = results.slice(shown, shown + PAGE_SIZE).map(function (r) { return resultItem(index, r); });
    list.append.apply(list, next);
    shown += next.length;
    more.hidden = shown >= results.length;
    more.onclick = function () { showMore(index, results, shown); };
  }

  function show(text) {
    var query = text.trim();
    if (!query) {
      list.replaceChildren();
      texts.replaceChildren();
      more.hidden = true;
      status.textContent = "输入词语，搜索五篇文本的正文、注释与术语表。";
      return;
    }
    load().then(function (index) {
      if (field.value.trim() !== query) { return; }
      var results = search(index, query);
      list.replaceChildren();
      texts.replaceChildren.apply(texts, summary(index, results));
      showMore(index, results, 0);
      status.textContent = results.length ? "找到 " + results.length + " 处：" : "没有找到“" + query + "”。";
    }).catch(function () {
      status.textContent = "搜索索引未能载入。";
    });
  }

  var timer = null;
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", field.value);
      window.history.replaceState(null, "", url);
      show(field.value);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(field.value);
  });
  field.value = new URLSearchParams(window.location.search).get("q") || "";
  show(field.value);
}());
