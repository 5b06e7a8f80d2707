//! Reads an index in Pagefind 1.6.0's format back into plain values, for tests: which
//! words are on which pages, where and how heavily, the pages' fragments, the filters.
//! It reads any writer's index, Waymark's or the `pagefind` crate's.

use super::format::{FilterIndex, MetaIndex, PackedPage, WordIndex};
use std::collections::BTreeMap;
use std::io::Read;

/// An index as the browser understands it, with pages named by URL rather than by number
/// and files by what they hold rather than by hash.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub version: String,
    pub page_count: u64,
    pub wasm: Option<String>,
    pub include_characters: Vec<char>,
    pub meta_fields: Vec<String>,
    /// Each page's fragment (URL, content, word count, filters, metadata, anchors) and
    /// word count, in page order.
    pub pages: Vec<(serde_json::Value, u32)>,
    /// Filter, value, the URLs of its pages.
    pub filters: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Word, then one entry per page (and per form with diacritics) it is on.
    pub words: BTreeMap<String, Vec<Location>>,
    /// The words each chunk of the word index covers.
    pub chunks: Vec<(String, String)>,
}

/// Where a word is on one page.
#[derive(Debug, PartialEq)]
pub struct Location {
    pub url: String,
    /// The form with diacritics, for a variant.
    pub form: Option<String>,
    /// `(position, weight)`, weight 24 being Pagefind's 1.
    pub text: Vec<(i32, i32)>,
    /// `(field, position)` in the metadata.
    pub meta: Vec<(String, i32)>,
}

/// The uncompressed contents of one of Pagefind's compressed files.
pub fn decompress(bytes: &[u8]) -> Vec<u8> {
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut data)
        .expect("gzip");
    data.strip_prefix(b"pagefind_dcd")
        .expect("Pagefind's signature")
        .to_vec()
}

/// The entry file of the index in `files`, and what it says of its one language.
fn entry(files: &BTreeMap<String, Vec<u8>>) -> (serde_json::Value, serde_json::Value) {
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind-entry.json"]).expect("entry JSON");
    let (language, details) = entry["languages"]
        .as_object()
        .and_then(|languages| languages.iter().next())
        .map(|(language, details)| (language.clone(), details.clone()))
        .expect("one language");
    assert!(language.len() > 1);
    (entry, details)
}

/// The metadata (`pagefind.*.pf_meta`) of the index in `files`, which the entry file names.
pub fn metadata(files: &BTreeMap<String, Vec<u8>>) -> MetaIndex {
    let (_, details) = entry(files);
    let hash = details["hash"].as_str().expect("the metadata's hash");
    minicbor::decode(&decompress(&files[&format!("pagefind.{hash}.pf_meta")]))
        .expect("metadata CBOR")
}

/// Decodes the index in `files` (paths relative to its folder).
pub fn decode(files: &BTreeMap<String, Vec<u8>>) -> Decoded {
    let (entry, details) = entry(files);
    let meta = metadata(files);
    let pages: Vec<(serde_json::Value, u32)> = meta
        .pages
        .iter()
        .map(|page| {
            let fragment = decompress(&files[&format!("fragment/{}.pf_fragment", page.hash)]);
            (
                serde_json::from_slice(&fragment).expect("fragment JSON"),
                page.word_count,
            )
        })
        .collect();
    let url = |number: usize| pages[number].0["url"].as_str().unwrap().to_string();
    let mut filters = BTreeMap::new();
    for filter in &meta.filters {
        let index: FilterIndex = minicbor::decode(&decompress(
            &files[&format!("filter/{}.pf_filter", filter.hash)],
        ))
        .expect("filter CBOR");
        assert_eq!(index.filter, filter.filter);
        let values = index
            .values
            .into_iter()
            .map(|value| (value.value, value.pages.into_iter().map(url).collect()))
            .collect();
        filters.insert(index.filter, values);
    }
    let mut words = BTreeMap::new();
    for chunk in &meta.index_chunks {
        let index: WordIndex = minicbor::decode(&decompress(
            &files[&format!("index/{}.pf_index", chunk.hash)],
        ))
        .expect("word CBOR");
        for word in index.words {
            let mut locations = Vec::new();
            let mut read = |form: Option<&str>, pages: &[PackedPage]| {
                let mut number = 0;
                for page in pages {
                    number += page.page_number;
                    locations.push(Location {
                        url: url(number),
                        form: form.map(str::to_string),
                        text: text_locations(&page.locs),
                        meta: meta_locations(&page.meta_locs, &meta.meta_fields),
                    });
                }
            };
            read(None, &word.pages);
            for variant in &word.additional_variants {
                read(Some(&variant.form), &variant.pages);
            }
            assert!(
                words.insert(word.word, locations).is_none(),
                "a word in two chunks"
            );
        }
    }
    Decoded {
        version: meta.version,
        page_count: details["page_count"].as_u64().expect("page count"),
        wasm: details["wasm"].as_str().map(str::to_string),
        include_characters: serde_json::from_value(entry["include_characters"].clone())
            .expect("characters"),
        meta_fields: meta.meta_fields,
        pages,
        filters,
        words,
        chunks: meta
            .index_chunks
            .into_iter()
            .map(|chunk| (chunk.from, chunk.to))
            .collect(),
    }
}

/// `(position, weight)` from Pagefind's weight-marked, delta-encoded positions.
fn text_locations(locs: &[i32]) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    let mut weight = 25;
    let mut position = 0;
    let mut locs = locs.iter();
    while let Some(&loc) = locs.next() {
        if loc < 0 {
            weight = -loc - 1;
            position = *locs.next().expect("a position after a weight");
        } else {
            position += loc;
        }
        out.push((position, weight));
    }
    out
}

fn meta_locations(locs: &[i32], fields: &[String]) -> Vec<(String, i32)> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut position = 0;
    for &loc in locs {
        if loc < 0 {
            field = fields[(-loc - 1) as usize].clone();
            position = 0;
        } else {
            position += loc;
            out.push((field.clone(), position));
        }
    }
    out
}
