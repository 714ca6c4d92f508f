/* Interlinear gloss toggle: off → English after each term → pinyin as ruby; remembered in
   localStorage across pages. Re-applied on each page load (no navigation.instant). */
(function () {
  var KEY = "edition-gloss-mode", MODES = ["off", "en", "pinyin"];
  var LABEL = { off: "对照：关 Gloss: off", en: "对照：英文 Gloss: English", pinyin: "对照：拼音 Gloss: pinyin" };
  function mode() { var m = localStorage.getItem(KEY); return MODES.indexOf(m) >= 0 ? m : "off"; }
  function apply(m) {
    document.documentElement.setAttribute("data-gloss", m);
    document.querySelectorAll("a.gloss").forEach(function (a) {
      var old = a.querySelector(".gloss-inter"); if (old) old.remove();
      var rt = a.querySelector("ruby"); if (rt) { a.textContent = rt.firstChild.textContent; }
      if (m === "en") {
        var s = document.createElement("small"); s.className = "gloss-inter"; s.lang = "en";
        s.textContent = " " + a.dataset.en; a.appendChild(s);
      } else if (m === "pinyin") {
        var term = a.textContent, r = document.createElement("ruby"), t = document.createElement("rt");
        r.textContent = term; t.textContent = a.dataset.pinyin; r.appendChild(t);
        a.textContent = ""; a.appendChild(r);
      }
    });
    var b = document.getElementById("gloss-toggle"); if (b) b.textContent = LABEL[m];
  }
  function init() {
    if (!document.querySelector("a.gloss")) return;
    var b = document.getElementById("gloss-toggle");
    if (!b) {
      b = document.createElement("button"); b.id = "gloss-toggle"; b.type = "button"; b.className = "gloss-toggle";
      b.addEventListener("click", function () {
        var m = MODES[(MODES.indexOf(mode()) + 1) % MODES.length];
        localStorage.setItem(KEY, m); apply(m);
      });
      var main = document.querySelector("article") || document.body; main.insertBefore(b, main.firstChild);
    }
    apply(mode());
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState !== "loading") init(); else document.addEventListener("DOMContentLoaded", init);
})();
