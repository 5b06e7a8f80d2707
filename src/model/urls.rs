//! Page URLs, output file paths and relative links between them.
//!
//! A URL here is a path from the site root with a trailing slash for pages
//! (`guide/setup/`, or `` for the home page) and none for files (`img/a.png`).

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
    let from_dir: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let from_dir = if from.ends_with('/') || from.is_empty() {
        &from_dir[..]
    } else {
        &from_dir[..from_dir.len().saturating_sub(1)]
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut href = "../".repeat(from_dir.len() - common);
    href.push_str(&encode_path(&to_parts[common..].join("/")));
    if href.is_empty() {
        "./".to_string()
    } else {
        href
    }
}

/// The prefix that leads from the page at `url` back to the site root (`a/b/` -> `../../`).
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Percent-encodes the characters of a path that are not safe in an href.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
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
