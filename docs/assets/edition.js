/* A link to a collapsed box, or to something inside one (the "推定" marks → #source, a link to
   #cite, #page-1 in the front matter), opens it and the boxes around it. */
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var node = id && document.getElementById(id);
    for (; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) setTimeout(openTarget, 0);
  });
})();

/* Print: the address of the page, so that a printout says where it came from. */
(function () {
  var canonical = document.querySelector("link[rel=canonical]");
  var url = canonical ? canonical.href : location.href.split("#")[0];
  document.querySelectorAll(".ed-print-url").forEach(function (node) { node.textContent = url; });
})();

/* On a phone the authors' abstract shows its first lines (CSS: .ed-lead, line-clamp), so that
   the text begins on the first screen; a button shows the rest. */
(function () {
  document.querySelectorAll(".ed-lead").forEach(function (lead) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ed-lead-more";
    button.setAttribute("aria-expanded", "false");
    button.textContent = "展开提要 ";
    var en = document.createElement("span");
    en.lang = "en";
    en.textContent = "Whole abstract";
    button.appendChild(en);
    button.addEventListener("click", function () {
      var open = lead.classList.toggle("ed-lead--open");
      button.setAttribute("aria-expanded", String(open));
      button.firstChild.textContent = open ? "收起提要 " : "展开提要 ";
      en.textContent = open ? "Shorter" : "Whole abstract";
    });
    lead.appendChild(button);
  });
})();

/* A table that scrolls sideways on a phone can be scrolled with the keyboard too (axe:
   scrollable-region-focusable): Material's wrapper, which its script adds once the page is
   set up (document$), becomes a named, focusable region. */
(function () {
  function headingBefore(node) {
    for (var at = node.previousElementSibling; at; at = at.previousElementSibling) {
      if (/^H[1-6]$/.test(at.tagName)) return at.textContent.replace(/[¶#]\s*$/, "").trim();
    }
    return "";
  }
  function regions() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      var caption = wrap.querySelector("caption");
      var label = "表格 Table：" + (caption ? caption.textContent : headingBefore(wrap));
      used[label] = (used[label] || 0) + 1;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", used[label] > 1 ? label + " " + used[label] : label);
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(regions, 0); });
  else regions();
})();
