//! The build pipeline from loaded sources to the in-memory site, with memoisation so that
//! the preview server re-renders only what an edit affects. A clean build runs the same
//! code with an empty [`Memo`], which is why an incremental result equals a clean one.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::markdown::Body;
use crate::model::links::LinkTarget;
use crate::model::{self, Page, PageId, Site};
use crate::output::OutputSet;
use crate::render::theme::Theme;
use crate::{check, markdown, render, search, Built, Failure, Progress};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a build sends what it makes as soon as it is made, rather than keeping it in
/// [`Built`]: a build that writes the site sends its pages to the writer and its search
/// documents to the indexer; the preview keeps everything.
#[derive(Default, Clone, Copy)]
pub struct Outlets<'a> {
    pub search: SearchDocuments<'a>,
    /// Takes each page's HTML; without it pages are kept in [`Built::output`].
    pub pages: Option<render::PageSink<'a>>,
    /// Takes the site's other files (but the search index) once they are made, while the
    /// search index is still being written; they stay in [`Built::output`] too.
    pub files: Option<&'a (dyn Fn(&OutputSet) + Sync)>,
}

/// What becomes of each page's search document.
#[derive(Default, Clone, Copy)]
pub enum SearchDocuments<'a> {
    /// Kept in [`Built::search`], for the preview to index when saves pause.
    #[default]
    Keep,
    /// Handed to the indexer as soon as the page is rendered.
    Index(&'a search::BackgroundIndex),
    /// Not made at all: nothing will be indexed (`waymark check`).
    Skip,
}

/// What earlier runs produced, per page, and the site-wide inputs they were made with.
#[derive(Default)]
pub struct Memo {
    /// Hash of everything that one page's output may read from the rest of the site.
    site_fingerprint: u64,
    pages: HashMap<String, Remembered>,
    /// Each page's link problems by [`model::PageId`], which is stable while the site
    /// fingerprint is (it covers every page's path).
    link_problems: Vec<Arc<[Diagnostic]>>,
    /// The last run's site model, for [`run_edited`] to reuse.
    model: Option<Modelled>,
    /// The site last made from that model, which an edit updates (see [`render::Reuse`]).
    output: Option<crate::output::OutputSet>,
}

struct Remembered {
    /// The page's file as it was rendered (compared whole: faster than hashing it).
    text: Arc<str>,
    /// The snippet files the page included, with their contents at the time.
    includes: Vec<(PathBuf, Option<Arc<[u8]>>)>,
    body: Arc<Body>,
    problems: Vec<Diagnostic>,
    /// Its search document, when the preview made one.
    document: Option<Arc<search::Document>>,
    html: Option<Arc<[u8]>>,
}

/// The current contents of snippet files, read at most once per run.
#[derive(Default)]
struct IncludedFiles(std::sync::Mutex<HashMap<PathBuf, Option<Arc<[u8]>>>>);

impl IncludedFiles {
    fn read(&self, path: &Path) -> Option<Arc<[u8]>> {
        let mut known = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        known
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read(path).ok().map(Arc::from))
            .clone()
    }
}

impl Memo {
    /// Remembers what this run made of each page but those the memo holds `complete`ly
    /// already, and forgets pages that are gone.
    fn remember(
        &mut self,
        site: &Site,
        complete: &[bool],
        rendered: Vec<Rendered>,
        document: &dyn Fn(usize) -> Option<Arc<search::Document>>,
        output: Option<&crate::output::OutputSet>,
        files: &IncludedFiles,
    ) {
        for ((page, (body, problems)), &complete) in site.pages.iter().zip(rendered).zip(complete) {
            if complete {
                continue;
            }
            let includes = body
                .includes
                .iter()
                .map(|path| (path.clone(), files.read(path)))
                .collect();
            let remembered = Remembered {
                text: page.source.text.clone(),
                includes,
                body,
                problems,
                document: document(page.id.0 as usize),
                html: output.and_then(|output| output.bytes(&model::urls::output_file(&page.url))),
            };
            self.pages.insert(page.rel_path.clone(), remembered);
        }
        if self.pages.len() != site.pages.len() {
            let known: std::collections::HashSet<&str> =
                site.pages.iter().map(|p| p.rel_path.as_str()).collect();
            self.pages.retain(|path, _| known.contains(path.as_str()));
        }
    }

