//! Waymark's index against the one the `pagefind` crate (1.6.0, a dev-dependency) writes
//! from the HTML Waymark gave it before it had an indexer of its own: same words on the
//! same pages, at the same positions with the same weights, same fragments (text,
//! anchors, metadata), filters and chunks. This is what guards an upgrade of Pagefind.

use super::decode::{decode, Decoded};
use super::*;
use crate::markdown::{escape, SELF_LINK_OPEN};
use crate::search::Document;
use std::sync::Arc;

/// The HTML document Waymark used to give Pagefind for a page (its `data-pagefind-*`
/// attributes say what is weighted, filtered and shown).
fn reference_html(document: &Document, language: &str) -> String {
    let boost = document.boost;
    let weight = |base: f64| digest::format_weight(base * boost);
    let mut html = format!(
        "<html lang=\"{}\"><body><main data-pagefind-body>\
         <h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"{}\">{}</h1>",
        escape(language),
        weight(10.0),
        escape(&document.title)
    );
    if let Some(date) = &document.last_updated {
        html += &format!(
            "<span data-pagefind-meta=\"last_updated:{}\" data-pagefind-ignore></span>",
            escape(date)
        );
    }
    if let Some(description) = &document.description {
        html += &format!(
            "<p data-pagefind-weight=\"{}\">{}</p>",
            weight(4.0),
            escape(description)
        );
    }
    if !document.tags.is_empty() {
        html += &format!("<p data-pagefind-weight=\"{}\">", weight(5.0));
        for tag in &document.tags {
            html += &format!("<span data-pagefind-filter=\"tag\">{}</span> ", escape(tag));
        }
        html += "</p>";
    }
    if boost == 1.0 {
        html += "<div>";
    } else {
        html += &format!("<div data-pagefind-weight=\"{}\">", weight(1.0));
    }
    let mut rest = document.body.html.as_str();
    while let Some(start) = rest.find('<') {
        html += &rest[..start];
        rest = &rest[start..];
        if rest.starts_with(SELF_LINK_OPEN) {
            rest = rest.find("</a>").map_or("", |end| &rest[end + 4..]);
            continue;
        }
        let level = rest.as_bytes().get(2).map(|b| b.wrapping_sub(b'0'));
        let heading = rest.starts_with("<h")
            && matches!(level, Some(2..=6))
            && matches!(rest.as_bytes().get(3), Some(b' ' | b'>'));
        if heading && boost != 1.0 {
            html += &rest[..3];
            html += &format!(
                " data-pagefind-weight=\"{}\"",
                weight(f64::from(8 - level.unwrap()))
            );
            rest = &rest[3..];
        } else {
            html.push('<');
            rest = &rest[1..];
        }
    }
    html + rest + "</div></main></body></html>"
}

/// The index the `pagefind` crate writes for `documents`.
fn pagefind_index(documents: &[Document], language: &str) -> BTreeMap<String, Vec<u8>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let options = pagefind::options::PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let mut index = pagefind::api::PagefindIndex::new(Some(options)).unwrap();
    runtime.block_on(async {
        for document in documents {
            let html = reference_html(document, language);
            index
                .add_html_file(None, Some(document.url.clone()), html)
                .await
                .unwrap();
        }
        index
            .get_files()
            .await
            .unwrap()
            .into_iter()
            .map(|file| {
                let path = file.filename.to_string_lossy().replace('\\', "/");
                let name = path.rsplit_once("pagefind/").map_or(path.as_str(), |p| p.1);
                (name.to_string(), file.contents)
            })
            .collect()
    })
}

fn waymark_index(documents: &[Document], language: &str) -> BTreeMap<String, Vec<u8>> {
    index_of(documents, language, PAGEFIND_CHUNK_SIZE)
}

/// Waymark's index of `documents`, with chunks of `chunk_size`; the pages are added last
/// to first, as rendering threads may hand them over.
fn index_of(
    documents: &[Document],
    language: &str,
    chunk_size: usize,
) -> BTreeMap<String, Vec<u8>> {
    let mut index = Index::default();
    for (position, document) in documents.iter().enumerate().rev() {
        if let Some(page) = index_page(document, language) {
            index.add(position, &page);
        }
    }
    index
        .write_chunked(language, chunk_size)
        .into_iter()
        .collect()
}

