//! Renders a whole page body: path passages, the Markdown itself and the front-matter
//! `notes` and `warnings` shown above it.

use super::headings::Ids;
use super::passages::{self, PassageRules, PathLabel};
use super::{admonition_open, render, Body, Origin};
use crate::diag::{Diagnostic, Location, Span};
use crate::load::frontmatter::AtLine;
use crate::model::{Page, Site};

/// The rendered body of `page` and the problems found while rendering it.
pub fn render_page(site: &Site, page: &Page) -> (Body, Vec<Diagnostic>) {
    let source = &page.source;
    let mut problems = Vec::new();
    let rules = passage_rules(site, page);
    let (prepared, passage_problems) = passages::prepare(source.body(), rules.as_ref());
    for problem in passage_problems {
        let location = Location::in_text(
            &source.text,
            source.body_offset + problem.offset,
            problem.len,
        );
        let diagnostic = if problem.is_error {
            Diagnostic::error(problem.message)
        } else {
            Diagnostic::warning(problem.message)
        };
        problems.push(
            diagnostic
                .in_file(&source.display_path)
                .at(location)
                .with_hint(problem.hint),
        );
    }

    let mut ids = Ids::default();
    let mut html = String::new();
    let mut links = Vec::new();
    for (items, class, title) in [
        (&source.front.notes, "note", "Note"),
        (&source.front.warnings, "warning", "Warning"),
    ] {
        for item in items {
            let fragment = render_note(site, page, item, &mut ids);
            html.push_str(&admonition_open(class, title));
            html.push_str(&fragment.html);
            html.push_str("</div>\n");
            links.extend(fragment.links);
        }
    }

    let locate = |range: std::ops::Range<usize>| Span::Bytes {
        start: source.body_offset + prepared.source_offset(range.start),
        len: range.len(),
    };
    let origin = Origin {
        site,
        page,
        resolve_from: &page.rel_path,
        locate: &locate,
    };
    let mut body = render(prepared.text(), &origin, &mut ids);
    html.push_str(&body.html);
    body.html = html;
    links.append(&mut body.links);
    body.links = links;
    (body, problems)
}

fn render_note(site: &Site, page: &Page, item: &AtLine<String>, ids: &mut Ids) -> Body {
    let locate = |_: std::ops::Range<usize>| Span::Line(item.line);
    render(
        &item.value,
        &Origin {
            site,
            page,
            resolve_from: &page.rel_path,
            locate: &locate,
        },
        ids,
    )
}

/// On a tutorial step: the declared paths and the ones the step is on.
fn passage_rules<'a>(site: &'a Site, page: &Page) -> Option<PassageRules<'a>> {
    let tutorial = site.tutorial_of(page.id)?;
    let step = tutorial.step(page.id)?;
    Some(PassageRules {
        declared: tutorial
            .paths
            .iter()
            .map(|p| PathLabel {
                id: &p.id,
                title: &p.title,
            })
            .collect(),
        on_step_paths: step
            .paths
            .iter()
            .map(|&i| tutorial.paths[i].id.as_str())
            .collect(),
    })
}

/// The configured announcement as shown on `page`; its links are resolved from the content
/// root and point into `book.toml` in diagnostics.
pub fn announcement(site: &Site, page: &Page) -> Option<Body> {
    let text = site.config.announcement.as_deref()?;
    let line = site
        .config
        .config_text
        .lines()
        .position(|l| l.trim_start().starts_with("announcement"))
        .map_or(1, |i| i as u32 + 1);
    let locate = |_: std::ops::Range<usize>| Span::Line(line);
    Some(render(
        text,
        &Origin {
            site,
            page,
            resolve_from: "index.md",
            locate: &locate,
        },
        &mut Ids::default(),
    ))
}
