//! Applies the theme's templates to every page (in parallel) and assembles the in-memory
//! [`OutputSet`]: pages, `404.html`, `print.html`, `sitemap.xml`, theme assets and copied
//! files.

mod blog;
mod generated;
pub mod llms_txt;
mod print;
mod relink;
pub mod sidebar;
mod steps;
pub mod theme;
pub mod views;

use crate::diag::Diagnostic;
use crate::load::frontmatter::Hide;
use crate::markdown::headings::toc;
use crate::markdown::Body;
use crate::model::nav::NavTarget;
use crate::model::{urls, Page, PageId, Site};
use crate::output::{OutputFile, OutputSet};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use steps::StepWords;
use theme::{Theme, Words, ASSETS_DIR};
use views::*;

/// What an earlier build made that is still valid, for incremental rebuilds.
#[derive(Clone, Copy)]
pub struct Reuse<'a> {
    /// A page's HTML.
    pub page: &'a (dyn Fn(&Page) -> Option<Arc<[u8]>> + Sync),
    /// The last site made from this same model, and the pages whose bodies changed
    /// since: only they are rendered, into a copy of it (which shares every other file).
    pub edited: Option<(&'a OutputSet, &'a [PageId])>,
}

/// Takes each page's HTML, by its path in the site, as soon as it is rendered (a build
/// that writes the site has no use for the pages in memory).
pub type PageSink<'a> = &'a (dyn Fn(&str, &[u8]) + Sync);

/// A rendered page's output path and HTML; `None` when the page went to the sink.
type RenderedPage = Option<(String, Arc<[u8]>)>;

/// Renders every page (except those `reuse` still has) and assembles the site; with a
/// `sink`, pages go there instead of into the returned set. Template errors are returned
/// per page.
pub fn site(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    reuse: Reuse,
    sink: Option<PageSink>,
) -> Result<OutputSet, Vec<Diagnostic>> {
    let words = theme.words(&site.config.language);
    let script_words = words.for_scripts();
    let step_words = steps::StepWords::new(&words);
    let (mut set, pages): (OutputSet, Vec<&Page>) = match reuse.edited {
        Some((previous, edited)) => (
            previous.clone(),
            edited.iter().map(|&id| site.page(id)).collect(),
        ),
        None => (OutputSet::default(), site.pages.iter().collect()),
    };
    let rendered: Vec<Result<RenderedPage, Diagnostic>> = pages
        .par_iter()
        .filter(|page| site.is_published(page.id))
        .map(|page| {
            let path = urls::output_file(&page.url);
            if let Some(html) = (reuse.page)(page) {
                return Ok(Some((path, html)));
            }
            let words = (&words, script_words.as_str(), &step_words);
            let context = page_context(site, page, bodies, words, theme.reads_step_markers);
            let template = page
                .source
                .front
                .template
                .as_ref()
                .map(|t| t.value.as_str())
                .filter(|name| theme.has_template(name))
                .unwrap_or("page.html");
            let html = render_template(theme, template, context)
                .map_err(|e| e.in_file(&page.source.display_path))?;
            Ok(match sink {
                Some(sink) => {
                    sink(&path, html.as_bytes());
                    None
                }
                None => Some((path, Arc::from(html.into_bytes()))),
            })
        })
        .collect();
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok(Some((path, bytes))) => {
                set.files.insert(path, OutputFile::Bytes(bytes));
            }
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }
    // The pages' bodies go into these two, so they are made afresh on every edit too
    // (the preview prints only guides small enough for that to be quick).
    let body_files = [
        (
            "404.html".to_string(),
            Some(generated::not_found(site, bodies, theme)),
        ),
        (
            urls::PRINT_URL.to_string(),
            print::page(site, bodies, theme),
        ),
    ];
    insert_generated(&mut set, body_files, &mut problems);
    for (path, text) in llms_txt::files(site, bodies, reuse.edited) {
        set.files
            .insert(path, OutputFile::Bytes(Arc::from(text.into_bytes())));
    }
    match reuse.edited {
        // Every other file is made from the model alone, which is as it was.
        Some((_, edited)) => {
            let used_by_edited = edited.iter().any(|&id| bodies[id.0 as usize].uses_mermaid);
            // Other pages are looked at only when the edit may have removed the last use.
            mermaid_asset(&mut set, theme, |present| {
                used_by_edited || (present && bodies.iter().any(|body| body.uses_mermaid))
            });
        }
        None => {
            site_files(&mut set, site, theme, &mut problems);
            mermaid_asset(&mut set, theme, |_| {
                bodies.iter().any(|body| body.uses_mermaid)
            });
        }
    }
    if !problems.is_empty() {
        return Err(collapse_repeats(problems));
    }
    Ok(set)
}

