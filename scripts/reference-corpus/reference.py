#!/usr/bin/env python3
"""Renders each snippet of tests/fixtures/reference-corpus/ with Python-Markdown and
pymdown-extensions as MkDocs + Material would, writing <nnn>.html beside <nnn>.md.

Usage: /work/venv/bin/python reference.py   (needs mkdocs, mkdocs-material and
pymdown-extensions installed; the Rust test then needs no Python)

Each project's extensions come from its mkdocs.yml in the fixture folder (written by
cut.py), read with MkDocs' own YAML loader, so `!!python/name:` values (Material's emoji
index and generator, fence formatters) resolve as in a real build. MkDocs' built-in
extensions (toc, tables, fenced_code) come first, as MkDocs adds them.
"""

import sys
from pathlib import Path

import markdown
from mkdocs.utils import yaml as mkdocs_yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "tests" / "fixtures" / "reference-corpus"

MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]

# Extensions left out of the references: ones that need a whole MkDocs build (the pages,
# files and template variables) and one that is not published. Snippets that use them
# (snippet and file includes, macros, mkdocstrings directives) are not cut.
LEFT_OUT = {
    "pymdownx.snippets",
    "zensical.extensions.macros",
    "material.extensions.preview",
    "pydantic_docs.mdext",
}


def load_config(path):
    """mkdocs.yml as MkDocs reads it (INHERIT, !ENV and !!python tags resolved)."""
    with open(path, "rb") as f:
        return mkdocs_yaml.yaml_load(f) or {}


def extensions(settings):
    """(name, options) of each entry of `markdown_extensions`, list or mapping form."""
    entries = settings.get("markdown_extensions") or []
    if isinstance(entries, dict):
        entries = [{name: options} for name, options in entries.items()]
    out = []
    for entry in entries:
        if isinstance(entry, str):
            out.append((entry, {}))
        else:
            for name, options in entry.items():
                out.append((name, options or {}))
    return out


def renderer(settings):
    names, configs = list(MKDOCS_BUILTINS), {}
    for name, options in extensions(settings):
        if name in LEFT_OUT:
            continue
        if name not in names:
            names.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def main():
    total = 0
    for project in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        md = renderer(load_config(project / "mkdocs.yml"))
        for source in sorted(project.glob("*.md")):
            md.reset()
            html = md.convert(source.read_text(encoding="utf-8"))
            source.with_suffix(".html").write_text(html + "\n", encoding="utf-8")
            total += 1
    print(f"{total} references written", file=sys.stderr)


if __name__ == "__main__":
    main()
