//! Material's meta plugin: a `.meta.yml` file gives front-matter to every page in its
//! folder and below. Nearer files win over farther ones and a page's own front-matter
//! over all; lists are appended to and mappings merged, as the plugin does. The content
//! walk skips hidden files, so the files are read here.

use super::frontmatter::{self, Split};
use super::Source;
use crate::config::Config;
use crate::diag::{display_path, Diagnostic};
use rayon::prelude::*;
use serde_norway::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The folder of a path (`a/b.md` -> `a`, `b.md` -> ``).
fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `over` merged into `base`: lists appended to (without repeats), mappings merged,
/// anything else replaced.
fn merge(base: &mut Mapping, over: Mapping) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Sequence(items)), Value::Sequence(more)) => {
                for item in more {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
            }
            (Some(Value::Mapping(inner)), Value::Mapping(more)) => merge(inner, more),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// One meta file's mapping, its problems located in the file itself.
fn read(config: &Config, folder: &str, name: &str) -> Option<(Mapping, Vec<Diagnostic>)> {
    let path = config.src_dir.join(folder).join(name);
    let text = std::fs::read_to_string(&path).ok()?;
    let whole = Split {
        yaml: 0..text.len(),
        yaml_line: 1,
        body: text.len(),
    };
    // Read as front-matter, for its checks (types, near-miss keys).
    let (_, problems) = frontmatter::parse(&text, &whole);
    let shown = display_path(&path, &config.project_dir);
    let problems = problems.into_iter().map(|p| p.in_file(&shown)).collect();
    let mapping = match crate::yaml::parse(&text).map(|parsed| parsed.value) {
        Ok(Value::Mapping(mapping)) => mapping,
        _ => Mapping::new(),
    };
    Some((mapping, problems))
}

/// Gives `sources` the front-matter of the meta files above them, when the meta plugin
/// is on. Returns the meta files' problems.
pub fn apply(config: &Config, sources: &mut [Source]) -> Vec<Diagnostic> {
    let Some(name) = config.material.meta_file.as_deref() else {
        return Vec::new();
    };
    // Every folder holding a page, and the folders above it; sorted, so a folder comes
    // after the folders above it.
    let mut folders = BTreeSet::new();
    for source in sources.iter() {
        let mut folder = folder_of(&source.rel_path);
        while folders.insert(folder.to_string()) && !folder.is_empty() {
            folder = folder_of(folder);
        }
    }
    let mut problems = Vec::new();
    let mut defaults: BTreeMap<String, Mapping> = BTreeMap::new();
    for folder in folders {
        let mut merged = match folder.as_str() {
            "" => Mapping::new(),
            _ => defaults[folder_of(&folder)].clone(),
        };
        if let Some((own, own_problems)) = read(config, &folder, name) {
            problems.extend(own_problems);
            merge(&mut merged, own);
        }
        defaults.insert(folder, merged);
    }
    sources.par_iter_mut().for_each(|source| {
        let given = &defaults[folder_of(&source.rel_path)];
        if given.is_empty() {
            return;
        }
        let Ok(split) = frontmatter::split(&source.text) else {
            return;
        };
        let own =
            match crate::yaml::parse(&source.text[split.yaml.clone()]).map(|parsed| parsed.value) {
                Ok(Value::Mapping(own)) => own,
                Ok(Value::Null) => Mapping::new(),
                // The page's own problems are reported where it is read.
                _ => return,
            };
        let mut merged = given.clone();
        merge(&mut merged, own);
        source.front = frontmatter::from_mapping(merged, &source.text, &split, Vec::new()).0;
    });
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_appended_to_and_mappings_merged() {
        let yaml = |text: &str| match crate::yaml::parse(text).map(|parsed| parsed.value) {
            Ok(Value::Mapping(mapping)) => mapping,
            _ => panic!("{text}"),
        };
        let mut base = yaml("tags: [a, b]\nsearch: {boost: 2}\ntitle: Folder\n");
        merge(
            &mut base,
            yaml("tags: [b, c]\nsearch: {exclude: true}\ntitle: Page\n"),
        );
        assert_eq!(
            base,
            yaml("tags: [a, b, c]\nsearch: {boost: 2, exclude: true}\ntitle: Page\n")
        );
    }
}
