"""Emendations marked where they stand, linked to their apparatus row and back."""

import re

from edition.site.emendmarks import EmendationMarks


def test_every_emendation_is_marked_once_and_linked_both_ways(edition, generated):
    for meta, document in edition.pairs():
        marks = EmendationMarks(meta, document, edition.sources, edition.glossary)
        page = generated[f"docs/texts/{meta.id}.md"]
        matter = [item.text for item in document.front + document.end]
        for entry in marks.entries:
            if marks.unit_of(entry.id) is None:  # the front or end matter (a byline, the ISSN): no ¶ to mark
                assert any(entry.edition in text for text in matter), f"{entry.id}: reading not found in the text"
                continue
            assert page.count(f'id="emend-at-{entry.id}" href="#emend-{entry.id}"') == 1, entry.id
            row = next(line for line in page.splitlines() if f'id="emend-{entry.id}"' in line)
            assert f'class="ed-emend-back" href="#{marks.unit_of(entry.id)}"' in row, entry.id
        running = "\n".join(line for line in page.split("\n## 校勘记")[0].splitlines())
        assert not re.search("[\ue000-\ue2ff]", running), meta.id  # no placeholder left in the text


def test_a_conjecture_is_marked_apart(generated):
    page = generated["docs/texts/liang-song.md"]
    assert '规<span class="ed-emend ed-emend-uncertain">模</span><a class="ed-emend-sigil"' in page
    assert '<span class="ed-emend">Klamberg</span>' in generated["docs/texts/xue-zhao.md"]


def test_marks_take_no_gloss_away(edition, generated):
    """A reading inside a glossary term gets its sigil after the term, not a mark inside it."""
    for meta in edition.metas:
        page = generated[f"docs/texts/{meta.id}.md"]
        for link in re.findall(r"\[([^\]]*)\]\(\.\./glossary\.md#term-", page):
            assert "<" not in link, (meta.id, link)


def test_a_private_use_character_of_the_source_is_left_alone(edition):
    meta, document = edition.meta("liang-song"), edition.document("liang-song")
    marks = EmendationMarks(meta, document, edition.sources)
    text = "原文\ue1fb字"
    assert marks.render(marks.insert("p-1", text)) == text
