"""The cite step across the corpus (scripts/edition/cite/): resolution, one key per work,
BibTeX written with bibtexparser and read back, the bibliography page.

The corpus's own bibliography is the session's ``edition``; ``cited`` cites a chosen part of
it again (some texts, another order, extra notes, another registry) from copies of its notes.
"""

import re
import shutil
import subprocess
from dataclasses import replace

import bibtexparser
import pybtex.database
import pytest

from edition.cite.bibtex import bib_files, bibtex_string, entry_fields, library_of, safe_value
from edition.cite.checks import check_problems, registry_problems
from edition.cite.resolve import CITED_IN_FIELD
from edition.cite.format import formatted
from edition.cite.resolve import build_bibliography, edition_titles
from edition.fingerprint import KeptResults
from edition.model import Document, Edition, Note
from edition.site.apparatus import citation_report_html
from edition.site.bibliography import bibliography_markdown
from edition.sources.works import WorksData, load_works_data

#: How each text prints a note at the foot of its page in the raw file (for the notes as received).
NOTE_LINE = {"xue-zhao": r"^\[(\d+)\]\s+(.*)$", "li": r"^([\u2460-\u2473])\s*(.*)$", "yan": r"^\^\{?\[(\d+)\]\s*(.*)$"}


def raw_notes(meta) -> list[Note]:
    """The notes as the raw file prints them, before any rule: cut with a pattern per text."""
    pattern = NOTE_LINE.get(meta.id)
    if pattern is None:
        return []
    notes = []
    for line_number, line in enumerate(meta.raw_path.read_text(encoding="utf-8").splitlines(), 1):
        if m := re.match(pattern, line):
            notes.append(Note(n=len(notes) + 1, text=m.group(2), source_line=line_number))
    return notes


def cited(edition, only=None, reverse=False, extra_notes=None, works=None, notes_of=None) -> Edition:
    """The cite step run again on copies of the corpus's notes (or ``notes_of(meta)``), for the
    texts in ``only``, optionally in reverse order, with ``extra_notes`` appended per text and
    another ``works`` registry."""
    metas = [m for m in edition.metas if only is None or m.id in only]
    if reverse:
        metas = metas[::-1]
    documents = []
    for meta in metas:
        notes = notes_of(meta) if notes_of else [replace(n, works=[]) for n in edition.document(meta.id).notes]
        for text in (extra_notes or {}).get(meta.id, []):
            notes.append(Note(n=len(notes) + 1, text=text, source_line=999))
        documents.append(Document(id=meta.id, title=meta.title, notes=notes))
    data = edition.sources.works if works is None else works
    bibliography = build_bibliography([(m.id, str(m.raw_path), d) for m, d in zip(metas, documents)], data,
                                      edition_titles(metas))
    return Edition(edition.root, replace(edition.sources, texts=metas, works=data), documents, bibliography)


def problems_of(edition):
    return check_problems(edition.bibliography, edition.sources.works, [m.id for m in edition.metas])


def files_of(edition):
    return bib_files(edition.bibliography, [m.id for m in edition.metas])


def note_n(edition, text_id, fragment):
    return next(n.n for n in edition.document(text_id).notes if fragment in n.text)


def keys_of(edition, text_id, fragment):
    return [w.key for w in edition.bibliography.note_works(text_id, note_n(edition, text_id, fragment))]


@pytest.mark.parametrize("key, texts", [
    pytest.param("cihon2020fragmentation", {"xue-zhao", "yan"}, id="cihon-two-name-styles"),
    pytest.param("rotolo2015emerging", {"xue-zhao", "li"}, id="rotolo-000-002"),
    pytest.param("xue2024rengong", {"li", "yan"}, id="xue-zhao-cited-by-li-and-yan"),
    pytest.param("tallberg2023global", {"xue-zhao"}, id="tallberg-klamborg-klamberg"),
])
def test_shared_work_has_one_key(edition, key, texts):
    work = edition.bibliography.works[key]
    assert {t for t, _ in work.cited_in} == texts
    assert sum(w.fields.get("title") == work.fields["title"] for w in edition.bibliography.works.values()) == 1


def test_tallberg_cited_twice_in_000_with_two_spellings_is_one_work_with_the_reviewed_name(edition):
    work = edition.bibliography.works["tallberg2023global"]
    assert len(work.cited_in) == 2
    assert "Klamberg, M." in entry_fields(work)["author"]


