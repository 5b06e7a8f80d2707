//! Which index entries one word of text makes: its normalised, stemmed form, the parts of
//! a compound (`camelCase`, `snake_case`, `dotted.names`), emoji and katakana suffixes.
//! A port of Pagefind 1.6.0's `fossick/splitting.rs` (MIT), without the segmentation that
//! only its "extended" build does; the browser side stems queries the same way, so any
//! difference here would make words unfindable.

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that count as part of a word (Unicode's "Punctuation, Connector"), which
/// Pagefind also lists in its entry file.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const MAX_DOTTED_TAIL_CHARS: usize = 64;
/// Memoised words per thread before the memo starts over (a site's vocabulary is far
/// smaller; this only bounds a long-running preview).
const MEMO_LIMIT: usize = 200_000;

#[derive(Debug, Clone, PartialEq)]
struct IndexableWord {
    stemmed: String,
    is_compound_part: bool,
    /// The word before diacritics were taken off, when that changed it.
    original: Option<String>,
}

/// The Snowball stemmer Pagefind uses for `language`, if it has one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// One thread's stemmer and the entries of the words it has already seen: the same few
/// thousand words make up most of any site's text. Words and their forms with diacritics
/// are numbered, so that reading a page compares numbers rather than strings.
pub struct Memo {
    language: String,
    stemmer: Option<Stemmer>,
    text_words: hashbrown::HashMap<String, Box<[Entry]>, FxBuildHasher>,
    words: Numbered<Arc<str>>,
    forms: Numbered<Box<str>>,
}

/// One entry of a word of text, by numbers: the word as indexed and its form with
/// diacritics ([`Entry::PLAIN`] for none).
#[derive(Clone, Copy)]
pub struct Entry {
    pub word: u32,
    pub form: u32,
    pub is_compound_part: bool,
}

impl Entry {
    /// The form of an entry without diacritics.
    pub const PLAIN: u32 = u32::MAX;
}

/// Strings numbered in the order they were first met.
struct Numbered<T> {
    list: Vec<T>,
    numbers: hashbrown::HashMap<T, u32, FxBuildHasher>,
}

impl<T> Default for Numbered<T> {
    fn default() -> Self {
        Self {
            list: Vec::new(),
            numbers: Default::default(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash + std::borrow::Borrow<str> + for<'a> From<&'a str>>
    Numbered<T>
{
    fn number(&mut self, text: &str) -> u32 {
        if let Some(&number) = self.numbers.get(text) {
            return number;
        }
        let number = self.list.len() as u32;
        let value = T::from(text);
        self.list.push(value.clone());
        self.numbers.insert(value, number);
        number
    }
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// Runs `read` with this thread's memo of words in `language`.
pub fn with_memo<T>(language: &str, read: impl FnOnce(&mut Memo) -> T) -> T {
    MEMO.with_borrow_mut(|memo| {
        let memo = match memo {
            Some(memo) if memo.language == language => memo,
            _ => memo.insert(Memo {
                language: language.to_string(),
                stemmer: stemmer(language),
                text_words: Default::default(),
                words: Numbered::default(),
                forms: Numbered::default(),
            }),
        };
        // Numbers stay valid for a whole page: the memo only starts over between pages.
        if memo.text_words.len() >= MEMO_LIMIT || memo.words.list.len() >= MEMO_LIMIT {
            memo.text_words.clear();
            memo.words = Numbered::default();
            memo.forms = Numbered::default();
        }
        read(memo)
    })
}

impl Memo {
    /// The entries of `word` from a page's text, with its dotted tails.
    pub fn text_entries(&mut self, word: &str) -> &[Entry] {
        let Self {
            stemmer,
            text_words,
            words,
            forms,
            ..
        } = self;
        text_words.entry_ref(word).or_insert_with(|| {
            let mut entries = indexable_words(word, stemmer.as_ref());
            let tails = dotted_tails(word, stemmer.as_ref(), &entries);
            entries.extend(tails);
            entries
                .iter()
                .map(|entry| number(entry, words, forms))
                .collect()
        })
    }

    /// The entries of `word` from a page's metadata (few, so not memoised).
    pub fn meta_entries(&mut self, word: &str) -> Vec<Entry> {
        indexable_words(word, self.stemmer.as_ref())
            .iter()
            .map(|entry| number(entry, &mut self.words, &mut self.forms))
            .collect()
    }

    /// The word numbered `number`.
    pub fn word(&self, number: u32) -> &Arc<str> {
        &self.words.list[number as usize]
    }

    /// The form with diacritics numbered `number`.
    pub fn form(&self, number: u32) -> &str {
        &self.forms.list[number as usize]
    }
}

fn number(
    entry: &IndexableWord,
    words: &mut Numbered<Arc<str>>,
    forms: &mut Numbered<Box<str>>,
) -> Entry {
    Entry {
        word: words.number(&entry.stemmed),
        form: entry
            .original
            .as_deref()
            .map_or(Entry::PLAIN, |form| forms.number(form)),
        is_compound_part: entry.is_compound_part,
    }
}

/// The primary normalised and stemmed word, compound parts and emoji.
fn indexable_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut results = Vec::new();
    let normalized_word = normalize_word(raw_word);
    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }
    for suffix in katakana_suffixes(raw_word) {
        let without_diacritics = normalize_diacritics(suffix);
        results.push(IndexableWord {
            original: without_diacritics.as_ref().map(|_| suffix.to_string()),
            stemmed: without_diacritics.unwrap_or_else(|| suffix.to_string()),
            is_compound_part: true,
        });
    }
    if !possibly_compound(raw_word) {
        return results;
    }
    let word_parts = discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(char::is_whitespace) || !normalized_word.starts_with(&word_parts))
    {
        // Only parts of two characters or more are indexed.
        for part in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            let without_diacritics = normalize_diacritics(part);
            let plain = without_diacritics.as_deref().unwrap_or(part);
            let stemmed = match stemmer {
                Some(stemmer) => stemmer.stem(plain).into_owned(),
                None => plain.to_string(),
            };
            results.push(IndexableWord {
                stemmed,
                original: without_diacritics.map(|_| part.to_string()),
                is_compound_part: true,
            });
        }
    }
    // Emoji are indexed on their own (only non-ASCII text can hold one).
    if !raw_word.is_ascii() {
        results.extend(
            raw_word
                .graphemes(true)
                .filter(|g| emojis::get(g).is_some())
                .map(|g| IndexableWord {
                    stemmed: g.to_string(),
                    original: None,
                    is_compound_part: false,
                }),
        );
    }
    results
}

fn possibly_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase)
}

