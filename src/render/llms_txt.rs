//! `llms.txt` (mkdocs-llmstxt): the guide's pages for language models, listed by
//! section with full addresses; each listed page is also written as Markdown beside its
//! HTML (`settings/index.md` beside `settings/index.html`), and with `full_output` all of
//! them into one file. The Markdown is made from the rendered page, as the plugin makes it,
//! so that what snippets and includes put in a page is there too.

use super::relink::{push_moved, Move};
use crate::config::llms_txt::{Entry, LlmsTxt};
use crate::diag::Diagnostic;
use crate::markdown::{find_ascii_case_insensitive, Body};
use crate::model::{urls, Page, PageId, Site};
use crate::output::OutputSet;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, HrStyle, LinkStyle, Options};
use htmd::{Element, HtmlToMarkdown};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The pages each section lists, in order, with their descriptions.
struct Listing<'a> {
    sections: Vec<(&'a str, Vec<(PageId, &'a str)>)>,
    /// Entries that name no page of the site.
    unmatched: Vec<&'a Entry>,
}

/// Resolves the sections' entries to pages: a name to the page of that file, a pattern
/// (with `*`) to every page whose file it matches, in the site's order of pages.
fn listing<'a>(site: &'a Site, settings: &'a LlmsTxt) -> Listing<'a> {
    // Pages with a file (not generated section pages), in MkDocs' order of files.
    let mut files: Vec<&Page> = site.pages[..site.first_generated]
        .iter()
        .filter(|page| site.is_published(page.id))
        .collect();
    files.sort_by_cached_key(|page| file_order(&page.source.rel_path));
    let by_path: HashMap<&str, &Page> = files
        .iter()
        .map(|page| (page.source.rel_path.as_str(), *page))
        .collect();
    let mut unmatched = Vec::new();
    let sections = settings
        .sections
        .iter()
        .map(|section| {
            let mut pages: Vec<(PageId, &str)> = Vec::new();
            // Where each page is in `pages`.
            let mut places: HashMap<PageId, usize> = HashMap::new();
            for entry in &section.entries {
                let matched_pages: Vec<&Page> = match &entry.pattern {
                    Some(pattern) => files
                        .iter()
                        .copied()
                        .filter(|page| pattern.matches(&page.source.rel_path))
                        .collect(),
                    None => by_path
                        .get(entry.file.as_str())
                        .copied()
                        .into_iter()
                        .collect(),
                };
                if matched_pages.is_empty() && entry.pattern.is_none() {
                    unmatched.push(entry);
                }
                for page in matched_pages {
                    // A page listed twice keeps its first place and the last description,
                    // as the plugin's mapping of pages does.
                    match places.get(&page.id) {
                        Some(&at) => pages[at].1 = &entry.description,
                        None => {
                            places.insert(page.id, pages.len());
                            pages.push((page.id, &entry.description));
                        }
                    }
                }
            }
            (section.name.as_str(), pages)
        })
        .collect();
    Listing {
        sections,
        unmatched,
    }
}

/// MkDocs' order of files: by folder, a folder's index page (`index.md`, `README.md`)
/// first, then its files by name.
fn file_order(rel_path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = rel_path.split('/').collect();
    if let Some(name) = parts.last_mut() {
        if *name == "index.md" || name.eq_ignore_ascii_case("readme.md") {
            *name = "";
        }
    }
    parts
}

/// Warnings for the entries that name no page (the plugin skips them with a warning), and
/// for listed pages too deeply nested to convert.
pub fn problems(site: &Site, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
    let Some(settings) = &site.config.llms_txt else {
        return Vec::new();
    };
    let listing = listing(site, settings);
    let unmatched = listing.unmatched.iter().map(|entry| {
        let (file, location) = entry.place.clone();
        Diagnostic::warning(format!(
            "plugin `llmstxt`: `{}` is not a page of the site; llms.txt leaves it out",
            entry.file
        ))
        .in_file(file)
        .at(location)
        .with_hint("name the page's file as it is in the docs folder, such as `guide/setup.md`, or match several with `*`")
    });
    let too_deep = listed_pages(&listing)
        .into_iter()
        .filter(|id| nesting_depth(&bodies[id.0 as usize].html) > MAX_DEPTH)
        .map(|id| {
            Diagnostic::warning(format!(
                "plugin `llmstxt`: this page's HTML nests more than {MAX_DEPTH} levels deep; its Markdown file holds its text without markup"
            ))
            .in_file(&site.page(id).source.display_path)
            .with_hint("elements nested this deep are almost always a mistake, such as tags opened and never closed")
        });
    unmatched.chain(too_deep).collect()
}