def test_text_of_the_edition_is_linked(edition):
    work = edition.bibliography.works["xue2024rengong"]
    assert work.edition_text == "xue-zhao"
    assert "text of this edition: xue-zhao" in entry_fields(work)["comment"]
    assert work.fields["pages"] == "1-18"  # reviewed: yan's range, which the source's 18 pages match; li's p. 56 is a pinpoint
    n = note_n(edition, "li", "薛澜、赵静：《人工智能国际治理")
    assert ("li", n, "56") in [(o.text_id, o.n, o.pinpoint) for o in edition.bibliography.occurrences if o.key == "xue2024rengong"]


@pytest.mark.parametrize("fragment, key, pinpoint", [
    pytest.param("*Ibid.*, p.13.", "aiadvisorybody2023interim", "13", id="yan-ibid-after-short-form"),
    pytest.param("*Ibid.*, p.17.", "aiadvisorybody2023interim", "17", id="yan-ibid-p17"),
    pytest.param("*Ibid.*, p.7.", "unga2024seizing", "7", id="yan-ibid-after-un-short"),
    pytest.param("沈伟、赵尔雅：《数字经济背景下的人工智能国际法规制》，第123-137页", "shen2022shuzi", "123-137", id="yan-short-chinese"),
    pytest.param("United Nations General Assembly, A/78/L.49 (2024), pp.5-6.", "unga2024seizing", "5-6", id="yan-short-un"),
    pytest.param('AI Advisory Body, "Interim Report: Governing AI for Humanity," p.16.', "aiadvisorybody2023interim", "16", id="yan-short-western"),
])
def test_ibid_and_short_forms_resolve_within_the_text(edition, fragment, key, pinpoint):
    n = note_n(edition, "yan", fragment)
    assert [(w.key, p) for w, p in edition.bibliography.note_pinpoints("yan", n)] == [(key, pinpoint)]


def test_note_works_are_set_on_the_notes(edition):
    note = edition.document("xue-zhao").notes[2]
    assert note.works == ["cihon2020fragmentation", "alter2009politics", "raustiala2004regime"]


def test_prose_notes_have_no_works_and_are_not_problems(edition):
    n = note_n(edition, "xue-zhao", "如生物技术、信息技术")
    assert edition.bibliography.note_works("xue-zhao", n) == []
    assert not any(f"note {n}:" in p.message and "xue-zhao" in p.path for p in problems_of(edition))


def test_keys_are_ascii_and_readable(edition):
    for key in edition.bibliography.works:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", key), key


def test_adding_a_text_or_reordering_never_renames_a_key(edition):
    alone = cited(edition, only={"yan"})
    reordered = cited(edition, reverse=True)
    assert set(alone.bibliography.works) <= set(edition.bibliography.works)
    assert set(reordered.bibliography.works) == set(edition.bibliography.works)


def test_derived_keys_do_not_depend_on_corpus_order(edition):
    """Without a registry two new works whose derived keys collide both get lengthened keys,
    whichever text comes first."""
    extra = {"li": ["Jane Doe, “Governance of Things,” *Journal A*, Vol.1, 2020, pp.1-2."],
             "yan": ['Jane Doe, "Governance of Stuff," *Journal B*, Vol.2, 2020, pp.3-4.']}
    first = cited(edition, only={"li", "yan"}, extra_notes=extra, works=WorksData())
    second = cited(edition, only={"li", "yan"}, extra_notes=extra, works=WorksData(), reverse=True)
    keys = {w.key for w in first.bibliography.works.values() if w.key.startswith("doe")}
    assert keys == {"doe2020governancethings", "doe2020governancestuff"}
    assert set(first.bibliography.works) == set(second.bibliography.works)


def test_registry_key_wins_over_derived_key(edition):
    assert "36kr2024yamaxun" in edition.bibliography.works


def test_surname_zeng_uses_the_reviewed_override(edition):
    work = edition.bibliography.works["zeng2022quebao"]
    assert work.sort_key.startswith("zeng hai jun")


def test_unparsed_citation_is_kept_as_misc_and_reported(edition):
    damaged = "&}quot;G7 Apulia Leaders' Communiqué,\" The White House, June 14, 2024, https://www.whitehouse.gov/x/."
    edition = cited(edition, only={"li"}, extra_notes={"li": [damaged]})
    n = len(edition.document("li").notes)
    works = edition.bibliography.note_works("li", n)
    assert len(works) == 1 and works[0].entry_type == "misc" and works[0].fields["note"] == damaged
    problems = [p for p in problems_of(edition) if f"note {n}:" in p.message]
    assert problems and problems[0].path.endswith("li.txt") and problems[0].line == 999
    assert edition.bibliography.report("li")["unparsed"] == [{"n": n, "text": damaged}]


