//! Heading ids the way MkDocs makes them, and the page's table of contents.

use super::is_word;
use crate::config::extensions::{MarkdownOptions, SlugCase, Slugify};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// MkDocs' default slug: decompose accents and drop what is not ASCII, lowercase, drop
/// characters that are not word characters, spaces or hyphens, then join words with `-`.
pub fn slugify(text: &str) -> String {
    slug(text, &Slugify::Ascii, "-")
}

/// The slug of `text` made as the slug function `how` makes it, words joined by
/// `separator`.
pub fn slug(text: &str, how: &Slugify, separator: &str) -> String {
    match how {
        Slugify::Ascii => {
            let ascii: String = text.nfkd().filter(char::is_ascii).collect();
            toc_slug(&ascii, separator)
        }
        Slugify::Unicode => toc_slug(text, separator),
        Slugify::MdBook => text
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
                c if c.is_whitespace() => Some('-'),
                _ => None,
            })
            .collect(),
        Slugify::Pymdownx {
            case,
            percent_encode,
            normalize,
        } => {
            let normal: String = match normalize.as_str() {
                "NFD" => text.nfd().collect(),
                "NFKC" => text.nfkc().collect(),
                "NFKD" => text.nfkd().collect(),
                _ => text.nfc().collect(),
            };
            let trimmed = normal.trim();
            let cased = match case {
                SlugCase::Keep => trimmed.to_string(),
                SlugCase::Lower | SlugCase::Fold => trimmed.to_lowercase(),
                SlugCase::LowerAscii => trimmed.to_ascii_lowercase(),
            };
            // Each space becomes a separator (runs are not joined, unlike toc's slugs).
            let slug: String = cased
                .chars()
                .filter(|&c| is_word(c) || c == '-' || c == ' ')
                .map(|c| {
                    if c == ' ' {
                        separator.to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            if *percent_encode {
                percent_encoding::utf8_percent_encode(&slug, URL_UNSAFE).to_string()
            } else {
                slug
            }
        }
    }
}

/// What Python's `urllib.parse.quote` escapes: all but letters, digits and `_.-~/`.
const URL_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'/');

/// `markdown.extensions.toc.slugify`'s steps after the ASCII conversion: drop what is not
/// a word character, space or hyphen, lowercase, and join runs of spaces and separators.
fn toc_slug(text: &str, separator: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| is_word(c) || c == '-' || c.is_whitespace())
        .collect::<String>()
        .trim()
        .to_lowercase();
    let mut slug = String::with_capacity(kept.len());
    let mut in_separator_run = false;
    let mut rest = kept.as_str();
    while let Some(c) = rest.chars().next() {
        let separator_here = !separator.is_empty() && rest.starts_with(separator);
        if separator_here || c.is_whitespace() {
            if !in_separator_run {
                slug.push_str(separator);
            }
            in_separator_run = true;
            rest = &rest[if separator_here {
                separator.len()
            } else {
                c.len_utf8()
            }..];
        } else {
            slug.push(c);
            in_separator_run = false;
            rest = &rest[c.len_utf8()..];
        }
    }
    slug
}

/// Hands out unique ids on one page as Python-Markdown's toc does: a taken id gets `_1`,
/// `_2`, ...; an id that already ends in `_N` counts on from N (`a_1` taken: `a_2`). In
/// mdBook books, as mdBook does: `-1`, `-2`, ... after the id as it is.
#[derive(Debug)]
pub struct Ids {
    taken: HashSet<String>,
    /// For each base id, the highest N for which `base_1` to `base_N` are known to be
    /// taken: 10,000 headings with one title cost one try each, not one per earlier copy.
    known_taken: HashMap<String, usize>,
    /// What an empty id becomes before numbering: `section` (Waymark's), or nothing, so
    /// that it is `_1`, `_2`, ... (Python-Markdown's, for mkdocs.yml projects).
    empty: &'static str,
    /// mdBook's numbering rather than Python-Markdown's.
    mdbook: bool,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            taken: HashSet::new(),
            known_taken: HashMap::new(),
            empty: "section",
            mdbook: false,
        }
    }
}

impl Ids {
    /// The ids of a page of a project whose Markdown is read with `options`.
    pub fn for_project(options: &MarkdownOptions) -> Self {
        Ids {
            empty: if options.python_markdown {
                ""
            } else {
                "section"
            },
            mdbook: options.heading_slug == Slugify::MdBook,
            ..Ids::default()
        }
    }

