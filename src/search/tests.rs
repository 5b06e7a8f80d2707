use super::*;
use crate::test_support::site_with_page;
use scraper::{Html, Selector};

/// The search documents of a small site whose `guide/page.md` has `text`.
fn documents_of(text: &str) -> Vec<Document> {
    let project = std::env::temp_dir();
    let site = site_with_page(&project, text, Vec::new());
    let bodies: Vec<Arc<Body>> = site
        .pages
        .iter()
        .map(|page| Arc::new(crate::markdown::page::render_page(&site, page).0))
        .collect();
    documents(&site, &bodies)
}

fn document_of_page(text: &str) -> Html {
    let documents = documents_of(text);
    let document = documents
        .iter()
        .find(|d| d.url == "/guide/page/")
        .expect("the page is indexed");
    Html::parse_document(&document.html)
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn attr(html: &Html, selector: &str, name: &str) -> Option<String> {
    select(html, selector)
        .first()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

#[test]
fn indexes_the_main_content_with_its_title_and_headings() {
    let html = document_of_page(
        "---\ntitle: Connect to the desktop\n---\nIntro text.\n\n## Open the client\n\nRun `vdi-connect`.\n\n### Troubleshooting\n\nMore.\n",
    );
    let title = select(&html, "main[data-pagefind-body] > h1");
    assert_eq!(title.len(), 1);
    assert_eq!(
        title[0].text().collect::<String>(),
        "Connect to the desktop"
    );
    assert_eq!(title[0].value().attr("data-pagefind-meta"), Some("title"));
    assert_eq!(title[0].value().attr("data-pagefind-weight"), Some("10"));
    // Headings keep their ids (sub-results link to them) but lose the `#` self-link.
    let h2 = select(&html, "h2#open-the-client");
    assert_eq!(h2[0].text().collect::<String>(), "Open the client");
    assert!(select(&html, "h3#troubleshooting").len() == 1);
    assert!(select(&html, "a.headerlink").is_empty());
    assert!(select(&html, "code")[0]
        .text()
        .any(|t| t.contains("vdi-connect")));
    // Nothing but the content: no navigation, header, footer or scripts.
    for furniture in ["nav", "header", "footer", "script", "aside"] {
        assert!(
            select(&html, furniture).is_empty(),
            "{furniture} was indexed"
        );
    }
}

#[test]
fn description_and_tags_weigh_more_than_the_text() {
    let html = document_of_page(
        "---\ndescription: How to reach the secure desktop\ntags: [remote access, VPN]\n---\nBody.\n",
    );
    let weighted = select(&html, "main > p[data-pagefind-weight]");
    let texts: Vec<(String, String)> = weighted
        .iter()
        .map(|p| {
            (
                p.text().collect::<String>().trim().to_string(),
                p.value().attr("data-pagefind-weight").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                "How to reach the secure desktop".to_string(),
                "4".to_string()
            ),
            ("remote access VPN".to_string(), "5".to_string())
        ]
    );
    let tags: Vec<String> = select(&html, "[data-pagefind-filter=tag]")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(tags, ["remote access", "VPN"]);
    // The text itself keeps Pagefind's default weight.
    assert_eq!(attr(&html, "main > div", "data-pagefind-weight"), None);
}

#[test]
fn boost_scales_every_weight_of_the_page() {
    let html =
        document_of_page("---\nsearch:\n  boost: 0.5\n---\nText.\n\n## Part\n\n### Detail\n");
    assert_eq!(
        attr(&html, "h1", "data-pagefind-weight").as_deref(),
        Some("5")
    );
    assert_eq!(
        attr(&html, "main > div", "data-pagefind-weight").as_deref(),
        Some("0.5")
    );
    assert_eq!(
        attr(&html, "h2", "data-pagefind-weight").as_deref(),
        Some("3")
    );
    assert_eq!(
        attr(&html, "h3", "data-pagefind-weight").as_deref(),
        Some("2.5")
    );
    // Weights stop at Pagefind's maximum of 10.
    let html = document_of_page("---\nsearch:\n  boost: 3\n---\n## Part\n");
    assert_eq!(
        attr(&html, "h1", "data-pagefind-weight").as_deref(),
        Some("10")
    );
    assert_eq!(
        attr(&html, "h2", "data-pagefind-weight").as_deref(),
        Some("10")
    );
    assert_eq!(
        attr(&html, "main > div", "data-pagefind-weight").as_deref(),
        Some("3")
    );
}

#[test]
fn excluded_pages_are_left_out() {
    let urls =
        |text: &str| -> Vec<String> { documents_of(text).into_iter().map(|d| d.url).collect() };
    assert_eq!(urls("Text.\n"), ["/guide/other/", "/guide/page/", "/"]);
    assert_eq!(
        urls("---\nsearch:\n  exclude: true\n---\nText.\n"),
        ["/guide/other/", "/"]
    );
}

#[test]
fn front_matter_values_are_escaped() {
    let html = document_of_page(
        "---\ntitle: \"<script>alert(1)</script> & co\"\ndescription: \"\\\"quoted\\\" <b>\"\ntags: [\"<i>tag</i>\"]\n---\nText.\n",
    );
    assert!(select(&html, "script").is_empty());
    assert!(select(&html, "b").is_empty());
    assert!(select(&html, "i").is_empty());
    assert_eq!(
        select(&html, "h1")[0].text().collect::<String>(),
        "<script>alert(1)</script> & co"
    );
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
    let set = index(documents, "fi", &|| true)
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
    assert_eq!(index(documents, "en", &|| false), Ok(None));
}

#[test]
fn index_files_never_leave_the_search_folder() {
    // Configurations reject such a language; the indexer refuses it on its own too.
    let documents = documents_of("Text.\n");
    let result = index(documents, "../../x", &|| true);
    assert!(
        matches!(&result, Err(message) if message.contains("unsafe file name")),
        "{result:?}"
    );
}

/// Documents with distinct words, so that the order pages are numbered in shows in the
/// index.
fn numbered_documents(count: usize) -> Vec<Document> {
    (0..count)
        .map(|n| Document {
            url: format!("/page-{n}/"),
            html: format!(
                "<html lang=\"en\"><body><main data-pagefind-body><h1>Page {n}</h1>\
                 <p>word{n} shared</p></main></body></html>"
            ),
        })
        .collect()
}

#[test]
fn a_background_index_takes_documents_in_page_order_whatever_order_they_arrive_in() {
    let documents = numbered_documents(12);
    let in_order = index(documents.clone(), "en", &|| true).unwrap().unwrap();

    let background = BackgroundIndex::start("en");
    // Two pages are left out of search: they are offered as `None`. The rest arrive
    // from the last to the first, as rendering threads may hand them over.
    let mut offers: Vec<Option<Document>> = documents.into_iter().map(Some).collect();
    offers.insert(3, None);
    offers.insert(9, None);
    for (position, document) in offers.into_iter().enumerate().rev() {
        background.offer(position, document);
    }
    let out_of_order = background.finish().unwrap();
    assert_eq!(out_of_order, in_order);
}
