//! LaTeX math as MathML, written at build time: readers need no script and no font from
//! elsewhere, browsers draw MathML themselves. Used for pymdownx.arithmatex in mkdocs.yml
//! projects (`$x$`, `$$x$$`, `\(x\)`, `\[x\]` and `math` fences).

use super::compat::RenderProblem;
use super::escape;
use pulldown_cmark::{Event, Tag};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};
use std::ops::Range;

/// How a formula sits in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// In a line of text (`$x$`, `\(x\)`).
    Inline,
    /// Displayed on its own, inside the paragraph that holds it (`$$x$$`, `\[x\]`).
    Display,
    /// A block of its own (a `math` fence).
    Block,
}

/// The HTML of the formula `latex`, or (when it cannot be read) its source, shown as
/// written, and a warning at `range`.
pub fn html(latex: &str, layout: Layout, range: Range<usize>) -> (String, Option<RenderProblem>) {
    match mathml(latex, layout) {
        Ok(mathml) if layout == Layout::Block => {
            (format!("<div class=\"arithmatex\">{mathml}</div>\n"), None)
        }
        Ok(mathml) => (format!("<span class=\"arithmatex\">{mathml}</span>"), None),
        Err(problem) => {
            let shown = match layout {
                Layout::Block => format!(
                    "<pre class=\"arithmatex\"><code>{}</code></pre>\n",
                    escape(latex)
                ),
                _ => format!("<code class=\"arithmatex\">{}</code>", escape(latex)),
            };
            let warning = RenderProblem {
                range,
                message: format!("this formula cannot be drawn: {problem}"),
                hint: "Waymark draws LaTeX math as MathML and knows most commands of LaTeX's math mode, but not this one; the formula is shown as written".into(),
                is_error: false,
            };
            (shown, Some(warning))
        }
    }
}

/// The block form of a displayed formula's HTML (as [`html`] writes it for
/// [`Layout::Display`]), for a formula that is alone in its paragraph; `None` for other HTML.
pub fn as_block(html: &str) -> Option<String> {
    let formula = html
        .strip_prefix("<span class=\"arithmatex\"><math display=\"block\"")?
        .strip_suffix("</span>")?;
    Some(format!(
        "<div class=\"arithmatex\"><math display=\"block\"{formula}</div>\n"
    ))
}

/// The MathML of `latex`, or what is wrong with it. A displayed formula may break its
/// lines with `\\` outside any environment, as MathJax and KaTeX draw it: its lines are
/// then centred one under another, as in a `gathered` environment.
fn mathml(latex: &str, layout: Layout) -> Result<String, String> {
    let storage = Storage::new();
    let mut events: Vec<_> = Parser::new(latex, &storage).collect();
    let gathered;
    if layout != Layout::Inline && events.iter().any(|e| e.as_ref().is_err_and(is_line_break)) {
        gathered = format!("\\begin{{gathered}}{latex}\\end{{gathered}}");
        events = Parser::new(&gathered, &storage).collect();
    }
    if let Some(Err(error)) = events.iter().find(|e| e.is_err()) {
        // "parsing error: what", then a drawing of the text around it.
        let message = error.to_string();
        let what = message.lines().next().unwrap_or_default();
        return Err(what.trim_start_matches("parsing error: ").to_string());
    }
    // pulldown-latex writes the annotation as it is given.
    let source = escape(latex);
    let config = RenderConfig {
        display_mode: match layout {
            Layout::Inline => DisplayMode::Inline,
            Layout::Display | Layout::Block => DisplayMode::Block,
        },
        // The source goes along, for copying and for readers that cannot draw MathML.
        annotation: Some(&source),
        ..RenderConfig::default()
    };
    let mut mathml = String::with_capacity(latex.len() * 8);
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(mathml)
}

/// Whether `error` is a line break (`\\`) where the formula has no lines.
fn is_line_break(error: &impl std::fmt::Display) -> bool {
    error.to_string().contains("new line command not allowed")
}

/// Finds formulas written between `\(` and `\)` or `\[` and `\]`, which the Markdown
/// parser reads as escaped brackets: it sees each bracket's text event as it comes, and
/// replaces the events from opener to closer with the formula. mdBook books double the
/// backslash (`\\(`), as Markdown keeps one of two; `doubled` says which is written.
pub struct Delimited {
    /// The backslash before a bracket is written twice (mdBook's `mathjax-support`).
    doubled: bool,
    /// The open formula: its layout, where its text starts in the Markdown, where its
    /// opening event is among the events, and whether the text event before that ends
    /// with the opener's escaped backslash.
    open: Option<(Layout, usize, usize, bool)>,
}

impl Delimited {
    pub fn new(doubled: bool) -> Self {
        Delimited {
            doubled,
            open: None,
        }
    }

