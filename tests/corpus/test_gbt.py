"""The BibTeX of the edition as a user imports it, and the GB/T 7714-2015 data it needs.

A real consumer: biber, with the control file that biblatex writes for ``style=gb7714-2015``
(``tests/corpus/biblatex/gb7714-2015.bcf``, made once by ``pdflatex gb7714-2015.tex`` over
``bib/edition.bib``: it carries biblatex's data model and the style's source maps), turns
``bib/edition.bib`` into the ``.bbl`` that the style prints from. What is not in the ``.bbl``
cannot be printed by the style. Compiling with xelatex + ctex on every CI run would also test
the style's typesetting, at the cost of texlive-xetex, texlive-latex-extra and
texlive-lang-chinese (several hundred MB): see the report in .ci/run.
"""

import copy
import re
import shutil
import subprocess
from pathlib import Path

from edition.cite.checks import gbt_missing, url_date_conflict
from edition.cite.format import formatted

BIBLATEX = Path(__file__).parent / "biblatex"

#: The fields GB/T 7714 requires that no source gives, by key, each with why it stays missing.
#: A place of publication has a marker for "unknown" (§8.4.1.3); a date of access or an
#: article's page range has none, and none is invented: each stays here until a source gives it.
#: Searched for without result (pages corpus, by author, title and journal): every page range
#: below, and the AI Advisory Body's press release date.
NO_PAGES = "pages"  # the citing note gives year and issue only; no source searched gives the range
KNOWN_MISSING = {
    # web pages cited without a date of publication or of access (§8: 引用日期 is required online)
    "aiadvisorybodyndpress": ["date/urldate"],  # yan n.15: a PDF press release, undated in the note
    "uncebndinteragency": ["date/urldate"],  # yan n.21: the working group's page, undated
    # Chinese journal articles cited by year and issue without their page range
    "bu2024rengong": [NO_PAGES],  # xue-zhao n.11: cited as 网络首发 (online first), before pagination
    "chen2024quanqiu": [NO_PAGES],  # xue-zhao n.24: 《国际经济合作》2024(2)
    "fu2019rengong": [NO_PAGES],  # yan n.7: 《国际政治科学》2019(1)
    "han2023zhixu": [NO_PAGES],  # xue-zhao n.11: 《世界经济与政治》2023(1)
    "jia2022suanfa": [NO_PAGES],  # xue-zhao n.23: 《中国行政管理》2022(6)
    "jia2023jishu": [NO_PAGES],  # xue-zhao n.39: 《经济社会体制比较》2023(4)
    "lu2022rengong": [NO_PAGES],  # li n.32: 《国家安全研究》2022(4)
    "qi2023chatgpt": [NO_PAGES],  # xue-zhao n.13: 《国际论坛》2023(4)
    "xue2015maixiang": [NO_PAGES],  # xue-zhao n.18: 《中国社会科学》2015(11)
    "xue2019zouxiang": [NO_PAGES],  # xue-zhao n.39: 《中国行政管理》2019(8); the reprint on gmw.cn has no pages
    "xue2021duoyuan": [NO_PAGES],  # xue-zhao n.17: 《政治学研究》2021(3)
    "xue2022meiguo": [NO_PAGES],  # xue-zhao n.20: 《国际经济评论》2022(6)
    "yu2021xifang": [NO_PAGES],  # li n.21 gives 第48—49页, a pinpoint, not the article's range
    "yu2023xinyi": [NO_PAGES],  # xue-zhao n.13: 《国际问题研究》2023(4)
    "wahlgren2022regulate": [NO_PAGES],  # xue-zhao n.30: a chapter of the Nordic Yearbook 2020–2021, no pages
}


def test_entries_missing_fields_gbt_requires(edition):
    """Every miss is listed here with the reason the sources give none; a new one fails."""
    missing = {key: gbt_missing(work) for key, work in edition.bibliography.works.items() if gbt_missing(work)}
    assert missing == KNOWN_MISSING


def test_a_date_that_contradicts_its_address_is_flagged(edition):
    conflicts = {key: url_date_conflict(w) for key, w in edition.bibliography.works.items() if url_date_conflict(w)}
    assert {"whitehouse2022fact", "muggah2023artificial", "xinhuawang2024rengong"} <= set(conflicts)
    for key in conflicts:
        assert edition.bibliography.works[key].fields.get("note"), f"{key}: date and address disagree, unflagged"