    /// Whether a page included the file at `path` (canonical) as a snippet.
    pub fn included(&self, path: &Path) -> bool {
        self.pages
            .values()
            .any(|page| page.includes.iter().any(|(included, _)| included == path))
    }

    /// What is remembered of `page`, if its file and every snippet it included are unchanged.
    fn still_valid(&self, page: &Page, files: &IncludedFiles) -> Option<&Remembered> {
        self.pages.get(&page.rel_path).filter(|r| {
            // The session hands an unchanged file's text over as the same allocation.
            (Arc::ptr_eq(&r.text, &page.source.text) || r.text == page.source.text)
                && r.includes
                    .iter()
                    .all(|(path, then)| files.read(path) == *then)
        })
    }
}

/// Everything a page's body and HTML can depend on besides its own file: the configuration,
/// the theme, and every page's path, title and place in the navigation and tutorials
/// (which decide links, sidebars, breadcrumbs, neighbours and step markers).
fn site_fingerprint(site: &Site, theme: &Theme) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.config.config_text.hash(&mut hasher);
    site.config.project_dir.hash(&mut hasher);
    theme.fingerprint.hash(&mut hasher);
    for page in &site.pages {
        let front = &page.source.front;
        (&page.rel_path, &page.title, front.weight).hash(&mut hasher);
        (
            front.step.as_ref().map(|s| s.value),
            front.paths.as_ref().map(|p| &p.value),
        )
            .hash(&mut hasher);
        front.tutorial.as_ref().map(|t| &t.value).hash(&mut hasher);
    }
    for file in &site.static_files {
        file.rel_path.hash(&mut hasher);
    }
    hasher.finish()
}

/// A page's body and the problems found rendering it.
type Rendered = (Arc<Body>, Vec<Diagnostic>);

/// The pages, those many times longer than the average first (longest first), the
/// others in their order: a page of thousands of lines rendered last would leave one
/// thread working alone on it, while neighbouring pages in order share enough to keep
/// caches warm (sorting every page costs a uniform guide 2%).
fn largest_first(pages: &[Page]) -> Vec<&Page> {
    let total: usize = pages.iter().map(|page| page.source.text.len()).sum();
    let long = 4 * total / pages.len().max(1);
    let (mut first, rest): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|page| page.source.text.len() > long);
    first.sort_by_key(|page| std::cmp::Reverse(page.source.text.len()));
    first.extend(rest);
    first
}

/// Each page's link problems, and how many links were checked to find them. A page
/// whose body is unchanged (`valid`) keeps the problems `memo` remembers, unless it links
/// into a page whose anchors changed; the others are checked afresh.
fn page_link_problems(
    site: &Site,
    bodies: &[Arc<Body>],
    valid: &[bool],
    memo: Option<&Memo>,
) -> (Vec<Arc<[Diagnostic]>>, usize) {
    let remembered = memo.map_or(&[][..], |memo| &memo.link_problems[..]);
    let ids_changed: HashSet<PageId> = site
        .pages
        .iter()
        .filter(|page| !valid[page.id.0 as usize])
        .filter(|page| {
            let before = memo.and_then(|memo| memo.pages.get(&page.rel_path));
            before.is_none_or(|before| before.body.ids != bodies[page.id.0 as usize].ids)
        })
        .map(|page| page.id)
        .collect();
    let links_into_changed = |page: &Page| {
        !ids_changed.is_empty()
            && bodies[page.id.0 as usize].links.iter().any(|link| {
            matches!(link.target, LinkTarget::Page { page, .. } if ids_changed.contains(&page))
        })
    };
    let checked_pages: Vec<(Arc<[Diagnostic]>, usize)> = site
        .pages
        .par_iter()
        .map(|page| {
            let index = page.id.0 as usize;
            match remembered.get(index) {
                Some(problems) if valid[index] && !links_into_changed(page) => {
                    (problems.clone(), 0)
                }
                _ => (
                    check::page_links(site, bodies, page).into(),
                    bodies[index].links.len(),
                ),
            }
        })
        .collect();
    let checked = checked_pages.iter().map(|(_, links)| links).sum();
    (
        checked_pages
            .into_iter()
            .map(|(problems, _)| problems)
            .collect(),
        checked,
    )
}

/// A site model and the problems found making it, configuration warnings included.
struct Modelled {
    site: Site,
    problems: Vec<Diagnostic>,
}

