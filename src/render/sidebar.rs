//! The sidebar, rendered to HTML in Rust rather than by a recursive template: it is the
//! largest part of every page, and building it directly keeps a 10,000-page build fast
//! (mdBook renders its table of contents the same way). Its markup is part of the theme
//! contract documented in `content/waymark/theming.md`.
//!
//! A page's sidebar holds the top level, the branch that leads to the page and, at each
//! level, at most [`WINDOW`] entries around that branch; the rest are counted in a
//! "n more" link to the section's page. So a page's size grows neither with the site nor
//! with a folder. The whole tree is one shared script, [`tree_script`], with which the
//! theme's script replaces the bounded sidebar after load.

use crate::markdown::push_escaped;
use crate::model::nav::{NavItem, NavTarget};
use crate::model::{urls, Page, PageId, Site};
use serde::Serialize;
use std::fmt::Write as _;

/// Entries listed at one level of a page's sidebar, around the branch to the page.
pub const WINDOW: usize = 50;

/// Where the whole tree is written, from the site root.
pub const TREE_SCRIPT: &str = "_waymark/nav.js";

/// The sidebar of `current` (if any), with hrefs relative to the page at `from_url`, or
/// absolute from `root` for pages served at any address (the 404 page). `more` is the
/// label of the link to a section's page for the entries left out (`{count} more`).
pub fn html(
    site: &Site,
    current: Option<&Page>,
    from_url: &str,
    root: Option<&str>,
    more: &str,
) -> String {
    let trail: &[usize] = current
        .and_then(|p| site.nav.positions[p.id.0 as usize].as_deref())
        .unwrap_or(&[]);
    let sidebar = Sidebar {
        site,
        hrefs: Hrefs {
            from: from_url,
            root,
        },
        more,
    };
    let mut out = String::with_capacity(4096);
    let home = site.paths.pages.get("index.md").copied();
    sidebar.level(&site.nav.items, trail, 0, home, &mut out);
    out
}

struct Hrefs<'a> {
    from: &'a str,
    /// When set, hrefs are absolute from this root instead of relative to `from`.
    root: Option<&'a str>,
}

impl Hrefs<'_> {
    /// Appends the href of `url` to `out`, ready for an attribute.
    fn push(&self, out: &mut String, url: &str) {
        match self.root {
            Some(root) => {
                push_escaped(out, root);
                push_escaped(out, &urls::encode_path(url));
            }
            None => urls::push_relative_href(out, self.from, url),
        }
    }
}

struct Sidebar<'a> {
    site: &'a Site,
    hrefs: Hrefs<'a>,
    more: &'a str,
}

