//! Reading the tags of HTML that authors write (raw HTML in pages) and that Waymark
//! renders, without a parser: the attributes of a start tag, in any quoting.

/// The attributes of a start tag, read from just after its name: each `(name, value)` as
/// written (a value without quotes ends at whitespace or `>`; an attribute without a value
/// has an empty one). After the last, [`Attributes::rest`] is what follows the tag and
/// [`Attributes::self_closing`] whether it ended with `/>`.
pub struct Attributes<'a> {
    rest: &'a str,
    self_closing: bool,
}

impl<'a> Attributes<'a> {
    /// The attributes in `after_name`, the tag's text after `<name`.
    pub fn new(after_name: &'a str) -> Self {
        Attributes {
            rest: after_name,
            self_closing: false,
        }
    }

    /// What follows the tag (once every attribute is read).
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// Whether the tag ended with `/>` (once every attribute is read).
    pub fn self_closing(&self) -> bool {
        self.self_closing
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rest = self
                .rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace());
            if rest.is_empty() {
                self.rest = rest;
                return None;
            }
            if let Some(after) = rest.strip_prefix('>') {
                self.rest = after;
                return None;
            }
            if let Some(after) = rest.strip_prefix('/') {
                self.self_closing = after.starts_with('>');
                self.rest = after;
                continue;
            }
            let name_end = rest
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                .unwrap_or(rest.len())
                .max(1);
            let name = &rest[..name_end];
            let after = rest[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            let (value, after) = match after.strip_prefix('=') {
                Some(value) => {
                    value_of(value.trim_start_matches(|c: char| c.is_ascii_whitespace()))
                }
                None => ("", after),
            };
            self.rest = after;
            return Some((name, value));
        }
    }
}

/// An attribute's value (quoted or not) and what follows it.
fn value_of(text: &str) -> (&str, &str) {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &text[1..];
            match inner.find(quote) {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            }
        }
        _ => {
            let end = text
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(text.len());
            (&text[..end], &text[end..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_in_any_quoting() {
        let mut attributes = Attributes::new(
            " src='a b.png' width=300 alt=\"x src=y\" hidden data-x = \"1\"/> after",
        );
        let read: Vec<(&str, &str)> = attributes.by_ref().collect();
        assert_eq!(
            read,
            [
                ("src", "a b.png"),
                ("width", "300"),
                ("alt", "x src=y"),
                ("hidden", ""),
                ("data-x", "1")
            ]
        );
        assert!(attributes.self_closing());
        assert_eq!(attributes.rest(), " after");
    }
}
