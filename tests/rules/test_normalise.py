"""normalise: markup artefacts, URLs broken by OCR, punctuation width and spaces inside
Chinese — each rule with before/after cut from the real texts, then properties of all of them."""

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from edition.check import residue
from edition.markers import URL, outside_protected
from edition.vocabulary import CHINESE_PUNCT
from edition.steps import normalise
from edition.steps.normalise import (keeps_its_spaces, normalise_autolinks, normalise_bold_markup,
                               normalise_broken_urls, normalise_document_symbols,
                               normalise_duplicated_links, normalise_html_entities,
                               normalise_markdown_escapes, normalise_parentheses_width,
                               normalise_punctuation_width, normalise_quotes,
                               normalise_space_before_comma, normalise_spaces_in_chinese,
                               normalise_trailing_spaces)
from edition.pipeline import Trace, rebuild_raw


def run_all(text: str) -> str:
    for rule in normalise.rules_for(None, None):
        text = rule(text)
    return text


CASES = [
    # markup artefacts
    (normalise_html_entities, "《&quot;人工智能造福人类全球峰会\"在瑞士日内瓦举行》",
     "《\"人工智能造福人类全球峰会\"在瑞士日内瓦举行》"),
    (normalise_html_entities, "html?id=26645&newsid=5496323", "html?id=26645&newsid=5496323"),
    # cut from simulated cases (edition.damage, kind html-entities): any entity HTML5 names
    (normalise_html_entities, "个别国家采取&ldquo;技术封锁&rdquo;战略", "个别国家采取“技术封锁”战略"),
    (normalise_html_entities, "算力&mdash;数据&mdash;模型", "算力—数据—模型"),
    (normalise_html_entities, "a&notanentity;b", "a&notanentity;b"),
    (normalise_duplicated_links,
     "，[https://www.gov.cn/yaowen/liebiao/202309/content\\\\_6903173.htm](https://www.gov.cn/yaowen/liebiao/202309/content_6903173.htm)。",
     "，https://www.gov.cn/yaowen/liebiao/202309/content_6903173.htm。"),
    (normalise_duplicated_links,
     "[https://www.mckinsey.com/x-frontier\\[2024-04-19\\]](https://www.mckinsey.com/x-frontier[2024-04-19]).",
     "https://www.mckinsey.com/x-frontier[2024-04-19]."),
    (normalise_duplicated_links, "[报告全文](https://example.org/a)", "[报告全文](https://example.org/a)"),
    (normalise_autolinks, "2023年10月26日，<https://news.un.org/zh/story/2023/10/1123382>。",
     "2023年10月26日，https://news.un.org/zh/story/2023/10/1123382。"),
    (normalise_markdown_escapes, "key-sectors/\\[2024-04-19\\]", "key-sectors/[2024-04-19]"),
    (normalise_bold_markup, "**内容提要：**当前，新一轮人工智能发展浪潮", "内容提要：当前，新一轮人工智能发展浪潮"),
    (normalise_bold_markup, "*Foreign Affairs*, 102(6)", "*Foreign Affairs*, 102(6)"),
    # URLs and document symbols
    (normalise_broken_urls, "https://documents.un.org/n2327152.pdf?to ken=66Z88zhmr6IrWDzORR&fe=true.",
     "https://documents.un.org/n2327152.pdf?token=66Z88zhmr6IrWDzORR&fe=true."),
    (normalise_broken_urls, "https://documents.un.org/x.pdf?token=JcOqaZdYOd MBhY4wyF&fe=true.",
     "https://documents.un.org/x.pdf?token=JcOqaZdYOdMBhY4wyF&fe=true."),
    (normalise_broken_urls, "https://unsceb.org/files/United%20Nations%20 System%20White%20Paper.pdf",
     "https://unsceb.org/files/United%20Nations%20System%20White%20Paper.pdf"),
    (normalise_broken_urls, "https://ai100.stanford.edu/2016-report [2024-05-07]; Russell S. J.",
     "https://ai100.stanford.edu/2016-report [2024-05-07]; Russell S. J."),
    (normalise_broken_urls, "https://example.org/a?x=1 and more", "https://example.org/a?x=1 and more"),
    (normalise_document_symbols, "联合国大会第 78/L. 49 号决议", "联合国大会第 78/L.49 号决议"),
    (normalise_document_symbols, "A/78/L.49 (2024), March 11", "A/78/L.49 (2024), March 11"),
    # punctuation
    (normalise_punctuation_width, "近年来,联合国秉持以人为本的核心理念", "近年来，联合国秉持以人为本的核心理念"),
    (normalise_punctuation_width, "來源:新華社", "來源：新華社"),
    (normalise_punctuation_width, "两个“常胜将军”,显示", "两个“常胜将军”，显示"),
    (normalise_punctuation_width, "Manyika J. and Spence M., “The Coming AI Economic Revolution”, *Foreign Affairs*, 102(6): 70–86, 2023.",
     "Manyika J. and Spence M., “The Coming AI Economic Revolution”, *Foreign Affairs*, 102(6): 70–86, 2023."),
    (normalise_punctuation_width, "2025年07月08日 22:46:43", "2025年07月08日 22:46:43"),
    (normalise_punctuation_width, "2023年10月18日,https://www.cac.gov.cn/2023-10/18/c_1699291032884978.htm",
     "2023年10月18日，https://www.cac.gov.cn/2023-10/18/c_1699291032884978.htm"),
    (normalise_punctuation_width, "联合国大会：《数字合作路线图》，A/74/821, 2020年5月29日",
     "联合国大会：《数字合作路线图》，A/74/821， 2020年5月29日"),
    (normalise_punctuation_width, "Vol.44, 2015, pp.1827-1843", "Vol.44, 2015, pp.1827-1843"),
    (normalise_parentheses_width, "牛津洞察(0xford Insights)发布的", "牛津洞察（0xford Insights）发布的"),
    (normalise_parentheses_width, "而智能體技術(AI Agent)的商業化", "而智能體技術（AI Agent）的商業化"),
    (normalise_parentheses_width, "(作者为复旦大学美国研究中心教授)", "（作者为复旦大学美国研究中心教授）"),
    (normalise_parentheses_width, "《湖北大学学报(哲学社会科学版)》", "《湖北大学学报（哲学社会科学版）》"),
    (normalise_parentheses_width, "*Global Policy*, 10(2): 267-273", "*Global Policy*, 10(2): 267-273"),
    (normalise_parentheses_width, "〔文章编号〕0452 8832 (2024) 4 期", "〔文章编号〕0452 8832 (2024) 4 期"),
    (normalise_quotes, "从\"弱人工智能\"到\"强人工智\n能\"的演变", "从“弱人工智能”到“强人工智\n能”的演变"),
    (normalise_quotes, "[^1]: [1] UNGA, \"Seizing the Opportunities,\" A/78/L.49",
     "[^1]: [1] UNGA, \"Seizing the Opportunities,\" A/78/L.49"),
    (normalise_quotes, "提出\"一个\n[^18]: [1] 见\"Transforming Our World\"\n⟦page 7⟧世界\"",
     "提出“一个\n[^18]: [1] 见“Transforming Our World”\n⟦page 7⟧世界”"),
    (normalise_quotes, "一个\"孤立的引号", "一个\"孤立的引号"),
    # spaces
    (normalise_spaces_in_chinese, "早在 2015 年 9 月,联合国大会", "早在2015年9月,联合国大会"),
    (normalise_spaces_in_chinese, "人工智能治理 应促进各利益攸关方的共识", "人工智能治理应促进各利益攸关方的共识"),
    (normalise_spaces_in_chinese, "此后 2004 年，科学界", "此后2004年，科学界"),
    (normalise_spaces_in_chinese, "2022 年以 ChatGPT 为代表", "2022年以ChatGPT为代表"),
    (normalise_spaces_in_chinese, "微软的 Bing AI 以及", "微软的Bing AI以及"),
    (normalise_spaces_in_chinese, "可持续发展目标。[^18] 人工智能等", "可持续发展目标。[^18]人工智能等"),
    (normalise_spaces_in_chinese, "可持续发 ⟦page 8⟧ 展目标", "可持续发⟦page 8⟧展目标"),
    (normalise_spaces_in_chinese, "2020年5月29日， https://documents.un.org/a.pdf 第三", "2020年5月29日，https://documents.un.org/a.pdf 第三"),
    (normalise_spaces_in_chinese, "关键词：人工智能 国际治理 新兴技术", "关键词：人工智能 国际治理 新兴技术"),
    (normalise_spaces_in_chinese, "薛 澜 赵 静", "薛 澜 赵 静"),
    (normalise_spaces_in_chinese, "□ 阎德学", "□ 阎德学"),
    (normalise_spaces_in_chinese, "Russell S. J. and Norvig P.", "Russell S. J. and Norvig P."),
    (normalise_spaces_in_chinese, "联合国\n人工智能", "联合国\n人工智能"),
    (normalise_space_before_comma, '[2] 정책홍보담당관실 , "AI 서울 정상회의 서울선언 및 의향서 ," 2024 년 5 월 , https://www.mofa.go.kr/',
     '[2] 정책홍보담당관실, "AI 서울 정상회의 서울선언 및 의향서," 2024 년 5 월, https://www.mofa.go.kr/'),
    (normalise_space_before_comma, "https://example.org/a ,b", "https://example.org/a ,b"),
    (normalise_trailing_spaces, "正文。 \t\n下一段", "正文。\n下一段"),
]


