"""The site-wide pages: home and the editorial principles (凡例)."""

from __future__ import annotations

import inspect
import re
from collections import Counter

from ..model import rule_id
from ..steps.registry import STEPS, rule_ids_of_text, rules_of_text, step_named
from .citation import KIND_LABEL
from .markup import esc, mark_han, mark_han_markdown, md_escape, page


def _date(meta) -> str:
    if meta.date:
        return meta.date
    text = f"{meta.year}年" if meta.year else ""
    return text + (meta.issue or "")


def home_page(edition) -> str:
    out = [
        "# 人工智能国际治理 · 读本 {#title}", "",
        '<p class="ed-subtitle" lang="en">An annotated reading edition of five Chinese texts on the '
        "international governance of artificial intelligence</p>", "",
        "本读本收录五篇讨论人工智能国际治理的中文文本：三篇期刊论文、一篇报纸评论、一篇通讯社评论。"
        "原件是受损的 OCR 与网页抓取文本；每一处整理都由具名规则或经审校的校改完成，并在各篇的"
        "[校勘记](texts/xue-zhao.md#apparatus)中逐一公布，整理原则见[凡例](principles.md)。"
        "注释中引用的文献汇为[参考文献](bibliography.md)，关键术语附英文对应词与拼音，见[术语表](glossary.md)。", "",
        '<p lang="en" markdown="1">For readers of English: the [introduction](introduction.md) explains what '
        "the texts are, how they were cleaned, and how to read and cite this edition.</p>", "",
        '## 文本 <span lang="en">Texts</span> {#texts}', "",
    ]
    for meta in edition.metas:
        authors = "、".join(a.name for a in meta.authors)
        pinyin = ", ".join(a.pinyin for a in meta.authors)
        venue = f"《{esc(meta.venue)}》" if meta.venue else ""
        facts = [f'{esc(authors)} <span lang="en">({esc(pinyin)})</span>', venue + esc(_date(meta)),
                 KIND_LABEL.get(meta.kind, meta.kind)]
        out += [
            f'<article class="ed-card" aria-labelledby="text-{meta.id}" markdown="1">', "",
            f"### [{md_escape(meta.title)}](texts/{meta.id}.md) {{#text-{meta.id}}}", "",
            f'<p class="ed-card-meta">{" · ".join(fact for fact in facts if fact)}</p>', "",
            f'<div lang="en" class="ed-card-en"><p class="ed-title-en">{mark_han(esc(meta.title_en))}</p>'
            f"<p>{mark_han(esc(meta.abstract_en))}</p></div>", "",
            "</article>", "",
        ]
    out += [
        '## 使用说明 <span lang="en">How to read</span> {#how-to-read}', "",
        "- 段首（宽屏在页边）的小号数字是段落编号，术语表与搜索所称“¶ 12”即此；它也是本段的固定链接（`#p-12`）。"
        "页码标记标出一页的开始，也可链接：已知原刊页码的文本（阎德学文第 120-137 页，薛澜、赵静文第 1-18 页）"
        "以原刊页码编号（`yan/#page-125` 即原刊第 125 页），可据以引用；李艳文原刊页码不详，标记只是原件的页序"
        "（原件第 N 页），不可作原刊页码引用；报纸评论与网页无页码可引，不标页，请引段落。",
        "- 注释号、术语、段落编号与页码都可悬停、聚焦或轻触预览（触屏上第一次轻触预览，再次轻触进入链接），"
        "<kbd>Esc</kbd> 关闭；注释后的链接通向参考文献条目或本读本所收的另一篇文本。",
        "- 页首的“对照”按钮在术语后显示英文或在其上方显示拼音，所选方式在各页保持。",
        "- 打印时只印正文、注释与校勘记，页首印出本页网址。",
        "- 文前折叠框中的“引用本文”给出原文与本读本两种引文（GB/T 7714-2015 与 BibTeX，可一键复制）；"
        "页面带有 Zotero 可识别的 `citation_*` 元数据。复制正文时，注号、页码标记、段落编号与对照注释不随文本复制。",
        "- 搜索支持中文词语（按 jieba 分词建立索引）。", "",
        '<div lang="en" markdown="1">',
        "",
        "- The small number at the start of a paragraph (in the margin on a wide screen) is its number, "
        "the “¶ 12” of the glossary and the search, and its permalink (`#p-12`). A page marker gives the "
        "printed page where it is known (yan pp. 120–137, xue-zhao pp. 1–18: `yan/#page-125` is printed "
        "page 125), the page of the source file otherwise (li); the newspaper piece and the web page have "
        "no pages to cite: cite the paragraph.",
        "- Note numbers, glossed terms, paragraph numbers and page markers preview on hover, focus or tap "
        "(on a touch screen the first tap previews, the second follows the link); <kbd>Esc</kbd> closes.",
        "- The gloss buttons show English after each term or pinyin above it; the choice is kept.",
        "- A printout has the text, the notes and the apparatus, and the page's address at the top.",
        "- “Cite this text”, in the box before the text, gives the original and this edition in GB/T 7714-2015 "
        "and BibTeX, with copy buttons; copying from the text leaves out note numbers, page markers, "
        "paragraph numbers and glosses.",
        "",
        "</div>", "",
    ]
    sources = ", ".join(f"sources/texts/{m.id}.yaml" for m in edition.metas)
    return page("\n".join(out), sources)


