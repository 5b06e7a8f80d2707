//! The content model: pages with their URLs and titles, the navigation, tutorials and the
//! index that links resolve against. Built once per build, immutable afterwards.

mod awesome_pages;
pub mod blog;
pub mod links;
mod literate_nav;
pub mod nav;
mod sections;
mod summary;
pub mod tutorial;
pub mod urls;

use crate::config::{Config, ProjectKind};
use crate::diag::Diagnostic;
use crate::load::{Loaded, Source, StaticFile};
use links::PathIndex;
use nav::Nav;
use std::collections::{HashMap, HashSet};
use tutorial::{Tutorial, TutorialId};

/// A page's index in [`Site::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub u32);

#[derive(Debug, Clone)]
pub struct Page {
    pub id: PageId,
    /// Path relative to the content folder (`guide/setup.md`); `guide/index.md` for a
    /// folder's README.md that stands in for it (`source.rel_path` keeps the file's own).
    pub rel_path: String,
    /// Site URL (`guide/setup/`).
    pub url: String,
    pub title: String,
    pub source: Source,
}

impl Page {
    /// The path its relative links are written from: its own file's, when it is built at
    /// another path of a language's site (see [`crate::languages`]).
    pub fn links_from(&self) -> &str {
        self.source.origin.as_deref().unwrap_or(&self.rel_path)
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Pages sorted by path, then the generated section pages; `PageId(i)` is `pages[i]`.
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    pub paths: PathIndex,
    pub nav: Nav,
    pub tutorials: Vec<Tutorial>,
    /// Per page: the tutorial whose folder holds it.
    pub tutorial_of: Vec<Option<TutorialId>>,
    /// The blog (Material's blog plugin), when configured.
    pub blog: Option<blog::Blog>,
    /// Per page: its last-updated date from git (empty when dates are off).
    pub last_updated: Vec<Option<crate::revision::LastUpdated>>,
    /// Pages from this index on are generated section pages, with no file behind them.
    pub first_generated: usize,
    /// The page whose body is the site's `404.html` (`input-404`): unless the navigation
    /// lists it, it is not published as a page of its own.
    pub not_found: Option<PageId>,
}

/// What the page a redirect writes is: see [`Site::redirect_destination`].
#[derive(Debug)]
pub struct RedirectDestination {
    /// The site URL of the redirect's old address, where its page is written.
    pub from_url: String,
    /// The target's site path (a page's URL or a file's path); `None` for another site.
    pub site_path: Option<String>,
    pub anchor: Option<String>,
    /// Whether it is written over a page the site has at its address.
    pub over_page: bool,
}

impl Site {
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0 as usize]
    }

    /// Whether the page is published at its own address, indexed and in the sitemap:
    /// all are but the not-found page, unless the navigation lists it too.
    pub fn is_published(&self, id: PageId) -> bool {
        self.not_found != Some(id) || self.nav.positions[id.0 as usize].is_some()
    }

    /// The URL of the home page: the site root, or `index.html` where pages are written
    /// at their file's URL; without an index page, the first page in reading order (an
    /// mdBook book's first chapter).
    pub fn home_url(&self) -> &str {
        self.paths
            .pages
            .get("index.md")
            .or(self.nav.order.first())
            .map_or("", |&id| self.page(id).url.as_str())
    }

    /// The index pages of the folders that hold `page`, outermost first (the home page
    /// and the page itself excluded).
    pub fn folder_index_pages(&self, page: &Page) -> Vec<PageId> {
        let mut found = Vec::new();
        let mut prefix = String::new();
        let folders: Vec<&str> = page.rel_path.split('/').collect();
        for folder in &folders[..folders.len().saturating_sub(1)] {
            prefix.push_str(folder);
            prefix.push('/');
            if let Some(&index) = self.paths.pages.get(&format!("{prefix}index.md")) {
                if index != page.id {
                    found.push(index);
                }
            }
        }
        found
    }

    /// Where the page a redirect from `from` writes leads, given where its target
    /// resolves; `None` where no such page is written: a target that does not resolve,
    /// or, in MkDocs projects, a file that is no page (mkdocs-redirects leads only to
    /// pages and other sites). Reported by `check::redirects`, written by the renderer.
    pub fn redirect_destination(
        &self,
        from: &str,
        target: links::LinkTarget,
    ) -> Option<RedirectDestination> {
        let (site_path, anchor) = match target {
            links::LinkTarget::External => (None, None),
            links::LinkTarget::Page { page, anchor, .. } => {
                (Some(self.page(page).url.clone()), anchor)
            }
            links::LinkTarget::File { rel_path } if self.config.kind != ProjectKind::MkDocs => {
                (Some(rel_path), None)
            }
            _ => return None,
        };
        let from_url = urls::page_url(from, self.config.directory_urls);
        // mkdocs-redirects writes its pages after the site's, over a page at the same
        // address, unless the redirect leads to that page itself (a loop).
        let over_page = self.config.kind == ProjectKind::MkDocs
            && site_path.as_deref() != Some(from_url.as_str());
        Some(RedirectDestination {
            from_url,
            site_path,
            anchor,
            over_page,
        })
    }

    /// Whether the page is a generated section page (see `sections`).
    pub fn is_generated(&self, id: PageId) -> bool {
        id.0 as usize >= self.first_generated
    }

    pub fn tutorial_of(&self, id: PageId) -> Option<&Tutorial> {
        self.tutorial_of[id.0 as usize].map(|t| &self.tutorials[t.0 as usize])
    }

    /// Puts the edited `sources` of existing pages in place, when that leaves the rest of
    /// the model as [`build`] would make it: each page keeps its path, front-matter and
    /// title, and no part of the model is read from page bodies (the blog's excerpts and
    /// reading times, mdBook titles, literate-nav files). Returns whether it did; when
    /// not, the site is unchanged and must be built afresh.
    pub fn replace_sources(&mut self, sources: Vec<Source>) -> bool {
        let config = &self.config;
        if config.material.blog.is_some()
            || config.mdbook.is_some()
            || config.literate_nav.is_some()
        {
            return false;
        }
        let mut replacements = Vec::with_capacity(sources.len());
        for source in sources {
            let Some(&id) = self.paths.pages.get(&source.rel_path) else {
                return false;
            };
            let page = self.page(id);
            let unchanged = !self.is_generated(id)
                && page.source.rel_path == source.rel_path
                && page.source.front == source.front
                && page_title(&page.source, config) == page_title(&source, config);
            if !unchanged {
                return false;
            }
            replacements.push((id, source));
        }
        for (id, source) in replacements {
            self.pages[id.0 as usize].source = source;
        }
        true
    }
}