@pytest.mark.parametrize("rule, before, after", CASES,
                         ids=[f"{rule.__name__}-{i}" for i, (rule, _, _) in enumerate(CASES)])
def test_rule_before_after(rule, before, after):
    assert rule(before) == after


def test_yan_abstract_sentence_all_rules():
    before = "[提 要] 近年来,联合国秉持以人为本的核心理念和可持续发展的目标导向, 以可持续发展"
    # the space after the printed label ``[提 要]`` separates it, like ``[4] 曾海军``, and stays
    assert run_all(before) == "[提要] 近年来，联合国秉持以人为本的核心理念和可持续发展的目标导向，以可持续发展"


def test_keeps_its_spaces():
    assert keeps_its_spaces("關鍵詞：人工智能 國際治理")
    assert keeps_its_spaces("來源：新華社 7-7 梁正 宋雨鑫")
    assert keeps_its_spaces("2025年07月08日 22:46:43")
    assert not keeps_its_spaces("人工智能治理 应促进各利益攸关方的共识")


# --- the corpus ----------------------------------------------------------------------------

def test_no_residue_in_any_text(text_id, documents):
    """What the issue names as done: no OCR space, no half-width punctuation inside Chinese,
    no raw marker, no scrape markup, pinyin or mojibake (the check of ``edition check``)."""
    assert residue(documents[text_id].clean_text) == []


