//! mkdocs-static-i18n's settings: the languages a site is written in, each built as a site
//! of its own in its folder (`fr/`), with its own navigation, words, search and switcher.

use super::NavEntry;
use serde_norway::{Mapping, Value};
use std::collections::BTreeMap;

/// How translations sit among the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocsStructure {
    /// `fr/page.md` translates `page.md`.
    Folder,
    /// `page.fr.md` translates `page.md` (the plugin's default).
    Suffix,
}

#[derive(Debug, Clone, PartialEq)]
pub struct I18n {
    pub structure: DocsStructure,
    /// A page (or file) a language lacks is the default language's, in that language's
    /// folder (`fallback_to_default`).
    pub fallback: bool,
    /// The header's language menu lists the languages, each leading to the same page in
    /// that language (`reconfigure_material`).
    pub switcher: bool,
    /// In the plugin's order; the default language is built first.
    pub languages: Vec<Language>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// `en`, `pt-BR`, `zh_TW`; `null` for a switcher entry that is never built.
    pub locale: String,
    pub name: String,
    pub default: bool,
    pub build: bool,
    /// Where the language's site is written, relative to the site: `` for the default
    /// language, `fr/` for the others (`link`).
    pub folder: String,
    /// The switcher's address for this language, instead of its folder (`fixed_link`).
    pub fixed_link: Option<String>,
    /// The language's own navigation (`nav`), with paths as in the default language's.
    pub nav: Option<Vec<NavEntry>>,
    /// Titles of the shared navigation in this language (`nav_translations`).
    pub nav_translations: BTreeMap<String, String>,
    /// Titles of boxes written without one, by their type (`admonition_translations`).
    pub admonition_translations: BTreeMap<String, String>,
    pub site_name: Option<String>,
    pub site_description: Option<String>,
    pub copyright: Option<String>,
    /// The language of the theme's words and of search, when not the locale
    /// (`theme.language`).
    pub theme_language: Option<String>,
    /// Values of the project's `extra` this language has of its own (`extra`).
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What one language's site of a translated project knows of the others: its links are
/// written from the pages' own files (`fr/guide.md`), and its language menu leads to the
/// same page in the other languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Translations {
    /// The project's languages.
    pub i18n: I18n,
    /// The language being built, as configured (`zh_TW`).
    pub locale: String,
    /// The folder of the language being built (`fr/`).
    pub folder: String,
    /// Every language built, the default first.
    pub sites: std::sync::Arc<[TranslatedSite]>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TranslatedSite {
    /// Its language as HTML names it (`zh-TW`, see [`Language::tag`]).
    pub tag: String,
    pub folder: String,
    /// The paths of its pages in its site (`guide/setup.md`).
    pub pages: std::collections::HashSet<String>,
}

/// The options of a language Waymark applies; any other is named in a warning.
const LANGUAGE_OPTIONS: &[&str] = &[
    "locale",
    "name",
    "default",
    "build",
    "link",
    "fixed_link",
    "nav",
    "nav_translations",
    "admonition_translations",
    "extra",
    "site_name",
    "site_description",
    "copyright",
];

/// The plugin's own options Waymark applies (`reconfigure_search` has nothing to do:
/// each language has its own index with its own stemming anyway).
const OPTIONS: &[&str] = &[
    "docs_structure",
    "fallback_to_default",
    "reconfigure_material",
    "reconfigure_search",
    "languages",
];

/// Reads the plugin's options; `nav` reads a language's navigation. Returns the settings
/// (none when no language is configured) and the problems, each a sentence.
pub fn read(
    options: &Mapping,
    nav: &mut dyn FnMut(&[Value]) -> Vec<NavEntry>,
) -> (Option<I18n>, Vec<String>) {
    let mut problems = Vec::new();
    let unread: Vec<&str> = options
        .keys()
        .filter_map(Value::as_str)
        .filter(|key| !OPTIONS.contains(key) && *key != "enabled")
        .collect();
    if !unread.is_empty() {
        problems.push(format!(
            "the options `{}` are not applied",
            unread.join("`, `")
        ));
    }
    let flag =
        |key: &str, default: bool| options.get(key).and_then(Value::as_bool).unwrap_or(default);
    let structure = match options.get("docs_structure").and_then(Value::as_str) {
        Some("folder") => DocsStructure::Folder,
        _ => DocsStructure::Suffix,
    };
    let mut languages = Vec::new();
    for entry in options
        .get("languages")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_string);
        let Some(locale) = text("locale") else {
            problems.push("a language without `locale` is left out".to_string());
            continue;
        };
        let default = entry.get("default").and_then(Value::as_bool) == Some(true);
        let folder = match text("link") {
            Some(link) => link.trim_matches('/').to_string(),
            None if default => String::new(),
            None => locale.clone(),
        };
        if !is_folder_of_the_site(&folder) {
            problems.push(format!(
                "language `{locale}` is left out: its folder `{folder}` (its `link`, or else its locale) must be a folder of the site, such as `/fr/`"
            ));
            continue;
        }
        let mut unread: Vec<String> = entry
            .as_mapping()
            .into_iter()
            .flat_map(|m| m.keys())
            .filter_map(Value::as_str)
            .filter(|key| !LANGUAGE_OPTIONS.contains(key) && *key != "theme")
            .map(str::to_string)
            .collect();
        // Of its theme settings, the theme's language is applied.
        let theme = entry.get("theme").and_then(Value::as_mapping);
        unread.extend(
            theme
                .into_iter()
                .flat_map(|t| t.keys())
                .filter_map(Value::as_str)
                .filter(|key| *key != "language")
                .map(|key| format!("theme.{key}")),
        );
        if !unread.is_empty() {
            problems.push(format!(
                "the options `{}` of language `{locale}` are not applied",
                unread.join("`, `")
            ));
        }
        languages.push(Language {
            name: text("name").unwrap_or_else(|| locale.clone()),
            build: locale != "null" && entry.get("build").and_then(Value::as_bool) != Some(false),
            folder: if folder.is_empty() {
                folder
            } else {
                format!("{folder}/")
            },
            fixed_link: text("fixed_link"),
            nav: entry
                .get("nav")
                .and_then(Value::as_sequence)
                .map(|items| nav(items)),
            nav_translations: texts(entry.get("nav_translations")).collect(),
            // The plugin matches the type words whatever their case.
            admonition_translations: texts(entry.get("admonition_translations"))
                .map(|(kind, title)| (kind.to_lowercase(), title))
                .collect(),
            extra: entry
                .get("extra")
                .and_then(|extra| serde_json::to_value(extra).ok())
                .and_then(|extra| match extra {
                    serde_json::Value::Object(map) => Some(map),
                    _ => None,
                })
                .unwrap_or_default(),
            theme_language: theme
                .and_then(|t| t.get("language"))
                .and_then(Value::as_str)
                .map(str::to_string),
            site_name: text("site_name"),
            site_description: text("site_description"),
            copyright: text("copyright"),
            locale,
            default,
        });
    }
    if languages.is_empty() {
        return (None, problems);
    }
    if !languages.iter().any(|l| l.default) {
        problems
            .push("no language is `default: true`; the first is taken as the default".to_string());
        languages[0].default = true;
        languages[0].folder.clear();
    }
    // The default language first: it is built first and stands in for the others.
    languages.sort_by_key(|language| !language.default);
    let i18n = I18n {
        structure,
        fallback: flag("fallback_to_default", true),
        switcher: flag("reconfigure_material", true),
        languages,
    };
    (Some(i18n), problems)
}