/// A content path that could be written but not served: browsers turn `\` in a URL
/// into `/`, so `a\b.txt` would be published under an address nobody can reach.
fn unservable_name(rel_path: &str) -> Option<Diagnostic> {
    rel_path.contains('\\').then(|| {
        Diagnostic::error("the file name contains a backslash (`\\`), which browsers read as `/`")
            .with_hint("rename the file without the backslash")
    })
}

/// The notebooks published beside their pages (mkdocs-jupyter's `include_source`).
fn notebook_copies(config: &Config, pages: &[Page]) -> Vec<StaticFile> {
    if !config.notebooks.as_ref().is_some_and(|n| n.include_source) {
        return Vec::new();
    }
    let notebooks = pages.iter().filter(|p| p.source.is_notebook());
    notebooks
        .map(|page| StaticFile {
            rel_path: crate::load::notebook::source_copy(
                &page.source.rel_path,
                config.directory_urls,
            ),
            abs_path: config.src_dir.join(&page.source.rel_path),
        })
        .collect()
}

/// The index page that `rel_path` stands for when it is a folder's `README.md` and the
/// folder has no `index.md` (MkDocs and mdBook both publish it as the folder's page).
fn readme_as_index(rel_path: &str, rel_paths: &HashSet<&str>) -> Option<String> {
    let folder = rel_path.strip_suffix("README.md")?;
    if !(folder.is_empty() || folder.ends_with('/')) {
        return None;
    }
    let index = format!("{folder}index.md");
    (!rel_paths.contains(index.as_str())).then_some(index)
}

/// Two pages for one address, `first` and `second` in path order: an error in Waymark's
/// own projects. MkDocs writes both, the file deeper in the folders last (`a/index.md`
/// over `a.md`), so in MkDocs projects that one's page is published, links to either
/// lead to it, and a warning names both.
fn url_clash(config: &Config, first: &Source, second: &Source, url: &str) -> Diagnostic {
    let both = format!(
        "{} and {} would both be written to `{}`",
        first.display_path.display(),
        second.display_path.display(),
        urls::output_file(url)
    );
    match config.kind {
        ProjectKind::Waymark | ProjectKind::MdBook => {
            Diagnostic::error(both).with_hint("rename or remove one of the two pages")
        }
        ProjectKind::MkDocs => {
            let published = if written_last(first, second) {
                second
            } else {
                first
            };
            Diagnostic::warning(format!(
                "{both}: {} is published there, as MkDocs writes it last, and links to either lead to it",
                published.display_path.display()
            ))
            .with_hint("rename or remove one of the two pages")
        }
    }
    .in_file(&second.display_path)
}

