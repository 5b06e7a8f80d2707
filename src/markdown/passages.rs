//! Path-specific passages in tutorial steps:
//!
//! ```text
//! ::: path national
//! Only readers on the `national` path see this.
//! :::
//! ```
//!
//! A line-based pass before the Markdown parser turns each block into a `<div>` whose
//! inner Markdown is still parsed, and keeps a map from output lines to source lines.

use super::source_map::{Prepared, PreparedBuilder};

/// A tutorial path a passage may name.
pub struct PathLabel<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// A problem found by the pass: a message, a hint and the byte offset of the line in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageProblem {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub hint: String,
    pub is_error: bool,
}

/// What the page allows: the tutorial's declared paths and the paths this step is on.
pub struct PassageRules<'a> {
    pub declared: Vec<PathLabel<'a>>,
    pub on_step_paths: Vec<&'a str>,
}

fn opening(line: &str) -> Option<&str> {
    let rest = line
        .trim_start()
        .strip_prefix(":::")?
        .trim_start()
        .strip_prefix("path")?;
    let id = rest.trim();
    (rest.starts_with(char::is_whitespace) && !id.is_empty()).then_some(id)
}

fn is_closing(line: &str) -> bool {
    line.trim() == ":::"
}

/// Rewrites the passages of `body`. `rules` is `None` on pages that are not tutorial steps,
/// where any passage is an error.
pub fn prepare<'a>(
    body: &'a str,
    rules: Option<&PassageRules>,
) -> (Prepared<'a>, Vec<PassageProblem>) {
    if !body.contains(":::") {
        return (Prepared::unchanged(body), Vec::new());
    }
    let mut out = PreparedBuilder::new(body);
    let mut problems = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut open: Option<(usize, usize)> = None;
    for (offset, line) in crate::load::lines::lines(body) {
        if let Some(next) = crate::load::lines::fence_state(line, fence) {
            fence = next.0;
            if next.1 {
                out.copy_line(offset, line);
                continue;
            }
        }
        if fence.is_some() {
            out.copy_line(offset, line);
            continue;
        }
        if let Some(id) = opening(line) {
            if open.is_some() {
                problems.push(PassageProblem {
                    offset,
                    len: line.trim_end().len(),
                    message: "path passages cannot be nested".into(),
                    hint: "close the previous passage with a `:::` line first".into(),
                    is_error: true,
                });
            }
            let label = check_path(id, offset, line, rules, &mut problems);
            open = Some((offset, line.len()));
            out.synthetic_line(
                offset,
                &format!(
                    "<div class=\"path-passage\" data-path=\"{}\">",
                    super::escape(id)
                ),
            );
            out.synthetic_line(
                offset,
                &format!(
                    "<p class=\"path-passage-label\">Only on the path: <strong>{}</strong></p>",
                    super::escape(&label)
                ),
            );
            out.synthetic_line(offset, "");
        } else if is_closing(line) && open.is_some() {
            open = None;
            out.synthetic_line(offset, "");
            out.synthetic_line(offset, "</div>");
            out.synthetic_line(offset, "");
        } else {
            out.copy_line(offset, line);
        }
    }
    if let Some((offset, len)) = open {
        problems.push(PassageProblem {
            offset,
            len: len.min(body.len() - offset),
            message: "path passage is never closed".into(),
            hint: "end the passage with a line holding only `:::`".into(),
            is_error: true,
        });
        out.synthetic_line(body.len(), "");
        out.synthetic_line(body.len(), "</div>");
    }
    (out.finish(), problems)
}

/// The end of the message about a passage on a page that is no step: a consequence, not a
/// mistake of its own, when the page's `step:` is invalid.
pub const NOT_A_STEP: &str = "on a page that is not a tutorial step";

fn check_path(
    id: &str,
    offset: usize,
    line: &str,
    rules: Option<&PassageRules>,
    problems: &mut Vec<PassageProblem>,
) -> String {
    let len = line.trim_end().len();
    let Some(rules) = rules else {
        problems.push(PassageProblem {
            offset,
            len,
            message: format!("path passage `{id}` {NOT_A_STEP}"),
            hint: "path passages only have meaning on pages with `step:` inside a tutorial folder"
                .into(),
            is_error: true,
        });
        return id.to_string();
    };
    match rules.declared.iter().find(|p| p.id == id) {
        None => {
            let ids: Vec<&str> = rules.declared.iter().map(|p| p.id).collect();
            let mut hint = format!(
                "declared paths: {}",
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if let Some(near) = crate::diag::closest(id, ids.iter().copied()) {
                hint = format!("did you mean `{near}`? {hint}");
            }
            problems.push(PassageProblem {
                offset,
                len,
                message: format!("path `{id}` is not declared by this tutorial"),
                hint,
                is_error: true,
            });
            id.to_string()
        }
        Some(path) => {
            if !rules.on_step_paths.contains(&id) {
                problems.push(PassageProblem {
                    offset,
                    len,
                    message: format!(
                        "this step is not on path `{id}`, so no reader will see this passage"
                    ),
                    hint: format!("add `{id}` to the step's `paths`, or remove the passage"),
                    is_error: false,
                });
            }
            path.title.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PassageRules<'static> {
        PassageRules {
            declared: vec![
                PathLabel {
                    id: "a",
                    title: "Path A",
                },
                PathLabel {
                    id: "b",
                    title: "Path <B>",
                },
            ],
            on_step_paths: vec!["a"],
        }
    }

    #[test]
    fn turns_a_passage_into_a_labelled_div_and_maps_lines_back() {
        let body = "Intro\n::: path a\nOnly *A*.\n:::\nOutro\n";
        let (prepared, problems) = prepare(body, Some(&rules()));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            prepared.text(),
            "Intro\n<div class=\"path-passage\" data-path=\"a\">\n<p class=\"path-passage-label\">Only on the path: <strong>Path A</strong></p>\n\nOnly *A*.\n\n</div>\n\nOutro\n"
        );
        let only = prepared.text().find("Only *A*").unwrap();
        assert_eq!(
            prepared.source_offset(only + 5),
            body.find("Only *A*").unwrap() + 5
        );
    }

    #[test]
    fn leaves_fenced_code_alone() {
        let body = "```\n::: path a\n```\n";
        let (prepared, problems) = prepare(body, Some(&rules()));
        assert_eq!(prepared.text(), body);
        assert!(problems.is_empty());
    }

    #[test]
    fn reports_unknown_paths_unclosed_blocks_and_unreachable_passages() {
        let (_, problems) = prepare("::: path c\nx\n", Some(&rules()));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "path `c` is not declared by this tutorial",
                "path passage is never closed"
            ]
        );
        let (_, problems) = prepare("::: path b\nx\n:::\n", Some(&rules()));
        assert!(!problems[0].is_error && problems[0].message.contains("not on path `b`"));
        let (_, problems) = prepare("::: path a\nx\n:::\n", None);
        assert!(problems[0].message.contains("not a tutorial step"));
    }

    #[test]
    fn escapes_path_titles() {
        let body = "::: path b\nx\n:::\n";
        let (prepared, _) = prepare(body, Some(&rules()));
        assert!(prepared.text().contains("Path &lt;B&gt;"));
    }
}
