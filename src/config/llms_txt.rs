//! The mkdocs-llmstxt plugin's options: `llms.txt`, a list of the guide's pages for
//! language models, with each listed page also written as Markdown.

use super::patterns::Fnmatch;
use crate::diag::{Diagnostic, Location};
use serde_norway::{Mapping, Value};
use std::path::PathBuf;

/// What to write (mkdocs-llmstxt).
#[derive(Debug, Clone)]
pub struct LlmsTxt {
    /// The address the links start from: the plugin's `base_url`, else the site's URL;
    /// it ends with `/`.
    pub base_url: String,
    /// Written under the site's name and description.
    pub markdown_description: Option<String>,
    /// The file with every listed page's Markdown (`full_output`), if any.
    pub full_output: Option<String>,
    /// Leave out what only makes sense on the web page: images, permalinks, tab labels.
    pub autoclean: bool,
    pub sections: Vec<Section>,
}

/// A heading of `llms.txt` and the pages listed under it.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub entries: Vec<Entry>,
}

/// A page (or, with `*`, the pages a pattern matches) and its description.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The page's path in the docs folder, as written.
    pub file: String,
    /// Set when `file` holds a `*`: the pattern, read as Python's `fnmatch` reads it.
    pub pattern: Option<Fnmatch>,
    pub description: String,
    /// Where the entry is written, for the warning when it names no page.
    pub place: (PathBuf, Location),
}

/// Reads the plugin's options; `place` finds where a text is written after the plugin's
/// name. The problems are warnings: the plugin's own errors, and its options Waymark
/// cannot follow.
pub fn read(
    options: &Mapping,
    site_url: Option<&str>,
    place: &dyn Fn(&str) -> (PathBuf, Location),
) -> (Option<LlmsTxt>, Vec<Diagnostic>) {
    let text = |key: &str| options.get(key).and_then(Value::as_str).map(str::to_string);
    let mut problems = Vec::new();
    let mut warn = |needle: &str, message: String, hint: &str| {
        let (file, location) = place(needle);
        problems.push(
            Diagnostic::warning(message)
                .in_file(file)
                .at(location)
                .with_hint(hint.to_string()),
        );
    };
    if options.contains_key("preprocess") {
        warn(
            "preprocess",
            "plugin `llmstxt`: its `preprocess` script is not run".into(),
            "Waymark does not run Python code; the pages' Markdown is made without it",
        );
    }
    let Some(mut base_url) = text("base_url").or_else(|| site_url.map(str::to_string)) else {
        warn(
            "llmstxt",
            "plugin `llmstxt` needs the site's address: no llms.txt is written".into(),
            "set `site_url` (or the plugin's `base_url`): the links in llms.txt are full addresses",
        );
        return (None, problems);
    };
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let mut sections = Vec::new();
    if let Some(Value::Mapping(listed)) = options.get("sections") {
        for (name, items) in listed {
            let Some(name) = name.as_str() else { continue };
            let items = items.as_sequence().map(Vec::as_slice).unwrap_or_default();
            let entries = items
                .iter()
                .filter_map(|item| entry(item, &mut warn, place))
                .collect();
            sections.push(Section {
                name: name.to_string(),
                entries,
            });
        }
    }
    let settings = LlmsTxt {
        base_url,
        markdown_description: text("markdown_description"),
        full_output: text("full_output"),
        autoclean: options.get("autoclean").and_then(Value::as_bool) != Some(false),
        sections,
    };
    (Some(settings), problems)
}

/// One item of a section: `file.md`, or `file.md: description`.
fn entry(
    item: &Value,
    warn: &mut impl FnMut(&str, String, &str),
    place: &dyn Fn(&str) -> (PathBuf, Location),
) -> Option<Entry> {
    let (file, description) = match item {
        Value::String(file) => (file.clone(), String::new()),
        Value::Mapping(one) => {
            let (file, description) = one.iter().next()?;
            (
                file.as_str()?.to_string(),
                description.as_str().unwrap_or_default().to_string(),
            )
        }
        _ => return None,
    };
    let pattern = if file.contains('*') {
        let (pattern, invalid) = Fnmatch::parse([file.as_str()]);
        for (written, why) in invalid {
            warn(
                &written,
                format!("plugin `llmstxt`: `{written}` is not a valid pattern ({why}); it lists no page"),
                super::patterns::FNMATCH_HINT,
            );
        }
        Some(pattern)
    } else {
        None
    };
    Some(Entry {
        place: place(&file),
        file,
        pattern,
        description,
    })
}