/// Runs every stage after loading; `diagnostics` holds what loading found. `memo`, the
/// preview's, is consulted and then updated, also when the build fails, so that fixing an
/// error re-renders only the page that had it; a one-off build has none. `outlets` take
/// what they can as soon as it is made.
pub fn run(
    config: Config,
    theme: &Theme,
    loaded: Loaded,
    diagnostics: Diagnostics,
    mut memo: Option<&mut Memo>,
    progress: &dyn Progress,
    outlets: Outlets,
) -> Result<Built, Failure> {
    let mut problems = config.warnings.clone();
    let mut config = config;
    if let Some(blog) = &mut config.material.blog {
        // The blog's navigation groups, named in the site's language unless named.
        let words = theme.words(&config.language);
        blog.archive_name
            .get_or_insert_with(|| words.get("blog_archive").to_string());
        blog.categories_name
            .get_or_insert_with(|| words.get("blog_categories").to_string());
    }
    // Last-updated dates: one `git log`, read while the pages are rendered.
    let pending_dates = crate::revision::start(&config);
    let (site, model_problems) = model::build(config, loaded);
    problems.extend(model_problems);
    if let Some(memo) = memo.as_deref_mut() {
        let fingerprint = site_fingerprint(&site, theme);
        if fingerprint != memo.site_fingerprint {
            memo.pages.clear();
            memo.link_problems.clear();
            memo.site_fingerprint = fingerprint;
        }
    }
    let modelled = Modelled { site, problems };
    finish(
        modelled,
        false,
        pending_dates,
        theme,
        diagnostics,
        memo,
        progress,
        outlets,
    )
}

/// Runs the stages after the model again on the memo's last site, with the `edited`
/// pages' sources in place of theirs, when the edit leaves the model as it was (see
/// [`Site::replace_sources`]); `None`, and the memo as it was, when it does not and the
/// site must be built by [`run`].
pub fn run_edited(
    edited: Vec<crate::load::Source>,
    theme: &Theme,
    diagnostics: Diagnostics,
    memo: &mut Memo,
    outlets: Outlets,
) -> Option<Result<Built, Failure>> {
    let mut modelled = memo.model.take()?;
    if !modelled.site.replace_sources(edited) {
        memo.model = Some(modelled);
        return None;
    }
    // The model is as it was, and so is its fingerprint. Last-updated dates come from
    // commits, which a save does not make: the site keeps its.
    Some(finish(
        modelled,
        true,
        None,
        theme,
        diagnostics,
        Some(memo),
        &(),
        outlets,
    ))
}

