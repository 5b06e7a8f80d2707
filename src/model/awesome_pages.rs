//! mkdocs-awesome-pages-plugin applied to the navigation made from folders: each folder's
//! `.pages` file (read by `load::pages_files`) titles, hides, sorts, orders, filters and
//! collapses the folder's entries.

use super::nav::{NavItem, NavTarget};
use crate::load::pages_files::{PagesEntry, PagesFile};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The folders' files, by folder (`""` for the top).
pub type PagesFiles = BTreeMap<String, PagesFile>;

/// An entry of a folder: a page or a subfolder, with the file or folder name that
/// `.pages` files use for it.
pub struct Entry {
    name: String,
    item: NavItem,
}

impl Entry {
    pub fn new(name: &str, item: NavItem) -> Entry {
        Entry {
            name: name.to_string(),
            item,
        }
    }
}

/// The folder files and the plugin's own settings.
pub struct Arranging<'a> {
    pub files: &'a PagesFiles,
    /// `collapse_single_pages` of the plugin, for folders whose file does not say.
    pub collapse_single_pages: bool,
}

impl Arranging<'_> {
    /// Whether folder `dir`'s file hides it from the navigation.
    pub fn hides(&self, dir: &str) -> bool {
        self.files.get(dir).is_some_and(|f| f.hide)
    }

    /// The section title folder `dir`'s file gives.
    pub fn title(&self, dir: &str) -> Option<&str> {
        self.files.get(dir).and_then(|f| f.title.as_deref())
    }

    /// Folder `dir`'s section, or its single page when single pages collapse.
    pub fn collapsed(&self, dir: &str, section: NavItem) -> NavItem {
        let collapse = self
            .files
            .get(dir)
            .and_then(|f| f.collapse)
            .unwrap_or(self.collapse_single_pages);
        let single_page = matches!(section.target, NavTarget::Group)
            && section.children.len() == 1
            && matches!(section.children[0].target, NavTarget::Page(_))
            && section.children[0].children.is_empty();
        if collapse && single_page {
            section.children.into_iter().next().expect("one child")
        } else {
            section
        }
    }

    /// The entries of folder `dir` (in Waymark's order) as its file arranges them.
    pub fn arrange(&self, dir: &str, mut entries: Vec<Entry>) -> Vec<NavItem> {
        let Some(file) = self.files.get(dir) else {
            return entries.into_iter().map(|e| e.item).collect();
        };
        if file.sort.set {
            entries.sort_by(|a, b| {
                let (a, b) = if file.sort.by_title {
                    (&a.item.title, &b.item.title)
                } else {
                    (&a.name, &b.name)
                };
                let order = if file.sort.natural {
                    natural(a, b)
                } else {
                    a.to_lowercase().cmp(&b.to_lowercase())
                };
                if file.sort.descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        match &file.nav {
            None => entries.into_iter().map(|e| e.item).collect(),
            Some(nav) => {
                let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
                // Entries named one by one are not part of any `...`, wherever it stands.
                let named = named_in(nav);
                build(nav, &mut slots, &named)
            }
        }
    }
}

/// The names that `nav` (and the sections written in it) list one by one.
fn named_in(nav: &[PagesEntry]) -> Vec<&str> {
    let mut names = Vec::new();
    for entry in nav {
        match entry {
            PagesEntry::Name { name, .. } => names.push(name.as_str()),
            PagesEntry::Section { entries, .. } => names.extend(named_in(entries)),
            PagesEntry::Rest(_) | PagesEntry::Link { .. } => {}
        }
    }
    names
}

fn build(nav: &[PagesEntry], slots: &mut [Option<Entry>], named: &[&str]) -> Vec<NavItem> {
    let mut items = Vec::new();
    for entry in nav {
        match entry {
            PagesEntry::Name { name, title } => {
                let found = slots
                    .iter_mut()
                    .find(|slot| slot.as_ref().is_some_and(|e| &e.name == name));
                if let Some(Entry { mut item, .. }) = found.and_then(Option::take) {
                    if let Some(title) = title {
                        item.title = title.clone();
                    }
                    items.push(item);
                }
            }
            PagesEntry::Rest(filter) => {
                for slot in slots.iter_mut() {
                    let wanted = slot.as_ref().is_some_and(|e| {
                        !named.contains(&e.name.as_str())
                            && filter.as_ref().is_none_or(|f| f.matches(&e.name))
                    });
                    if wanted {
                        items.extend(slot.take().map(|e| e.item));
                    }
                }
            }
            PagesEntry::Link { title, url } => items.push(NavItem {
                title: title.clone(),
                target: NavTarget::External(url.clone()),
                children: Vec::new(),
            }),
            PagesEntry::Section { title, entries } => items.push(NavItem {
                title: title.clone(),
                target: NavTarget::Group,
                children: build(entries, slots, named),
            }),
        }
    }
    items
}

/// Compares names with the numbers in them taken by value (`step-2` before `step-10`).
fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let x_len = a.bytes().take_while(u8::is_ascii_digit).count();
                let y_len = b.bytes().take_while(u8::is_ascii_digit).count();
                let (x_num, y_num) = (
                    a[..x_len].trim_start_matches('0'),
                    b[..y_len].trim_start_matches('0'),
                );
                let order = x_num.len().cmp(&y_num.len()).then_with(|| x_num.cmp(y_num));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[x_len..], &b[y_len..]);
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_takes_numbers_by_value() {
        let mut names = vec!["step-10.md", "step-2.md", "Step-1.md", "intro.md"];
        names.sort_by(|a, b| natural(a, b));
        assert_eq!(names, ["intro.md", "Step-1.md", "step-2.md", "step-10.md"]);
    }
}
