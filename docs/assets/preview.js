/* One preview for the reader's links: note references, glossed terms, paragraph numbers (¶),
   page markers, links to a note or paragraph of another text, and titled bibliography links.

   WCAG 1.4.13: it opens on hover, on keyboard focus and on a tap; the pointer can move into it
   (hoverable); it stays until the pointer or the focus leaves both (persistent); Esc closes it
   (dismissible). The link inside it goes on. On a touch screen the first tap on a link
   previews it and a second tap follows it.

   Delegated: a handful of listeners on the document, nothing done per link at load, so a page
   with hundreds of glossed terms costs nothing until the reader points at one. The preview is
   one element, inserted after the link it belongs to, so that Tab goes from the link into it. */
(function () {
  "use strict";
  var TARGETS = [
    "a.footnote-ref", "a.gloss", "a.ed-pilcrow", "a.ed-page", "a.ed-bib", "a.ed-edition-text",
    "a.ed-inferred", "a[href*='#fn:']", "a[href*='#p-']"
  ].join(",");
  var SCOPE = ".md-content";
  var OPEN_DELAY = 120, CLOSE_DELAY = 300, TAP_WINDOW = 800;
  var box = null, owner = null, openTimer = 0, closeTimer = 0, lastPointerDown = 0, lastPointerType = "";
  var fetched = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function targetOf(node) {
    if (!node || !node.closest) return null;
    var link = node.closest(TARGETS);
    if (!link || !link.closest(SCOPE) || link.closest(".ed-preview, .md-nav, .headerlink, .footnote-backref")) return null;
    return link;
  }

  /* A title shown by the browser would sit on top of the preview: keep it as data. */
  function quietTitle(link) {
    if (link.hasAttribute("title")) {
      link.setAttribute("data-ed-title", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    return link.getAttribute("data-ed-title") || "";
  }

  function hashOf(link) {
    var href = link.getAttribute("href") || "";
    var at = href.indexOf("#");
    return at < 0 ? "" : decodeURIComponent(href.slice(at + 1));
  }

  function samePage(link) {
    return link.pathname === location.pathname && link.host === location.host;
  }

  /* A copy of a note, paragraph or entry without its ids, its back links and its previews. */
  function copyOf(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    copy.querySelectorAll(".footnote-backref, .ed-pilcrow, .ed-page, .gloss-inter, rt, .headerlink, .ed-preview")
      .forEach(function (n) { n.remove(); });
    var out = el("div", "ed-preview__body");
    if (copy.tagName === "LI" || copy.tagName === "P" || copy.tagName === "DIV" || copy.tagName === "BLOCKQUOTE") {
      while (copy.firstChild) out.appendChild(copy.firstChild);
    } else {
      out.appendChild(copy);
    }
    return out;
  }

  function goLink(link, label) {
    var go = el("a", "ed-preview__go", label);
    go.href = link.href;
    return go;
  }

  function copyButton(text, label) {
    var button = el("button", "ed-preview__copy md-button", label);
    button.type = "button";
    button.addEventListener("click", function () {
      var done = function () { button.textContent = "已复制 Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(button.previousSibling); });
      } else {
        selectText(button.previousSibling);
      }
    });
    return button;
  }

  function selectText(node) {
    if (!node) return;
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function glossContent(link, parts) {
    var term = link.querySelector("ruby") ? link.querySelector("ruby").firstChild.textContent : "";
    if (!term) {
      link.childNodes.forEach(function (n) { if (n.nodeType === 3) term += n.textContent; });
    }
    parts.label = "术语 " + term;
    parts.head = el("p", "ed-preview__term", term.trim());
    var pinyin = el("p", "ed-preview__pinyin", link.dataset.pinyin || "");
    pinyin.lang = "zh-Latn";
    var english = el("p", "ed-preview__en", link.dataset.en || "");
    english.lang = "en";
    parts.body = [pinyin, english];
    parts.go = goLink(link, "术语表条目 Glossary entry");
  }

  function paragraphContent(link, parts) {
    var id = hashOf(link), n = id.replace(/^p-/, "");
    parts.label = "第 " + n + " 段";
    parts.head = el("p", "ed-preview__head", "第 " + n + " 段 ¶ " + n);
    var cite = link.dataset.cite;
    var url = link.href;
    var shown = el("p", "ed-preview__cite", cite || url);
    if (!cite) shown.lang = "en";
    parts.body = [shown, copyButton(cite || url, cite ? "复制引文 Copy citation" : "复制链接 Copy link")];
    parts.go = goLink(link, "本段链接 Link to ¶ " + n);
  }

  function pageContent(link, parts) {
    var n = hashOf(link).replace(/^page-/, "");
    var title = quietTitle(link) || link.getAttribute("aria-label") || "";
    parts.label = "原书第 " + n + " 页";
    parts.head = el("p", "ed-preview__head", title || parts.label);
    var en = el("p", "ed-preview__en", "Page " + n + " of the source begins here.");
    en.lang = "en";
    parts.body = [en];
    parts.go = goLink(link, "本页链接 Link to p. " + n);
  }

  function noteContent(link, parts) {
    var id = hashOf(link), n = id.replace(/^fn:/, "");
    parts.label = "注 " + n;
    parts.head = el("p", "ed-preview__head", "注 " + n);
    parts.go = goLink(link, samePage(link) ? "转到注 " + n + " Go to note " + n : "打开 Open");
    parts.remote = !samePage(link);
    parts.id = id;
  }

  function elsewhereParagraph(link, parts) {
    var id = hashOf(link), n = id.replace(/^p-/, "");
    parts.label = "第 " + n + " 段";
    parts.head = el("p", "ed-preview__head", "¶ " + n);
    parts.go = goLink(link, "打开 Open");
    parts.remote = !samePage(link);
    parts.id = id;
  }

  function titledContent(link, parts) {
    var title = quietTitle(link);
    parts.label = (link.textContent || "").trim() || "链接";
    parts.head = el("p", "ed-preview__head", parts.label);
    if (title) parts.body = [el("p", "ed-preview__text", title)];
    parts.go = goLink(link, "打开 Open");
  }

  function contentFor(link) {
    var parts = { label: "", head: null, body: [], go: null, remote: false, id: "" };
    var id = hashOf(link);
    if (link.matches("a.gloss")) glossContent(link, parts);
    else if (link.matches("a.ed-pilcrow")) paragraphContent(link, parts);
    else if (link.matches("a.ed-page")) pageContent(link, parts);
    else if (link.matches("a.footnote-ref") || /^fn:\d+$/.test(id)) noteContent(link, parts);
    else if (/^p-\d+$/.test(id) && !link.matches("a.ed-bib, a.ed-edition-text")) elsewhereParagraph(link, parts);
    else titledContent(link, parts);
    quietTitle(link);
    return parts;
  }

  function fillFrom(doc, parts, slot) {
    var found = doc.getElementById(parts.id);
    slot.textContent = "";
    if (found) slot.appendChild(copyOf(found));
    else slot.textContent = "";
  }

  function remoteInto(link, parts, slot) {
    var url = link.href.split("#")[0];
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); })
        .catch(function () { return null; });
    }
    slot.textContent = "…";
    fetched[url].then(function (doc) {
      if (doc && box && owner === link) {
        var title = doc.querySelector("article h1");
        if (title) slot.before(el("span", "ed-preview__from", title.textContent.replace(/[¶#]\s*$/, "").trim()));
        fillFrom(doc, parts, slot);
        position(link, box);
      }
    });
  }

  function build(link) {
    var parts = contentFor(link);
    var node = el("span", "ed-preview");
    node.setAttribute("role", "dialog");
    node.setAttribute("aria-label", parts.label + " 预览");
    node.id = "ed-preview";
    if (parts.head) node.appendChild(parts.head);
    if (parts.id) {
      var slot = el("span", "ed-preview__slot");
      node.appendChild(slot);
      if (parts.remote) remoteInto(link, parts, slot);
      else fillFrom(document, parts, slot);
    }
    parts.body.forEach(function (b) { node.appendChild(b); });
    if (parts.go) node.appendChild(parts.go);
    node.addEventListener("pointerenter", cancelClose);
    node.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") scheduleClose(); });
    return node;
  }

  /* Inserted after the link (after the <sup> of a note reference), placed under it. */
  function place(link, node) {
    var anchor = link.parentElement && link.parentElement.tagName === "SUP" ? link.parentElement : link;
    if (node.previousSibling !== anchor) anchor.after(node);
    position(link, node);
  }

  function position(link, node) {
    node.style.left = "0px";
    node.style.top = "0px";
    var parent = node.offsetParent || document.body;
    var base = parent.getBoundingClientRect();
    var rect = link.getClientRects()[0] || link.getBoundingClientRect();
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, viewport - node.offsetWidth - 8));
    node.style.left = (left - base.left) + "px";
    /* Below the link, or above it when it would run off the bottom of the screen and fits there. */
    var above = rect.bottom + node.offsetHeight + 8 > window.innerHeight && rect.top - node.offsetHeight - 8 > 0;
    var top = above ? rect.top - node.offsetHeight - 4 : rect.bottom + 4;
    node.style.top = (top - base.top) + "px";
  }

  function open(link) {
    cancelClose();
    if (owner === link && box) return;
    close(false);
    owner = link;
    box = build(link);
    place(link, box);
    link.setAttribute("aria-describedby", "ed-preview");
    link.classList.add("ed-preview-owner");
  }

  function close(refocus) {
    clearTimeout(openTimer);
    cancelClose();
    if (!box) return;
    var wasInside = box.contains(document.activeElement);
    box.remove();
    if (owner) {
      owner.removeAttribute("aria-describedby");
      owner.classList.remove("ed-preview-owner");
      if (refocus || wasInside) owner.focus({ preventScroll: true });
    }
    box = null;
    owner = null;
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(function () { close(false); }, CLOSE_DELAY);
  }

  function cancelClose() {
    clearTimeout(closeTimer);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointerDown = Date.now();
    lastPointerType = event.pointerType;
    if (box && !box.contains(event.target) && !targetOf(event.target)) close(false);
  }, true);

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") return;
    var link = targetOf(event.target);
    if (!link) return;
    quietTitle(link);
    cancelClose();
    clearTimeout(openTimer);
    openTimer = setTimeout(function () { open(link); }, OPEN_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType !== "mouse") return;
    var link = targetOf(event.target);
    if (!link) return;
    clearTimeout(openTimer);
    if (link === owner && !(box && box.contains(event.relatedTarget))) scheduleClose();
  });

  document.addEventListener("focusin", function (event) {
    if (box && box.contains(event.target)) { cancelClose(); return; }
    var link = targetOf(event.target);
    if (!link) { if (box && event.target !== owner) close(false); return; }
    if (Date.now() - lastPointerDown < TAP_WINDOW) return;  // a tap or click: the click decides
    open(link);
  });

  document.addEventListener("focusout", function (event) {
    if (!box) return;
    var next = event.relatedTarget;
    if (next && (box.contains(next) || next === owner)) return;
    if (event.target === owner || box.contains(event.target)) {
      if (next) close(false);
    }
  });

  /* On a touch screen, the first tap on a link previews it; a tap on the link whose preview
     is open follows it. A mouse click follows at once. */
  document.addEventListener("click", function (event) {
    var link = targetOf(event.target);
    if (!link) return;
    var touch = lastPointerType === "touch" || lastPointerType === "pen";
    if (touch && Date.now() - lastPointerDown < TAP_WINDOW * 2 && owner !== link) {
      event.preventDefault();
      open(link);
      return;
    }
    close(false);
  });

  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && box) {
      event.stopPropagation();
      close(true);
    }
  }, true);
})();
