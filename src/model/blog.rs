//! Material's blog plugin: posts with dates, authors and categories at dated URLs, and
//! the pages listing them (the blog index, yearly archives, categories), paginated.
//! Listing pages are pages of the site like any other; what they list is kept here.

use super::nav::{NavItem, NavTarget};
use super::{Page, PageId};
use crate::config::Blog as Settings;
use crate::diag::{Diagnostic, Location};
use crate::load::authors::Author;
use crate::load::frontmatter::FrontMatter;
use crate::load::Source;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// A calendar date: year, month, day.
pub type Date = (u16, u8, u8);

#[derive(Debug, Clone)]
pub struct Post {
    pub page: PageId,
    pub date: Date,
    pub authors: Vec<String>,
    /// Category names with their page, when categories are on.
    pub categories: Vec<(String, Option<PageId>)>,
    pub readtime: u32,
}

/// One listing page: the posts it shows, and its neighbours in the pagination.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Indices into [`Blog::posts`].
    pub posts: Vec<usize>,
    pub newer: Option<PageId>,
    pub older: Option<PageId>,
}

#[derive(Debug, Default)]
pub struct Blog {
    /// Newest first.
    pub posts: Vec<Post>,
    pub post_of: HashMap<PageId, usize>,
    pub listings: HashMap<PageId, Listing>,
    pub authors: BTreeMap<String, Author>,
    /// Posts and generated listings: kept out of the navigation's own entries.
    members: Vec<PageId>,
    index: Option<PageId>,
    /// Titled groups for the navigation: the archive's years, the categories.
    groups: Vec<(String, Vec<PageId>)>,
}

/// What is known of a post before pages exist.
struct Draft {
    rel_path: String,
    url: String,
    date: Date,
    authors: Vec<String>,
    categories: Vec<String>,
    readtime: u32,
}

/// A listing before pages exist: its pages' paths, each with its slice of posts.
struct Plan {
    title: String,
    /// (path of the listing page, indices into the sorted posts).
    pages: Vec<(String, Vec<usize>)>,
}

/// Prepares the blog: post URLs by source path, generated listing pages added to
/// `sources`, and a function that completes the blog once pages have their ids.
pub struct Prepared {
    pub post_urls: HashMap<String, String>,
    drafts: Vec<Draft>,
    index: Plan,
    groups: Vec<(String, Vec<Plan>)>,
}

fn folder(path: &str) -> String {
    match path.is_empty() {
        true => String::new(),
        false => format!("{path}/"),
    }
}

/// The date of a post: `date: 2024-01-31` or `date: {created: 2024-01-31}`.
fn post_date(meta: &BTreeMap<String, Value>) -> Option<Date> {
    let value = meta.get("date")?;
    let text = value
        .as_str()
        .or_else(|| value.get("created").and_then(Value::as_str))?;
    let mut parts = text.get(..10)?.split('-');
    let mut next = || parts.next()?.parse::<u16>().ok();
    let (year, month, day) = (next()?, next()?, next()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month as u8, day as u8))
}

