//! Front-matter: a line-based splitter that keeps byte offsets (so every diagnostic can name
//! its line), and a type-checked reader for the keys Waymark knows.

use crate::diag::{closest, Diagnostic, Location};
use serde::Deserialize;
use serde_norway::{Mapping, Value};
use std::collections::BTreeMap;

/// Where the front-matter block and the body lie in a page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the fences (empty when there is no block).
    pub yaml: std::ops::Range<usize>,
    /// 1-based line of the first YAML line.
    pub yaml_line: u32,
    /// Byte offset where the Markdown body starts.
    pub body: usize,
}

/// Splits `text` (BOM already removed) into front-matter and body.
pub fn split(text: &str) -> Result<Split, Diagnostic> {
    let mut lines = line_spans(text);
    let Some((_, first_end, first)) = lines.next() else {
        return Ok(no_front_matter());
    };
    if first.trim_end() != "---" {
        return Ok(no_front_matter());
    }
    for (start, end, line) in lines {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            return Ok(Split {
                yaml: first_end..start,
                yaml_line: 2,
                body: end,
            });
        }
    }
    Err(Diagnostic::error("front-matter block is never closed")
        .at(Location::in_text(text, 0, 3))
        .with_hint("end the block with a line holding only `---`"))
}

/// A page without front-matter: its whole text is the body.
pub fn no_front_matter() -> Split {
    Split {
        yaml: 0..0,
        yaml_line: 1,
        body: 0,
    }
}

/// Lines of `text` as (start, end including the newline, line without the newline).
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let line = text[start..end]
            .trim_end_matches('\n')
            .trim_end_matches('\r');
        let span = (start, end, line);
        start = end;
        Some(span)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hide {
    Toc,
    #[serde(alias = "navigation")]
    Nav,
    Footer,
    /// The page's tags.
    Tags,
    /// The breadcrumbs (Material's navigation path).
    Path,
    /// Material's "Was this page helpful?" box, which Waymark's theme does not have.
    Feedback,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TutorialDecl {
    #[serde(default)]
    pub paths: Vec<PathDecl>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathDecl {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    #[serde(default)]
    pub exclude: bool,
    #[serde(default = "default_boost")]
    pub boost: f64,
}

fn default_boost() -> f64 {
    1.0
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            exclude: false,
            boost: default_boost(),
        }
    }
}

/// A value from front-matter together with the 1-based line of its key.
#[derive(Debug, Clone, PartialEq)]
pub struct AtLine<T> {
    pub value: T,
    pub line: u32,
}

/// The typed front-matter of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub hide: Vec<Hide>,
    pub tags: Vec<String>,
    pub notes: Vec<AtLine<String>>,
    pub warnings: Vec<AtLine<String>>,
    pub tutorial: Option<AtLine<TutorialDecl>>,
    pub step: Option<AtLine<u32>>,
    /// `step:` was given but is not a step number (already reported).
    pub invalid_step: bool,
    pub paths: Option<AtLine<Vec<String>>>,
    /// A template of the theme to render this page with instead of `page.html`.
    pub template: Option<AtLine<String>>,
    /// Search settings (`search: {exclude: true, boost: 2}`), as MkDocs Material writes them.
    pub search: SearchSettings,
    /// Every key Waymark does not know, for templates (`page.meta`).
    pub meta: BTreeMap<String, serde_json::Value>,
}

const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "draft",
    "hide",
    "tags",
    "notes",
    "warnings",
    "tutorial",
    "step",
    "paths",
    "template",
    "search",
];

/// Reads the front-matter of `text` given its [`Split`]. Returns what could be read and
/// every problem found (errors and "did you mean" warnings); locations are in `text`.
pub fn parse(text: &str, split: &Split) -> (FrontMatter, Vec<Diagnostic>) {
    read(text, split).unwrap_or_else(|problem| (FrontMatter::default(), vec![problem]))
}

