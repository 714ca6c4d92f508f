"""emend: the reviewed emendations of sources/emendations.yaml — validation with file and
line, stale contexts, every entry of the corpus applied exactly once, the record and the CLI."""

import shutil
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.model import rule_detail, rule_id
from edition.pipeline import Trace, clean, rebuild_raw
from edition.site.apparatus import apparatus_html
from edition.sources import Sources, load_sources
from edition.sources.emendations import CERTAINTIES, FAULTS, Emendation, load_emendations
from edition.steps import emend, normalise
from edition.steps.emend import emendations_for
from edition.steps.registry import rules_of_text

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
- id: yan-oxford-insights
  text: yan
  context: 0xford Insights
  source: 0xford
  edition: Oxford
  reason: Digit zero read for capital O.
  fault: ocr
  certainty: certain
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "emendations.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def entry(**fields) -> Emendation:
    values = dict(id="x-y", text="yan", context="0xford Insights", source="0xford", edition="Oxford",
                  reason="r", fault="ocr", certainty="certain", path="sources/emendations.yaml", line=7)
    values.update(fields)
    return Emendation(**values)


def before_emend(raw: str, meta, sources) -> str:
    """The text as it reaches the emend step."""
    trace = Trace.start(meta.id, raw)
    for step, rules in rules_of_text(meta, sources):
        if step.name == "emend":
            break
        trace.apply_all(rules)
    return trace.text


# --- loading ----------------------------------------------------------------------------------

def test_a_good_file_loads(tmp_path):
    [loaded] = load_emendations(write(tmp_path, GOOD))
    assert (loaded.id, loaded.source, loaded.edition, loaded.line) == ("yan-oxford-insights", "0xford", "Oxford", 1)
    assert loaded.emended_context == "Oxford Insights"


def test_a_missing_file_means_no_emendations(tmp_path):
    assert load_emendations(tmp_path / "none.yaml") == []


SECOND = GOOD.replace("yan-oxford-insights", "yan-second")