def test_bib_files_are_bibtexparser_s_writes_of_whole_libraries_and_kept_entries_serve_again(edition):
    """Each entry is written once, alone, and a file joins them (``entries_string``): what
    bibtexparser writes for the file's works at once. Entries kept from a build serve again."""
    works = edition.bibliography.works
    files = files_of(edition)
    for text_id in [m.id for m in edition.metas]:
        cited = [w for w in works.values() if any(t == text_id for t, _ in w.cited_in)]
        assert files[f"bib/{text_id}.bib"].endswith(bibtex_string(library_of(cited)))
    assert files["bib/edition.bib"].endswith(bibtex_string(library_of(list(works.values()))))
    kept = KeptResults()
    bib_files(edition.bibliography, [m.id for m in edition.metas], kept)
    assert len(kept.results) == len(works) and kept.changed
    kept.changed = False
    assert bib_files(edition.bibliography, [m.id for m in edition.metas], kept) == files and not kept.changed


def test_bib_files_read_back_as_written(edition):
    files = files_of(edition)
    assert set(files) == {f"bib/{m.id}.bib" for m in edition.metas} | {"bib/edition.bib"}
    for path, content in files.items():
        library = bibtexparser.parse_string(content)
        assert library.failed_blocks == []
        for entry in library.entries:
            work = edition.bibliography.works[entry.key]
            assert entry.entry_type == work.entry_type
            assert {f.key: f.value for f in entry.fields} == {k: safe_value(v) for k, v in entry_fields(work).items()}
    assert len(bibtexparser.parse_string(files["bib/edition.bib"]).entries) == len(edition.bibliography.works)
    assert not [p for p in problems_of(edition) if p.path.startswith("bib/")]


def test_bib_files_are_deterministic(edition):
    assert files_of(edition) == files_of(cited(edition))


def test_pybtex_reads_the_edition_bib_and_keeps_chinese_names_whole(edition):
    data = pybtex.database.parse_string(files_of(edition)["bib/edition.bib"], "bibtex")
    assert len(data.entries) == len(edition.bibliography.works)
    persons = data.entries["xue2024rengong"].persons["author"]
    assert [str(p) for p in persons] == ["{薛澜}", "{赵静}"]
    assert data.entries["unga2024seizing"].fields["number"] == "A/78/L.49"


