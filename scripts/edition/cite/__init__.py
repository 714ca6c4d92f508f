"""Step 8, cite: note text → works, one key per work across the corpus, and bib/.

``parse`` reads a note into citations; ``resolve`` resolves Ibid. and short forms within a
text, merges works across the corpus and keys them (``keys``); ``format`` writes a readable
citation; ``bibtex`` writes and reads back the BibTeX files; ``checks`` reports.
"""
