//! How Markdown is read, from the kind of project and (for mkdocs.yml) its
//! `markdown_extensions`.

use serde_norway::{Mapping, Value};

/// Markdown reading options carried in [`super::Config::markdown`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Where Python-Markdown and CommonMark disagree and a warning says so, follow
    /// Python-Markdown, as MkDocs projects expect (the last of duplicate link reference
    /// definitions wins); book.toml projects follow CommonMark.
    pub python_markdown: bool,
    /// Bare addresses become links (pymdownx.magiclink).
    pub magiclink: bool,
    /// magiclink's shorthands for the project's repository (`#123`, `!45`, `@user`,
    /// `user/repo#1`), when `repo_url_shorthand` or `social_url_shorthand` asks for them.
    pub repository: Option<Repository>,
    /// Critic marks, shown or applied (pymdownx.critic and its `mode`).
    pub critic: Option<CriticMode>,
    /// How `==mark==`, `^^insert^^`, `^sup^`, `~~delete~~` and `~sub~` are read
    /// (pymdownx.mark, caret and tilde, and their options).
    pub spans: Spans,
    /// How `++ctrl+c++` keys are written (pymdownx.keys' options).
    pub keys: Keys,
    /// `{! file !}` and `{* file *}` lines include files (mdx_include,
    /// markdown_include_variants).
    pub file_includes: bool,
    /// LaTeX math between `$`, `$$`, `\\(`/`\\)`, `\\[`/`\\]` and in `math` fences is drawn
    /// (pymdownx.arithmatex).
    pub math: bool,
    /// Math is written only between `\\(`/`\\)` and `\\[`/`\\]`, the backslash doubled
    /// (mdBook's `mathjax-support`); dollars stay text.
    pub mathjax_delimiters: bool,
    /// Inline code that starts with `#!lang ` or `:::lang ` is highlighted in that language
    /// (pymdownx.inlinehilite).
    pub inline_highlight: bool,
    /// The first line of an indented code block may name its language (`:::python`,
    /// `#!python`), as codehilite reads it.
    pub codehilite: Option<Codehilite>,
    /// pymdownx.highlight's `linenums`: `true` numbers the lines of every code block
    /// (but those set to `linenums="0"`), `false` of none, even those that ask.
    pub highlight_linenums: Option<bool>,
    /// `NOTE: text` paragraphs and `> NOTE:` quotes are admonitions (markdown-callouts'
    /// `callouts`); whether a bold title loses its final period (`strip_period`).
    pub callouts: Option<bool>,
    /// `> [!NOTE] Title` quotes are admonitions, `> [!TIP]+` open and `> [!TIP]-` closed
    /// collapsible ones (pymdownx.quotes with `callouts: true`).
    pub quote_callouts: bool,
    /// Headings keep their markup (code, emphasis, icons) in the table of contents
    /// (Material's typeset plugin).
    pub typeset: bool,
    /// Task checkboxes are wrapped for stylesheets that draw their own
    /// (pymdownx.tasklist's `custom_checkbox`).
    pub custom_checkbox: bool,
    /// `(c)`, `-->`, `1/2`, `1st` and the like become symbols (pymdownx.smartsymbols), in
    /// the groups switched on.
    pub smart_symbols: Option<SmartSymbols>,
    /// How footnotes are numbered, linked and placed (the `footnotes` extension's options).
    pub footnotes: FootnoteOptions,
    /// `*` and `**` inside a word (`**bold**text`) stay text (pymdownx.betterem's
    /// `smart_enable: all` or `asterisk`).
    pub smart_asterisk: bool,
    /// How heading ids are made from their text (`toc: {slugify: ...}`).
    pub heading_slug: Slugify,
    /// Tab ids made from their labels (`pymdownx.tabbed: {slugify: ...}`), instead of
    /// numbered ones.
    pub tab_slug: Option<TabSlug>,
    /// The `toc` extension's options for the table of contents and heading links.
    pub toc: TocOptions,
    /// Straight quotes, `--` and `...` become typographic ones (mdBook's
    /// `smart-punctuation`).
    pub smart_punctuation: bool,
    /// Only CommonMark tools read the project (an mdBook book): no warnings where
    /// MkDocs would read a page differently.
    pub commonmark_only: bool,
    /// Block names a project declares in `pymdownx.blocks.admonition` and
    /// `pymdownx.blocks.details` `types` (`/// new | Title`).
    pub block_types: Vec<BlockType>,
    /// Each line break in a paragraph is a `<br>` (Python-Markdown's `nl2br`).
    pub line_breaks: bool,
    /// How far blocks inside a list item are indented, when not Python-Markdown's 4
    /// (`mdx_truly_sane_lists`' `nested_indent`, 2 unless set).
    pub list_indent: Option<usize>,
    /// The titles of `!!!` and `???` boxes written without one, by their type words
    /// (`note`), in a language's site (mkdocs-static-i18n's `admonition_translations`).
    pub admonition_titles: std::collections::BTreeMap<String, String>,
}

