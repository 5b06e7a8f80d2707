//! Translated sites (mkdocs-static-i18n). Each language is built as a site of its own, in
//! its folder of the output (`fr/`), as the plugin builds them: from the language's own
//! pages and files and, where it has none of its own, the default language's, at the
//! same paths. So each language has its own navigation, words, search index and links
//! that stay in the language, and its language menu leads to the same page in the others.

use crate::config::i18n::{I18n, Language, TranslatedSite, Translations};
use crate::config::{Alternate, Config, NavEntry};
use crate::diag::Diagnostics;
use crate::load::{Loaded, Source, StaticFile};
use crate::{Built, Failure};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One site of a project: a language's, or the whole project's when it is not translated.
pub struct LanguageSite {
    pub config: Config,
    pub loaded: Loaded,
    /// Where the site is written in the output: `` or `fr/`.
    pub folder: String,
}

impl LanguageSite {
    /// Builds the site (every stage after loading, see [`crate::pipeline::run`]), with
    /// `problems` loading found; its folder beside the result.
    pub fn build(
        self,
        theme: &crate::render::theme::Theme,
        problems: &Diagnostics,
        memo: Option<&mut crate::pipeline::Memo>,
        progress: &dyn crate::Progress,
        outlets: crate::pipeline::Outlets,
    ) -> (String, Result<Built, Failure>) {
        let built = crate::pipeline::run(
            self.config,
            theme,
            self.loaded,
            problems.clone(),
            memo,
            progress,
            outlets,
        );
        (self.folder, built)
    }
}

/// The sites a project is built as: one per language built, else the project itself.
pub fn sites(config: Config, loaded: Loaded) -> Vec<LanguageSite> {
    let Some(i18n) = config
        .i18n
        .clone()
        .filter(|i18n| i18n.built().next().is_some())
    else {
        return vec![LanguageSite {
            config,
            loaded,
            folder: String::new(),
        }];
    };
    let views: Vec<(&Language, Loaded)> = i18n
        .built()
        .map(|language| (language, view(&i18n, language, &loaded)))
        .collect();
    let all_sites: Arc<[TranslatedSite]> = views
        .iter()
        .map(|(language, loaded)| TranslatedSite {
            tag: language.tag(),
            folder: language.folder.clone(),
            pages: loaded.sources.iter().map(|s| s.rel_path.clone()).collect(),
        })
        .collect();
    views
        .into_iter()
        .map(|(language, loaded)| LanguageSite {
            config: configure(&config, &i18n, language, all_sites.clone()),
            loaded,
            folder: language.folder.clone(),
        })
        .collect()
}

/// What `language`'s site is built from: its own files at their paths in its site, and
/// the default language's where it has none (with `fallback_to_default`).
fn view(i18n: &I18n, language: &Language, loaded: &Loaded) -> Loaded {
    let default = &i18n.default_language().locale;
    let wanted =
        |locale: &str| locale == language.locale || i18n.fallback && locale == default.as_str();
    // The language's own file wins over the default language's at the same path.
    let pick = |paths: &mut dyn Iterator<Item = &str>| -> BTreeMap<String, usize> {
        let mut chosen: BTreeMap<String, (bool, usize)> = BTreeMap::new();
        for (index, path) in paths.enumerate() {
            let (locale, in_site) = i18n.language_of(path);
            if !wanted(locale) {
                continue;
            }
            let own = locale == language.locale;
            let slot = chosen.entry(in_site.into_owned()).or_insert((own, index));
            if own && !slot.0 {
                *slot = (own, index);
            }
        }
        chosen
            .into_iter()
            .map(|(path, (_, index))| (path, index))
            .collect()
    };
    let sources = pick(&mut loaded.sources.iter().map(|s| s.rel_path.as_str()))
        .into_iter()
        .map(|(path, index)| moved_source(&loaded.sources[index], path))
        .collect();
    let static_files = pick(&mut loaded.static_files.iter().map(|f| f.rel_path.as_str()))
        .into_iter()
        .map(|(rel_path, index)| StaticFile {
            rel_path,
            abs_path: loaded.static_files[index].abs_path.clone(),
        })
        .collect();
    // Folders' `.pages` files, by the folder they arrange in the language's site.
    let (folders, files): (Vec<String>, Vec<_>) = loaded
        .pages_files
        .iter()
        .map(|(folder, file)| (format!("{folder}/.pages"), file))
        .unzip();
    let pages_files = pick(&mut folders.iter().map(|f| f.trim_start_matches('/')))
        .into_iter()
        .filter_map(|(path, index)| {
            let folder = path.strip_suffix(".pages")?.trim_end_matches('/');
            Some((folder.to_string(), files[index].clone()))
        })
        .collect();
    Loaded {
        sources,
        static_files,
        authors: loaded.authors.clone(),
        pages_files,
    }
}

