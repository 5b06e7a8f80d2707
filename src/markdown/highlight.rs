//! Build-time syntax highlighting into CSS classes. The only file that imports syntect.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loading the syntax definitions takes tens of milliseconds: do it once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Loads the syntax definitions now, on a thread that would otherwise wait, rather than
/// when the first code block needs them while every other thread waits for them.
pub fn load_syntaxes() {
    syntaxes();
}

/// Common names writers use that are not syntect's own tokens.
fn canonical_language(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "console" | "shell-session" | "zsh" | "bash" | "shellsession" => "bash",
        "py" | "python3" | "py3" => "python",
        "yml" => "yaml",
        "js" | "javascript" | "node" | "mjs" => "js",
        "rs" => "rust",
        "md" | "markdown" => "md",
        "c++" | "cpp" | "hpp" => "cpp",
        "golang" => "go",
        "rb" => "ruby",
        "htm" | "xhtml" => "html",
        "tex" | "latex" => "tex",
        "r" | "rscript" => "r",
        "jsonc" | "json5" => "json",
        "ps1" | "powershell" | "pwsh" | "bat" | "cmd" | "batch" => "bat",
        "objc" | "objective-c" => "m",
        other => other,
    }
}

fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let lang = lang.to_ascii_lowercase();
    let set = syntaxes();
    let token = canonical_language(&lang);
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_name(&lang))
}

/// Highlights `code` written in `lang` into HTML spans with `hl-` classes. Unknown
/// languages (and `None`) give the escaped plain text.
pub fn highlight(code: &str, lang: Option<&str>) -> String {
    let Some(syntax) = lang.filter(|l| !l.is_empty()).and_then(find_syntax) else {
        return escape_html(code);
    };
    MEMO.with_borrow_mut(|memo| highlight_lines(code, syntax, memo))
        .unwrap_or_else(|| escape_html(code))
}

/// What syntect's `ClassedHTMLGenerator` does, with each line looked up in `memo` first;
/// `None` when syntect fails on the code.
fn highlight_lines(code: &str, syntax: &SyntaxReference, memo: &mut LineMemo) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut scopes = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 3);
    let mut open_spans = 0;
    for line in LinesWithEndings::from(code) {
        open_spans += memo.highlight(line, &mut state, &mut scopes, &mut html)?;
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    Some(html)
}

/// Appends the HTML of `line`, parsed into `ops`, to `html`; returns how many spans it
/// leaves open (negative when it closes earlier ones).
fn push_spans(
    line: &str,
    ops: &[(usize, ScopeStackOp)],
    scopes: &mut ScopeStack,
    html: &mut String,
) -> Option<isize> {
    let (spans, opened) = line_tokens_to_classed_spans(line, ops, CLASS_STYLE, scopes).ok()?;
    html.push_str(&spans);
    Some(opened)
}

thread_local! {
    static MEMO: RefCell<LineMemo> = RefCell::new(LineMemo::default());
}

/// Parsing one line costs syntect microseconds (it tries dozens of regular expressions at
/// each position), and highlighting is most of a build's time. Guides repeat lines across
/// blocks and pages (prompts, `module load`, `cd`, closing braces, blank lines; FastAPI's
/// docs show each example twice and its variants beside it), and a line parses the same
/// way from the same state, so each thread remembers what lines parsed to, by their text
/// and the state they started in, and the HTML they gave. The memo is bounded: when it
/// is full it becomes the older half and a new one starts; lines found in the older half
/// move back, so lines that keep coming stay.
#[derive(Default)]
struct LineMemo {
    lines: HashMap<String, Vec<HighlightedLine>>,
    older: HashMap<String, Vec<HighlightedLine>>,
    remembered: usize,
}

struct HighlightedLine {
    before: ParseState,
    ops: Vec<(usize, ScopeStackOp)>,
    after: ParseState,
    /// The line's HTML and the spans it leaves open, unless they depend on the scopes
    /// open before the line (when an op clears or restores scopes).
    spans: Option<(String, isize)>,
}

impl LineMemo {
    /// Lines in each half of the memo (together about 8 MB a thread at most).
    const MAX_LINES: usize = 2_500;
    /// Long lines rarely recur and would take the most room.
    const MAX_LINE_LENGTH: usize = 160;