/// What [`parse`] does, with `Err` for a block that is not YAML or not a mapping of keys
/// to values (which MkDocs shows as the page's text).
pub fn read(text: &str, split: &Split) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let yaml = &text[split.yaml.clone()];
    let mut problems = Vec::new();
    let front = FrontMatter::default();
    if yaml.trim().is_empty() {
        return Ok((front, problems));
    }
    let parsed = crate::yaml::parse(yaml);
    if let Ok(parsed) = &parsed {
        for key in &parsed.duplicates {
            let line = last_key_line(yaml, key).map_or(split.yaml_line, |l| split.yaml_line + l);
            problems.push(
                Diagnostic::warning(format!(
                    "front-matter key `{key}` is written twice; the last value is used"
                ))
                .at(Location::line_in_text(text, line))
                .with_hint("remove one of the two, as MkDocs too keeps only the last"),
            );
        }
    }
    let mapping: Mapping = match parsed.map(|parsed| parsed.value) {
        Ok(Value::Mapping(mapping)) => mapping,
        Ok(Value::Null) => return Ok((front, problems)),
        Ok(_) => {
            return Err(
                Diagnostic::error("front-matter must be a mapping of keys to values")
                    .at(Location::line_in_text(text, split.yaml_line))
                    .with_hint("write one `key: value` per line, e.g. `title: Getting started`"),
            );
        }
        Err(crate::yaml::Error::TooLarge { limit }) => {
            problems.push(
                Diagnostic::error(format!(
                    "front-matter aliases (`*name`) expand to more than {} KB of text",
                    limit / 1024
                ))
                .at(Location::line_in_text(text, split.yaml_line))
                .with_hint("write the repeated values out, or shorten them"),
            );
            return Ok((front, problems));
        }
        Err(crate::yaml::Error::Syntax(err)) => {
            let (message, position) = crate::diag::yaml_error(&err);
            let line = position.map_or(split.yaml_line, |(line, _)| split.yaml_line + line - 1);
            let location = match position {
                // At the reported column (the caret under it, as the header says).
                Some((_, column)) => {
                    let line_start = text
                        .split_inclusive('\n')
                        .take(line.saturating_sub(1) as usize)
                        .map(str::len)
                        .sum::<usize>();
                    let offset = text[line_start..]
                        .char_indices()
                        .nth(column.saturating_sub(1) as usize)
                        .map_or(text.len(), |(i, _)| line_start + i);
                    Location::in_text(text, offset, 1)
                }
                None => Location::line_in_text(text, line),
            };
            return Err(
                Diagnostic::error(format!("front-matter is not valid YAML: {message}"))
                    .at(location)
                    .with_hint("check indentation and quote values that contain `:` or `#`"),
            );
        }
    };
    Ok(from_mapping(mapping, text, split, problems))
}

/// Reads the front-matter `mapping` (with defaults from meta files merged in, or as the
/// page wrote it); locations are in `text`, where the page's own keys are.
pub fn from_mapping(
    mapping: Mapping,
    text: &str,
    split: &Split,
    mut problems: Vec<Diagnostic>,
) -> (FrontMatter, Vec<Diagnostic>) {
    let yaml = &text[split.yaml.clone()];
    let mut front = FrontMatter::default();
    let line_of = |key: &str| key_line(yaml, key).map_or(split.yaml_line, |l| split.yaml_line + l);
    for (key, value) in mapping {
        let Value::String(key) = key else {
            continue;
        };
        let line = line_of(&key);
        // Made only for a problem: it copies the line for the excerpt.
        let at = || Location::line_in_text(text, line);
        macro_rules! read {
            ($ty:ty, $expected:expr) => {
                match (!value.is_null()).then(|| serde_norway::from_value::<$ty>(value.clone())) {
                    None => None,
                    Some(Ok(v)) => Some(v),
                    Some(Err(err)) => {
                        problems.push(type_error(&key, $expected, &value, &err.to_string(), at()));
                        None
                    }
                }
            };
        }
        match key.as_str() {
            "title" => front.title = read!(String, "a string"),
            "description" => front.description = read!(String, "a string"),
            "weight" => front.weight = read!(i64, "a whole number"),
            "draft" => front.draft = read!(bool, "`true` or `false`").unwrap_or(false),
            "hide" => {
                front.hide = read!(
                    Vec<Hide>,
                    "a list of `toc`, `nav`, `footer`, `tags`, `path`, `feedback`"
                )
                .unwrap_or_default()
            }
            "tags" => front.tags = read!(Vec<String>, "a list of strings").unwrap_or_default(),
            "notes" | "warnings" => {
                let items: Vec<String> =
                    read!(Vec<String>, "a list of Markdown strings").unwrap_or_default();
                let lines = item_lines(yaml, &key, items.len());
                let items = items
                    .into_iter()
                    .zip(lines)
                    .map(|(value, l)| AtLine {
                        value,
                        line: l.map_or(line, |l| split.yaml_line + l),
                    })
                    .collect();
                if key == "notes" {
                    front.notes = items
                } else {
                    front.warnings = items
                }
            }
            "tutorial" => {
                front.tutorial = read!(TutorialDecl, "a mapping with `paths`")
                    .or_else(|| value.is_null().then(|| TutorialDecl { paths: Vec::new() }))
                    .map(|value| AtLine { value, line })
            }
            "step" => {
                front.step =
                    step_number(&value, at, &mut problems).map(|value| AtLine { value, line });
                front.invalid_step = front.step.is_none();
            }
            "paths" => {
                front.paths =
                    read!(Vec<String>, "a list of path ids").map(|value| AtLine { value, line })
            }
            "template" => {
                front.template =
                    read!(String, "a template name").map(|value| AtLine { value, line })
            }
            "search" => {
                let search = read!(SearchSettings, "a mapping with `exclude` and `boost`")
                    .unwrap_or_default();
                if search.boost.is_finite() && search.boost >= 0.0 {
                    front.search = search;
                } else {
                    problems.push(
                        Diagnostic::error(format!(
                            "`search.boost` must be a number of 0 or more, found `{}`",
                            search.boost
                        ))
                        .at(at())
                        .with_hint(
                            "for example `boost: 2` ranks the page higher; 1 is the default",
                        ),
                    );
                }
            }
            _ => {
                if let Some(known) = closest(&key, KNOWN_KEYS.iter().copied()) {
                    problems.push(
                        Diagnostic::warning(format!("unknown front-matter key `{key}`"))
                            .at(at())
                            .with_hint(format!("did you mean `{known}`?")),
                    );
                }
                if let Ok(json) = serde_json::to_value(&value) {
                    front.meta.insert(key, json);
                }
            }
        }
    }
    (front, problems)
}