def test_bibliography_data_fixes(edition):
    works = edition.bibliography.works
    assert "pages" not in works["yu2021xifang"].fields  # li's 第48—49页 is a pinpoint
    assert works["xue2024rengong"].fields["pages"] == "1-18"
    assert "#cookie" not in works["muggah2023artificial"].fields["url"]
    assert [(a.family, a.given) for a in works["sampath2021governing"].authors] == [("Gehl Sampath", "Padmashree")]
    assert works["callaway2024major"].fields["volume"] == "629" and works["merchant2023scaling"].fields["volume"] == "624"
    assert works["36kr2024yamaxun"].fields["organization"] == "36氪"
    assert works["govndershi"].fields["organization"] == "中国政府网"
    assert "[N]" not in formatted(works["yangshixinwen2024rengong"])  # 央视新闻 is not a newspaper


def test_one_gbt_style_for_chinese_and_western_works(edition):
    works = edition.bibliography.works
    assert formatted(works["stone2016artificial"]).startswith("Stone P, Brooks R, Brynjolfsson E, et al. ")
    assert " and " not in formatted(works["tallberg2023global"]).split(".")[0]
    assert formatted(works["cihon2020fragmentation"]) == (
        "Cihon P, Maas M M, Kemp L. Fragmentation and the Future: Investigating Architectures for International "
        "AI Governance[J]. Global Policy, 2020, 11(5): 545-556.")
    assert formatted(works["obrien2000contesting"]).endswith("[M]. [Cambridge]: Cambridge University Press, 2000.")


def test_supplied_data_are_bracketed_on_the_page_and_in_bibtex(edition, generated):
    """A place the editor supplied (sources/works.yaml ``supplied``) is bracketed, as GB/T 7714
    brackets what the cataloguer adds, in the GB/T citation and in the BibTeX users import."""
    works = edition.bibliography.works
    assert formatted(works["casalini2019trade"]).endswith("[R]. [Paris]: OECD Publishing, 2019.")
    assert formatted(works["stanford2024artificial"]).endswith("[R]. [Stanford]: Stanford Institute for Human-Centered Artificial Intelligence, 2024.")
    assert "location = {[Paris]}" in generated["bib/edition.bib"]
    assert "location = {[Cambridge]}" in generated["bib/xue-zhao.bib"] + generated["bib/li.bib"]


def test_an_online_work_may_omit_place_and_publisher_but_not_another(edition):
    """§8.4.1.3: 联机电子文献 without a place may leave it out; a work without an address may not."""
    unga = edition.bibliography.works["unga2015transforming"]
    assert "location" not in unga.fields and gbt_missing(unga) == []
    offline = copy.deepcopy(unga)
    del offline.fields["url"]
    assert gbt_missing(offline) == ["location"]
    offline.fields["location"] = "[S.l.]"  # the standard's own marker for an unknown place meets the item
    assert gbt_missing(offline) == []


def test_biber_with_the_gb7714_style_prints_no_cross_references(generated, tmp_path):
    """biber (Debian ``biber``) must be installed: this test fails, never skips, without it."""
    biber = shutil.which("biber")
    assert biber, "biber is not installed (apt-get install biber)"
    (tmp_path / "edition.bib").write_text(generated["bib/edition.bib"], encoding="utf-8")
    control = (BIBLATEX / "gb7714-2015.bcf").read_text(encoding="utf-8")
    (tmp_path / "gb7714-2015.bcf").write_text(control, encoding="utf-8")
    run = subprocess.run([biber, "--quiet", "gb7714-2015"], cwd=tmp_path, capture_output=True, text=True)
    expected = re.search(r"Found biblatex control file version \S+, expected version ([\d.]+)", run.stdout + run.stderr)
    if expected:  # another biber (Ubuntu's in CI) reads the same control file under its own version
        control = re.sub(r'(<bcf:controlfile version=")[^"]+"', rf'\g<1>{expected.group(1)}"', control, count=1)
        (tmp_path / "gb7714-2015.bcf").write_text(control, encoding="utf-8")
        run = subprocess.run([biber, "--quiet", "gb7714-2015"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    bbl = (tmp_path / "gb7714-2015.bbl").read_text(encoding="utf-8")
    keys = re.findall(r"\\entry\{([^}]+)\}", bbl)
    assert len(keys) == generated["bib/edition.bib"].count("\n@")
    assert "cited in" not in bbl and "{comment}" not in bbl and "{addendum}" not in bbl