    /// Appends the HTML of `line` to `html`, from `state` and `scopes`, and leaves both as
    /// the line leaves them; returns how many spans the line leaves open.
    fn highlight(
        &mut self,
        line: &str,
        state: &mut ParseState,
        scopes: &mut ScopeStack,
        html: &mut String,
    ) -> Option<isize> {
        let mut entries = self.lines.get(line);
        if entries.is_none() {
            if let Some((text, moved)) = self.older.remove_entry(line) {
                self.make_room(moved.len());
                entries = Some(&*self.lines.entry(text).or_insert(moved));
            }
        }
        let known = entries.and_then(|lines| lines.iter().find(|known| known.before == *state));
        if let Some(known) = known {
            *state = known.after.clone();
            let Some((spans, opened)) = &known.spans else {
                return push_spans(line, &known.ops, scopes, html);
            };
            for (_, op) in &known.ops {
                scopes.apply(op).ok()?;
            }
            html.push_str(spans);
            return Some(*opened);
        }
        // A state that holds a regex's captures (inside a heredoc, say) never equals
        // another, not even its own copy, so a line parsed from it cannot be found again.
        let before = (line.len() <= Self::MAX_LINE_LENGTH)
            .then(|| state.clone())
            .filter(|before| before == state);
        let ops = state.parse_line(line, syntaxes()).ok()?;
        let start = html.len();
        let opened = push_spans(line, &ops, scopes, html)?;
        if let Some(before) = before {
            let depends_on_scopes = ops
                .iter()
                .any(|(_, op)| matches!(op, ScopeStackOp::Clear(_) | ScopeStackOp::Restore));
            let spans = (!depends_on_scopes).then(|| (html[start..].to_string(), opened));
            self.remember(
                line,
                HighlightedLine {
                    before,
                    ops,
                    after: state.clone(),
                    spans,
                },
            );
        }
        Some(opened)
    }

    /// Counts `count` more lines in the newer half, which becomes the older one first if
    /// it has no room for them.
    fn make_room(&mut self, count: usize) {
        if self.remembered + count > Self::MAX_LINES {
            self.older = std::mem::take(&mut self.lines);
            self.remembered = 0;
        }
        self.remembered += count;
    }

    fn remember(&mut self, line: &str, highlighted: HighlightedLine) {
        self.make_room(1);
        self.lines
            .entry(line.to_string())
            .or_default()
            .push(highlighted);
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, text)
        .expect("writing to a String cannot fail");
    out
}

