//! Pages that are not a page of the site: `404.html` (the theme's words, or the body of
//! the not-found page, `input-404`), the tags index (MkDocs' tags plugin), redirect pages
//! for moved URLs (MkDocs' redirects plugin) and `sitemap.xml`.

use super::relink::{push_moved, Move};
use super::theme::{Theme, Words, ASSETS_DIR};
use super::views::{PageContext, PageView, SiteView};
use super::{render_template, sidebar};
use crate::diag::Diagnostic;
use crate::markdown::{escape, Body};
use crate::model::{urls, Page, RedirectDestination, Site};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where the tags index is written.
pub const TAGS_URL: &str = "tags/";

/// The site's root path, for the 404 page, which is served at any address: the path of
/// `site-url` when known, else `/`.
fn absolute_root(site: &Site) -> String {
    site.config
        .site_url
        .as_deref()
        .and_then(|url| url.splitn(4, '/').nth(3).map(|path| format!("/{path}")))
        .or_else(|| site.config.site_path.clone())
        .unwrap_or_else(|| "/".to_string())
}

/// A page context for generated content at `url`; `root` makes every href absolute.
pub(super) fn context<'a>(
    site: &'a Site,
    url: &'a str,
    title: &'a str,
    body: &'a str,
    root: Option<&str>,
    (t, script_words): (&'a Words, &'a str),
) -> PageContext<'a> {
    static NO_META: std::sync::OnceLock<BTreeMap<String, serde_json::Value>> =
        std::sync::OnceLock::new();
    let config = &site.config;
    let prefix = root.map_or_else(|| urls::root_prefix(url), str::to_string);
    let nav_html = sidebar::html(site, None, url, root, t.get("nav_more"));
    PageContext {
        site: SiteView::new(
            config,
            root.map_or_else(|| urls::relative_href(url, site.home_url()), str::to_string),
            &prefix,
            None,
        ),
        page: PageView {
            title,
            url,
            is_section: false,
            description: None,
            source_path: "",
            canonical_url: None,
            content_html: Cow::Borrowed(body),
            toc: Vec::new(),
            show_toc: false,
            show_nav: !nav_html.is_empty(),
            show_footer: true,
            show_title: true,
            uses_mermaid: false,
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
            edit_url: None,
            tags: &[],
            meta: NO_META.get_or_init(Default::default),
            post: None,
            listing: None,
            last_updated: None,
            noindex: false,
        },
        nav_html,
        tutorial: None,
        assets: format!("{prefix}{ASSETS_DIR}"),
        root: prefix,
        t,
        script_words,
    }
}

/// The site's `404.html`: the not-found page's body (`input-404`) with its links made
/// absolute, as the page is served at any address; else the theme's own words.
pub fn not_found(site: &Site, bodies: &[Arc<Body>], theme: &Theme) -> Result<String, Diagnostic> {
    let root = absolute_root(site);
    let words = theme.words(&site.config.language);
    let (title, body) = match site.not_found {
        Some(id) => {
            let page = site.page(id);
            let mut body = String::new();
            let link = |path: &str, rest: &str| format!("{root}{path}{rest}");
            push_moved(
                &mut body,
                &bodies[id.0 as usize].html,
                &Move {
                    from: &page.url,
                    id_prefix: None,
                    link: &link,
                },
            );
            (page.title.as_str(), body)
        }
        None => (
            words.get("page_not_found"),
            format!("<p>{}</p>\n", escape(words.get("not_found_text"))),
        ),
    };
    let script_words = words.for_scripts();
    let mut context = context(
        site,
        "404.html",
        title,
        &body,
        Some(&root),
        (&words, &script_words),
    );
    context.page.show_title = site
        .not_found
        .is_none_or(|id| !bodies[id.0 as usize].has_h1);
    render_template(theme, "404.html", context)
}

/// Where a page asks for the tags index (Material's tags plugin, newer versions).
const TAGS_MARKER: &str = "<!-- material/tags -->";
/// The same in the `tags_file` page of older versions (the index is appended without it).
const OLD_TAGS_MARKER: &str = "<p>[TAGS]</p>";

