//! Link resolution: what a link written in a page points at.

use super::urls::decode_path;
use super::PageId;
use std::collections::{BTreeSet, HashMap};

/// What a link destination written in a page resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another site, `mailto:` and the like: left alone and not checked.
    External,
    /// An anchor on the linking page itself.
    SamePage { anchor: String },
    /// A page of the site, with an optional anchor and query (`?path=x`).
    Page {
        page: PageId,
        anchor: Option<String>,
        query: Option<String>,
    },
    /// A file copied from the content folder.
    File { rel_path: String },
    /// Nothing: a broken link. `wanted` is the normalised path that was looked for.
    Missing {
        wanted: String,
        reason: MissingReason,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    NoSuchFile,
    OutsideContent,
}

/// The pages and files that links can point at, by path relative to the content folder.
#[derive(Debug, Default)]
pub struct PathIndex {
    pub pages: HashMap<String, PageId>,
    pub files: BTreeSet<String>,
    /// Links may name a page by its published file (`chapter.html` for `chapter.md`), as
    /// mdBook books write them.
    pub html_links: bool,
    /// In a language's site of a translated project: what links written from a page's
    /// own file lead to in this site.
    pub translations: Option<crate::config::i18n::Translations>,
}

impl PathIndex {
    /// Resolves `dest` as written in the page at `from` (a path relative to the content folder).
    pub fn resolve(&self, from: &str, dest: &str) -> LinkTarget {
        if is_external(dest) {
            return LinkTarget::External;
        }
        let (rest, anchor) = match dest.split_once('#') {
            Some((rest, anchor)) => (rest, Some(anchor.to_string())),
            None => (dest, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query.to_string())),
            None => (rest, None),
        };
        if path.is_empty() {
            return match anchor {
                Some(anchor) if query.is_none() => LinkTarget::SamePage { anchor },
                _ => self
                    .page_target(from, anchor, query)
                    .unwrap_or(LinkTarget::External),
            };
        }
        let mut path = decode_path(path);
        // `page.md/#frag`: MkDocs normalises the path, dropping the slash.
        if path.ends_with(".md/") {
            path.pop();
        }
        let Some(wanted) = join(from, &path) else {
            return LinkTarget::Missing {
                wanted: path,
                reason: MissingReason::OutsideContent,
            };
        };
        let wanted = match &self.translations {
            Some(translations) => translations.in_site(wanted),
            None => wanted,
        };
        if let Some(target) = self.page_target(&wanted, anchor.clone(), query.clone()) {
            return target;
        }
        if self.files.contains(&wanted) {
            return LinkTarget::File { rel_path: wanted };
        }
        if let Some(stem) = wanted.strip_suffix(".html").filter(|_| self.html_links) {
            if let Some(target) =
                self.page_target(&format!("{stem}.md"), anchor.clone(), query.clone())
            {
                return target;
            }
        }
        // A folder link (`guide/` or `guide`) means the folder's index page.
        let index = format!(
            "{}index.md",
            if wanted.is_empty() {
                String::new()
            } else {
                format!("{}/", wanted.trim_end_matches('/'))
            }
        );
        if !path.ends_with(".md") {
            if let Some(target) = self.page_target(&index, anchor, query) {
                return target;
            }
        }
        LinkTarget::Missing {
            wanted,
            reason: MissingReason::NoSuchFile,
        }
    }

    fn page_target(
        &self,
        rel: &str,
        anchor: Option<String>,
        query: Option<String>,
    ) -> Option<LinkTarget> {
        self.pages.get(rel).map(|&page| LinkTarget::Page {
            page,
            anchor,
            query,
        })
    }

    /// Known page paths, for "did you mean" hints.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }
}

/// Whether `dest` leaves the site: it has a scheme (`https:`, `mailto:`) or is protocol-relative.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// Joins `path` (relative to the folder of `from`, or to the content root when it starts
/// with `/`) and normalises `.` and `..`; `None` when it climbs out of the content folder.
pub fn join(from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = from.split('/').collect();
        dir.pop();
        dir
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PathIndex {
        let mut index = PathIndex::default();
        for (i, path) in ["index.md", "a/index.md", "a/b.md", "c.md"]
            .iter()
            .enumerate()
        {
            index.pages.insert(path.to_string(), PageId(i as u32));
        }
        index.files.insert("a/img.png".into());
        index
    }

    #[test]
    fn resolves_relative_and_site_absolute_page_links() {
        let index = index();
        assert_eq!(
            index.resolve("a/b.md", "../c.md"),
            LinkTarget::Page {
                page: PageId(3),
                anchor: None,
                query: None
            }
        );
        assert_eq!(
            index.resolve("a/b.md", "/c.md#x"),
            LinkTarget::Page {
                page: PageId(3),
                anchor: Some("x".into()),
                query: None
            }
        );
        assert_eq!(
            index.resolve("c.md", "a/?path=p"),
            LinkTarget::Page {
                page: PageId(1),
                anchor: None,
                query: Some("path=p".into())
            }
        );
        assert_eq!(
            index.resolve("c.md", "a/img.png"),
            LinkTarget::File {
                rel_path: "a/img.png".into()
            }
        );
    }

    #[test]
    fn classifies_anchors_externals_and_misses() {
        let index = index();
        assert_eq!(
            index.resolve("c.md", "#top"),
            LinkTarget::SamePage {
                anchor: "top".into()
            }
        );
        assert_eq!(
            index.resolve("c.md", "https://x.org/a.md"),
            LinkTarget::External
        );
        assert_eq!(index.resolve("c.md", "mailto:a@b.c"), LinkTarget::External);
        assert_eq!(
            index.resolve("c.md", "d.md"),
            LinkTarget::Missing {
                wanted: "d.md".into(),
                reason: MissingReason::NoSuchFile
            }
        );
        assert_eq!(
            index.resolve("c.md", "../../etc/passwd"),
            LinkTarget::Missing {
                wanted: "../../etc/passwd".into(),
                reason: MissingReason::OutsideContent
            }
        );
    }

    #[test]
    fn a_page_path_with_a_slash_after_it_is_the_page() {
        let index = index();
        assert_eq!(
            index.resolve("a/b.md", "b.md/#setup"),
            index.resolve("a/b.md", "b.md#setup")
        );
    }

    #[test]
    fn percent_encoded_paths_resolve() {
        let mut index = index();
        index.pages.insert("my page.md".into(), PageId(9));
        assert_eq!(
            index.resolve("c.md", "my%20page.md"),
            LinkTarget::Page {
                page: PageId(9),
                anchor: None,
                query: None
            }
        );
    }
}