/// Whether MkDocs writes `second` after `first` (at one address, in path order): it
/// writes the file deeper in the folders last (`a/index.md` after `a.md`).
fn written_last(first: &Source, second: &Source) -> bool {
    let depth = |source: &Source| source.rel_path.matches('/').count();
    depth(second) > depth(first)
}

/// Builds the model from loaded sources. Problems (URL collisions, nav entries without a
/// page, tutorial inconsistencies) are returned alongside a site that is still usable.
pub fn build(config: Config, loaded: Loaded) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut sources = loaded.sources;
    let blog = config.material.blog.as_ref().map(|settings| {
        let title_of = |source: &Source| page_title(source, &config);
        blog::Prepared::new(
            settings,
            &mut sources,
            &title_of,
            config.directory_urls,
            &mut problems,
        )
    });
    sources.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let not_chapters = match &config.mdbook {
        Some(book) => summary::keep_listed(
            book,
            config.not_found_page.as_deref(),
            &mut sources,
            &mut problems,
        ),
        None => Vec::new(),
    };

    let mut pages: Vec<Page> = Vec::with_capacity(sources.len());
    let mut by_url: HashMap<String, usize> = HashMap::new();
    // The paths of pages not published because another was at their address (MkDocs
    // projects), with the page that links to them lead to.
    let mut also_named: Vec<(String, PageId)> = Vec::new();
    // A folder's README.md stands in for its missing index.md, under that name; a
    // notebook is the page of its name (`intro.ipynb` is `intro.md`).
    let rel_paths: HashSet<&str> = sources.iter().map(|s| s.rel_path.as_str()).collect();
    let page_paths: Vec<String> = sources
        .iter()
        .map(|source| match source.is_notebook() {
            true => crate::load::notebook::page_path(&source.rel_path),
            false => readme_as_index(&source.rel_path, &rel_paths)
                .unwrap_or_else(|| source.rel_path.clone()),
        })
        .collect();
    for (source, page_path) in sources.into_iter().zip(page_paths) {
        if let Some(problem) = unservable_name(&source.rel_path) {
            problems.push(problem.in_file(&source.display_path));
            continue;
        }
        let url = match blog.as_ref().and_then(|b| b.post_urls.get(&page_path)) {
            Some(url) => url.clone(),
            None => urls::page_url(&page_path, config.directory_urls),
        };
        let title = page_title(&source, &config);
        if let Some(&first) = by_url.get(&url) {
            problems.push(url_clash(&config, &pages[first].source, &source, &url));
            if config.kind == ProjectKind::MkDocs {
                let kept = &mut pages[first];
                let mut other = Page {
                    id: kept.id,
                    rel_path: page_path,
                    url,
                    title,
                    source,
                };
                if written_last(&kept.source, &other.source) {
                    std::mem::swap(kept, &mut other);
                }
                also_named.push((other.rel_path, other.id));
                also_named.push((other.source.rel_path, other.id));
            }
            continue;
        }
        by_url.insert(url.clone(), pages.len());
        pages.push(Page {
            id: PageId(pages.len() as u32),
            rel_path: page_path,
            url,
            title,
            source,
        });
    }

    let mut static_files = Vec::with_capacity(loaded.static_files.len());
    for file in loaded
        .static_files
        .into_iter()
        .chain(notebook_copies(&config, &pages))
    {
        let problem = unservable_name(&file.rel_path).or_else(|| {
            urls::is_generated(&file.rel_path).then(|| {
                Diagnostic::error(format!(
                    "the file `{}` would replace a file that Waymark writes itself",
                    file.rel_path
                ))
                .with_hint("rename or move it: `404.html`, `sitemap.xml` and `_waymark/` belong to the generated site")
            })
        });
        if let Some(problem) = problem {
            let shown = crate::diag::display_path(&file.abs_path, &config.project_dir);
            problems.push(problem.in_file(shown));
            continue;
        }
        if let Some(&page) = by_url.get(&file.rel_path).or_else(|| {
            file.rel_path
                .strip_suffix("index.html")
                .and_then(|dir| by_url.get(dir))
        }) {
            problems.push(
                Diagnostic::error(format!(
                    "the file `{}` and the page {} would both be written to the same place",
                    file.rel_path,
                    pages[page].source.display_path.display()
                ))
                .in_file(&pages[page].source.display_path)
                .with_hint("rename the file or the page"),
            );
            continue;
        }
        static_files.push(file);
    }

    let mut paths = PathIndex {
        // Links may name a README by either path.
        pages: pages
            .iter()
            .flat_map(|p| {
                let alias =
                    (p.source.rel_path != p.rel_path).then(|| (p.source.rel_path.clone(), p.id));
                std::iter::once((p.rel_path.clone(), p.id)).chain(alias)
            })
            .chain(also_named)
            .collect(),
        files: static_files.iter().map(|f| f.rel_path.clone()).collect(),
        html_links: config.kind == ProjectKind::MdBook,
        translations: config.translations.clone(),
    };
    if let Some(entries) = &config.nav {
        apply_nav_titles(entries, &mut pages);
    }
    if let Some(book) = &config.mdbook {
        let titles = summary::titles(book);
        for page in &mut pages {
            let own = summary::title_directive(page.source.body());
            if let Some(title) = own.or(titles.get(page.source.rel_path.as_str()).copied()) {
                page.title = title.to_string();
            }
        }
    }
    let blog = blog.map(|prepared| prepared.finish(&pages, loaded.authors, &mut problems));
    let mut nav = match (&config.mdbook, &config.nav) {
        (Some(book), _) => {
            let (nav, nav_problems) = summary::nav(book, &pages, &not_chapters);
            problems.extend(nav_problems);
            nav
        }
        (None, Some(entries)) => {
            let (nav, nav_problems) = nav::from_config(entries, &pages, &paths.files, &config);
            problems.extend(nav_problems);
            nav
        }
        (None, None) => nav::from_folders(&pages, &loaded.pages_files, &config),
    };
    if let Some(blog) = &blog {
        let mut items = std::mem::take(&mut nav.items);
        blog.arrange_nav(&mut items, &pages);
        nav = Nav::finish(items, pages.len());
    }
    let mut taken: HashSet<String> = pages
        .iter()
        .map(|p| urls::output_file(&p.url))
        .chain(static_files.iter().map(|f| f.rel_path.clone()))
        .collect();
    let first_generated = pages.len();
    sections::add_pages(&mut pages, &mut nav, &mut taken, &config);
    for page in &pages[first_generated..] {
        paths.pages.insert(page.rel_path.clone(), page.id);
    }
    if config.nav.is_some() {
        for page in pages.iter().filter(|p| {
            nav.positions[p.id.0 as usize].is_none()
                && Some(&p.source.rel_path) != config.not_found_page.as_ref()
                && !blog.as_ref().is_some_and(|b| b.is_member(p.id))
                && !config.not_in_nav.matches(&p.rel_path, false)
        }) {
            let problem = Diagnostic::error(format!(
                "{} is not in the navigation",
                page.source.display_path.display()
            ))
            .in_file(&page.source.display_path)
            .with_hint("add it to `nav`; it is built and reachable by links either way");
            problems.extend(config.validation.omitted_files.apply(problem));
        }
    }
    let (tutorials, tutorial_of, tutorial_problems) = tutorial::build(&pages);
    problems.extend(tutorial_problems);
    let mut config = config;
    if let Some(first) = nav.order.first().filter(|_| config.mdbook.is_some()) {
        // mdBook publishes its first chapter at `index.html` too: the book's address.
        if !paths.pages.contains_key("index.md") {
            config.redirects.push(crate::config::Redirect {
                from: "index.md".into(),
                to: pages[first.0 as usize].rel_path.clone(),
            });
        }
    }
    let not_found = config
        .not_found_page
        .as_ref()
        .and_then(|path| paths.pages.get(path).copied());
    if let Some(max) = config
        .print_max_pages
        .filter(|&max| config.print && pages.len() > max)
    {
        config.print = false;
        problems.push(
            Diagnostic::info(format!(
                "the printable guide (`{}`) is not written: the guide has {} pages, more than the {max} it is made for unless asked",
                urls::PRINT_URL,
                pages.len()
            ))
            .with_hint("`[output.html.print] enable = true` in book.toml, or `extra: {waymark: {print: true}}` in mkdocs.yml, has `waymark build` write it"),
        );
    }
    if config.print {
        let taken_by = pages
            .iter()
            .find(|p| p.url == urls::PRINT_URL)
            .map(|p| p.source.display_path.clone())
            .or_else(|| {
                let file = static_files
                    .iter()
                    .find(|f| f.rel_path == urls::PRINT_URL)?;
                Some(crate::diag::display_path(
                    &file.abs_path,
                    &config.project_dir,
                ))
            });
        if let Some(shown) = taken_by {
            // The author's file wins, as over a redirect from its address.
            problems.push(
                Diagnostic::warning(format!(
                    "{} is published at `{}`, where the printable guide would be: the printable guide is not written",
                    shown.display(),
                    urls::PRINT_URL
                ))
                .in_file(&shown)
                .with_hint("rename it, or turn the printable guide off (`[output.html.print] enable = false` in book.toml, `extra: {waymark: {print: false}}` in mkdocs.yml)"),
            );
            config.print = false;
        }
    }
    if config.title.trim().is_empty() {
        // An mdBook book without a title: its first chapter names it.
        if let Some(&first) = nav.order.first() {
            config.title = pages[first.0 as usize].title.clone();
        }
    }
    let site = Site {
        config,
        pages,
        static_files,
        paths,
        nav,
        tutorials,
        tutorial_of,
        blog,
        last_updated: Vec::new(),
        first_generated,
        not_found,
    };
    (site, problems)
}

