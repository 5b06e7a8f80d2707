//! `print.html`, the printable guide (mdBook's `print`): every page of the navigation in
//! reading order on one page, for the browser's print dialog. Each page's rendered body
//! is reused, its ids prefixed with the page's own id so that they stay unique, and
//! links between pages made links within the one page.

use super::generated::context;
use super::relink::{push_moved, Move};
use super::render_template;
use super::theme::Theme;
use crate::diag::Diagnostic;
use crate::markdown::headings::{slugify, Ids};
use crate::markdown::{escape, Body};
use crate::model::{urls, PageId, Site};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Between a page's id and each id of the page: slugs never hold two dashes in a row,
/// so a prefixed id cannot take the id of another page's section.
const ID_SEPARATOR: &str = "--";

/// Stands for the pages in the rendered template, where they are then written.
const BODY_MARKER: &str = "<!-- waymark: the printable guide's pages -->";

/// The printable guide, when it is on.
pub fn page(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
) -> Option<Result<String, Diagnostic>> {
    if !site.config.print {
        return None;
    }
    let order: Vec<PageId> = site
        .nav
        .order
        .iter()
        .copied()
        .filter(|&id| site.is_published(id))
        .collect();
    // Each page's section id, by its URL as links write it (percent-encoded).
    let mut ids = Ids::default();
    let sections: HashMap<String, String> = order
        .iter()
        .map(|&id| {
            let url = &site.page(id).url;
            let wanted = slugify(&url.trim_end_matches(".html").replace('/', " "));
            let wanted = if wanted.is_empty() {
                "index".to_string()
            } else {
                wanted.replace("--", "-")
            };
            (urls::encode_path(url), ids.unique(&wanted))
        })
        .collect();
    let link = |path: &str, rest: &str| {
        // A query (a tutorial's `?path=`) has no meaning within the one page.
        let fragment = rest.split_once('#').map_or("", |(_, fragment)| fragment);
        match sections.get(path) {
            Some(section) if fragment.is_empty() => format!("#{section}"),
            Some(section) => format!("#{section}{ID_SEPARATOR}{fragment}"),
            // The guide is at the site root: a site path is its relative href.
            None if path.is_empty() => format!("./{rest}"),
            None => format!("{path}{rest}"),
        }
    };
    // The theme is applied around a marker, and the pages are written in its place straight
    // into the output: the whole guide is held once, not copied into the template context.
    let words = theme.words(&site.config.language);
    let script_words = words.for_scripts();
    let mut context = context(
        site,
        urls::PRINT_URL,
        &site.config.title,
        BODY_MARKER,
        None,
        (&words, &script_words),
    );
    context.page.noindex = true;
    context.page.show_title = false;
    // The page itself needs no link to itself.
    context.site.print_href = None;
    let framed = match render_template(theme, "page.html", context) {
        Ok(framed) => framed,
        Err(problem) => return Some(Err(problem)),
    };
    let Some((before, after)) = framed.split_once(BODY_MARKER) else {
        // A theme that does not show `content_html`.
        return Some(Ok(framed));
    };
    // Pages are moved in parallel (a guide of a thousand pages holds thousands of tags to
    // read), then written one after the other.
    let moved: Vec<String> = order
        .par_iter()
        .map(|&id| {
            let page = site.page(id);
            let body = &bodies[id.0 as usize];
            let section = &sections[&urls::encode_path(&page.url)];
            let mut html = String::with_capacity(body.html.len() + 128);
            html.push_str(&format!(
                "<section class=\"print-page\" id=\"{}\">\n",
                escape(section)
            ));
            if !body.has_h1 {
                html.push_str(&format!("<h1>{}</h1>\n", escape(&page.title)));
            }
            push_moved(
                &mut html,
                &body.html,
                &Move {
                    from: &page.url,
                    id_prefix: Some(&format!("{section}{ID_SEPARATOR}")),
                    link: &link,
                },
            );
            html.push_str("</section>\n");
            html
        })
        .collect();
    let size: usize = moved.iter().map(String::len).sum();
    let mut html = String::with_capacity(before.len() + size + after.len());
    html.push_str(before);
    for section in moved {
        html.push_str(&section);
    }
    html.push_str(after);
    Some(Ok(html))
}
