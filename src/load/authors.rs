//! The blog's authors file (`.authors.yml`), read where pages are read.

use crate::config::Config;
use crate::diag::{display_path, Diagnostic, Location};
use serde::Deserialize;
use std::collections::BTreeMap;

/// An author of blog posts, as `.authors.yml` describes them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Author {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// An image in the docs, or at another host (then it is not shown).
    #[serde(default)]
    pub avatar: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
}

#[derive(Deserialize)]
struct AuthorsFile {
    #[serde(default)]
    authors: BTreeMap<String, Author>,
}

/// The blog's authors by key; none when the blog or its authors are off, or the file
/// does not exist.
pub fn read(config: &Config) -> (BTreeMap<String, Author>, Vec<Diagnostic>) {
    let Some(blog) = config.material.blog.as_ref().filter(|b| b.authors) else {
        return Default::default();
    };
    let path = config.src_dir.join(&blog.authors_file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Default::default();
    };
    match serde_norway::from_str::<AuthorsFile>(&text) {
        Ok(file) => (file.authors, Vec::new()),
        Err(err) => {
            let line = err.location().map_or(1, |l| l.line() as u32);
            let message = err.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            (
                BTreeMap::new(),
                vec![Diagnostic::error(format!(
                    "the blog's authors file cannot be read: {message}"
                ))
                .in_file(display_path(&path, &config.project_dir))
                .at(Location::line_in_text(&text, line))
                .with_hint(
                    "write `authors:` with one entry per author: `name`, `description`, `avatar`",
                )],
            )
        }
    }
}
