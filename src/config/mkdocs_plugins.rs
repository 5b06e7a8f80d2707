//! Options of Material for MkDocs' own plugins that Waymark applies (`blog`, `tags`,
//! `meta`), read from their entries in `plugins`.

use serde_norway::{Mapping, Value};

/// What Material's own plugins ask of the site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MaterialPlugins {
    pub blog: Option<Blog>,
    /// The page the tags index is appended to (the tags plugin's `tags_file`).
    pub tags_file: Option<String>,
    /// The name of the files giving front-matter to a folder (the meta plugin's
    /// `meta_file`, `.meta.yml`), when the plugin is on.
    pub meta_file: Option<String>,
}

/// The blog plugin's options, with Material's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Blog {
    /// The blog's folder in the docs (`blog`; empty for a blog at the root).
    pub blog_dir: String,
    /// The posts' folder (`blog/posts`).
    pub post_dir: String,
    /// `{date}/{slug}`; also `{categories}` and `{file}`.
    pub post_url_format: String,
    /// `yyyy/MM/dd`: how `{date}` is written in post URLs.
    pub post_url_date_format: String,
    pub archive: bool,
    pub archive_name: Option<String>,
    pub categories: bool,
    pub categories_name: Option<String>,
    /// Posts per listing page (`usize::MAX` without pagination).
    pub per_page: usize,
    pub authors: bool,
    /// The authors file (`blog/.authors.yml`).
    pub authors_file: String,
}

/// The blog plugin's options Waymark applies; any other is named in a warning.
const BLOG_OPTIONS: &[&str] = &[
    "enabled",
    "blog_dir",
    "post_dir",
    "post_url_format",
    "post_url_date_format",
    "archive",
    "archive_name",
    "categories",
    "categories_name",
    "pagination",
    "pagination_per_page",
    "authors",
    "authors_file",
];

const TAGS_OPTIONS: &[&str] = &["enabled", "tags", "tags_file"];

/// Reads the options of Material's plugin `plugin` into `into`. Returns the options that
/// are not applied, for one warning.
pub fn read(plugin: &str, options: &Mapping, into: &mut MaterialPlugins) -> Vec<String> {
    let text = |key: &str| options.get(key).and_then(Value::as_str).map(str::to_string);
    let flag = |key: &str| options.get(key).and_then(Value::as_bool).unwrap_or(true);
    let known = match plugin {
        "blog" => {
            let blog_dir = text("blog_dir").unwrap_or_else(|| "blog".into());
            let blog_dir = blog_dir.trim_matches('/').trim_start_matches("./");
            let blog_dir = if blog_dir == "." { "" } else { blog_dir }.to_string();
            let in_blog = |value: String| {
                let value = value.replace("{blog}", &blog_dir);
                value.trim_matches('/').trim_start_matches("./").to_string()
            };
            into.blog = Some(Blog {
                post_dir: in_blog(text("post_dir").unwrap_or_else(|| "{blog}/posts".into())),
                authors_file: in_blog(
                    text("authors_file").unwrap_or_else(|| "{blog}/.authors.yml".into()),
                ),
                blog_dir,
                post_url_format: text("post_url_format").unwrap_or_else(|| "{date}/{slug}".into()),
                post_url_date_format: text("post_url_date_format")
                    .unwrap_or_else(|| "yyyy/MM/dd".into()),
                archive: flag("archive"),
                archive_name: text("archive_name"),
                categories: flag("categories"),
                categories_name: text("categories_name"),
                per_page: match flag("pagination") {
                    true => options
                        .get("pagination_per_page")
                        .and_then(Value::as_u64)
                        .filter(|&n| n > 0)
                        .map_or(10, |n| n as usize),
                    false => usize::MAX,
                },
                authors: flag("authors"),
            });
            BLOG_OPTIONS
        }
        "tags" => {
            into.tags_file = text("tags_file");
            TAGS_OPTIONS
        }
        "meta" => {
            into.meta_file = Some(text("meta_file").unwrap_or_else(|| ".meta.yml".into()));
            &["enabled", "meta_file"][..]
        }
        _ => &[][..],
    };
    super::extensions::unknown_keys(options, known)
}
