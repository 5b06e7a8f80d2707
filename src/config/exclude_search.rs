//! The mkdocs-exclude-search plugin's options: pages left out of the search index.

use super::patterns::Fnmatch;
use serde_norway::{Mapping, Value};

/// Pages the search index leaves out (mkdocs-exclude-search).
#[derive(Debug, Clone)]
pub struct SearchExclude {
    /// The `exclude` entries naming pages or folders, matched as the plugin matches them
    /// against a page's path without `.md`.
    pages: Fnmatch,
    /// `exclude_unreferenced`: pages the navigation does not list (the home page stays).
    pub unreferenced: bool,
    /// `exclude_tags`: the tags page.
    pub tags: bool,
}

impl SearchExclude {
    /// Whether the page at `rel_path` is left out; `in_nav` says whether the navigation
    /// lists it.
    pub fn leaves_out(&self, rel_path: &str, in_nav: bool) -> bool {
        let stem = rel_path.strip_suffix(".md").unwrap_or(rel_path);
        let stem = stem.strip_suffix("/index").unwrap_or(stem);
        let home = stem == "index" || stem.is_empty();
        self.pages.matches(stem)
            || self.unreferenced && !in_nav && !home
            || self.tags && (stem == "tags" || stem.ends_with("/tags"))
    }
}

/// What Waymark could not follow of the plugin's options.
#[derive(Debug, Default, PartialEq)]
pub struct NotFollowed {
    /// Entries naming a section of a page (`page.md#heading`): the whole page stays in the
    /// index.
    pub sections: Vec<String>,
    /// Entries that are not valid patterns, with the reason.
    pub invalid: Vec<(String, String)>,
}

/// Reads the plugin's options, and what of them Waymark does not follow.
pub fn read(options: &Mapping) -> (SearchExclude, NotFollowed) {
    // One entry or a list, as the plugin takes them.
    let (sections, pages): (Vec<String>, Vec<String>) = super::strings(options.get("exclude"))
        .into_iter()
        .partition(|entry| entry.contains('#'));
    let stems = pages
        .iter()
        .map(|page| page.strip_suffix(".md").unwrap_or(page));
    let (pages, invalid) = Fnmatch::parse(stems);
    let flag = |key: &str| options.get(key).and_then(Value::as_bool).unwrap_or(false);
    let exclude = SearchExclude {
        pages,
        unreferenced: flag("exclude_unreferenced"),
        tags: flag("exclude_tags"),
    };
    (exclude, NotFollowed { sections, invalid })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_folders_and_unlisted_pages_are_left_out() {
        let options: Mapping = serde_norway::from_str(
            "exclude:\n  - data/operation_dulce/Operation Dulce v2 1 1.md\n  - drafts/*\n  - guide.md#secret\nexclude_unreferenced: true\n",
        )
        .unwrap();
        let (exclude, not_followed) = read(&options);
        assert_eq!(not_followed.sections, ["guide.md#secret"]);
        assert!(not_followed.invalid.is_empty());
        assert!(exclude.leaves_out("data/operation_dulce/Operation Dulce v2 1 1.md", true));
        assert!(
            exclude.leaves_out("drafts/deep/wip.md", true),
            "`*` crosses folders"
        );
        assert!(
            !exclude.leaves_out("guide.md", true),
            "a section is not the page"
        );
        assert!(exclude.leaves_out("orphan.md", false));
        assert!(
            !exclude.leaves_out("index.md", false),
            "the home page stays"
        );
        assert!(!exclude.leaves_out("tags.md", true));
        let (one, _) =
            read(&serde_norway::from_str("exclude: notes.md\nexclude_tags: true\n").unwrap());
        assert!(one.leaves_out("notes.md", true) && one.leaves_out("tags.md", true));
    }
}
