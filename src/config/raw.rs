//! The serde shape of `book.toml`. Every table denies unknown keys, so a typo is an error
//! that lists the valid keys instead of a setting that silently does nothing.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub book: RawBook,
    #[serde(default)]
    pub build: RawBuild,
    #[serde(default)]
    pub output: RawOutput,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBook {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub language: Option<String>,
    pub src: Option<String>,
    pub nav: Option<Vec<RawNavEntry>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBuild {
    pub output: Option<String>,
    /// Folders outside the project that symbolic links in the content may lead into.
    #[serde(default, rename = "allow-outside")]
    pub allow_outside: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    #[serde(default)]
    pub html: RawHtml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHtml {
    pub theme: Option<String>,
    pub site_url: Option<String>,
    pub edit_url_template: Option<String>,
    pub repo_url: Option<String>,
    pub announcement: Option<String>,
    pub search: Option<bool>,
    /// The footer's copyright line (HTML allowed, as in MkDocs).
    pub copyright: Option<String>,
    /// The favicon, a file in the content folder (default: the theme's).
    pub favicon: Option<String>,
    /// Show each page's last-updated date from git.
    pub last_updated: Option<bool>,
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