@pytest.mark.parametrize("text, line, words", [
    pytest.param(GOOD + SECOND.replace("  fault: ocr\n", "  fault: ocr\n  faults: ocr\n"), 16, "unknown key 'faults'",
                 id="unknown-key"),
    pytest.param(GOOD + SECOND.replace("  reason: Digit zero read for capital O.\n", ""), 9, "lacks 'reason'",
                 id="missing-field"),
    pytest.param(GOOD + SECOND.replace("  edition: Oxford\n", "  edition: 1\n"), 13, "'edition' must be text",
                 id="wrong-type"),
    pytest.param(GOOD + SECOND.replace("  edition: Oxford\n", "  edition: [Oxford]\n"), 13, "'edition' must be text",
                 id="wrong-type-list"),
    pytest.param(GOOD + SECOND.replace("fault: ocr", "fault: typo"), 15, "fault must be one of ocr, publication, transmission",
                 id="wrong-fault"),
    pytest.param(GOOD + SECOND.replace("certainty: certain", "certainty: likely"), 16,
                 "certainty must be one of certain, uncertain", id="wrong-certainty"),
    pytest.param(GOOD + GOOD, 9, "duplicate emendation id 'yan-oxford-insights' (first at line 1)",
                 id="duplicate-id"),
    pytest.param(GOOD + SECOND.replace("  source: 0xford\n", "  source: Oxfrod\n"), 12,
                 "source 'Oxfrod' is not inside context '0xford Insights'", id="source-not-in-context"),
    pytest.param(GOOD + SECOND.replace("  source: 0xford\n", "  source: s\n"), 12,
                 "source 's' occurs 2 times inside context", id="source-twice-in-context"),
    pytest.param(GOOD + SECOND.replace("  edition: Oxford\n", "  edition: 0xford\n"), 13, "nothing to emend",
                 id="edition-equals-source"),
    pytest.param(GOOD + SECOND.replace("  context: 0xford Insights\n", "  context: ''\n"), 11, "'context' is empty",
                 id="empty-context"),
    pytest.param(GOOD + SECOND.replace("id: yan-second", "id: Yan Second"), 9, "is not a slug", id="bad-id"),
    pytest.param(GOOD + "- just a string\n", 9, "must be a mapping", id="not-a-mapping"),
    pytest.param("id: x\n", 1, "must be a list", id="not-a-list"),
    pytest.param(GOOD + SECOND.replace("  reason: Digit zero read for capital O.\n",
                                       "  reason: |\n    two\n    lines\n"), 14, "one line", id="reason-two-lines"),
])
def test_invalid_entries_name_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(EditionError) as caught:
        load_emendations(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line, str(error)
    assert words in error.message, str(error)
    assert str(error).startswith(f"{path}:{line}: ")


def test_unknown_text_when_the_texts_are_known(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(EditionError) as caught:
        load_emendations(path, known_texts={"li"})
    assert caught.value.line == 2 and "text 'yan' is not one of the texts (li)" in caught.value.message


def test_the_corpus_file_is_valid_and_every_entry_complete(sources, text_ids):
    entries = sources.emendations
    assert len(entries) >= 15
    assert {e.text for e in entries} == set(text_ids)
    for e in entries:
        assert e.fault in FAULTS and e.certainty in CERTAINTIES and e.reason.strip()


# --- applying ---------------------------------------------------------------------------------

def test_apply_replaces_inside_the_context_only():
    e = entry(context="Al Governance", source="Al", edition="AI")
    assert e.apply("Al Gore; White Paper on Al Governance, Al") == "Al Gore; White Paper on AI Governance, Al"


@pytest.mark.parametrize("text, words", [
    pytest.param("牛津洞察（Oxford Insights）", "no longer occurs", id="zero-matches"),
    pytest.param("0xford Insights; 0xford Insights", "occurs 2 times", id="two-matches"),
])
def test_stale_context_is_an_error_with_file_and_line(text, words):
    with pytest.raises(EditionError) as caught:
        entry().apply(text)
    error = caught.value
    assert (error.path, error.line) == ("sources/emendations.yaml", 7)
    assert words in error.message and "'x-y'" in error.message
    assert str(error).startswith("sources/emendations.yaml:7: ")


def test_overlapping_occurrences_count():
    e = entry(context="aa", source="aa", edition="b")
    with pytest.raises(EditionError, match="occurs 2 times"):
        e.apply("aaa")


def test_stale_entry_of_the_corpus_stops_the_pipeline(tmp_path, raw):
    """A copy of the project whose emendation no longer matches: the error names its line."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    path = project / "sources" / "emendations.yaml"
    text = path.read_text(encoding="utf-8").replace("context: 0xford Insights", "context: 0xford Insight5")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  context: 0xford Insight5") - 1  # 1-based line of "- id:"
    stale = load_sources(project)
    meta = next(m for m in stale.texts if m.id == "yan")
    with pytest.raises(EditionError) as caught:
        clean(raw["yan"], "yan", meta, stale)
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_every_entry_of_the_corpus_applies_exactly_once(text_id, metas, sources, documents):
    meta = metas[text_id]
    entries = emendations_for(meta, sources)
    assert entries, f"{text_id} has no emendations"
    document = documents[text_id]
    reached = before_emend(document.raw, meta, sources)
    for e in entries:  # as it reaches the step: each context once (entries do not overlap)
        assert reached.count(e.context) == 1, e.id
    applications = defaultdict(set)
    for change in document.changes:
        if change.rule == "emend":
            applications[change.detail].add(change.application)
    assert set(applications) == {e.id for e in entries}
    assert all(len(a) == 1 for a in applications.values())
    assert rebuild_raw(document.clean_text, document.changes) == document.raw


def test_normalise_leaves_every_context_alone(sources):
    """Contexts are made of what the normalising rules do not touch."""
    for e in sources.emendations:
        text = e.context
        for rule in normalise.rules_for(None, sources):
            text = rule(text)
        assert text == e.context, e.id


@pytest.mark.parametrize("text_id, before, after", [
    pytest.param("yan", "牛津洞察（0xford Insights）发布", "牛津洞察（Oxford Insights）发布", id="yan-oxford"),
    pytest.param("yan", "White Paper on Al Governance,", "White Paper on AI Governance,", id="yan-ai-governance"),
    pytest.param("cai", "数字经济的健康发展and人类共同福祉", "数字经济的健康发展和人类共同福祉", id="cai-and"),
    pytest.param("li", "Imad Antonie Lbrahim, “AI Governance in a Complex and Rapidly Changing Regularory Landscape",
                 "Imad Antoine Ibrahim, “AI Governance in a Complex and Rapidly Changing Regulatory Landscape",
                 id="li-ibrahim"),
    pytest.param("li", "Robert O’ Brien, *Contesting", "Robert O’Brien, *Contesting", id="li-obrien"),
    pytest.param("xue-zhao", "https://aiindex.stanford.edu/wpcontent/uploads/2023/04/",
                 "https://aiindex.stanford.edu/wp-content/uploads/2023/04/", id="xue-zhao-url"),
    pytest.param("xue-zhao", "Geith J., Klamborg M. and", "Geith J., Klamberg M. and", id="xue-zhao-klamberg"),
    pytest.param("liang-song", "技術突破與規〓化普及并行", "技術突破與規模化普及并行", id="liang-song-lacuna"),
    pytest.param("liang-song", "明顯不足〓“三多三少”的", "明顯不足。“三多三少”的", id="liang-song-stop"),
])
def test_real_text_before_and_after(text_id, before, after, raw, metas, sources):
    reached = before_emend(raw[text_id], metas[text_id], sources)
    assert before in reached
    emended = reached
    for rule in emend.rules_for(metas[text_id], sources):
        emended = rule(emended)
    assert before not in emended and after in emended


def test_the_emendation_is_in_the_documents_record(documents, raw):
    document = documents["yan"]
    [change] = [c for c in document.changes if c.detail == "yan-oxford-insights"]
    assert (change.rule, change.before, change.after) == ("emend", "0", "O")
    assert raw["yan"].splitlines()[change.source_line - 1].count("0xford Insights") == 1
    assert change.to_json()["detail"] == "yan-oxford-insights"


def test_traditional_text_is_emended_before_conversion(documents):
    document = documents["liang-song"]
    texts = [b.text for b in document.blocks]
    traditional = [b.text for b in document.traditional.blocks]
    assert any("規模化普及" in t for t in traditional)
    assert any("规模化普及" in t for t in texts)
    assert not any("〓" in t for t in texts + traditional)


def test_rules_are_named_and_a_file_outside_the_corpus_has_none(metas, sources):
    rules = emend.rules_for(metas["li"], sources)
    assert {rule_id(r) for r in rules} == {"emend"}
    assert [rule_detail(r) for r in rules] == [e.id for e in emendations_for(metas["li"], sources)]
    assert emend.rules_for(None, sources) == []
    assert emend.rules_for(metas["li"], Sources()) == []


def test_the_apparatus_lists_every_emendation(edition, sources):
    for meta, document in edition.pairs():
        apparatus = "\n".join(apparatus_html(meta, document, edition)).split("{#emendations}")[1].split("{#rules}")[0]
        for e in emendations_for(meta, sources):
            [row] = [r.split("</tr>")[0] for r in apparatus.split("<tr>") if f'id="emend-{e.id}"' in r]
            assert e.certainty in row and (("〔疑〕" in row) == e.uncertain)
            assert ("OCR" in row) == (e.fault == "ocr")
    apparatus = "\n".join(apparatus_html(edition.meta("yan"), edition.document("yan"), edition))
    assert "<td><code>0xford</code></td>\n<td><code>Oxford</code></td>" in apparatus


# --- the command line ---------------------------------------------------------------------------

def test_cli_clean_with_a_stale_emendation_is_one_line(tmp_path, edition_main):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    (project / "mkdocs.yml").write_text("site_name: x\n")
    path = project / "sources" / "emendations.yaml"
    text = path.read_text(encoding="utf-8").replace("context: Robert O’ Brien", "context: Robert O’ Brian")
    text = text.replace("source: O’ Brien", "source: O’ Brian")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  context: Robert O’ Brian") - 1  # 1-based line of "- id:"
    result = edition_main("--root", project, "clean", project / "sources" / "raw" / "li.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"edition: {path}:{line}: emendation 'li-obrien'")
    assert "no longer occurs" in result.stderr


def test_cli_check_with_an_invalid_emendation_is_one_line(tmp_path, edition_main):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    (project / "mkdocs.yml").write_text("site_name: x\n")
    path = project / "sources" / "emendations.yaml"
    text = path.read_text(encoding="utf-8").replace("  fault: ocr\n", "  fault: OCR\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  fault: OCR") + 1
    result = edition_main("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"edition: {path}:{line}: fault must be one of ocr, publication, transmission")
