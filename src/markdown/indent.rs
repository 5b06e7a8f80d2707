//! Indentation and fences as the MkDocs dialect's line-based passes see them: columns with
//! tabs counting to the next multiple of 4, dedenting by columns, and fenced code at any
//! indentation (fences inside lists, tabs and admonitions are indented).

use super::source_map::SrcLine;
use std::borrow::Cow;

pub const TAB: usize = 4;

/// The line without its line ending.
pub fn content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

pub fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b.is_ascii_whitespace())
}

/// Columns of leading whitespace.
pub fn columns(line: &str) -> usize {
    let mut col = 0;
    for b in line.bytes() {
        match b {
            b' ' => col += 1,
            b'\t' => col += TAB - col % TAB,
            _ => break,
        }
    }
    col
}

/// Removes `n` columns of leading whitespace (fewer if the line has fewer). A tab that
/// spans past `n` leaves the rest of its width as spaces.
pub fn dedent<'a>(line: &SrcLine<'a>, n: usize) -> SrcLine<'a> {
    let text = line.text.as_ref();
    let ws = text.len() - text.trim_start_matches([' ', '\t']).len();
    let leading = &text[..ws];
    if !leading.contains('\t') {
        let cut = n.min(ws);
        let text = match &line.text {
            Cow::Borrowed(s) => Cow::Borrowed(&s[cut..]),
            Cow::Owned(s) => Cow::Owned(s[cut..].to_string()),
        };
        return line.tail(cut, text, 0);
    }
    // Tabs: expand the indentation to spaces, then remove `n` columns.
    let spaces = columns(leading).saturating_sub(n);
    let text = format!("{}{}", " ".repeat(spaces), &text[ws..]);
    let mut rest = line.tail(ws, Cow::Owned(text), spaces);
    if spaces > 0 {
        // The spaces left stand for the line's first byte.
        rest.at = line.at;
    }
    rest
}

/// An open fence: its character, its length and the columns it is indented by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence {
    pub marker: u8,
    pub len: usize,
    pub indent: usize,
}

/// The fence `line` opens, if it opens one.
pub fn fence_open(line: &str) -> Option<Fence> {
    let trimmed = line.trim_start();
    let marker = *trimmed.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == marker).count();
    if len < 3 {
        return None;
    }
    if marker == b'`' && trimmed[len..].contains('`') {
        return None;
    }
    Some(Fence {
        marker,
        len,
        indent: columns(line),
    })
}

/// Whether `line` closes `fence`. A fence indented four columns more than the opening one
/// is content (an example showing fenced code inside a tab), as in CommonMark.
pub fn fence_closes(line: &str, fence: Fence) -> bool {
    if columns(line) >= fence.indent + TAB {
        return false;
    }
    let trimmed = line.trim();
    let len = trimmed.bytes().take_while(|&b| b == fence.marker).count();
    len >= fence.len && len == trimmed.len()
}

/// The line that closes `fence` where its content ended early.
pub fn closing_fence(fence: Fence) -> String {
    format!(
        "{}{}",
        " ".repeat(fence.indent),
        (fence.marker as char).to_string().repeat(fence.len)
    )
}

/// Whether `rest` (a line without its indentation) starts a list item, and if so the
/// width of its marker and the space after it.
pub fn list_marker(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let marker_len = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match bytes.get(marker_len) {
        None | Some(b'\n' | b'\r') => Some(marker_len),
        Some(b' ' | b'\t') => Some(marker_len + 1),
        _ => None,
    }
}

/// Whether `rest` (a line without its indentation) opens an ATX heading: one to six `#`
/// and then a space, a tab or the end of the line.
pub fn atx_heading(rest: &str) -> bool {
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(
            rest.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
}

/// The width of a definition's marker (`:` and a space, def_list) that starts `rest`.
/// Its body is indented like a list item's, so containers nest in it the same way.
pub fn definition_marker(rest: &str) -> Option<usize> {
    (rest.starts_with(": ") || rest.starts_with(":\t")).then_some(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::source_map::At;

    fn line(text: &str) -> SrcLine<'_> {
        SrcLine::new(Cow::Borrowed(text), At::page(10))
    }

    #[test]
    fn tabs_count_to_the_next_stop() {
        assert_eq!(columns("\tx"), 4);
        assert_eq!(columns("  \tx"), 4);
        assert_eq!(columns("    \t x"), 9);
        assert_eq!(columns("x"), 0);
    }

    #[test]
    fn dedent_removes_columns_and_keeps_offsets() {
        let d = dedent(&line("      text\n"), 4);
        assert_eq!(d.text, "  text\n");
        assert_eq!(d.at.offset, 14);
        assert_eq!(dedent(&line("\t\ttext\n"), 4).text, "    text\n");
        assert_eq!(dedent(&line("  \ttext\n"), 2).text, "  text\n");
        assert_eq!(dedent(&line("  x\n"), 4).text, "x\n");
        assert_eq!(dedent(&line("\n"), 4).text, "\n");
    }

    #[test]
    fn fences_at_any_indentation() {
        let f = fence_open("        ~~~~ python").unwrap();
        assert_eq!((f.marker, f.len, f.indent), (b'~', 4, 8));
        assert!(fence_closes("  ~~~~~", f));
        assert!(!fence_closes("~~~", f));
        assert!(!fence_closes("~~~~ x", f));
        assert!(fence_open("``` a`b").is_none());
        assert!(fence_open("``").is_none());
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("- a"), Some(2));
        assert_eq!(list_marker("12. a"), Some(4));
        assert_eq!(list_marker("1) a"), Some(3));
        assert_eq!(list_marker("-a"), None);
        assert_eq!(list_marker("1.5 a"), None);
    }
}