/// Every listed page once, in the site's order.
fn listed_pages(listing: &Listing) -> Vec<PageId> {
    let mut pages: Vec<PageId> = listing
        .sections
        .iter()
        .flat_map(|(_, pages)| pages.iter().map(|(id, _)| *id))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// Deeper than this, a page is not converted: the converter walks elements recursively,
/// and tens of thousands of nested elements (`<div>` written over and over, or `>` at the
/// start of a line) would overflow a thread's stack. Real pages nest a few dozen at most.
const MAX_DEPTH: usize = 200;

/// How deeply the elements of `html` nest, as written: end tags the HTML parser would
/// imply are not inferred, so this may count more than the parser's tree has, never less.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        if let Some(name) = tag.strip_prefix('/') {
            if !name.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let skip = find_ascii_case_insensitive(rest, &close).unwrap_or(rest.len());
            rest = &rest[skip..];
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

/// The text of `html` without its markup: what a page too deep to convert gets.
fn text_only(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]);
    }
    text.push_str(rest);
    let text = html_escape::decode_html_entities(&text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n\n")
}

/// The files to write, by their paths in the site: `llms.txt`, each listed page's
/// Markdown, and the `full_output` file. After an edit that left the site's structure as
/// it was, `edited` holds the previous site and the pages edited since: the other pages'
/// Markdown is taken from it rather than converted again.
pub fn files(
    site: &Site,
    bodies: &[Arc<Body>],
    edited: Option<(&OutputSet, &[PageId])>,
) -> Vec<(String, String)> {
    let Some(settings) = &site.config.llms_txt else {
        return Vec::new();
    };
    let listing = listing(site, settings);
    let converter = converter(settings.autoclean);
    let unchanged = |id: PageId| {
        let (previous, edited) = edited?;
        let bytes = previous
            .bytes(&markdown_path(site.page(id)))
            .filter(|_| !edited.contains(&id))?;
        String::from_utf8(bytes.to_vec()).ok()
    };
    let markdown: Vec<(PageId, String)> = listed_pages(&listing)
        .par_iter()
        .map(|&id| {
            if let Some(text) = unchanged(id) {
                return (id, text);
            }
            let html = absolute_links(site.page(id), &bodies[id.0 as usize], &settings.base_url);
            let html = without_highlighting(&html);
            let text = match nesting_depth(&html) > MAX_DEPTH {
                true => text_only(&html),
                false => converter.convert(&html).unwrap_or_default(),
            };
            (id, format!("{}\n", text.trim()))
        })
        .collect();
    let markdown_of = |id: PageId| {
        let at = markdown.binary_search_by_key(&id, |(page, _)| *page);
        at.map_or("", |at| markdown[at].1.as_str())
    };

    let mut head = format!("# {}\n\n", site.config.title);
    if !site.config.description.is_empty() {
        head.push_str(&format!("> {}\n\n", site.config.description));
    }
    if let Some(description) = &settings.markdown_description {
        head.push_str(&format!("{description}\n\n"));
    }
    let mut index = head.clone();
    let mut full = head;
    for (name, pages) in &listing.sections {
        index.push_str(&format!("## {name}\n\n"));
        for &(id, description) in pages {
            let page = site.page(id);
            let url = format!(
                "{}{}",
                settings.base_url,
                urls::encode_path(&markdown_path(page))
            );
            index.push_str(&format!("- [{}]({url})", page.title));
            if !description.is_empty() {
                index.push_str(&format!(": {description}"));
            }
            index.push('\n');
        }
        index.push('\n');
        if settings.full_output.is_some() {
            let contents: Vec<&str> = pages.iter().map(|&(id, _)| markdown_of(id)).collect();
            full.push_str(&format!("# {name}\n\n{}", contents.join("\n")));
        }
    }

    let mut files = vec![("llms.txt".to_string(), index)];
    if let Some(path) = &settings.full_output {
        files.push((path.trim_start_matches('/').to_string(), full));
    }
    files.extend(
        markdown
            .into_iter()
            .map(|(id, text)| (markdown_path(site.page(id)), text)),
    );
    files
}

/// Where a page's Markdown goes: beside its HTML file, ending in `.md`.
fn markdown_path(page: &Page) -> String {
    let html = urls::output_file(&page.url);
    match html.strip_suffix(".html") {
        Some(stem) => format!("{stem}.md"),
        None => format!("{html}.md"),
    }
}

