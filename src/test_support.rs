//! Small sites for unit tests, built from text without touching the disk.

use crate::load::{Loaded, Source, StaticFile};
use crate::model::{self, Site};
use std::path::Path;

/// A page at `rel_path` with `text`; its front-matter must have no errors.
pub fn source(rel_path: &str, text: &str) -> Source {
    let (source, problems) = crate::load::parse_source(
        rel_path,
        format!("content/{rel_path}").into(),
        text.into(),
        false,
    );
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    source
}

/// A three-page site of a project in `project`: `guide/page.md` with `text`, a link target
/// `guide/other.md` (with a `## Section two`) and the home page. Its navigation lists the
/// three, so that `guide/` gets no generated section page.
pub fn site_with_page(project: &Path, text: &str, static_files: Vec<StaticFile>) -> Site {
    let config = crate::config::parse(
        "[book]\ntitle = \"T\"\nnav = [\"index.md\", \"guide/page.md\", \"guide/other.md\"]\n",
        project,
    )
    .expect("a valid test configuration");
    let sources = vec![
        source("guide/page.md", text),
        source("guide/other.md", "# Other\n## Section two\n"),
        source("index.md", "# Home\n"),
    ];
    model::build(
        config,
        Loaded {
            sources,
            static_files,
            authors: Default::default(),
            pages_files: Default::default(),
        },
    )
    .0
}
