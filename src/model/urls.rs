//! Page URLs, output file paths and relative links between them.
//!
//! A URL here is a path from the site root with a trailing slash for pages
//! (`guide/setup/`, or `` for the home page) and none for files (`img/a.png`).

/// The folder of the output that Waymark fills itself: the theme's assets and the search
/// index.
pub const GENERATED_FOLDER: &str = "_waymark/";

/// Files at the top of the output that Waymark writes itself.
const GENERATED_FILES: &[&str] = &["404.html", "sitemap.xml"];

/// Whether the output path `rel` (`/` separators) is one Waymark writes itself, so that
/// a content file there would replace it.
pub fn is_generated(rel: &str) -> bool {
    rel.starts_with(GENERATED_FOLDER) || GENERATED_FILES.contains(&rel)
}

/// The pretty URL of the page at `rel_path` (`a/b.md` -> `a/b/`, `a/index.md` -> `a/`).
pub fn page_url(rel_path: &str) -> String {
    let stem = rel_path.strip_suffix(".md").unwrap_or(rel_path);
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

fn push_encoded(out: &mut String, path: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => {
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 15) as usize] as char);
            }
        }
    }
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls() {
        assert_eq!(page_url("index.md"), "");
        assert_eq!(page_url("a/index.md"), "a/");
        assert_eq!(page_url("a/b.md"), "a/b/");
        assert_eq!(page_url("setup.md"), "setup/");
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
    }
}