impl MarkdownOptions {
    /// The options a notebook's cells are read with: Jupyter renders Markdown as a
    /// CommonMark tool does (a list may follow a paragraph line, nested lists need no four
    /// spaces), with GitHub's bare links (`https://...`, `www.`, addresses), and always
    /// draws math between dollars; its code cells have no line numbers.
    pub fn for_notebooks(&self) -> MarkdownOptions {
        MarkdownOptions {
            python_markdown: false,
            commonmark_only: true,
            math: true,
            mathjax_delimiters: false,
            magiclink: true,
            repository: None,
            highlight_linenums: None,
            codehilite: None,
            ..self.clone()
        }
    }
}

/// A `/// name` block a project declares: an admonition, or a collapsible one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockType {
    pub name: String,
    pub class: String,
    /// Shown when the block gives none: the declared title, or the class's words
    /// capitalised (`my-type` is "My Type"), as pymdownx makes it.
    pub title: String,
    pub collapsible: bool,
}

impl BlockType {
    /// The types listed in an extension's `types` option: names, or mappings with `name`
    /// and optionally `class` and `title`.
    fn from_mkdocs(options: &Mapping, collapsible: bool) -> Vec<BlockType> {
        let Some(Value::Sequence(types)) = options.get("types") else {
            return Vec::new();
        };
        types
            .iter()
            .filter_map(|entry| {
                let field = |key: &str| entry.get(key).and_then(Value::as_str);
                let name = entry.as_str().or_else(|| field("name"))?.to_string();
                let class = field("class").map_or_else(|| name.clone(), str::to_string);
                let title =
                    field("title").map_or_else(|| words_capitalised(&class), str::to_string);
                Some(BlockType {
                    name,
                    class,
                    title,
                    collapsible,
                })
            })
            .collect()
    }
}

/// `my-block_type` as "My Block Type".
fn words_capitalised(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// pymdownx.critic's `mode`: what its marks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriticMode {
    /// Shown as suggestions: insertions, deletions, highlights and comments marked up.
    View,
    /// Applied: insertions and the new text of substitutions kept, the rest dropped.
    Accept,
    /// Undone: deletions and the old text of substitutions kept, the rest dropped.
    Reject,
}

impl CriticMode {
    /// The mode an mkdocs.yml entry asks for; an unknown value is returned as an error.
    fn from_mkdocs(options: &Mapping) -> Result<Self, String> {
        match options.get("mode").map(|m| m.as_str().ok_or(m)) {
            None | Some(Ok("view")) => Ok(CriticMode::View),
            Some(Ok("accept")) => Ok(CriticMode::Accept),
            Some(Ok("reject")) => Ok(CriticMode::Reject),
            Some(Ok(other)) => Err(other.to_string()),
            Some(Err(value)) => Err(format!("{value:?}")),
        }
    }
}

/// codehilite's options that change what Waymark writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Codehilite {
    /// `linenums`: `true` numbers the lines of every indented code block, `false` of
    /// none; unset, of those whose first line is a `#!` line.
    pub linenums: Option<bool>,
}

/// pymdownx.keys' options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// Written between two keys (`separator`).
    pub separator: String,
    /// The keys are wrapped in `<kbd class="keys">` rather than `<span class="keys">`
    /// (`strict`).
    pub strict: bool,
    /// Names may be written in camel case, `pageUp` for `page-up` (`camel_case`);
    /// otherwise they are read as written, lower case.
    pub camel_case: bool,
    /// Keys of the project's own, or other names for known ones, with the text shown for
    /// each (`key_map`), sorted by name.
    pub key_map: Vec<(String, String)>,
}

impl Default for Keys {
    /// pymdown-extensions' defaults.
    fn default() -> Self {
        Keys {
            separator: "+".to_string(),
            strict: false,
            camel_case: false,
            key_map: Vec::new(),
        }
    }
}

