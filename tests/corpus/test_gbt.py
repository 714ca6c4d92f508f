"""The BibTeX of the edition as a user imports it, and the GB/T 7714-2015 data it needs.

A real consumer: biber, with the control file that biblatex writes for ``style=gb7714-2015``
(``tests/corpus/biblatex/gb7714-2015.bcf``, made once by ``pdflatex gb7714-2015.tex`` over
``bib/edition.bib``: it carries biblatex's data model and the style's source maps), turns
``bib/edition.bib`` into the ``.bbl`` that the style prints from. What is not in the ``.bbl``
cannot be printed by the style. Compiling with xelatex + ctex on every CI run would also test
the style's typesetting, at the cost of texlive-xetex, texlive-latex-extra and
texlive-lang-chinese (several hundred MB): see the report in .ci/run.
"""

import re
import shutil
import subprocess
from pathlib import Path

from edition.cite.checks import gbt_missing, url_date_conflict
from edition.cite.format import formatted

BIBLATEX = Path(__file__).parent / "biblatex"

#: The fields GB/T 7714 requires that the sources do not give (reviewed: the citing note prints
#: no page range, no place of publication, no date or no address), by key.
KNOWN_MISSING = {
    "aiadvisorybodyndpress": ["date/urldate"],  # a press release page, undated in the note
    "uncebndinteragency": ["date/urldate"],
    "casalini2019trade": ["location"],  # reports and UN documents: no place printed
    "maslej2023ai": ["location"],
    "obrien2000contesting": ["location"],
    "stanford2024artificial": ["location"],
    "unga2015transforming": ["location"],
    "unga2020shuzi": ["location"],
    "unga2023political": ["location"],
    "unga2024seizing": ["location"],
    # Chinese articles cited without pages, and the one cited at a pinpoint (yu2021xifang)
    **{key: ["pages"] for key in ("bu2024rengong", "chen2024quanqiu", "fu2019rengong", "han2023zhixu", "jia2022suanfa",
                                  "jia2023jishu", "lu2022rengong", "qi2023chatgpt", "wahlgren2022regulate",
                                  "xue2015maixiang", "xue2019zouxiang", "xue2021duoyuan", "xue2022meiguo",
                                  "yu2021xifang", "yu2023xinyi")},
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
    assert formatted(works["obrien2000contesting"]).endswith("[M]. Cambridge University Press, 2000.")


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
