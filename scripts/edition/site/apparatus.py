"""The apparatus at the foot of a text's page: every emendation one by one with the source's
reading, and every systematic rule with its count and examples; the page furniture kept out
of the reading text; the cite step's report."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Change, Document, rule_id
from ..steps.emend import emendations_for
from ..steps.registry import rules_of_text
from .markup import esc

def furniture_markdown(document: Document) -> list[str]:
    items = [m for m in document.front + document.end if m.kind == "furniture"]
    if not items:
        return []
    out = ["### 页面杂项 {#furniture}", "",
           '<p class="ed-label-en" lang="en">Page furniture kept out of the reading text</p>', "",
           "网页转载时附带的导航、广告与版权行等，不属于正文，按原样列于此处：", ""]
    for item in items:
        out.append(f'- <span class="ed-furniture">{_literal(item.text.strip())}</span>')
    return out + [""]


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


def emendation_rows(entries: dict, changes: list[Change], unit_of=None) -> list[str]:
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
            detail = esc(first.detail or first.rule).replace("|", "&#124;")
            rows.append(f"| {first.source_line} | {_show(first.before)} | {_show(first.after)} | {detail} |")
            continue
        line = min(c.source_line for c in group)
        mark = ' <span class="ed-uncertain" title="推测 (uncertain: a conjecture from context)">〔疑〕</span>' \
            if entry.uncertain else ""
        reason = esc(entry.reason).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")
        note = (f'<span id="emend-{esc(entry.id)}" lang="en">{reason}</span><br>'
                f'<small>{FAULT_LABEL.get(entry.fault, entry.fault)}'
                f' <span lang="en">({esc(FAULT_LABEL_EN.get(entry.fault, entry.fault))}; {esc(entry.certainty)})</span>'
                f' · <code>{esc(entry.id)}</code></small>{back_link(unit_of(entry.id) if unit_of else None)}')
        rows.append(f"| {line} | {_show(entry.source)} | {_show(entry.edition)}{mark} | {note} |")
    return rows


def individual_rule_ids(meta, sources) -> set[str]:
    """The ids of the rules whose changes the apparatus lists one by one (the emendations)."""
    return {rule_id(rule) for step, rules in rules_of_text(meta, sources) if step.individual for rule in rules}


def apparatus_markdown(meta, document: Document, edition, unit_of=None) -> list[str]:
    individual = individual_rule_ids(meta, edition.sources)
    emendations = [c for c in document.changes if c.rule in individual]
    systematic = [c for c in document.changes if c.rule not in individual]
    out = ["## 校勘记 {#apparatus}", "", '<p class="ed-label-en" lang="en">Apparatus</p>', "",
           "原始文件逐字保存；下列每一处改动都由具名规则或经审校的校改完成，"
           "依记录自后向前还原即得原始文件（`edition check` 逐篇验证）。"
           "行号指原始文件的行。规则的说明见[凡例](../principles.md)。", ""]
    out += ["### 校改 {#emendations}", "", '<p class="ed-label-en" lang="en">Emendations</p>', ""]
    if emendations:
        out += ['<div class="ed-table ed-numbers-first" markdown="1">', "",
                "| 原始文件行 | 原文 | 本读本 | 说明 |", "| --- | --- | --- | --- |"]
        entries = {entry.id: entry for entry in emendations_for(meta, edition.sources)}
        out += emendation_rows(entries, emendations, unit_of)
        out += ["", "</div>", ""]
        if any(entries[c.detail].uncertain for c in emendations if c.detail in entries):
            out += ["标〔疑〕者为据上下文所作的推测，未能确证。", ""]
    else:
        out += ["本文无个别校改。", ""]
    out += ["### 规则处理 {#rules}", "", '<p class="ed-label-en" lang="en">What the rules changed</p>', ""]
    if systematic:
        counts = Counter(c.rule for c in systematic)
        examples: dict[str, list[Change]] = defaultdict(list)
        # examples that show something (not only whitespace) first, then the others, in record order
        for change in sorted(systematic, key=lambda c: not (c.before.strip() or c.after.strip())):
            if len(examples[change.rule]) < 3:
                examples[change.rule].append(change)
        for rule in examples:
            examples[rule].sort(key=lambda c: c.source_line)
        out += ['<div class="ed-table ed-numbers-second" markdown="1">', "",
                "| 规则 | 处数 | 示例（原始文件行：原文 → 本读本） |", "| --- | --- | --- |"]
        for rule in counts:
            shown = "<br>".join(f"{c.source_line}：{_show(c.before)} → {_show(c.after)}" for c in examples[rule])
            out.append(f"| [`{rule}`](../principles.md#{rule}) | {counts[rule]} | {shown} |")
        out += ["", "</div>", ""]
    else:
        out += ["本文未经规则处理。", ""]
    out += furniture_markdown(document)
    out += ["### 注释与参考文献 {#citations-report}", "", '<p class="ed-label-en" lang="en">Notes and works cited</p>', "",
            citation_report_markdown(edition.bibliography.report(meta.id)), ""]
    return out


def citation_report_markdown(report) -> str:
    """The cite step's report of one text: notes, citing notes, works, shared, unparsed."""
    lines = [f"注释 {report['notes']} 条，其中含引文 {report['parsed']} 条；"
             f"引用文献 {report['works']} 种，与本读本其他文本共同引用 {len(report['shared'])} 种。"]
    if report["unparsed"]:
        lines.append("未能解析的引文（原样保留为 `@misc`）：" + "、".join(
            f"[注 {u['n']}](#fn:{u['n']})" for u in report["unparsed"]) + "。")
    else:
        lines.append("全部引文均已解析。")
    lines.append(f"本文引用文献的 BibTeX：[{report['text_id']}.bib](../assets/bib/{report['text_id']}.bib)。")
    return "\n\n".join(lines)
