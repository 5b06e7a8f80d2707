//! The typed values templates receive. Every field here is part of the theme contract
//! documented in `content/waymark/theming.md`: rename nothing without updating it.
//!
//! All `href` values are relative to the page being rendered and already escaped for URLs;
//! all `title`/`text` values are plain text that templates escape (Tera autoescapes);
//! fields ending in `_html` are trusted HTML to print with `| safe`.

use super::theme::Words;
use crate::config::ThemeSettings;
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
    pub tutorial: Option<TutorialView<'a>>,
    /// Prefix that leads from this page to the site root (`../../`, or empty).
    pub root: String,
    /// Prefix of the theme's assets (`../../_waymark/`).
    pub assets: String,
    /// The theme's own words in the site's language (`{{ t.on_this_page }}`); texts with
    /// `{name}` placeholders are filled with the `fill` filter.
    pub t: &'a Words,
    /// The words for scripts as JSON, for `<body data-words="...">`.
    pub script_words: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// `rtl` or `ltr`, for the `dir` attribute.
    pub direction: &'static str,
    pub authors: &'a [String],
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
    /// Logo, icons, colours, extra stylesheets and scripts, footer links and the
    /// language switcher (from mkdocs.yml).
    pub theme: ThemeView<'a>,
    /// The footer's copyright line (HTML, from `copyright`).
    pub copyright_html: Option<&'a str>,
    /// The configured favicon, URL-encoded, from the site root (prefix it with `root`);
    /// `None` for the theme's own `{{ assets }}favicon.svg`.
    pub favicon: Option<String>,
    /// The heading of the page contents when the project names one (`toc: {title}` in
    /// mkdocs.yml); the theme's own words otherwise.
    pub toc_title: Option<&'a str>,
    /// Link to the printable guide (`print.html`), when it is written.
    pub print_href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ThemeView<'a> {
    /// Stylesheets to link after the theme's own (`extra_css`).
    pub extra_css: Vec<String>,
    /// Scripts to load after the theme's own (`extra_javascript`).
    pub extra_javascript: Vec<ScriptView<'a>>,
    /// The logo image's `src` (`theme.logo`).
    pub logo_src: Option<String>,
    /// SVG of `theme.icon.logo`, `theme.icon.repo`, `theme.icon.edit`.
    pub logo_icon_html: Option<&'a str>,
    pub repo_icon_html: Option<&'a str>,
    pub edit_icon_html: Option<&'a str>,
    /// CSS for the palette and admonition icons, for a `<style>` element.
    pub style_css: &'a str,
    /// The header takes the palette's primary colour.
    pub primary_header: bool,
    /// `light` or `dark` when the palette fixes the scheme: no toggle.
    pub fixed_scheme: Option<&'a str>,
    /// The repository link's label (`repo_name`).
    pub repo_name: Option<&'a str>,
    /// Where the logo and title lead: `extra.homepage`, else the home page.
    pub home_href: String,
    /// Footer links with icons (`extra.social`).
    pub social: Vec<SocialView<'a>>,
    /// Show "Made with Waymark" (false with `extra.generator: false`).
    pub generator: bool,
    /// Other languages of the site (`extra.alternate`).
    pub alternate: Vec<AlternateView<'a>>,
    /// The version selector (`extra.version` with mike), filled by the theme's script
    /// from the `versions.json` beside the site's folder.
    pub versions: Option<VersionsView>,
}

#[derive(Debug, Serialize)]
pub struct ScriptView<'a> {
    pub src: String,
    /// The `type` attribute, if any.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    #[serde(rename = "async")]
    pub is_async: bool,
    pub defer: bool,
}

#[derive(Debug, Serialize)]
pub struct SocialView<'a> {
    pub href: &'a str,
    pub name: &'a str,
    pub icon_html: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct AlternateView<'a> {
    pub href: String,
    pub name: &'a str,
    pub lang: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct VersionsView {
    /// The patterns of the aliases that are not outdated, as a JSON array.
    pub default_json: String,
    /// Show each version's aliases.
    pub alias: bool,
}

