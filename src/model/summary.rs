//! The navigation of an mdBook book, from the entries of its `SUMMARY.md` (read by
//! [`crate::config::summary`]): chapters in the order listed, numbered as mdBook numbers
//! them, part titles as sections over their chapters, drafts listed without a link.

use super::nav::{Nav, NavItem, NavTarget};
use super::Page;
use crate::config::mdbook::MdBook;
use crate::config::summary::{Chapter, SummaryItem};
use crate::diag::{closest, Diagnostic, Location};
use crate::load::Source;
use std::collections::HashMap;

/// The navigation of `book`, and an error at `SUMMARY.md:line` for each chapter whose
/// file is missing (`left_out`: the files that are not chapters, for did-you-mean hints).
pub fn nav(book: &MdBook, pages: &[Page], left_out: &[String]) -> (Nav, Vec<Diagnostic>) {
    // A README that stands in for a folder's index may be listed by either path.
    let by_path: HashMap<&str, &Page> = pages
        .iter()
        .flat_map(|p| [(p.rel_path.as_str(), p), (p.source.rel_path.as_str(), p)])
        .collect();
    let mut builder = Builder {
        book,
        by_path,
        left_out,
        problems: Vec::new(),
    };
    let mut items: Vec<NavItem> = Vec::new();
    // The part whose numbered chapters are being listed, as an index into `items`.
    let mut part: Option<usize> = None;
    for item in &book.summary {
        match item {
            SummaryItem::Part { title, .. } => {
                items.push(NavItem {
                    title: title.clone(),
                    target: NavTarget::Group,
                    children: Vec::new(),
                });
                part = Some(items.len() - 1);
            }
            SummaryItem::Separator => {}
            SummaryItem::Chapter(chapter) => {
                let entry = builder.item(chapter);
                match part.filter(|_| !chapter.number.is_empty()) {
                    Some(part) => items[part].children.push(entry),
                    None => items.push(entry),
                }
            }
        }
    }
    (Nav::finish(items, pages.len()), builder.problems)
}

/// mdBook builds only the chapters SUMMARY.md lists (and the not-found page): the other
/// Markdown files are left out of `sources`, said in one note at the info level. Returns
/// their paths.
pub fn keep_listed(
    book: &MdBook,
    not_found_page: Option<&str>,
    sources: &mut Vec<Source>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let listed = titles(book);
    let mut left_out = Vec::new();
    sources.retain(|source| {
        let keep = listed.contains_key(source.rel_path.as_str())
            || not_found_page == Some(source.rel_path.as_str());
        if !keep {
            left_out.push(source.rel_path.clone());
        }
        keep
    });
    if let Some(first) = left_out.first() {
        problems.push(
            Diagnostic::info(format!(
                "{} Markdown file{} not in SUMMARY.md, so not built, as in mdBook: {}",
                left_out.len(),
                if left_out.len() == 1 { " is" } else { "s are" },
                left_out.join(", ")
            ))
            .in_file(&book.summary_file)
            .with_hint(format!("list `{first}` in SUMMARY.md to make it a chapter")),
        );
    }
    left_out
}

/// The title a chapter sets with `{{#title ...}}` (mdBook's links preprocessor), which
/// names the page rather than its entry in the navigation.
pub fn title_directive(body: &str) -> Option<&str> {
    const OPEN: &str = "{{#title ";
    let at = body.find(OPEN)?;
    if body[..at].ends_with('\\') {
        return None;
    }
    let rest = &body[at + OPEN.len()..];
    let title = rest[..rest.find("}}")?].trim();
    (!title.is_empty() && !title.contains('\n')).then_some(title)
}

/// The title each page gets from SUMMARY.md, as mdBook names its chapters.
pub fn titles(book: &MdBook) -> HashMap<&str, &str> {
    fn walk<'a>(chapter: &'a Chapter, titles: &mut HashMap<&'a str, &'a str>) {
        if let Some(path) = &chapter.path {
            titles
                .entry(path.as_str())
                .or_insert(chapter.title.as_str());
        }
        for child in &chapter.children {
            walk(child, titles);
        }
    }
    let mut titles = HashMap::new();
    for item in &book.summary {
        if let SummaryItem::Chapter(chapter) = item {
            walk(chapter, &mut titles);
        }
    }
    titles
}

struct Builder<'a> {
    book: &'a MdBook,
    by_path: HashMap<&'a str, &'a Page>,
    left_out: &'a [String],
    problems: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn item(&mut self, chapter: &Chapter) -> NavItem {
        let label = chapter.label();
        let title = match self.book.section_labels && !label.is_empty() {
            true => format!("{label} {}", chapter.title),
            false => chapter.title.clone(),
        };
        let target = match &chapter.path {
            None => NavTarget::Group,
            Some(path) => match self.by_path.get(path.as_str()) {
                Some(page) => NavTarget::Page(page.id),
                None => {
                    self.missing(chapter, path);
                    NavTarget::Group
                }
            },
        };
        NavItem {
            title,
            target,
            children: chapter.children.iter().map(|c| self.item(c)).collect(),
        }
    }

    fn missing(&mut self, chapter: &Chapter, path: &str) {
        let files = self.by_path.keys().copied();
        let hint = match closest(path, files.chain(self.left_out.iter().map(String::as_str))) {
            Some(near) => format!("did you mean `{near}`? Paths are relative to the folder of SUMMARY.md"),
            None => "paths are relative to the folder of SUMMARY.md; `[Title]()` lists a chapter not written yet".into(),
        };
        self.problems.push(
            Diagnostic::error(format!(
                "SUMMARY.md lists `{path}` for `{}`, but there is no such file",
                chapter.title
            ))
            .in_file(&self.book.summary_file)
            .at(Location::line_in_text(
                &self.book.summary_text,
                chapter.line,
            ))
            .with_hint(hint),
        );
    }
}
