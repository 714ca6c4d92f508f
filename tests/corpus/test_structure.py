"""structure: the clean text of each real text becomes a Document, and back."""

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from edition import cli
from edition.markers import NOTE_REF, PAGE_MARK
from edition.pipeline import clean
from edition.steps import layout
from edition.structure import build_document, document_text

ROOT = Path(__file__).resolve().parents[2]
#: The raw files, by id (read here: hypothesis strategies are built when the module loads).
RAW = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "sources" / "raw").glob("*.txt"))}


def chars(text):
    return Counter(c for c in text if not c.isspace())


def test_document_holds_exactly_the_clean_text(text_id, documents):
    document = documents[text_id]
    assert chars(document_text(document)) == chars(document.clean_text)


def test_notes_are_paired_and_numbered(text_id, documents):
    doc = documents[text_id]
    assert doc.problems == []
    numbers = [note.n for note in doc.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    refs = [int(n) for block in doc.blocks for n in NOTE_REF.findall(block.text)]
    assert sorted(refs) == numbers
    for note in doc.notes:
        assert note.label and note.page and note.source_line and note.text.strip()
        assert not note.text.startswith(note.label)


def test_note_counts(documents):
    counts = {text_id: len(document.notes) for text_id, document in documents.items()}
    assert counts == {"xue-zhao": 40, "cai": 0, "li": 38, "yan": 55, "liang-song": 0}
    assert 120 <= counts["xue-zhao"] + counts["li"] + counts["yan"] <= 140


def test_ids_and_pages(text_id, documents):
    doc = documents[text_id]
    heads = [b.id for b in doc.blocks if b.kind == "heading"]
    paras = [b.id for b in doc.blocks if b.kind != "heading"]
    assert heads == [f"h-{i}" for i in range(1, len(heads) + 1)]
    assert paras == [f"p-{i}" for i in range(1, len(paras) + 1)]
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and all(b.page in b.pages for b in doc.blocks)
    assert all(b.source_line for b in doc.blocks)


def test_xue_zhao_first_page(documents):
    doc = documents["xue-zhao"]
    kinds = [m.kind for m in doc.front]
    assert kinds[:2] == ["title", "title-note"] and {"byline", "abstract", "keywords", "author-note"} <= set(kinds)
    abstract = next(m for m in doc.front if m.kind == "abstract")
    assert abstract.text.startswith("当人工智能为全球经济社会发展增添了新的不确定性时") and abstract.source_line == 7
    author = next(m for m in doc.front if m.kind == "author-note")
    assert author.text.startswith("薛澜系清华大学") and author.source_line == 13
    first = doc.blocks[0]
    assert "另一方⟦page 2⟧面，人工智能的潜在风险" in first.text and first.pages == [1, 2]
    assert doc.notes[0].label == "[1]" and doc.notes[0].page == 1 and doc.notes[0].source_line == 17
    assert [m.kind for m in doc.end] == ["end-mark", "editor"] and doc.end[0].text == "■"
    assert doc.blocks[-1].text.endswith("框架的形成。")


def test_xue_zhao_headings_from_the_text_itself(documents):
    heads = [(b.level, b.number, b.text) for b in documents["xue-zhao"].blocks if b.kind == "heading"]
    assert heads[0] == (1, None, "人工智能的议题属性与国际治理挑战")
    assert heads[1] == (2, "（一）", "人工智能的技术特性与议题属性")
    assert (1, None, "形成具有议题适配性的国际治理机制：一些启示") in heads
    assert not any(text.startswith("第一") for _, _, text in heads)


def test_cai_words_joined_across_pages(documents):
    doc = documents["cai"]
    body = "\n".join(b.text for b in doc.blocks)
    assert "立⟦page 2⟧场不同" in body and "建立了⟦page 3⟧较为完善" in body and "以人为⟦page 4⟧本" in body
    assert [(b.level, b.text) for b in doc.blocks if b.kind == "heading"] == [
        (1, "全球人工智能治理的现状"), (1, "中国在人工智能国际治理中的责任与担当"), (1, "推动人工智能国际治理与合作的路径")]
    assert [m.kind for m in doc.end] == ["author-note", "source"]
    assert [m.source_line for m in doc.end] == [52, 53]


def test_li_levels_come_from_the_numbering_not_the_hashes(documents):
    heads = {b.text: (b.level, b.number) for b in documents["li"].blocks if b.kind == "heading"}
    assert heads["技术逻辑：特殊的技术形态带来新型安全挑战"] == (2, "（二）")  # printed ## （二）
    assert heads["发展逻辑：应用环节打通加速安全议程前置"] == (2, "（一）")  # printed ### （一）
    assert heads["安全关切的解决成为国际治理优先目标"] == (2, "（一）")  # printed #### （一）
    assert heads["“安全偏好”对人工智能治理的趋势性影响"] == (1, "三、")  # printed ### 三、
    assert heads["结语"] == (1, None)
    labels = {note.label for note in documents["li"].notes}
    assert labels <= set("①②③④")


def test_yan_list_continues_across_the_page(documents):
    doc = documents["yan"]
    lists = [b for b in doc.blocks if b.kind == "list"]
    assert len(lists) == 1
    items = lists[0].text.split("\n")
    assert [item[:4] for item in items] == ["- 一是", "- 二是", "- 三是", "- 四是", "- 五是"]
    assert lists[0].pages == [6, 7]
    kinds = [m.kind for m in doc.front]
    assert kinds[:2] == ["title", "title-note"]
    assert kinds.count("classification") == 3 and "author-note" in kinds and "keywords" in kinds
    assert doc.front[0].text == "全球人工智能治理：联合国的角色"


def test_file_outside_the_corpus():
    text = "一个标题\n\n□ 某作者\n\n一、第一节\n\n正文。[^1]\n\n[^1]: ① 注文。\n\n（作者为某大学教授）\n"
    doc = build_document(text, None, "x", None, "x.txt")
    assert doc.title == "一个标题" and doc.problems == []
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert doc.notes[0].label == "①" and doc.notes[0].text == "注文。"
    assert [m.kind for m in doc.end] == ["author-note"]
    assert chars(document_text(doc)) == chars(text)


@pytest.mark.parametrize("text, line, words", [
    pytest.param("标题\n\n正文。[^1]另有[^2]。\n\n[^1]: [1] 注。\n", 3, "[^2] on page 1 has no note", id="reference-without-note"),
    pytest.param("标题\n\n正文。[^1]\n\n[^1]: [1] 注。\n\n[^2]: [2] 多余的注。\n", 7, "[^2] (printed [2]) on page 1 has no reference", id="note-without-reference"),
])
def test_pairing_problems_name_the_line(text, line, words):
    origins = [text.count("\n", 0, i) + 1 for i in range(len(text))]
    doc = build_document(text, origins, "x", None, "x.txt")
    assert [(p.path, p.line) for p in doc.problems] == [("x.txt", line)]
    assert words in doc.problems[0].message


@pytest.mark.parametrize("name, line", [("unpaired-reference.txt", 3), ("unpaired-definition.txt", 5)])
def test_clean_refuses_unpaired_notes(name, line, edition_main):
    path = f"tests/corpus/bad/{name}"
    result = edition_main("clean", path, cwd=ROOT)
    assert result.returncode != 0
    assert result.stdout == ""
    problems = [row for row in result.stderr.splitlines() if path in row]
    assert len(problems) == 1 and f"{path}:{line}:" in problems[0]
    assert "--lenient" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name, kind, mark, body", [
    ("unpaired-reference.txt", "unpaired-reference", "[^2]: 〔unpaired: no note for this reference at the foot of page 1〕",
     "另一段又引用了一项研究。[^2]"),
    ("unpaired-definition.txt", "unpaired-note", "[^1]: 〔unpaired: no reference on page 1〕 某作者", "正文只有一段"),
])
def test_lenient_clean_prints_the_text_with_the_unpaired_note_marked(name, kind, mark, body, capsys):
    path = f"{ROOT}/tests/corpus/bad/{name}"
    assert cli.main(["clean", "--lenient", path]) == 0
    out = capsys.readouterr().out
    assert mark in out and body in out
    assert cli.main(["clean", "--json", path]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["kind"], p["page"], p["file"]) for p in problems] == [(kind, 1, path)]
    assert "note labels found: [1]" in problems[0]["message"]


