//! Callouts: the first lines of the admonitions that two extensions write without `!!!`.
//! markdown-callouts (the `callouts` extension, 0.4): a paragraph that starts with a word
//! in capitals and a colon (`NOTE: text`) is an admonition of that type, and so is a
//! quote that starts so (`> NOTE: text`, several paragraphs; `>? NOTE:` collapsed,
//! `>! NOTE:` collapsible and open); a bold start (`NOTE: **Changed in 0.15.**`) is the
//! title, without its final period. pymdownx.quotes with `callouts`: a quote that starts
//! `> [!TYPE] Title` (`+` open, `-` collapsed). This module reads those lines; the block
//! pass ([`super::blocks`]) makes the box around the text.

/// The first line of a callout.
#[derive(Debug, PartialEq, Eq)]
pub struct Start<'a> {
    /// `None` for a paragraph; for a quote, `Some(None)` (`>`), `Some(Some(true))` (`>!`,
    /// open) or `Some(Some(false))` (`>?`, collapsed).
    pub quote: Option<Option<bool>>,
    /// The word in capitals (`NOTE`).
    pub kind: &'a str,
    /// The text after `KIND: `, and its offset in the line.
    pub text: &'a str,
    pub offset: usize,
}

/// Reads `line` (without its indentation, which a paragraph must not have) as the start of
/// a callout: the extension's `(^ {0,3}>([!?])? ?|\A)([A-Z]{2,}):([ \n])`.
pub fn start(line: &str) -> Option<Start<'_>> {
    let (quote, body) = match line.strip_prefix('>') {
        Some(after) => {
            let (collapsible, after) = match after.as_bytes().first() {
                Some(b'!') => (Some(true), &after[1..]),
                Some(b'?') => (Some(false), &after[1..]),
                _ => (None, after),
            };
            (Some(collapsible), after.strip_prefix(' ').unwrap_or(after))
        }
        None => (None, line),
    };
    let capitals = body.bytes().take_while(u8::is_ascii_uppercase).count();
    let after = body[capitals..].strip_prefix(':')?;
    let space = match after.as_bytes().first() {
        Some(b' ') => 1,
        None | Some(b'\n' | b'\r') => 0,
        _ => return None,
    };
    let text = &after[space..];
    (capitals >= 2).then(|| Start {
        quote,
        kind: &body[..capitals],
        text: text.trim_end_matches(['\n', '\r']),
        offset: line.len() - text.len(),
    })
}

/// The first line of a pymdownx.quotes callout: `> [!TYPE] Title`, `> [!TYPE | more]`,
/// `> [!TYPE]+` (collapsible, open) or `> [!TYPE]-` (collapsed).
#[derive(Debug, PartialEq, Eq)]
pub struct Alert {
    /// The type (lowercased) and the other class words.
    pub classes: Vec<String>,
    /// `Some(open)` for a collapsible box.
    pub collapsible: Option<bool>,
    /// The title as written, else the type in title case (`custom-type`: `Custom-Type`).
    pub title: String,
}

/// Reads `line` (without indentation) as the extension reads a callout's first line:
/// `> *\[!([\w-]+(?: *\| *[\w-]+)*)]([-+])?(.*)`.
pub fn alert(line: &str) -> Option<Alert> {
    let after_quote = line.strip_prefix('>')?.trim_start_matches(' ');
    let inner = after_quote.strip_prefix("[!")?;
    let (types, rest) = inner.split_once(']')?;
    let words: Vec<&str> = types.split('|').map(|w| w.trim_matches(' ')).collect();
    // The extension's `[\w-]+`.
    let is_word = |w: &&str| !w.is_empty() && w.chars().all(|c| super::is_word(c) || c == '-');
    if types.starts_with(' ') || !words.iter().all(is_word) {
        return None;
    }
    let (collapsible, rest) = match rest.as_bytes().first() {
        Some(b'+') => (Some(true), &rest[1..]),
        Some(b'-') => (Some(false), &rest[1..]),
        _ => (None, rest),
    };
    let title = rest.trim();
    let mut classes: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    classes[0] = classes[0].to_lowercase();
    Some(Alert {
        title: match title.is_empty() {
            true => title_case(words[0]),
            false => title.to_string(),
        },
        classes,
        collapsible,
    })
}