# --- editorial principles -------------------------------------------------------------------

def _doc_markdown(doc: str | None) -> str:
    """A docstring as Markdown: ``code`` → `code`; angle brackets escaped."""
    if not doc:
        return "*（无说明）*"
    doc = doc.strip().replace("``", "`")
    doc = re.sub(r"(?<!`)<", "&lt;", doc)
    return mark_han_markdown(doc)


def collect_rules(edition) -> list[tuple[str, str, object]]:
    """(step, rule id, rule) for every rule of any text, in the order of the registry, once each."""
    seen: dict[str, tuple[str, str, object]] = {}
    for meta in [None, *edition.metas]:
        for step, rules in rules_of_text(meta, edition.sources):
            for rule in rules:
                seen.setdefault(rule_id(rule), (step.name, rule_id(rule), rule))
    order = [step.name for step in STEPS]
    return sorted(seen.values(), key=lambda item: order.index(item[0]))


def rule_counts(changes) -> Counter:
    """Changes per rule; an emendation counts once however many spans it changed."""
    counts = Counter(c.rule for c in changes if not (c.rule == "emend" and c.detail))
    counts.update(c.rule for c in {(c.detail, c.application): c for c in changes
                                   if c.rule == "emend" and c.detail}.values())
    return counts


def english(html: str) -> str:
    """A principle's English, as a paragraph of its own after the Chinese."""
    return f'<p lang="en" class="ed-principle-en">{html}</p>\n'


def technical(module) -> str:
    """A step's own documentation (English, written for the rules' reviewers), folded away."""
    return "\n".join(['<details class="note ed-technical" markdown="1">',
                      '<summary>规则的技术说明（英文） <span lang="en">How the rules work</span></summary>', "",
                      '<div lang="en" class="ed-docstring" markdown="1">', "", _doc_markdown(inspect.getdoc(module)), "",
                      "</div>", "", "</details>", ""])