impl Sidebar<'_> {
    /// One level of the list; `section` is the page of the section it belongs to, where
    /// the entries left out are listed.
    fn level(
        &self,
        items: &[NavItem],
        trail: &[usize],
        depth: usize,
        section: Option<PageId>,
        out: &mut String,
    ) {
        let site = self.site;
        let shown = super::window(items.len(), trail.first().copied(), WINDOW);
        let (start, end) = (shown.start, shown.end);
        let _ = write!(out, "<ul class=\"nav-list nav-level-{depth}\">");
        self.more_link(start, section, out);
        for (i, item) in items.iter().enumerate().take(end).skip(start) {
            let on_trail = trail.first() == Some(&i);
            let current = on_trail && trail.len() == 1;
            let active = on_trail && !current;
            // A section that could not have a page of its own stays open: there is no page
            // to open it from.
            let expanded = on_trail || matches!(item.target, NavTarget::Group);
            let has_children = !item.children.is_empty();

            out.push_str("\n<li class=\"nav-item");
            if current {
                out.push_str(" current");
            }
            if active {
                out.push_str(" active");
            }
            if has_children {
                out.push_str(if expanded {
                    " has-children expanded"
                } else {
                    " has-children collapsed"
                });
            }
            if matches!(item.target, NavTarget::Group) {
                out.push_str(" nav-section");
            }
            out.push('"');
            if let Some(ids) = step_path_ids(site, &item.target) {
                out.push_str(" data-step-paths=\"");
                push_escaped(out, ids);
                out.push('"');
            }
            out.push('>');
            // Written straight into `out`: a sidebar has a hundred links or more, on every page.
            match &item.target {
                NavTarget::Page(page) => {
                    out.push_str(if active {
                        "<a class=\"nav-link active\" href=\""
                    } else {
                        "<a class=\"nav-link\" href=\""
                    });
                    self.hrefs.push(out, &site.page(*page).url);
                    out.push_str(if current {
                        "\" aria-current=\"page\">"
                    } else {
                        "\">"
                    });
                    push_escaped(out, &item.title);
                    out.push_str("</a>");
                }
                NavTarget::File(path) => {
                    out.push_str("<a class=\"nav-link\" href=\"");
                    self.hrefs.push(out, path);
                    out.push_str("\">");
                    push_escaped(out, &item.title);
                    out.push_str("</a>");
                }
                NavTarget::External(url) => {
                    out.push_str("<a class=\"nav-link external\" href=\"");
                    push_escaped(out, url);
                    out.push_str("\">");
                    push_escaped(out, &item.title);
                    out.push_str("<span class=\"external-mark\" aria-hidden=\"true\"></span><span class=\"visually-hidden\"> (external site)</span></a>");
                }
                NavTarget::Group => {
                    out.push_str("<span class=\"nav-label\">");
                    push_escaped(out, &item.title);
                    out.push_str("</span>");
                }
            }
            if has_children && expanded {
                out.push('\n');
                let rest = if on_trail { &trail[1..] } else { &[][..] };
                let own = match item.target {
                    NavTarget::Page(page) => Some(page),
                    _ => None,
                };
                self.level(&item.children, rest, depth + 1, own, out);
            }
            out.push_str("</li>");
        }
        self.more_link(items.len() - end, section, out);
        out.push_str("\n</ul>");
    }

    /// "n more": the entries of a level left out of this page, found on the section's page.
    fn more_link(&self, count: usize, section: Option<PageId>, out: &mut String) {
        if count == 0 {
            return;
        }
        let label = self.more.replace("{count}", &count.to_string());
        out.push_str("\n<li class=\"nav-item nav-more\">");
        match section {
            Some(page) => {
                out.push_str("<a class=\"nav-link\" href=\"");
                self.hrefs.push(out, &self.site.page(page).url);
                out.push_str("\">");
                push_escaped(out, &label);
                out.push_str("</a>");
            }
            None => {
                out.push_str("<span class=\"nav-label\">");
                push_escaped(out, &label);
                out.push_str("</span>");
            }
        }
        out.push_str("</li>");
    }
}

/// The ids of the tutorial paths a step is on, separated by spaces, for path filtering.
fn step_path_ids<'s>(site: &'s Site, target: &NavTarget) -> Option<&'s str> {
    let NavTarget::Page(page) = *target else {
        return None;
    };
    let tutorial = site.tutorial_of(page)?;
    let step = tutorial.step(page)?;
    Some(&step.path_ids)
}

/// One entry of the whole tree in the shared script: title, URL from the site root (or
/// another site's address), entries inside, and tutorial paths (for steps). One-letter
/// keys: the file lists every page of the site.
#[derive(Serialize)]
struct TreeNode<'a> {
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    u: Option<&'a str>,
    /// The URL leads to another site.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    e: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    c: Vec<TreeNode<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<&'a str>,
}

fn tree_nodes<'a>(site: &'a Site, items: &'a [NavItem]) -> Vec<TreeNode<'a>> {
    items
        .iter()
        .map(|item| TreeNode {
            t: &item.title,
            u: match &item.target {
                NavTarget::Page(page) => Some(site.page(*page).url.as_str()),
                NavTarget::External(url) | NavTarget::File(url) => Some(url.as_str()),
                NavTarget::Group => None,
            },
            e: matches!(item.target, NavTarget::External(_)),
            c: tree_nodes(site, &item.children),
            p: step_path_ids(site, &item.target),
        })
        .collect()
}

/// The whole navigation as a script that sets `window.waymarkNav`: one file per site,
/// cached by the browser, and loadable from a site opened from disk (where a page may
/// not fetch files).
pub fn tree_script(site: &Site) -> String {
    let nodes = tree_nodes(site, &site.nav.items);
    let json = serde_json::to_string(&nodes).unwrap_or_else(|_| "[]".to_string());
    format!("window.waymarkNav = {json};\n")
}
