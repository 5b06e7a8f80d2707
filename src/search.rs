//! Full-text search. Each page gives the indexer a document of its main content (no
//! navigation, header or footer), with its title, description and tags weighted above
//! the text; Waymark's indexer (`index`) reads and stems each document on the thread
//! that rendered the page, then writes an index in Pagefind's format, split into chunks
//! that Pagefind's browser runtime loads on demand.

mod index;

use crate::markdown::Body;
use crate::model::{Page, Site};
use crate::output::{OutputFile, OutputSet};
pub use index::{IndexedPage, PAGEFIND_VERSION};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Where the index and Pagefind's scripts go in the site.
pub const SEARCH_DIR: &str = "_waymark/search/";

/// What one page gives the indexer.
#[derive(Debug, Clone)]
pub struct Document {
    /// The page's URL from the site root, starting with `/` (`/guide/setup/`).
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// `search: {boost}`: scales every weight of the page.
    pub boost: f64,
    /// When the page last changed (`2024-03-14`), shown beside results.
    pub last_updated: Option<String>,
    /// The rendered body, whose text is indexed without its heading self-links.
    pub body: Arc<Body>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.url == other.url
            && self.title == other.title
            && self.description == other.description
            && self.tags == other.tags
            && self.boost == other.boost
            && self.last_updated == other.last_updated
            && (Arc::ptr_eq(&self.body, &other.body) || self.body.html == other.body.html)
    }
}

/// What `page` gives the indexer; `None` when `search: {exclude: true}` or the
/// exclude-search plugin leaves it out, or when it is only the not-found page.
pub fn document(site: &Site, page: &Page, body: &Arc<Body>) -> Option<Document> {
    let front = &page.source.front;
    let in_nav = site
        .nav
        .positions
        .get(page.id.0 as usize)
        .is_some_and(Option::is_some);
    let plugin_excludes = site.config.search_exclude.as_ref();
    let excluded = front.search.exclude
        || plugin_excludes.is_some_and(|x| x.leaves_out(&page.rel_path, in_nav));
    (!excluded && site.is_published(page.id)).then(|| Document {
        url: format!("/{}", page.url),
        title: page.title.clone(),
        description: front.description.clone(),
        tags: front.tags.clone(),
        boost: front.search.boost,
        last_updated: site
            .last_updated
            .get(page.id.0 as usize)
            .and_then(Option::as_ref)
            .map(|date| date.iso.clone()),
        body: Arc::clone(body),
    })
}

/// Reads and stems one document: the part of the work done page by page, in parallel.
pub fn index_page(document: &Document, language: &str) -> Option<Arc<IndexedPage>> {
    index::index_page(document, language).map(Arc::new)
}

/// Writes the index of `pages` (in page order) in `language`: the files, by their path in
/// the site.
pub fn write_index(pages: &[Arc<IndexedPage>], language: &str) -> Result<OutputSet, String> {
    let mut index = index::Index::default();
    for (position, page) in pages.iter().enumerate() {
        index.add(position, page);
    }
    files(index, language)
}

fn files(index: index::Index, language: &str) -> Result<OutputSet, String> {
    let mut set = OutputSet::default();
    for (name, contents) in index.write(language) {
        // The configuration only allows language tags, which name the index files; this
        // keeps a file of the index from ever landing outside its folder regardless.
        if name.split('/').any(|part| part.is_empty() || part == "..") {
            return Err(format!("the search index has an unsafe file name `{name}`"));
        }
        set.files.insert(
            format!("{SEARCH_DIR}{name}"),
            OutputFile::Bytes(Arc::from(contents)),
        );
    }
    Ok(set)
}

/// Indexes `documents` in `language` and returns the files of the index, by their path
/// in the site; `None` when `keep_going` says to stop before the index is done. Pages
/// whose document is in `memo` are not read again; `memo` then holds these documents.
pub fn index(
    documents: Vec<Arc<Document>>,
    language: &str,
    keep_going: &(dyn Fn() -> bool + Sync),
    memo: &mut IndexMemo,
) -> Result<Option<OutputSet>, String> {
    if memo.language != language {
        *memo = IndexMemo {
            language: language.to_string(),
            ..IndexMemo::default()
        };
    }
    let known = &memo.pages;
    let pages: Option<Vec<Indexed>> = documents
        .into_par_iter()
        .map(|document| {
            let page = match known.get(&document.url) {
                // The preview hands an unchanged page's document over as the same one.
                Some((old, page)) if Arc::ptr_eq(old, &document) || **old == *document => {
                    page.clone()
                }
                _ => index_page(&document, language),
            };
            keep_going().then_some((document, page))
        })
        .collect();
    let Some(pages) = pages.filter(|_| keep_going()) else {
        return Ok(None);
    };
    let read: Vec<Arc<IndexedPage>> = pages.iter().filter_map(|(_, page)| page.clone()).collect();
    let index = write_index(&read, language);
    memo.pages = pages
        .into_iter()
        .map(|(document, page)| (document.url.clone(), (document, page)))
        .collect();
    index.map(Some)
}

/// A page's document and what the indexer read of it, if anything.
type Indexed = (Arc<Document>, Option<Arc<IndexedPage>>);

/// What the preview's last index read of each page, by URL, so that the next index reads
/// only the pages that changed.
#[derive(Default)]
pub struct IndexMemo {
    language: String,
    pages: HashMap<String, Indexed>,
}

/// An index made while the rest of the build goes on: the rendering threads hand over
/// each page's document as soon as its body is ready, in whatever order they finish; it
/// is read, stemmed and merged into the index right there, so that only the index is
/// kept, not every page's words.
pub struct BackgroundIndex {
    language: String,
    index: Mutex<index::Index>,
}

impl BackgroundIndex {
    pub fn start(language: &str) -> Self {
        Self {
            language: language.to_string(),
            index: Mutex::default(),
        }
    }

    /// Hands over the document of the page at `position` in page order, `None` for a page
    /// that search leaves out.
    pub fn offer(&self, position: usize, document: Option<Document>) {
        let Some(page) = document.and_then(|document| index_page(&document, &self.language)) else {
            return;
        };
        self.index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .add(position, &page);
    }

    /// Writes the index of every document offered so far, once they are all in.
    pub fn write(&self) -> Result<OutputSet, String> {
        let index = std::mem::take(
            &mut *self
                .index
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        files(index, &self.language)
    }
}

#[cfg(test)]
mod tests;