impl Keys {
    /// The options of a `pymdownx.keys` entry, and the keys it does not have.
    fn from_mkdocs(options: &Mapping) -> (Self, Vec<String>) {
        let defaults = Keys::default();
        let flag = |key: &str| options.get(key).and_then(Value::as_bool).unwrap_or(false);
        let mut key_map: Vec<(String, String)> = options
            .get("key_map")
            .and_then(Value::as_mapping)
            .map(|map| {
                map.iter()
                    .filter_map(|(name, shown)| {
                        Some((name.as_str()?.to_string(), shown.as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        key_map.sort();
        let keys = Keys {
            separator: options
                .get("separator")
                .and_then(Value::as_str)
                .map_or(defaults.separator, str::to_string),
            strict: flag("strict"),
            camel_case: flag("camel_case"),
            key_map,
        };
        let unknown = unknown_keys(options, &["separator", "strict", "camel_case", "key_map"]);
        (keys, unknown)
    }
}

/// How each kind of span delimiter pairs: `=` (pymdownx.mark), `^` (pymdownx.caret) and
/// `~` (pymdownx.tilde).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    pub mark: SpanRules,
    pub caret: SpanRules,
    pub tilde: SpanRules,
    /// `\ ` is a space, one that a superscript or subscript may hold (pymdownx.caret and
    /// tilde make it an escape when their single spans hold no spaces).
    pub escaped_space: bool,
}

/// The rules of one delimiter, as pymdown-extensions derives them from its options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanRules {
    /// A doubled delimiter makes a span: `<mark>`, `<ins>` or `<del>` (`insert`,
    /// `delete`).
    pub double: bool,
    /// A single one makes a span: `<sup>` or `<sub>` (`superscript`, `subscript`).
    pub single: bool,
    /// A doubled delimiter inside a word opens and closes nothing, or with `no_space` is
    /// two single ones (`smart_mark`, `smart_insert`, `smart_delete`).
    pub smart: bool,
    /// A single-delimiter span may not hold whitespace (`no_space`).
    pub no_space: bool,
    /// CommonMark's punctuation rules for flanking delimiters (`punctuation`).
    pub punctuation: bool,
}

impl Default for Spans {
    /// pymdown-extensions' defaults.
    fn default() -> Self {
        let both = SpanRules {
            double: true,
            single: true,
            smart: false,
            no_space: true,
            punctuation: false,
        };
        Spans {
            mark: SpanRules {
                single: false,
                no_space: false,
                punctuation: true,
                ..both
            },
            caret: both,
            tilde: both,
            escaped_space: false,
        }
    }
}

impl SpanRules {
    /// The options of pymdownx.caret (`double` and `single` naming `insert` and
    /// `superscript`) or pymdownx.tilde (`delete`, `subscript`), with the names of those
    /// it does not know.
    fn from_mkdocs(
        options: &Mapping,
        double: &str,
        single: &str,
        smart: &str,
    ) -> (Self, Vec<String>) {
        let flag =
            |key: &str, default: bool| options.get(key).and_then(Value::as_bool).unwrap_or(default);
        let (double_on, single_on) = (flag(double, true), flag(single, true));
        // With the double span alone, the extension pairs it as pymdownx.mark does.
        let double_only = double_on && !single_on;
        let rules = SpanRules {
            double: double_on,
            single: single_on,
            smart: flag(smart, false),
            no_space: flag("no_space", true) && !double_only,
            punctuation: flag("punctuation", false) || double_only,
        };
        let known = [double, single, smart, "no_space", "punctuation"];
        (rules, unknown_keys(options, &known))
    }
}

/// pymdownx.highlight's options that change what a reader sees and that Waymark does
/// not follow, each with what it would do. Its other options shape Pygments' markup, which
/// Waymark's own highlighting replaces.
fn highlight_not_followed(settings: &Mapping) -> Vec<NotFollowed> {
    let on = |key: &str| settings.get(key).and_then(Value::as_bool) == Some(true);
    let given = |key: &str| is_given(settings, key);
    [
        (
            on("auto_title"),
            "auto_title",
            "a code block without a title gets none, where Pygments would name its language",
        ),
        (
            on("guess_lang"),
            "guess_lang",
            "a code block that names no language is shown plain, where Pygments would guess one",
        ),
        (
            given("default_lang"),
            "default_lang",
            "a code block that names no language is shown plain",
        ),
        (
            given("linenums_special"),
            "linenums_special",
            "no line number is marked as special",
        ),
        (
            given("extend_pygments_lang"),
            "extend_pygments_lang",
            "the language names it adds are not known: their code is shown plain",
        ),
    ]
    .into_iter()
    .filter(|(set, ..)| *set)
    .map(|(_, key, effect)| {
        NotFollowed::new(
            "pymdownx.highlight",
            format!("`{key}` (in `pymdownx.highlight`) is not followed: {effect}"),
            "Waymark highlights code itself; name the language after the fence (```python)",
        )
    })
    .collect()
}

/// Whether the option `key` is given a value that does something: not left out, nor
/// null, `false`, `""` or -1 (pymdownx's "off" for a number).
fn is_given(settings: &Mapping, key: &str) -> bool {
    settings.get(key).is_some_and(|value| {
        !matches!(value, Value::Null | Value::Bool(false))
            && value.as_i64() != Some(-1)
            && value.as_str() != Some("")
    })
}

/// One warning naming the options of `extension` that Waymark does not know, if any,
/// with `hint`.
fn unknown_options(
    extension: &str,
    unknown: Vec<String>,
    hint: &'static str,
) -> Option<NotFollowed> {
    let (last, others) = unknown.split_last()?;
    let names = if others.is_empty() {
        format!("the option `{last}` of `{extension}` is")
    } else {
        let others: Vec<String> = others.iter().map(|key| format!("`{key}`")).collect();
        format!(
            "the options {} and `{last}` of `{extension}` are",
            others.join(", ")
        )
    };
    Some(NotFollowed::new(
        extension,
        format!("{names} not known to Waymark"),
        hint,
    ))
}

/// A setting of a Markdown extension that Waymark does not follow, for a warning.
#[derive(Debug, PartialEq, Eq)]
pub struct NotFollowed {
    /// The extension whose setting it is, where the warning points.
    pub extension: String,
    pub message: String,
    pub hint: &'static str,
}

impl NotFollowed {
    fn new(extension: &str, message: String, hint: &'static str) -> Self {
        NotFollowed {
            extension: extension.to_string(),
            message,
            hint,
        }
    }
}

/// The hint of a warning about options of pymdownx.mark, caret or tilde.
const SPAN_OPTIONS: &str = "pymdownx.mark reads `smart_mark`; pymdownx.caret `insert`, `superscript`, `smart_insert`, `no_space` and `punctuation`; pymdownx.tilde `delete`, `subscript`, `smart_delete`, `no_space` and `punctuation`";

/// The keys of `options` not in `known`.
pub(super) fn unknown_keys(options: &Mapping, known: &[&str]) -> Vec<String> {
    options
        .keys()
        .filter_map(Value::as_str)
        .filter(|key| !known.contains(key))
        .map(str::to_string)
        .collect()
}

/// The `footnotes` extension's options (Python-Markdown's defaults, except the order in
/// `book.toml` projects: there footnotes are numbered in order of first reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteOptions {
    /// A paragraph holding this text is replaced by the list of footnotes (`PLACE_MARKER`).
    pub place_marker: String,
    /// Ids carry a document number, `fn:2-label` (`UNIQUE_IDS`).
    pub unique_ids: bool,
    /// The HTML of each link back to the text (`BACKLINK_TEXT`).
    pub backlink_text: String,
    /// The text of a reference, `{}` standing for the number (`SUPERSCRIPT_TEXT`).
    pub superscript_text: String,
    /// The title of each link back, `{}` standing for the number (`BACKLINK_TITLE`).
    pub backlink_title: String,
    /// Between `fn`/`fnref` and the label in ids (`SEPARATOR`).
    pub separator: String,
    /// Numbered and listed in definition order, not in order of first reference
    /// (`USE_DEFINITION_ORDER`).
    pub use_definition_order: bool,
}

impl Default for FootnoteOptions {
    fn default() -> Self {
        FootnoteOptions {
            place_marker: "///Footnotes Go Here///".into(),
            unique_ids: false,
            backlink_text: "&#8617;".into(),
            superscript_text: "{}".into(),
            backlink_title: "Jump back to footnote {} in the text".into(),
            separator: ":".into(),
            use_definition_order: false,
        }
    }
}

impl FootnoteOptions {
    /// Python-Markdown's numbering, in definition order, for mkdocs.yml projects with or
    /// without the extension's options.
    fn mkdocs_default() -> Self {
        FootnoteOptions {
            use_definition_order: true,
            ..FootnoteOptions::default()
        }
    }

    /// The options as mkdocs.yml sets them, and the keys the extension does not have
    /// (MkDocs stops at them).
    fn from_mkdocs(options: &Mapping) -> (Self, Vec<String>) {
        let mut footnotes = FootnoteOptions::mkdocs_default();
        let mut unknown = Vec::new();
        for (key, value) in options {
            let key = key.as_str().unwrap_or_default();
            let text = || match value {
                Value::String(s) => s.clone(),
                other => serde_norway::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let flag = value.as_bool().unwrap_or(false);
            match key {
                "PLACE_MARKER" => footnotes.place_marker = text(),
                "UNIQUE_IDS" => footnotes.unique_ids = flag,
                "BACKLINK_TEXT" => footnotes.backlink_text = text(),
                "SUPERSCRIPT_TEXT" => footnotes.superscript_text = text(),
                // `%d` is the older form of `{}`.
                "BACKLINK_TITLE" => footnotes.backlink_title = text().replace("%d", "{}"),
                "SEPARATOR" => footnotes.separator = text(),
                "USE_DEFINITION_ORDER" => footnotes.use_definition_order = flag,
                other => unknown.push(other.to_string()),
            }
        }
        (footnotes, unknown)
    }
}

/// pymdownx.smartsymbols' groups of stand-ins, each on unless its option says `false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartSymbols {
    pub trademark: bool,
    pub copyright: bool,
    pub registered: bool,
    pub plus_minus: bool,
    pub arrows: bool,
    pub not_equal: bool,
    pub fractions: bool,
    pub ordinal_numbers: bool,
    pub care_of: bool,
}

impl Default for SmartSymbols {
    fn default() -> Self {
        SmartSymbols {
            trademark: true,
            copyright: true,
            registered: true,
            plus_minus: true,
            arrows: true,
            not_equal: true,
            fractions: true,
            ordinal_numbers: true,
            care_of: true,
        }
    }
}

impl SmartSymbols {
    fn from_mkdocs(options: &Mapping) -> Self {
        let on = |key: &str| options.get(key).and_then(Value::as_bool).unwrap_or(true);
        SmartSymbols {
            trademark: on("trademark"),
            copyright: on("copyright"),
            registered: on("registered"),
            plus_minus: on("plusminus"),
            arrows: on("arrows"),
            not_equal: on("notequal"),
            fractions: on("fractions"),
            ordinal_numbers: on("ordinal_numbers"),
            care_of: on("care_of"),
        }
    }
}

/// `toc`'s options that change what readers see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocOptions {
    /// The heading levels listed, first and last (`toc_depth: 3` or `"2-4"`; the page
    /// title, level 1, is never listed), if given. They count after `baselevel`.
    pub depth: Option<(u8, u8)>,
    /// The level a `#` heading gets (`baselevel: 2` makes `#` an h2, `##` an h3, ...; none
    /// goes below h6).
    pub baselevel: u8,
    /// The contents' heading instead of the theme's "On this page" (`title`).
    pub title: Option<String>,
    /// The text of each heading's link to itself instead of `#` (`permalink: "¶"`).
    pub permalink: Option<String>,
    /// The tooltip of those links (`permalink_title`).
    pub permalink_title: Option<String>,
    /// Each heading's text is a link to the heading, with this class (`anchorlink`,
    /// `anchorlink_class`).
    pub anchorlink: Option<String>,
}

impl Default for TocOptions {
    fn default() -> Self {
        TocOptions {
            depth: None,
            baselevel: 1,
            title: None,
            permalink: None,
            permalink_title: None,
            anchorlink: None,
        }
    }
}

impl TocOptions {
    /// The levels "On this page" lists: Waymark's theme shows levels 2 and 3 unless
    /// `toc_depth` says otherwise.
    pub fn sidebar_levels(&self) -> (u8, u8) {
        self.depth.unwrap_or((2, 3))
    }

    /// The levels a `[TOC]` marker lists: all but the page title, as Python-Markdown's
    /// default depth lists them, unless `toc_depth` says otherwise.
    pub fn marker_levels(&self) -> (u8, u8) {
        self.depth.unwrap_or((2, 6))
    }

    fn from_mkdocs(options: &Mapping) -> Self {
        let text = |key: &str| options.get(key).and_then(Value::as_str).map(str::to_string);
        // Python-Markdown reads both as `int(value)`: a number or a string of one.
        let number = |value: &Value| match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        let depth = match options.get("toc_depth") {
            Some(Value::String(range)) if range.contains('-') => {
                range.split_once('-').and_then(|(a, b)| {
                    let (first, last) =
                        (a.trim().parse::<u8>().ok()?, b.trim().parse::<u8>().ok()?);
                    Some((first.clamp(2, 6), last.clamp(1, 6)))
                })
            }
            Some(depth) => number(depth).map(|last| (2, last.clamp(1, 6) as u8)),
            None => None,
        };
        TocOptions {
            depth,
            baselevel: options
                .get("baselevel")
                .and_then(number)
                .map_or(1, |level| level.clamp(1, 6) as u8),
            title: text("title"),
            // `permalink: true` asks for MkDocs' own symbol; the theme keeps its `#`.
            permalink: text("permalink").filter(|p| !p.is_empty()),
            permalink_title: text("permalink_title"),
            anchorlink: options
                .get("anchorlink")
                .and_then(Value::as_bool)
                .unwrap_or(false)
                .then(|| text("anchorlink_class").unwrap_or_else(|| "toclink".into())),
        }
    }
}

/// The slug functions MkDocs projects name in their settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Slugify {
    /// `markdown.extensions.toc.slugify`, MkDocs' default: accents dropped, ASCII only.
    #[default]
    Ascii,
    /// `markdown.extensions.toc.slugify_unicode`: letters of every script kept.
    Unicode,
    /// `pymdownx.slugs.slugify` with its keyword arguments: Unicode kept, each space
    /// becomes a separator.
    Pymdownx {
        case: SlugCase,
        percent_encode: bool,
        /// The Unicode normal form applied first (`NFC`, `NFD`, `NFKC` or `NFKD`).
        normalize: String,
    },
    /// mdBook's: lowercase, letters, digits, `_` and `-` kept, each space a `-` (so
    /// `Select / extend mode` is `select--extend-mode`), repeats numbered `-1`, `-2`...
    MdBook,
}

/// `case=` of `pymdownx.slugs.slugify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugCase {
    /// As written.
    Keep,
    Lower,
    /// Only the ASCII letters lowered.
    LowerAscii,
    /// Unicode case folding.
    Fold,
}