/// The stages after the model: Markdown, link checks, templates. `same_model` when the
/// model is the memo's last one, whose site is then updated with the pages that changed.
#[allow(clippy::too_many_arguments)]
fn finish(
    modelled: Modelled,
    same_model: bool,
    mut pending_dates: Option<crate::revision::Pending>,
    theme: &Theme,
    mut diagnostics: Diagnostics,
    memo: Option<&mut Memo>,
    progress: &dyn Progress,
    outlets: Outlets,
) -> Result<Built, Failure> {
    let Modelled {
        mut site,
        problems: model_problems,
    } = modelled;
    diagnostics.extend(model_problems.iter().cloned());
    let mut take_dates = |site: &mut Site, diagnostics: &mut Diagnostics| {
        if let Some(pending) = pending_dates.take() {
            let (dates, problem) = crate::revision::finish(site, pending);
            site.last_updated = dates;
            diagnostics.extend(problem);
        }
    };
    if matches!(outlets.search, SearchDocuments::Index(_)) {
        // The preview indexes pages as they are rendered: the dates must be there first.
        take_dates(&mut site, &mut diagnostics);
    }
    progress.stage("rendering Markdown");
    let files = IncludedFiles::default();
    let previous = memo.as_deref();
    let remembered_pages: Vec<Option<&Remembered>> = site
        .pages
        .par_iter()
        .map(|page| previous.and_then(|memo| memo.still_valid(page, &files)))
        .collect();
    let valid: Vec<bool> = remembered_pages.iter().map(Option::is_some).collect();
    let remembered = |page: &Page| remembered_pages[page.id.0 as usize];
    let rendered_count = valid.iter().filter(|v| !**v).count();
    let mut rendered_by_size: Vec<(PageId, Rendered)> = largest_first(&site.pages)
        .par_iter()
        .map(|page| {
            let (body, problems) = match remembered(page) {
                Some(remembered) => (remembered.body.clone(), remembered.problems.clone()),
                None => {
                    let (body, problems) = markdown::page::render_page(&site, page);
                    (Arc::new(body), problems)
                }
            };
            if let SearchDocuments::Index(indexer) = outlets.search {
                indexer.offer(page.id.0 as usize, search::document(&site, page, &body));
            }
            (page.id, (body, problems))
        })
        .collect();
    rendered_by_size.sort_unstable_by_key(|(id, _)| id.0);
    let rendered: Vec<Rendered> = rendered_by_size.into_iter().map(|(_, r)| r).collect();
    let mut bodies = Vec::with_capacity(rendered.len());
    for (body, problems) in &rendered {
        diagnostics.extend(problems.iter().cloned());
        bodies.push(body.clone());
    }
    take_dates(&mut site, &mut diagnostics);
    progress.stage("checking links");
    let (link_problems, links_checked) = page_link_problems(&site, &bodies, &valid, previous);
    diagnostics.extend(link_problems.iter().flat_map(|p| p.iter().cloned()));
    diagnostics.extend(check::announcement_links(&site, &bodies));
    diagnostics.extend(check::redirects(&site));
    diagnostics.extend(render::llms_txt::problems(&site, &bodies));
    diagnostics.extend(check::templates(&site, theme));

    let keep_documents = matches!(outlets.search, SearchDocuments::Keep);
    let failed = |diagnostics: &Diagnostics| diagnostics.fail(site.config.strict);
    // Each page's search document (none where search leaves the page out), reused with
    // the page's body.
    let search_documents: Vec<Option<Arc<search::Document>>> =
        if keep_documents && site.config.search && !failed(&diagnostics) {
            site.pages
                .par_iter()
                .map(
                    |page| match remembered(page).and_then(|r| r.document.clone()) {
                        Some(document) => Some(document),
                        None => {
                            search::document(&site, page, &bodies[page.id.0 as usize]).map(Arc::new)
                        }
                    },
                )
                .collect()
        } else {
            Vec::new()
        };
    let mut search_index = None;
    let output = if failed(&diagnostics) {
        None
    } else {
        progress.stage("applying templates");
        // On the memo's model, the pages to render again are those not still valid.
        let changed: Vec<PageId> = if same_model {
            let changed = valid.iter().enumerate().filter(|(_, valid)| !**valid);
            changed.map(|(index, _)| PageId(index as u32)).collect()
        } else {
            Vec::new()
        };
        let previous_output = previous.and_then(|memo| memo.output.as_ref());
        let reuse = render::Reuse {
            page: &|page: &Page| remembered(page).and_then(|r| r.html.clone()),
            edited: previous_output
                .filter(|_| same_model)
                .map(|output| (output, &changed[..])),
        };
        // Every page is in the search index by now: it is written while the templates
        // are applied.
        let (rendered_site, index) = rayon::join(
            || {
                let rendered = render::site(&site, &bodies, theme, reuse, outlets.pages);
                if let (Ok(files), Some(take)) = (&rendered, outlets.files) {
                    take(files);
                }
                rendered
            },
            || match outlets.search {
                SearchDocuments::Index(indexer) => Some(indexer.write()),
                _ => None,
            },
        );
        search_index = index;
        match rendered_site {
            Ok(output) => Some(output),
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        }
    };

    let pages = site.pages.len();
    let language = site.config.language.clone();
    let document = |index: usize| search_documents.get(index).cloned().flatten();
    // What the memo holds whole already: an unchanged page with its HTML and document.
    let complete: Vec<bool> = remembered_pages
        .iter()
        .enumerate()
        .map(|(index, r)| {
            r.is_some_and(|r| r.html.is_some() && r.document.is_some() == document(index).is_some())
        })
        .collect();
    if let Some(memo) = memo {
        memo.remember(
            &site,
            &complete,
            rendered,
            &document,
            output.as_ref(),
            &files,
        );
        memo.link_problems = link_problems;
        // A clone shares every file: it costs no copy.
        memo.output = output.clone();
        memo.model = Some(Modelled {
            site,
            problems: model_problems,
        });
    }

    match output {
        Some(output) => Ok(Built {
            output,
            pages,
            rendered: rendered_count,
            links_checked,
            warnings: diagnostics,
            search: crate::SearchInput::of_site(
                language,
                search_documents.into_iter().flatten().collect(),
            ),
            search_index,
        }),
        None => Err(Failure::Content(diagnostics)),
    }
}