/// The page's body with its links to the site's pages and files made full addresses, as
/// they must be in a file read apart from the site; a folder's address names its page's
/// Markdown file.
fn absolute_links(page: &Page, body: &Body, base_url: &str) -> String {
    let mut html = String::with_capacity(body.html.len() + 256);
    // A folder's address leads to its page's Markdown, as the plugin writes it.
    let link = |path: &str, rest: &str| match rest.is_empty()
        && (path.is_empty() || path.ends_with('/'))
    {
        true => format!("{base_url}{path}index.md"),
        false => format!("{base_url}{path}{rest}"),
    };
    let how = Move {
        from: &page.url,
        id_prefix: None,
        link: &link,
    };
    push_moved(&mut html, &body.html, &how);
    html
}

/// `html` without the highlighting's `<span>`s inside `<pre>` elements: code comes out
/// as plain text anyway, and a highlighted block holds a few elements a line, which the
/// converter would otherwise build and walk one by one (most of its time on code-heavy
/// pages).
fn without_highlighting(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_ascii_case_insensitive(rest, "<pre") {
        let end =
            find_ascii_case_insensitive(&rest[start..], "</pre>").map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        let mut code = &rest[start..end];
        let is_span = |tag: &str| tag.starts_with("<span") || tag.starts_with("</span>");
        while let Some((open, _)) = code
            .match_indices('<')
            .find(|(at, _)| is_span(&code[*at..]))
        {
            let close = code[open..].find('>').map_or(code.len(), |e| open + e + 1);
            out.push_str(&code[..open]);
            code = &code[close..];
        }
        out.push_str(code);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The converter, with the plugin's choices: `-` bullets, `#` headings, fenced code with
/// the language of its `language-` class; with `autoclean`, without what the plugin
/// cleans away: images, links with nothing left to show, permalinks, icons and tab labels.
fn converter(autoclean: bool) -> HtmlToMarkdown {
    let builder = HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            br_style: BrStyle::Backslash,
            hr_style: HrStyle::Underscores,
            link_style: LinkStyle::InlinedPreferAutolinks,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Options::default()
        })
        .skip_tags(vec!["script", "style", "template"]);
    if !autoclean {
        return builder.build();
    }
    builder
        .add_handler(vec!["img", "svg"], |_: &dyn Handlers, _: Element| {
            Some(HandlerResult::from(""))
        })
        .add_handler(
            vec!["span", "div", "p", "button"],
            |handlers: &dyn Handlers, element: Element| {
                let cleaned =
                    has_class(&element, "twemoji") || has_class(&element, "tabbed-labels");
                match cleaned {
                    true => Some(HandlerResult::from("")),
                    false => handlers.fallback(element),
                }
            },
        )
        .add_handler(vec!["a"], |handlers: &dyn Handlers, element: Element| {
            if has_class(&element, "headerlink")
                || handlers
                    .walk_children(element.node)
                    .content
                    .trim()
                    .is_empty()
            {
                return Some(HandlerResult::from(""));
            }
            handlers.fallback(element)
        })
        .build()
}

fn has_class(element: &Element, class: &str) -> bool {
    element.attrs.iter().any(|attr| {
        &*attr.name.local == "class" && attr.value.split_whitespace().any(|c| c == class)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_counts_open_elements_as_written() {
        assert_eq!(nesting_depth("<p>text</p><p>more</p>"), 1);
        assert_eq!(
            nesting_depth("<ul><li><p>a<br>b<img src=x></p></li></ul>"),
            3
        );
        // Void and self-closed elements, comments and script text open nothing.
        assert_eq!(
            nesting_depth("<div><hr><span/><!-- <div><div> --></div>"),
            1
        );
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div><div>'; }</script><p>x</p>"),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("a < b and <"), 0);
    }

    #[test]
    fn highlighting_is_left_out_of_code_only() {
        assert_eq!(
            without_highlighting("<p><span>kept</span></p><PRE><code><span class=\"hl-a\">x</span> = <span>1</span>\n</code></PRE><span>kept</span>"),
            "<p><span>kept</span></p><PRE><code>x = 1\n</code></PRE><span>kept</span>"
        );
        assert_eq!(without_highlighting("<pre>open <span>a"), "<pre>open a");
    }

    #[test]
    fn text_only_keeps_the_words() {
        assert_eq!(
            text_only("<h1>Title</h1>\n<p>Fish &amp; chips<br>now</p>\n<div><div>deep</div></div>"),
            "Title\n\nFish & chipsnow\n\ndeep"
        );
    }
}