/// Pagefind's own chunk size, so that the two indexes cut their chunks alike.
const PAGEFIND_CHUNK_SIZE: usize = 20_000;

/// Fails with the first difference, named, rather than two whole indexes side by side.
fn assert_same(waymark: &Decoded, pagefind: &Decoded) {
    assert_eq!(waymark.pages.len(), pagefind.pages.len(), "page count");
    for (ours, theirs) in waymark.pages.iter().zip(&pagefind.pages) {
        assert_eq!(ours, theirs, "a page's fragment or word count differs");
    }
    for (word, locations) in &pagefind.words {
        assert_eq!(
            waymark.words.get(word),
            Some(locations),
            "the word `{word}` is indexed differently"
        );
    }
    let extra: Vec<&String> = waymark
        .words
        .keys()
        .filter(|word| !pagefind.words.contains_key(*word))
        .collect();
    assert!(extra.is_empty(), "words Pagefind does not index: {extra:?}");
    assert_eq!(waymark, pagefind);
}

/// Both indexes of `documents`, which must agree; returns Waymark's files.
fn compare(documents: &[Document], language: &str) -> BTreeMap<String, Vec<u8>> {
    let ours = waymark_index(documents, language);
    let theirs = pagefind_index(documents, language);
    let is_index = |name: &&String| {
        ["index/", "fragment/", "filter/", "pagefind."]
            .iter()
            .any(|start| name.starts_with(start))
            || *name == "pagefind-entry.json"
    };
    let decoded = decode(&ours);
    assert!(!decoded.words.is_empty());
    assert_same(&decoded, &decode(&theirs));
    assert_same_fragments(&ours, &theirs, language);
    // Equal contents, equal hashes: the word and filter chunks have Pagefind's names for
    // them (the metadata and the entry file, which name the fragments, differ by those
    // names), and the runtime shipped is the one Pagefind ships.
    let names = |files: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        let chunks = |name: &&String| name.starts_with("index/") || name.starts_with("filter/");
        files.keys().filter(chunks).cloned().collect()
    };
    assert_eq!(names(&ours), names(&theirs));
    for (name, contents) in &ours {
        if let Some(theirs) = theirs.get(name) {
            if !is_index(&name) {
                assert!(contents == theirs, "{name} differs from Pagefind's");
            }
        }
    }
    ours
}

/// Each page's fragment holds, uncompressed, byte for byte what Pagefind's does, and is
/// named by the start of the same content hash (see [`FRAGMENT_NAME_DIGITS`]); the rest
/// of the metadata is Pagefind's.
fn assert_same_fragments(
    ours: &BTreeMap<String, Vec<u8>>,
    theirs: &BTreeMap<String, Vec<u8>>,
    language: &str,
) {
    let (mut our_meta, mut their_meta) = (decode::metadata(ours), decode::metadata(theirs));
    assert_eq!(our_meta.pages.len(), their_meta.pages.len(), "page count");
    let fragment = |files: &BTreeMap<String, Vec<u8>>, name: &str| {
        decode::decompress(&files[&format!("fragment/{name}.pf_fragment")])
    };
    for (our_page, their_page) in our_meta.pages.iter_mut().zip(&mut their_meta.pages) {
        let (ours_named, theirs_named) = (our_page.hash.clone(), their_page.hash.clone());
        assert!(
            theirs_named.starts_with(&ours_named)
                && ours_named.len() >= language.len() + 1 + FRAGMENT_NAME_DIGITS,
            "fragment {ours_named} is not named by the start of Pagefind's {theirs_named}"
        );
        assert!(
            fragment(ours, &ours_named) == fragment(theirs, &theirs_named),
            "fragment {ours_named} differs from Pagefind's {theirs_named}"
        );
        our_page.hash.clear();
        their_page.hash.clear();
    }
    assert_eq!(our_meta, their_meta);
    let fragments = |files: &BTreeMap<String, Vec<u8>>| {
        files
            .keys()
            .filter(|name| name.starts_with("fragment/"))
            .count()
    };
    assert_eq!(fragments(ours), our_meta.pages.len(), "stray fragments");
}

