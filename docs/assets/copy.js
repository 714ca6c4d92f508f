/* Copying from a text gives the text: what the edition adds to the running text — note
   numbers, page markers, ¶ permalinks, heading anchors, interlinear glosses, the marks of
   emendations — is left out of the clipboard (plain text and HTML alike). */
(function () {
  var ADDED = [
    "sup[id^='fnref']", "a.footnote-ref", "a.ed-page", ".ed-pagebreak", "a.ed-pilcrow",
    ".ed-pilcrow-line", "a.headerlink", ".gloss-inter", "rt", ".ed-emend-sigil"
  ].join(",");
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var holder = document.createElement("div");
    var touched = false;
    for (var i = 0; i < selection.rangeCount; i++) {
      holder.appendChild(selection.getRangeAt(i).cloneContents());
    }
    holder.querySelectorAll(ADDED).forEach(function (node) {
      touched = true;
      node.remove();
    });
    if (!touched || !event.clipboardData) return;
    /* innerText needs the holder in the document to see line breaks; keep it out of sight. */
    holder.className = "ed-copy-holder";
    document.body.appendChild(holder);
    var text = holder.innerText;
    document.body.removeChild(holder);
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", holder.innerHTML);
    event.preventDefault();
  });
})();