def test_an_unpaired_reference_names_the_labels_found_and_missing_on_its_page():
    """A page-bottom note lost from page 2 of a page-numbered text: the reference is named with
    its page, and the page's labels found and missing."""
    text = ("标题\n\n正文。[^1]又一句。[^2]再一句。[^3]\n\n[^1]: [1] 注一。\n\n[^3]: [3] 注三。\n\n"
            "⟦page 2⟧\n\n下一页。[^4]\n\n[^4]: [1] 注四。\n")
    origins = [text.count("\n", 0, i) + 1 for i in range(len(text))]
    doc = build_document(text, origins, "x", None, "x.txt")
    [problem] = doc.problems
    assert (problem.kind, problem.page, problem.note, problem.line) == ("unpaired-reference", 1, 2, 3)
    assert "note labels found: [1], [3]; expected [1], [2], [3]; missing [2]" in problem.message


# --- properties -----------------------------------------------------------------------------

FRAGMENTS = [chunk.strip("\n")[:160] for text in RAW.values() for chunk in text.split("\n\n") if chunk.strip()]
laid_out_texts = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["\n\n", "\n\n\n\n", "\n"])), max_size=12).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=150, deadline=None)
@given(laid_out_texts)
def test_any_laid_out_text_is_conserved(text):
    for rule in layout.rules_for(None, None):
        text = rule(text)
    origins = [text.count("\n", 0, i) + 1 for i in range(len(text))]
    doc = build_document(text, origins, "x", None, "x.txt")
    assert chars(document_text(doc)) == chars(text)
    assert not any(PAGE_MARK.match(b.text) and int(PAGE_MARK.match(b.text).group(1)) >= 2 for b in doc.blocks)


