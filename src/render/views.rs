//! The typed values templates receive. Every field here is part of the theme contract
//! documented in `content/waymark/theming.md`: rename nothing without updating it.
//!
//! All `href` values are relative to the page being rendered and already escaped for URLs;
//! all `title`/`text` values are plain text that templates escape (Tera autoescapes);
//! fields ending in `_html` are trusted HTML to print with `| safe`.

use crate::markdown::headings::TocEntry;
use serde::Serialize;
use std::collections::BTreeMap;

/// The whole context of `page.html` and `404.html`.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub site: SiteView<'a>,
    pub page: PageView<'a>,
    /// The sidebar as HTML (a nested `ul.nav-list`): the top level plus the branch that
    /// leads to this page. Empty when the site has no navigation.
    pub nav_html: String,
    pub tutorial: Option<TutorialView>,
    /// Prefix that leads from this page to the site root (`../../`, or empty).
    pub root: String,
    /// Prefix of the theme's assets (`../../_waymark/`).
    pub assets: String,
}

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub repo_url: Option<&'a str>,
    /// The announcement banner rendered from Markdown.
    pub announcement_html: Option<String>,
    /// Link to the home page.
    pub home_href: String,
    /// Free-form values from the configuration (`extra` in mkdocs.yml).
    pub extra: &'a serde_json::Value,
    /// Theme features switched on (`theme.features` in mkdocs.yml).
    pub features: &'a [String],
    /// Search is on: show the search box (its index is in `{{ assets }}search/`).
    pub search: bool,
}

impl<'a> SiteView<'a> {
    pub fn new(
        config: &'a crate::config::Config,
        home_href: String,
        announcement_html: Option<String>,
    ) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            repo_url: config.repo_url.as_deref(),
            announcement_html,
            home_href,
            extra: &config.extra,
            features: &config.features,
            search: config.search,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Path of the source file relative to the content folder.
    pub source_path: &'a str,
    /// Absolute URL when `site-url` is configured.
    pub canonical_url: Option<String>,
    pub content_html: &'a str,
    pub toc: Vec<TocEntry>,
    pub show_toc: bool,
    pub show_nav: bool,
    pub show_footer: bool,
    /// False when the body has its own `#` heading, so the template adds no second one.
    pub show_title: bool,
    /// The page has a mermaid diagram: load `{{ assets }}mermaid.min.js`.
    pub uses_mermaid: bool,
    pub breadcrumbs: Vec<LinkView>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub edit_url: Option<String>,
    pub tags: &'a [String],
    /// Front-matter keys Waymark does not know, as written.
    pub meta: &'a BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

/// Present on a tutorial's overview page and on its step pages.
#[derive(Debug, Serialize)]
pub struct TutorialView {
    pub title: String,
    pub overview_href: String,
    pub is_overview: bool,
    /// Every path with its steps (for the overview and the path switcher).
    pub paths: Vec<PathView>,
    /// On a step page: one marker per path the step is on.
    pub markers: Vec<StepMarker>,
}

#[derive(Debug, Serialize)]
pub struct PathView {
    pub id: String,
    pub title: String,
    pub steps: Vec<StepItem>,
    /// Link to the first step with `?path=ID`.
    pub start_href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StepMarker {
    pub path_id: String,
    pub path_title: String,
    /// 1-based position of this step on the path.
    pub position: usize,
    pub total: usize,
    pub steps: Vec<StepItem>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct StepItem {
    pub position: usize,
    pub title: String,
    /// Link that keeps the path (`...?path=ID`).
    pub href: String,
    pub current: bool,
}