/// `key` has a value of the wrong kind. serde's own words name Rust types ("invalid type:
/// string \"two\", expected i64"): the value found is shown instead.
fn type_error(key: &str, expected: &str, value: &Value, detail: &str, at: Location) -> Diagnostic {
    let detail = detail.split(" at line ").next().unwrap_or(detail);
    let diagnostic = Diagnostic::error(format!("front-matter `{key}` must be {expected}")).at(at);
    if detail.starts_with("invalid type") || detail.starts_with("invalid value") {
        let found = serde_norway::to_string(value).unwrap_or_default();
        let found = found.trim();
        if found.contains('\n') || found.len() > 60 {
            diagnostic.with_hint(format!("expected {expected}"))
        } else {
            diagnostic.with_hint(format!("found `{found}`, expected {expected}"))
        }
    } else {
        diagnostic.with_hint(format!("the value was rejected: {detail}"))
    }
}

fn step_number(
    value: &Value,
    at: impl FnOnce() -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<u32> {
    match value.as_u64().filter(|n| *n > 0 && *n <= u32::MAX as u64) {
        Some(n) => Some(n as u32),
        None => {
            let shown = serde_norway::to_string(value).unwrap_or_default();
            problems.push(
                Diagnostic::error(format!(
                    "`step` must be a positive whole number, found `{}`",
                    shown.trim()
                ))
                .at(at())
                .with_hint("number steps 1, 2, 3 or 10, 20, 30 to leave room for new ones"),
            );
            None
        }
    }
}

/// 0-based line within `yaml` of the top-level `key:`.
fn key_line(yaml: &str, key: &str) -> Option<u32> {
    yaml.lines()
        .position(|line| starts_with_key(line, key))
        .map(|i| i as u32)
}

/// The 0-based line of the last top-level `key:` in `yaml`.
fn last_key_line(yaml: &str, key: &str) -> Option<u32> {
    let lines: Vec<&str> = yaml.lines().collect();
    lines
        .iter()
        .rposition(|line| starts_with_key(line, key))
        .map(|i| i as u32)
}

fn starts_with_key(line: &str, key: &str) -> bool {
    let rest = line.strip_prefix(key).or_else(|| {
        line.strip_prefix('"')
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix('"'))
    });
    rest.is_some_and(|r| r.trim_start().starts_with(':'))
}