/// The tails of a dotted word that are compounds themselves, so that `is_python_build`
/// in `sysconfig.is_python_build` is found without decomposing it completely.
fn dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    existing: &[IndexableWord],
) -> Vec<IndexableWord> {
    let mut tails = Vec::new();
    if !raw_word.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| w.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        // A plain tail is already indexed, as the last compound part.
        if !possibly_compound(tail) {
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let tail_word = stem_word(&normalized, stemmer, true);
        if !seen.contains(tail_word.stemmed.as_str())
            && seen_tails.insert(tail_word.stemmed.clone())
        {
            tails.push(tail_word);
        }
    }
    tails
}

/// Lower case, keeping only letters, digits and [`WORD_SYMBOLS`].
fn normalize_word(raw_word: &str) -> String {
    let mut normalized = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // Non-ASCII upper case can lower to several characters.
                normalized.extend(c.to_lowercase());
            } else {
                normalized.push(c);
            }
        }
    }
    normalized
}

fn stem_word(
    normalized_word: &str,
    stemmer: Option<&Stemmer>,
    is_compound_part: bool,
) -> IndexableWord {
    let without_diacritics = normalize_diacritics(normalized_word);
    let plain = without_diacritics.as_deref().unwrap_or(normalized_word);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer.stem(plain).into_owned(),
        None => plain.to_string(),
    };
    IndexableWord {
        stemmed,
        original: without_diacritics.map(|_| normalized_word.to_string()),
        is_compound_part,
    }
}

/// True for katakana, the prolonged sound mark and their halfwidth forms.
fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word, so that prefix matching finds its parts.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// The word without diacritics (`café` is indexed as `cafe`, its variant kept for
/// ranking), or `None` when it has none.
fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let is_kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    // The kana voiced sound marks tell words apart, so they stay.
    let stripped: String = word
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c) || is_kana_mark(c))
        .collect();
    let normalized = if stripped.chars().any(is_kana_mark) {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

/// The words a compound splits into, lower case and separated by spaces: where
/// `convert_case` splits a word for `Case::Lower` (at punctuation, between a lower-case
/// letter and an upper-case one or a digit, between a digit and a letter, before the last
/// capital of an acronym followed by lower case). ASCII words, nearly all compounds, are
/// split here byte by byte; `convert_case` reads others by graphemes, which costs many
/// times more (about 5% of a build of code-heavy pages).
fn discrete_words(word: &str) -> String {
    if !word.is_ascii() {
        return by_convert_case(word);
    }
    let bytes = word.as_bytes();
    let is_space = |at: usize| bytes[at].is_ascii_punctuation();
    let upper = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_uppercase);
    let lower = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_lowercase);
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut parts = String::with_capacity(word.len() + 8);
    let mut start = 0;
    let mut push = |part: &str| {
        if !part.is_empty() {
            if !parts.is_empty() {
                parts.push(' ');
            }
            parts.push_str(&part.to_ascii_lowercase());
        }
    };
    for at in 0..bytes.len() {
        if is_space(at) {
            push(&word[start..at]);
            start = at + 1;
        } else if (lower(at) && (upper(at + 1) || digit(at + 1)))
            || (upper(at) && digit(at + 1))
            || (digit(at) && (lower(at + 1) || upper(at + 1)))
            || (upper(at) && upper(at + 1) && lower(at + 2))
        {
            push(&word[start..at + 1]);
            start = at + 1;
        }
    }
    push(&word[start..]);
    parts
}

/// The words of `word` as Pagefind splits it, with `convert_case`.
fn by_convert_case(word: &str) -> String {
    word.replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_compounds_split_as_convert_case_splits_them() {
        let mut words: Vec<String> = [
            "camelCase",
            "HTTPServer",
            "getHTTPResponse2xx",
            "snake_case_name",
            "kebab-case",
            "sysconfig.is_python_build",
            "ABC",
            "aB",
            "A1b2C3",
            "x86_64",
            "IPv6Address",
            "__init__",
            "--flag",
            "a..b",
            "JSONToYAML",
            "v1.2.3-rc1",
            "ÄbcDef",
            "naïveCase",
        ]
        .map(String::from)
        .to_vec();
        // Every short word over letters, digits and separators of each kind.
        let alphabet = ['a', 'B', '7', '_', '.', 'z', 'Q'];
        let mut seed = 1u64;
        for _ in 0..20_000 {
            let len = 1 + (seed % 9) as usize;
            let word: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            words.push(word);
        }
        for word in &words {
            assert_eq!(discrete_words(word), by_convert_case(word), "{word}");
        }
    }
}