/// The documents of the project in `dir`, as a build makes them.
fn project_documents(dir: &std::path::Path) -> (Vec<Document>, String) {
    let config = crate::load_config(dir).expect("the project's configuration");
    let (theme, loaded, problems) =
        crate::load_project(&config, &()).expect("the project's theme and pages");
    let outlets = crate::pipeline::Outlets::default(); // keeps the search documents
    let built = crate::pipeline::run(config, &theme, loaded, problems, None, &(), outlets)
        .expect("the project builds");
    let [input] = <[_; 1]>::try_from(built.search).expect("one site, one index");
    let documents = input
        .documents
        .into_iter()
        .map(Arc::unwrap_or_clone)
        .collect();
    (documents, input.language)
}

#[test]
fn the_bundled_guide_is_indexed_as_pagefind_indexes_it() {
    let (documents, language) = project_documents(env!("CARGO_MANIFEST_DIR").as_ref());
    assert!(documents.len() > 30);
    compare(&documents, &language);
}

#[test]
fn a_finnish_guide_is_indexed_as_pagefind_indexes_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let (documents, language) = project_documents(&dir);
    assert_eq!(language, "fi");
    compare(&documents, &language);
}

/// What the bundled guide may lack: boosts, dates, tags, raw HTML, diacritics,
/// compound words, emoji and entities.
fn unusual_documents() -> Vec<Document> {
    let body = |html: &str| {
        Arc::new(crate::markdown::Body {
            html: html.to_string(),
            ..Default::default()
        })
    };
    vec![
        Document {
            url: "/boosted/".into(),
            title: "Déjà vu & <friends>".into(),
            description: Some("A café's \"menu\"".into()),
            tags: vec!["remote access".into(), "VPN".into(), "".into()],
            boost: 0.5,
            last_updated: Some("2024-03-14T10:30:00+02:00".into()),
            body: body(
                "<h2 id=\"setup\">Set <code>up</code> the client<a class=\"headerlink\" href=\"#setup\">#</a></h2>\n\
                 <p>Run <code>sysconfig.is_python_build</code> or camelCaseWords, snake_case_words, \
                 naïve naive rôle 😀 x&lt;y &amp;amp; &nbsp;nbsp</p>\n<h1>Inner title</h1>\
                 <img src=\"a b.png\" alt=\"An  image\"><h4 id=\"deep\">Deep</h4><table><tr><th>A</th><th>B</th></tr></table>",
            ),
        },
        Document {
            url: "/plain/".into(),
            title: "Plain".into(),
            description: None,
            tags: vec!["VPN".into()],
            boost: 3.0,
            last_updated: Some("2024-03-15".into()),
            body: body(
                "<div id=\"note\" class=\"admonition\"><p>Note <em>this</em> and <span>that</span></p>\
                 <nav>skip me</nav><script>var x = '<p>no</p>';</script><!-- hidden --></div>\
                 <ul><li>One</li><li>Two<br/>lines</li></ul><pre><code>fn main() {}\nlet a = b;</code></pre>\
                 <div data-pagefind-ignore><p id=\"gone\">Ignored</p></div><p>バンドハンド カタカナカタカナ</p>\
                 <p id=\"outer\">a <span id=\"inner\">b <em>c</em></span> d <span>e</span></p>",
            ),
        },
        Document {
            url: "/empty/".into(),
            title: String::new(),
            description: None,
            tags: Vec::new(),
            boost: 1.0,
            last_updated: None,
            body: body(""),
        },
    ]
}

#[test]
fn unusual_pages_are_indexed_as_pagefind_indexes_them() {
    compare(&unusual_documents(), "en");
    compare(&unusual_documents(), "fi");
    // A language Pagefind has no stemmer (and no WebAssembly) for.
    compare(&unusual_documents(), "zz");
}

#[test]
fn small_chunks_are_cut_where_pagefind_cuts_them() {
    let documents = unusual_documents();
    let decoded = decode(&index_of(&documents, "en", 8));
    assert!(decoded.chunks.len() > 5, "{:?}", decoded.chunks);
    for pair in decoded.chunks.windows(2) {
        assert!(pair[0].1 < pair[1].0, "{pair:?}");
    }
    let whole = decode(&waymark_index(&documents, "en"));
    assert_eq!(decoded.words, whole.words);
}

