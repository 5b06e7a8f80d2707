//! MkDocs' file patterns (`exclude_docs`, `draft_docs`, `not_in_nav`): gitignore lines
//! matched against paths relative to the docs folder.

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

#[cfg(test)]
mod tests {
    use super::*;

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