/// A path in the docs folder as an href from a page whose root prefix is `root`; URLs and
/// absolute paths stay as written.
fn site_href(root: &str, path: &str) -> String {
    if crate::model::links::is_external(path) || path.starts_with('/') {
        path.to_string()
    } else {
        format!(
            "{root}{}",
            crate::model::urls::encode_path(path.trim_start_matches("./"))
        )
    }
}

impl<'a> ThemeView<'a> {
    /// The theme settings as seen from a page whose root prefix is `root`.
    pub fn new(settings: &'a ThemeSettings, root: &str, home_href: &str) -> Self {
        ThemeView {
            extra_css: settings
                .extra_css
                .iter()
                .map(|css| site_href(root, css))
                .collect(),
            extra_javascript: settings
                .extra_javascript
                .iter()
                .map(|script| ScriptView {
                    src: site_href(root, &script.src),
                    kind: script.kind.as_deref(),
                    is_async: script.is_async,
                    defer: script.defer,
                })
                .collect(),
            logo_src: settings.logo.as_deref().map(|logo| site_href(root, logo)),
            logo_icon_html: settings.logo_icon.as_deref(),
            repo_icon_html: settings.repo_icon.as_deref(),
            edit_icon_html: settings.edit_icon.as_deref(),
            style_css: &settings.style,
            primary_header: settings.primary_header,
            fixed_scheme: settings.fixed_scheme,
            repo_name: settings.repo_name.as_deref(),
            home_href: settings
                .homepage
                .as_deref()
                .map_or_else(|| home_href.to_string(), |url| site_href(root, url)),
            social: settings
                .social
                .iter()
                .map(|s| SocialView {
                    href: &s.link,
                    name: &s.name,
                    icon_html: s.icon.as_deref(),
                })
                .collect(),
            generator: !settings.hide_generator,
            alternate: settings
                .alternate
                .iter()
                .map(|a| AlternateView {
                    href: site_href(root, &a.link),
                    name: &a.name,
                    lang: a.lang.as_deref(),
                })
                .collect(),
            versions: settings.versions.as_ref().map(|v| VersionsView {
                default_json: serde_json::to_string(&v.default).unwrap_or_default(),
                alias: v.alias,
            }),
        }
    }
}

impl ThemeView<'_> {
    /// On a page of one language's site (`page_path` in that site, at `page_url`, whose
    /// root prefix is `root`): each language of the menu leads to the same page in that
    /// language, or to its home page when it has no such page.
    pub fn lead_to_translations(
        &mut self,
        translations: &crate::config::i18n::Translations,
        page_path: &str,
        page_url: &str,
        root: &str,
    ) {
        let up = crate::languages::up_from(&translations.folder);
        for alternate in &mut self.alternate {
            let Some(lang) = alternate.lang else { continue };
            let same =
                |site: &&crate::config::i18n::TranslatedSite| site.tag.eq_ignore_ascii_case(lang);
            let Some(site) = translations.sites.iter().find(same) else {
                continue;
            };
            let page = match site.pages.contains(page_path) {
                true => crate::model::urls::encode_path(page_url),
                false => String::new(),
            };
            alternate.href = format!("{root}{up}{}{page}", site.folder);
            if alternate.href.is_empty() {
                alternate.href = "./".into();
            }
        }
    }
}

