#!/usr/bin/env python3
"""Cuts Markdown snippets from real MkDocs projects into tests/fixtures/reference-corpus/.

Usage: cut.py [CORPUS_DIR]   (default /work/corpus)

Each project's docs are split into top-level blocks (a heading joins the block after it;
fenced code, `///` blocks and indented continuations stay whole). Blocks are picked per
construct of issue 16, spread evenly over each project's files, so the choice is
deterministic. A snippet gets the link reference, abbreviation and footnote definitions
of its own file that it uses, so it stands alone; blocks that include other files
(snippets, macros, mkdocstrings) are skipped. Writes <project>/<nnn>.md, a sources.tsv
per project (id, file:line, the constructs it shows), the project's trimmed mkdocs.yml and LICENSE.
Run reference.py afterwards to render the references.
"""

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "tests" / "fixtures" / "reference-corpus"

# project name -> (folder under the corpus, mkdocs.yml relative to it, licence file)
PROJECTS = {
    "django-rest-framework": ("django-rest-framework", "mkdocs.yml", "LICENSE.md"),
    "fastapi": ("fastapi", "docs/en/mkdocs.yml", "LICENSE"),
    "httpx": ("httpx", "mkdocs.yml", "LICENSE.md"),
    "mkdocs": ("mkdocs", "mkdocs.yml", "LICENSE"),
    "mkdocs-material": ("mkdocs-material", "mkdocs.yml", "LICENSE"),
    "pydantic": ("pydantic", "mkdocs.yml", "LICENSE"),
    "starlette": ("starlette", "mkdocs.yml", "LICENSE.md"),
    "typer": ("typer", "mkdocs.yml", "LICENSE"),
    "uv": ("uv", "mkdocs.yml", "LICENSE-MIT"),
    "uvicorn": ("uvicorn", "mkdocs.yml", "LICENSE.md"),
}

# Folders cut by hand from facelessuser/pymdown-extensions' documentation (the examples
# of docs/src/markdown/extensions/{mark,caret,tilde,critic}.md, under the options they
# document, one folder per mkdocs.yml); this script leaves them as they are.
HAND_CUT_LICENCES = [
    "pymdown-extensions (and pymdown-extensions-critic-*, -smart: its examples under other "
    "options of the same extensions): MIT, Copyright (c) 2014 - 2025 Isaac Muse",
]

# The constructs of issue 16, in the order they are picked: how many snippets of each a
# project gives at most, and the extensions (any one) the project must enable for it.
CONSTRUCTS = [
    ("admonition", r"^\s*(!!!|\?\?\?\+?)\s*[\w-]", 3, ["admonition"]),
    ("details", r"^\s*\?\?\?", 4, ["pymdownx.details"]),
    ("tabs", r"^\s*===\+?\s+\"", 3, ["pymdownx.tabbed"]),
    ("blocks", r"^\s*/{3,}\s*[\w-]", 8, ["pymdownx.blocks.admonition", "pymdownx.blocks.tab"]),
    ("attr_list", r"\{\s*[:.#][^}]*\}|\{\s*\w+=", 3, ["attr_list", "pymdownx.extra"]),
    ("def_list", r"\n:   \S", 6, ["def_list", "pymdownx.extra"]),
    ("footnotes", r"\[\^[^\]]+\]", 5, ["footnotes", "pymdownx.extra"]),
    ("md_in_html", r"markdown(=\"?(1|block|span)\"?)?(\s|>)", 3, ["md_in_html", "pymdownx.extra"]),
    ("table", r"^\s*\|?\s*:?-{3,}:?\s*\|", 2, None),
    ("tasklist", r"^\s*[-*] \[[ xX]\] ", 4, ["pymdownx.tasklist"]),
    ("keys", r"\+\+[\w-]+(\+[\w-]+)*\+\+", 6, ["pymdownx.keys"]),
    ("mark_caret_tilde", r"==[^=\s][^=]*==|\^\^[^^]+\^\^|~~[^~]+~~", 6, ["pymdownx.mark", "pymdownx.caret", "pymdownx.tilde"]),
    ("emoji", r":[a-z0-9_+-]+:(?!\s*//)", 3, ["pymdownx.emoji"]),
    ("abbr", r"^\*\[[^\]]+\]:", 5, ["abbr", "pymdownx.extra"]),
    ("code_fence_options", r"^\s*(```|~~~)\s*\{?\s*[.\w-]*\s+[^\n]*(title|hl_lines|linenums|\.annotate)", 3, ["pymdownx.superfences"]),
    ("annotations", r"\(\d+\)!?|\{\s*\.annotate\s*\}", 3, ["pymdownx.superfences"]),
    ("math", r"\$\$|\\\(|(?<!\$)\$[^\s$][^$\n]*\$", 5, ["pymdownx.arithmatex"]),
    ("magiclink", r"(?<![(<\[\"'])https?://[^\s)>\]]+|#\d{2,}", 4, ["pymdownx.magiclink"]),
    ("nested", r"^ {4,}(!!!|\?\?\?|===|[-*] |\d+\. |```)", 3, None),
    ("reference_links", r"\]\[[^\]]*\]", 2, None),
    ("heading_ids", r"^#{1,6} .*\{[^}]*#", 2, ["attr_list", "pymdownx.extra"]),
    ("heading", r"^#{1,6} ", 1, None),
    ("fenced_code", r"^\s*(```|~~~)", 1, None),
    ("list", r"^\s*([-*]|\d+\.) ", 1, None),
]