@pytest.mark.parametrize("damaged, what", [
    ("人工智能治理 应促进各利益攸关方的共识", "an OCR space inside Chinese"),
    ("近年来,联合国", "half-width punctuation inside Chinese"),
    ("数字鸿沟。^[3]", "a raw note marker"),
    ("《&quot;人工智能", "markup left by a scrape"),
    ("構(gòu)建", "injected pinyin"),
    ("正在重塑?chē)", "mojibake"),
])
def test_residue_finds_each_kind_of_damage(damaged, what):
    assert what in [kind for _, kind, _ in residue(damaged)]
    assert residue("关键词：人工智能 国际治理") == []


def test_record_undoes_every_rule(text_id, documents):
    document = documents[text_id]
    assert rebuild_raw(document.clean_text, document.changes) == document.raw


# --- properties --------------------------------------------------------------------------

CHINESE = st.text(alphabet="人工智能治理联合国的，。、“”《》（）,:;?!()\" 　\t\n2015年AIa-[]^⟦⟧page", max_size=80)
LATIN = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="&*\\<>["),
                max_size=80)


@settings(max_examples=300, deadline=None)
@given(CHINESE)
@example("可持续发 展目标 。[^18] 人工智能")
@example("从\"弱\"到\"强\"")
@example("全球(人工智能(治理))行动")
def test_every_rule_is_idempotent(text):
    for rule in normalise.rules_for(None, None):
        once = rule(text)
        assert rule(once) == once, rule.__name__


