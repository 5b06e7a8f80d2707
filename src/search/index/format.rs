//! Pagefind 1.6.0's files, field for field (its `index/index_*.rs`, `fragments` and
//! `output/entry.rs`): CBOR for the metadata, word and filter chunks, JSON for fragments
//! and the entry file, each compressed file a gzip stream of `pagefind_dcd` and the data.

use flate2::{Compress, Compression, FlushCompress, Status};
use minicbor::Encode;
use serde::Serialize;
use sha1::{Digest, Sha1};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The Pagefind version whose browser runtime Waymark ships and whose format it writes.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// `pagefind.*.pf_meta`: what glues queries to results, loaded first.
#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct MetaIndex {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

/// The word chunk to load for a word between `from` and `to`.
#[derive(Encode, Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct MetaPage {
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    #[n(2)]
    pub group_hash: String,
}

#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct MetaFilter {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub hash: String,
}

/// Pre-sorted page orders; Waymark has none, the field stays for the format's sake.
#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct MetaSort {
    #[n(0)]
    pub sort: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// `index/*.pf_index`: one chunk of the word index, as the tests read it;
/// [`WordIndexWriter`] writes it.
#[cfg(test)]
#[derive(Encode, minicbor::Decode, Debug, PartialEq)]
pub struct WordIndex {
    #[n(0)]
    pub words: Vec<PackedWord>,
}

#[cfg(test)]
#[derive(Encode, minicbor::Decode, Clone, Debug, PartialEq)]
pub struct PackedWord {
    #[n(0)]
    pub word: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
    #[n(2)]
    pub additional_variants: Vec<PackedVariant>,
}

/// The same word with diacritics (`café` beside `cafe`).
#[cfg(test)]
#[derive(Encode, minicbor::Decode, Clone, Debug, PartialEq)]
pub struct PackedVariant {
    #[n(0)]
    pub form: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
}

/// Where a word is on one page: `locs` are positions, delta-encoded, with a negative
/// number `-(weight + 1)` before each change of weight; `meta_locs` likewise with
/// `-(field + 1)` before each metadata field.
#[cfg(test)]
#[derive(Encode, minicbor::Decode, Clone, Default, Debug, PartialEq)]
pub struct PackedPage {
    #[n(0)]
    pub page_number: usize,
    #[n(1)]
    pub locs: Vec<i32>,
    #[n(2)]
    pub meta_locs: Vec<i32>,
}

/// Writes a [`WordIndex`] as minicbor encodes it (every number in its shortest form),
/// straight from the index's postings: building the structs would take two small vectors
/// for each of millions of pages of words, and an encoder call per number costs more
/// than the byte or two it writes. Calls follow the structs' order:
/// [`WordIndexWriter::word`] then its pages, then [`WordIndexWriter::variants`], each
/// variant then its pages.
pub struct WordIndexWriter(Vec<u8>);

/// CBOR's major types used here.
const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

impl WordIndexWriter {
    /// A chunk of `words` words.
    pub fn new(words: usize) -> Self {
        let mut writer = Self(Vec::new());
        writer.head(ARRAY, 1);
        writer.head(ARRAY, words as u64);
        writer
    }

    /// A [`PackedWord`] on `pages` pages, which follow.
    pub fn word(&mut self, word: &str, pages: usize) {
        self.head(ARRAY, 3);
        self.text(word);
        self.head(ARRAY, pages as u64);
    }

    /// A [`PackedPage`].
    pub fn page(&mut self, page_number: usize, locs: &[i32], meta_locs: &[i32]) {
        self.head(ARRAY, 3);
        self.head(UNSIGNED, page_number as u64);
        for list in [locs, meta_locs] {
            self.head(ARRAY, list.len() as u64);
            for &loc in list {
                match u64::try_from(loc) {
                    Ok(positive) => self.head(UNSIGNED, positive),
                    Err(_) => self.head(NEGATIVE, (-1 - i64::from(loc)) as u64),
                }
            }
        }
    }

    /// The number of the word's [`PackedVariant`]s, which follow.
    pub fn variants(&mut self, count: usize) {
        self.head(ARRAY, count as u64);
    }

    /// A [`PackedVariant`] on `pages` pages, which follow.
    pub fn variant(&mut self, form: &str, pages: usize) {
        self.head(ARRAY, 2);
        self.text(form);
        self.head(ARRAY, pages as u64);
    }

    pub fn finish(self) -> Vec<u8> {
        self.0
    }

