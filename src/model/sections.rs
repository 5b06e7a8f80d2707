//! Section pages: a section of the navigation without a page of its own (a folder without
//! `index.md`, a `nav` group without a page) gets a generated page that lists its entries.
//! With one, no section has to stay open in every page's sidebar, and the bounded sidebar
//! plus section pages reach every page without scripts.

use super::nav::{Nav, NavItem, NavTarget};
use super::{urls, Page, PageId};
use crate::config::{Config, ProjectKind};
use crate::diag::display_path;
use crate::load::frontmatter::FrontMatter;
use crate::load::Source;
use std::collections::HashSet;

/// Gives every section without a page a generated one, at the URL of the folder its
/// entries live in, unless something else is written there (then the section stays a
/// group without a page, as in MkDocs). The pages are appended to `pages`; `taken` holds
/// the output files already claimed by pages and copied files.
pub(super) fn add_pages(
    pages: &mut Vec<Page>,
    nav: &mut Nav,
    taken: &mut HashSet<String>,
    config: &Config,
) {
    // An mdBook book reads in SUMMARY.md's order, and its part titles are headings only,
    // as mdBook shows them.
    if config.kind == ProjectKind::MdBook {
        return;
    }
    let mut items = std::mem::take(&mut nav.items);
    let mut new_pages = Vec::new();
    let mut generator = Generator {
        pages,
        new_pages: &mut new_pages,
        taken,
        config,
    };
    for item in &mut items {
        generator.visit(item);
    }
    let count = pages.len() + new_pages.len();
    pages.extend(new_pages);
    *nav = Nav::finish(items, count);
}

struct Generator<'a> {
    pages: &'a [Page],
    new_pages: &'a mut Vec<Page>,
    taken: &'a mut HashSet<String>,
    config: &'a Config,
}

impl Generator<'_> {
    fn page(&self, id: PageId) -> &Page {
        let index = id.0 as usize;
        self.pages
            .get(index)
            .unwrap_or_else(|| &self.new_pages[index - self.pages.len()])
    }

    /// Visits `item` and its children (innermost sections first); returns the folder the
    /// item stands in within its parent: a page's folder, or the parent of a section's.
    fn visit(&mut self, item: &mut NavItem) -> Option<String> {
        let mut folders = Vec::new();
        for child in &mut item.children {
            folders.extend(self.visit(child));
        }
        match item.target {
            NavTarget::Page(id) => {
                let rel_path = &self.page(id).rel_path;
                let folder = parent(rel_path);
                // A folder's index page stands for the folder within the folder above.
                Some(if urls::file_name(rel_path) == "index.md" {
                    parent(&folder)
                } else {
                    folder
                })
            }
            NavTarget::External(_) | NavTarget::File(_) => None,
            NavTarget::Group => {
                let folder = common_folder(&folders)?;
                if !folder.is_empty() && !item.children.is_empty() {
                    self.claim(item, &folder);
                }
                Some(parent(&folder))
            }
        }
    }

    /// Makes the section's page at `folder/index.md` if its output file is free.
    fn claim(&mut self, item: &mut NavItem, folder: &str) {
        let rel_path = format!("{folder}/index.md");
        let url = urls::page_url(&rel_path, self.config.directory_urls);
        if !self.taken.insert(urls::output_file(&url)) {
            return;
        }
        let id = PageId((self.pages.len() + self.new_pages.len()) as u32);
        // Search finds the page by its title; the entries' titles are their own pages'.
        let text = format!(
            "<div class=\"section-index\" data-pagefind-ignore markdown>\n\n{}\n</div>\n",
            self.listing(&rel_path, &item.children)
        );
        self.new_pages.push(Page {
            id,
            url,
            title: item.title.clone(),
            source: Source {
                rel_path: rel_path.clone(),
                origin: None,
                display_path: display_path(
                    &self.config.src_dir.join(folder),
                    &self.config.project_dir,
                ),
                text: text.into(),
                body_offset: 0,
                front: FrontMatter::default(),
            },
            rel_path,
        });
        item.target = NavTarget::Page(id);
    }

    /// The Markdown of the section page at `rel_path`: its entries in nav order, each with
    /// its description. Links name the pages' files, so they are checked and turned into
    /// hrefs like any author's link.
    fn listing(&self, rel_path: &str, children: &[NavItem]) -> String {
        let mut text = String::new();
        for child in children {
            let (destination, description) = match &child.target {
                NavTarget::Page(id) => {
                    let page = self.page(*id);
                    let path = urls::relative_href(rel_path, &page.rel_path);
                    (path, page.source.front.description.as_deref())
                }
                NavTarget::External(url) => (url.clone(), None),
                NavTarget::File(path) => (urls::relative_href(rel_path, path), None),
                // A section that could not have a page: its title, then its entries.
                NavTarget::Group => {
                    text.push_str(&format!("- {}\n\n", escape_markdown(&child.title)));
                    for line in self.listing(rel_path, &child.children).lines() {
                        text.push_str(&format!("    {line}\n"));
                    }
                    continue;
                }
            };
            text.push_str(&format!(
                "- [{}](<{}>)",
                escape_markdown(&child.title),
                destination.replace(['<', '>', '\n'], "")
            ));
            if let Some(description) = description.filter(|d| !d.trim().is_empty()) {
                text.push_str(&format!(": {}", escape_markdown(description.trim())));
            }
            text.push('\n');
        }
        text
    }
}

/// The folder of a path relative to the content folder (`a/b/c.md` -> `a/b`).
fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(dir, _)| dir.to_string())
}

/// The deepest folder that holds all of `folders` (`None` when there are none).
fn common_folder(folders: &[String]) -> Option<String> {
    let (first, rest) = folders.split_first()?;
    let mut common: Vec<&str> = first.split('/').filter(|p| !p.is_empty()).collect();
    for folder in rest {
        let parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        let shared = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(shared);
    }
    Some(common.join("/"))
}

/// Text that Markdown shows as it is: every ASCII punctuation character escaped, and
/// line breaks folded into spaces.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' => escaped.push(' '),
            c if c.is_ascii_punctuation() => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_folder_is_the_deepest_shared_one() {
        let folders = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_folder(&folders(&["a/b", "a/b/c", "a/b"])),
            Some("a/b".into())
        );
        assert_eq!(common_folder(&folders(&["a/b", "a/c"])), Some("a".into()));
        assert_eq!(common_folder(&folders(&["a", "b"])), Some(String::new()));
        assert_eq!(common_folder(&[]), None);
    }

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(escape_markdown("*a* [b]\nc"), "\\*a\\* \\[b\\] c");
    }
}
