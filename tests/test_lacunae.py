"""Lacunae of UTF-8 read as GBK: the bytes left constrain the lost character, the context ranks
the candidates, and the first is proposed to the editor as a conjecture — never written into
the text (cut from a simulated case: ``edition.damage``, kind utf8-as-gbk)."""

import json

from edition import cli
from edition.lacunae import allowed_characters, lacunae
from edition.pipeline import clean
from edition.vocabulary import LACUNA

#: 合作机 is nine UTF-8 bytes: read as GBK, the ninth has no partner and is lost (机 = E6 9C BA).
DAMAGED = "标题\n\n各国应加强" + "合作机".encode("utf-8").decode("gb18030", errors="replace") + "制建设，推动全球治理。\n"


def test_the_bytes_left_allow_a_few_common_characters():
    found = allowed_characters((0xE6, 0xB2, None))
    assert "治" in found and 20 <= len(found) <= 64
    assert allowed_characters((None, 0xB2, 0x80)) == []


def test_the_lost_character_is_proposed_and_the_text_keeps_the_lacuna(sources):
    document = clean(DAMAGED, "damaged", None, sources)
    assert "合作" + LACUNA + "制建设" in document.clean_text
    [lacuna] = lacunae(document)
    assert (lacuna.line, lacuna.bytes_shown(), lacuna.conjecture) == (3, "E6 9C ??", "机")
    assert "a conjecture" in lacuna.message() and "certainty: uncertain" in lacuna.message()


def test_clean_names_the_lacuna_with_its_conjecture_and_prints_the_text(tmp_path, capsys):
    path = tmp_path / "damaged.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    assert cli.main(["clean", "--json", str(path)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [(l["line"], l["conjecture"], l["context"]) for l in data["lacunae"]] == [(3, "机", "国应加强合作〓制建设")]
    assert f"{path}:3: {LACUNA} lost in transmission" in captured.err
    assert any(LACUNA in block["text"] for block in data["blocks"])


def test_no_lacuna_is_proposed_without_the_damage(documents):
    """liang-song's two lacunae come from the pinyin repair and are supplied by emendations."""
    assert all(lacunae(document) == [] for document in documents.values())
