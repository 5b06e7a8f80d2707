//! Page URLs, output file paths and relative links between them.
//!
//! A URL here is a path from the site root with a trailing slash for pages
//! (`guide/setup/`, or `` for the home page) and none for files (`img/a.png`).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The folder of the output that Waymark fills itself: the theme's assets and the search
/// index.
pub const GENERATED_FOLDER: &str = "_waymark/";

/// Where the printable guide is written: every page in reading order on one page.
pub const PRINT_URL: &str = "print.html";

/// Files at the top of the output that Waymark writes itself.
const GENERATED_FILES: &[&str] = &["404.html", "sitemap.xml"];

/// Whether the output path `rel` (`/` separators) is one Waymark writes itself, so that
/// a content file there would replace it.
pub fn is_generated(rel: &str) -> bool {
    rel.starts_with(GENERATED_FOLDER) || GENERATED_FILES.contains(&rel)
}

/// The last part of a path (`guide/intro.md` -> `intro.md`).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The URL of the page at `rel_path`: pretty (`a/b.md` -> `a/b/`, `a/index.md` -> `a/`),
/// or with `directory_urls` off, as MkDocs' `use_directory_urls: false` writes them, the
/// HTML file itself (`a/b.md` -> `a/b.html`, `a/index.md` -> `a/index.html`).
pub fn page_url(rel_path: &str, directory_urls: bool) -> String {
    let stem = rel_path.strip_suffix(".md").unwrap_or(rel_path);
    if !directory_urls {
        return format!("{stem}.html");
    }
    match stem.rsplit_once('/') {
        Some((dir, "index")) => format!("{dir}/"),
        None if stem == "index" => String::new(),
        _ => format!("{stem}/"),
    }
}

/// The file a URL is written to (`a/b/` -> `a/b/index.html`).
pub fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// A relative href from the page at `from` to `to` (both site URLs), percent-encoded.
pub fn relative_href(from: &str, to: &str) -> String {
    let mut href = String::with_capacity(to.len() + 16);
    push_relative_href(&mut href, from, to);
    href
}

/// Appends [`relative_href`] to `out`. It holds only unreserved characters, `/` and
/// percent escapes, so it needs no HTML escaping. Called for every sidebar entry of every
/// page, so it allocates nothing.
pub fn push_relative_href(out: &mut String, from: &str, to: &str) {
    let from_dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
    // The longest shared run of whole folders.
    let mut common = 0;
    for (i, (a, b)) in from_dir.bytes().zip(to.bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    let start = out.len();
    for _ in 0..from_dir[common..].matches('/').count() {
        out.push_str("../");
    }
    push_encoded(out, &to[common..]);
    if out.len() == start {
        out.push_str("./");
    }
}

/// The prefix that leads from the page at `url` back to the site root (`a/b/` -> `../../`).
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Percent-encodes the characters of a path that are not safe in an href.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    push_encoded(&mut out, path);
    out
}

/// What stays as written in an href: unreserved characters (RFC 3986) and `/`.
const ESCAPED_IN_HREF: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

fn push_encoded(out: &mut String, path: &str) {
    // Most paths need no escape, and copying them whole is much quicker than the
    // encoder's piece by piece (sidebars and step rails write dozens per page).
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/');
    if path.bytes().all(plain) {
        out.push_str(path);
    } else {
        out.extend(utf8_percent_encode(path, ESCAPED_IN_HREF));
    }
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn decode_path(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls() {
        assert_eq!(page_url("index.md", true), "");
        assert_eq!(page_url("a/index.md", true), "a/");
        assert_eq!(page_url("a/b.md", true), "a/b/");
        assert_eq!(page_url("setup.md", true), "setup/");
        assert_eq!(page_url("index.md", false), "index.html");
        assert_eq!(page_url("a/index.md", false), "a/index.html");
        assert_eq!(page_url("a/b.md", false), "a/b.html");
        assert_eq!(output_file("a/b.html"), "a/b.html");
        assert_eq!(relative_href("a/b.html", "a/index.html"), "index.html");
        assert_eq!(relative_href("a/b.html", "c.html"), "../c.html");
        assert_eq!(root_prefix("a/b.html"), "../");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("a/b/"), "a/b/index.html");
        assert_eq!(output_file("img/x.png"), "img/x.png");
    }

    #[test]
    fn relative_hrefs_between_pages_and_files() {
        assert_eq!(relative_href("", ""), "./");
        assert_eq!(relative_href("a/b/", "a/b/"), "./");
        assert_eq!(relative_href("a/b/", "a/c/"), "../c/");
        assert_eq!(relative_href("a/b/", ""), "../../");
        assert_eq!(relative_href("", "a/b/"), "a/b/");
        assert_eq!(relative_href("a/", "a/img/x.png"), "img/x.png");
        assert_eq!(
            relative_href("x/y/", "a/my file.pdf"),
            "../../a/my%20file.pdf"
        );
        assert_eq!(relative_href("404.html", "a/"), "a/");
        assert_eq!(relative_href("ab/c/", "a/"), "../../a/");
        assert_eq!(relative_href("a/b/", "a/"), "../");
        assert_eq!(relative_href("a/b/", "a/b/c.png"), "c.png");
        assert_eq!(relative_href("", "é/"), "%C3%A9/");
    }

    #[test]
    fn encodes_all_but_unreserved_characters_and_slashes() {
        assert_eq!(encode_path("Az09-_.~/"), "Az09-_.~/");
        assert_eq!(
            encode_path(" !\"#$%&'()*+,:;<=>?@[\\]^`{|}"),
            "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D"
        );
        assert_eq!(encode_path("\u{7f}\t"), "%7F%09");
        assert_eq!(encode_path("ä€😀"), "%C3%A4%E2%82%AC%F0%9F%98%80");
        // One character at a time, so that none slips through the shortcut for paths with
        // nothing to encode.
        for c in (0u8..128).map(char::from) {
            let plain = format!("a{c}");
            let encoded = utf8_percent_encode(&plain, ESCAPED_IN_HREF).to_string();
            assert_eq!(encode_path(&plain), encoded, "{c:?}");
        }
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("a/b/"), "../../");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode_path("my%20file.md"), "my file.md");
        assert_eq!(decode_path("100%"), "100%");
        assert_eq!(decode_path("%zz"), "%zz");
        assert_eq!(decode_path("%é"), "%é");
        assert_eq!(decode_path("%2"), "%2");
        assert_eq!(decode_path("%C3%a4%2F"), "ä/");
        assert_eq!(decode_path("%FF"), "\u{FFFD}");
    }
}
