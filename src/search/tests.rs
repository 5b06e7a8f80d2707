use super::*;
use crate::test_support::site_with_page;

/// The search documents of a small site whose `guide/page.md` has `text`.
fn documents_of(text: &str) -> Vec<Arc<Document>> {
    let project = std::env::temp_dir();
    let site = site_with_page(&project, text, Vec::new());
    site.pages
        .iter()
        .filter_map(|page| {
            let body = Arc::new(crate::markdown::page::render_page(&site, page).0);
            document(&site, page, &body).map(Arc::new)
        })
        .collect()
}

/// The index of a small site whose `guide/page.md` has `text`, decoded.
fn index_of_page(text: &str) -> index::decode::Decoded {
    let set = index(
        documents_of(text),
        "en",
        &|| true,
        &mut IndexMemo::default(),
    )
    .expect("indexing succeeds")
    .expect("not stopped");
    let files = set
        .files
        .iter()
        .filter_map(|(path, file)| {
            let name = path.strip_prefix(SEARCH_DIR)?;
            Some((name.to_string(), bytes(&set, path).to_vec()))
                .filter(|_| matches!(file, OutputFile::Bytes(_)))
        })
        .collect();
    index::decode::decode(&files)
}

/// The fragment of `guide/page.md`.
fn page_fragment(index: &index::decode::Decoded) -> &serde_json::Value {
    &index
        .pages
        .iter()
        .find(|(fragment, _)| fragment["url"] == "/guide/page/")
        .expect("the page is indexed")
        .0
}

/// The weights `word` has on `guide/page.md`, in the order of its positions.
fn weights(index: &index::decode::Decoded, word: &str) -> Vec<i32> {
    let mut locations: Vec<(i32, i32)> = index.words[word]
        .iter()
        .filter(|location| location.url == "/guide/page/")
        .flat_map(|location| location.text.clone())
        .collect();
    locations.sort();
    locations.into_iter().map(|(_, weight)| weight).collect()
}

/// Pagefind keeps weights as bytes: 24 is a weight of 1.
const ONE: i32 = 24;