/// Every tag with the pages that carry it, as HTML for a page at `from_url`.
fn tags_list(site: &Site, from_url: &str) -> String {
    let mut tags: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    for page in &site.pages {
        for tag in &page.source.front.tags {
            tags.entry(tag)
                .or_default()
                .insert((&page.title, &page.url));
        }
    }
    let mut body = String::new();
    let mut ids = crate::markdown::headings::Ids::default();
    for (tag, pages) in &tags {
        let id = ids.unique(&crate::markdown::headings::slugify(tag));
        body.push_str(&format!(
            "<h2 id=\"{}\">{}</h2>\n<ul>\n",
            escape(&id),
            escape(tag)
        ));
        for (title, url) in pages {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(&urls::relative_href(from_url, url)),
                escape(title)
            ));
        }
        body.push_str("</ul>\n");
    }
    if tags.is_empty() {
        body.push_str("<p>No page has tags yet.</p>\n");
    }
    body
}

/// A page's HTML with the tags index where its marker is, or at the end of the
/// `tags_file` page.
pub fn with_tags_index<'a>(site: &Site, page: &Page, html: &'a str) -> Cow<'a, str> {
    let config = &site.config;
    let is_tags_file = config.material.tags_file.as_deref() == Some(&page.source.rel_path);
    if !config.tags_index || !(is_tags_file || html.contains(TAGS_MARKER)) {
        return Cow::Borrowed(html);
    }
    let list = tags_list(site, &page.url);
    match [TAGS_MARKER, OLD_TAGS_MARKER]
        .into_iter()
        .find(|m| html.contains(m))
    {
        Some(marker) => Cow::Owned(html.replace(marker, &list)),
        None => Cow::Owned(format!("{html}{list}")),
    }
}

/// The tags index at `tags/`, when the tags plugin is on, no page asks for the index
/// and no page of the site already lives there.
pub fn tags_index(site: &Site, theme: &Theme) -> Option<Result<String, Diagnostic>> {
    let config = &site.config;
    if !config.tags_index {
        // Before the scans below: they read every page, at every rebuild of the preview.
        return None;
    }
    let placed = config.material.tags_file.is_some()
        || site
            .pages
            .iter()
            .any(|p| p.source.body().contains(TAGS_MARKER));
    if placed || site.pages.iter().any(|p| p.url == TAGS_URL) {
        return None;
    }
    let body = tags_list(site, TAGS_URL);
    let words = theme.words(&config.language);
    Some(render_template(
        theme,
        "page.html",
        context(
            site,
            TAGS_URL,
            words.get("tags"),
            &body,
            None,
            (&words, &words.for_scripts()),
        ),
    ))
}

/// Small pages at the old addresses of moved pages: a refresh, a link and a canonical URL.
/// Targets that do not resolve are reported by [`crate::check::redirects`] and skipped here.
/// Each with its path in the site, its HTML, and whether it is written over a page there
/// (see [`Site::redirect_destination`]).
pub fn redirects(site: &Site) -> Vec<(String, String, bool)> {
    site.config
        .redirects
        .iter()
        .filter_map(|redirect| {
            let target = site.paths.resolve("index.md", &redirect.to);
            // The target's site URL (and anchor), from which both the relative link and
            // the canonical URL are made.
            let RedirectDestination {
                from_url,
                site_path,
                anchor,
                over_page,
            } = site.redirect_destination(&redirect.from, target)?;
            let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
            let (target, canonical) = match (site_path, &site.config.site_url) {
                (None, _) => (redirect.to.clone(), redirect.to.clone()),
                (Some(path), base) => {
                    let target = format!("{}{anchor}", urls::relative_href(&from_url, &path));
                    let canonical = match base {
                        Some(base) => format!("{base}{}{anchor}", urls::encode_path(&path)),
                        None => target.clone(),
                    };
                    (target, canonical)
                }
            };
            let target = escape(&target);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n",
                lang = escape(&site.config.language),
                canonical = escape(&canonical),
            );
            Some((urls::output_file(&from_url), html, over_page))
        })
        .collect()
}

pub fn sitemap(site: &Site, base: &str) -> String {
    // A translated site's sitemap (the default language's, at the root) names each
    // page's translations, as mkdocs-static-i18n's does.
    let translations = site.config.translations.as_ref();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if translations.is_some() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    let mut pages: Vec<(String, &crate::model::Page)> = site
        .pages
        .iter()
        .filter(|p| site.is_published(p.id))
        .map(|p| (urls::encode_path(&p.url), p))
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    for (url, page) in pages {
        let Some(translations) = translations else {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                escape(&format!("{base}{url}"))
            ));
            continue;
        };
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&format!("{base}{url}"))
        ));
        for other in translations
            .sites
            .iter()
            .filter(|s| s.pages.contains(&page.source.rel_path))
        {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(&other.tag),
                escape(&format!("{base}{}{url}", other.folder))
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