fn strings(meta: &BTreeMap<String, Value>, key: &str) -> Vec<String> {
    match meta.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

/// Reading time in minutes, as Material estimates it (265 words a minute).
fn reading_time(source: &Source) -> u32 {
    let words = source.body().split_whitespace().count() as u32;
    words.div_ceil(265).max(1)
}

fn generated(rel_path: String, title: &str, display: &std::path::Path) -> Source {
    Source {
        rel_path,
        origin: None,
        display_path: display.to_path_buf(),
        text: "".into(),
        body_offset: 0,
        front: FrontMatter {
            title: Some(title.to_string()),
            ..FrontMatter::default()
        },
    }
}

/// Pages of `per_page` posts: the first at `first`, the others at `{base}page/{n}.md`.
fn paginate(title: String, first: String, base: &str, posts: Vec<usize>, per_page: usize) -> Plan {
    let pages = posts
        .chunks(per_page)
        .enumerate()
        .map(|(i, chunk)| match i {
            0 => (first.clone(), chunk.to_vec()),
            _ => (format!("{base}page/{}.md", i + 1), chunk.to_vec()),
        })
        .collect();
    Plan { title, pages }
}

impl Prepared {
    /// Finds the posts among `sources`, and adds the listing pages to them. `title_of`
    /// gives a page's title (for slugs).
    pub fn new(
        settings: &Settings,
        sources: &mut Vec<Source>,
        title_of: &dyn Fn(&Source) -> String,
        directory_urls: bool,
        problems: &mut Vec<Diagnostic>,
    ) -> Prepared {
        let blog = folder(&settings.blog_dir);
        let posts_dir = folder(&settings.post_dir);
        let mut drafts = Vec::new();
        for source in sources
            .iter()
            .filter(|s| s.rel_path.starts_with(&posts_dir))
        {
            let meta = &source.front.meta;
            let Some(date) = post_date(meta) else {
                problems.push(
                    Diagnostic::error("a blog post needs a `date` in its front-matter")
                        .in_file(&source.display_path)
                        .at(Location::line_in_text(&source.text, 1))
                        .with_hint("add `date: 2024-01-31` (the blog plugin requires it)"),
                );
                continue;
            };
            let categories = strings(meta, "categories");
            let slug = meta
                .get("slug")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| crate::markdown::headings::slugify(&title_of(source)));
            let file = super::urls::file_name(&source.rel_path);
            let date_text = settings
                .post_url_date_format
                .replace("yyyy", &format!("{:04}", date.0))
                .replace("MM", &format!("{:02}", date.1))
                .replace("dd", &format!("{:02}", date.2));
            let categories_path = categories
                .iter()
                .map(|c| crate::markdown::headings::slugify(c))
                .collect::<Vec<_>>()
                .join("/");
            let path = settings
                .post_url_format
                .replace("{date}", &date_text)
                .replace("{slug}", &slug)
                .replace("{categories}", &categories_path)
                .replace("{file}", file.trim_end_matches(".md"));
            let path = path
                .split('/')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("/");
            drafts.push(Draft {
                url: super::urls::page_url(&format!("{blog}{path}.md"), directory_urls),
                rel_path: source.rel_path.clone(),
                date,
                authors: strings(meta, "authors"),
                categories,
                readtime: meta
                    .get("readtime")
                    .and_then(Value::as_u64)
                    .map_or_else(|| reading_time(source), |n| n as u32),
            });
        }
        drafts.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.rel_path.cmp(&b.rel_path))
        });
        let all: Vec<usize> = (0..drafts.len()).collect();
        let display = sources
            .iter()
            .find(|s| s.rel_path.starts_with(&blog))
            .map(|s| s.display_path.clone())
            .unwrap_or_default();
        let index_path = format!("{blog}index.md");
        let index_title = match sources.iter().find(|s| s.rel_path == index_path) {
            Some(index) => title_of(index),
            None => {
                sources.push(generated(index_path.clone(), "Blog", &display));
                "Blog".to_string()
            }
        };
        let index = paginate(index_title, index_path, &blog, all, settings.per_page);
        let by_key = |on: bool,
                      name: &Option<String>,
                      default: &str,
                      key: &dyn Fn(&Draft) -> Vec<(String, String)>| {
            if !on {
                return None;
            }
            let mut lists: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
            for (i, draft) in drafts.iter().enumerate() {
                for (path, title) in key(draft) {
                    lists
                        .entry(path)
                        .or_insert_with(|| (title, Vec::new()))
                        .1
                        .push(i);
                }
            }
            let plans: Vec<Plan> = lists
                .into_iter()
                .map(|(path, (title, posts))| {
                    paginate(
                        title,
                        format!("{path}.md"),
                        &format!("{path}/"),
                        posts,
                        settings.per_page,
                    )
                })
                .collect();
            Some((name.clone().unwrap_or_else(|| default.to_string()), plans))
        };
        let archive = by_key(settings.archive, &settings.archive_name, "Archive", &|d| {
            vec![(format!("{blog}archive/{}", d.date.0), d.date.0.to_string())]
        })
        // Years newest first, as Material lists them.
        .map(|(title, years)| (title, years.into_iter().rev().collect()));
        let categories = by_key(
            settings.categories,
            &settings.categories_name,
            "Categories",
            &|d| {
                d.categories
                    .iter()
                    .map(|c| {
                        (
                            format!("{blog}category/{}", crate::markdown::headings::slugify(c)),
                            c.clone(),
                        )
                    })
                    .collect()
            },
        );
        let groups: Vec<(String, Vec<Plan>)> = archive.into_iter().chain(categories).collect();
        for (_, plans) in &groups {
            for plan in plans {
                for (path, _) in &plan.pages {
                    sources.push(generated(path.clone(), &plan.title, &display));
                }
            }
        }
        for (path, _) in index.pages.iter().skip(1) {
            sources.push(generated(path.clone(), &index.title, &display));
        }
        Prepared {
            post_urls: drafts
                .iter()
                .map(|d| (d.rel_path.clone(), d.url.clone()))
                .collect(),
            drafts,
            index,
            groups,
        }
    }

    /// The blog, once pages have ids (`id_of` finds a page by its path).
    pub fn finish(
        self,
        pages: &[Page],
        authors: BTreeMap<String, Author>,
        problems: &mut Vec<Diagnostic>,
    ) -> Blog {
        let id_of: HashMap<&str, PageId> =
            pages.iter().map(|p| (p.rel_path.as_str(), p.id)).collect();
        let mut blog = Blog {
            authors,
            ..Blog::default()
        };
        let category_page: HashMap<String, PageId> = self
            .groups
            .iter()
            .flat_map(|(_, plans)| plans)
            .filter_map(|plan| {
                let first = &plan.pages[0].0;
                let slug = first.strip_suffix(".md")?.rsplit_once("/category/")?.1;
                Some((slug.to_string(), *id_of.get(first.as_str())?))
            })
            .collect();
        // Plans number posts among the drafts; a draft without a page (left out of the
        // site) is no post, so the numbers are mapped to the posts'.
        let mut post_number: Vec<Option<usize>> = Vec::with_capacity(self.drafts.len());
        for draft in &self.drafts {
            let Some(&page) = id_of.get(draft.rel_path.as_str()) else {
                post_number.push(None);
                continue;
            };
            post_number.push(Some(blog.posts.len()));
            for author in draft
                .authors
                .iter()
                .filter(|a| !blog.authors.contains_key(*a))
            {
                let source = &pages[page.0 as usize].source;
                problems.push(
                    Diagnostic::warning(format!(
                        "blog post author `{author}` is not in the authors file"
                    ))
                    .in_file(&source.display_path)
                    .with_hint("add them to `.authors.yml` in the blog folder"),
                );
            }
            blog.post_of.insert(page, blog.posts.len());
            blog.members.push(page);
            blog.posts.push(Post {
                page,
                date: draft.date,
                authors: draft.authors.clone(),
                categories: draft
                    .categories
                    .iter()
                    .map(|c| {
                        (
                            c.clone(),
                            category_page
                                .get(&crate::markdown::headings::slugify(c))
                                .copied(),
                        )
                    })
                    .collect(),
                readtime: draft.readtime,
            });
        }
        let add = |plan: &[(String, Vec<usize>)], blog: &mut Blog| -> Option<PageId> {
            let ids: Vec<Option<PageId>> = plan
                .iter()
                .map(|(path, _)| id_of.get(path.as_str()).copied())
                .collect();
            for (i, (_, posts)) in plan.iter().enumerate() {
                let Some(id) = ids[i] else { continue };
                blog.listings.insert(
                    id,
                    Listing {
                        posts: posts
                            .iter()
                            .filter_map(|&draft| post_number[draft])
                            .collect(),
                        newer: i.checked_sub(1).and_then(|j| ids[j]),
                        older: ids.get(i + 1).copied().flatten(),
                    },
                );
                blog.members.extend((i > 0).then_some(id));
            }
            ids[0]
        };
        blog.index = add(&self.index.pages, &mut blog);
        for (title, plans) in &self.groups {
            let firsts = plans
                .iter()
                .filter_map(|plan| add(&plan.pages, &mut blog))
                .collect::<Vec<_>>();
            blog.members.extend(&firsts);
            if !firsts.is_empty() {
                blog.groups.push((title.clone(), firsts));
            }
        }
        blog.members.sort();
        blog
    }
}

