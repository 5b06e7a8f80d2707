//! Link checking across the whole site: every internal link, image and `#anchor`, all
//! reported together; and links that send a tutorial reader onto another path.

use crate::diag::{closest, Diagnostic};
use crate::markdown::{Body, Link};
use crate::model::links::{LinkTarget, MissingReason};
use crate::model::{Page, PageId, Site};
use std::sync::Arc;

/// Checks the links of every page against the rendered bodies (`bodies[i]` is page `i`).
pub fn links(site: &Site, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (page, body) in site.pages.iter().zip(bodies) {
        for link in &body.links {
            if let Some(problem) = check_link(site, bodies, page, link) {
                problems.push(
                    problem
                        .in_file(&page.source.display_path)
                        .at(link.span.locate(&page.source.text)),
                );
            }
        }
    }
    problems.extend(announcement_links(site, bodies));
    problems
}

/// Links in the configured announcement, reported against `book.toml`.
fn announcement_links(site: &Site, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
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
            let problem = check_link(site, bodies, home, link)?;
            Some(
                problem
                    .in_file(crate::config::CONFIG_FILE)
                    .at(link.span.locate(&site.config.config_text)),
            )
        })
        .collect()
}

fn check_link(site: &Site, bodies: &[Arc<Body>], page: &Page, link: &Link) -> Option<Diagnostic> {
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
                None if !wanted.ends_with(".md") && !wanted.contains('.') => {
                    problem.with_hint("link to the Markdown file, e.g. `setup.md`, not to the page's URL")
                }
                None => problem,
            };
            Some(problem)
        }
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
