//! mkdocs-awesome-pages-plugin's folder files (`.pages`): what each says about its folder's
//! place and entries in the navigation. Read here, since the content walk skips hidden
//! files; `model::awesome_pages` applies them.

use super::Source;
use crate::config::Config;
use crate::diag::{display_path, Diagnostic, Location};
use serde_norway::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// One folder's file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PagesFile {
    /// The section's title (`title`).
    pub title: Option<String>,
    /// The folder's entries in order (`nav`, or the older `arrange`), when given: what it
    /// leaves out is not in the navigation.
    pub nav: Option<Vec<PagesEntry>>,
    /// The folder is left out of the navigation (`hide: true`).
    pub hide: bool,
    /// How the entries that `nav` does not name one by one are sorted.
    pub sort: Sort,
    /// A section of a single page shows as that page (`collapse_single_pages`).
    pub collapse: Option<bool>,
}

/// `order`, `sort_type` and `order_by`; all unset keeps Waymark's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sort {
    pub descending: bool,
    /// Numbers in names compare by value (`sort_type: natural`).
    pub natural: bool,
    /// By title instead of file name (`order_by: title`).
    pub by_title: bool,
    /// One of them is set: sort by name (or title) rather than Waymark's own order.
    pub set: bool,
}

/// An entry of `nav`.
#[derive(Debug, Clone, PartialEq)]
pub enum PagesEntry {
    /// `...`: the entries not named elsewhere, in their sorted order; with a pattern
    /// (`... | glob=*.md`, `... | regex=^intro`), only those whose name matches.
    Rest(Option<NameFilter>),
    /// A page's file name or a subfolder's name, with a title of its own
    /// (`Custom title: page.md`) or not.
    Name { name: String, title: Option<String> },
    /// `Title: https://example.org`: a link.
    Link { title: String, url: String },
    /// `Title: [entries]`: a section written in the file.
    Section {
        title: String,
        entries: Vec<PagesEntry>,
    },
}

#[derive(Debug, Clone)]
pub enum NameFilter {
    Glob(globset::GlobMatcher),
    Regex(regex::Regex),
}

impl PartialEq for NameFilter {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (NameFilter::Glob(a), NameFilter::Glob(b)) => a.glob() == b.glob(),
            (NameFilter::Regex(a), NameFilter::Regex(b)) => a.as_str() == b.as_str(),
            _ => false,
        }
    }
}