/// The stylesheet for highlighted code: a light theme by default and a dark one when the
/// reader picked dark, or when the system is dark and the reader did not pick light. Made
/// from syntect's themes by [`tests::generated_stylesheet`] and kept in the repository:
/// loading the themes took 2.5 ms of every build.
pub const STYLESHEET: &str = include_str!("highlight.css");

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::highlighting::ThemeSet;
    use syntect::html::css_for_theme_with_class_style;

    /// [`STYLESHEET`] as syntect's themes give it.
    pub fn generated_stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
            .unwrap_or_default();
        let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
            .unwrap_or_default();
        let mut css = String::from("/* Generated by Waymark from syntect's themes. */\n");
        css.push_str(&strip_backgrounds(&light));
        css.push_str(&scoped(
            &strip_backgrounds(&dark),
            ":root[data-scheme=\"dark\"]",
        ));
        css.push_str("@media (prefers-color-scheme: dark) {\n");
        css.push_str(&scoped(
            &strip_backgrounds(&dark),
            ":root:not([data-scheme=\"light\"])",
        ));
        css.push_str("}\n");
        css
    }

    /// The code block's own background comes from the theme stylesheet, so that the block
    /// matches the page; only token colours are taken from syntect.
    fn strip_backgrounds(css: &str) -> String {
        css.lines()
            .filter(|line| !line.trim_start().starts_with("background-color"))
            .map(|line| format!("{line}\n"))
            .collect()
    }

    /// Prefixes every selector of `css` (syntect's simple one-rule-per-block output) with `scope`.
    fn scoped(css: &str, scope: &str) -> String {
        let mut out = String::with_capacity(css.len() * 2);
        for line in css.lines() {
            let trimmed = line.trim();
            let is_selector_line =
                trimmed.starts_with('.') && (trimmed.ends_with('{') || trimmed.ends_with(','));
            if is_selector_line {
                let (selectors, end) = trimmed.split_at(trimmed.len() - 1);
                let scoped: Vec<String> = selectors
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|selector| format!("{scope} {selector}"))
                    .collect();
                out.push_str(&scoped.join(", "));
                out.push_str(if end == "{" { " {" } else { "," });
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn highlights_into_classes_without_inline_styles() {
        let html = highlight("echo \"hi\" --force\n", Some("Console"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("--force"));
    }

    /// syntect's own HTML generator, which `highlight_lines` must match.
    fn reference(code: &str, lang: &str) -> String {
        let syntax = find_syntax(lang).unwrap();
        let mut generator = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes(),
            CLASS_STYLE,
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn remembered_lines_highlight_as_syntect_does() {
        // The same line text in different states: `x = 1` and `done` inside and outside a
        // string or heredoc, and a block left open at the end. The f-string and the
        // command substitution clear and restore scopes, so their HTML is made anew.
        let blocks = [
            (
                "python",
                "x = 1\n'''\nx = 1\n'''\nx = 1\ndef f():\n    return f\"{x} and {x!r}\"\n",
            ),
            (
                "bash",
                "done\ncat <<EOF\ndone\nEOF\nfor f in *; do\n  echo \"$(ls)\" ${f:-y}\ndone\n",
            ),
            ("rust", "fn main() {\n    /* open\n    fn main() {\n"),
            ("yaml", "key: value\nlist:\n  - key: value\n"),
        ];
        let mut memo = LineMemo::default();
        for (lang, code) in blocks {
            let syntax = find_syntax(lang).unwrap();
            let expected = reference(code, lang);
            // Parsed, then remembered, then found.
            for time in 1..=3 {
                let remembered = memo.remembered;
                let html = highlight_lines(code, syntax, &mut memo).unwrap();
                assert_eq!(html, expected, "{lang}, time {time}");
                if time == 3 {
                    assert_eq!(memo.remembered, remembered, "{lang}: all found");
                }
            }
        }
        // In the first line, in the string and after it: three states, of which the one
        // in the string holds the captured quotes and cannot be remembered.
        let states_of_x = memo.lines.get("x = 1\n").map_or(0, Vec::len);
        assert_eq!(states_of_x, 2);
        assert!(memo.lines["x = 1\n"].iter().all(|l| l.spans.is_some()));
        let f_string = &memo.lines["    return f\"{x} and {x!r}\"\n"];
        assert!(f_string.iter().all(|l| l.spans.is_none()));
    }

    #[test]
    fn the_memo_stays_bounded_and_skips_long_lines() {
        let syntax = find_syntax("bash").unwrap();
        let mut memo = LineMemo::default();
        let long = format!("echo {}\n", "x".repeat(LineMemo::MAX_LINE_LENGTH));
        highlight_lines(&long, syntax, &mut memo).unwrap();
        assert!(memo.lines.is_empty());
        highlight_lines(&long, syntax, &mut memo).unwrap();
        assert!(memo.lines.is_empty());
        let code: String = (0..LineMemo::MAX_LINES + 10)
            .map(|n| format!("echo {n}\n"))
            .collect();
        for _ in 0..2 {
            highlight_lines(&code, syntax, &mut memo).unwrap();
        }
        assert!(memo.remembered > 0);
        assert!(memo.remembered <= LineMemo::MAX_LINES);
        assert!(memo.lines.len() <= LineMemo::MAX_LINES);
        assert!(memo.older.len() <= LineMemo::MAX_LINES);
    }

    #[test]
    fn a_line_is_remembered_at_once_and_stays_while_it_keeps_coming() {
        let syntax = find_syntax("bash").unwrap();
        let mut memo = LineMemo::default();
        let common = "module load gcc\n";
        highlight_lines(common, syntax, &mut memo).unwrap();
        assert!(memo.lines.contains_key(common));
        // Other lines fill the memo: the common one is in the older half now.
        for n in 0..LineMemo::MAX_LINES {
            highlight_lines(&format!("echo {n}\n"), syntax, &mut memo).unwrap();
        }
        assert!(memo.older.contains_key(common) && !memo.lines.contains_key(common));
        // Met again, it moves back (found, not parsed and remembered a second time).
        highlight_lines(common, syntax, &mut memo).unwrap();
        assert!(!memo.older.contains_key(common));
        assert_eq!(memo.lines[common].len(), 1);
    }

    #[test]
    fn aliases_and_case_are_accepted() {
        for lang in ["py", "PY", "Python", "yml", "sh", "bash"] {
            assert!(find_syntax(lang).is_some(), "{lang}");
        }
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        assert_eq!(
            highlight("<b> & x\n", Some("no-such-lang")),
            "&lt;b&gt; &amp; x\n"
        );
        assert_eq!(highlight("a < b\n", None), "a &lt; b\n");
    }

    #[test]
    fn the_kept_stylesheet_is_the_one_syntect_themes_give() {
        let generated = generated_stylesheet();
        if std::env::var_os("WAYMARK_REGENERATE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/markdown/highlight.css");
            std::fs::write(path, &generated).unwrap();
        }
        assert!(
            STYLESHEET == generated,
            "src/markdown/highlight.css is out of date: run \
             `WAYMARK_REGENERATE=1 cargo test --lib highlight` to write it again"
        );
    }

    #[test]
    fn stylesheet_has_light_and_scoped_dark_rules() {
        let css = STYLESHEET;
        assert!(css.contains(".hl-"));
        assert!(css.contains(":root[data-scheme=\"dark\"] .hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
        let dark_scope = ":root[data-scheme=\"dark\"]";
        let light = css.split(dark_scope).next().unwrap().to_string();
        for line in css
            .lines()
            .filter(|l| l.contains(dark_scope) && l.contains(','))
        {
            for selector in line.trim_end_matches(['{', ',', ' ']).split(',') {
                assert!(
                    selector.trim().starts_with(dark_scope),
                    "unscoped dark selector in `{line}`"
                );
            }
        }
        assert!(!light.is_empty());
    }
}
