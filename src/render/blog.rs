//! What pages of a blog show: a post's date, authors and categories, and on listing
//! pages the posts' excerpts, taken from their rendered bodies.

use super::theme::Words;
use super::views::{AuthorView, LinkView, ListingView, PostView};
use crate::markdown::Body;
use crate::model::blog::Date;
use crate::model::{urls, Page, Site};
use std::sync::Arc;

/// Where a post's excerpt ends (Material's default `post_excerpt_separator`).
const SEPARATOR: &str = "<!-- more -->";

/// A date in the theme's language (`date_long`, with `month_names`).
pub fn format_date(words: &Words, (year, month, day): Date) -> String {
    let month = words
        .get("month_names")
        .split(',')
        .nth(month as usize - 1)
        .unwrap_or_default()
        .trim();
    words
        .get("date_long")
        .replace("{year}", &year.to_string())
        .replace("{month}", month)
        .replace("{day}", &day.to_string())
}

/// The post shown on a page at `from_url`, with its excerpt when listed.
fn post_view(
    site: &Site,
    index: usize,
    from_url: &str,
    words: &Words,
    excerpt: Option<&Body>,
) -> PostView {
    let blog = site.blog.as_ref().expect("posts belong to a blog");
    let post = &blog.posts[index];
    let page = site.page(post.page);
    let root = urls::root_prefix(from_url);
    PostView {
        title: page.title.clone(),
        href: urls::relative_href(from_url, &page.url),
        date: format_date(words, post.date),
        date_iso: format!("{:04}-{:02}-{:02}", post.date.0, post.date.1, post.date.2),
        authors: post
            .authors
            .iter()
            .filter_map(|key| blog.authors.get(key))
            .map(|author| AuthorView {
                name: author.name.clone(),
                description: author.description.clone(),
                // Images at other hosts are not loaded.
                avatar: author
                    .avatar
                    .as_deref()
                    .filter(|a| !crate::model::links::is_external(a) && !a.starts_with("//"))
                    .map(|a| format!("{root}{}", a.trim_start_matches('/'))),
            })
            .collect(),
        categories: post
            .categories
            .iter()
            .map(|(name, target)| LinkView {
                title: name.clone(),
                href: target.map_or_else(String::new, |id| {
                    urls::relative_href(from_url, &site.page(id).url)
                }),
            })
            .collect(),
        readtime: words
            .get("blog_read_time")
            .replace("{minutes}", &post.readtime.to_string()),
        excerpt_html: excerpt.map(|body| excerpt_html(&body.html, &page.url, from_url)),
    }
}

/// The post shown on its own page.
pub fn post(site: &Site, page: &Page, words: &Words) -> Option<PostView> {
    let index = *site.blog.as_ref()?.post_of.get(&page.id)?;
    Some(post_view(site, index, &page.url, words, None))
}

/// The posts a listing page shows, with their excerpts.
pub fn listing(
    site: &Site,
    page: &Page,
    bodies: &[Arc<Body>],
    words: &Words,
) -> Option<ListingView> {
    let blog = site.blog.as_ref()?;
    let listing = blog.listings.get(&page.id)?;
    let href = |id| urls::relative_href(&page.url, &site.page(id).url);
    Some(ListingView {
        posts: listing
            .posts
            .iter()
            .map(|&i| {
                post_view(
                    site,
                    i,
                    &page.url,
                    words,
                    Some(&bodies[blog.posts[i].page.0 as usize]),
                )
            })
            .collect(),
        newer: listing.newer.map(href),
        older: listing.older.map(href),
    })
}

/// The part of a post's HTML before the separator (all of it without one), without its
/// title, its links made relative to the listing page.
fn excerpt_html(html: &str, post_url: &str, listing_url: &str) -> String {
    let html = html
        .split(SEPARATOR)
        .next()
        .unwrap_or_default()
        .trim_start();
    let html = match html.starts_with("<h1") {
        true => html.split_once("</h1>").map_or(html, |(_, rest)| rest),
        false => html,
    };
    rebase_links(html, post_url, listing_url)
}

/// `href` and `src` values of `html` that are relative to `from` (a site URL), made
/// relative to `to`.
fn rebase_links(html: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = [" href=\"", " src=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| i + a.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        let relative = !(value.is_empty() || value.starts_with(['#', '/']) || value.contains(':'));
        match relative {
            true => {
                let (path, suffix) = value
                    .find(['#', '?'])
                    .map_or((value, ""), |i| value.split_at(i));
                let target = resolve(from, &urls::decode_path(path));
                out.push_str(&urls::relative_href(to, &target));
                out.push_str(suffix);
            }
            false => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `path` relative to the page at `from`, as a site path.
fn resolve(from: &str, path: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_end_at_the_separator_and_keep_their_links_working() {
        let html = "<h1 id=\"t\">Title</h1>\n<p><a href=\"../../../../../guide/\">Guide</a> <img src=\"pic.png\"> <a href=\"#x\">x</a></p>\n<!-- more -->\n<p>Rest</p>";
        let excerpt = excerpt_html(html, "blog/2024/01/31/post/", "blog/");
        assert_eq!(
            excerpt,
            "\n<p><a href=\"../guide/\">Guide</a> <img src=\"2024/01/31/post/pic.png\"> <a href=\"#x\">x</a></p>\n"
        );
    }
}
