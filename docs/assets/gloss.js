/* Interlinear glosses: none, English after each term, or pinyin as ruby above it. Three
   buttons, each naming what it shows, the current one aria-pressed; the bar stays at the top
   of the screen while the text scrolls (CSS: .ed-gloss-bar, sticky). The choice is kept in
   localStorage for every page. Re-applied on each page load (no navigation.instant). */
(function () {
  "use strict";
  var KEY = "edition-gloss-mode", MODES = ["off", "en", "pinyin"];
  var LABEL = {
    off: ["不显示对照", "No glosses"],
    en: ["显示英文", "Show English"],
    pinyin: ["显示拼音", "Show pinyin"]
  };

  function stored() {
    var m = null;
    try { m = localStorage.getItem(KEY); } catch (e) { m = null; }
    return MODES.indexOf(m) >= 0 ? m : "off";
  }

  function remember(m) {
    try { localStorage.setItem(KEY, m); } catch (e) { /* private mode: this page only */ }
  }

  function termOf(a) {
    var ruby = a.querySelector("ruby");
    if (ruby) return ruby.firstChild.textContent;
    var old = a.querySelector(".gloss-inter");
    return old ? a.textContent.slice(0, a.textContent.length - old.textContent.length) : a.textContent;
  }

  function show(a, m) {
    var term = termOf(a);
    a.textContent = term;
    if (m === "en") {
      var s = document.createElement("small");
      s.className = "gloss-inter";
      s.lang = "en";
      s.textContent = " " + a.dataset.en;
      a.appendChild(s);
    } else if (m === "pinyin") {
      var r = document.createElement("ruby"), t = document.createElement("rt");
      r.textContent = term;
      t.textContent = a.dataset.pinyin;
      t.lang = "zh-Latn";
      r.appendChild(t);
      a.textContent = "";
      a.appendChild(r);
    }
  }

  function apply(m) {
    document.documentElement.setAttribute("data-gloss", m);
    document.querySelectorAll("a.gloss").forEach(function (a) { show(a, m); });
    document.querySelectorAll(".ed-gloss-bar button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.value === m));
    });
  }

  function bar() {
    var group = document.createElement("div");
    group.className = "ed-gloss-bar";
    group.id = "gloss-toggle";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "术语对照 Glosses");
    MODES.forEach(function (m) {
      var b = document.createElement("button");
      b.type = "button";
      b.value = m;
      b.className = "ed-gloss-button";
      var zh = document.createElement("span");
      zh.textContent = LABEL[m][0];
      var en = document.createElement("span");
      en.lang = "en";
      en.className = "ed-gloss-button__en";
      en.textContent = LABEL[m][1];
      b.appendChild(zh);
      b.appendChild(en);
      b.addEventListener("click", function () { remember(m); apply(m); });
      group.appendChild(b);
    });
    return group;
  }

  function init() {
    if (!document.querySelector("a.gloss") || document.getElementById("gloss-toggle")) {
      if (document.querySelector("a.gloss")) apply(stored());
      return;
    }
    var article = document.querySelector("article") || document.body;
    article.insertBefore(bar(), article.firstChild);
    apply(stored());
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