/// `source` at `path` of a language's site, still read from its own file.
fn moved_source(source: &Source, path: String) -> Source {
    let mut moved = source.clone();
    if path != source.rel_path {
        moved.origin = Some(source.rel_path.as_str().into());
        moved.rel_path = path;
    }
    moved
}

/// The project's configuration for `language`'s site.
fn configure(
    config: &Config,
    i18n: &I18n,
    language: &Language,
    sites: Arc<[TranslatedSite]>,
) -> Config {
    let mut own = config.clone();
    own.language = match &language.theme_language {
        Some(theme_language) => theme_language.clone(),
        None => language.tag(),
    };
    own.right_to_left = crate::config::is_right_to_left(&own.language);
    if let Some(name) = &language.site_name {
        own.title = name.clone();
    }
    if let Some(description) = &language.site_description {
        own.description = description.clone();
    }
    if let Some(copyright) = &language.copyright {
        own.presentation.copyright = Some(copyright.clone());
    }
    own.nav = match &language.nav {
        Some(nav) => Some(nav.clone()),
        None => own
            .nav
            .take()
            .map(|nav| translated(nav, &language.nav_translations)),
    };
    own.site_url = own.site_url.map(|url| format!("{url}{}", language.folder));
    own.markdown.admonition_titles = language.admonition_translations.clone();
    if let serde_json::Value::Object(extra) = &mut own.extra {
        extra.extend(language.extra.clone());
    }
    if i18n.switcher && own.theme_settings.alternate.is_empty() {
        own.theme_settings.alternate = i18n
            .languages
            .iter()
            .filter(|other| other.build || other.fixed_link.is_some())
            .map(|other| Alternate {
                name: other.name.clone(),
                link: other.fixed_link.clone().unwrap_or_else(|| {
                    let home = format!("{}{}", up_from(&language.folder), other.folder);
                    if home.is_empty() {
                        "./".into()
                    } else {
                        home
                    }
                }),
                lang: Some(other.tag()),
            })
            .collect();
    }
    own.translations = Some(Translations {
        i18n: i18n.clone(),
        locale: language.locale.clone(),
        folder: language.folder.clone(),
        sites,
    });
    own
}

/// The way from a language's folder (`fr/`) up to the site's root (`../`).
pub fn up_from(folder: &str) -> String {
    "../".repeat(folder.matches('/').count())
}

/// The shared navigation with its titles in a language (`nav_translations`).
fn translated(nav: Vec<NavEntry>, titles: &BTreeMap<String, String>) -> Vec<NavEntry> {
    let title = |text: String| titles.get(&text).cloned().unwrap_or(text);
    nav.into_iter()
        .map(|entry| match entry {
            NavEntry::Page { path, title: given } => NavEntry::Page {
                path,
                title: given.map(title),
            },
            NavEntry::Section {
                title: given,
                page,
                children,
            } => NavEntry::Section {
                title: title(given),
                page,
                children: translated(children, titles),
            },
            NavEntry::Link { title: given, url } => NavEntry::Link {
                title: title(given),
                url,
            },
            NavEntry::Folder { path, title: given } => NavEntry::Folder {
                path,
                title: given.map(title),
            },
        })
        .collect()
}

/// The builds of a project's sites as one: their files in their folders, their problems
/// once each (a page the languages share is built, and its problems found, in each).
pub fn merge(built: Vec<(String, Result<Built, Failure>)>) -> Result<Built, Failure> {
    if built.len() == 1 {
        return built.into_iter().next().expect("one").1;
    }
    let mut problems = Diagnostics::new();
    let mut merged: Option<Built> = None;
    let mut failed = false;
    for (folder, result) in built {
        match result {
            Ok(mut site) => {
                problems.extend(std::mem::take(&mut site.warnings));
                let site = site.in_folder(&folder);
                merged = Some(match merged {
                    None => site,
                    Some(all) => all.with(site),
                });
            }
            Err(Failure::Setup(problem)) => return Err(Failure::Setup(problem)),
            Err(Failure::Content(found)) => {
                failed = true;
                problems.extend(found);
            }
        }
    }
    let mut unique = Diagnostics::new();
    unique.extend(problems.sorted());
    match merged {
        Some(mut all) if !failed => {
            all.warnings = unique;
            Ok(all)
        }
        _ => Err(Failure::Content(unique)),
    }
}
