//! Helpers shared by the fuzz targets.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use waymark::config::Config;
use waymark::diag::{Diagnostic, Diagnostics};
use waymark::load::{Loaded, Source};
use waymark::model::Site;

/// A scratch folder for this process (`$TMPDIR/waymark-fuzz-<target>-<pid>`), created on
/// first use with `files` (relative path, contents) written into it.
pub fn scratch(target: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("waymark-fuzz-{target}-{}", std::process::id()));
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

/// Renders every diagnostic the way the CLI prints them (this locates excerpts too).
pub fn render_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for diagnostic in diagnostics {
        let text = diagnostic.render();
        assert!(!text.is_empty());
        if let Some(location) = &diagnostic.location {
            assert!(location.line >= 1 && location.column >= 1, "{diagnostic:?}");
            assert!(!location.line_text.contains('\n'), "{diagnostic:?}");
        }
    }
}

/// `path` has no `..` or `.` component, no root or prefix, and stays inside `root`.
pub fn is_inside(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// A page at `rel_path` in the content folder `folder`, parsed as the loader does.
pub fn source(folder: &str, rel_path: &str, text: &str) -> Source {
    let display = format!("{folder}/{rel_path}").into();
    waymark::load::parse_source(rel_path, display, text.to_string()).0
}

/// The site model of a three-page guide under `config`, its diagnostics rendered.
pub fn small_site(config: Config, folder: &str) -> Site {
    let loaded = Loaded {
        sources: vec![
            source(folder, "index.md", "# Home\n"),
            source(folder, "guide/index.md", "# Guide\n"),
            source(folder, "guide/setup.md", "# Setup\n## Install\n"),
        ],
        static_files: Vec::new(),
    };
    let (site, problems) = waymark::model::build(config, loaded);
    render_all(&problems);
    site
}

/// The configuration a parser produced, or `None` once its failure is checked: it must
/// carry an error, and every diagnostic must render.
pub fn valid_config(parsed: Result<Config, Diagnostics>) -> Option<Config> {
    match parsed {
        Ok(config) => Some(config),
        Err(problems) => {
            assert!(problems.has_errors());
            render_all(&problems.sorted());
            let _ = problems.render();
            None
        }
    }
}
