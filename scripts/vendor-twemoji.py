"""Writes src/markdown/icons/twemoji.tsv.gz: the emoji names of Material's `twemoji` index
(pymdown-extensions' twemoji_db, names from the EmojiOne/JoyPixels set) with their Unicode
characters, aliases included. Waymark looks a name up in GitHub's names first, then here.

Run with a Python that has pymdown-extensions installed:
    python3 scripts/vendor-twemoji.py
"""
import gzip
import pathlib

from pymdownx import twemoji_db

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/markdown/icons/twemoji.tsv.gz"


def character(codepoints):
    return "".join(chr(int(c, 16)) for c in codepoints.split("-"))


rows = {}
for name, entry in twemoji_db.emoji.items():
    rows[name.strip(":")] = character(entry["unicode"])
for alias, name in twemoji_db.aliases.items():
    if name in twemoji_db.emoji:
        rows.setdefault(alias.strip(":"), character(twemoji_db.emoji[name]["unicode"]))
text = "".join(f"{name}\t{rows[name]}\n" for name in sorted(rows))
# mtime=0: the same input gives the same bytes.
with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
    out.write(text.encode("utf-8"))
print(f"{len(rows)} names from twemoji_db {twemoji_db.version} -> {OUT}")
