"""convert: OpenCC tw2s on the repaired text of 004, and the traditional text kept beside it."""

import difflib
import re

import opencc
import pytest
from hypothesis import given, settings, strategies as st

from edition.sources import Sources
from edition.steps import convert, repair
from edition.pipeline import clean
from edition.steps.convert import convert_detected_traditional, convert_traditional_to_simplified, detect_script
from edition.vocabulary import HAN


@pytest.mark.parametrize("before, after", [
    pytest.param("梁正、宋雨鑫:構建全球治理行動共同體", "梁正、宋雨鑫:构建全球治理行动共同体", id="liang-song-title"),
    pytest.param("著力打造如自動駕駛、智慧醫療、智能養老等重點應用場景", "着力打造如自动驾驶、智慧医疗、智能养老等重点应用场景",
                 id="liang-song-zhuoli"),  # t2s would leave 著力
    pytest.param("難以轉化為有效的治理實踐,并產生顯著的“行動赤字”", "难以转化为有效的治理实践,并产生显著的“行动赤字”",
                 id="liang-song-xianzhu-stays"),
    pytest.param("發展與安全的內在辯證關系割裂", "发展与安全的内在辩证关系割裂", id="liang-song-guanxi"),
    pytest.param("根植于四重結構性沖突與困境", "根植于四重结构性冲突与困境", id="liang-song-yu-left-by-the-site"),
    pytest.param("歐盟近幾個月先后發布《人工智能大陸行動計劃》", "欧盟近几个月先后发布《人工智能大陆行动计划》",
                 id="liang-song-hou-left-by-the-site"),
    pytest.param("而智能體技術(AI Agent)的商業化落地", "而智能体技术(AI Agent)的商业化落地", id="liang-song-latin-kept"),
    pytest.param("其三是執行真空。", "其三是执行真空。", id="liang-song-vocabulary-kept"),  # tw2sp: 运行
    pytest.param("成為中國參與全球治理的綱領性文件", "成为中国参与全球治理的纲领性文件", id="liang-song-wenjian-kept"),  # tw2sp: 文档
    pytest.param("行動策略上,采取“專項突破、漸進合圍”", "行动策略上,采取“专项突破、渐进合围”", id="liang-song-cai"),
    pytest.param("人工智能国际治理：基于技术特性与议题属性的分析", "人工智能国际治理：基于技术特性与议题属性的分析",
                 id="xue-zhao-unchanged-simplified"),
])
def test_convert_traditional_to_simplified(before, after):
    assert convert_traditional_to_simplified(before) == after


def test_cases_are_cut_from_the_repaired_source(raw, sources):
    text = raw["liang-song"]
    for rule in repair.rules_for(None, sources):
        text = rule(text)
    for sample in ("著力打造如自動駕駛", "難以轉化為有效的治理實踐,并產生顯著的", "根植于四重結構性沖突與困境", "先后發布《人工智能大陸"):
        assert sample in text


def test_rules_only_for_traditional_texts(metas):
    assert convert.rules_for(metas["liang-song"], Sources()) == [convert_traditional_to_simplified]
    assert convert.rules_for(metas["cai"], Sources()) == []
    assert convert.rules_for(None, Sources()) == [convert_detected_traditional]


@pytest.mark.parametrize("text_id, script", [("cai", "simplified"), ("liang-song", "traditional"), ("xue-zhao", "simplified")])
def test_detected_script_agrees_with_the_metadata(raw, metas, text_id, script):
    assert detect_script(raw[text_id]) == metas[text_id].script == script


def test_a_traditional_copy_of_a_simplified_text_is_detected_and_converted(raw, sources, documents):
    """cai turned into traditional characters (OpenCC s2t) and cleaned as a file without
    metadata: detected, converted back, and the body equals the edition's but for the one
    emendation that only cai's metadata brings (the stray ``and``)."""
    copy = opencc.OpenCC("s2t").convert(raw["cai"])
    assert detect_script(copy) == "traditional"
    document = clean(copy, "copy", None, sources)
    assert document.script == "traditional" and document.traditional is not None
    body = "".join(block.text for block in document.blocks)
    edition = "".join(block.text for block in documents["cai"].blocks)
    assert han_distance(body, edition) <= 1


def test_detection_does_not_touch_a_simplified_text_without_metadata():
    text = "人工智能国际治理：基于技术特性与议题属性的分析。著作与显著。"
    assert convert_detected_traditional(text) == text
    assert convert_detected_traditional("構建全球治理行動共同體") == "构建全球治理行动共同体"


def test_simulated_s2t_paragraph_is_detected_and_converted():
    """Cut from a simulated case (edition.damage, kind s2t, seed 0): a paragraph of li converted
    with OpenCC s2t — ``隨着``, ``參數`` — comes back to the edition's simplified text."""
    text = "三是不可控型風險。如人工智能的湧現（Emergence）問題。近年來，不斷有實踐案例表明，隨着模型規模（如訓練計算量或參數數量）的增加"
    assert detect_script(text) == "traditional"
    assert convert_detected_traditional(text) == (
        "三是不可控型风险。如人工智能的涌现（Emergence）问题。近年来，不断有实践案例表明，随着模型规模（如训练计算量或参数数量）的增加")


def han_distance(a: str, b: str) -> int:
    a, b = "".join(re.findall(f"[{HAN}]", a)), "".join(re.findall(f"[{HAN}]", b))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def test_traditional_text_is_kept(documents):
    document = documents["liang-song"]
    assert document.script == "traditional" and document.traditional is not None
    simplified = "\n".join(block.text for block in document.blocks)
    traditional = "\n".join(block.text for block in document.traditional.blocks)
    assert "构建人工智能全球治理的行动共同体" in simplified and "構建" not in simplified
    assert "構建人工智能全球治理的行動共同體" in traditional
    # every block of the edition is the conversion of a block of the kept traditional text
    converted = {convert_traditional_to_simplified(block.text) for block in document.traditional.blocks}
    assert {block.text for block in document.blocks} <= converted


def test_simplified_text_has_no_traditional_copy(documents):
    assert documents["cai"].script == "simplified" and documents["cai"].traditional is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60))
def test_latin_text_unchanged(text):
    assert convert_traditional_to_simplified(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="构建国际发展与安全的行动共同体治理人工智能，。“”", max_size=40))
def test_simplified_text_unchanged_and_idempotent(text):
    once = convert_traditional_to_simplified(text)
    assert once == text
    assert convert_traditional_to_simplified(once) == once
