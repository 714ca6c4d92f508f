"""Every reviewed YAML file of ``sources/`` rejects a bad example with one ``EditionError``
naming the file and the line of the broken text.

Each case is cut from the real file: in a copy of the project, ``old`` (which occurs once in
the file) becomes ``new``; ``load_sources`` must then fail at the one line of the broken file
that contains ``marker``, with ``words`` in the message.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.sources import load_sources
from edition.sources import yamlfile
from edition.sources.yamlfile import keep_values, line_of, load_yaml, values_read

SYNTAX = "YAML syntax error: mapping values are not allowed"  # "here" (PyYAML) or "in this context" (libyaml)


def cases(name: str, *params):
    """The cases of one file, each ``(old, new, marker, words)`` with its id, under ``name``."""
    stem = name.removesuffix(".yaml").replace("/", "-")
    return [pytest.param(name, *p.values, id=f"{stem}-{p.id}", marks=p.marks) for p in params]


TEXT = cases(
    "texts/cai.yaml",
    pytest.param("title: 加强人工智能国际治理和合作", "title: 2025", "title: 2025",
                 "field 'title' must be str, found int", id="wrong-type"),
    pytest.param("    pinyin: Cai Cuihong", "    pinyin: [Cai]", "pinyin: [Cai]",
                 "field 'pinyin' must be str, found list", id="wrong-type-in-author"),
    pytest.param("venue_en: People's Daily", "venue_english: People's Daily", "venue_english:",
                 "unknown key 'venue_english'", id="unknown-key"),
    pytest.param("    affiliation: 复旦", "    office: 复旦", "office: 复旦",
                 "unknown key 'office' in an author", id="unknown-key-in-author"),
    pytest.param("kind: newspaper-commentary", "kind: newspaper-commentary: x", "kind:", SYNTAX, id="syntax"),
    pytest.param("venue: 人民日报", "venue: 人民日报\nvenue: 光明日报", "venue: 光明日报",
                 "duplicate key 'venue'", id="duplicate-key"),
    pytest.param("kind: newspaper-commentary\n", "", "id: cai", "missing required field 'kind'", id="missing-key"),
    pytest.param("kind: newspaper-commentary", "kind:", "kind:", "missing required field 'kind'", id="null-value"),
    pytest.param("script: simplified", "script: cursive", "script: cursive",
                 "field 'script' must be one of simplified, traditional; found 'cursive'", id="bad-value"),
    pytest.param("id: cai", "id: cai2", "id: cai2", "must equal the file name 'cai'", id="id-not-file-name"),
    pytest.param("raw: cai.txt", "raw: kai.txt", "raw: kai.txt", "does not exist", id="raw-missing"),
    pytest.param("sha256: 42", "sha256: 43", "sha256: 43", "raw files are never edited", id="sha256-mismatch"),
    pytest.param("  - name: 蔡翠红\n    pinyin: Cai Cuihong\n    affiliation: 复旦大学美国研究中心教授\n",
                 "  - 蔡翠红\n", "- 蔡翠红", "an author must be a mapping", id="author-not-mapping"),
    pytest.param("authors:\n  - name: 蔡翠红\n    pinyin: Cai Cuihong\n    affiliation: 复旦大学美国研究中心教授\n",
                 "authors: []\n", "authors: []", "at least one author", id="no-author"),
    pytest.param("  - {zh: 数字鸿沟, en: digital divide}", "  - 数字鸿沟", "- 数字鸿沟",
                 "a keyword must be a mapping", id="keyword-not-mapping"),
    pytest.param("{zh: 能力建设, en: capacity building}", "{zh: 能力建设}", "{zh: 能力建设}",
                 "missing required field 'en' in a keyword", id="keyword-missing-en"),
    pytest.param("  keywords: The text", "  venue_cn: The text", "venue_cn:",
                 "not a metadata field", id="inferred-unknown-field"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\ndate: 2025-13-01", "date: 2025-13-01",
                 "month must be in 1..12", id="impossible-date"),
    pytest.param("venue: 人民日报", "venue: !paper 人民日报", "venue: !paper",
                 "tag '!paper'", id="unknown-tag"),
    pytest.param("venue: 人民日报", "[venue, venue_en]: 人民日报", "[venue, venue_en]",
                 "a key cannot be a list or a mapping", id="list-as-key"),
    pytest.param("authors:\n  - name: 蔡翠红", "authors: &people\n  - *people\n  - name: 蔡翠红", "authors: &people",
                 "an anchor (&people) is not allowed", id="recursive-alias"),
    pytest.param("venue: 人民日报", "venue: &v 人民日报\nvenue_cn: *v", "venue: &v", "an anchor (&v) is not allowed",
                 id="anchor"),
    pytest.param("authors:\n", "authors: !!python/object/apply:os.system\n", "authors: !!python",
                 "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", id="python-tag"),
    pytest.param("venue: 人民日报", "venue: !!python/name:os.system ''", "venue: !!python",
                 "could not determine a constructor", id="python-tag-on-text"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\ndate: '2025-02-30'", "date: '2025-02-30'",
                 "is not a real date: day is out of range for month", id="impossible-date-as-text"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\ndate: last spring", "date: last spring",
                 "not of the form YYYY", id="date-not-a-date"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\nyear: 20250", "year: 20250",
                 "not a plausible year", id="impossible-year"),
    pytest.param("raw: cai.txt", "raw: ../texts/cai.yaml", "raw: ../texts", "no path out of it", id="raw-outside"),
    pytest.param("raw: cai.txt", "raw: /etc/passwd", "raw: /etc", "no path out of it", id="raw-absolute"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\nurl: javascript:alert(1)", "url: javascript",
                 "must be an http:// or https:// address", id="url-not-web"),
    pytest.param("venue_en: People's Daily", "venue_en: People's Daily\nurl: 'https://x.org/\"><img src=x>'",
                 "url: 'https", "without spaces, quotes", id="url-with-markup"),
)

EMENDATIONS = cases(
    "emendations.yaml",
    pytest.param("  context: 健康发展and人类共同福祉", "  context: [健康发展and人类共同福祉]", "context: [",
                 "field 'context' must be text, found list", id="wrong-type"),
    pytest.param("- id: cai-and\n", "- id: cai-and\n  remark: added\n", "remark: added",
                 "unknown key 'remark' in an emendation", id="unknown-key"),
    pytest.param("  edition: 和\n", "  edition: 和: 与\n", "edition: 和", SYNTAX, id="syntax"),
    pytest.param("  edition: 和\n", "  edition: 和\n  edition: 与\n", "edition: 与",
                 "duplicate key 'edition'", id="duplicate-key"),
    pytest.param("edition reads 和.\"\n  fault: publication\n", "edition reads 和.\"\n", "- id: cai-and",
                 "emendation lacks 'fault'", id="missing-key"),
    pytest.param("edition reads 和.\"\n  fault: publication\n", "edition reads 和.\"\n  fault: typo\n", "fault: typo",
                 "fault must be one of ocr, publication, transmission; found 'typo'", id="bad-fault"),
    pytest.param("edition reads 和.\"\n  fault: publication\n  certainty: certain",
                 "edition reads 和.\"\n  fault: publication\n  certainty: sure", "certainty: sure",
                 "certainty must be one of certain, uncertain", id="bad-certainty"),
    pytest.param("- id: cai-and\n  text: cai\n", "- id: cai-and\n  text: cat\n", "text: cat",
                 "text 'cat' is not one of the texts", id="unknown-text"),
    pytest.param("- id: cai-and\n", "- id: Cai_And\n", "- id: Cai_And", "is not a slug", id="id-not-slug"),
    pytest.param("- id: cai-and\n", "- id: xue-zhao-klamberg  # again\n", "# again",
                 "duplicate emendation id 'xue-zhao-klamberg' (first at line", id="duplicate-id"),
    pytest.param("  source: and\n", "  source: und\n", "source: und", "is not inside context", id="source-outside-context"),
    pytest.param("  source: and\n", "  source: 和\n", "edition: 和", "nothing to emend", id="edition-same-as-source"),
    pytest.param("\n- id: cai-and\n", "\n- cai-and\n- id: cai-and\n", "- cai-and",
                 "an emendation must be a mapping (key: value), found str", id="entry-not-mapping"),
)

GLOSSARY = cases(
    "glossary.yaml",
    pytest.param("  pinyin: jīzhì fùhétǐ", "  pinyin: 12", "pinyin: 12", "pinyin must be text, found int", id="wrong-type"),
    pytest.param("- id: regime-complex\n", "- id: regime-complex\n  remark: added\n", "remark: added",
                 "unknown key 'remark'", id="unknown-key"),
    pytest.param("  term: 机制复合体", "  term: 机制复合体: x", "term: 机制复合体", SYNTAX, id="syntax"),
    pytest.param("  en: regime complex\n", "  en: regime complex\n  en: complex regime\n", "en: complex regime",
                 "duplicate key 'en'", id="duplicate-key"),
    pytest.param("  pinyin: jīzhì fùhétǐ\n  category: concept\n", "  pinyin: jīzhì fùhétǐ\n", "- id: regime-complex",
                 "entry lacks 'category'", id="missing-key"),
    pytest.param("  pinyin: jīzhì fùhétǐ\n  category: concept\n", "  pinyin: jīzhì fùhétǐ\n  category: idea\n",
                 "category: idea", "unknown category 'idea'", id="bad-category"),
    pytest.param("- id: regime-complex\n", "- id: Regime Complex\n", "- id: Regime Complex",
                 "is not an ASCII slug", id="id-not-slug"),
    pytest.param("- id: agile-governance\n", "- id: regime-complex  # again\n", "# again",
                 "duplicate id 'regime-complex'", id="duplicate-id"),
    pytest.param("  term: 敏捷治理\n", "  term: 机制复合体  # again\n", "# again",
                 "duplicate term '机制复合体'", id="duplicate-term"),
    pytest.param("  term: 敏捷治理\n", "  term: 敏捷治理\n  variants: [机制复合体]\n", "variants: [机制复合体]",
                 "duplicate term '机制复合体'", id="duplicate-variant"),
    pytest.param("  term: 机制复合体\n", "  term: 机制复合体\n  variants: ['']\n", "variants: ['']",
                 "variants must be a list of texts", id="empty-variant"),
    pytest.param("  term: 机制复合体\n", "  term: 机制复合体\n  not_in: [其他制度]\n", "not_in: [其他制度]",
                 "does not contain the term", id="not-in-without-term"),
    pytest.param("  en: regime complex\n", "  en: regime {complex}\n", "en: regime {complex}",
                 "may not contain quotes, braces or brackets", id="en-with-braces"),
)

REJECTED = cases(
    "glossary-rejected.yaml",
    pytest.param("DNA: general scientific term, not AI governance vocabulary", "DNA: [general scientific term]", "DNA: [",
                 "'DNA' must map the Latin text of a pair (or a keyword) to the reason, as text", id="wrong-type"),
    pytest.param("SAP: company name", "2024: company name", "2024: company name",
                 "2024 must map the Latin text of a pair (or a keyword) to the reason", id="key-not-text"),
    pytest.param("SAP: company name,", "SAP: company: name,", "SAP: company", SYNTAX, id="syntax"),
    pytest.param("IBM: company name, outside the glossary's scope\n",
                 "IBM: company name, outside the glossary's scope\nIBM: again\n", "IBM: again",
                 "duplicate key 'IBM'", id="duplicate-key"),
    pytest.param("CEO: job title, not a term", "CEO:", "CEO:", "'CEO' must map the Latin text", id="missing-reason"),
)

HEADINGS = cases(
    "headings.yaml",
    pytest.param("  结语: Conclusion\nyan:", "  结语: [Conclusion]\nyan:", "结语: [",
                 "li: heading '结语' must map to its English translation", id="wrong-type"),
    pytest.param("\ncai:\n", "\ncia:\n", "cia:", "'cia' is not one of the texts", id="unknown-text"),
    pytest.param("  面临的挑战: Challenges\n", "  面临的挑战: Challenges: all\n", "Challenges: all", SYNTAX, id="syntax"),
    pytest.param("  结语: Conclusion\nyan:", "  结语: Conclusion\n  结语: Epilogue\nyan:", "结语: Epilogue",
                 "duplicate key '结语'", id="duplicate-key"),
    pytest.param("  发展趋势: Trends", "  发展趋势: ''", "发展趋势:",
                 "yan: heading '发展趋势' must map to its English translation", id="empty-translation"),
    pytest.param("\ncai:\n", "\ncai: none\nxcai:\n", "cai: none",
                 "the headings of cai must be a mapping", id="headings-not-mapping"),
    pytest.param("  议程引领:设立工作组", "  议程引领：设立工作组、专门机构和国际论坛: Twice\n  议程引领:设立工作组",
                 "议程引领:设立工作组", "the same heading as line", id="same-heading-after-normalising"),
)

WORKS = cases(
    "works.yaml",
    pytest.param("  UNESCO: {key: unesco, official: true}", "  UNESCO: {key: unesco, official: maybe}",
                 "official: maybe", "field 'official' must be bool, found str", id="wrong-type"),
    pytest.param("  - key: alter2009politics\n", "  - key: alter2009politics\n    author: Alter\n", "author: Alter",
                 "unknown key 'author' in a work of the registry", id="unknown-key"),
    pytest.param("\nworks:\n", "\nwork:\n", "work:", "unknown key 'work' in the works data", id="unknown-top-key"),
    pytest.param("    title: The Politics of International Regime Complexity",
                 "    title: The Politics: of International Regime Complexity", "title: The Politics:",
                 SYNTAX, id="syntax"),
    pytest.param("    title: The Rise of International Regime Complexity\n",
                 "    title: The Rise of International Regime Complexity\n    title: Again\n", "title: Again",
                 "duplicate key 'title'", id="duplicate-key"),
    pytest.param("  - key: alter2009politics\n    title:", "  - title:", "- title: The Politics",
                 "missing required field 'key' in a work of the registry", id="missing-key"),
    pytest.param("  - key: alter2018rise\n    title: The Rise of International Regime Complexity\n",
                 "  - key: alter2018rise\n    same_as: [The Rise]\n", "- key: alter2018rise",
                 "work alter2018rise needs a title or a symbol", id="no-title-or-symbol"),
    pytest.param("  - key: bu2024rengong\n    title: 人工智能发展下的权力扩散态势解析与挑战应对\n", "  - bu2024rengong\n",
                 "- bu2024rengong", "a work of the registry must be a mapping", id="work-not-mapping"),
    pytest.param("  WHO: {key: who, official: true}", "  WHO: who", "WHO: who",
                 "corporate author 'WHO' must be a mapping", id="corporate-author-not-mapping"),
    pytest.param("  - key: bu2024rengong\n", "  - key: alter2009politics  # again\n", "alter2009politics  # again",
                 "key alter2009politics is registered twice", id="duplicate-registry-key"),
    pytest.param("    title: The Rise of International Regime Complexity\n",
                 "    title: The Rise of International Regime Complexity\n    same_as: [[The Rise]]\n",
                 "same_as: [[The Rise]]", "same_as lists titles, as text", id="same-as-not-text"),
    pytest.param("      author: Tallberg J., Erman E., Furendal M., Geith J., Klamberg M. and Lundgren M.",
                 "      author: [Tallberg J.]", "author: [Tallberg J.]",
                 "field 'author' must be text, or null to remove it", id="field-not-text"),
)

FURNITURE = cases(
    "furniture.yaml",
    pytest.param("spam_min_keywords: 2", "spam_min_keywords: two", "spam_min_keywords: two",
                 "field 'spam_min_keywords' must be int, found str", id="wrong-type"),
    pytest.param("\nobfuscated_email:", "\nfooter_words: [版权所有]\nobfuscated_email:", "footer_words:",
                 "unknown key 'footer_words' in the furniture patterns", id="unknown-key"),
    pytest.param("breadcrumb_max_segment: 12", "breadcrumb_max_segment: 12: 13", "breadcrumb_max_segment:",
                 SYNTAX, id="syntax"),
    pytest.param("spam_min_keywords: 2\n", "spam_min_keywords: 2\nspam_min_keywords: 3\n", "spam_min_keywords: 3",
                 "duplicate key 'spam_min_keywords'", id="duplicate-key"),
    pytest.param("breadcrumb_max_segment: 12\n", "", "spam_keywords: [",
                 "missing required field 'breadcrumb_max_segment' in the furniture patterns", id="missing-key"),
    pytest.param("  - 最新動態\n", "  - [最新動態]\n", "- [最新動態]", "footer_lines must be a list of texts",
                 id="footer-line-not-text"),
    pytest.param("'^清華大學新聞中心版權所有.*$'", "'^清華大學新聞中心版權所有(.*$'", "版權所有(",
                 "missing ), unterminated subpattern", id="bad-pattern"),
    pytest.param("spam_min_keywords: 2", "spam_min_keywords: 0", "spam_min_keywords: 0",
                 "spam_min_keywords must be a positive whole number", id="zero-keywords"),
)

SURNAMES = """surnames:
  曾: Zēng  # pypinyin: céng (yan, the note on 曾海军)
  单: Shàn  # pypinyin: dān
  仇: Qiú  # pypinyin: chóu
  解: Xiè  # pypinyin: jiě
  朴: Piáo  # pypinyin: pǔ
  查: Zhā  # pypinyin: chá
  区: Ōu  # pypinyin: qū
