//! The mkdocs-jupyter plugin's options: which notebooks are pages, and what of them is
//! shown. Waymark renders a notebook from what is saved in it; it never runs one.

use super::extensions::MarkdownOptions;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_norway::{Mapping, Value};

/// Jupyter notebooks published as pages (mkdocs-jupyter).
#[derive(Debug, Clone)]
pub struct Notebooks {
    /// The plugin's `include` patterns (by default `*.ipynb` and `*.py`, jupytext scripts)
    /// less its `ignore` ones, matched as Python's `PurePath.match` does: from the right
    /// of the path.
    include: GlobSet,
    ignore: GlobSet,
    /// The page title is not taken from the notebook's first `#` heading.
    pub ignore_h1_titles: bool,
    /// The notebook file is published beside its page, which links to it.
    pub include_source: bool,
    /// Code cells' code is shown (`show_input`, and not `no_input`).
    pub show_input: bool,
    /// Cell tags that remove a cell, its code, or its outputs (nbconvert's
    /// `TagRemovePreprocessor`, as `remove_tag_config` names them).
    pub remove_cell_tags: Vec<String>,
    pub remove_input_tags: Vec<String>,
    pub remove_all_outputs_tags: Vec<String>,
    /// How the cells' Markdown is read: as Jupyter reads it (see
    /// [`MarkdownOptions::for_notebooks`]).
    pub markdown: MarkdownOptions,
}

/// The endings of notebook files: Jupyter's, and jupytext's Python scripts.
pub const EXTENSIONS: [&str; 2] = [".ipynb", ".py"];

/// Whether `rel_path` has a notebook's ending (whether it is a page depends on `include`
/// and `ignore` too).
pub fn has_notebook_extension(rel_path: &str) -> bool {
    EXTENSIONS
        .iter()
        .any(|extension| rel_path.ends_with(extension))
}

impl Notebooks {
    /// Whether the file at `rel_path` (in the docs folder) is a notebook page.
    pub fn is_notebook(&self, rel_path: &str) -> bool {
        has_notebook_extension(rel_path)
            && self.include.is_match(rel_path)
            && !self.ignore.is_match(rel_path)
    }
}

/// The options Waymark applies, or that change nothing in a site it builds (`cache`,
/// `cache_dir`: nothing is run, so nothing is cached; `no_prompt`: prompts are never
/// shown; `allow_errors`: saved errors are shown as they are).
const APPLIED: &[&str] = &[
    "enabled",
    "include",
    "ignore",
    "ignore_h1_titles",
    "include_source",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "allow_errors",
    "cache",
    "cache_dir",
    "execute_ignore",
];

/// Reads the plugin's options, in a project whose pages are read with `markdown`; also
/// returns the patterns that are not valid globs and the options Waymark does not apply
/// (`execute`, when on, among them).
pub fn read(
    options: &Mapping,
    markdown: &MarkdownOptions,
) -> (Notebooks, Vec<String>, Vec<String>) {
    let flag =
        |key: &str, default: bool| options.get(key).and_then(Value::as_bool).unwrap_or(default);
    let mut invalid = Vec::new();
    let include = match options.get("include") {
        Some(patterns) => super::strings(Some(patterns)),
        None => EXTENSIONS.map(|extension| format!("*{extension}")).to_vec(),
    };
    let tag_config = options.get("remove_tag_config");
    let tags = |key: &str| super::strings(tag_config.and_then(|config| config.get(key)));
    let notebooks = Notebooks {
        include: glob_set(&include, &mut invalid),
        ignore: glob_set(&super::strings(options.get("ignore")), &mut invalid),
        ignore_h1_titles: flag("ignore_h1_titles", false),
        include_source: flag("include_source", false),
        show_input: flag("show_input", true) && !flag("no_input", false),
        remove_cell_tags: tags("remove_cell_tags"),
        remove_input_tags: tags("remove_input_tags"),
        remove_all_outputs_tags: tags("remove_all_outputs_tags"),
        markdown: markdown.for_notebooks(),
    };
    let mut unapplied: Vec<String> = super::extensions::unknown_keys(options, APPLIED);
    unapplied.retain(|key| key != "execute" || flag("execute", false));
    (notebooks, invalid, unapplied)
}

/// The patterns as one set, each matched from the right of a path, as `PurePath.match`
/// matches a relative pattern (`*` stays within one folder name).
fn glob_set(patterns: &[String], invalid: &mut Vec<String>) -> GlobSet {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let anchored = match pattern.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("{{{pattern},**/{pattern}}}"),
        };
        match GlobBuilder::new(&anchored).literal_separator(true).build() {
            Ok(glob) => {
                set.add(glob);
            }
            Err(err) => invalid.push(format!("`{pattern}`: {}", err.kind())),
        }
    }
    set.build().unwrap_or_else(|_| GlobSet::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_default(options: &Mapping) -> (Notebooks, Vec<String>, Vec<String>) {
        read(options, &MarkdownOptions::default())
    }

    fn options(yaml: &str) -> Mapping {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn patterns_match_from_the_right_of_the_path() {
        let (notebooks, invalid, _) = read_default(&options(
            "include: ['*.ipynb']\nignore: ['drafts/*.ipynb']\n",
        ));
        assert!(invalid.is_empty());
        assert!(notebooks.is_notebook("intro.ipynb"));
        assert!(notebooks.is_notebook("guide/deep/intro.ipynb"));
        assert!(!notebooks.is_notebook("drafts/wip.ipynb"));
        assert!(!notebooks.is_notebook("guide/drafts/wip.ipynb"));
        assert!(
            !notebooks.is_notebook("script.py"),
            "only notebooks are read"
        );
    }

    #[test]
    fn defaults_and_options_not_applied() {
        let (notebooks, _, unapplied) = read_default(&Mapping::new());
        assert!(notebooks.is_notebook("a/b.ipynb"));
        assert!(
            notebooks.is_notebook("a/b.py"),
            "jupytext scripts too, by default"
        );
        assert!(notebooks.show_input && !notebooks.include_source);
        assert!(unapplied.is_empty());
        let (notebooks, _, unapplied) = read_default(&options(
            "execute: true\nno_input: true\ntheme: dark\nremove_tag_config:\n  remove_input_tags: [hide-input]\n",
        ));
        assert!(!notebooks.show_input);
        assert_eq!(notebooks.remove_input_tags, ["hide-input"]);
        assert_eq!(unapplied, ["execute", "theme"]);
        let (_, _, unapplied) = read_default(&options("execute: false\n"));
        assert!(unapplied.is_empty(), "{unapplied:?}");
    }
}