/// The repository that magiclink's shorthands point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// `github`, `gitlab` or `bitbucket`.
    pub provider: String,
    pub user: String,
    pub repo: String,
    /// `#1`, `!1`, `?1`, `user/repo#1` and `@user/repo` (`repo_url_shorthand`).
    pub repo_shorthand: bool,
    /// `@user` (`social_url_shorthand`).
    pub social_shorthand: bool,
    /// `!1` and `?1` are shown as `#1` (`normalize_issue_symbols`).
    pub normalize_issue_symbols: bool,
    /// Which extension's rules and markup the shorthands follow.
    pub style: ShorthandStyle,
    /// The host's address when it is not the provider's public one (mdx_gh_links'
    /// `domain`, for GitHub Enterprise).
    pub domain: Option<String>,
}

/// The extension that links a repository's shorthands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShorthandStyle {
    /// pymdownx.magiclink: shorthands start a word; `magiclink-*` classes.
    Magiclink,
    /// mdx_gh_links (MkDocs' own docs): `#1`, `@user` and commit hashes anywhere in the
    /// text, GitHub only; `gh-link` classes.
    GhLinks,
}

impl Repository {
    fn from_mkdocs(options: &Mapping) -> Option<Repository> {
        let flag = |key: &str| options.get(key).and_then(Value::as_bool).unwrap_or(false);
        let text = |key: &str| options.get(key).and_then(Value::as_str).unwrap_or_default();
        let (repo_shorthand, social_shorthand) =
            (flag("repo_url_shorthand"), flag("social_url_shorthand"));
        let provider = match text("provider") {
            "" => "github",
            known @ ("github" | "gitlab" | "bitbucket") => known,
            _ => return None,
        };
        (repo_shorthand || social_shorthand).then(|| Repository {
            provider: provider.to_string(),
            user: text("user").to_string(),
            repo: text("repo").to_string(),
            repo_shorthand,
            social_shorthand,
            normalize_issue_symbols: flag("normalize_issue_symbols"),
            style: ShorthandStyle::Magiclink,
            domain: None,
        })
    }

