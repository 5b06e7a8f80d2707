//! Link reference definitions (`[label]: https://...`) as the block pass sees them: found
//! once per page, so that duplicates can be reported (Python-Markdown uses the last,
//! CommonMark the first) and admonition titles and tab labels, which are rendered on their
//! own, can use the page's references.

use super::indent::{self, Fence};
use super::source_map::{At, SrcLine};
use std::collections::{HashMap, HashSet};

/// One definition line.
#[derive(Debug, Clone)]
pub struct Definition {
    pub at: At,
    pub len: usize,
    /// The line as written, without indentation.
    pub text: String,
}

impl Definition {
    /// What the definition points at: its text after `]:`.
    fn target(&self) -> &str {
        self.text
            .split_once("]:")
            .map_or("", |(_, target)| target.trim())
    }
}

/// The page's definitions by normalised label, in page order.
#[derive(Debug, Default)]
pub struct References {
    by_label: HashMap<String, Vec<Definition>>,
}

/// The label a definition line defines (`[Label]: dest`), normalised.
pub fn label(rest: &str) -> Option<String> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let label = &inner[..close];
    let dest = inner[close + 1..].strip_prefix(':')?;
    if label.trim().is_empty() || label.starts_with('^') || !is_destination(dest.trim()) {
        return None;
    }
    Some(normalise(label))
}

/// Whether `text` is a definition's destination and optional title: `url`, `<url>`, then
/// nothing or a title in quotes or parentheses. `[words]: more words` in a paragraph is
/// text, for Python-Markdown and CommonMark alike.
fn is_destination(text: &str) -> bool {
    let rest = match text.strip_prefix('<') {
        Some(bracketed) => match bracketed.split_once('>') {
            Some((_, rest)) => rest,
            None => return false,
        },
        None => text.trim_start_matches(|c: char| !c.is_whitespace()),
    };
    if text.is_empty() {
        return false;
    }
    let title = rest.trim();
    title.is_empty()
        || [('"', '"'), ('\'', '\''), ('(', ')')]
            .iter()
            .any(|&(open, close)| {
                title.len() >= 2 && title.starts_with(open) && title.ends_with(close)
            })
}

/// Labels match case-insensitively with runs of whitespace as one space.
fn normalise(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl References {
    /// Finds the definitions in `lines`, outside fenced code.
    pub fn find(lines: &[SrcLine]) -> References {
        let mut references = References::default();
        let mut fence: Option<Fence> = None;
        for line in lines {
            let text = indent::content(&line.text);
            if let Some(open) = fence {
                if indent::fence_closes(text, open) {
                    fence = None;
                }
                continue;
            }
            fence = indent::fence_open(text);
            let rest = text.trim_start();
            if !rest.starts_with('[') {
                continue;
            }
            if let Some(label) = label(rest) {
                let indentation = text.len() - rest.len();
                references
                    .by_label
                    .entry(label)
                    .or_default()
                    .push(Definition {
                        at: line.at.shifted(indentation),
                        len: rest.trim_end().len(),
                        text: rest.trim_end().to_string(),
                    });
            }
        }
        references
    }

    pub fn defines(&self, label: &str) -> bool {
        !self.by_label.is_empty() && self.by_label.contains_key(&normalise(label))
    }

    /// Labels defined more than once with different targets (a glossary appended to every
    /// page may repeat a page's own definition), each with its definitions in page order.
    pub fn conflicts(&self) -> impl Iterator<Item = (&str, &[Definition])> {
        self.duplicates().filter(|(_, definitions)| {
            definitions
                .iter()
                .any(|d| d.target() != definitions[0].target())
        })
    }

    /// The conflicting definitions of labels the page refers to (`[label]`, `[text][label]`
    /// outside the definitions), in `lines`: where the choice of definition shows. Many
    /// `[//]: # "…"` lines, Markdown's idiom for a comment, refer to nothing.
    pub fn used_conflicts<'s>(&'s self, lines: &[SrcLine]) -> Vec<(&'s str, &'s [Definition])> {
        let conflicts: Vec<_> = self.conflicts().collect();
        if conflicts.is_empty() {
            return conflicts;
        }
        let text: String = lines
            .iter()
            .map(|line| line.text.as_ref())
            .filter(|text| label(text.trim_start()).is_none())
            .collect::<String>()
            .to_lowercase();
        conflicts
            .into_iter()
            .filter(|(label, _)| text.contains(&format!("[{label}]")))
            .collect()
    }

    fn duplicates(&self) -> impl Iterator<Item = (&str, &[Definition])> {
        self.by_label
            .iter()
            .filter(|(_, definitions)| definitions.len() > 1)
            .map(|(label, definitions)| (label.as_str(), definitions.as_slice()))
    }

    /// Where each definition that a later one of the same label replaces ends (file, byte
    /// offset of its end: the same for the line however much it is dedented).
    pub fn replaced(&self) -> HashSet<(u32, usize)> {
        self.duplicates()
            .flat_map(|(_, definitions)| &definitions[..definitions.len() - 1])
            .map(|d| (d.at.file, d.at.offset + d.len))
            .collect()
    }

    /// `text` (a title or label rendered on its own) followed by the definitions of the
    /// labels it uses, so that `[text][label]` and `[label]` in it become links. The last
    /// definition of each label is used when `last_wins`, else the first.
    pub fn with_definitions(&self, text: &str, last_wins: bool) -> String {
        let mut out = text.to_string();
        if self.by_label.is_empty() || !text.contains(']') {
            return out;
        }
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            let Some(close) = after.find(']') else {
                break;
            };
            if let Some(definitions) = self.by_label.get(&normalise(&after[..close])) {
                let chosen = if last_wins {
                    definitions.last()
                } else {
                    definitions.first()
                };
                if let Some(definition) = chosen {
                    out.push_str("\n\n");
                    out.push_str(&definition.text);
                }
            }
            rest = &after[close..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_labels() {
        assert_eq!(label("[Site URL]: https://x.org"), Some("site url".into()));
        assert_eq!(label("[r]:x \"t\""), Some("r".into()));
        assert_eq!(label("[^1]: a footnote"), None);
        assert_eq!(label("[TOC]"), None);
        assert_eq!(label("[x]: "), None);
        assert_eq!(label("[a] [b]: c"), None);
    }
}
