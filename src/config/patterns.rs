//! MkDocs' file patterns (`exclude_docs`, `draft_docs`, `not_in_nav`): gitignore lines
//! matched against paths relative to the docs folder; and the `fnmatch` patterns with
//! which MkDocs plugins name pages.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// A set of gitignore-style patterns; empty matches nothing.
#[derive(Debug, Clone)]
pub struct Patterns(Gitignore);

impl Default for Patterns {
    fn default() -> Self {
        Patterns(Gitignore::empty())
    }
}

impl Patterns {
    /// Compiles `lines` (comments and blank lines allowed); the lines that are not valid
    /// patterns are returned with the reason.
    pub fn parse<'l>(
        lines: impl IntoIterator<Item = &'l str>,
    ) -> (Patterns, Vec<(String, String)>) {
        // The root is irrelevant: only relative paths are ever matched.
        let mut builder = GitignoreBuilder::new("");
        let mut invalid = Vec::new();
        for line in lines {
            if let Err(err) = builder.add_line(None, line) {
                invalid.push((line.to_string(), err.to_string()));
            }
        }
        let set = builder.build().unwrap_or_else(|_| Gitignore::empty());
        (Patterns(set), invalid)
    }

    /// Whether `rel_path` (`/` separators, relative to the docs folder) or one of its
    /// folders matches.
    pub fn matches(&self, rel_path: &str, is_dir: bool) -> bool {
        !self.0.is_empty()
            && self
                .0
                .matched_path_or_any_parents(rel_path, is_dir)
                .is_ignore()
    }
}

/// The hint for a pattern [`Fnmatch::parse`] could not read.
pub const FNMATCH_HINT: &str =
    "write `*` for any run of characters, `?` for one, `[abc]` for one of a set";

/// Patterns as Python's `fnmatch` reads them, which plugins such as mkdocs-exclude-search
/// and git-revision-date-localized use to name pages: `*` is any run of characters (`/`
/// too), `?` one character, `[seq]` and `[!seq]` one character in (not in) a set; anything
/// else, braces and backslashes included, stands for itself.
#[derive(Debug, Clone, Default)]
pub struct Fnmatch {
    /// As written, to compare settings.
    patterns: Vec<String>,
    set: GlobSet,
}

impl PartialEq for Fnmatch {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Eq for Fnmatch {}

impl Fnmatch {
    /// The patterns as one set; those that cannot be read are returned with the reason.
    pub fn parse<'p>(
        patterns: impl IntoIterator<Item = &'p str>,
    ) -> (Fnmatch, Vec<(String, String)>) {
        let mut set = GlobSetBuilder::new();
        let mut kept = Vec::new();
        let mut invalid = Vec::new();
        for pattern in patterns {
            let glob = GlobBuilder::new(&glob_syntax(pattern))
                .literal_separator(false)
                .backslash_escape(true)
                .build();
            match glob {
                Ok(glob) => {
                    set.add(glob);
                    kept.push(pattern.to_string());
                }
                Err(err) => invalid.push((pattern.to_string(), err.kind().to_string())),
            }
        }
        let set = set.build().unwrap_or_else(|_| GlobSet::empty());
        (
            Fnmatch {
                patterns: kept,
                set,
            },
            invalid,
        )
    }

    /// Whether the whole of `path` matches one of the patterns.
    pub fn matches(&self, path: &str) -> bool {
        self.set.is_match(path)
    }
}

/// An fnmatch pattern in globset's syntax: what globset reads otherwise (braces,
/// backslashes, a `[` that no `]` closes, `^` opening a set) is escaped.
fn glob_syntax(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut glob = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => match set_end(&chars, i) {
                Some(end) => {
                    let mut body: String = chars[i + 1..end].iter().collect();
                    // fnmatch's `[^a]` is `^` or `a`; globset would read it as "not a".
                    if let Some(rest) = body.strip_prefix('^') {
                        body = format!("{rest}^");
                    }
                    glob.push('[');
                    glob.push_str(&body);
                    glob.push(']');
                    i = end + 1;
                    continue;
                }
                None => glob.push_str("\\["),
            },
            c @ ('{' | '}' | '\\' | ']') => {
                glob.push('\\');
                glob.push(c);
            }
            c => glob.push(c),
        }
        i += 1;
    }
    glob
}

/// Where the set opened at `open` closes, as fnmatch finds it: a `]` right after `[` or
/// `[!` belongs to the set.
fn set_end(chars: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    if chars.get(i) == Some(&'!') {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        i += 1;
    }
    (i..chars.len()).find(|&j| chars[j] == ']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_patterns_match_as_python_does() {
        let (set, invalid) = Fnmatch::parse([
            "drafts/*",
            "notes?.md",
            "v[12]/index.md",
            "[!a]bc",
            "braces{1}.md",
            "open[bracket",
            "back\\slash",
            "[^x]y",
            "[]]z",
        ]);
        assert!(invalid.is_empty(), "{invalid:?}");
        for matched in [
            "drafts/a/b.md",
            "notes1.md",
            "v2/index.md",
            "xbc",
            "braces{1}.md",
            "open[bracket",
            "back\\slash",
            "^y",
            "xy",
            "]z",
        ] {
            assert!(set.matches(matched), "{matched}");
        }
        for unmatched in [
            "guide/drafts/a.md",
            "notes12.md",
            "v3/index.md",
            "abc",
            "braces1.md",
            "back/slash",
            "xy2",
        ] {
            assert!(!set.matches(unmatched), "{unmatched}");
        }
        assert!(!Fnmatch::default().matches("anything.md"));
    }

    fn patterns(text: &str) -> Patterns {
        let (patterns, invalid) = Patterns::parse(text.lines());
        assert!(invalid.is_empty(), "{invalid:?}");
        patterns
    }

    #[test]
    fn match_as_gitignore_does() {
        let set =
            patterns("# drafts and scratch\n.*\n/templates/\n*.py\n!keep.py\nabout/secret.md\n");
        assert!(set.matches(".hidden.md", false));
        assert!(set.matches("templates/page.md", false));
        assert!(set.matches("templates", true));
        assert!(!set.matches("guide/templates.md", false));
        assert!(!set.matches("guide/templates/x.md", false));
        assert!(set.matches("scripts/gen.py", false));
        assert!(!set.matches("scripts/keep.py", false));
        assert!(set.matches("about/secret.md", false));
        assert!(!set.matches("about/public.md", false));
        assert!(!Patterns::default().matches("anything.md", false));
    }
}
