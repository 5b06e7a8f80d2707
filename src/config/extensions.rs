//! How Markdown is read, from the kind of project and (for mkdocs.yml) its
//! `markdown_extensions`.

/// Markdown reading options carried in [`super::Config::markdown`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Where Python-Markdown and CommonMark disagree and a warning says so, follow
    /// Python-Markdown, as MkDocs projects expect (the last of duplicate link reference
    /// definitions wins); book.toml projects follow CommonMark.
    pub python_markdown: bool,
    /// Bare addresses become links (pymdownx.magiclink).
    pub magiclink: bool,
    /// Critic marks in view mode (pymdownx.critic).
    pub critic: bool,
    /// `{! file !}` and `{* file *}` lines include files (mdx_include,
    /// markdown_include_variants).
    pub file_includes: bool,
    /// Straight quotes, `--` and `...` become typographic ones (mdBook's
    /// `smart-punctuation`).
    pub smart_punctuation: bool,
    /// Only CommonMark tools read the project (an mdBook book): no warnings where
    /// MkDocs would read a page differently.
    pub commonmark_only: bool,
}

impl MarkdownOptions {
    /// The options of an mkdocs.yml project with these `markdown_extensions`.
    pub fn mkdocs(extensions: &[(String, serde_norway::Mapping)]) -> Self {
        MarkdownOptions {
            python_markdown: true,
            critic: extensions.iter().any(|(name, _)| name == "pymdownx.critic"),
            file_includes: extensions
                .iter()
                .any(|(name, _)| name == "mdx_include" || name == "markdown_include_variants"),
            magiclink: extensions
                .iter()
                .any(|(name, _)| name == "pymdownx.magiclink"),
            // Python-Markdown's smarty extension is not read yet.
            smart_punctuation: false,
            commonmark_only: false,
        }
    }
}