impl NameFilter {
    pub fn matches(&self, name: &str) -> bool {
        match self {
            NameFilter::Glob(glob) => glob.is_match(name),
            NameFilter::Regex(regex) => regex.is_match(name),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "nav",
    "arrange",
    "hide",
    "order",
    "sort_type",
    "order_by",
    "collapse_single_pages",
    "collapse",
    "ignore_case",
];

/// The folder files of every folder that holds pages (and the folders above them), by
/// folder (`""` for the top), when the plugin is on; and their problems.
pub fn read(config: &Config, sources: &[Source]) -> (BTreeMap<String, PagesFile>, Vec<Diagnostic>) {
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    let Some(settings) = &config.awesome_pages else {
        return (files, problems);
    };
    let mut folders = BTreeSet::from([String::new()]);
    for source in sources {
        let mut path = source.rel_path.as_str();
        while let Some((folder, _)) = path.rsplit_once('/') {
            if !folders.insert(folder.to_string()) {
                break;
            }
            path = folder;
        }
    }
    for folder in folders {
        let path = config.src_dir.join(&folder).join(&settings.filename);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let shown = display_path(&path, &config.project_dir);
        let (file, found) = parse(&text);
        problems.extend(found.into_iter().map(|(line, message, hint)| {
            Diagnostic::warning(message)
                .in_file(&shown)
                .at(Location::line_in_text(&text, line))
                .with_hint(hint)
        }));
        files.insert(folder, file);
    }
    (files, problems)
}

/// A problem in a file: its line, what is wrong and how to fix it.
type Problem = (u32, String, String);

/// Reads one file. What it cannot use is a problem, and is left out.
fn parse(text: &str) -> (PagesFile, Vec<Problem>) {
    let mut file = PagesFile::default();
    let mut problems = Vec::new();
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(1, |i| i as u32 + 1)
    };
    let mapping = match crate::yaml::parse(text).map(|parsed| parsed.value) {
        Ok(Value::Mapping(mapping)) => mapping,
        Ok(Value::Null) => Mapping::new(),
        Ok(_) => {
            let hint = "write settings such as `title: Section` and `nav: [...]`".to_string();
            problems.push((1, "this file is not a mapping of settings".into(), hint));
            return (file, problems);
        }
        Err(error) => {
            let hint = "fix the YAML; until then the folder keeps its default order".to_string();
            let (line, message) = match error {
                crate::yaml::Error::Syntax(error) => (
                    error.location().map_or(1, |l| l.line() as u32),
                    format!("this file is not valid YAML: {error}"),
                ),
                crate::yaml::Error::TooLarge { limit } => (
                    1,
                    format!("this file's aliases expand to more than {limit} bytes"),
                ),
            };
            problems.push((line, message, hint));
            return (file, problems);
        }
    };
    for (key, value) in &mapping {
        let Some(key) = key.as_str() else { continue };
        let text_value = value.as_str().map(str::to_string);
        match key {
            "title" => file.title = text_value,
            "nav" | "arrange" => {
                let entries = value.as_sequence().map(Vec::as_slice).unwrap_or_default();
                file.nav = Some(entries_of(entries, &mut |message, hint| {
                    problems.push((line_of(key), message, hint))
                }));
            }
            "hide" => file.hide = value.as_bool().unwrap_or(false),
            "order" => {
                file.sort.set = true;
                file.sort.descending = text_value.as_deref() == Some("desc");
            }
            "sort_type" => {
                file.sort.set = true;
                file.sort.natural = text_value.as_deref() == Some("natural");
            }
            "order_by" => {
                file.sort.set = true;
                file.sort.by_title = text_value.as_deref() == Some("title");
            }
            "collapse_single_pages" | "collapse" => file.collapse = value.as_bool(),
            "ignore_case" => {}
            other => problems.push((
                line_of(other),
                format!("`{other}` is not a setting of awesome-pages' folder files"),
                format!("the settings are {}", KEYS.join(", ")),
            )),
        }
    }
    (file, problems)
}

fn entries_of(values: &[Value], problem: &mut dyn FnMut(String, String)) -> Vec<PagesEntry> {
    let mut entries = Vec::new();
    for value in values {
        match value {
            Value::String(text) => match rest_entry(text) {
                Some(Ok(rest)) => entries.push(rest),
                Some(Err(message)) => problem(
                    message,
                    "write `... | glob=*.md` or `... | regex=^intro`".into(),
                ),
                None => entries.push(PagesEntry::Name {
                    name: text.clone(),
                    title: None,
                }),
            },
            Value::Mapping(one) if one.len() == 1 => {
                let (title, target) = one.iter().next().expect("one entry");
                let title = crate::yaml::key_text(title);
                match target {
                    Value::String(t) if t.contains("://") || t.starts_with("mailto:") => entries
                        .push(PagesEntry::Link {
                            title,
                            url: t.clone(),
                        }),
                    Value::String(name) => entries.push(PagesEntry::Name {
                        name: name.clone(),
                        title: Some(title),
                    }),
                    Value::Sequence(inner) => entries.push(PagesEntry::Section {
                        title,
                        entries: entries_of(inner, problem),
                    }),
                    _ => problem(
                        format!("the entry `{title}` names no page, folder or link"),
                        "write `Title: page.md`, `Title: https://...` or `Title: [entries]`".into(),
                    ),
                }
            }
            _ => problem(
                "an entry of `nav` is neither a name nor `Title: target`".into(),
                "write `- page.md`, `- folder`, `- ...` or `- Title: page.md`".into(),
            ),
        }
    }
    entries
}

/// `...` with its optional filter; `None` when `text` is not one.
fn rest_entry(text: &str) -> Option<Result<PagesEntry, String>> {
    let rest = text.trim().strip_prefix("...")?;
    let filter = rest.trim().strip_prefix('|').map(str::trim);
    Some(match filter {
        None | Some("") | Some("flat") => Ok(PagesEntry::Rest(None)),
        Some(filter) => {
            let filter = filter
                .trim_start_matches("flat")
                .trim()
                .trim_start_matches('|')
                .trim();
            if let Some(glob) = filter.strip_prefix("glob=") {
                globset::Glob::new(glob.trim())
                    .map(|g| PagesEntry::Rest(Some(NameFilter::Glob(g.compile_matcher()))))
                    .map_err(|e| format!("`{text}`: the pattern cannot be read: {e}"))
            } else if let Some(regex) = filter.strip_prefix("regex=") {
                regex::Regex::new(regex.trim())
                    .map(|r| PagesEntry::Rest(Some(NameFilter::Regex(r))))
                    .map_err(|e| format!("`{text}`: the expression cannot be read: {e}"))
            } else {
                Err(format!("`{text}`: `{filter}` is not a filter of `...`"))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_entry() {
        let (file, problems) = parse(
            "title: Guides\nnav:\n  - intro.md\n  - Setting up: setup.md\n  - advanced\n  - ... | glob=faq-*.md\n  - The blog: https://example.org/blog\n  - More:\n      - a.md\n  - ...\norder: desc\nsort_type: natural\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(file.title.as_deref(), Some("Guides"));
        assert!(file.sort.set && file.sort.descending && file.sort.natural && !file.sort.by_title);
        let nav = file.nav.unwrap();
        assert_eq!(nav.len(), 7);
        assert_eq!(
            nav[1],
            PagesEntry::Name {
                name: "setup.md".into(),
                title: Some("Setting up".into())
            }
        );
        assert!(
            matches!(&nav[3], PagesEntry::Rest(Some(f)) if f.matches("faq-1.md") && !f.matches("intro.md"))
        );
        assert_eq!(
            nav[4],
            PagesEntry::Link {
                title: "The blog".into(),
                url: "https://example.org/blog".into()
            }
        );
        assert!(
            matches!(&nav[5], PagesEntry::Section { title, entries } if title == "More" && entries.len() == 1)
        );
        assert_eq!(nav[6], PagesEntry::Rest(None));
    }

    #[test]
    fn problems_name_their_line() {
        let (file, problems) = parse("title: T\nsort: asc\nnav:\n  - ... | glob=[\n");
        assert_eq!(file.title.as_deref(), Some("T"));
        let lines: Vec<u32> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, [2, 3], "{problems:?}");
        assert!(
            problems[0].1.contains("`sort` is not a setting"),
            "{problems:?}"
        );
        assert!(parse("nav: [a.md\n").1[0]
            .1
            .starts_with("this file is not valid YAML"));
    }
}
