"""The bibliography page (``docs/bibliography.md``): every work once, grouped (official
documents, Chinese works, Western works), each with an anchor equal to its BibTeX key and
links back to every note that cites it."""

from __future__ import annotations

from ..cite.format import formatted
from ..cite.keys import ascii_fold
from ..cite.works import Work
from .markup import banner, esc, md_text, source_markdown
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


def formatted_markdown(work: Work) -> str:
    """The formatted citation as Markdown: italics kept, everything else literal, URLs linked."""
    return source_markdown(formatted(work))


def cited_in_markdown(work: Work, edition, references: dict[str, dict[int, str]] | None = None) -> str:
    """``薛澜、赵静 注 [3](texts/xue-zhao.md#fn:3)、[17](…)；李艳 注 [7](…)``; ``references``: the
    note references of each text (``note_references``), made once for the page."""
    names = {m.id: "、".join(a.name for a in m.authors) for m in edition.metas}
    by_text: dict[str, list[int]] = {}
    for text_id, n in work.cited_in:
        by_text.setdefault(text_id, []).append(n)
    refs = references if references is not None else {t: note_references(edition, t) for t in by_text}
    return "；".join(f"{md_text(names.get(t, t))} " + "、".join(f"[{refs.get(t, {}).get(n, f'注 {n}')}](texts/{t}.md#fn:{n})"
                                                      for n in ns)
                    for t, ns in by_text.items())


def work_markdown(work: Work, edition, references: dict[str, dict[int, str]] | None = None) -> list[str]:
    lang = {"zh": "zh-Hans", "en": "en", "ko": "ko"}.get(work.language, "en")
    lines = [f'<div class="work" id="{work.key}" lang="{lang}" markdown>', "",
             formatted_markdown(work), ""]
    meta = f"`{work.key}` · 引用于：{cited_in_markdown(work, edition, references)}"
    if work.fields.get("note") and not work.unparsed:
        meta += f' · <span class="ed-work-note" lang="en">{esc(work.fields["note"])}</span>'

    if work.edition_text:
        title = next((m.title for m in edition.metas if m.id == work.edition_text), work.edition_text)
        meta += f" · 本读本所收：[{md_text(title)}](texts/{work.edition_text}.md)"
    lines += [meta, "", "</div>", ""]
    return lines


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
        out += [f"## {title_zh} {{#{group}}}", "", f'<p class="ed-label-en" lang="en">{title_en}</p>', ""]
        for work in works:
            out += work_markdown(work, edition, references)
    return "\n".join(out).rstrip("\n") + "\n"