"""
PINYIN = cases(
    "pinyin-overrides.yaml",
    pytest.param("  重构: chóng gòu", "  重构: [chóng, gòu]", "重构:",
                 "phrases: '重构' must map a term to its reading, as text", id="wrong-type"),
    pytest.param("\nsurnames:\n", "\nsurname:\n", "surname:", "unknown key 'surname'", id="unknown-key"),
    pytest.param("  电子: diàn zǐ", "  电子: diàn: zǐ", "电子:", SYNTAX, id="syntax"),
    pytest.param("  区: Ōu  # pypinyin: qū\n", "  区: Ōu  # pypinyin: qū\n  区: Qū\n", "区: Qū",
                 "duplicate key '区'", id="duplicate-key"),
    pytest.param("  查: Zhā", "  查: ''", "查:", "surnames: '查' must map a term to its reading", id="empty-reading"),
    pytest.param(SURNAMES, "surnames: Zēng\n", "surnames: Zēng",
                 "field 'surnames' must be mapping, found str", id="table-not-mapping"),
    pytest.param("  值得: zhí dé", "  值得: zhídé", "值得: zhídé",
                 "phrases: '值得' has 1 syllable for 2 characters", id="syllables-not-characters"),
)


@pytest.mark.parametrize("name, old, new, marker, words",
                         TEXT + EMENDATIONS + GLOSSARY + REJECTED + HEADINGS + WORKS + FURNITURE + PINYIN)
def test_bad_example_is_reported_at_its_line(project, name, old, new, marker, words):
    path = project.replace(name, old, new)
    line = project.line(name, marker)
    with pytest.raises(EditionError) as caught:
        load_sources(project.root)
    error = caught.value
    assert (error.path, error.line) == (str(path), line), str(error)
    assert words in error.message, str(error)
    assert str(error).startswith(f"{path}:{line}: ")


def test_the_copy_loads_as_the_project_does(project):
    """The bad examples start from a copy that loads: each error is the example's own."""
    sources = load_sources(project.root)
    assert [meta.id for meta in sources.texts] == ["xue-zhao", "cai", "li", "yan", "liang-song"]
    assert sources.glossary and sources.rejected and sources.headings and sources.works.registry
    assert sources.furniture.footer_lines and sources.pinyin.phrases and sources.emendations


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    """"Billion laughs": nine anchors of nine aliases each would be 9⁹ strings once built."""
    bomb = Path(__file__).parent / "bad" / "alias-bomb.yaml"
    started = time.perf_counter()
    with pytest.raises(EditionError) as caught:
        load_yaml(bomb)
    assert time.perf_counter() - started < 1.0
    assert str(caught.value) == f"{bomb}:1: an anchor (&a) is not allowed in reviewed data"


