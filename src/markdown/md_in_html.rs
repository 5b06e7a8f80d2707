//! `markdown` on block-level HTML (`<div markdown>`, `markdown="1"`, `"block"`, `"span"`):
//! the content is Markdown. The block pass rewrites the opening tag without the attribute,
//! finds the matching closing tag, and hands the content back to the parser (block mode) or
//! renders it as inline Markdown (span mode).

/// How the content of a `markdown` element is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Block,
    Span,
}

/// An opening tag that carries `markdown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// Lowercased tag name.
    pub tag: String,
    /// The opening tag without the `markdown` attribute.
    pub rewritten: String,
    pub mode: Mode,
    /// Byte length of the opening tag in the line.
    pub len: usize,
}

/// Tags whose content `markdown="1"` parses as inline text, as Python-Markdown does.
const SPAN_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "legend",
    "summary",
    "figcaption",
];

/// Block-level tags: an HTML block opened by one of these keeps its content raw in
/// Python-Markdown unless it has `markdown`.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "ul",
];

/// The tag name at the start of `rest` (after `<`), lowercased, if it is an opening tag.
pub fn tag_name(rest: &str) -> Option<String> {
    let name = rest.strip_prefix('<')?;
    let len = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(name.len());
    if len == 0 || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    match name[len..].chars().next() {
        None | Some(' ' | '\t' | '>' | '/' | '\n' | '\r') => Some(name[..len].to_ascii_lowercase()),
        _ => None,
    }
}

/// Parses the opening tag at the start of `rest` if it is a block-level tag with `markdown`.
pub fn open(rest: &str) -> Option<Open> {
    let tag = tag_name(rest)?;
    if !BLOCK_TAGS.contains(&tag.as_str()) && tag != "span" {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut i = 1 + tag.len();
    let mut kept = format!("<{}", &rest[1..1 + tag.len()]);
    let mut mode = None;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if bytes[i] == b'>' || rest[i..].starts_with("/>") {
            if rest[i..].starts_with("/>") {
                return None; // self-closing: nothing inside
            }
            kept.push('>');
            let mode = mode?;
            return Some(Open {
                tag,
                rewritten: kept,
                mode,
                len: i + 1,
            });
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = &rest[name_start..i];
        let mut value = None;
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value_start = j;
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = rest[j + 1..].find(q as char)? + j + 1;
                    value = Some(&rest[value_start + 1..end]);
                    j = end + 1;
                }
                Some(_) => {
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = Some(&rest[value_start..j]);
                }
                None => return None,
            }
            i = j;
        }
        if name.is_empty() {
            return None;
        }
        if name.eq_ignore_ascii_case("markdown") {
            mode = Some(match value.map(str::to_ascii_lowercase).as_deref() {
                Some("span") => Mode::Span,
                Some("block") => Mode::Block,
                Some("0") => return None,
                _ if SPAN_TAGS.contains(&tag.as_str()) || tag == "span" => Mode::Span,
                _ => Mode::Block,
            });
        } else {
            kept.push_str(&rest[start..i]);
        }
    }
}

/// Positions of `<tag` openings (+1) and `</tag>` closings (-1) in `text`, in order, with
/// the byte range of each.
pub fn tags<'t>(
    text: &'t str,
    tag: &'t str,
) -> impl Iterator<Item = (i32, std::ops::Range<usize>)> + 't {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find('<').map(|p| p + from) {
        from = pos + 1;
        let after = &lower[pos + 1..];
        let (closing, name_at) = match after.strip_prefix('/') {
            Some(_) => (true, pos + 2),
            None => (false, pos + 1),
        };
        if !lower[name_at..].starts_with(tag) {
            continue;
        }
        let end_of_name = name_at + tag.len();
        let next = lower[end_of_name..].chars().next();
        if !matches!(next, None | Some(' ' | '\t' | '>' | '/' | '\n' | '\r')) {
            continue;
        }
        let end = lower[end_of_name..]
            .find('>')
            .map_or(lower.len(), |e| end_of_name + e + 1);
        if !closing && lower[pos..end].ends_with("/>") {
            continue;
        }
        found.push((if closing { -1 } else { 1 }, pos..end));
        from = end.max(pos + 1);
    }
    found.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_the_attribute_and_picks_the_mode() {
        let o = open("<div class=\"grid cards\" markdown>").unwrap();
        assert_eq!(o.rewritten, "<div class=\"grid cards\">");
        assert_eq!(o.mode, Mode::Block);
        assert_eq!(o.tag, "div");
        let o = open("<p markdown=\"1\" id=x>text</p>").unwrap();
        assert_eq!(o.rewritten, "<p id=x>");
        assert_eq!(o.mode, Mode::Span);
        assert_eq!(o.len, "<p markdown=\"1\" id=x>".len());
        assert_eq!(open("<div markdown='span'>").unwrap().mode, Mode::Span);
        assert_eq!(
            open("<section markdown=\"block\">").unwrap().mode,
            Mode::Block
        );
        assert!(open("<div class=x>").is_none());
        assert!(open("<div markdown=\"0\">").is_none());
        assert!(open("<custom markdown>").is_none());
        assert!(open("<div data-markdown>").is_none());
    }

    #[test]
    fn finds_nested_tags() {
        let found: Vec<i32> = tags("<div a><DIV>x</div><divider></div>", "div")
            .map(|(d, _)| d)
            .collect();
        assert_eq!(found, [1, 1, -1, -1]);
    }
}
