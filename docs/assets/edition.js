/* WCAG 1.4.13 (content on hover or focus must be dismissible): Material's footnote and
   link tooltips stay open on Esc. Esc hides them until the reader points at, or moves
   the focus to, another element. Nothing else of Material's behaviour is changed. */
(function () {
  var root = document.documentElement;
  var dismissedAt = null;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (document.querySelector(".md-tooltip2--active, .md-tooltip--active")) {
        dismissedAt = document.activeElement;
        root.classList.add("ed-tooltips-dismissed");
      }
    }
  });
  function restore(event) {
    if (!root.classList.contains("ed-tooltips-dismissed")) return;
    var target = event.target.closest ? event.target.closest("a, [tabindex]") : null;
    if (event.type === "focusin" || (target && target !== dismissedAt)) {
      root.classList.remove("ed-tooltips-dismissed");
      dismissedAt = null;
    }
  }
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", restore);
})();

/* Material's tooltips are role="dialog" without a name (axe: aria-dialog-name): name them. */
(function () {
  function label(node) {
    if (node.nodeType === 1 && node.classList.contains("md-tooltip2") && !node.hasAttribute("aria-label")) {
      var inner = node.querySelector(".footnote-backref");
      node.setAttribute("aria-label", inner ? "注释预览" : "提示");
    }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(label);
      if (record.type === "attributes") label(record.target);
    });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  document.querySelectorAll(".md-tooltip2").forEach(label);
})();

/* A link to a collapsed box (the "推定" marks → #source, a link to #cite) opens it. */
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) setTimeout(openTarget, 0);
  });
})();