#: The rules that decide by script; the others (markup, URLs, a space before a comma) apply
#: to Latin text as much as to Chinese.
CHINESE_RULES = [normalise_punctuation_width, normalise_parentheses_width, normalise_quotes,
                 normalise_spaces_in_chinese]


@settings(max_examples=300, deadline=None)
@given(LATIN)
@example("Stone P., \"Artificial Intelligence and Life in 2030\", 2016: 1-2; (see) why? yes!")
def test_latin_text_passes_the_chinese_rules_unchanged(text):
    for rule in CHINESE_RULES:
        assert rule(text) == text, rule.__name__


@settings(max_examples=300, deadline=None)
@given(CHINESE)
def test_no_han_character_is_lost_and_no_line_break(text):
    out = run_all(text)
    han = re.compile(r"[\u4e00-\u9fff]")
    assert han.findall(out) == han.findall(text)
    assert out.count("\n") == text.count("\n")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["https://example.org/a_b?x=1,2;y=3", "⟦page 12⟧", "[^7]"]), CHINESE, CHINESE)
def test_protected_spans_pass_unchanged(span, left, right):
    text = left.replace("\n", "") + "：" + span + " 第" + right.replace("\n", "")
    out = run_all(text)
    assert span in out


#: The patterns that ``normalise_spaces_in_chinese`` compiled until the gaps were decided by their
#: neighbours in Python (``_spaces_go``), made of the module's own classes as they were: the
#: reference its result is held to.
_CJK = normalise.HAN + CHINESE_PUNCT
SPACE_INSIDE_CHINESE = re.compile(
    rf"(?<=[{_CJK}]){normalise._GAP}(?=[{_CJK}A-Za-z0-9%“‘])"
    rf"|(?<=[A-Za-z0-9%”’]){normalise._GAP}(?=[{_CJK}])"
    rf"|(?<=[“‘]){normalise._GAP}(?=[{normalise.HAN}])"
    rf"|(?<=[{normalise.HAN}]){normalise._GAP}(?=[”’])"
)
SPACE_BEFORE_URL = re.compile(rf"(?<=[{_CJK}]){normalise.SPACE}+(?=https?://|www\.)")


def squeezed_as_the_patterns_did(line: str) -> str:
    if keeps_its_spaces(line):
        return line
    line = SPACE_BEFORE_URL.sub("", line)
    return outside_protected(lambda s: SPACE_INSIDE_CHINESE.sub(normalise._without_spaces, s), line, URL)


#: Every kind of neighbour a gap can have: Han, 〓, Chinese marks, quotes of both kinds, Latin
#: letters, digits, %, ASCII marks, markers (a note reference, a page marker, a note's own
#: label), a URL, and every kind of space.
GAPS = st.lists(st.sampled_from(
    ["人", "國", "〓", "，", "。", "（", "》", "…", "“", "”", "‘", "’", '"', "a", "Z", "3", "%", "(", ")",
     "-", "é", "한", "⟦page 12⟧", "[^7]", "[^7]:", "[", "]", "^", "⟦", "⟧", "https://a.org/x", "www.b.cn",
     " ", " ", "  ", "\t", "\u00a0", "\u3000"]), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(GAPS)
@example("可持续发 展目标 。[^18] 人工智能")
@example("早在 2015 年 9 月, 以 ChatGPT 为代表")
@example("a ⟦page 3⟧ b 中 \u3000 b “ 人 ” x[^3] 中 ([^3] 中")
@example("见 https://a.org/x 。 “ www.b.cn")
@example("人 人")  # a spaced byline keeps its spaces
def test_spaces_go_where_the_patterns_took_them(line):
    assert normalise._squeeze_line(line) == squeezed_as_the_patterns_did(line)


def test_the_record_names_each_rule():
    trace = Trace.start("t", "早在 2015 年 9 月,联合国\n")
    trace.apply_all(normalise.rules_for(None, None))
    assert trace.text == "早在2015年9月，联合国\n"
    assert {c.rule for c in trace.changes} == {"normalise_punctuation_width", "normalise_spaces_in_chinese"}
