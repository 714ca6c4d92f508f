// One element per look (ADR 0011): of the elements that `selector` finds and that axe's colour
// rules read (those with text of their own, links, form fields), the first of each look. A
// look is everything those rules compare: the element's own computed colours, font, text
// decoration, opacity, filters, pseudo-elements and visibility; the same of every ancestor
// (what is behind it, and the block that link-in-text-block compares a link with); and the
// positioned elements from elsewhere in the page that overlap it. Two elements with one look
// get one verdict from color-contrast and link-in-text-block, so axe needs to see only one.
(selector) => {
  const READ = ["color", "opacity", "filter", "mix-blend-mode", "visibility", "display", "position",
    "z-index", "transform", "font-size", "font-weight", "font-style", "font-family", "text-shadow",
    "text-decoration-line", "text-decoration-style", "text-decoration-color", "border-bottom-style",
    "border-bottom-width", "border-bottom-color", "background-color", "background-image",
    "background-clip", "backdrop-filter", "overflow-x", "overflow-y", "-webkit-text-fill-color",
    "-webkit-text-stroke-width", "clip-path", "content"];
  const style = (element, pseudo) => {
    const computed = getComputedStyle(element, pseudo);
    if (pseudo && ["none", "normal"].includes(computed.getPropertyValue("content"))) return "none";
    return READ.map((name) => computed.getPropertyValue(name)).join("|");
  };
  const named = (element) => element.localName + "." + (element.getAttribute("class") || "");
  const hasText = (element) => [...element.childNodes].some(
    (node) => node.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(node.data));
  const audited = (element) => hasText(element) || element.matches("a[href], [role=link], input, select, textarea");

  const pageWidth = document.documentElement.scrollWidth;
  const positioned = [...document.querySelectorAll("body *")]
    .filter((element) => !["static", "relative"].includes(getComputedStyle(element).position))
    .map((element) => [element, element.getBoundingClientRect()]);
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const surroundings = (element) => {
    const box = element.getBoundingClientRect();
    const offPage = box.right <= 0 || box.left >= pageWidth || box.bottom + scrollY <= 0;
    const over = positioned.filter(([other, otherBox]) => !other.contains(element) && !element.contains(other)
      && overlap(box, otherBox)).map(([other]) => named(other));
    return [offPage, ...over].join(",");
  };
  const visible = (element) => element.checkVisibility(
    {opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
  // an element the browser does not render (content-visibility: auto off screen, say) is
  // measured by nothing: asking where it is would lay it out
  const ownLook = (element) => [named(element), style(element), style(element, "::before"),
    style(element, "::after"), hasText(element), visible(element) ? surroundings(element) : "unrendered"].join("§");

  // what is behind an element, as a number: one per distinct chain of ancestors' looks
  const chains = new Map();
  const behind = new Map();
  const lookBehind = (element) => {
    if (!element) return 0;
    if (!behind.has(element)) {
      const chain = lookBehind(element.parentElement) + ">" + named(element) + "{" + style(element) + "}";
      if (!chains.has(chain)) chains.set(chain, chains.size + 1);
      behind.set(element, chains.get(chain));
    }
    return behind.get(element);
  };

  const firstOfLook = new Map();
  for (const element of document.querySelectorAll(selector)) {
    if (!audited(element)) continue;
    const look = lookBehind(element.parentElement) + "/" + ownLook(element);
    if (!firstOfLook.has(look)) firstOfLook.set(look, element);
  }
  return [...firstOfLook.values()];
}
