//! Reads a Zensical project's `zensical.toml`. Its `[project]` table holds the settings
//! of an mkdocs.yml, written in TOML, so they are turned into those settings and read as
//! an mkdocs.yml is ([`super::mkdocs`]). Where Zensical reads them otherwise, its rules
//! are applied first (`_apply_defaults` in Zensical 0.0.73's `config.py`):
//! - without `markdown_extensions`, the extensions Zensical enables by default;
//! - `toc`, `tables` and `pymdownx.superfences` always;
//! - `pymdownx`, `pymdownx.blocks` and `zensical.extensions` tables nested by the dots of
//!   the extensions' names (`[project.markdown_extensions.pymdownx.highlight]`);
//! - slug functions named as `{ object = "…", kwds = { … } }`;
//! - the search plugin always, unless it is switched off.

use crate::diag::{Diagnostic, Diagnostics, Location};
use serde_norway::{Mapping, Value};
use std::path::Path;

/// The configuration file of a Zensical project.
pub const FILE: &str = "zensical.toml";

/// The extensions Zensical enables when `markdown_extensions` is not set, as its
/// documentation writes them (the emoji functions and the mermaid fence, which Waymark
/// has built in, left out).
const DEFAULT_EXTENSIONS: &str = r#"
[abbr]
[admonition]
[attr_list]
[def_list]
[footnotes]
[md_in_html]
[toc]
permalink = true
[pymdownx.arithmatex]
generic = true
[pymdownx.betterem]
[pymdownx.caret]
[pymdownx.details]
[pymdownx.emoji]
[pymdownx.highlight]
anchor_linenums = true
line_spans = "__span"
pygments_lang_class = true
[pymdownx.inlinehilite]
[pymdownx.keys]
[pymdownx.magiclink]
[pymdownx.mark]
[pymdownx.smartsymbols]
[pymdownx.superfences]
[pymdownx.tabbed]
alternate_style = true
combine_header_slug = true
[pymdownx.tasklist]
custom_checkbox = true
[pymdownx.tilde]
"#;

/// Whether `text`, a TOML file named on the command line, is a zensical.toml: its
/// settings are in a `[project]` table, where a book.toml has `[book]`.
pub fn is_zensical(text: &str) -> bool {
    toml::from_str::<toml::Table>(text)
        .is_ok_and(|table| table.contains_key("project") && !table.contains_key("book"))
}

/// Reads the zensical.toml `text` (the file `file` of `project_dir`).
pub fn parse(text: &str, file: &Path, project_dir: &Path) -> Result<super::Config, Diagnostics> {
    let name = crate::diag::display_path(file, project_dir);
    let mut table: toml::Table = toml::from_str(text).map_err(|err| {
        let mut diagnostic = Diagnostic::error(format!(
            "{} is not valid TOML: {}",
            name.display(),
            err.message().trim()
        ))
        .in_file(&name);
        if let Some(span) = err.span() {
            diagnostic = diagnostic.at(Location::in_text(text, span.start, span.len()));
        }
        let mut problems = Diagnostics::new();
        problems.push(diagnostic);
        problems
    })?;
    // Zensical reads the whole file when it has no `[project]` table.
    let project = match table.remove("project") {
        Some(toml::Value::Table(project)) => project,
        _ => table,
    };
    super::mkdocs::from_settings(mkdocs_settings(project), text, file, project_dir)
}

/// The mkdocs.yml settings that the `[project]` table stands for.
fn mkdocs_settings(project: toml::Table) -> Mapping {
    let mut settings = match serde_norway::to_value(project) {
        Ok(Value::Mapping(settings)) => settings,
        _ => Mapping::new(),
    };
    let extensions = match settings.remove("markdown_extensions") {
        Some(extensions) => extensions,
        None => toml::from_str::<toml::Table>(DEFAULT_EXTENSIONS)
            .ok()
            .and_then(|defaults| serde_norway::to_value(defaults).ok())
            .unwrap_or_default(),
    };
    let (extensions, plugins) = extension_list(extensions);
    settings.insert("markdown_extensions".into(), extensions);
    let plugins = with_plugins(settings.remove("plugins"), plugins);
    settings.insert("plugins".into(), plugins);
    settings
}