/// A title given to a page in the explicit navigation is its title, as in MkDocs (the
/// first one, when the page is listed twice).
fn apply_nav_titles(entries: &[crate::config::NavEntry], pages: &mut [Page]) {
    fn collect<'a>(entries: &'a [crate::config::NavEntry], titles: &mut HashMap<&'a str, &'a str>) {
        for entry in entries {
            match entry {
                crate::config::NavEntry::Page {
                    path,
                    title: Some(title),
                } => {
                    titles.entry(path.as_str()).or_insert(title.as_str());
                }
                crate::config::NavEntry::Section { children, .. } => collect(children, titles),
                _ => {}
            }
        }
    }
    let mut titles = HashMap::new();
    collect(entries, &mut titles);
    for page in pages {
        if let Some(title) = titles.get(page.rel_path.as_str()) {
            page.title = title.to_string();
        }
    }
}

/// Front-matter `title`, else the first `#` heading, else the file (or folder) name.
fn page_title(source: &Source, config: &Config) -> String {
    if let Some(title) = source
        .front
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return title.trim().to_string();
    }
    if let Some(heading) = first_heading(source.body()) {
        return heading;
    }
    let name = match source.rel_path.rsplit('/').collect::<Vec<_>>().as_slice() {
        ["index.md"] => return config.title.clone(),
        ["index.md", folder, ..] => folder.to_string(),
        [file, ..] => file.to_string(),
        [] => String::new(),
    };
    nav::title_from_file_name(&name)
}