/// 0-based lines within `yaml` of the block-list items under the top-level `key`, if written
/// one `- item` per line; `None` entries where the layout is not that simple.
fn item_lines(yaml: &str, key: &str, count: usize) -> Vec<Option<u32>> {
    let mut found = Vec::new();
    if let Some(start) = key_line(yaml, key) {
        for (i, line) in yaml.lines().enumerate().skip(start as usize + 1) {
            if !line.starts_with([' ', '-', '\t']) && !line.trim().is_empty() {
                break;
            }
            if line.trim_start().starts_with("- ") || line.trim() == "-" {
                found.push(Some(i as u32));
            }
        }
    }
    found.resize(count, None);
    found.truncate(count);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let split = split(text).unwrap();
        parse(text, &split)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.clone()], "title: A\n");
        assert_eq!(&text[s.body..], "# Body\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn handles_crlf_and_empty_blocks() {
        let text = "---\r\ntitle: A\r\n---\r\nbody";
        let s = split(text).unwrap();
        assert_eq!(&text[s.body..], "body");
        let (front, problems) = read(text);
        assert_eq!(front.title.as_deref(), Some("A"));
        assert!(problems.is_empty());
        let empty = split("---\n---\nbody").unwrap();
        assert_eq!(empty.yaml, 4..4);
    }

    #[test]
    fn no_fence_means_no_front_matter() {
        assert_eq!(split("# Title\n---\n").unwrap().body, 0);
        assert_eq!(split("").unwrap().body, 0);
    }

    #[test]
    fn unclosed_fence_is_an_error_on_line_one() {
        let err = split("---\ntitle: A\n# Body\n").unwrap_err();
        assert!(err.message.contains("never closed"));
        assert_eq!(err.location.unwrap().line, 1);
    }

    /// Issue 20, item 12: the caret stands under the column the header names.
    #[test]
    fn a_yaml_error_puts_its_caret_at_its_column() {
        let (_, problems) = read("---\ntitle: Sign in: the basics\n---\n");
        let rendered = problems[0].clone().in_file("a.md").render();
        assert!(rendered.contains("a.md:2:15"), "{rendered}");
        let lines: Vec<&str> = rendered.lines().collect();
        let excerpt = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
        let carets = lines.iter().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            carets.find('^'),
            Some(excerpt.find(": the").unwrap()),
            "{rendered}"
        );
    }

    /// Issue 20, item 12: an unclosed quote is reported where it opened.
    #[test]
    fn an_unclosed_quote_is_reported_where_it_opened() {
        let (_, problems) = read("---\ntitle: \"Sign in\nweight: 2\n---\n");
        let rendered = problems[0].clone().in_file("a.md").render();
        assert!(rendered.contains("a.md:2:8"), "{rendered}");
        assert!(rendered.contains("quote"), "{rendered}");
        assert!(!rendered.contains("end of stream"), "{rendered}");
    }

    /// Issue 20, item 12: no Rust type names, "a whole number".
    #[test]
    fn type_errors_say_what_is_expected_in_words() {
        let (_, problems) = read("---\nweight: two\n---\n");
        let rendered = problems[0].render();
        assert!(rendered.contains("expected a whole number"), "{rendered}");
        assert!(rendered.contains("`two`"), "{rendered}");
        for rust in ["i64", "u32", "f64", "invalid type"] {
            assert!(!rendered.contains(rust), "{rendered}");
        }
    }

    #[test]
    fn wrong_types_name_the_key_and_its_line() {
        let (_, problems) = read("---\ntitle: A\nweight: heavy\n---\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .contains("`weight` must be a whole number"));
        assert_eq!(problems[0].location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn malformed_yaml_points_at_its_line() {
        let (_, problems) = read("---\ntitle: A\ntags: [a, b\n---\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .starts_with("front-matter is not valid YAML"));
        assert!(problems[0].location.as_ref().unwrap().line >= 3);
    }

    #[test]
    fn unknown_keys_are_kept_with_a_did_you_mean_for_near_misses() {
        let (front, problems) = read("---\ntitel: A\nowner: team-x\n---\n");
        assert_eq!(front.meta["owner"], serde_json::json!("team-x"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(problems[0].location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn notes_keep_the_line_of_each_item() {
        let (front, _) = read("---\nnotes:\n  - first\n  - second\n---\n");
        let lines: Vec<u32> = front.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, vec![3, 4]);
    }

    #[test]
    fn step_must_be_a_positive_integer() {
        for bad in ["0", "-2", "1.5", "two"] {
            let (front, problems) = read(&format!("---\nstep: {bad}\n---\n"));
            assert!(front.step.is_none());
            assert!(
                problems[0].message.contains("positive whole number"),
                "{bad}"
            );
        }
        let (front, _) = read("---\nstep: 20\npaths: [a]\n---\n");
        assert_eq!(front.step.unwrap().value, 20);
        assert_eq!(front.paths.unwrap().value, vec!["a".to_string()]);
    }

    #[test]
    fn reads_mkdocs_search_and_template_keys() {
        let (front, problems) =
            read("---\nsearch:\n  exclude: true\n  boost: 2\ntemplate: wide.html\n---\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            front.search,
            SearchSettings {
                exclude: true,
                boost: 2.0
            }
        );
        assert_eq!(front.template.unwrap().value, "wide.html");
        let (_, problems) = read("---\nsearch:\n  exlude: true\n---\n");
        assert!(
            problems[0].message.contains("`search` must be"),
            "{problems:?}"
        );
    }

    #[test]
    fn hide_accepts_mkdocs_spelling() {
        let (front, problems) = read("---\nhide: [toc, navigation]\n---\n");
        assert!(problems.is_empty());
        assert_eq!(front.hide, vec![Hide::Toc, Hide::Nav]);
    }
}