def test_biber_validates_the_edition_bib(edition, tmp_path):
    """biber (Debian package ``biber``) must be installed: this test fails, never skips, without it."""
    biber = shutil.which("biber")
    assert biber, "biber is not installed (apt-get install biber)"
    path = tmp_path / "edition.bib"
    path.write_text(files_of(edition)["bib/edition.bib"], encoding="utf-8")
    run = subprocess.run([biber, "--tool", "--validate-datamodel", "edition.bib"],
                         capture_output=True, text=True, cwd=tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert not re.search(r"^ERROR", output, re.M), output
    works = edition.bibliography.works
    # the edition's cross-references are outside biblatex's data model: biber drops them from
    # every entry, so that no style prints them in a user's bibliography
    dropped = set(re.findall(rf"^WARN - Datamodel: Entry '([^']+)' \(edition.bib\): Field '{CITED_IN_FIELD}' invalid "
                             r"in data model - ignoring$", output, re.M))
    assert dropped == set(works)
    output = re.sub(rf"^WARN - Datamodel: Entry [^\n]*Field '{CITED_IN_FIELD}' invalid in data model - ignoring\n", "",
                    output, flags=re.M)
    for key, problem in re.findall(r"^WARN - Datamodel: Entry '([^']+)' \(edition.bib\): (.*)$", output, re.M):
        # only what the source itself lacks: no date or no author printed, or a citation kept unparsed
        lacks_date = "'date, year'" in problem and "date" not in works[key].fields
        lacks_author = "'author'" in problem and not works[key].authors
        assert works[key].unparsed or lacks_date or lacks_author, (key, problem)
    assert len(re.findall(r"^WARN", output, re.M)) == len(re.findall(r"^WARN - Datamodel: Entry", output, re.M)), output


def test_report(edition):
    report = edition.bibliography.report("yan")
    assert report["notes"] == len(edition.document("yan").notes)
    assert {"cihon2020fragmentation", "xue2024rengong"} <= set(report["shared"])
    assert report["works"] == len({w.key for n in edition.document("yan").notes for w in edition.bibliography.note_works("yan", n.n)})
    assert "注释" in citation_report_html(report)[0]


def test_bibliography_page(edition):
    page = bibliography_markdown(edition)
    assert page.startswith("<!-- generated by `edition build` from the notes of every text (scripts/edition/cite/) — do not edit -->\n")
    for key, work in edition.bibliography.works.items():
        assert page.count(f'id="{key}"') == 1
        for text_id, n in work.cited_in:
            assert re.search(rf'<a href="\.\./texts/{text_id}/#fn:{n}">注 {n}(（[^（）]*）)?</a>', page)
    assert '<a href="../texts/xue-zhao/">' in page
    assert "](assets/bib/edition.bib)" in page
    zh = page[page.index("## 中文文献"):page.index("## 西文文献")]
    assert zh.index('id="bu2024rengong"') < zh.index('id="zeng2022quebao"')


@pytest.mark.parametrize("key, expected", [
    pytest.param("xue2024rengong", "薛澜, 赵静. 人工智能国际治理：基于技术特性与议题属性的分析[J]. 国际经济评论, 2024(3): 1-18.", id="gbt-article"),
    pytest.param("shen2022shuzi", "沈伟, 赵尔雅. 数字经济背景下的人工智能国际法规制[J]. 上海财经大学学报, 2022(5): 123-137.", id="gbt-article-pages"),
    pytest.param("yu2023qinghua", "于潇清. 清华教授回忆十月底在美拜访基辛格情景：献策中美，忧心AI[EB/OL]. (2023-11-30)[2024-04-19]. https://www.thepaper.cn/newsDetail_forward_25484784.", id="gbt-online"),
    pytest.param("rotolo2015emerging", "Rotolo D, Hicks D, Martin B R. What Is an Emerging Technology?[J/OL]. Research Policy, 2015, 44(10): 1827-1843. https://arxiv.org/pdf/1503.00673v2.", id="western-article"),
])
def test_formatted(edition, key, expected):
    assert formatted(edition.bibliography.works[key]) == expected


def fullwidth(text: str) -> str:
    """What the normalise step does to a Chinese note: ASCII ``, : ( ) ;`` beside Han → full width."""
    if not re.search(r"[\u4e00-\u9fff]", text) or "&" in text:  # leave HTML entities (&quot;) alone
        return text
    table = {",": "，", ":": "：", "(": "（", ")": "）", ";": "；"}
    return re.sub(r"(?<=[\u4e00-\u9fff》〉”\d）)])\s*([,:;()])|([,:;()])(?=\s*[\u4e00-\u9fff《〈“(（])",
                  lambda m: table[m.group(1) or m.group(2)], text)


def test_normalised_punctuation_gives_the_same_works(edition):
    """The notes as received and the same notes with Chinese punctuation made full width give
    the same works: the parser accepts both widths."""
    received = cited(edition, notes_of=raw_notes)
    normalised = cited(edition, notes_of=lambda meta: [replace(n, text=fullwidth(n.text)) for n in raw_notes(meta)])
    assert any("，《" in n.text for n in normalised.document("yan").notes)
    assert set(normalised.bibliography.works) == set(received.bibliography.works)
    for document in normalised.documents:
        assert [n.works for n in document.notes] == [n.works for n in received.document(document.id).notes]


def test_abbreviated_short_title_resolves_to_the_one_earlier_match(edition):
    edition = cited(edition, only={"yan"}, extra_notes={"yan": ['AI Advisory Body, "Interim Report," p.3.',
                                                              'AI Advisory Body, "Unknown Paper," p.3.']})
    n = len(edition.document("yan").notes)
    assert [(w.key, p) for w, p in edition.bibliography.note_pinpoints("yan", n - 1)] == [("aiadvisorybody2023interim", "3")]
    problems = [p.message for p in problems_of(edition)]
    assert any(m.startswith(f"note {n}: short form with no full citation") for m in problems)
    assert not any(m.startswith(f"note {n - 1}:") for m in problems)


def test_a_registry_key_that_is_not_ascii_is_a_problem_at_its_line(tmp_path):
    path = tmp_path / "works.yaml"
    path.write_text("works:\n  - key: xue2024rengong\n    title: 人工智能国际治理\n  - key: 薛2024\n    title: 另一篇\n",
                    encoding="utf-8")
    data = load_works_data(path)
    assert [(p.line, p.message) for p in registry_problems(data)] == [(4, "registry key '薛2024' is not lower-case ASCII")]


def test_bibtex_is_written_without_copying_each_block(edition, monkeypatch):
    """Each library is made for one write: written in place, it gives what the default (copying)
    stack gives, and no block is copied."""
    works = list(edition.bibliography.works.values())
    expected = bibtexparser.write_string(library_of(works))
    monkeypatch.setattr("bibtexparser.middlewares.middleware.deepcopy",
                        lambda value: pytest.fail("a block was copied"))
    assert bibtex_string(library_of(works)) == expected