    fn text(&mut self, text: &str) {
        self.head(TEXT, text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }

    /// An item of `major` type with `value` (a number, a length) in the fewest bytes.
    fn head(&mut self, major: u8, value: u64) {
        let major = major << 5;
        match value {
            0..=23 => self.0.push(major | value as u8),
            24..=0xff => self.0.extend_from_slice(&[major | 24, value as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend_from_slice(&(value as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(major | 26);
                self.0.extend_from_slice(&(value as u32).to_be_bytes());
            }
            _ => {
                self.0.push(major | 27);
                self.0.extend_from_slice(&value.to_be_bytes());
            }
        }
    }
}

/// `filter/*.pf_filter`: the pages of each value of one filter.
#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct FilterIndex {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub values: Vec<PackedValue>,
}

#[derive(Encode, Debug, PartialEq)]
#[cfg_attr(test, derive(minicbor::Decode))]
pub struct PackedValue {
    #[n(0)]
    pub value: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// `fragment/*.pf_fragment`: what a result shows.
#[derive(Serialize)]
pub struct Fragment<'a> {
    pub url: &'a str,
    pub content: &'a str,
    pub word_count: usize,
    pub filters: &'a BTreeMap<String, Vec<String>>,
    pub meta: &'a BTreeMap<String, String>,
    pub anchors: &'a [Anchor],
}

/// A sub-result: an element with an id, where it starts among the page's words.
#[derive(Serialize)]
pub struct Anchor {
    pub element: String,
    pub id: String,
    pub text: String,
    pub location: u32,
}

/// `pagefind-entry.json`.
#[derive(Serialize)]
pub struct Entry<'a> {
    pub version: &'a str,
    pub languages: BTreeMap<&'a str, EntryLanguage>,
    pub include_characters: &'a [char],
}

#[derive(Serialize)]
pub struct EntryLanguage {
    pub hash: String,
    pub wasm: Option<String>,
    pub page_count: usize,
}

/// The CBOR bytes of `value`.
pub fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    minicbor::to_vec(value).expect("writing to a vector cannot fail")
}

/// Pagefind's content hash: SHA-1 with each byte in hexadecimal *without* a leading zero
/// (`0a` is written `a`), which its file names keep.
pub fn full_hash(bytes: &[u8]) -> String {
    Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:x}"))
        .collect()
}

/// How hard a file is compressed (any level reads the same). Pagefind uses the best
/// compression (9) for all, which takes about twice as long as 6 for files 1% smaller.
#[derive(Clone, Copy)]
pub enum Effort {
    /// Fragments: thousands of them, each a few kilobytes read on its own, so compressed
    /// fast (about 30% larger than with 6, in a third of the time).
    Fast,
    /// The index chunks and filters: fewer, and what queries load. Level 5: 14% faster
    /// than 6, for 0.5 KB more in the largest chunk of a 10,000-page guide.
    Small,
    /// The metadata: one file, which every first query loads whole. Level 8: zlib-rs
    /// makes it 8% smaller than at 6 (37.2 to 34.1 KB for 10,000 pages), and 3% larger
    /// at 9.
    Smallest,
}

impl Effort {
    fn level(self) -> u32 {
        match self {
            Effort::Fast => 1,
            Effort::Small => 5,
            Effort::Smallest => 8,
        }
    }
}

thread_local! {
    /// One compressor per thread and effort, reset for each file: a new one would
    /// allocate (and the system zero) a few hundred kilobytes for each of thousands of
    /// files.
    static COMPRESSORS: [RefCell<Compress>; 3] = [Effort::Fast, Effort::Small, Effort::Smallest]
        .map(|effort| RefCell::new(Compress::new_gzip(Compression::new(effort.level()), 15)));
}

/// Pagefind's compressed file: a gzip stream of `pagefind_dcd` and the data.
pub fn compress(bytes: &[u8], effort: Effort) -> Vec<u8> {
    COMPRESSORS.with(|compressors| {
        let mut compressor = compressors[effort as usize].borrow_mut();
        compressor.reset();
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        for (part, flush) in [
            (&b"pagefind_dcd"[..], FlushCompress::None),
            (bytes, FlushCompress::Finish),
        ] {
            let mut rest = part;
            loop {
                out.reserve(rest.len() / 3 + 64);
                let before = compressor.total_in();
                let status = compressor
                    .compress_vec(rest, &mut out, flush)
                    .expect("compressing in memory cannot fail");
                rest = &rest[(compressor.total_in() - before) as usize..];
                let done = match flush {
                    FlushCompress::Finish => status == Status::StreamEnd,
                    _ => rest.is_empty(),
                };
                if done {
                    break;
                }
            }
        }
        out
    })
}