/// The text of the first level-1 heading (ATX or setext) outside fenced code.
pub fn first_heading(body: &str) -> Option<String> {
    let mut fence = None;
    let mut previous: Option<&str> = None;
    for (_, line) in crate::load::lines::lines(body) {
        if let Some((state, _)) = crate::load::lines::fence_state(line, fence) {
            fence = state;
            previous = None;
            continue;
        }
        let trimmed = line.trim();
        let indented = line.len() - line.trim_start().len() >= 4;
        if fence.is_some() || indented {
            previous = None;
            continue;
        }
        if let Some(text) = trimmed.strip_prefix("# ") {
            return Some(clean_heading(text)).filter(|t| !t.is_empty());
        }
        if let Some(text) =
            previous.filter(|_| !trimmed.is_empty() && trimmed.chars().all(|c| c == '='))
        {
            return Some(clean_heading(text)).filter(|t| !t.is_empty());
        }
        previous = (!trimmed.is_empty()).then_some(trimmed);
    }
    None
}

/// Drops closing `#`s, a trailing `{#id .class}` and code backticks from heading source.
fn clean_heading(text: &str) -> String {
    let mut text = text.trim();
    if text.ends_with('}') {
        if let Some(open) = text.rfind('{') {
            text = text[..open].trim_end();
        }
    }
    let text = text.trim_end_matches('#').trim_end();
    text.replace('`', "")
}

#[cfg(test)]
mod tests;
