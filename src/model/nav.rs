//! Navigation: the tree shown in the sidebar (from folders and `weight`, or from an explicit
//! `nav` list), the reading order used for previous/next, and each page's place in the tree.

use super::awesome_pages::{self, PagesFiles};
use super::{urls, Page, PageId};
use crate::config::{Config, NavEntry};
use crate::diag::{closest, Diagnostic, Location};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, PartialEq)]
pub struct NavItem {
    pub title: String,
    pub target: NavTarget,
    pub children: Vec<NavItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NavTarget {
    Page(PageId),
    /// A section without a page of its own.
    Group,
    External(String),
    /// A file of the site that is not a page (a notebook, a PDF), by its site path: MkDocs
    /// links a `nav` entry naming one to the file.
    File(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Nav {
    pub items: Vec<NavItem>,
    /// Pages in reading order (each once), for previous/next links.
    pub order: Vec<PageId>,
    /// Per page: the child indices leading from the top level to its first entry.
    pub positions: Vec<Option<Vec<usize>>>,
    /// Per page: its index in `order`, so that previous and next cost no scan.
    order_index: Vec<Option<usize>>,
}

impl Nav {
    pub(super) fn finish(items: Vec<NavItem>, page_count: usize) -> Nav {
        let mut nav = Nav {
            items,
            order: Vec::new(),
            positions: vec![None; page_count],
            order_index: vec![None; page_count],
        };
        let mut trail = Vec::new();
        walk(&nav.items, &mut trail, &mut |item, trail| {
            if let NavTarget::Page(page) = item.target {
                let slot = &mut nav.positions[page.0 as usize];
                if slot.is_none() {
                    *slot = Some(trail.to_vec());
                    nav.order_index[page.0 as usize] = Some(nav.order.len());
                    nav.order.push(page);
                }
            }
        });
        nav
    }

    /// The items from the top level down to the page's entry (inclusive).
    pub fn ancestry(&self, page: PageId) -> Vec<&NavItem> {
        let mut chain = Vec::new();
        if let Some(Some(trail)) = self.positions.get(page.0 as usize) {
            let mut level = &self.items;
            for &i in trail {
                chain.push(&level[i]);
                level = &level[i].children;
            }
        }
        chain
    }

    /// Previous and next pages in reading order.
    pub fn neighbours(&self, page: PageId) -> (Option<PageId>, Option<PageId>) {
        match self.order_index.get(page.0 as usize).copied().flatten() {
            Some(i) => (
                i.checked_sub(1).map(|j| self.order[j]),
                self.order.get(i + 1).copied(),
            ),
            None => (None, None),
        }
    }
}

fn walk<'a>(
    items: &'a [NavItem],
    trail: &mut Vec<usize>,
    visit: &mut impl FnMut(&'a NavItem, &[usize]),
) {
    for (i, item) in items.iter().enumerate() {
        trail.push(i);
        visit(item, trail);
        walk(&item.children, trail, visit);
        trail.pop();
    }
}

/// The navigation from the folder structure: a folder's `index.md` is the section's page;
/// entries sort by `weight` (pages with a weight first), then title, then path. In a
/// tutorial folder, steps come first in step order. A folder's `.pages` file (awesome-pages)
/// rearranges its entries.
pub fn from_folders(pages: &[Page], pages_files: &PagesFiles, config: &Config) -> Nav {
    let mut folders: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    // The not-found page is the site's 404.html, not a page to browse to.
    let not_found = config.not_found_page.as_deref();
    for page in pages
        .iter()
        .filter(|p| Some(p.source.rel_path.as_str()) != not_found)
    {
        let dir = page.rel_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        folders.entry(dir).or_default().push(page);
    }
    let mut subfolders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for dir in folders.keys().copied().filter(|d| !d.is_empty()) {
        // Every ancestor folder takes part, even one without pages of its own.
        let mut child = dir;
        loop {
            let parent = child.rsplit_once('/').map_or("", |(parent, _)| parent);
            let siblings = subfolders.entry(parent).or_default();
            if siblings.contains(&child) {
                break;
            }
            siblings.push(child);
            if parent.is_empty() {
                break;
            }
            child = parent;
        }
    }
    let mut items = Vec::new();
    if let Some(home) = pages.iter().find(|p| p.rel_path == "index.md") {
        items.push(NavItem {
            title: home.title.clone(),
            target: NavTarget::Page(home.id),
            children: Vec::new(),
        });
    }
    let arranging = awesome_pages::Arranging {
        files: pages_files,
        collapse_single_pages: config
            .awesome_pages
            .as_ref()
            .is_some_and(|a| a.collapse_single_pages),
    };
    items.extend(folder_items("", &folders, &subfolders, &arranging));
    Nav::finish(items, pages.len())
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    step: u32,
    no_weight: bool,
    weight: i64,
    title: String,
    path: String,
}

fn sort_key(page: Option<&Page>, title: &str, path: &str) -> SortKey {
    let front = page.map(|p| &p.source.front);
    SortKey {
        // Pages without `step` sort after the steps.
        step: front
            .and_then(|f| f.step.as_ref())
            .map_or(u32::MAX, |s| s.value),
        no_weight: front.and_then(|f| f.weight).is_none(),
        weight: front.and_then(|f| f.weight).unwrap_or(0),
        title: title.to_lowercase(),
        path: path.to_string(),
    }
}

fn folder_items(
    dir: &str,
    folders: &BTreeMap<&str, Vec<&Page>>,
    subfolders: &BTreeMap<&str, Vec<&str>>,
    arranging: &awesome_pages::Arranging,
) -> Vec<NavItem> {
    let index_path = |d: &str| {
        if d.is_empty() {
            "index.md".to_string()
        } else {
            format!("{d}/index.md")
        }
    };
    let mut entries: Vec<(SortKey, awesome_pages::Entry)> = Vec::new();
    for page in folders.get(dir).into_iter().flatten() {
        if page.rel_path == index_path(dir) {
            continue;
        }
        let item = NavItem {
            title: page.title.clone(),
            target: NavTarget::Page(page.id),
            children: Vec::new(),
        };
        let name = urls::file_name(&page.rel_path);
        let entry = awesome_pages::Entry::new(name, item);
        entries.push((sort_key(Some(page), &page.title, &page.rel_path), entry));
    }
    for &sub in subfolders.get(dir).into_iter().flatten() {
        if arranging.hides(sub) {
            continue;
        }
        let index = folders
            .get(sub)
            .and_then(|pages| pages.iter().find(|p| p.rel_path == index_path(sub)));
        let name = urls::file_name(sub);
        let title = arranging.title(sub).map_or_else(
            || index.map_or_else(|| title_from_file_name(name), |p| p.title.clone()),
            str::to_string,
        );
        let target = index.map_or(NavTarget::Group, |p| NavTarget::Page(p.id));
        let children = folder_items(sub, folders, subfolders, arranging);
        let item = arranging.collapsed(
            sub,
            NavItem {
                title,
                target,
                children,
            },
        );
        entries.push((
            sort_key(index.copied(), &item.title, sub),
            awesome_pages::Entry::new(name, item),
        ));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    arranging.arrange(dir, entries.into_iter().map(|(_, entry)| entry).collect())
}

/// "getting-started" -> "Getting started".
pub fn title_from_file_name(name: &str) -> String {
    let words = name.trim_end_matches(".md").replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The navigation from an explicit `nav` list in the configuration.
/// `files`: the site paths of the files that are not pages, which entries may name too.
pub fn from_config(
    entries: &[NavEntry],
    pages: &[Page],
    files: &BTreeSet<String>,
    config: &Config,
) -> (Nav, Vec<Diagnostic>) {
    // A README that stands in for a folder's index may be named by either path.
    let by_path: HashMap<&str, &Page> = pages
        .iter()
        .flat_map(|p| [(p.rel_path.as_str(), p), (p.source.rel_path.as_str(), p)])
        .collect();
    let mut problems = Vec::new();
    let found = Found {
        pages: &by_path,
        files,
    };
    let items = config_items(entries, &found, config, &mut problems, &mut Vec::new());
    (Nav::finish(items, pages.len()), problems)
}

/// What a `nav` entry's path may name: a page (by its path or its source's), or another
/// file of the site.
struct Found<'a> {
    pages: &'a HashMap<&'a str, &'a Page>,
    files: &'a BTreeSet<String>,
}

/// `expanding`: the folders whose nav files are being read, outermost first, so that a
/// nav file leading back to one of them ends there instead of recursing forever.
fn config_items(
    entries: &[NavEntry],
    found: &Found,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
    expanding: &mut Vec<String>,
) -> Vec<NavItem> {
    let by_path = found.pages;
    let page = |path: &str, problems: &mut Vec<Diagnostic>| -> Option<&Page> {
        let found = by_path.get(path.trim_start_matches("./")).copied();
        if found.is_none() {
            let mut problem =
                Diagnostic::error(format!("nav lists `{path}`, but there is no such page"))
                    .in_file(config.display_file());
            // The entry is looked for in the `nav` setting, not earlier in the file (a
            // redirect may name the same page).
            let text = &config.config_text;
            let nav_start = ["\nnav:", "\nnav =", "\nnav="]
                .iter()
                .find_map(|key| text.find(key))
                .unwrap_or(0);
            let in_nav = |needle: &str| {
                text[nav_start..]
                    .find(needle)
                    .map(|o| (nav_start + o, needle.len()))
            };
            let quoted = format!("\"{path}\"");
            if let Some((offset, len)) = in_nav(&quoted).or_else(|| in_nav(path)) {
                problem = problem.at(Location::in_text(text, offset, len));
            }
            let hint = match closest(path, by_path.keys().copied()) {
                Some(near) => {
                    format!("did you mean `{near}`? Paths are relative to the content folder")
                }
                None => {
                    "paths are relative to the content folder, e.g. `guide/setup.md`".to_string()
                }
            };
            problems.extend(
                config
                    .validation
                    .nav_not_found
                    .apply(problem.with_hint(hint)),
            );
        }
        found
    };
    let mut items = Vec::new();
    for entry in entries {
        match entry {
            NavEntry::Page { path, title } => {
                let file = path.trim_start_matches("./");
                if found.files.contains(file) {
                    let name = urls::file_name(file);
                    items.push(NavItem {
                        title: title.clone().unwrap_or_else(|| name.to_string()),
                        target: NavTarget::File(file.to_string()),
                        children: Vec::new(),
                    });
                } else if let Some(p) = page(path, problems) {
                    let title = title.clone().unwrap_or_else(|| p.title.clone());
                    items.push(NavItem {
                        title,
                        target: NavTarget::Page(p.id),
                        children: Vec::new(),
                    });
                }
            }
            NavEntry::Section {
                title,
                page: own,
                children,
            } => {
                let own = own.as_deref().and_then(|own| page(own, problems));
                let target = own.map_or(NavTarget::Group, |p| NavTarget::Page(p.id));
                // A section titled `""` is named by its own page, as Zensical names it
                // (typer, sqlmodel); MkDocs leaves the link empty, with nothing to read.
                let title = match own {
                    Some(own) if title.trim().is_empty() => own.title.clone(),
                    _ => title.clone(),
                };
                let children = config_items(children, found, config, problems, expanding);
                items.push(NavItem {
                    title,
                    target,
                    children,
                });
            }
            NavEntry::Folder { path, title } => {
                let Some(settings) = &config.literate_nav else {
                    continue;
                };
                if expanding.contains(path) {
                    continue;
                }
                let (own, entries) = super::literate_nav::expand(path, by_path, settings);
                expanding.push(path.clone());
                let children = config_items(&entries, found, config, problems, expanding);
                expanding.pop();
                let own = own.as_deref().and_then(|own| by_path.get(own)).copied();
                let target = own.map_or(NavTarget::Group, |p| NavTarget::Page(p.id));
                if path.is_empty() && title.is_none() {
                    // The whole navigation, from the docs folder's nav file.
                    if let Some(home) = own {
                        items.push(NavItem {
                            title: home.title.clone(),
                            target,
                            children: Vec::new(),
                        });
                    }
                    items.extend(children);
                    continue;
                }
                let name = path
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or(path);
                let title = title
                    .clone()
                    .or_else(|| own.map(|p| p.title.clone()))
                    .unwrap_or_else(|| title_from_file_name(name));
                items.push(NavItem {
                    title,
                    target,
                    children,
                });
            }
            NavEntry::Link { title, url } => items.push(NavItem {
                title: title.clone(),
                target: NavTarget::External(url.clone()),
                children: Vec::new(),
            }),
        }
    }
    items
}