    /// mdx_gh_links' `user`, `repo` and `domain`.
    fn from_gh_links(options: &Mapping) -> Repository {
        let text = |key: &str| options.get(key).and_then(Value::as_str).unwrap_or_default();
        Repository {
            provider: "github".into(),
            user: text("user").to_string(),
            repo: text("repo").to_string(),
            repo_shorthand: true,
            social_shorthand: true,
            normalize_issue_symbols: false,
            style: ShorthandStyle::GhLinks,
            domain: options
                .get("domain")
                .and_then(Value::as_str)
                .map(|d| d.trim_end_matches('/').to_string()),
        }
    }
}

/// `pymdownx.tabbed`'s `slugify`, `separator` and `combine_header_slug`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabSlug {
    pub slugify: Slugify,
    pub separator: String,
    /// The id of the heading above the tab set goes first (`{heading}-{label}`).
    pub combine_header_slug: bool,
}

impl Slugify {
    /// The function a `slugify:` setting names, read as the configuration reader leaves
    /// Python tags (`{python: "object/apply:pymdownx.slugs.slugify", args: {kwds: ...}}`);
    /// an error names what is not understood.
    fn from_setting(value: &Value) -> Result<Slugify, String> {
        let python = value
            .get("python")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let function = python.split_once(':').map_or(python, |(_, f)| f);
        let kwds = value.get("args").and_then(|a| a.get("kwds"));
        let text = |key: &str| kwds.and_then(|k| k.get(key)).and_then(Value::as_str);
        match function {
            "markdown.extensions.toc.slugify" => Ok(Slugify::Ascii),
            "markdown.extensions.toc.slugify_unicode" => Ok(Slugify::Unicode),
            "pymdownx.slugs.slugify" => Ok(Slugify::Pymdownx {
                case: match text("case").unwrap_or("none") {
                    "none" => SlugCase::Keep,
                    "lower" => SlugCase::Lower,
                    "lower-ascii" => SlugCase::LowerAscii,
                    "fold" => SlugCase::Fold,
                    other => return Err(format!("`case: {other}` of pymdownx.slugs.slugify")),
                },
                percent_encode: kwds
                    .and_then(|k| k.get("percent_encode"))
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                normalize: text("normalize").unwrap_or("NFC").to_string(),
            }),
            // The names pymdown-extensions had before `slugify(case=...)`.
            "pymdownx.slugs.uslugify" => Ok(Slugify::Pymdownx {
                case: SlugCase::Lower,
                percent_encode: false,
                normalize: "NFC".into(),
            }),
            "pymdownx.slugs.uslugify_cased" => Ok(Slugify::Pymdownx {
                case: SlugCase::Keep,
                percent_encode: false,
                normalize: "NFC".into(),
            }),
            "" => Err("a `slugify` setting that names no function".into()),
            other => Err(format!("the slug function `{other}`")),
        }
    }
}

