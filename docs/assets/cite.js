/* Citing the edition (scripts/edition/site/citation.py writes the markup, this file finishes
   it): the path of a page (texts/yan/#p-12) becomes its absolute URL, [引用日期] and
   YYYY-MM-DD the date of access (today), and each copy button copies its citation. The ¶
   permalinks carry their paragraph's citation in data-cite, finished the same way. */
(function () {
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function siteRoot() {
    /* Material's own link to the home page gives the site's root, deployed anywhere. */
    var home = document.querySelector("a.md-header__button.md-logo, a.md-logo");
    return new URL(home ? home.getAttribute("href") : "../../", location.href).href;
  }
  function finish(text) {
    var root = siteRoot();
    return text
      .replace(/\[引用日期\]/g, "[" + today() + "]")
      .replace(/YYYY-MM-DD/g, today())
      .replace(/(^|[\s{])(texts\/[a-z-]+\/(#[a-z0-9-]+)?)/g, function (all, before, path) {
        return before + root + path;
      });
  }
  function finishNode(node) {
    node.textContent = finish(node.textContent);
  }
  document.querySelectorAll(".ed-cite .ed-citation, .ed-cite .ed-bibtex-block code").forEach(finishNode);
  document.querySelectorAll("a.ed-pilcrow[data-cite]").forEach(function (a) {
    a.setAttribute("data-cite", finish(a.getAttribute("data-cite")));
  });
  function copy(text, button) {
    function done() {
      button.classList.add("ed-copied");
      button.setAttribute("aria-label", "已复制 Copied");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.ed-copy[data-copy]") : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (source) copy(source.textContent.trim(), button);
  });
})();
