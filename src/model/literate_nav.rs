//! mkdocs-literate-nav: the navigation of a folder written as a Markdown list in its nav
//! file (`SUMMARY.md`, or as configured), or else made from the folder's files.

use super::Page;
use crate::config::{LiterateNav, NavEntry};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashMap};

/// The entries of `folder` (`guide/`, or `` for the content folder) and the path of the
/// page that is the folder's own (its index), if any.
pub fn expand(
    folder: &str,
    by_path: &HashMap<&str, &Page>,
    settings: &LiterateNav,
) -> (Option<String>, Vec<NavEntry>) {
    let index = format!("{folder}index.md");
    let index = by_path.contains_key(index.as_str()).then_some(index);
    let nav_file = format!("{folder}{}", settings.nav_file);
    let mut entries = match by_path.get(nav_file.as_str()) {
        Some(page) => list_entries(page.source.body(), folder),
        None => folder_entries(folder, by_path, index.as_deref()),
    };
    // Where the nav file lists the index itself, it is the section's page anyway.
    let listed_index = matches!(
        entries.first(),
        Some(NavEntry::Page { path, .. }) if Some(path) == index.as_ref()
    );
    if listed_index {
        entries.remove(0);
    }
    let own = index.filter(|_| {
        listed_index || settings.implicit_index || !by_path.contains_key(nav_file.as_str())
    });
    (own, entries)
}

/// The first list of a nav file: `[Title](page.md)` is a page, `[Title](folder/)` a
/// folder with a nav of its own, an item with a nested list a section (with the linked
/// page as its own), an external link a link. Paths are relative to the nav file.
fn list_entries(markdown: &str, folder: &str) -> Vec<NavEntry> {
    struct Item {
        title: String,
        link: Option<String>,
        children: Vec<NavEntry>,
    }
    // One list of items per open list; the first list closed at depth 0 is the result.
    let mut lists: Vec<Vec<NavEntry>> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(_)) => lists.push(Vec::new()),
            Event::End(TagEnd::List(_)) => {
                let list = lists.pop().unwrap_or_default();
                match items.last_mut() {
                    Some(item) => item.children.extend(list),
                    None => return list,
                }
            }
            Event::Start(Tag::Item) => items.push(Item {
                title: String::new(),
                link: None,
                children: Vec::new(),
            }),
            Event::End(TagEnd::Item) => {
                let Some(item) = items.pop() else { continue };
                let entry = item_entry(item.title.trim(), item.link, item.children, folder);
                if let Some(list) = lists.last_mut() {
                    list.push(entry);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(item) = items
                    .last_mut()
                    .filter(|item| item.link.is_none() && item.children.is_empty())
                {
                    item.link = Some(dest_url.to_string());
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(item) = items.last_mut().filter(|item| item.children.is_empty()) {
                    item.title.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

fn item_entry(
    title: &str,
    link: Option<String>,
    children: Vec<NavEntry>,
    folder: &str,
) -> NavEntry {
    let title = title.to_string();
    let Some(link) = link else {
        return NavEntry::Section {
            title,
            page: None,
            children,
        };
    };
    if crate::model::links::is_external(&link) {
        return NavEntry::Link { title, url: link };
    }
    let path = super::links::join(&format!("{folder}x"), &link).unwrap_or(link);
    if path.ends_with('/') || path.is_empty() {
        return NavEntry::Folder {
            path,
            title: Some(title),
        };
    }
    if children.is_empty() {
        NavEntry::Page {
            path,
            title: Some(title),
        }
    } else {
        NavEntry::Section {
            title,
            page: Some(path),
            children,
        }
    }
}

/// A folder without a nav file: its pages by file name, then its subfolders, as
/// MkDocs lists a folder.
fn folder_entries(
    folder: &str,
    by_path: &HashMap<&str, &Page>,
    index: Option<&str>,
) -> Vec<NavEntry> {
    let mut pages = BTreeSet::new();
    let mut subfolders = BTreeSet::new();
    for page in by_path.values() {
        let Some(rest) = page.rel_path.strip_prefix(folder) else {
            continue;
        };
        match rest.split_once('/') {
            Some((sub, _)) => {
                subfolders.insert(format!("{folder}{sub}/"));
            }
            None if Some(page.rel_path.as_str()) != index => {
                pages.insert(page.rel_path.clone());
            }
            None => {}
        }
    }
    let pages = pages
        .into_iter()
        .map(|path| NavEntry::Page { path, title: None });
    let folders = subfolders
        .into_iter()
        .map(|path| NavEntry::Folder { path, title: None });
    pages.chain(folders).collect()
}