    /// Looks at the text event `text` at `range` of `markdown`, about to be pushed onto
    /// `events`, the last of its paragraph when `ends_block`; `true` when it closed a
    /// formula (and nothing is left to push).
    pub fn text(
        &mut self,
        text: &str,
        range: &Range<usize>,
        markdown: &str,
        ends_block: bool,
        events: &mut Vec<Event<'_>>,
        problems: &mut Vec<RenderProblem>,
    ) -> bool {
        let Some((bracket, offset, after_backslash)) = self.bracket(text, range, markdown, events)
        else {
            return false;
        };
        let at = range.start + offset;
        // arithmatex reads `\[ … \]` only as a block of its own (elsewhere they are escaped
        // brackets, often around links); MathJax, which mdBook books use, anywhere.
        let whole_block = self.doubled || (ends_block && text.len() == offset + 1);
        let starts_block = self.doubled
            || matches!(
                events.last(),
                Some(Event::Start(Tag::Paragraph | Tag::Item))
            );
        let closer = match (self.open, bracket) {
            (Some((Layout::Inline, ..)), b')') => self.open.take(),
            (Some((Layout::Display, ..)), b']') => self.open.take().filter(|_| whole_block),
            (_, b'[') if !starts_block => None,
            (_, b'(' | b'[') => {
                let layout = if bracket == b'(' {
                    Layout::Inline
                } else {
                    Layout::Display
                };
                self.open = Some((layout, at + 1, events.len(), after_backslash));
                return false;
            }
            _ => None,
        };
        let Some((layout, start, first_event, strip_before)) = closer else {
            return false;
        };
        // Emphasis or a link that starts inside and ends outside (or the reverse) would be
        // cut in two: such text stays as it is.
        if !balanced(&events[first_event..]) {
            return false;
        }
        let backslashes = if self.doubled { 2 } else { 1 };
        let source = start - 1 - backslashes..at + 1;
        let (html, problem) = html(&markdown[start..at - backslashes], layout, source);
        problems.extend(problem);
        events.truncate(first_event);
        if strip_before {
            if let Some(Event::Text(before)) = events.last_mut() {
                let kept = before[..before.len() - 1].to_string();
                if kept.is_empty() {
                    events.pop();
                } else {
                    *before = kept.into();
                }
            }
        }
        events.push(Event::InlineHtml(html.into()));
        if text.len() > offset + 1 {
            events.push(Event::Text(text[offset + 1..].to_string().into()));
        }
        true
    }

    /// The bracket of a delimiter that `text` starts with, its offset in `text`, and
    /// whether the event before holds the delimiter's first backslash. `\(` is an escaped
    /// bracket; `\\(` an escaped backslash, which pulldown-cmark gives either as the end
    /// of the text before or as the start of the bracket's own text event.
    fn bracket(
        &self,
        text: &str,
        range: &Range<usize>,
        markdown: &str,
        events: &[Event],
    ) -> Option<(u8, usize, bool)> {
        let backslashes = markdown.as_bytes()[..range.start]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        let bytes = text.as_bytes();
        if !self.doubled {
            let first = *bytes.first()?;
            return (backslashes % 2 == 1).then_some((first, 0, false));
        }
        if bytes.first() == Some(&b'\\') && backslashes == 1 {
            return Some((*bytes.get(1)?, 1, false));
        }
        let before_ends_with_backslash =
            matches!(events.last(), Some(Event::Text(t)) if t.ends_with('\\'));
        (backslashes >= 2 && backslashes % 2 == 0 && before_ends_with_backslash)
            .then(|| bytes.first().map(|&b| (b, 0, true)))
            .flatten()
    }

    /// Forgets an opener whose paragraph (or other block) ended.
    pub fn block_ended(&mut self) {
        self.open = None;
    }
}

fn balanced(events: &[Event]) -> bool {
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return false,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_with_their_source() {
        let (html, problem) = html(r"\frac{a}{b} + x^2", Layout::Inline, 0..1);
        assert!(problem.is_none());
        assert!(
            html.starts_with("<span class=\"arithmatex\"><math"),
            "{html}"
        );
        assert!(
            html.contains("<mfrac>") && html.contains("<msup>"),
            "{html}"
        );
        assert!(html.contains(r"\frac{a}{b} + x^2</annotation>"), "{html}");
        let (block, _) = super::html(r"\sum_{i=1}^n i", Layout::Block, 0..1);
        assert!(
            block.starts_with("<div class=\"arithmatex\"><math display=\"block\""),
            "{block}"
        );
    }

    #[test]
    fn the_source_in_the_annotation_is_escaped() {
        let (html, _) = html("a < b</annotation><script>", Layout::Inline, 0..1);
        assert!(
            !html.contains("<script>") && !html.contains("a < b"),
            "{html}"
        );
    }

    #[test]
    fn unknown_commands_warn_and_the_source_stays() {
        let (html, problem) = html(r"x + \nosuchcommand{y}", Layout::Inline, 3..20);
        assert_eq!(
            html,
            r#"<code class="arithmatex">x + \nosuchcommand{y}</code>"#
        );
        let problem = problem.expect("a warning");
        assert_eq!(problem.range, 3..20);
        assert!(!problem.is_error);
        assert_eq!(
            problem.message,
            "this formula cannot be drawn: unknown primitive command found"
        );
    }
}