#[test]
fn a_word_that_fills_a_chunk_by_itself_gets_a_chunk_of_its_own() {
    // Pagefind cuts a chunk after it is full, so such a word shares its chunk with the
    // words before it, and a search for it downloads them all.
    let mut documents = unusual_documents();
    documents[2].body = Arc::new(crate::markdown::Body {
        html: format!("<p>oak ocean odd {}</p>", "often ".repeat(40)),
        ..Default::default()
    });
    let decoded = decode(&index_of(&documents, "en", 30));
    // A chunk's range is cut to the shortest prefixes that tell it from its neighbours.
    let covers = |(from, to): &(String, String), word: &str| {
        let prefix = |of: &str| word.chars().take(of.chars().count()).collect::<String>();
        *from <= prefix(from) && prefix(to) <= *to
    };
    let chunk = decoded
        .chunks
        .iter()
        .find(|chunk| covers(chunk, "often"))
        .expect("a chunk holds the word");
    let words: Vec<&String> = decoded.words.keys().filter(|w| covers(chunk, w)).collect();
    assert_eq!(words, ["often"], "{chunk:?}");
    let whole = decode(&waymark_index(&documents, "en"));
    assert_eq!(decoded.words, whole.words);
}

#[test]
fn two_builds_write_the_same_bytes() {
    let documents = unusual_documents();
    assert_eq!(
        waymark_index(&documents, "en"),
        waymark_index(&documents, "en")
    );
}

#[test]
fn deeply_nested_anchors_cost_no_more_than_their_text() {
    let depth = 10_000;
    let mut html = String::new();
    for n in 0..depth {
        html += &format!("<span id=\"s{n}\">w{n} ");
    }
    html += &"</span>".repeat(depth);
    let document = Document {
        body: Arc::new(crate::markdown::Body {
            html,
            ..Default::default()
        }),
        ..unusual_documents().remove(2)
    };
    let decoded = decode(&index_of(
        std::slice::from_ref(&document),
        "en",
        PAGEFIND_CHUNK_SIZE,
    ));
    let anchors = decoded.pages[0].0["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), depth);
    // The innermost span's text is its own; the outer ones hold the text inside them,
    // up to a limit.
    assert_eq!(anchors[depth - 1]["text"], format!("w{}", depth - 1));
    let outermost = anchors[0]["text"].as_str().unwrap();
    assert!(outermost.starts_with("w0 w1 w2 ") && outermost.len() <= 2_000);
    assert_eq!(decoded.pages[0].1 as usize, depth);
}

#[test]
fn the_word_index_writer_writes_what_minicbor_encodes() {
    use format::{PackedPage, PackedVariant, PackedWord, WordIndex};
    let numbers = [0, 1, 23, 24, 255, 256, 65_535, 65_536, i32::MAX];
    let locs: Vec<i32> = numbers
        .iter()
        .flat_map(|&n| [n, -n - 1])
        .chain([i32::MIN])
        .collect();
    let page = |page_number: usize| PackedPage {
        page_number,
        locs: locs.clone(),
        meta_locs: vec![-1, 0, 3, -300],
    };
    let words = vec![
        PackedWord {
            word: "cafe".into(),
            pages: vec![page(0), page(70_000), page(usize::MAX)],
            additional_variants: vec![PackedVariant {
                form: "café".into(),
                pages: vec![page(24)],
            }],
        },
        PackedWord {
            word: "w".repeat(300),
            pages: Vec::new(),
            additional_variants: Vec::new(),
        },
    ];
    let mut writer = format::WordIndexWriter::new(words.len());
    for word in &words {
        writer.word(&word.word, word.pages.len());
        for page in &word.pages {
            writer.page(page.page_number, &page.locs, &page.meta_locs);
        }
        writer.variants(word.additional_variants.len());
        for variant in &word.additional_variants {
            writer.variant(&variant.form, variant.pages.len());
            for page in &variant.pages {
                writer.page(page.page_number, &page.locs, &page.meta_locs);
            }
        }
    }
    assert_eq!(writer.finish(), format::cbor(&WordIndex { words }));
}
