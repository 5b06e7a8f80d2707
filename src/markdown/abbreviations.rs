//! Abbreviations: `*[HPC]: High Performance Computing` lines define a term for the page (the
//! block pass removes them); every whole-word, case-sensitive use of the term in the page's
//! text then becomes `<abbr title="...">`. Code, link URLs, raw HTML, image alt text and
//! heading ids are never touched.
//!
//! One Aho-Corasick automaton finds all terms in one pass over each text; automata are
//! shared between pages with the same terms (a glossary appended to every page).

use super::is_word;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Parses a definition line (without indentation): `*[TERM]: title`.
pub fn definition(rest: &str) -> Option<(String, String)> {
    let inner = rest.strip_prefix("*[")?;
    let close = inner.find("]:")?;
    let term = &inner[..close];
    if term.is_empty() || term.contains(['[', ']']) {
        return None;
    }
    let title = inner[close + 2..].trim();
    Some((term.to_string(), title.to_string()))
}

/// The terms of one page, ready for matching.
#[derive(Clone)]
pub struct Abbreviations {
    /// (term, escaped title), indexed by pattern id.
    terms: Arc<Vec<(String, String)>>,
    matcher: Arc<AhoCorasick>,
}

impl std::fmt::Debug for Abbreviations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.terms.iter()).finish()
    }
}

type Cache = Mutex<HashMap<u64, (Arc<Vec<(String, String)>>, Arc<AhoCorasick>)>>;

impl Abbreviations {
    /// The matcher for `definitions` in page order (a later definition of a term wins);
    /// `None` when there are none. An empty title removes a term.
    pub fn new(definitions: &[(String, String)]) -> Option<Abbreviations> {
        let mut by_term: HashMap<&str, &str> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for (term, title) in definitions {
            if by_term.insert(term, title).is_none() {
                order.push(term);
            }
        }
        let terms: Vec<(String, String)> = order
            .into_iter()
            .filter(|t| !by_term[t].is_empty())
            .map(|t| (t.to_string(), super::escape(by_term[t])))
            .collect();
        if terms.is_empty() {
            return None;
        }
        let mut hasher = DefaultHasher::new();
        terms.hash(&mut hasher);
        let key = hasher.finish();
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        if let Some((cached_terms, matcher)) = cache.lock().ok().and_then(|c| c.get(&key).cloned())
        {
            if *cached_terms == terms {
                return Some(Abbreviations {
                    terms: cached_terms,
                    matcher,
                });
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(terms.iter().map(|(t, _)| t))
            .ok()?;
        let entry = (Arc::new(terms), Arc::new(matcher));
        if let Ok(mut cache) = cache.lock() {
            if cache.len() > 256 {
                cache.clear();
            }
            cache.insert(key, entry.clone());
        }
        Some(Abbreviations {
            terms: entry.0,
            matcher: entry.1,
        })
    }

    /// Appends `text` to `out` as HTML, with every whole-word use of a term wrapped in
    /// `<abbr>`. Returns false (and appends nothing) when no term occurs.
    pub fn wrap(&self, text: &str, out: &mut String) -> bool {
        let mut pos = 0;
        let mut copied = 0;
        let mut any = false;
        while pos < text.len() {
            let Some(found) = self.matcher.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            let (start, end) = (found.start(), found.end());
            if whole_word(text, start, end) {
                if !any {
                    any = true;
                }
                push_escaped(out, &text[copied..start]);
                let (term, title) = &self.terms[found.pattern().as_usize()];
                out.push_str("<abbr title=\"");
                out.push_str(title);
                out.push_str("\">");
                push_escaped(out, term);
                out.push_str("</abbr>");
                copied = end;
                pos = end;
            } else {
                pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if any {
            push_escaped(out, &text[copied..]);
        }
        any
    }
}

/// Python's `\bTERM\b`: no word character right outside a term's word-character ends.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let term = &text[start..end];
    let first_is_word = term.chars().next().is_some_and(is_word);
    let last_is_word = term.chars().next_back().is_some_and(is_word);
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !(first_is_word && before.is_some_and(is_word) || last_is_word && after.is_some_and(is_word))
}

fn push_escaped(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html_body_text(&mut *out, text)
        .expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_definitions() {
        assert_eq!(
            definition("*[HPC]: High Performance Computing"),
            Some(("HPC".into(), "High Performance Computing".into()))
        );
        assert_eq!(definition("*[]: x"), None);
        assert_eq!(definition("*[HPC] x"), None);
    }

    #[test]
    fn wraps_whole_words_only_case_sensitively() {
        let abbr = Abbreviations::new(&defs(&[
            ("HPC", "High <Performance> Computing"),
            ("HPC cluster", "A cluster"),
            ("C++", "A language"),
        ]))
        .unwrap();
        let mut out = String::new();
        assert!(abbr.wrap("HPC, HPCs, hpc, the HPC cluster & C++.", &mut out));
        assert_eq!(
            out,
            "<abbr title=\"High &lt;Performance&gt; Computing\">HPC</abbr>, HPCs, hpc, the <abbr title=\"A cluster\">HPC cluster</abbr> &amp; <abbr title=\"A language\">C++</abbr>."
        );
        let mut out = String::new();
        assert!(!abbr.wrap("nothing here", &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn later_definitions_win_and_empty_ones_remove() {
        let abbr = Abbreviations::new(&defs(&[
            ("A", "first"),
            ("A", "second"),
            ("B", "b"),
            ("B", ""),
        ]))
        .unwrap();
        let mut out = String::new();
        abbr.wrap("A B", &mut out);
        assert_eq!(out, "<abbr title=\"second\">A</abbr> B");
    }
}
