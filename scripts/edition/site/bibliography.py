"""The bibliography page (``docs/bibliography.md``): every work once, grouped (official
documents, Chinese works, Western works), each with an anchor equal to its BibTeX key and
links back to every note that cites it."""

from __future__ import annotations

from ..cite.format import formatted
from ..cite.keys import ascii_fold
from ..cite.works import Work
from ..markers import FINISHED_HTML_END, FINISHED_HTML_START
from .markup import NoteReferences, banner, esc, md_text, site_href, source_as_html
from .pagination import note_references

GROUPS = [("official", "联合国及官方文件", "UN and official documents"),
          ("zh", "中文文献", "Chinese works"),
          ("en", "西文文献", "Western works"),
          ("other", "其他", "Other")]


def group_of(work: Work) -> str:
    if work.official:
        return "official"
    return work.language if work.language in ("zh", "en") else "other"


def western_sort(work: Work) -> tuple:
    first = next((a for a in work.authors if not a.others), None)
    name = first.family if first else work.fields.get("title", "")
    return (ascii_fold(name), work.fields.get("date", ""), work.fields.get("title", "").casefold(), work.key)


def formatted_html(work: Work) -> str:
    """The formatted citation as finished HTML: italics kept, everything else literal, URLs linked."""
    return source_as_html(formatted(work), NoteReferences())


def cited_in_html(work: Work, edition, references: dict[str, dict[int, str]] | None = None) -> str:
    """``薛澜、赵静 <a href="../texts/xue-zhao/#fn:3">注 3…</a>、…；李艳 …``; ``references``: the
    note references of each text (``note_references``), made once for the page."""
    names = {m.id: "、".join(a.name for a in m.authors) for m in edition.metas}
    by_text: dict[str, list[int]] = {}
    for text_id, n in work.cited_in:
        by_text.setdefault(text_id, []).append(n)
    refs = references if references is not None else {t: note_references(edition, t) for t in by_text}
    return "；".join(f"{md_text(names.get(t, t))} " + "、".join(
        f'<a href="{site_href(BIBLIOGRAPHY_PAGE, f"texts/{t}.md#fn:{n}")}">{refs.get(t, {}).get(n, f"注 {n}")}</a>' for n in ns)
                    for t, ns in by_text.items())


def work_html(work: Work, edition, references: dict[str, dict[int, str]] | None = None) -> list[str]:
    """A work of the bibliography as finished HTML: its citation, key, the notes citing it."""
    lang = {"zh": "zh-Hans", "en": "en", "ko": "ko"}.get(work.language, "en")
    meta = f"<code>{work.key}</code> · 引用于：{cited_in_html(work, edition, references)}"
    if work.fields.get("note") and not work.unparsed:
        meta += f' · <span class="ed-work-note" lang="en">{esc(work.fields["note"])}</span>'
    if work.edition_text:
        title = next((m.title for m in edition.metas if m.id == work.edition_text), work.edition_text)
        meta += f' · 本读本所收：<a href="{site_href(BIBLIOGRAPHY_PAGE, f"texts/{work.edition_text}.md")}">{md_text(title)}</a>'
    return [f'<div class="work" id="{work.key}" lang="{lang}">', f"<p>{formatted_html(work)}</p>", f"<p>{meta}</p>", "</div>"]


#: The bibliography page, as MkDocs names it (the links from it are ``site_href``'s).
BIBLIOGRAPHY_PAGE = "bibliography.md"


def bibliography_markdown(edition) -> str:
    """docs/bibliography.md: every work once, grouped, each with an anchor equal to its key."""
    bib = edition.bibliography
    out = [banner("the notes of every text (scripts/edition/cite/)"), "", "# 参考文献 {#title}", "",
           "本页汇集本读本各文本注释所引文献，每种一条，并链接回每一处引用的注释。"
           "下载：[全部文献 edition.bib](assets/bib/edition.bib)"]
    out[-1] += "".join(f" · [{m.id}.bib](assets/bib/{m.id}.bib)" for m in edition.metas
                       if any(t == m.id for w in bib.works.values() for t, _ in w.cited_in))
    out += ["", '<p class="ed-label-en" lang="en">Bibliography: every work cited in the notes, once, '
            "with links back to each citing note.</p>", ""]
    references = {meta.id: note_references(edition, meta.id) for meta in edition.metas}
    for group, title_zh, title_en in GROUPS:
        works = [w for w in bib.works.values() if group_of(w) == group]
        if not works:
            continue
        if group == "zh":
            works.sort(key=lambda w: (w.sort_key, w.key))
        else:
            works.sort(key=western_sort)
        out += [f"## {title_zh} {{#{group}}}", ""]
        finished = [f'<p class="ed-label-en" lang="en">{title_en}</p>', ""]
        for work in works:
            finished += work_html(work, edition, references)
        out += [FINISHED_HTML_START, *finished, FINISHED_HTML_END, ""]
    return "\n".join(out).rstrip("\n") + "\n"
