//! Waymark: a static site generator for step-by-step user guides.
//!
//! A build is a chain of stages (see `ARCHITECTURE.md`):
//! `config::load` -> `load::scan` -> `model::build` -> `markdown` (in parallel) ->
//! `check::page_links` -> `render::site` (in parallel) -> `output::Staging`, which takes each
//! page as soon as it is rendered and swaps the finished site in; `search` indexes each
//! page beside the stages from the moment its body is rendered.

pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
mod html;
pub mod languages;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod revision;
pub mod search;
pub mod serve;
#[cfg(test)]
mod test_support;
pub mod yaml;

use config::Config;
use diag::{Diagnostic, Diagnostics};
use output::OutputSet;
use std::path::Path;

/// A successful build: the site in memory and the warnings found on the way.
#[derive(Debug)]
pub struct Built {
    /// The site's files; without its pages after [`build_with`], which writes each page
    /// as soon as it is rendered.
    pub output: OutputSet,
    pub pages: usize,
    /// How many pages were rendered afresh (the rest came from the preview's memo).
    pub rendered: usize,
    /// How many links were checked (the rest kept the preview memo's verdict).
    pub links_checked: usize,
    pub warnings: Diagnostics,
    /// What the search index is made from, kept only for the preview (see
    /// [`pipeline::SearchDocuments`] and [`Built::add_search_index`]): one index per
    /// site, so one per language of a translated project.
    pub search: Vec<SearchInput>,
    /// The search index's files, written during the build when the pages went to an
    /// indexer as they were rendered ([`pipeline::SearchDocuments::Index`]).
    pub search_index: Option<Result<OutputSet, String>>,
}

/// The pages of one site for its search index.
#[derive(Debug)]
pub struct SearchInput {
    /// Where the site is written in the output: `` or, for a language, `fr/`.
    pub folder: String,
    /// The language the index is made for.
    pub language: String,
    pub documents: Vec<std::sync::Arc<search::Document>>,
}

impl SearchInput {
    /// A site's input, none when it has no page to index.
    pub fn of_site(
        language: String,
        documents: Vec<std::sync::Arc<search::Document>>,
    ) -> Vec<Self> {
        if documents.is_empty() {
            return Vec::new();
        }
        vec![SearchInput {
            folder: String::new(),
            language,
            documents,
        }]
    }
}

impl Built {
    /// Indexes the pages for search and adds the index to the output. Kept apart from
    /// the other stages because it is the slowest: `check` skips it and the preview runs
    /// it in the background.
    pub fn add_search_index(&mut self) -> Result<(), Failure> {
        for input in std::mem::take(&mut self.search) {
            let memo = &mut search::IndexMemo::default();
            let index = search::index(input.documents, &input.language, &|| true, memo)
                .map_err(|message| Failure::Setup(Diagnostic::error(message)))?;
            self.output.files.extend(
                index
                    .into_iter()
                    .flat_map(|set| set.under(&input.folder).files),
            );
        }
        Ok(())
    }

    /// This build and another site's, written in `other`'s folder, as one (their
    /// warnings, which the sites share, are merged by [`languages::merge`]).
    fn with(mut self, other: Built) -> Built {
        self.output.files.extend(other.output.files);
        self.pages += other.pages;
        self.rendered += other.rendered;
        self.links_checked += other.links_checked;
        self.search.extend(other.search);
        self
    }