#[test]
fn indexes_the_main_content_with_its_title_and_headings() {
    let index = index_of_page(
        "---\ntitle: Connect to the desktop\n---\nIntro text.\n\n## Open the client\n\nRun `vdi-connect`.\n\n### Troubleshooting\n\nMore.\n",
    );
    let page = page_fragment(&index);
    assert_eq!(page["meta"]["title"], "Connect to the desktop");
    // Title, text, headings, in reading order, without the headings' `#` self-links.
    assert_eq!(
        page["content"],
        "Connect to the desktop. Intro text. Open the client. Run vdi-connect. Troubleshooting. More."
    );
    assert_eq!(weights(&index, "desktop"), [10 * ONE]);
    assert_eq!(weights(&index, "intro"), [ONE]);
    assert_eq!(weights(&index, "client"), [6 * ONE]);
    assert_eq!(weights(&index, "troubleshoot"), [5 * ONE]);
    // Compounds are found by their parts too, which share the word's weight.
    assert_eq!(weights(&index, "vdiconnect"), [ONE]);
    assert_eq!(weights(&index, "vdi"), [ONE / 2]);
    // Headings keep their ids: sub-results link to them.
    let anchors: Vec<(&str, &str, &str)> = page["anchors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["element"].as_str().unwrap(),
                a["id"].as_str().unwrap(),
                a["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        anchors,
        [
            ("h2", "open-the-client", "Open the client"),
            ("h3", "troubleshooting", "Troubleshooting")
        ]
    );
}

#[test]
fn description_and_tags_weigh_more_than_the_text() {
    let index = index_of_page(
        "---\ndescription: How to reach the secure desktop\ntags: [remote access, VPN]\n---\nBody.\n",
    );
    assert_eq!(weights(&index, "secur"), [4 * ONE]);
    assert_eq!(weights(&index, "remot"), [5 * ONE]);
    assert_eq!(weights(&index, "vpn"), [5 * ONE]);
    // The text itself keeps Pagefind's default weight.
    assert_eq!(weights(&index, "bodi"), [ONE]);
    assert_eq!(
        index.filters["tag"].keys().collect::<Vec<_>>(),
        ["VPN", "remote access"]
    );
    assert_eq!(index.filters["tag"]["VPN"], ["/guide/page/"]);
}

#[test]
fn boost_scales_every_weight_of_the_page() {
    let index = index_of_page(
        "---\ntitle: Heading\nsearch:\n  boost: 0.5\n---\nText.\n\n## Part\n\n### Detail\n",
    );
    assert_eq!(weights(&index, "head"), [5 * ONE]);
    assert_eq!(weights(&index, "text"), [ONE / 2]);
    assert_eq!(weights(&index, "part"), [3 * ONE]);
    assert_eq!(weights(&index, "detail"), [ONE * 5 / 2]);
    // Weights stop at Pagefind's maximum of 10.
    let index = index_of_page("---\ntitle: Heading\nsearch:\n  boost: 3\n---\nText.\n\n## Part\n");
    assert_eq!(weights(&index, "head"), [10 * ONE]);
    assert_eq!(weights(&index, "part"), [10 * ONE]);
    assert_eq!(weights(&index, "text"), [3 * ONE]);
}

#[test]
fn excluded_pages_are_left_out() {
    let urls =
        |text: &str| -> Vec<String> { documents_of(text).iter().map(|d| d.url.clone()).collect() };
    assert_eq!(urls("Text.\n"), ["/guide/other/", "/guide/page/", "/"]);
    assert_eq!(
        urls("---\nsearch:\n  exclude: true\n---\nText.\n"),
        ["/guide/other/", "/"]
    );
}

#[test]
fn front_matter_values_are_text_not_markup() {
    let index = index_of_page(
        "---\ntitle: \"<script>alert(1)</script> & co\"\ndescription: \"\\\"quoted\\\" <b>\"\ntags: [\"<i>tag</i>\"]\n---\nText.\n",
    );
    let page = page_fragment(&index);
    assert_eq!(page["meta"]["title"], "<script>alert(1)</script> & co");
    assert!(
        page["content"]
            .as_str()
            .unwrap()
            .starts_with("<script>alert(1)</script> & co. \"quoted\" <b> <i>tag</i> Text."),
        "{}",
        page["content"]
    );
    assert_eq!(
        index.filters["tag"].keys().collect::<Vec<_>>(),
        ["<i>tag</i>"]
    );
    assert_eq!(weights(&index, "co"), [10 * ONE]);
}

/// Reads one of Pagefind's compressed JSON files (a gzip stream of a signature and JSON).
fn decompress_json(bytes: &[u8]) -> serde_json::Value {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("gzip");
    let json = text.trim_start_matches("pagefind_dcd");
    serde_json::from_str(json).expect("JSON after the signature")
}

fn bytes(set: &OutputSet, path: &str) -> Arc<[u8]> {
    match set.files.get(path) {
        Some(OutputFile::Bytes(bytes)) => bytes.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

#[test]
fn the_index_holds_each_page_with_its_sections_in_the_configured_language() {
    let documents = documents_of(
        "---\ntitle: Yhteyden avaaminen\n---\nAvaa ohjelmisto.\n\n## Kirjautuminen\n\nKirjaudu ohjelmistoon.\n",
    );
    let set = index(documents, "fi", &|| true, &mut IndexMemo::default())
        .expect("indexing succeeds")
        .expect("not stopped");
    let entry: serde_json::Value =
        serde_json::from_slice(&bytes(&set, "_waymark/search/pagefind-entry.json")).unwrap();
    assert_eq!(entry["languages"]["fi"]["page_count"], 3);
    assert_eq!(entry["languages"]["fi"]["wasm"], "fi");
    assert!(set.files.contains_key("_waymark/search/pagefind.js"));
    assert!(set.files.contains_key("_waymark/search/wasm.fi.pagefind"));
    // Pagefind's own search UIs are not shipped: the theme has its own box.
    assert!(set.files.keys().all(|path| !path.contains("-ui")));

    let fragments: Vec<serde_json::Value> = set
        .files
        .keys()
        .filter(|path| path.starts_with("_waymark/search/fragment/"))
        .map(|path| decompress_json(&bytes(&set, path)))
        .collect();
    assert_eq!(fragments.len(), 3);
    let page = fragments
        .iter()
        .find(|f| f["url"] == "/guide/page/")
        .expect("the page's fragment");
    assert_eq!(page["meta"]["title"], "Yhteyden avaaminen");
    let content = page["content"].as_str().unwrap();
    assert!(content.contains("Kirjaudu ohjelmistoon"), "{content}");
    assert!(!content.contains('#'), "self-links were indexed: {content}");
    let anchors: Vec<&str> = page["anchors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(anchors, ["kirjautuminen"]);
}

#[test]
fn indexing_stops_when_told_to() {
    let documents = documents_of("Text.\n");
    assert_eq!(
        index(documents, "en", &|| false, &mut IndexMemo::default()),
        Ok(None)
    );
}

#[test]
fn index_files_never_leave_the_search_folder() {
    // Configurations reject such a language; the indexer refuses it on its own too.
    let documents = documents_of("Text.\n");
    let result = index(documents, "../../x", &|| true, &mut IndexMemo::default());
    assert!(
        matches!(&result, Err(message) if message.contains("unsafe file name")),
        "{result:?}"
    );
}

/// `documents` as a build hands them to the indexer.
fn shared(documents: &[Document]) -> Vec<Arc<Document>> {
    documents.iter().cloned().map(Arc::new).collect()
}

/// Documents with distinct words, so that the order pages are numbered in shows in the
/// index.
fn numbered_documents(count: usize) -> Vec<Document> {
    (0..count)
        .map(|n| Document {
            url: format!("/page-{n}/"),
            title: format!("Page {n}"),
            description: None,
            tags: Vec::new(),
            boost: 1.0,
            last_updated: None,
            body: Arc::new(Body {
                html: format!("<p>word{n} shared</p>"),
                ..Body::default()
            }),
        })
        .collect()
}

#[test]
fn a_background_index_takes_documents_in_page_order_whatever_order_they_arrive_in() {
    let documents = numbered_documents(12);
    let in_order = index(
        shared(&documents),
        "en",
        &|| true,
        &mut IndexMemo::default(),
    )
    .unwrap()
    .unwrap();

    let background = BackgroundIndex::start("en");
    // Two pages are left out of search: they are offered as `None`. The rest arrive
    // from the last to the first, as rendering threads may hand them over.
    let mut offers: Vec<Option<Document>> = documents.into_iter().map(Some).collect();
    offers.insert(3, None);
    offers.insert(9, None);
    for (position, document) in offers.into_iter().enumerate().rev() {
        background.offer(position, document);
    }
    let out_of_order = background.write().unwrap();
    assert_eq!(out_of_order, in_order);
}

#[test]
fn the_preview_reads_again_only_the_pages_that_changed() {
    let mut documents = numbered_documents(6);
    let mut memo = IndexMemo::default();
    let first = index(shared(&documents), "en", &|| true, &mut memo).unwrap();
    let read = |memo: &IndexMemo, url: &str| memo.pages[url].1.clone().unwrap();
    let (unchanged, changed) = (read(&memo, "/page-1/"), read(&memo, "/page-4/"));
    // The same documents again: the same index, from the same pages.
    assert_eq!(
        index(shared(&documents), "en", &|| true, &mut memo).unwrap(),
        first
    );
    assert!(Arc::ptr_eq(&unchanged, &read(&memo, "/page-1/")));

    documents[4].body = Arc::new(Body {
        html: "<p>edited text</p>".into(),
        ..Body::default()
    });
    let second = index(shared(&documents), "en", &|| true, &mut memo).unwrap();
    assert!(Arc::ptr_eq(&unchanged, &read(&memo, "/page-1/")));
    assert!(!Arc::ptr_eq(&changed, &read(&memo, "/page-4/")));
    // Exactly what a fresh index of the edited pages is.
    let fresh = index(
        shared(&documents),
        "en",
        &|| true,
        &mut IndexMemo::default(),
    )
    .unwrap();
    assert_eq!(second, fresh);
    assert_ne!(second, first);
}
