//! Link checking across the whole site: every internal link, image and `#anchor`, all
//! reported together; and links that send a tutorial reader onto another path.

use crate::config::ProjectKind;
use crate::diag::{closest, Diagnostic};
use crate::markdown::{Body, Link};
use crate::model::links::{LinkTarget, MissingReason};
use crate::model::{Page, PageId, Site};
use std::collections::HashMap;
use std::sync::Arc;

/// Checks the links of one page; what they lead to is looked up in `bodies`.
pub fn page_links(site: &Site, bodies: &[Arc<Body>], page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Links come in page order: locating them one after the other stays linear on a huge
    // page with many broken links.
    let mut locator = crate::diag::Locator::new(&page.source.text);
    for link in &bodies[page.id.0 as usize].links {
        // Links from front-matter (notes, warnings) are written where a reviewer expects
        // text, not code.
        let from_front_matter = matches!(link.span, crate::diag::Span::Line(_));
        let problem = if from_front_matter {
            unsafe_scheme(link).or_else(|| check_link(site, bodies, page, link))
        } else {
            check_link(site, bodies, page, link)
        };
        if let Some(problem) = problem {
            problems.push(
                problem
                    .in_file(&page.source.display_path)
                    .at(locator.locate_span(link.span)),
            );
        }
    }
    problems
}

/// Redirects (MkDocs' redirects plugin): each must lead to a page or file that exists,
/// at the level `validation.links.not_found` gives (a warning in MkDocs projects), and
/// must not take the place of a page: an error, but in MkDocs projects, where
/// mkdocs-redirects writes it over the page, a warning. Anchors and external targets are
/// not checked, as mkdocs-redirects does not check them.
pub fn redirects(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut problems = Vec::new();
    let pages_by_url: HashMap<&str, &Page> = site
        .pages
        .iter()
        .map(|page| (page.url.as_str(), page))
        .collect();
    for redirect in &config.redirects {
        let text = &config.config_text;
        let at = |needle: &str| {
            let offset = text.find(needle).unwrap_or(0);
            crate::diag::Location::in_text(text, offset, needle.len())
        };
        // The redirect's own line: its old path where a key is written (`old.md:`, quoted
        // or not), not where another redirect leads to it.
        let from_at = || {
            let is_key = |end: usize| text[end..].trim_start_matches(['"', '\'']).starts_with(':');
            let offset = text
                .match_indices(redirect.from.as_str())
                .find(|(start, _)| is_key(start + redirect.from.len()))
                .map_or(0, |(start, _)| start);
            crate::diag::Location::in_text(text, offset, redirect.from.len())
        };
        let target = site.paths.resolve("index.md", &redirect.to);
        let under = site
            .redirect_destination(&redirect.from, target.clone())
            .filter(|destination| destination.over_page)
            .and_then(|destination| {
                let page = pages_by_url.get(destination.from_url.as_str())?;
                Some((page, destination.from_url))
            });
        let problem = if let Some((page, from_url)) = under {
            // mkdocs-redirects writes its page over the site's, after the build.
            Some(
                Diagnostic::warning(format!(
                    "redirect from `{}` is written over the page {} at `{}`, as mkdocs-redirects writes it",
                    redirect.from,
                    page.source.display_path.display(),
                    crate::model::urls::output_file(&from_url)
                ))
                .with_hint("readers of that address are sent on; remove the redirect, or the page")
                .at(from_at()),
            )
        } else if site.paths.pages.contains_key(&redirect.from)
            && config.kind != ProjectKind::MkDocs
        {
            Some(
                Diagnostic::error(format!(
                    "redirect from `{}` would replace an existing page",
                    redirect.from
                ))
                .with_hint("remove the redirect, or the page")
                .at(from_at()),
            )
        } else {
            match target {
                LinkTarget::Missing { wanted, .. } => config.validation.not_found.apply(
                    Diagnostic::error(format!(
                        "redirect from `{}` leads to `{}`, which does not exist",
                        redirect.from, redirect.to
                    ))
                    .with_hint(format!(
                        "no page or file `{wanted}`; paths are relative to the content folder"
                    ))
                    .at(at(&redirect.to)),
                ),
                LinkTarget::File { .. } if config.kind == ProjectKind::MkDocs => Some(
                    Diagnostic::warning(format!(
                        "redirect from `{}` leads to `{}`, which is no page: it is not written",
                        redirect.from, redirect.to
                    ))
                    .with_hint("mkdocs-redirects leads only to pages and other sites, and writes nothing for other targets")
                    .at(at(&redirect.to)),
                ),
                _ => None,
            }
        };
        problems.extend(problem.map(|p| p.in_file(config.display_file())));
    }
    problems
}