def test_an_alias_bomb_in_a_data_file_stops_the_build(project):
    path = project.root / "sources" / "glossary.yaml"
    path.write_text((Path(__file__).parent / "bad" / "alias-bomb.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(EditionError) as caught:
        load_sources(project.root)
    assert time.perf_counter() - started < 1.0
    assert (caught.value.path, caught.value.line) == (str(path), 1)


def test_a_kept_value_is_the_parsed_one_with_its_lines_and_an_edited_file_is_parsed_again(tmp_path, monkeypatch):
    """What a build with a cache keeps of the YAML it read (``keep_values``): the same values and
    lines, a fresh copy each time (a loader may change what it is given), and a file whose text
    changed read anew."""
    monkeypatch.setattr(yamlfile, "VALUES", None)
    path = tmp_path / "data.yaml"
    path.write_text("- id: a\n  term: 治理\n- id: b\n  term: 数据\n", encoding="utf-8")
    fresh = load_yaml(path)
    keep_values({})
    first = load_yaml(path)
    keep_values(values_read())
    parsed = []
    monkeypatch.setattr(yamlfile, "parse_yaml", lambda text, where: parsed.append(where) or fresh)
    again = load_yaml(path)
    assert again == first == fresh and parsed == []
    assert [line_of(again, 1), line_of(again[1], "term")] == [line_of(fresh, 1), line_of(fresh[1], "term")] == [3, 4]
    again[0]["term"] = "changed"
    assert load_yaml(path)[0]["term"] == "治理"
    path.write_text("- id: a\n  term: 体系\n", encoding="utf-8")
    load_yaml(path)
    assert parsed == [path]