# Constructs found in fenced code too; the others count only outside it, so that a block
# showing the syntax as code is not taken for the construct.
IN_CODE = {"code_fence_options", "annotations", "fenced_code", "nested"}
FENCED_CODE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.M | re.S)


def prose(text):
    return FENCED_CODE.sub("", text)


# What makes a snippet depend on other files or on plugins we do not reproduce.
SKIP = re.compile(r"--8<--|\{!|\{\*|\{\{|\{%|^:::|^\s*::: ", re.M)
MAX_LINES = 50
HTML_OPEN = re.compile(r"^<(div|details|blockquote|figure|table|p|section|center)[\s>]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
BLOCK_OPEN = re.compile(r"^(/{3,})\s*\S")
BLOCK_CLOSE = re.compile(r"^(/{3,})\s*$")
LINK_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*\S")
ABBR_DEF = re.compile(r"^\*\[([^\]]+)\]:")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:")


def top_level_blocks(lines):
    """(first line index, lines) of each top-level block: a new block starts at a
    non-indented line after a blank line, outside fenced code and `///` blocks."""
    blocks, current, start = [], [], 0
    fence, slashes, blank_before, html = None, [], False, None
    for i, line in enumerate(lines):
        opens_new = (
            blank_before
            and fence is None
            and not slashes
            and html is None
            and line[:1] not in (" ", "\t", "")
        )
        if opens_new and current:
            blocks.append((start, current))
            current, start = [], i
        if not current:
            start = i
        current.append(line)
        # A raw HTML element with blank lines in it (`<div markdown>`) stays whole.
        if html is None and fence is None and (m := HTML_OPEN.match(line)):
            if f"</{m.group(1)}>" not in line:
                html = m.group(1)
        elif html is not None and line.startswith(f"</{html}>"):
            html = None
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(2)
        elif fence is not None and m and m.group(2).startswith(fence) and not line.strip()[len(m.group(2)):].strip():
            fence = None
        elif fence is None:
            if BLOCK_CLOSE.match(line) and slashes and len(BLOCK_CLOSE.match(line).group(1)) == slashes[-1]:
                slashes.pop()
            elif BLOCK_OPEN.match(line):
                slashes.append(len(BLOCK_OPEN.match(line).group(1)))
        blank_before = not line.strip()
    if current:
        blocks.append((start, current))
    return [(s, trim(b)) for s, b in blocks if any(l.strip() for l in b)]


def trim(block):
    while block and not block[-1].strip():
        block = block[:-1]
    return block


def candidates(lines):
    """Snippet candidates: each top-level block, a heading joined with the block after it;
    definitions (link, abbreviation, footnote) are not candidates of their own."""
    blocks = [
        b for b in top_level_blocks(lines)
        if not (LINK_DEF.match(b[1][0]) or FOOTNOTE_DEF.match(b[1][0]) or ABBR_DEF.match(b[1][0]))
    ]
    out, i = [], 0
    while i < len(blocks):
        start, block = blocks[i]
        if len(block) == 1 and block[0].startswith("#") and i + 1 < len(blocks):
            block = block + [""] + blocks[i + 1][1]
            i += 1
        out.append((start, block))
        i += 1
    return out


def markdown_examples(lines):
    """The content of each top-level ```` ``` markdown ```` fence: the examples a guide gives
    of its Markdown (Material's reference pages show every construct so)."""
    examples, i = [], 0
    while i < len(lines):
        m = re.match(r"^(`{3,}|~{3,})\s*(markdown\b|md\b|title=)", lines[i])
        if not m:
            i += 1
            continue
        end = next(
            (j for j in range(i + 1, len(lines)) if lines[j].rstrip() == m.group(1)), None
        )
        if end is None:
            break
        examples.append((i + 1, trim(lines[i + 1:end])))
        i = end + 1
    return [(start, block) for start, block in examples if block]


def definitions(lines):
    """The file's link reference, abbreviation and footnote definitions by label."""
    links, abbrs, footnotes = {}, {}, {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := FOOTNOTE_DEF.match(line):
            body = [line]
            i += 1
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                body.append(lines[i])
                i += 1
            footnotes[m.group(1)] = trim(body)
            continue
        if m := LINK_DEF.match(line):
            links.setdefault(m.group(1).lower(), []).append(line)
        elif m := ABBR_DEF.match(line):
            abbrs[m.group(1)] = [line]
        i += 1
    return links, abbrs, footnotes


def with_definitions(block, defs):
    """`block` plus the definitions of its file it uses, after a blank line."""
    links, abbrs, footnotes = defs
    text = "\n".join(block)
    extra = []
    for label in sorted(set(re.findall(r"\[\^([^\]]+)\]", text))):
        if label in footnotes and not any(l.startswith(f"[^{label}]:") for l in block):
            extra += footnotes[label]
    used = {m.lower() for m in re.findall(r"\]\[([^\]]+)\]", text)}
    used |= {m.lower() for m in re.findall(r"\[([^\]]+)\]\[\]", text)}
    used |= {m.lower() for m in re.findall(r"(?<!\])\[([^\]]+)\](?![\[(:])", text)}
    for label in sorted(used):
        if label in links:
            extra += links[label]
    for word, line in sorted(abbrs.items()):
        if re.search(r"\b" + re.escape(word) + r"\b", text):
            extra += line
    return block + ([""] + extra if extra else [])


def constructs_in(block):
    """The names of the constructs `block` shows."""
    text = "\n".join(block)
    return [
        name
        for name, pattern, _, _ in CONSTRUCTS
        if re.search(pattern, text if name in IN_CODE else prose(text), re.M)
    ]


def spread(items, count):
    """`count` items evenly spread over `items` (first and onwards), deterministically."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(k * step)] for k in range(count)]


def project_candidates(root, docs):
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        # Front-matter is the page's settings, not its Markdown: blank it, keeping lines.
        text = FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        lines = text.splitlines()
        defs = definitions(lines)
        for start, block in candidates(lines) + markdown_examples(lines):
            text = "\n".join(block)
            if len(block) > MAX_LINES or SKIP.search(text) or len(text) < 20:
                continue
            found.append((rel, start + 1, with_definitions(block, defs)))
    return found


def section(text, key):
    """The text of the top-level `key:` section of a YAML file, as written."""
    m = re.search(rf"^{key}:.*?(?=^\S|\Z)", text, re.M | re.S)
    return m.group(0).rstrip() + "\n" if m else ""


def write_config(config, out):
    """Writes the project's mkdocs.yml cut to what renders Markdown (site name, repository,
    theme features, markdown_extensions as written) to `out`/mkdocs.yml, which both
    reference.py and the Rust test read; returns the names of the enabled extensions."""
    sys.path.insert(0, str(HERE))
    from reference import load_config, extensions

    settings = load_config(config)
    features = (settings.get("theme") or {}).get("features") or []
    lines = [f"site_name: {out.name}"]
    if settings.get("repo_url"):
        lines.append(f"repo_url: {settings['repo_url']}")
    lines.append("theme:\n  name: material")
    if features:
        lines.append("  features:\n" + "".join(f"    - {f}\n" for f in features).rstrip())
    out.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n" + section(config.read_text(encoding="utf-8"), "markdown_extensions")
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    return {name for name, _ in extensions(load_config(out / "mkdocs.yml"))}


def licence_summary(name, text):
    """`name: licence, copyright line` for the LICENSES overview."""
    kind = "BSD-3-Clause" if "Redistribution and use" in text else "MIT"
    copyright = next(l.strip() for l in text.splitlines() if "copyright" in l.lower())
    return f"{name}: {kind}, {copyright}"


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/corpus")
    total, licences = 0, []
    for name, (folder, config, licence) in PROJECTS.items():
        root = corpus / folder
        docs = (root / config).parent / "docs"
        found = project_candidates(root, docs)
        chosen, seen = [], set()
        enabled = write_config(root / config, OUT / name)
        for construct, pattern, count, needs in CONSTRUCTS:
            if needs and not enabled & set(needs):
                continue
            regex = re.compile(pattern, re.M)
            seen_in = (lambda t: t) if construct in IN_CODE else prose
            matching = [
                c for c in found
                if (c[0], c[1]) not in seen and regex.search(seen_in("\n".join(c[2])))
            ]
            for c in spread(matching, count):
                seen.add((c[0], c[1]))
                chosen.append((construct, c))
        out = OUT / name
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.md"):
            old.unlink()
        for old in out.glob("*.html"):
            old.unlink()
        rows = ["id\tsource\tconstructs"]
        for n, (_, (rel, line, block)) in enumerate(chosen, 1):
            (out / f"{n:03}.md").write_text("\n".join(block) + "\n", encoding="utf-8")
            rows.append(f"{n:03}\t{rel}:{line}\t{','.join(constructs_in(block))}")
        (out / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        licence_text = (root / licence).read_text(encoding="utf-8")
        (out / "LICENSE").write_text(licence_text, encoding="utf-8")
        licences.append(licence_summary(name, licence_text))
        total += len(chosen)
        print(f"{name}: {len(chosen)} snippets from {len(found)} candidates")
    (OUT / "LICENSES").write_text(
        "The snippets under each folder are cut from that project's documentation and keep\n"
        "its licence (the full text is <project>/LICENSE):\n\n"
        + "\n".join(licences + HAND_CUT_LICENCES)
        + "\n",
        encoding="utf-8",
    )
    print(f"total: {total}")


if __name__ == "__main__":
    main()
