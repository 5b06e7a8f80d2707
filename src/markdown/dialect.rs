//! The MkDocs / Material dialect before parsing: snippets first (they bring in text), then
//! pymdownx.critic's marks that change the text as it is written, then
//! the indentation-based block constructs. Each pass bails out at once on a page without
//! its markers, so plain CommonMark pages pay one substring search per marker.

use super::abbreviations::Abbreviations;
use super::source_map::{At, Prepared};
use super::{blocks, critic, indent, references, snippets};
use crate::config::extensions::MarkdownOptions;
use std::path::PathBuf;

/// A problem found by a pass, at a place in the page or in an included file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: At,
    pub len: usize,
    pub message: String,
    pub hint: String,
    pub is_error: bool,
}

impl Problem {
    pub fn error(at: At, len: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            at,
            len,
            message: message.into(),
            hint: hint.into(),
            is_error: true,
        }
    }

    pub fn warning(
        at: At,
        len: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Problem {
            is_error: false,
            ..Problem::error(at, len, message, hint)
        }
    }
}

/// What the pre-pass learnt about the page, for rendering it.
#[derive(Debug, Default)]
pub struct Dialect {
    pub abbreviations: Option<Abbreviations>,
    /// Canonical paths of the files snippets included.
    pub includes: Vec<PathBuf>,
    /// The page has a `[TOC]` marker to replace after rendering.
    pub toc_marker: bool,
}

/// Whether `text` has a snippet marker, and whether it has anything for the block pass.
/// Every marker starts a line (after indentation), so this looks at line starts only:
/// most pages have none, and this costs a newline search per line.
fn markers(text: &str, callouts: bool) -> (bool, bool) {
    let mut snippets = false;
    let mut blocks = false;
    for line in text.split('\n') {
        let rest = line.trim_start_matches([' ', '\t']);
        match rest.as_bytes().first() {
            Some(b'!') => blocks |= rest.starts_with("!!!"),
            Some(b'?') => blocks |= rest.starts_with("???"),
            Some(b'=') => blocks |= rest.starts_with("==="),
            Some(b'/') => blocks |= rest.starts_with("///"),
            Some(b'*') => blocks |= rest.starts_with("*["),
            Some(b'[') => blocks |= rest.starts_with("[TOC]") || references::label(rest).is_some(),
            Some(b'<') => blocks = true,
            // A heading indented by 1 to 3 spaces, which Python-Markdown reads as text.
            Some(b'#') => {
                blocks |= (1..4).contains(&(line.len() - rest.len())) && indent::atx_heading(rest)
            }
            // `:smile: text` after a paragraph line, or a definition after a heading.
            Some(b':') => blocks |= !rest[1..].starts_with(':'),
            // markdown-callouts' `NOTE: text` and `> NOTE: text`; pymdownx.quotes'
            // `> [!NOTE]`.
            Some(b'A'..=b'Z' | b'>') if callouts => {
                blocks |= super::callouts::start(rest).is_some() || rest.contains("[!");
            }
            Some(b'-') => snippets |= rest.starts_with("--8<--"),
            Some(b';') => snippets |= rest.starts_with(";--8<--"),
            Some(b'{') => {
                snippets |=
                    rest.starts_with("{!") || rest.starts_with("{*") || rest.starts_with("{%");
                // A critic mark in block form.
                blocks |= ["{++", "{--", "{==", "{>>"].contains(&rest.trim_end());
            }
            _ => {}
        }
        if snippets && blocks {
            break;
        }
    }
    (snippets, blocks)
}

/// Runs the pre-pass on `prepared` (the page `body` after path passages).
pub fn prepare<'a>(
    body: &str,
    prepared: Prepared<'a>,
    options: &snippets::Options,
    markdown: &MarkdownOptions,
    page_file: &std::path::Path,
) -> (Prepared<'a>, Dialect, Vec<Problem>) {
    let text = prepared.text();
    let (has_snippets, has_blocks) =
        markers(text, markdown.callouts.is_some() || markdown.quote_callouts);
    // mdBook's directives and the include-markdown plugin's may stand anywhere in a line.
    let has_mdbook_links = options.mdbook_links.is_some() && text.contains("{{");
    let has_include_markdown = options.include_markdown.is_some() && text.contains("{%");
    // A project may give the macros plugin other delimiters than `{%`.
    let has_macro_includes = options
        .macro_includes
        .as_ref()
        .is_some_and(|macros| text.contains(macros.block.0.as_str()));
    let needs_snippets = has_snippets
        || has_mdbook_links
        || has_include_markdown
        || has_macro_includes
        || !options.auto_append.is_empty();
    // Critic marks to apply, in this text or (after snippets) in included text.
    let needs_critic = markdown.critic.is_some() && (needs_snippets || critic::may_open(text));
    if !needs_snippets && !has_blocks && !needs_critic {
        return (prepared, Dialect::default(), Vec::new());
    }
    let page_end = prepared.source_offset(text.len());
    let size = text.len();
    let (mut lines, mut included) = prepared.into_lines();
    let mut problems = Vec::new();
    if needs_snippets {
        let (expanded, files, snippet_problems) =
            snippets::expand(lines, options, page_end, page_file);
        lines = expanded;
        included.extend(files);
        problems.extend(snippet_problems);
    }
    if let Some(mode) = markdown.critic.filter(|_| needs_critic) {
        let (rewritten, critic_problems) = critic::rewrite(lines, mode);
        lines = rewritten;
        problems.extend(critic_problems);
    }
    let includes = included.iter().map(|i| i.abs_path.clone()).collect();
    let (prepared, found) = blocks::run(body, lines, included, size, markdown);
    problems.extend(found.problems);
    let dialect = Dialect {
        abbreviations: Abbreviations::new(&found.abbreviations),
        includes,
        toc_marker: found.toc_marker,
    };
    (prepared, dialect, problems)
}

#[cfg(test)]
mod tests {
    use super::markers;

    #[test]
    fn finds_markers_at_line_starts_only() {
        assert_eq!(
            markers("# Plain\n\nText with !!! and === inside.\n", false),
            (false, false)
        );
        assert_eq!(markers("a\n    !!! note\n", false), (false, true));
        assert_eq!(markers("<div>\n", false), (false, true));
        assert_eq!(markers("x\n\t--8<-- \"a.md\"\n", false), (true, false));
        assert_eq!(markers(";--8<--\n[TOC]\n", false), (true, true));
        assert_eq!(
            markers("Title\n=====\n", false),
            (false, true),
            "a cheap false positive"
        );
        // Callouts only where markdown-callouts is on.
        assert_eq!(markers("NOTE: Read this.\n", false), (false, false));
        assert_eq!(markers("NOTE: Read this.\n", true), (false, true));
        assert_eq!(markers("> TIP: Quoted.\n", true), (false, true));
        assert_eq!(markers("Note: not one.\n", true), (false, false));
    }
}
