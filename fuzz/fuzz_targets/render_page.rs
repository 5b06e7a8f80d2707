//! One page through the real Markdown pipeline: front-matter, tutorial path passages, the
//! MkDocs dialect pre-pass (snippets, admonitions, tabs, `markdown` HTML, abbreviations,
//! `[TOC]`), pulldown-cmark and the event passes, to the page's body HTML
//! (`markdown::page::render_page`, as the build calls it for every page).
//!
//! The input is the text of `tour/step.md`, a page in the folder of a tutorial with two
//! paths (`a`, `b`), so front-matter such as `step: 2` and `paths: [a]` makes it a step.
//! Snippets resolve in a scratch project folder holding a few include files; a file
//! beside that folder (`../outside.md`) must never be included.

#![no_main]

mod common;

use common::source;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;
use waymark::load::{Loaded, StaticFile};

const CONFIG: &str = "[book]\ntitle = \"Fuzz\"\n";

const FILES: &[(&str, &str)] = &[
    ("outside.md", "SECRET outside the project\n"),
    ("project/includes/vpn.md", "!!! warning \"VPN\"\n    Connect to the VPN first.\n"),
    (
        "project/includes/sections.md",
        "line one\n--8<-- [start:intro]\nThe *intro* with [a link](../index.md).\n--8<-- [end:intro]\nline five\n",
    ),
    (
        "project/includes/nested.md",
        "Before.\n\n--8<-- \"includes/vpn.md\"\n\n=== \"Tab\"\n    In a tab.\n",
    ),
    ("project/includes/cycle.md", "--8<-- \"includes/cycle.md\"\n"),
    ("project/includes/abbr.md", "*[HPC]: High Performance Computing\n"),
    ("project/includes/code.py", "def hello():\n    return \"hi\"\n"),
];

fn project() -> &'static PathBuf {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| common::scratch("render_page", FILES).join("project"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As `load::read_source` reads a page: a NUL character is refused, a BOM removed.
    if text.contains('\0') {
        return;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let project = project();
    let config = waymark::config::parse(CONFIG, project).expect("the fixed configuration");
    let loaded = Loaded {
        sources: vec![
            source("content", "index.md", "# Home\n"),
            source("content", "tour/index.md",
                "---\ntutorial:\n  paths:\n    - id: a\n      title: Path A\n    - id: b\n      title: Path B\n---\n# Tour\n",
            ),
            source("content", "tour/first.md", "---\nstep: 1\n---\n# First\n## Section two\n"),
            source("content", "tour/step.md", text),
        ],
        static_files: vec![StaticFile {
            rel_path: "tour/diagram.svg".into(),
            abs_path: project.join("content/tour/diagram.svg"),
        }],
    };
    let (site, problems) = waymark::model::build(config, loaded);
    common::render_all(&problems);
    let Some(page) = site.pages.iter().find(|p| p.rel_path == "tour/step.md") else {
        return;
    };
    let (body, problems) = waymark::markdown::page::render_page(&site, page);
    common::render_all(&problems);

    // Snippets never read a file outside the project (the only base folder).
    for included in &body.includes {
        assert!(
            included.starts_with(project),
            "included {} from outside {}",
            included.display(),
            project.display()
        );
    }
    // (Unless the page spells the marker itself, which the fuzzer soon learns to do.)
    if !text.contains("SECRET") && !text.contains('&') {
        assert!(!body.html.contains("SECRET outside"), "{}", body.html);
    }
    // Every heading id is a known anchor; generated ids are unique (explicit ones, such as
    // `{ #id }` written twice, are kept as written, as MkDocs does).
    let explicit_ids = text.contains('{') || text.contains("id");
    let mut seen = std::collections::HashSet::new();
    for heading in &body.headings {
        assert!(
            body.ids.contains(&heading.id),
            "{:?} not in ids",
            heading.id
        );
        assert!(
            seen.insert(heading.id.as_str()) || explicit_ids,
            "duplicate id {:?}",
            heading.id
        );
    }
    // Every link can be located for a diagnostic.
    for link in &body.links {
        let _ = link.span.locate(&page.source.text);
    }
});
