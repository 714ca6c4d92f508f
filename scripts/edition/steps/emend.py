"""Step 5, emend: the reviewed emendations of ``sources/emendations.yaml``.

An emendation corrects one place of one text, where no general rule could: an OCR misreading
(``0xford`` → ``Oxford``), a misspelt name in a citation (``Klamborg`` → ``Klamberg``), a
character the web page lost (``規〓化`` → ``規模化``). Each entry of the file says where
(``text`` and a ``context`` that occurs exactly once in that text as it reaches this step),
what the source reads (``source``, inside the context), what the edition reads
(``edition``), why (``reason``), whose error it is (``fault``) and how sure the editor is
(``certainty``). Every emendation is listed on its text's page, in the apparatus.

The step runs after ``normalise`` and, for a traditional text, before the conversion to
simplified characters: contexts are written in the text's own script. Entries of one text
apply in the order of the file, each to the text as the entries before it left it.

A context that no longer occurs exactly once (a rule before this step changed it, or now
makes it ambiguous) stops the build with the file and line of the entry: an emendation never
goes stale silently.
"""

from __future__ import annotations

from ..model import Rule, named_rule
from ..sources.emendations import Emendation


def emendations_for(meta, sources) -> list[Emendation]:
    """The entries for the text ``meta`` describes, in the order of the file (none for a file
    outside the corpus)."""
    if meta is None or sources is None:
        return []
    return [entry for entry in sources.emendations if entry.text == meta.id]


def rules_for(meta, sources) -> list[Rule]:
    """One rule per emendation of the text, recorded as ``emend`` with the entry's id."""
    return [named_rule(_rule(entry), "emend", entry.id) for entry in emendations_for(meta, sources)]


def _rule(entry: Emendation) -> Rule:
    def emend(text: str) -> str:
        """Apply one reviewed emendation of ``sources/emendations.yaml``: in the one place
        where its context occurs, the source's reading becomes the edition's.

        Each emendation is listed in the apparatus of its text with the source's reading,
        the edition's, the reason, the fault (``ocr``: made in digitising a printed text;
        ``publication``: in the text as published; ``transmission``: lost by a web site's encoding)
        and the certainty (conjectures from
        context are marked uncertain). A context that does not occur exactly once stops
        the build, naming the entry's line in ``sources/emendations.yaml``.
        """
        return entry.apply(text)

    return emend