/// Whether `folder` (`fr`, `docs/fr`, `` for the root) names a folder inside the site:
/// its parts plain names, never `..`.
fn is_folder_of_the_site(folder: &str) -> bool {
    folder.is_empty()
        || folder.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_.".contains(c))
        })
}

/// The text values of a mapping (`{Home: Accueil}`), by their text keys.
fn texts(mapping: Option<&Value>) -> impl Iterator<Item = (String, String)> + '_ {
    mapping
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
}

impl Translations {
    /// The path in this language's site of the content file at `path` (`fr/guide.md` is
    /// the French site's `guide.md`, and so is the default language's `guide.md`); a file
    /// of another language keeps its path, which names nothing in this site.
    pub fn in_site(&self, path: String) -> String {
        let (locale, in_site) = self.i18n.language_of(&path);
        if locale == self.locale || locale == self.i18n.default_language().locale {
            in_site.into_owned()
        } else {
            path
        }
    }
}

impl Language {
    /// The language as HTML names it (`lang`, `hreflang`): the locale with `-` for the
    /// plugin's `_` (`zh_TW` is `zh-TW`).
    pub fn tag(&self) -> String {
        self.locale.replace('_', "-")
    }
}

impl I18n {
    /// The languages built, the default first.
    pub fn built(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter().filter(|l| l.build)
    }

    pub fn default_language(&self) -> &Language {
        self.languages
            .iter()
            .find(|l| l.default)
            .unwrap_or(&self.languages[0])
    }

