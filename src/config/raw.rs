//! The serde shape of `book.toml`. Every table denies unknown keys, so a typo is an error
//! that lists the valid keys instead of a setting that silently does nothing.

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub book: RawBook,
    #[serde(default)]
    pub build: RawBuild,
    #[serde(default)]
    pub output: RawOutput,
    /// mdBook's `[rust]` table.
    #[serde(default)]
    pub rust: RawRust,
    /// mdBook's preprocessors, by name, with their options.
    #[serde(default)]
    pub preprocessor: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRust {
    pub edition: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBook {
    /// Required in Waymark's own projects; mdBook books may leave it out.
    pub title: Option<String>,
    #[serde(default)]
    pub description: String,
    pub language: Option<String>,
    pub src: Option<String>,
    pub nav: Option<Vec<RawNavEntry>>,
    // mdBook's keys.
    #[serde(default)]
    pub authors: Vec<String>,
    /// mdBook 0.4 reads it and does nothing with it either.
    #[serde(rename = "multilingual")]
    pub _multilingual: Option<IgnoredAny>,
    #[serde(rename = "text-direction")]
    pub text_direction: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBuild {
    pub output: Option<String>,
    /// Folders outside the project that symbolic links in the content may lead into.
    #[serde(default)]
    pub allow_outside: Vec<String>,
    // mdBook's keys.
    pub build_dir: Option<String>,
    pub create_missing: Option<bool>,
    pub use_default_preprocessors: Option<bool>,
    pub extra_watch_dirs: Option<Vec<String>>,
}

/// `[output.html]`, and mdBook's other renderers (`[output.linkcheck]`, ...) by name.
#[derive(Debug, Default)]
pub struct RawOutput {
    pub html: RawHtml,
    pub others: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHtml {
    pub theme: Option<String>,
    pub site_url: Option<String>,
    pub edit_url_template: Option<String>,
    pub repo_url: Option<String>,
    pub announcement: Option<String>,
    pub search: Option<RawSearch>,
    /// The footer's copyright line (HTML allowed, as in MkDocs).
    pub copyright: Option<String>,
    /// The favicon, a file in the content folder (default: the theme's).
    pub favicon: Option<String>,
    /// Show each page's last-updated date from git.
    pub last_updated: Option<bool>,
    /// Images open enlarged over the page (as Material's glightbox plugin does).
    pub lightbox: Option<bool>,
    // mdBook's keys.
    pub default_theme: Option<String>,
    pub preferred_dark_theme: Option<String>,
    pub smart_punctuation: Option<bool>,
    /// mdBook 0.4's name for `smart-punctuation`.
    pub curly_quotes: Option<bool>,
    pub mathjax_support: Option<bool>,
    #[serde(default)]
    pub additional_css: Vec<String>,
    #[serde(default)]
    pub additional_js: Vec<String>,
    pub no_section_label: Option<bool>,
    pub git_repository_url: Option<String>,
    pub git_repository_icon: Option<String>,
    pub cname: Option<String>,
    pub input_404: Option<String>,
    #[serde(default)]
    pub redirect: BTreeMap<String, String>,
    pub print: Option<RawPrint>,
    pub fold: Option<RawFold>,
    #[serde(alias = "playpen")]
    pub playground: Option<RawPlayground>,
    #[serde(default)]
    pub code: RawCode,
    pub hash_files: Option<bool>,
    pub sidebar_header_nav: Option<bool>,
    pub definition_lists: Option<bool>,
    pub admonitions: Option<bool>,
    pub copy_fonts: Option<bool>,
    pub google_analytics: Option<String>,
    pub live_reload_endpoint: Option<String>,
}

/// `search`: Waymark's `true`/`false`, or mdBook's `[output.html.search]` table.
#[derive(Debug)]
pub enum RawSearch {
    Enabled(bool),
    Table(RawSearchTable),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSearchTable {
    pub enable: Option<bool>,
    pub limit_results: Option<u32>,
    pub teaser_word_count: Option<u32>,
    pub use_boolean_and: Option<bool>,
    pub boost_title: Option<u8>,
    pub boost_hierarchy: Option<u8>,
    pub boost_paragraph: Option<u8>,
    pub expand: Option<bool>,
    pub heading_split_level: Option<u8>,
    /// Whether mdBook copies its search scripts: Waymark's are always part of the site.
    #[serde(rename = "copy-js")]
    pub _copy_js: Option<IgnoredAny>,
    pub chapter: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPrint {
    pub enable: Option<bool>,
    /// Page breaks between chapters of print.html.
    #[serde(rename = "page-break")]
    pub _page_break: Option<IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFold {
    pub enable: Option<bool>,
    pub level: Option<u8>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPlayground {
    pub editable: Option<bool>,
    /// Waymark's code blocks always have a copy button.
    #[serde(rename = "copyable")]
    pub _copyable: Option<IgnoredAny>,
    /// Whether mdBook copies its editor's scripts: there is no editor here.
    #[serde(rename = "copy-js")]
    pub _copy_js: Option<IgnoredAny>,
    pub line_numbers: Option<bool>,
    pub runnable: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    /// Per language, the prefix that marks a hidden line.
    #[serde(default)]
    pub hidelines: BTreeMap<String, String>,
}

/// One `nav` entry: a page path, or a table describing a page, section or link.
#[derive(Debug)]
pub enum RawNavEntry {
    Path(String),
    Table(RawNavTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNavTable {
    pub title: Option<String>,
    pub page: Option<String>,
    pub url: Option<String>,
    pub children: Option<Vec<RawNavEntry>>,
}

// Written by hand rather than `#[serde(untagged)]` so that a mistake inside a table
// keeps serde's precise message ("unknown field `titel`, expected one of ...").
impl<'de> Deserialize<'de> for RawNavEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawNavEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a page path or a table with `title`, `page`, `url` or `children`")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawNavEntry, E> {
                Ok(RawNavEntry::Path(value.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawNavEntry, A::Error> {
                RawNavTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawNavEntry::Table)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

// By hand: `html` keeps serde's precise messages (with their place in the file), while
// the tables of other renderers, which Waymark does not run, are taken as they are.
impl<'de> Deserialize<'de> for RawOutput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OutputVisitor;
        impl<'de> Visitor<'de> for OutputVisitor {
            type Value = RawOutput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of renderers, such as `[output.html]`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawOutput, A::Error> {
                let mut output = RawOutput::default();
                while let Some(name) = map.next_key::<String>()? {
                    if name == "html" {
                        output.html = map.next_value()?;
                    } else {
                        output.others.insert(name, map.next_value()?);
                    }
                }
                Ok(output)
            }
        }
        deserializer.deserialize_map(OutputVisitor)
    }
}

impl<'de> Deserialize<'de> for RawSearch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SearchVisitor;
        impl<'de> Visitor<'de> for SearchVisitor {
            type Value = RawSearch;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true`, `false` or a table such as `[output.html.search]`")
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawSearch, E> {
                Ok(RawSearch::Enabled(value))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSearch, A::Error> {
                RawSearchTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawSearch::Table)
            }
        }
        deserializer.deserialize_any(SearchVisitor)
    }
}