    /// Reserves `id` exactly as given (an explicit `{#id}`); false when it was taken already.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// A unique id derived from `wanted` (`markdown.extensions.toc.unique`).
    pub fn unique(&mut self, wanted: &str) -> String {
        let wanted = if wanted.is_empty() {
            self.empty
        } else {
            wanted
        };
        if !wanted.is_empty() && !self.taken.contains(wanted) {
            self.taken.insert(wanted.to_string());
            return wanted.to_string();
        }
        if self.mdbook {
            // Counted on from the last number handed out for the same id.
            let mut count = self.known_taken.get(wanted).copied().unwrap_or(0);
            let id = loop {
                count += 1;
                let id = format!("{wanted}-{count}");
                if !self.taken.contains(&id) {
                    break id;
                }
            };
            self.known_taken.insert(wanted.to_string(), count);
            self.taken.insert(id.clone());
            return id;
        }
        let (base, mut count) = wanted
            .rsplit_once('_')
            .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|(base, n)| Some((base, n.parse::<usize>().ok()?)))
            .unwrap_or((wanted, 0));
        let known = self.known_taken.get(base).copied().unwrap_or(0);
        // Skip ahead only within the run of suffixes known to be taken (or just after it):
        // a later suffix may still be free.
        let skip = count <= known + 1;
        if skip {
            count = count.max(known);
        }
        count += 1;
        let mut id = format!("{base}_{count}");
        while self.taken.contains(&id) {
            count += 1;
            id = format!("{base}_{count}");
        }
        if skip {
            self.known_taken.insert(base.to_string(), count);
        }
        self.taken.insert(id.clone());
        id
    }

    pub fn taken(&self) -> &HashSet<String> {
        &self.taken
    }
}

/// One heading of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text of the heading (no markup).
    pub text: String,
    /// Its markup for the table of contents, without links and ids (with Material's
    /// typeset plugin); `None` shows the text.
    pub html: Option<String>,
}

/// An entry of the "On this page" list: an h2 with its h3s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
    /// The heading's markup, to show instead of `text` (Material's typeset plugin).
    pub html: Option<String>,
    pub children: Vec<TocEntry>,
}

/// The table of contents: the headings of levels `first..=last`, each holding the deeper
/// ones that follow it.
pub fn toc(headings: &[Heading], (first, last): (u8, u8)) -> Vec<TocEntry> {
    let mut entries: Vec<TocEntry> = Vec::new();
    // The levels of the entries that the next one may go into: a path from the top.
    let mut path: Vec<u8> = Vec::new();
    for heading in headings
        .iter()
        .filter(|h| (first..=last).contains(&h.level))
    {
        while path.last().is_some_and(|&level| level >= heading.level) {
            path.pop();
        }
        let mut siblings = &mut entries;
        for _ in 0..path.len() {
            siblings = &mut siblings.last_mut().expect("a parent on the path").children;
        }
        siblings.push(TocEntry {
            id: heading.id.clone(),
            text: heading.text.clone(),
            html: heading.html.clone(),
            children: Vec::new(),
        });
        path.push(heading.level);
    }
    entries
}