/// Python's `str.title`: each run of letters starts with a capital, the rest small.
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut after_letter = false;
    for c in word.chars() {
        if after_letter {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        after_letter = c.is_alphabetic();
    }
    out
}

/// A bold start of the callout's text, `**Title.**`, as the callout's title: the title
/// (its final period dropped when `strip_period`) and the text after it.
pub fn title(text: &str, strip_period: bool) -> Option<(String, &str)> {
    let inner = text.strip_prefix("**")?;
    let end = inner.find("**")?;
    let mut title = inner[..end].trim();
    if strip_period {
        title = title.strip_suffix('.').unwrap_or(title);
    }
    Some((title.to_string(), inner[end + 2..].trim_start()))
}

/// The text of a line of a quote, without its `>` (Python-Markdown's `clean`: up to three
/// spaces, `>` and one space); a line without `>` (a lazy one) as it is.
pub fn unquoted(line: &str) -> &str {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return line;
    }
    match trimmed.strip_prefix('>') {
        Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_as_the_extension_reads_them() {
        let read = |line| start(line).map(|s| (s.quote, s.kind, s.text));
        assert_eq!(read("NOTE: Text."), Some((None, "NOTE", "Text.")));
        assert_eq!(read("TIP:\n"), Some((None, "TIP", "")));
        assert_eq!(
            read("> WARNING: Careful"),
            Some((Some(None), "WARNING", "Careful"))
        );
        assert_eq!(
            read(">? NOTE: Hidden"),
            Some((Some(Some(false)), "NOTE", "Hidden"))
        );
        assert_eq!(
            read(">!NOTE: Shown"),
            Some((Some(Some(true)), "NOTE", "Shown"))
        );
        // One capital, lower case, no space after the colon: text.
        for text in ["A: one", "Note: x", "NOTE:x", "HTTP://x", "> Note: x"] {
            assert_eq!(start(text), None, "{text}");
        }
        let line = "> NOTE: **Resources.** More";
        let found = start(line).unwrap();
        assert_eq!(&line[found.offset..], found.text);
    }

    #[test]
    fn alerts_as_pymdownx_quotes_reads_them() {
        let read = |line| alert(line).map(|a| (a.classes, a.collapsible, a.title));
        let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read("> [!NOTE]\n"),
            Some((owned(&["note"]), None, "Note".into()))
        );
        assert_eq!(
            read(">[!warning]- Collapsed *title*\n"),
            Some((owned(&["warning"]), Some(false), "Collapsed *title*".into()))
        );
        assert_eq!(
            read("> [!custom-type | Inline]+"),
            Some((
                owned(&["custom-type", "Inline"]),
                Some(true),
                "Custom-Type".into()
            ))
        );
        for text in [
            "> [!]",
            "> [! note]",
            "> [!a b]",
            "> [NOTE]",
            "[!NOTE]",
            "> [!note",
        ] {
            assert_eq!(alert(text), None, "{text}");
        }
    }

    #[test]
    fn a_bold_start_is_the_title() {
        assert_eq!(
            title("**Changed in version 0.15.** Since then", true),
            Some(("Changed in version 0.15".to_string(), "Since then"))
        );
        assert_eq!(
            title("**Keep it.**", false),
            Some(("Keep it.".to_string(), ""))
        );
        assert_eq!(title("Plain **bold**", true), None);
    }

    #[test]
    fn quote_lines_lose_their_marker() {
        assert_eq!(unquoted("> text\n"), "text\n");
        assert_eq!(unquoted(">\n"), "\n");
        assert_eq!(unquoted("  >  two\n"), " two\n");
        assert_eq!(unquoted("lazy\n"), "lazy\n");
    }
}