/// `slugify:` of an extension's options, if set; an error names what is not understood.
fn slug_setting(options: &Mapping) -> Option<Result<Slugify, String>> {
    options.get("slugify").map(Slugify::from_setting)
}

impl MarkdownOptions {
    /// The options of an mkdocs.yml project with these `markdown_extensions`, and the
    /// settings among them that Waymark cannot follow (each with a hint).
    pub fn mkdocs(extensions: &[(String, Mapping)]) -> (Self, Vec<NotFollowed>) {
        let mut not_followed = Vec::new();
        let options_of = |name: &str| {
            extensions
                .iter()
                .find(|(n, _)| n == name || n.strip_prefix("markdown.extensions.") == Some(name))
                .map(|(_, options)| options)
        };
        let enabled = |name: &str| options_of(name).is_some();
        let mut slug = |name: &str| match options_of(name).and_then(slug_setting) {
            Some(Ok(slug)) => Some(slug),
            Some(Err(unknown)) => {
                not_followed.push(NotFollowed::new(
                    name,
                    format!("{unknown} (in `{name}`) is not known to Waymark: ids are made as MkDocs makes them by default"),
                    "ids of headings and tabs may differ from MkDocs', and links to them may not resolve",
                ));
                None
            }
            None => None,
        };
        let heading_slug = slug("toc").unwrap_or_default();
        let tab_slug = slug("pymdownx.tabbed").map(|slugify| {
            let tabbed = options_of("pymdownx.tabbed");
            let setting = |key: &str| tabbed.and_then(|o| o.get(key));
            TabSlug {
                slugify,
                separator: setting("separator")
                    .and_then(Value::as_str)
                    .unwrap_or("-")
                    .to_string(),
                combine_header_slug: setting("combine_header_slug")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }
        });
        let footnotes = match options_of("footnotes") {
            Some(settings) => {
                let (footnotes, unknown) = FootnoteOptions::from_mkdocs(settings);
                for key in unknown {
                    not_followed.push(NotFollowed::new(
                        "footnotes",
                        format!("the option `{key}` of `footnotes` is not known to Waymark"),
                        "the footnotes extension's options are PLACE_MARKER, UNIQUE_IDS, BACKLINK_TEXT, SUPERSCRIPT_TEXT, BACKLINK_TITLE, SEPARATOR and USE_DEFINITION_ORDER, in capitals; MkDocs stops at another",
                    ));
                }
                footnotes
            }
            None => FootnoteOptions::mkdocs_default(),
        };
        let smart_enable = options_of("pymdownx.betterem").map(|o| {
            o.get("smart_enable")
                .and_then(Value::as_str)
                .unwrap_or("underscore")
                .to_string()
        });
        if let Some(setting @ ("none" | "asterisk")) = smart_enable.as_deref() {
            not_followed.push(NotFollowed::new(
                "pymdownx.betterem",
                format!("`smart_enable: {setting}` (in `pymdownx.betterem`) is not followed: `_` inside a word (`snake_case_name`) stays text, as CommonMark reads it"),
                "MkDocs would emphasise between underscores inside words; write `*` for emphasis inside a word",
            ));
        }
        let codehilite = options_of("codehilite").map(|settings| {
            let setting = |key: &str| settings.get(key).and_then(Value::as_bool);
            if setting("guess_lang") != Some(false) {
                not_followed.push(NotFollowed::new(
                    "codehilite",
                    "`guess_lang` (in `codehilite`, on unless set to false) is not followed: a code block that names no language is shown plain, where Pygments would guess one".to_string(),
                    "name the language after the fence (```python) or in a first line `:::python`, or set `guess_lang: false`",
                ));
            }
            Codehilite {
                linenums: setting("linenums"),
            }
        });
        if let Some(settings) = options_of("pymdownx.pathconverter") {
            let set = |key: &str| is_given(settings, key);
            if set("absolute") || set("base_path") && set("relative_path") {
                not_followed.push(NotFollowed::new(
                    "pymdownx.pathconverter",
                    "`pymdownx.pathconverter` is not followed: links keep the paths written in the page, which Waymark resolves from the page's folder and writes relative to the page".to_string(),
                    "links between pages and files of the docs folder work as written; remove the extension's options",
                ));
            }
        }
        let highlight_linenums = options_of("pymdownx.highlight").and_then(|settings| {
            not_followed.extend(highlight_not_followed(settings));
            settings.get("linenums").and_then(Value::as_bool)
        });
        let callouts = options_of("callouts")
            .or_else(|| options_of("markdown_callouts"))
            .map(|settings| {
                not_followed.extend(unknown_options(
                    "callouts",
                    unknown_keys(settings, &["strip_period"]),
                    "markdown-callouts reads `strip_period`",
                ));
                settings
                    .get("strip_period")
                    .and_then(Value::as_bool)
                    .unwrap_or(true)
            });
        let critic = options_of("pymdownx.critic").map(|settings| {
            // `raw_view` is read by no code of pymdown-extensions (11 and 13 at least).
            not_followed.extend(unknown_options(
                "pymdownx.critic",
                unknown_keys(settings, &["mode", "raw_view"]),
                "pymdownx.critic's options are `mode` (view, accept or reject) and `raw_view`",
            ));
            CriticMode::from_mkdocs(settings).unwrap_or_else(|mode| {
                not_followed.push(NotFollowed::new(
                    "pymdownx.critic",
                    format!("`mode: {mode}` of `pymdownx.critic` is not known to Waymark: critic marks are shown as suggestions (`mode: view`)"),
                    "write `mode: view`, `mode: accept` or `mode: reject`",
                ));
                CriticMode::View
            })
        });
        let mut spans = Spans::default();
        if let Some(settings) = options_of("pymdownx.mark") {
            spans.mark.smart = settings
                .get("smart_mark")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            not_followed.extend(unknown_options(
                "pymdownx.mark",
                unknown_keys(settings, &["smart_mark"]),
                SPAN_OPTIONS,
            ));
        }
        for (name, rules, keys) in [
            (
                "pymdownx.caret",
                &mut spans.caret,
                ["insert", "superscript", "smart_insert"],
            ),
            (
                "pymdownx.tilde",
                &mut spans.tilde,
                ["delete", "subscript", "smart_delete"],
            ),
        ] {
            if let Some(settings) = options_of(name) {
                let (read, unknown) = SpanRules::from_mkdocs(settings, keys[0], keys[1], keys[2]);
                *rules = read;
                spans.escaped_space |= read.single && read.no_space;
                not_followed.extend(unknown_options(name, unknown, SPAN_OPTIONS));
            }
        }
        let keys = options_of("pymdownx.keys").map_or_else(Keys::default, |settings| {
            let (keys, unknown) = Keys::from_mkdocs(settings);
            not_followed.extend(unknown_options(
                "pymdownx.keys",
                unknown,
                "pymdownx.keys reads `separator`, `strict`, `camel_case` and `key_map`",
            ));
            keys
        });
        let quote_callouts = options_of("pymdownx.quotes").is_some_and(|settings| {
            not_followed.extend(unknown_options(
                "pymdownx.quotes",
                unknown_keys(settings, &["callouts"]),
                "pymdownx.quotes reads `callouts`",
            ));
            settings.get("callouts").and_then(Value::as_bool) == Some(true)
        });
        let options = MarkdownOptions {
            python_markdown: true,
            critic,
            spans,
            keys,
            file_includes: enabled("mdx_include") || enabled("markdown_include_variants"),
            magiclink: enabled("pymdownx.magiclink"),
            repository: options_of("pymdownx.magiclink")
                .and_then(Repository::from_mkdocs)
                .or_else(|| options_of("mdx_gh_links").map(Repository::from_gh_links)),
            math: enabled("pymdownx.arithmatex"),
            inline_highlight: enabled("pymdownx.inlinehilite"),
            codehilite,
            highlight_linenums,
            callouts,
            quote_callouts,
            // Set by the plugin, read after the extensions.
            typeset: false,
            smart_symbols: options_of("pymdownx.smartsymbols").map(SmartSymbols::from_mkdocs),
            custom_checkbox: options_of("pymdownx.tasklist")
                .and_then(|o| o.get("custom_checkbox"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            smart_asterisk: matches!(smart_enable.as_deref(), Some("all" | "asterisk")),
            heading_slug,
            footnotes,
            tab_slug,
            toc: options_of("toc")
                .map(TocOptions::from_mkdocs)
                .unwrap_or_default(),
            // Python-Markdown's smarty: quotes, dashes and ellipses, as CommonMark's smart
            // punctuation makes them.
            smart_punctuation: enabled("smarty"),
            line_breaks: enabled("nl2br"),
            list_indent: options_of("mdx_truly_sane_lists").map(|o| {
                o.get("nested_indent")
                    .and_then(Value::as_u64)
                    .map_or(2, |n| n as usize)
            }),
            commonmark_only: false,
            mathjax_delimiters: false,
            block_types: [
                ("pymdownx.blocks.admonition", false),
                ("pymdownx.blocks.details", true),
            ]
            .into_iter()
            .filter_map(|(name, collapsible)| {
                options_of(name).map(|o| BlockType::from_mkdocs(o, collapsible))
            })
            .flatten()
            .collect(),
            // Set by the i18n plugin, for each language.
            admonition_titles: Default::default(),
        };
        (options, not_followed)
    }
}