/// Adds the Mermaid script when `used` (told whether the set has it already), removes it
/// when no page uses it any more; a theme asset or a copied file of that name wins.
fn mermaid_asset(set: &mut OutputSet, theme: &Theme, used: impl FnOnce(bool) -> bool) {
    let path = format!("{ASSETS_DIR}{}", theme::MERMAID_ASSET);
    let present = set.files.get(&path);
    if theme.assets.contains_key(theme::MERMAID_ASSET)
        || matches!(present, Some(OutputFile::Copy(_)))
    {
        return;
    }
    let present = present.is_some();
    if !used(present) {
        set.files.remove(&path);
    } else if !present {
        if let Some(script) = theme.mermaid() {
            set.files.insert(path, OutputFile::Bytes(Arc::from(script)));
        }
    }
}

/// Adds the generated pages that were made (`None`: not wanted), or their problems.
fn insert_generated<const N: usize>(
    set: &mut OutputSet,
    generated: [(String, Option<Result<String, Diagnostic>>); N],
    problems: &mut Vec<Diagnostic>,
) {
    for (path, result) in generated {
        match result {
            Some(Ok(html)) => {
                set.files
                    .insert(path, OutputFile::Bytes(Arc::from(html.into_bytes())));
            }
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
    }
}

/// The files made from the model alone: the tags index, redirects, the navigation
/// script, `CNAME`, `sitemap.xml`, theme assets and copied files.
fn site_files(set: &mut OutputSet, site: &Site, theme: &Theme, problems: &mut Vec<Diagnostic>) {
    let tags = [(
        urls::output_file(generated::TAGS_URL),
        generated::tags_index(site, theme),
    )];
    insert_generated(set, tags, problems);
    let redirects = generated::redirects(site);
    if !redirects.is_empty() {
        // A page wins over a redirect from its own address, but where the redirect is
        // written over it (MkDocs projects; `check::redirects` warns). The pages, written
        // as they are rendered, are on disk before these files.
        let page_paths: HashSet<String> = site
            .pages
            .iter()
            .map(|page| urls::output_file(&page.url))
            .collect();
        for (path, html, over_page) in redirects {
            let html = OutputFile::Bytes(Arc::from(html.into_bytes()));
            if !page_paths.contains(&path) {
                set.files.entry(path).or_insert(html);
            } else if over_page {
                set.files.insert(path, html);
            }
        }
    }
    if !site.nav.items.is_empty() {
        let script = Arc::from(sidebar::tree_script(site).into_bytes());
        set.files
            .insert(sidebar::TREE_SCRIPT.into(), OutputFile::Bytes(script));
    }
    if let Some(cname) = site.config.mdbook.as_ref().and_then(|b| b.cname.as_ref()) {
        // GitHub Pages reads the book's domain from this file (mdBook's `cname`).
        set.files.insert(
            "CNAME".into(),
            OutputFile::Bytes(Arc::from(format!("{cname}\n").into_bytes())),
        );
    }
    if let Some(base) = site
        .config
        .site_url
        .as_ref()
        .filter(|_| site.config.sitemap)
        // A translated project has one sitemap, at the root, naming every translation.
        .filter(|_| {
            site.config
                .translations
                .as_ref()
                .is_none_or(|t| t.folder.is_empty())
        })
    {
        set.files.insert(
            "sitemap.xml".into(),
            OutputFile::Bytes(Arc::from(generated::sitemap(site, base).into_bytes())),
        );
    }
    for (name, bytes) in &theme.assets {
        set.files.insert(
            format!("{ASSETS_DIR}{name}"),
            OutputFile::Bytes(bytes.clone()),
        );
    }
    for file in &site.static_files {
        set.files.insert(
            file.rel_path.clone(),
            OutputFile::Copy(file.abs_path.clone()),
        );
    }
    // `theme.custom_dir`'s static files, as MkDocs copies them: the docs folder wins.
    for (rel_path, file) in &site.config.theme_settings.static_files {
        set.files
            .entry(rel_path.clone())
            .or_insert_with(|| OutputFile::Copy(file.clone()));
    }
}

/// A broken template fails on every page alike: report each distinct error once.
fn collapse_repeats(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut distinct: Vec<(Diagnostic, usize)> = Vec::new();
    for problem in problems {
        match distinct
            .iter_mut()
            .find(|(d, _)| d.message == problem.message)
        {
            Some((_, count)) => *count += 1,
            None => distinct.push((problem, 0)),
        }
    }
    distinct
        .into_iter()
        .map(|(problem, more)| match more {
            0 => problem,
            n => {
                let hint = problem.hint.clone().unwrap_or_default();
                problem.with_hint(format!("{hint} (the same error occurs on {n} more pages)"))
            }
        })
        .collect()
}

fn render_template(
    theme: &Theme,
    name: &str,
    mut context: PageContext,
) -> Result<String, Diagnostic> {
    // Room for the body, the sidebar, the step markers and the theme's own markup, so
    // that the page is not copied over and over as it grows.
    let capacity = context.page.content_html.len()
        + context.nav_html.len()
        + context.tutorial.as_ref().map_or(0, |t| {
            t.markers_html.len() + t.step_nav_html.len() + t.overview_html.len()
        })
        + 16 * 1024;
    // The largest texts the page owns (sidebar, tutorial markup) are moved into the
    // template's values rather than copied there.
    let nav_html = std::mem::take(&mut context.nav_html);
    let tutorial_html = context.tutorial.as_mut().map(|t| {
        [
            ("markers_html", std::mem::take(&mut t.markers_html)),
            ("step_nav_html", std::mem::take(&mut t.step_nav_html)),
            ("overview_html", std::mem::take(&mut t.overview_html)),
        ]
    });
    let mut values = serde_json::to_value(&context)
        .map_err(|e| Diagnostic::error(format!("cannot prepare the template context: {e}")))?;
    if let Some(values) = values.as_object_mut() {
        values.insert("nav_html".into(), serde_json::Value::String(nav_html));
    }
    if let (Some(texts), Some(tutorial)) = (
        tutorial_html,
        values.get_mut("tutorial").and_then(|t| t.as_object_mut()),
    ) {
        for (name, html) in texts {
            tutorial.insert(name.into(), serde_json::Value::String(html));
        }
    }
    let context = tera::Context::from_value(values)
        .map_err(|e| Diagnostic::error(format!("cannot prepare the template context: {e}")))?;
    let mut html = Vec::with_capacity(capacity);
    theme
        .templates
        .render_to(name, &context, &mut html)
        .map_err(|e| {
            Diagnostic::error(format!(
                "template `{name}` failed: {}",
                theme::error_chain(&e)
            ))
            .with_hint("check the template against the variables listed in the theming guide")
        })?;
    // Tera writes only what templates and values hold, all of it UTF-8.
    String::from_utf8(html)
        .map_err(|_| Diagnostic::error(format!("template `{name}` wrote bytes that are not UTF-8")))
}

fn page_context<'a>(
    site: &'a Site,
    page: &'a Page,
    bodies: &'a [Arc<Body>],
    (t, script_words, step_words): (&'a Words, &'a str, &StepWords),
    // The theme reads `tutorial.markers`; otherwise the markup written for it is enough.
    with_markers: bool,
) -> PageContext<'a> {
    let body = &bodies[page.id.0 as usize];
    let config = &site.config;
    let front = &page.source.front;
    let href = |target: PageId| urls::relative_href(&page.url, &site.page(target).url);
    let link = |target: PageId| LinkView {
        title: site.page(target).title.clone(),
        href: href(target),
    };
    let (prev, next) = site.nav.neighbours(page.id);
    let breadcrumbs: Vec<LinkView> = match site.nav.positions[page.id.0 as usize] {
        Some(_) => {
            let mut trail: Vec<LinkView> = site
                .nav
                .ancestry(page.id)
                .into_iter()
                .filter_map(|item| match item.target {
                    // The navigation's label, as in the sidebar.
                    NavTarget::Page(p) => Some(LinkView {
                        title: item.title.clone(),
                        href: href(p),
                    }),
                    NavTarget::Group => Some(LinkView {
                        title: item.title.clone(),
                        href: String::new(),
                    }),
                    NavTarget::External(_) | NavTarget::File(_) => None,
                })
                .collect();
            // The page itself, under its own title.
            if let Some(last) = trail.last_mut() {
                last.title = page.title.clone();
            }
            trail
        }
        // A page the navigation does not list: its folders' index pages, then itself.
        None => site
            .folder_index_pages(page)
            .into_iter()
            .chain([page.id])
            .map(link)
            .collect(),
    };
    // The template starts the trail at the home page: not again, and not on the home page.
    let home = urls::relative_href(&page.url, "");
    let mut breadcrumbs = breadcrumbs;
    if page.url.is_empty() {
        breadcrumbs.clear();
    } else if breadcrumbs.first().is_some_and(|c| c.href == home) {
        breadcrumbs.remove(0);
    }
    let hidden = |what: Hide| front.hide.contains(&what);
    let nav_html = sidebar::html(site, Some(page), &page.url, None, t.get("nav_more"));
    let root = urls::root_prefix(&page.url);
    let mut site_view = SiteView::new(
        config,
        urls::relative_href(&page.url, site.home_url()),
        &root,
        announcement(site, page),
    );
    if let Some(translations) = config.translations.as_ref().filter(|t| t.i18n.switcher) {
        site_view
            .theme
            .lead_to_translations(translations, &page.source.rel_path, &page.url, &root);
    }
    PageContext {
        site: site_view,
        page: PageView {
            title: &page.title,
            url: &page.url,
            is_section: site.is_generated(page.id),
            description: front.description.as_deref(),
            source_path: page.source.file_path(),
            canonical_url: config
                .site_url
                .as_ref()
                .map(|base| format!("{base}{}", urls::encode_path(&page.url))),
            content_html: generated::with_tags_index(site, page, &body.html),
            toc: toc(&body.headings, site.config.markdown.toc.sidebar_levels()),
            show_toc: !hidden(Hide::Toc),
            show_nav: !hidden(Hide::Nav) && !nav_html.is_empty(),
            show_footer: !hidden(Hide::Footer),
            show_title: !body.has_h1,
            uses_mermaid: body.uses_mermaid,
            breadcrumbs: if hidden(Hide::Path) {
                Vec::new()
            } else {
                breadcrumbs
            },
            prev: prev.map(link),
            next: next.map(link),
            // A generated section page has no file to edit.
            edit_url: config
                .edit_url_template
                .as_ref()
                .filter(|_| !site.is_generated(page.id))
                // The file's own path: a README.md standing in for index.md is edited there.
                .map(|t| t.replace("{path}", page.source.file_path())),
            tags: if hidden(Hide::Tags) { &[] } else { &front.tags },
            meta: &front.meta,
            post: blog::post(site, page, t),
            listing: blog::listing(site, page, bodies, t),
            last_updated: site
                .last_updated
                .get(page.id.0 as usize)
                .and_then(Option::as_ref),
            noindex: false,
        },
        nav_html,
        tutorial: site
            .tutorial_of(page.id)
            .map(|tutorial| steps::view(site, tutorial, page, with_markers, step_words)),
        root: urls::root_prefix(&page.url),
        assets: format!("{}{ASSETS_DIR}", urls::root_prefix(&page.url)),
        t,
        script_words,
    }
}

/// The announcement is rendered per page because its links are relative to the page.
fn announcement(site: &Site, page: &Page) -> Option<String> {
    crate::markdown::announcement(site, page).map(|body| body.html)
}

/// The indices of at most `size` of `len` entries, centred on `focus` when there is one:
/// what a page lists of a long level of the sidebar or of a long tutorial path.
fn window(len: usize, focus: Option<usize>, size: usize) -> std::ops::Range<usize> {
    let start = focus
        .map_or(0, |f| f.saturating_sub(size / 2))
        .min(len.saturating_sub(size));
    start..len.min(start + size)
}