/// Pages asking for a template the theme does not have fall back to `page.html`: one
/// warning per missing template, at the first page that asks for it, naming the others.
pub fn templates(site: &Site, theme: &crate::render::theme::Theme) -> Vec<Diagnostic> {
    let mut wanting: std::collections::BTreeMap<&str, Vec<&Page>> = Default::default();
    for page in &site.pages {
        if let Some(wanted) = &page.source.front.template {
            if !theme.has_template(&wanted.value) {
                wanting.entry(wanted.value.as_str()).or_default().push(page);
            }
        }
    }
    wanting
        .into_iter()
        .map(|(name, pages)| {
            let first = pages[0];
            let line = first.source.front.template.as_ref().map_or(1, |t| t.line);
            let others = match pages.len() {
                1 => String::new(),
                n => format!(
                    " (and on {} more page{})",
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            };
            Diagnostic::warning(format!(
                "the theme has no template `{name}`; using page.html{others}"
            ))
            .in_file(&first.source.display_path)
            .at(crate::diag::Location::line_in_text(
                &first.source.text,
                line,
            ))
            .with_hint("add the template to your theme's templates/ folder, or remove `template`")
        })
        .collect()
}

/// Links in the configured announcement, reported against `book.toml`.
pub fn announcement_links(site: &Site, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
    let Some(home) = site
        .paths
        .pages
        .get("index.md")
        .map(|&id| site.page(id))
        .or(site.pages.first())
    else {
        return Vec::new();
    };
    let Some(body) = crate::markdown::announcement(site, home) else {
        return Vec::new();
    };
    body.links
        .iter()
        .filter_map(|link| {
            let problem = unsafe_scheme(link).or_else(|| check_link(site, bodies, home, link))?;
            Some(
                problem
                    .in_file(site.config.display_file())
                    .at(link.span.locate(&site.config.config_text)),
            )
        })
        .collect()
}

/// A link whose scheme would run code (`javascript:`) or open a smuggled document.
fn unsafe_scheme(link: &Link) -> Option<Diagnostic> {
    let problem = crate::config::unsafe_url(&format!("link `{}`", link.dest), &link.dest)?;
    Some(Diagnostic::error(problem).with_hint(crate::config::UNSAFE_URL_HINT))
}

/// The problem with one link, if any, at the severity the configuration gives its kind.
fn check_link(site: &Site, bodies: &[Arc<Body>], page: &Page, link: &Link) -> Option<Diagnostic> {
    if site.config.mdbook.is_some()
        && link.dest.contains("{{#")
        && matches!(link.target, LinkTarget::Missing { .. })
    {
        // A directive of the book's own preprocessor (PyO3's `{{#PYO3_DOCS_URL}}`), which
        // could not run and was named in a warning of its own: one line for all of them.
        return Some(
            Diagnostic::info(format!(
                "link `{}` holds a `{{{{#…}}}}` directive that no preprocessor here fills in",
                link.dest
            ))
            .with_hint("the book's own preprocessor would write the address; the link leads nowhere in this build"),
        );
    }
    let levels = &site.config.validation;
    if !levels.absolute_links_checked
        && link.dest.starts_with('/')
        && matches!(link.target, LinkTarget::Missing { .. })
    {
        return levels.absolute_links.apply(
            Diagnostic::error(format!(
                "link `{}` is written from the site root and names no page or file of the content folder: it is left as written",
                link.dest
            ))
            .with_hint("MkDocs leaves it unchecked too; a relative link to the file lets both tools check it"),
        );
    }
    let level = match &link.target {
        LinkTarget::Missing {
            wanted,
            reason: MissingReason::NoSuchFile,
        } if !has_extension(wanted) => levels.unrecognized_links,
        LinkTarget::Missing { .. } => levels.not_found,
        LinkTarget::SamePage { .. }
        | LinkTarget::Page {
            anchor: Some(_), ..
        } => levels.anchors,
        _ => crate::config::Level::Error,
    };
    let problem = link_problem(site, bodies, page, link).and_then(|problem| {
        // A step sending its reader onto another path is always a warning.
        if problem.is_error() {
            level.apply(problem)
        } else {
            Some(problem)
        }
    });
    let site_absolute = link.dest.starts_with('/')
        && matches!(
            link.target,
            LinkTarget::Page { .. } | LinkTarget::File { .. }
        );
    problem.or_else(|| {
        if !site_absolute {
            return None;
        }
        levels.absolute_links.apply(
            Diagnostic::error(format!(
                "link `{}` is written from the site root",
                link.dest
            ))
            .with_hint(
                "Waymark resolves it in the content folder; a relative link works with every tool",
            ),
        )
    })
}

fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

fn link_problem(site: &Site, bodies: &[Arc<Body>], page: &Page, link: &Link) -> Option<Diagnostic> {
    match &link.target {
        LinkTarget::External | LinkTarget::File { .. } => None,
        LinkTarget::Missing { wanted, reason: MissingReason::OutsideContent } => Some(
            Diagnostic::error(format!("broken link `{}`: it leads outside the content folder", link.dest))
                .with_hint(format!("`{wanted}` is not part of the site; link to a page or file inside the content folder")),
        ),
        LinkTarget::Missing { wanted, reason: MissingReason::NoSuchFile } => {
            let mut problem = Diagnostic::error(format!("broken link `{}`: no page or file `{wanted}`", link.dest));
            let near = closest(wanted, site.paths.page_paths())
                .or_else(|| closest(wanted, site.paths.files.iter().map(String::as_str)));
            problem = match near {
                Some(near) => problem.with_hint(format!("did you mean `{}`?", crate::model::urls::relative_href(&page.rel_path, near))),
                None if !has_extension(wanted) => {
                    problem.with_hint("link to the Markdown file, e.g. `setup.md`, not to the page's URL")
                }
                None => problem,
            };
            Some(problem)
        }
        // `[x](#)`: a placeholder, not an anchor.
        LinkTarget::SamePage { anchor } if anchor.is_empty() => None,
        LinkTarget::SamePage { anchor } => anchor_problem(&bodies[page.id.0 as usize], anchor, &link.dest, "this page"),
        LinkTarget::Page { page: target, anchor, .. } => {
            let target_page = site.page(*target);
            anchor
                .as_deref()
                .filter(|a| !a.is_empty())
                .and_then(|a| anchor_problem(&bodies[target.0 as usize], a, &link.dest, &target_page.source.display_path.display().to_string()))
                .or_else(|| cross_path_problem(site, page.id, *target))
        }
    }
}

fn anchor_problem(body: &Body, anchor: &str, dest: &str, on: &str) -> Option<Diagnostic> {
    let anchor = crate::model::urls::decode_path(anchor);
    if body.ids.contains(&anchor) {
        return None;
    }
    let problem = Diagnostic::error(format!(
        "broken anchor in `{dest}`: {on} has no heading or element with id `{anchor}`"
    ));
    Some(match closest(&anchor, body.ids.iter().map(String::as_str)) {
        Some(near) => problem.with_hint(format!("did you mean `#{near}`?")),
        None => problem.with_hint("heading ids are lowercase words joined by `-`, e.g. `## Upload files` is `#upload-files`"),
    })
}

/// A step linking to a step of the same tutorial that shares none of its paths.
fn cross_path_problem(site: &Site, from: PageId, to: PageId) -> Option<Diagnostic> {
    let tutorial = site.tutorial_of(from)?;
    let (from_step, to_step) = (tutorial.step(from)?, tutorial.step(to)?);
    if from_step.paths.iter().any(|p| to_step.paths.contains(p)) || from_step.paths.is_empty() {
        return None;
    }
    let names = |paths: &[usize]| {
        paths
            .iter()
            .map(|&i| format!("`{}`", tutorial.paths[i].id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(
        Diagnostic::warning(format!(
            "this step (on {}) links to a step that is only on {}: readers would leave their path",
            names(&from_step.paths),
            names(&to_step.paths)
        ))
        .with_hint("link to a step on the same path, or to the tutorial's overview"),
    )
}