impl Blog {
    /// Whether the page is a post or a generated listing, which the navigation shows
    /// through the blog's own entries.
    pub fn is_member(&self, page: PageId) -> bool {
        self.members.binary_search(&page).is_ok()
    }

    /// The navigation without posts and generated listings, and with the archive and
    /// categories beside the blog index.
    pub fn arrange_nav(&self, items: &mut Vec<NavItem>, pages: &[Page]) {
        fn prune(items: &mut Vec<NavItem>, blog: &Blog) {
            items.retain_mut(|item| {
                prune(&mut item.children, blog);
                match item.target {
                    NavTarget::Page(page) => !blog.is_member(page),
                    NavTarget::Group => !item.children.is_empty(),
                    NavTarget::External(_) | NavTarget::File(_) => true,
                }
            });
        }
        fn holder(items: &mut Vec<NavItem>, index: PageId) -> Option<&mut Vec<NavItem>> {
            if items.iter().any(|i| i.target == NavTarget::Page(index)) {
                return Some(items);
            }
            items
                .iter_mut()
                .find_map(|item| holder(&mut item.children, index))
        }
        prune(items, self);
        let Some(index) = self.index else { return };
        let Some(level) = holder(items, index) else {
            return;
        };
        let at = level
            .iter()
            .position(|i| i.target == NavTarget::Page(index))
            .map_or(0, |i| i + 1);
        let groups = self.groups.iter().map(|(title, members)| NavItem {
            title: title.clone(),
            target: NavTarget::Group,
            children: members
                .iter()
                .map(|&page| NavItem {
                    title: pages[page.0 as usize].title.clone(),
                    target: NavTarget::Page(page),
                    children: Vec::new(),
                })
                .collect(),
        });
        level.splice(at..at, groups);
    }
}