/// `markdown_extensions` as mkdocs.yml lists them (`- name` or `- name: {options}`), from
/// a table of tables nested by the dots of their names or a list; and, apart, Zensical's
/// own extensions (`zensical.extensions.macros`), which do the jobs of the MkDocs plugins
/// of their names, with their options.
fn extension_list(extensions: Value) -> (Value, Vec<(String, Value)>) {
    let mut entries: Vec<(String, Value)> = Vec::new();
    match extensions {
        Value::Mapping(table) => {
            for (name, options) in table {
                let name = crate::yaml::key_text(&name);
                match name.as_str() {
                    // Only `pymdownx.blocks` and `zensical.extensions` nest one level more.
                    "pymdownx" | "zensical" => {
                        let nested = if name == "pymdownx" {
                            "blocks"
                        } else {
                            "extensions"
                        };
                        for (inner, options) in into_mapping(options) {
                            let inner = crate::yaml::key_text(&inner);
                            if inner == nested {
                                for (last, options) in into_mapping(options) {
                                    let last = crate::yaml::key_text(&last);
                                    entries.push((format!("{name}.{inner}.{last}"), options));
                                }
                            } else {
                                entries.push((format!("{name}.{inner}"), options));
                            }
                        }
                    }
                    _ => entries.push((name, options)),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                match item {
                    Value::String(name) => entries.push((name, Value::Null)),
                    Value::Mapping(map) => entries.extend(
                        map.into_iter()
                            .take(1)
                            .map(|(name, options)| (crate::yaml::key_text(&name), options)),
                    ),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    for always in ["toc", "tables", "pymdownx.superfences"] {
        if !entries.iter().any(|(name, _)| name == always) {
            entries.push((always.to_string(), Value::Null));
        }
    }
    let (plugins, entries): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|(name, _)| plugin_named_by(name).is_some());
    let plugins = plugins
        .into_iter()
        .filter_map(|(name, options)| Some((plugin_named_by(&name)?, options)))
        .collect();
    let list = entries
        .into_iter()
        .map(|(name, mut options)| {
            if let Value::Mapping(options) = &mut options {
                if let Some(slugify) = options.get_mut("slugify") {
                    *slugify = python_call(std::mem::take(slugify));
                }
            }
            let mut entry = Mapping::new();
            entry.insert(name.into(), options);
            Value::Mapping(entry)
        })
        .collect();
    (Value::Sequence(list), plugins)
}

/// The prefix of the extensions that stand for MkDocs plugins.
const ZENSICAL_EXTENSIONS: &str = "zensical.extensions.";

/// The MkDocs plugin that Zensical's extension `extension` stands for, if it is one:
/// `zensical.extensions.include_markdown` is the `include-markdown` plugin. Zensical reads
/// them from an mkdocs.yml's `markdown_extensions` too.
pub(super) fn plugin_named_by(extension: &str) -> Option<String> {
    let name = extension.strip_prefix(ZENSICAL_EXTENSIONS)?;
    Some(name.replace('_', "-"))
}

/// How `plugin` is named as Zensical's extension, the inverse of [`plugin_named_by`].
pub(super) fn extension_naming(plugin: &str) -> String {
    format!("{ZENSICAL_EXTENSIONS}{}", plugin.replace('-', "_"))
}

fn into_mapping(value: Value) -> Mapping {
    match value {
        Value::Mapping(mapping) => mapping,
        _ => Mapping::new(),
    }
}

/// A slug function as zensical.toml names it, `{ object = "pymdownx.slugs.slugify", kwds
/// = { case = "lower" } }` (`object` defaults to that function) or by its name alone, as
/// the mkdocs.yml reader leaves a `!!python/object/apply:` tag.
fn python_call(setting: Value) -> Value {
    let (object, kwds) = match setting {
        Value::String(name) => (name, None),
        Value::Mapping(mut call) => (
            call.remove("object")
                .and_then(|o| o.as_str().map(str::to_string))
                .unwrap_or_else(|| "pymdownx.slugs.slugify".into()),
            call.remove("kwds"),
        ),
        other => return other,
    };
    let mut args = Mapping::new();
    if let Some(kwds) = kwds {
        args.insert("kwds".into(), kwds);
    }
    let mut named = Mapping::new();
    named.insert("python".into(), format!("object/apply:{object}").into());
    named.insert("args".into(), Value::Mapping(args));
    Value::Mapping(named)
}

/// `plugins` with `more` added, and Zensical's search where it is not named (Zensical
/// always has it; `enabled = false` switches it off). A plugin named twice keeps the
/// options `plugins` gives it.
fn with_plugins(plugins: Option<Value>, more: Vec<(String, Value)>) -> Value {
    let mut plugins = match plugins {
        Some(Value::Mapping(table)) => table,
        Some(Value::Sequence(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(name) => Some((Value::String(name), Value::Null)),
                Value::Mapping(map) => map.into_iter().next(),
                _ => None,
            })
            .collect(),
        _ => Mapping::new(),
    };
    for (name, options) in more
        .into_iter()
        .chain([("search".to_string(), Value::Null)])
    {
        if !plugins.contains_key(name.as_str()) {
            plugins.insert(name.into(), options);
        }
    }
    Value::Mapping(plugins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Mapping {
        mkdocs_settings(toml::from_str(toml).unwrap())
    }

    fn extension_names(settings: &Mapping) -> Vec<String> {
        let mut names: Vec<String> = settings["markdown_extensions"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|entry| {
                let (name, _) = entry.as_mapping().unwrap().iter().next().unwrap();
                name.as_str().unwrap().to_string()
            })
            .collect();
        names.sort();
        names
    }

    fn options<'s>(settings: &'s Mapping, extension: &str) -> &'s Value {
        settings["markdown_extensions"]
            .as_sequence()
            .unwrap()
            .iter()
            .find_map(|entry| entry.get(extension))
            .unwrap()
    }

    #[test]
    fn nested_extension_tables_are_named_by_their_dots() {
        let read = settings(
            "[markdown_extensions.admonition]\n\
             [markdown_extensions.pymdownx.highlight]\nanchor_linenums = true\n\
             [markdown_extensions.pymdownx.blocks.caption]\n\
             [markdown_extensions.zensical.extensions.glightbox]\n\
             [markdown_extensions.zensical.extensions.include_markdown]\n",
        );
        assert_eq!(
            extension_names(&read),
            [
                "admonition",
                "pymdownx.blocks.caption",
                "pymdownx.highlight",
                "pymdownx.superfences",
                "tables",
                "toc",
            ]
        );
        // Zensical's own extensions are the MkDocs plugins of their names.
        let plugins = read["plugins"].as_mapping().unwrap();
        assert!(plugins.contains_key("glightbox"));
        assert!(plugins.contains_key("include-markdown"));
        assert_eq!(
            options(&read, "pymdownx.highlight")["anchor_linenums"],
            Value::Bool(true)
        );
    }

    #[test]
    fn without_markdown_extensions_zensical_defaults_apply() {
        let read = settings("site_name = \"S\"\n");
        let names = extension_names(&read);
        for expected in [
            "pymdownx.keys",
            "pymdownx.tasklist",
            "md_in_html",
            "toc",
            "tables",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
        }
        assert_eq!(options(&read, "toc")["permalink"], Value::Bool(true));
        // An empty table switches them off, leaving what Zensical always adds.
        let none = settings("markdown_extensions = {}\n");
        assert_eq!(
            extension_names(&none),
            ["pymdownx.superfences", "tables", "toc"]
        );
    }

    #[test]
    fn a_list_of_extensions_is_read_as_mkdocs_yml_lists_them() {
        let read = settings(
            "markdown_extensions = [\"admonition\", { \"pymdownx.tabbed\" = { alternate_style = true } }]\n",
        );
        assert_eq!(
            extension_names(&read),
            [
                "admonition",
                "pymdownx.superfences",
                "pymdownx.tabbed",
                "tables",
                "toc"
            ]
        );
        assert_eq!(
            options(&read, "pymdownx.tabbed")["alternate_style"],
            Value::Bool(true)
        );
    }

    #[test]
    fn slug_functions_become_the_calls_mkdocs_yml_tags_give() {
        let read = settings(
            "[markdown_extensions.toc]\nslugify = { object = \"pymdownx.slugs.slugify\", kwds = { case = \"lower\" } }\n\
             [markdown_extensions.pymdownx.tabbed]\nslugify = {}\n",
        );
        let toc = &options(&read, "toc")["slugify"];
        assert_eq!(toc["python"], "object/apply:pymdownx.slugs.slugify");
        assert_eq!(toc["args"]["kwds"]["case"], "lower");
        let tabbed = &options(&read, "pymdownx.tabbed")["slugify"];
        assert_eq!(tabbed["python"], "object/apply:pymdownx.slugs.slugify");
    }

    #[test]
    fn search_is_on_unless_switched_off() {
        let plugin_names = |settings: &Mapping| -> Vec<String> {
            let plugins = settings["plugins"].as_mapping().unwrap();
            plugins.keys().map(crate::yaml::key_text).collect()
        };
        assert_eq!(plugin_names(&settings("")), ["search"]);
        assert_eq!(
            plugin_names(&settings("[plugins.tags]\n")),
            ["tags", "search"]
        );
        assert_eq!(
            plugin_names(&settings("plugins = [\"tags\", { search = {} }]\n")),
            ["tags", "search"]
        );
        let off = settings("[plugins.search]\nenabled = false\n");
        assert_eq!(off["plugins"]["search"]["enabled"], Value::Bool(false));
    }

    #[test]
    fn only_a_table_with_project_is_a_zensical_toml() {
        assert!(is_zensical("[project]\nsite_name = \"S\"\n"));
        assert!(!is_zensical("[book]\ntitle = \"T\"\n"));
        assert!(!is_zensical("not toml ["));
    }
}