def principles_page(edition) -> str:
    rules = collect_rules(edition)
    counts = {doc.id: rule_counts(doc.changes) for doc in edition.documents}
    ids = [m.id for m in edition.metas]
    recorded = {rule for counter in counts.values() for rule in counter}
    known = {rule for _, rule, _ in rules}
    convert = step_named("convert").module
    config = convert.OPENCC_CONFIG
    normalise = step_named("normalise").module
    out = [
        "# 凡例 {#title}", "",
        '<p class="ed-subtitle" lang="en">Editorial principles: what the edition does to the texts, and why</p>', "",
        "一、**底本**：本读本以收到的原始文件为底本，原样保存，一字不改。整理由一组小规则完成，"
        "每条规则只修复一类损伤、只依据文本本身；规则的名称就是它在各篇校勘记中的名称和本页的标题。",
        "",
        english("<strong>The text of record.</strong> Each text is kept exactly as it was received. The "
                "cleaning is done by small rules, each repairing one kind of damage from the text alone; a "
                "rule's name is the one used in every apparatus and as its heading on this page."),
        "二、**记录**：每条规则改动了什么，都逐处记下（规则、原始文件的行、原文、改文）。"
        "把记录自后向前还原，即得原始文件，每次构建都逐篇验证这一点。各篇页末的校勘记公布全部个别校改，"
        "并按规则统计其余改动、附以示例。", "",
        english("<strong>The record.</strong> Every change a rule makes is recorded: the rule, the line "
                "of the source, what it read and what the edition reads. Undone from the last to the "
                "first, the record gives back the source exactly, and every build proves it. The "
                "apparatus at the foot of each text lists every emendation and counts the other changes by "
                "rule, with examples."),
        "三、**校改**：不能以通则说明的个别更正，经审校后逐条列出：位置、原文、改文、理由，以及错误出自"
        "数字化（OCR）还是原刊。凡无把握者，宁存其旧。", "",
        english("<strong>Emendations.</strong> A correction that no general rule explains is reviewed "
                "and listed one by one: where, what the source reads, what the edition reads, why, and "
                "whether the fault lies with the digitisation (OCR) or with the publication. Where in "
                "doubt, the edition keeps what the source reads."),
        f"四、**繁简转换**：以繁体刊出的文本用 OpenCC 的 `{config}` 配置转为简体，只改字形，不改用词；"
        "整理后、转换前的繁体文本另页保存，供核对。", "",
        english(f"<strong>Traditional characters.</strong> A text printed in traditional characters is "
                f"converted to simplified ones with OpenCC's <code>{config}</code> configuration, which changes "
                "character forms only, never words; the cleaned traditional text is kept on a page of its "
                "own."),
        technical(convert),
        "五、**标点**：" + _punctuation_policy(normalise, rules)
        + "网址、注号与页码标记受保护，任何规范化规则都不改动它们。", "",
        english("<strong>Punctuation</strong> follows the national standard for Chinese punctuation; "
                "addresses (URLs), note numbers and page markers are protected, and no rule touches them."),
        technical(normalise),
        "六、**注释与页码**：注释按各篇重新编号为 1…N，原刊的注号（①、[1]、*）在注释列表与预览中与本读本注号并列，"
        "凡本读本提到某注，一律写作“注 14（原注③，原件第 7 页）”。页码标记标出一页的开始：原刊页码已知者"
        "（推定者注明理由）以原刊页码编号并据以定锚点（`#page-120`）；原刊页码不详的期刊文章标原件页序"
        "（原件第 N 页）；报纸评论与网页不标页。段落编号标在段首（宽屏在页边），术语表与搜索所称“¶ 12”即此。", "",
        english("<strong>Notes, pages and paragraphs.</strong> Notes are numbered 1…N in each text; the source's "
                "own marks (①, [1] or *) stand beside the edition's numbers in the note list and the previews, and "
                "the edition refers to a note in one form, “注 14（原注③，原件第 7 页）”. A page marker gives the "
                "printed page where it is known (or inferred, with the reason) and is the anchor (`#page-120`); "
                "where the printed pages are unknown it counts the pages of the source file (原件第 N 页); the "
                "newspaper piece and the web page carry none. The number at the start of a paragraph (in the "
                "margin on a wide screen) is the “¶ 12” of the glossary and the search."),
        "## 规则与处数 {#counts}", "",
        "下表列出每条规则在各篇中的改动处数（0 表示该规则适用而未改动；— 表示不适用于该篇）。", "",
        '<div class="ed-table ed-numbers-after-first" markdown="1">', "",
        "| 规则 | " + " | ".join(f"[{i}](texts/{i}.md#apparatus)" for i in ids) + " |",
        "| --- | " + " | ".join("---" for _ in ids) + " |",
    ]
    applicable = _applicable(edition)
    for _, rule, _ in rules:
        cells = [str(counts[i][rule]) if rule in applicable.get(i, set()) or counts[i][rule] else "—" for i in ids]
        out.append(f"| [`{rule}`](#{rule}) | " + " | ".join(cells) + " |")
    for rule in sorted(recorded - known):
        out.append(f"| [`{rule}`](#{rule}) | " + " | ".join(str(counts[i][rule]) for i in ids) + " |")
    out += ["", "</div>", ""]
    current = None
    for step, rule, function in rules:
        if step != current:
            current = step
            registered = step_named(step)
            out += [f"## {registered.title_zh} <span lang=\"en\">{registered.title_en}</span> {{#step-{step}}}", "",
                    technical(registered.module)]
        doc = inspect.getdoc(function) if function.__doc__ else None
        total = sum(counts[i][rule] for i in ids)
        out += [f"### `{rule}` {{#{rule}}}", "",
                f"全读本共 {total} 处" + _per_text(counts, ids, rule) + "。"
                f' <span lang="en">({total} in the edition.)</span>', "",
                '<div lang="en" class="ed-docstring" markdown="1">', "", _doc_markdown(doc), "", "</div>", ""]
    if recorded - known:
        out += ["## 其他记录的改动 {#other-rules}", ""]
        for rule in sorted(recorded - known):
            total = sum(counts[i][rule] for i in ids)
            out += [f"### `{rule}` {{#{rule}}}", "", f"全读本共 {total} 处" + _per_text(counts, ids, rule) + "。", ""]
    sources = "the rules of scripts/edition/steps/ and the record of every text"
    return page("\n".join(out), sources)


STANDARD = re.compile(r"GB/T\s*[\d.]+(?:[—–-]\d{4})?")


def _punctuation_policy(normalise_module, rules) -> str:
    """The punctuation standard, as the normalising rules' own documentation names it."""
    docs = [inspect.getdoc(normalise_module) or ""]
    docs += [inspect.getdoc(f) or "" for step, _, f in rules if step == "normalise" and f.__doc__]
    standards = sorted({m.group(0) for doc in docs for m in STANDARD.finditer(doc)})
    if standards:
        return f"依 {'、'.join(standards)}（规则说明中所引）；"
    return "规范化规则只统一标点的全角与半角、删除汉字之间的多余空格，不改动作者的标点用法；"


def _applicable(edition) -> dict[str, set[str]]:
    return {meta.id: rule_ids_of_text(meta, edition.sources) for meta in edition.metas}


def _per_text(counts, ids, rule) -> str:
    parts = [f"[{i}](texts/{i}.md#apparatus) {counts[i][rule]}" for i in ids if counts[i][rule]]
    return "（" + "，".join(parts) + "）" if parts else ""
