//! `mkdocs.yml`: `config::mkdocs::parse` (YAML, `!ENV`, `!!python/...` tags, `INHERIT` from
//! files beside it, nav, plugins, validation), then (when valid) the site model built from
//! it against a few pages.
//!
//! The file sits in a scratch project folder with `base.yml` (inheritable), `loop.yml`
//! (inherits itself) and `deep/child.yml` (inherits `../base.yml`).

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const FILES: &[(&str, &str)] = &[
    (
        "base.yml",
        "site_name: Base\nsite_url: https://docs.example.org/base/\ntheme:\n  palette:\n    scheme: slate\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [includes]\n      auto_append: [abbr.md]\n",
    ),
    ("loop.yml", "INHERIT: loop.yml\nsite_name: Loop\n"),
    ("deep/child.yml", "INHERIT: ../base.yml\nsite_name: Child\n"),
    ("includes/abbr.md", "*[HPC]: High Performance Computing\n"),
];

fn project() -> &'static PathBuf {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| {
        std::env::set_var("WAYMARK_FUZZ_SET", "From the environment");
        common::scratch("mkdocs_yml", FILES)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let project = project();
    let file = project.join("mkdocs.yml");
    let Some(config) = common::valid_config(waymark::config::mkdocs::parse(text, &file, project))
    else {
        return;
    };
    common::render_all(&config.warnings);
    common::small_site(config, "docs");
});