    /// Which language a content file is written in, and the path it has in that
    /// language's site: `fr/guide.md` (or `guide.fr.md`) is `("fr", "guide.md")`. A file
    /// of no configured language is the default language's.
    pub fn language_of<'p>(&self, rel_path: &'p str) -> (&str, std::borrow::Cow<'p, str>) {
        let default = self.default_language().locale.as_str();
        let configured = || self.languages.iter().map(|l| l.locale.as_str());
        match self.structure {
            DocsStructure::Folder => rel_path
                .split_once('/')
                .and_then(|(first, rest)| {
                    configured()
                        .find(|locale| *locale == first)
                        .map(|l| (l, rest.into()))
                })
                .unwrap_or((default, rel_path.into())),
            DocsStructure::Suffix => {
                let (folder, name) = rel_path
                    .rsplit_once('/')
                    .map_or(("", rel_path), |(f, n)| (f, n));
                let mut parts = name.rsplitn(3, '.');
                let (Some(extension), Some(suffix), Some(stem)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    return (default, rel_path.into());
                };
                match configured().find(|locale| *locale == suffix) {
                    Some(locale) if folder.is_empty() => {
                        (locale, format!("{stem}.{extension}").into())
                    }
                    Some(locale) => (locale, format!("{folder}/{stem}.{extension}").into()),
                    None => (default, rel_path.into()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_yaml(text: &str) -> (Option<I18n>, Vec<String>) {
        let options: Mapping = serde_norway::from_str(text).unwrap();
        read(&options, &mut |items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(|path| NavEntry::Page {
                    path: path.into(),
                    title: None,
                })
                .collect()
        })
    }

    #[test]
    fn languages_are_read_with_the_default_first() {
        let (i18n, problems) = read_yaml(
            "docs_structure: folder\nlanguages:\n  - locale: fr\n    name: Français\n    nav: [index.md]\n    site_name: Guide\n    admonition_translations: {Note: Remarque}\n    extra: {x: 1}\n    theme: {language: fr-CA, palette: {primary: red}}\n  - locale: en\n    default: true\n    name: English\n  - locale: de\n    build: false\n    link: /deutsch/\n",
        );
        let i18n = i18n.unwrap();
        let summary: Vec<(&str, &str, bool)> = i18n
            .languages
            .iter()
            .map(|l| (l.locale.as_str(), l.folder.as_str(), l.build))
            .collect();
        assert_eq!(
            summary,
            [
                ("en", "", true),
                ("fr", "fr/", true),
                ("de", "deutsch/", false)
            ]
        );
        assert_eq!(i18n.languages[1].site_name.as_deref(), Some("Guide"));
        assert_eq!(i18n.languages[1].nav.as_ref().map(Vec::len), Some(1));
        assert_eq!(
            i18n.languages[1].admonition_translations["note"],
            "Remarque"
        );
        assert_eq!(i18n.languages[1].extra["x"], 1);
        assert_eq!(i18n.languages[1].theme_language.as_deref(), Some("fr-CA"));
        assert_eq!(
            problems,
            ["the options `theme.palette` of language `fr` are not applied"]
        );
    }

    #[test]
    fn a_language_is_never_written_outside_the_site() {
        let (i18n, problems) = read_yaml(
            "languages:\n  - {locale: en, default: true}\n  - {locale: fr, link: /../../etc/}\n  - {locale: ../x}\n  - {locale: de, link: /deutsch/v1/}\n",
        );
        let folders: Vec<String> = i18n
            .unwrap()
            .languages
            .into_iter()
            .map(|l| l.folder)
            .collect();
        assert_eq!(folders, ["", "deutsch/v1/"]);
        assert_eq!(
            problems,
            [
                "language `fr` is left out: its folder `../../etc` (its `link`, or else its locale) must be a folder of the site, such as `/fr/`",
                "language `../x` is left out: its folder `../x` (its `link`, or else its locale) must be a folder of the site, such as `/fr/`",
            ]
        );
    }

    #[test]
    fn a_file_s_language_comes_from_its_folder_or_its_suffix() {
        let (folder, _) = read_yaml(
            "docs_structure: folder\nlanguages:\n  - {locale: en, default: true}\n  - {locale: pt-BR}\n",
        );
        let folder = folder.unwrap();
        let of = |i18n: &I18n, path: &'static str| {
            let (locale, path) = i18n.language_of(path);
            (locale.to_string(), path.into_owned())
        };
        assert_eq!(
            of(&folder, "pt-BR/a/b.md"),
            ("pt-BR".into(), "a/b.md".into())
        );
        assert_eq!(
            of(&folder, "a/pt-BR/b.md"),
            ("en".into(), "a/pt-BR/b.md".into())
        );
        // A folder named like a locale that is not configured is the default language's.
        assert_eq!(of(&folder, "js/x.js"), ("en".into(), "js/x.js".into()));
        let (suffix, _) =
            read_yaml("languages:\n  - {locale: en, default: true}\n  - {locale: fr}\n");
        let suffix = suffix.unwrap();
        assert_eq!(
            of(&suffix, "a/page.fr.md"),
            ("fr".into(), "a/page.md".into())
        );
        assert_eq!(
            of(&suffix, "image.fr.png"),
            ("fr".into(), "image.png".into())
        );
        assert_eq!(of(&suffix, "page.md"), ("en".into(), "page.md".into()));
        assert_eq!(of(&suffix, "v1.2.md"), ("en".into(), "v1.2.md".into()));
    }
}
