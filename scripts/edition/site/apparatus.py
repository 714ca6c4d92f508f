"""The apparatus at the foot of a text's page: every emendation one by one with the source's
reading, and every systematic rule with its count and examples; the page furniture kept out
of the reading text; the cite step's report."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Change, Document, rule_id
from ..steps.emend import emendations_for
from ..steps.registry import rules_of_text
from ..markers import FINISHED_HTML_END, FINISHED_HTML_START
from .markup import esc, site_href

def furniture_html(document: Document) -> list[str]:
    """Under "页面杂项": the page furniture a web page carried (navigation, ads, copyright lines)."""
    items = [m for m in document.front + document.end if m.kind == "furniture"]
    if not items:
        return []
    out = ["### 页面杂项 {#furniture}", "", FINISHED_HTML_START,
           '<p class="ed-label-en" lang="en">Page furniture kept out of the reading text</p>', "",
           "<p>网页转载时附带的导航、广告与版权行等，不属于正文，按原样列于此处：</p>", "<ul>"]
    out += [f'<li><span class="ed-furniture">{_literal(item.text.strip())}</span></li>' for item in items]
    return out + ["</ul>", FINISHED_HTML_END, ""]


def _literal(text: str) -> str:
    """Text shown exactly as it stands, in Markdown: HTML and Markdown specials escaped."""
    shown = esc(text).replace("\n", " / ")
    for char in "|[]*_`\\":
        shown = shown.replace(char, f"&#{ord(char)};")
    return shown


def _show(fragment: str) -> str:
    """A fragment of a change made visible: whitespace drawn, HTML escaped."""
    if fragment == "":
        return '<span class="ed-empty" title="无">∅</span>'
    if len(fragment) > 60:
        fragment = fragment[:28] + " … " + fragment[-28:]
    shown = esc(fragment).replace("\n", "↵").replace("\t", "⇥").replace(" ", "␣").replace("\u3000", "□")
    shown = shown.replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;").replace("*", "&#42;").replace("_", "&#95;")
    return f"<code>{shown}</code>"


FAULT_LABEL = {"ocr": "OCR 之误（数字化时致误，原刊不误）", "publication": "原刊之误", "transmission": "传输之损（网页编码致字缺失）"}
FAULT_LABEL_EN = {"ocr": "digitisation error", "publication": "error in the publication", "transmission": "lost in transmission"}


def back_link(unit: str | None) -> str:
    """The link from an apparatus row back to where the reading stands (``#p-12``, ``#fn:4``)."""
    if not unit:
        return ""
    label = f"注 {unit[3:]}" if unit.startswith("fn:") else f"第 {unit.split('-')[-1]} 段"
    return f' <a class="ed-emend-back" href="#{unit}" title="回到正文 (back to the text)">↩ {label}</a>'


def table_html(css: str, header: list[str], rows: list[list[str]]) -> list[str]:
    """A table of the apparatus, as Python-Markdown's tables wrote it: a header row, a row per item."""
    def row(cells: list[str], tag: str) -> str:
        return "<tr>\n" + "".join(f"<{tag}>{cell}</{tag}>\n" for cell in cells) + "</tr>"
    return ([f'<div class="{css}">', "<table>", "<thead>", row(header, "th"), "</thead>", "<tbody>"]
            + [row(cells, "td") for cells in rows] + ["</tbody>", "</table>", "</div>"])


def emendation_rows(entries: dict, changes: list[Change], unit_of=None) -> list[list[str]]:
    """One table row per emendation: the changes one entry of ``entries`` made (one
    application) are one row showing the entry's readings, reason, fault and certainty; a
    change without an entry shows its own before and after."""
    groups: dict[tuple, list[Change]] = {}
    for change in changes:
        key = (change.detail, change.application) if change.detail in entries else (id(change),)
        groups.setdefault(key, []).append(change)
    rows = []
    for group in groups.values():
        first = group[0]
        entry = entries.get(first.detail)
        if entry is None:
            rows.append([str(first.source_line), _show(first.before), _show(first.after), esc(first.detail or first.rule)])
            continue
        line = min(c.source_line for c in group)
        mark = ' <span class="ed-uncertain" title="推测 (uncertain: a conjecture from context)">〔疑〕</span>' \
            if entry.uncertain else ""
        reason = esc(entry.reason).replace("*", "&#42;").replace("_", "&#95;")
        note = (f'<span id="emend-{esc(entry.id)}" lang="en">{reason}</span><br>'
                f'<small>{FAULT_LABEL.get(entry.fault, entry.fault)}'
                f' <span lang="en">({esc(FAULT_LABEL_EN.get(entry.fault, entry.fault))}; {esc(entry.certainty)})</span>'
                f' · <code>{esc(entry.id)}</code></small>{back_link(unit_of(entry.id) if unit_of else None)}')
        rows.append([str(line), _show(entry.source), _show(entry.edition) + mark, note])
    return rows


def individual_rule_ids(meta, sources) -> set[str]:
    """The ids of the rules whose changes the apparatus lists one by one (the emendations)."""
    return {rule_id(rule) for step, rules in rules_of_text(meta, sources) if step.individual for rule in rules}


#: A text page, as MkDocs names the pages (every one is in docs/texts/; links are ``site_href``'s).
TEXT_PAGE = "texts/text.md"


def finished(lines: list[str]) -> list[str]:
    return [FINISHED_HTML_START, *lines, FINISHED_HTML_END, ""]


def apparatus_html(meta, document: Document, edition, unit_of=None) -> list[str]:
    """The apparatus: its sections' headings as Markdown (the table of contents), the rest finished HTML."""
    individual = individual_rule_ids(meta, edition.sources)
    emendations = [c for c in document.changes if c.rule in individual]
    systematic = [c for c in document.changes if c.rule not in individual]
    principles = site_href(TEXT_PAGE, "principles.md")
    out = ["## 校勘记 {#apparatus}", ""]
    out += finished(['<p class="ed-label-en" lang="en">Apparatus</p>', "",
                     "<p>原始文件逐字保存；下列每一处改动都由具名规则或经审校的校改完成，"
                     "依记录自后向前还原即得原始文件（<code>edition check</code> 逐篇验证）。"
                     f'行号指原始文件的行。规则的说明见<a href="{principles}">凡例</a>。</p>'])
    out += ["### 校改 {#emendations}", ""]
    section = ['<p class="ed-label-en" lang="en">Emendations</p>', ""]
    if emendations:
        entries = {entry.id: entry for entry in emendations_for(meta, edition.sources)}
        section += table_html("ed-table ed-numbers-first", ["原始文件行", "原文", "本读本", "说明"],
                              emendation_rows(entries, emendations, unit_of))
        if any(entries[c.detail].uncertain for c in emendations if c.detail in entries):
            section.append("<p>标〔疑〕者为据上下文所作的推测，未能确证。</p>")
    else:
        section.append("<p>本文无个别校改。</p>")
    out += finished(section)
    out += ["### 规则处理 {#rules}", ""]
    section = ['<p class="ed-label-en" lang="en">What the rules changed</p>', ""]
    if systematic:
        counts = Counter(c.rule for c in systematic)
        examples: dict[str, list[Change]] = defaultdict(list)
        # examples that show something (not only whitespace) first, then the others, in record order
        for change in sorted(systematic, key=lambda c: not (c.before.strip() or c.after.strip())):
            if len(examples[change.rule]) < 3:
                examples[change.rule].append(change)
        for rule in examples:
            examples[rule].sort(key=lambda c: c.source_line)
        rows = [[f'<a href="{principles}#{rule}"><code>{rule}</code></a>', str(counts[rule]),
                 "<br>".join(f"{c.source_line}：{_show(c.before)} → {_show(c.after)}" for c in examples[rule])]
                for rule in counts]
        section += table_html("ed-table ed-numbers-second", ["规则", "处数", "示例（原始文件行：原文 → 本读本）"], rows)
    else:
        section.append("<p>本文未经规则处理。</p>")
    out += finished(section)
    out += furniture_html(document)
    out += ["### 注释与参考文献 {#citations-report}", ""]
    out += finished(['<p class="ed-label-en" lang="en">Notes and works cited</p>', "",
                     *citation_report_html(edition.bibliography.report(meta.id))])
    return out


def citation_report_html(report) -> list[str]:
    """The cite step's report of one text: notes, citing notes, works, shared, unparsed."""
    lines = [f"<p>注释 {report['notes']} 条，其中含引文 {report['parsed']} 条；"
             f"引用文献 {report['works']} 种，与本读本其他文本共同引用 {len(report['shared'])} 种。</p>"]
    if report["unparsed"]:
        lines.append("<p>未能解析的引文（原样保留为 <code>@misc</code>）：" + "、".join(
            f'<a href="#fn:{u["n"]}">注 {u["n"]}</a>' for u in report["unparsed"]) + "。</p>")
    else:
        lines.append("<p>全部引文均已解析。</p>")
    name = f"{report['text_id']}.bib"
    lines.append(f'<p>本文引用文献的 BibTeX：<a href="{site_href(TEXT_PAGE, "assets/bib/" + name)}">{name}</a>。</p>')
    return lines
