//! Every template of the default theme, rendered with views built from fuzzed pages: the
//! input is split at NUL characters (which no page may contain) into the texts of up to
//! four pages (the home page, two guide pages and a tutorial step), whose front-matter
//! (titles, descriptions, tags, notes, `hide`, `template`, steps and paths) and headings
//! reach `page.html`, `404.html`, the tags index, the sidebar, breadcrumbs, the table of
//! contents and the tutorial markers (`render::site`, as the build calls it).

#![no_main]

mod common;

use common::source;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};
use waymark::load::Loaded;
use waymark::output::OutputFile;
use waymark::render::theme::Theme;

const CONFIG: &str = "[book]\ntitle = \"Fuzz <guide>\"\ndescription = \"A \\\"quoted\\\" & <b>bold</b> guide\"\n[output.html]\nsite-url = \"https://docs.example.org/g/\"\nrepo-url = \"https://git.example.org/g\"\nedit-url-template = \"https://git.example.org/g/edit/{path}\"\nannouncement = \"New: [the tour](tour/index.md)\"\n";

const TOUR: &str = "---\ntutorial:\n  paths:\n    - id: a\n      title: Path A\n    - id: b\n      title: Path B\n---\n# Tour\n";

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| waymark::render::theme::load(None).expect("the default theme loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let mut next = |fallback: &'static str| parts.next().unwrap_or(fallback).to_string();
    let pages = [
        ("index.md", next("# Home\n")),
        ("guide/a.md", next("# A\n")),
        ("guide/b.md", next("---\ntags: [x]\n---\n# B\n")),
        ("tour/step.md", next("---\nstep: 1\npaths: [a]\n---\n# Step\n")),
    ];
    let project = common::scratch("theme_templates", &[]);
    let config = waymark::config::parse(CONFIG, &project).expect("the fixed configuration");
    let mut sources: Vec<_> = pages
        .iter()
        .map(|(rel, text)| source("content", rel, text))
        .collect();
    sources.push(source("content", "tour/index.md", TOUR));
    let (site, problems) = waymark::model::build(config, Loaded { sources, static_files: Vec::new() });
    common::render_all(&problems);
    let bodies: Vec<_> = site
        .pages
        .iter()
        .map(|page| {
            let (body, problems) = waymark::markdown::page::render_page(&site, page);
            common::render_all(&problems);
            Arc::new(body)
        })
        .collect();

    // The default theme renders every view it can be given.
    let output = match waymark::render::site(&site, &bodies, theme(), &|_| None, None) {
        Ok(output) => output,
        Err(problems) => panic!("{}", problems.iter().map(|p| p.render()).collect::<String>()),
    };
    for (path, file) in &output.files {
        if !path.ends_with(".html") {
            continue;
        }
        let OutputFile::Bytes(bytes) = file else {
            panic!("{path} was not rendered");
        };
        let html = std::str::from_utf8(bytes).expect("pages are UTF-8");
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
        // Values from front-matter and configuration are escaped: whatever the page's
        // title, the `<title>` element holds text only.
        let title = html
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(title, _)| title);
        if let Some(title) = title {
            assert!(!title.contains('<') && !title.contains('>'), "{path}: <title>{title}</title>");
        }
    }
});