    /// The build of a language's site, as written in its folder of the whole site.
    fn in_folder(mut self, folder: &str) -> Built {
        self.output = self.output.under(folder);
        for input in &mut self.search {
            input.folder = format!("{folder}{}", input.folder);
        }
        self
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors: every problem of the build, warnings included.
    Content(Diagnostics),
    /// The build could not start or could not write (a missing project, a refused or
    /// unwritable output folder).
    Setup(Diagnostic),
}

impl Failure {
    pub fn diagnostics(&self) -> Diagnostics {
        match self {
            Failure::Content(all) => all.clone(),
            Failure::Setup(one) => {
                let mut all = Diagnostics::new();
                all.push(one.clone());
                all
            }
        }
    }
}

/// Loads the configuration of the project in `project_dir`.
pub fn load_config(project_dir: &Path) -> Result<Config, Failure> {
    load_config_from(project_dir, None)
}

/// Loads the configuration from `file` (`--config`) when given, else from the project's
/// `book.toml` or `mkdocs.yml`.
pub fn load_config_from(project_dir: &Path, file: Option<&Path>) -> Result<Config, Failure> {
    let loaded = match file {
        Some(file) => config::load_file(project_dir, file),
        None => config::load(project_dir),
    };
    loaded.map_err(|err| match err {
        config::ConfigError::Missing(problem) => Failure::Setup(problem),
        config::ConfigError::Invalid(problems) => Failure::Content(problems),
    })
}

/// Named stages reported to a progress display.
pub trait Progress: Sync {
    fn stage(&self, name: &str);
}

impl Progress for () {
    fn stage(&self, _: &str) {}
}

/// Runs every stage up to the finished in-memory site; writes nothing and indexes
/// nothing for search.
pub fn build_in_memory(config: Config, progress: &dyn Progress) -> Result<Built, Failure> {
    let (theme, loaded, problems) = load_project(&config, progress)?;
    let built = languages::sites(config, loaded)
        .into_iter()
        .map(|site| {
            let outlets = pipeline::Outlets {
                search: pipeline::SearchDocuments::Skip,
                pages: None,
                files: None,
            };
            site.build(&theme, &problems, None, progress, outlets)
        })
        .collect();
    languages::merge(built)
}

/// Reads the theme and the content; fails when the theme cannot be used.
fn load_project(
    config: &Config,
    progress: &dyn Progress,
) -> Result<(render::theme::Theme, load::Loaded, Diagnostics), Failure> {
    progress.stage("reading pages");
    // The templates compile while the pages are read and the syntax definitions load.
    let (theme, ((loaded, mut problems), ())) = rayon::join(
        || render::theme::load(config.theme_dir.as_deref()),
        || rayon::join(|| load::scan(config), markdown::highlight::load_syntaxes),
    );
    match theme {
        Ok(theme) => Ok((theme, loaded, problems)),
        Err(theme_problems) => {
            problems.extend(theme_problems);
            Err(Failure::Content(problems))
        }
    }
}

/// Builds the project and writes the site to `out` (by default the configured output
/// folder). On any failure the previous output is left as it was.
pub fn build(
    project_dir: &Path,
    out: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Built, Failure> {
    build_with(load_config(project_dir)?, out, progress)
}

/// Builds with an already loaded configuration and writes the site to `out` (by default
/// the configured output folder). Pages are written as they are rendered, so the
/// returned [`Built::output`] holds only the site's other files.
pub fn build_with(
    mut config: Config,
    out: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Built, Failure> {
    if let Some(out) = out {
        config.output_dir = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    }
    let destination = config.output_dir.clone();
    let protected = [config.project_dir.clone(), config.src_dir.clone()];
    let refused = |err: output::WriteError| match err {
        output::WriteError::Refused { reason, hint } => {
            Failure::Setup(Diagnostic::error(reason).with_hint(hint))
        }
        other => Failure::Setup(Diagnostic::error(other.to_string())),
    };
    let protected_refs: Vec<&Path> = protected.iter().map(|p| p.as_path()).collect();
    // Refuses a dangerous destination before doing any work.
    let staging = output::Staging::begin(&destination, &protected_refs).map_err(refused)?;
    // The first write that fails, from whichever thread, fails the build after it.
    let write_failure = std::sync::Mutex::new(None);
    let note_failure = |written: Result<(), output::WriteError>| {
        if let Err(error) = written {
            let mut failure = write_failure.lock().unwrap_or_else(|e| e.into_inner());
            failure.get_or_insert(error);
        }
    };
    let (theme, loaded, problems) = load_project(&config, progress)?;
    let mut sites = Vec::new();
    // A translated project is a site per language, each in its folder.
    for site in languages::sites(config, loaded) {
        // The site goes to its build below; the writers keep its folder.
        let own_folder = site.folder.clone();
        let folder = own_folder.as_str();
        let write_page = |path: &str, html: &[u8]| {
            note_failure(match folder {
                "" => staging.write_bytes(path, html),
                _ => staging.write_bytes(&format!("{folder}{path}"), html),
            })
        };
        let write_files =
            |set: &output::OutputSet| note_failure(staging.write_set(&set.clone().under(folder)));
        // Each page is read for search on the thread that rendered it, as soon as it is
        // rendered; the index is written once every page is in.
        let indexer = site
            .config
            .search
            .then(|| search::BackgroundIndex::start(&site.config.language));
        let outlets = pipeline::Outlets {
            search: indexer.as_ref().map_or(
                pipeline::SearchDocuments::Skip,
                pipeline::SearchDocuments::Index,
            ),
            pages: Some(&write_page),
            files: Some(&write_files),
        };
        let (_, mut built) = site.build(&theme, &problems, None, progress, outlets);
        if let Ok(built) = &mut built {
            if let Some(index) = built.search_index.take() {
                let index = index.map_err(|message| Failure::Setup(Diagnostic::error(message)))?;
                staging
                    .write_set(&index.clone().under(folder))
                    .map_err(refused)?;
                built.output.files.extend(index.files);
            }
        }
        sites.push((own_folder, built));
    }
    if let Some(error) = write_failure
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
    {
        return Err(refused(error));
    }
    let built = languages::merge(sites)?;
    progress.stage("writing the site");
    staging.commit().map_err(refused)?;
    Ok(built)
}

/// Every validation of a build; writes nothing.
pub fn check(project_dir: &Path, progress: &dyn Progress) -> Result<Built, Failure> {
    build_in_memory(load_config(project_dir)?, progress)
}
