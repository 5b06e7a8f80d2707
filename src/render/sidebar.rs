//! The sidebar, rendered to HTML in Rust rather than by a recursive template: it is the
//! largest part of every page, and building it directly keeps a 10,000-page build fast
//! (mdBook renders its table of contents the same way). Its markup is part of the theme
//! contract documented in `content/waymark/theming.md`.
//!
//! Only the top level and the branch that leads to the current page are listed, so a
//! page's size does not grow with the size of the site.

use crate::markdown::{escape, push_escaped};
use crate::model::nav::{NavItem, NavTarget};
use crate::model::{urls, Page, Site};
use std::fmt::Write as _;

/// The sidebar of `current` (if any), with hrefs relative to the page at `from_url`, or
/// absolute from `root` for pages served at any address (the 404 page).
pub fn html(site: &Site, current: Option<&Page>, from_url: &str, root: Option<&str>) -> String {
    let trail: &[usize] = current
        .and_then(|p| site.nav.positions[p.id.0 as usize].as_deref())
        .unwrap_or(&[]);
    let hrefs = Hrefs {
        from: from_url,
        root,
    };
    let mut out = String::with_capacity(4096);
    level(site, &site.nav.items, trail, 0, &hrefs, &mut out);
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

fn level(
    site: &Site,
    items: &[NavItem],
    trail: &[usize],
    depth: usize,
    hrefs: &Hrefs,
    out: &mut String,
) {
    let _ = write!(out, "<ul class=\"nav-list nav-level-{depth}\">");
    for (i, item) in items.iter().enumerate() {
        let on_trail = trail.first() == Some(&i);
        let current = on_trail && trail.len() == 1;
        let active = on_trail && !current;
        // A section without a page of its own stays open: there is no page to open it from.
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
        if let NavTarget::Page(page) = item.target {
            if let Some(tutorial) = site.tutorial_of(page) {
                if let Some(step) = tutorial.step(page) {
                    let ids: Vec<&str> = step
                        .paths
                        .iter()
                        .map(|&p| tutorial.paths[p].id.as_str())
                        .collect();
                    let _ = write!(out, " data-step-paths=\"{}\"", escape(&ids.join(" ")));
                }
            }
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
                hrefs.push(out, &site.page(*page).url);
                out.push_str(if current {
                    "\" aria-current=\"page\">"
                } else {
                    "\">"
                });
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
            level(site, &item.children, rest, depth + 1, hrefs, out);
        }
        out.push_str("</li>");
    }
    out.push_str("\n</ul>");
}
