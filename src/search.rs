//! Full-text search. Each page gives the indexer a small document of its main content
//! (no navigation, header or footer), with its title, description and tags weighted
//! above the text; Pagefind, used as a library, turns the documents into an index split
//! into chunks that the browser loads on demand.

use crate::markdown::{escape, Body, SELF_LINK_OPEN};
use crate::model::{Page, Site};
use crate::output::{OutputFile, OutputSet};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;

/// Where the index and Pagefind's scripts go in the site.
pub const SEARCH_DIR: &str = "_waymark/search/";

/// Pagefind's weights go from 0 to 10; text outside headings weighs 1.
const MAX_WEIGHT: f64 = 10.0;
const TITLE_WEIGHT: f64 = 10.0;
const TAGS_WEIGHT: f64 = 5.0;
const DESCRIPTION_WEIGHT: f64 = 4.0;
/// Pagefind's own weights for headings, which a page's `boost` scales like the rest.
const HEADING_WEIGHTS: [(&str, f64); 5] = [
    ("<h2", 6.0),
    ("<h3", 5.0),
    ("<h4", 4.0),
    ("<h5", 3.0),
    ("<h6", 2.0),
];

/// What one page gives the indexer.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The page's URL from the site root, starting with `/` (`/guide/setup/`).
    pub url: String,
    /// A minimal HTML document holding only what is indexed.
    pub html: String,
}

/// The documents of every page that search includes, in page order.
pub fn documents(site: &Site, bodies: &[Arc<Body>]) -> Vec<Document> {
    site.pages
        .iter()
        .zip(bodies)
        .filter_map(|(page, body)| document(site, page, body))
        .collect()
}

/// What `page` gives the indexer; `None` when `search: {exclude: true}` leaves it out.
pub fn document(site: &Site, page: &Page, body: &Body) -> Option<Document> {
    (!page.source.front.search.exclude).then(|| Document {
        url: format!("/{}", page.url),
        html: document_html(
            page,
            body,
            &site.config.language,
            site.last_updated
                .get(page.id.0 as usize)
                .and_then(Option::as_ref),
        ),
    })
}

fn document_html(
    page: &Page,
    body: &Body,
    language: &str,
    last_updated: Option<&crate::revision::LastUpdated>,
) -> String {
    let front = &page.source.front;
    let boost = front.search.boost;
    let weight = |base: f64| format_weight(base * boost);
    let mut html = String::with_capacity(body.html.len() + 512);
    html.push_str("<html lang=\"");
    html.push_str(&escape(language));
    html.push_str("\"><body><main data-pagefind-body>");
    html.push_str(&format!(
        "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"{}\">{}</h1>",
        weight(TITLE_WEIGHT),
        escape(&page.title)
    ));
    // Metadata only (Pagefind's `meta`, not searched): results can show the date.
    if let Some(date) = last_updated {
        html.push_str(&format!(
            "<span data-pagefind-meta=\"last_updated:{}\" data-pagefind-ignore></span>",
            escape(&date.iso)
        ));
    }
    if let Some(description) = &front.description {
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{}\">{}</p>",
            weight(DESCRIPTION_WEIGHT),
            escape(description)
        ));
    }
    if !front.tags.is_empty() {
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{}\">",
            weight(TAGS_WEIGHT)
        ));
        for tag in &front.tags {
            html.push_str(&format!(
                "<span data-pagefind-filter=\"tag\">{}</span> ",
                escape(tag)
            ));
        }
        html.push_str("</p>");
    }
    if boost == 1.0 {
        html.push_str("<div>");
    } else {
        html.push_str(&format!("<div data-pagefind-weight=\"{}\">", weight(1.0)));
    }
    push_indexed_body(&mut html, &body.html, boost);
    html.push_str("</div></main></body></html>");
    html
}

/// Copies the body without heading self-links (their `#` would end every section title
/// in the results), giving headings boosted weights when the
/// page has a `boost`.
fn push_indexed_body(out: &mut String, body: &str, boost: f64) {
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with(SELF_LINK_OPEN) {
            match rest.find("</a>") {
                Some(end) => rest = &rest[end + "</a>".len()..],
                None => rest = "",
            }
            continue;
        }
        let heading = HEADING_WEIGHTS.iter().find(|(open, _)| {
            rest.starts_with(open) && matches!(rest.as_bytes().get(3), Some(b' ' | b'>'))
        });
        match heading {
            Some((open, base)) if boost != 1.0 => {
                out.push_str(open);
                out.push_str(&format!(
                    " data-pagefind-weight=\"{}\"",
                    format_weight(base * boost)
                ));
                rest = &rest[open.len()..];
            }
            _ => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn format_weight(weight: f64) -> String {
    let clamped = weight.clamp(0.0, MAX_WEIGHT);
    format!("{}", (clamped * 100.0).round() / 100.0)
}

/// The Pagefind files that browsers need (its bundled UI variants are left out: the
/// theme has its own search box).
fn is_needed(name: &str) -> bool {
    name == "pagefind.js"
        || name == "pagefind-worker.js"
        || name == "pagefind-entry.json"
        || name.starts_with("wasm.")
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|folder| name.starts_with(folder))
}

/// Pagefind's index, fed one document at a time in page order (the order numbers the
/// pages inside the index, so it must not depend on thread timing).
struct Indexer {
    runtime: tokio::runtime::Runtime,
    index: pagefind::api::PagefindIndex,
}

impl Indexer {
    fn new(language: &str) -> Result<Self, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the search indexer: {e}"))?;
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let index = pagefind::api::PagefindIndex::new(Some(options))
            .map_err(|e| format!("cannot start the search indexer: {e}"))?;
        Ok(Self { runtime, index })
    }

    fn add(&mut self, document: Document) -> Result<(), String> {
        let Document { url, html } = document;
        self.runtime
            .block_on(self.index.add_html_file(None, Some(url.clone()), html))
            .map(drop)
            .map_err(|e| format!("cannot index {url}: {e}"))
    }

    fn finish(mut self) -> Result<OutputSet, String> {
        let files = self
            .runtime
            .block_on(self.index.get_files())
            .map_err(|e| format!("cannot write the search index: {e}"))?;
        index_files(files)
    }
}