def test_traditional_text_has_the_same_structure_as_the_simplified(documents):
    """004's cleaned traditional text is structured like its conversion: the headline is the
    title and 來源 the source line (the metadata is simplified; lines are compared converted)."""
    doc = documents["liang-song"]
    traditional = doc.traditional
    assert [m.kind for m in traditional.front] == [m.kind for m in doc.front] == ["title", "source"]
    assert traditional.front[1].text.startswith("來源：新華社")
    assert [b.kind for b in traditional.blocks] == [b.kind for b in doc.blocks]
    assert [m.kind for m in traditional.end] == [m.kind for m in doc.end]


@pytest.mark.parametrize("text_id", ["li", "liang-song", "xue-zhao", "yan", "cai"])
def test_front_matter_is_found_without_metadata(text_id, raw, sources, documents):
    """Front matter by its labels and shape, not by the metadata: a copy of the text without
    metadata (``edition clean`` of any file) gets the same title, byline and source line —
    li's title has quotes and a colon, liang-song's a 、 and a colon, which no bare heading has."""
    copy = clean(raw[text_id], text_id, None, sources)
    edition = documents[text_id]
    assert [m.kind for m in copy.front] == [m.kind for m in edition.front]
    readings = [e.edition for e in sources.emendations if e.text == text_id]
    for found, emended in zip(copy.front, edition.front):  # the text's emendations need its metadata
        assert found.text == emended.text or any(r in emended.text for r in readings), (found.text, emended.text)
    assert [b.id for b in copy.blocks if b.kind == "heading"][:1] == [b.id for b in edition.blocks if b.kind == "heading"][:1]


def test_an_abstract_cut_by_a_page_end_stays_front_matter(sources):
    """Cut from a simulated case (a copy of xue-zhao damaged with furniture, a page end and
    running heads, ``edition bench --damage 200``): a page end inside the abstract, which xue-zhao
    prints without a label, where no word spans the cut (全球 | 经济社会) — ``当人工智能为全球``
    was read as a heading, and the rest of the abstract and the 关键词 line as body text."""
    text = ("人工智能国际治理：基于技术特性与议题属性的分析\n\n薛 澜 赵 静\n\n当人工智能为全球\n\n\n\n"
            "经济社会发展增添了新的不确定性时，人工智能国际治理便走到了一个历史关口。\n\n"
            "关键词：人工智能 国际治理 新兴技术\n\n"
            "随着人工智能技术的高速发展和在公私领域的广泛应用，隐私保护、技术性失业成为问题。\n")
    document = clean(text, "damaged", None, sources)
    assert [m.kind for m in document.front] == ["title", "byline", "abstract", "abstract", "keywords"]
    assert [b.kind for b in document.blocks] == ["paragraph"]
    assert document.blocks[0].text.startswith("随着")


def test_a_numbered_heading_before_the_keywords_is_no_abstract(sources):
    """The abstract without a label reaches back from 关键词 over running text only."""
    text = ("人工智能国际治理：基于技术特性与议题属性的分析\n\n薛 澜 赵 静\n\n一、问题的提出\n\n"
            "当人工智能为全球经济社会发展增添了新的不确定性时，人工智能国际治理便走到了一个历史关口。\n\n"
            "关键词：人工智能 国际治理 新兴技术\n\n随着人工智能技术的高速发展，隐私保护成为问题。\n")
    document = clean(text, "damaged", None, sources)
    assert "abstract" not in [m.kind for m in document.front[:3]]