/// A heading's inline HTML as a table of contents shows it inside its own link: links
/// unwrapped (their text kept) and ids removed, since the contents are on the page twice.
pub fn toc_markup(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !name.eq_ignore_ascii_case("a") {
            out.push_str(&without_id(tag));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `tag` without its ` id="..."` attribute (Waymark's own markup quotes every value).
fn without_id(tag: &str) -> std::borrow::Cow<'_, str> {
    match tag.find(" id=\"") {
        Some(start) => {
            let value = start + " id=\"".len();
            let end = tag[value..].find('"').map_or(tag.len(), |e| value + e + 1);
            format!("{}{}", &tag[..start], &tag[end..]).into()
        }
        None => tag.into(),
    }
}

/// The `[TOC]` marker's table of contents: nested lists of the headings of levels
/// `levels` (toc's `toc_depth`), as links to their ids.
pub fn toc_html(headings: &[Heading], levels: (u8, u8)) -> String {
    fn list(entries: &[TocEntry], html: &mut String) {
        html.push_str("<ul>\n");
        for entry in entries {
            html.push_str(&format!(
                "<li><a href=\"#{}\">{}</a>",
                super::escape(&entry.id),
                entry
                    .html
                    .clone()
                    .unwrap_or_else(|| super::escape(&entry.text))
            ));
            if !entry.children.is_empty() {
                list(&entry.children, html);
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n");
    }
    let mut html = String::from("<nav class=\"inline-toc\" aria-label=\"Table of contents\">\n");
    let entries = toc(headings, levels);
    if !entries.is_empty() {
        list(&entries, &mut html);
    }
    html.push_str("</nav>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_markup_unwraps_links_and_drops_ids() {
        assert_eq!(
            toc_markup("The <code>load</code> <em>function</em>"),
            "The <code>load</code> <em>function</em>"
        );
        assert_eq!(
            toc_markup("See <a href=\"../x/\">the <strong>docs</strong></a><sup id=\"fnref-1\" class=\"r\">1</sup>"),
            "See the <strong>docs</strong><sup class=\"r\">1</sup>"
        );
        assert_eq!(toc_markup("Fish &amp; chips"), "Fish &amp; chips");
        assert_eq!(
            toc_markup("<abbr title=\"a\">A</abbr> <A HREF=x>b</A>"),
            "<abbr title=\"a\">A</abbr> b"
        );
    }

    #[test]
    fn the_table_of_contents_nests_the_levels_asked_for() {
        let heading = |level, id: &str| Heading {
            level,
            id: id.into(),
            text: id.to_uppercase(),
            html: None,
        };
        let headings = [
            heading(1, "title"),
            heading(3, "early"),
            heading(2, "a"),
            heading(3, "a1"),
            heading(4, "a1x"),
            heading(2, "b"),
        ];
        let shape = |entries: &[TocEntry]| -> String {
            fn walk(entries: &[TocEntry], out: &mut String) {
                for e in entries {
                    out.push_str(&e.id);
                    if !e.children.is_empty() {
                        out.push('(');
                        walk(&e.children, out);
                        out.push(')');
                    }
                    out.push(' ');
                }
            }
            let mut out = String::new();
            walk(entries, &mut out);
            out.trim_end().to_string()
        };
        assert_eq!(shape(&toc(&headings, (2, 3))), "early a(a1 ) b");
        assert_eq!(shape(&toc(&headings, (2, 4))), "early a(a1(a1x ) ) b");
        assert_eq!(shape(&toc(&headings, (2, 2))), "a b");
        assert_eq!(shape(&toc(&headings, (3, 4))), "early a1(a1x )");
    }

    #[test]
    fn ids_match_mdbook() {
        // What mdBook 0.5 writes for these headings.
        let id = |text: &str| slug(text, &Slugify::MdBook, "-");
        assert_eq!(id("Select / extend mode"), "select--extend-mode");
        assert_eq!(id("MPI + OpenMP"), "mpi--openmp");
        assert_eq!(id("  Käyttäjä: Ä  "), "käyttäjä-ä");
        assert_eq!(id("snake_case -flag"), "snake_case--flag");
        let mut ids = Ids::for_project(&MarkdownOptions {
            heading_slug: Slugify::MdBook,
            ..Default::default()
        });
        let numbered: Vec<String> = ["a", "a", "a-1", "a"].map(|w| ids.unique(w)).to_vec();
        assert_eq!(numbered, ["a", "a-1", "a-1-1", "a-2"]);
    }

    #[test]
    fn slugs_match_mkdocs() {
        assert_eq!(slugify("MPI + OpenMP"), "mpi-openmp");
        assert_eq!(slugify("Step 2: Upload files"), "step-2-upload-files");
        assert_eq!(slugify("  Hello,   World!  "), "hello-world");
        assert_eq!(
            slugify("Käyttäjätunnus ja salasana"),
            "kayttajatunnus-ja-salasana"
        );
        assert_eq!(slugify("snake_case name"), "snake_case-name");
        assert_eq!(slugify("a -- b"), "a-b");
        assert_eq!(slugify("日本語"), "");
        assert_eq!(slugify("-flag-"), "-flag-");
    }

    #[test]
    fn slug_functions_of_mkdocs_projects() {
        let pymdownx = |case| Slugify::Pymdownx {
            case,
            percent_encode: false,
            normalize: "NFC".into(),
        };
        // pymdownx.slugs.slugify(case=lower): Unicode kept, `&` dropped, each space a dash.
        assert_eq!(
            slug("Puhti & Mahti", &pymdownx(SlugCase::Lower), "-"),
            "puhti--mahti"
        );
        assert_eq!(
            slug("Käyttö ja Ääni", &pymdownx(SlugCase::Lower), "-"),
            "käyttö-ja-ääni"
        );
        assert_eq!(slug("Käyttö", &pymdownx(SlugCase::Keep), "_"), "Käyttö");
        assert_eq!(slug("ÄB", &pymdownx(SlugCase::LowerAscii), "-"), "Äb");
        let encoded = Slugify::Pymdownx {
            case: SlugCase::Lower,
            percent_encode: true,
            normalize: "NFC".into(),
        };
        assert_eq!(slug("Käyttö ohje", &encoded, "-"), "k%C3%A4ytt%C3%B6-ohje");
        // toc.slugify_unicode: runs of spaces and dashes joined, letters of every script kept.
        assert_eq!(slug("Puhti & Mahti", &Slugify::Unicode, "-"), "puhti-mahti");
        assert_eq!(
            slug("日本語 の 見出し", &Slugify::Unicode, "-"),
            "日本語-の-見出し"
        );
        assert_eq!(slug("A  b", &Slugify::Ascii, "_"), "a_b");
    }

    #[test]
    fn duplicates_get_numbered_suffixes() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("usage"), "usage");
        assert_eq!(ids.unique("usage"), "usage_1");
        assert_eq!(ids.unique("usage"), "usage_2");
        assert_eq!(ids.unique(""), "section");
    }

    #[test]
    fn duplicates_are_numbered_as_python_markdown_numbers_them() {
        // Python-Markdown 3.10's ids for `## 日本語`, `## a` twice, `## a_1`, `## b_1`
        // twice, `## x {#a_3}` and `## a`.
        let mut ids = Ids::for_project(&MarkdownOptions {
            python_markdown: true,
            ..Default::default()
        });
        assert_eq!(ids.unique(""), "_1");
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a_1");
        assert_eq!(ids.unique("a_1"), "a_2");
        assert_eq!(ids.unique("b_1"), "b_1");
        assert_eq!(ids.unique("b_1"), "b_2");
        assert!(ids.reserve("a_3"));
        assert_eq!(ids.unique("a"), "a_4");
        assert_eq!(ids.unique(""), "_2");
    }
}