/// Indexes `documents` in `language` and returns the files of the index, by their path
/// in the site; `None` when `keep_going` says to stop before the index is done.
pub fn index(
    documents: Vec<Document>,
    language: &str,
    keep_going: &dyn Fn() -> bool,
) -> Result<Option<OutputSet>, String> {
    let mut indexer = Indexer::new(language)?;
    for document in documents {
        if !keep_going() {
            return Ok(None);
        }
        indexer.add(document)?;
    }
    indexer.finish().map(Some)
}

/// An index made on a thread of its own while the rest of the build goes on: the
/// rendering threads hand over each page's document as soon as its body is ready, in
/// whatever order they finish, and the indexer takes them in page order. Dropping it
/// unfinished stops the indexer.
pub struct BackgroundIndex {
    handover: Option<mpsc::Sender<(usize, Option<Document>)>>,
    stop: Arc<AtomicBool>,
    worker: Option<JoinHandle<Result<Option<OutputSet>, String>>>,
}

impl BackgroundIndex {
    pub fn start(language: &str) -> Self {
        let (sender, receiver) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let language = language.to_string();
        let stopped = Arc::clone(&stop);
        let worker = std::thread::spawn(move || {
            index_in_page_order(receiver, &language, &|| !stopped.load(Ordering::Relaxed))
        });
        Self {
            handover: Some(sender),
            stop,
            worker: Some(worker),
        }
    }

    /// Hands over the document of the page at `position` in page order; every position
    /// from 0 is offered once, with `None` for a page that search leaves out.
    pub fn offer(&self, position: usize, document: Option<Document>) {
        if let Some(handover) = &self.handover {
            // A send fails only when the indexer has already stopped on an error, which
            // `finish` reports.
            let _ = handover.send((position, document));
        }
    }

    /// Waits for the index of every document offered.
    pub fn finish(mut self) -> Result<OutputSet, String> {
        self.handover = None;
        let worker = self.worker.take().expect("a background index has a worker");
        match worker.join() {
            Ok(result) => result.map(Option::unwrap_or_default),
            Err(_) => Err("the search indexer stopped unexpectedly".to_string()),
        }
    }
}

impl Drop for BackgroundIndex {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.handover = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn index_in_page_order(
    handover: mpsc::Receiver<(usize, Option<Document>)>,
    language: &str,
    keep_going: &dyn Fn() -> bool,
) -> Result<Option<OutputSet>, String> {
    let mut indexer = Indexer::new(language)?;
    let mut early = BTreeMap::new();
    let mut next = 0;
    for (position, document) in handover {
        early.insert(position, document);
        while let Some(document) = early.remove(&next) {
            if !keep_going() {
                return Ok(None);
            }
            if let Some(document) = document {
                indexer.add(document)?;
            }
            next += 1;
        }
    }
    // Positions that were never offered leave gaps; what came after them still counts.
    for document in early.into_values().flatten() {
        indexer.add(document)?;
    }
    indexer.finish().map(Some)
}

/// Keeps the files of Pagefind's output that browsers need, by their path in the site.
fn index_files(files: Vec<pagefind::api::SyntheticFile>) -> Result<OutputSet, String> {
    let mut set = OutputSet::default();
    for file in files {
        let path = file.filename.to_string_lossy().replace('\\', "/");
        // Pagefind names its files under its own output folder: keep what follows it.
        let name = path
            .rsplit_once("pagefind/")
            .map_or(path.as_str(), |(_, name)| name);
        // The configuration only allows language tags, which name the index files; this
        // keeps a file of the index from ever landing outside its folder regardless.
        if name.split('/').any(|part| part.is_empty() || part == "..") {
            return Err(format!("the search index has an unsafe file name `{name}`"));
        }
        if is_needed(name) {
            set.files.insert(
                format!("{SEARCH_DIR}{name}"),
                OutputFile::Bytes(Arc::from(file.contents)),
            );
        }
    }
    Ok(set)
}

#[cfg(test)]
mod tests;