impl<'a> SiteView<'a> {
    pub fn new(
        config: &'a crate::config::Config,
        home_href: String,
        root: &str,
        announcement_html: Option<String>,
    ) -> Self {
        let announcement_html =
            announcement_html.or_else(|| config.theme_settings.announcement_html.clone());
        SiteView {
            theme: ThemeView::new(&config.theme_settings, root, &home_href),
            title: &config.title,
            description: &config.description,
            language: &config.language,
            direction: if config.right_to_left { "rtl" } else { "ltr" },
            authors: &config.authors,
            repo_url: config.repo_url.as_deref(),
            announcement_html,
            home_href,
            extra: &config.extra,
            features: &config.features,
            search: config.search,
            copyright_html: config.presentation.copyright.as_deref(),
            favicon: config
                .presentation
                .favicon
                .as_deref()
                .map(crate::model::urls::encode_path),
            toc_title: config.markdown.toc.title.as_deref(),
            print_href: config
                .print
                .then(|| format!("{root}{}", crate::model::urls::PRINT_URL)),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    /// The page's URL from the site root (`guide/setup/`), by which the theme's script
    /// finds the page in the whole navigation (`{{ assets }}nav.js`).
    pub url: &'a str,
    /// A page Waymark generated for a section without a page of its own (a folder without
    /// `index.md`, a `nav` group without a page): `content_html` lists its entries.
    pub is_section: bool,
    pub description: Option<&'a str>,
    /// Path of the source file relative to the content folder.
    pub source_path: &'a str,
    /// Absolute URL when `site-url` is configured.
    pub canonical_url: Option<String>,
    pub content_html: std::borrow::Cow<'a, str>,
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
    /// On a blog post: its date, authors and categories.
    pub post: Option<PostView>,
    /// On a blog listing page: the posts it lists.
    pub listing: Option<ListingView>,
    /// When the page's file last changed, from git (`last-updated`, or the
    /// git-revision-date plugins of mkdocs.yml).
    pub last_updated: Option<&'a crate::revision::LastUpdated>,
    /// Search engines are asked not to index the page (the printable guide repeats
    /// every other page).
    pub noindex: bool,
}

/// A blog post as shown on its page or in a listing.
#[derive(Debug, Serialize)]
pub struct PostView {
    pub title: String,
    pub href: String,
    /// In the site's language.
    pub date: String,
    pub date_iso: String,
    pub authors: Vec<AuthorView>,
    /// Categories, linked to their page when there is one (else `href` is empty).
    pub categories: Vec<LinkView>,
    /// "5 min read", in the site's language.
    pub readtime: String,
    /// In listings: the post's HTML up to `<!-- more -->`.
    pub excerpt_html: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub description: String,
    /// A relative href to an image in the site (images at other hosts are left out).
    pub avatar: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ListingView {
    pub posts: Vec<PostView>,
    /// The previous and next pages of the listing.
    pub newer: Option<String>,
    pub older: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

/// Present on a tutorial's overview page and on its step pages.
#[derive(Debug, Serialize)]
pub struct TutorialView<'a> {
    pub title: &'a str,
    pub overview_href: String,
    pub is_overview: bool,
    /// Every path with its steps (for the overview and the path switcher).
    pub paths: Vec<PathView<'a>>,
    /// On a step page: one marker per path the step is on.
    pub markers: Vec<StepMarker<'a>>,
    /// On a step page: the markers and the previous/next step links as the default theme
    /// shows them, written by Waymark (`render::steps`); empty on the overview.
    pub markers_html: String,
    pub step_nav_html: String,
    /// On the overview: the path cards with every path's steps, written by Waymark.
    pub overview_html: String,
}

#[derive(Debug, Serialize)]
pub struct PathView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// Every step of the path on the overview page; empty on step pages.
    pub steps: Vec<StepItem<'a>>,
    pub step_count: usize,
    /// Link to the first step with `?path=ID`.
    pub start_href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StepMarker<'a> {
    pub path_id: &'a str,
    pub path_title: &'a str,
    /// 1-based position of this step on the path.
    pub position: usize,
    pub total: usize,
    /// The step rail: the steps around this one (at most `RAIL_WINDOW`, in order).
    pub steps: Vec<StepItem<'a>>,
    /// Steps of the path before and after those in `steps`, listed on the overview.
    pub steps_before: usize,
    pub steps_after: usize,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct StepItem<'a> {
    pub position: usize,
    pub title: &'a str,
    /// Link that keeps the path (`...?path=ID`).
    pub href: String,
    pub current: bool,
}
