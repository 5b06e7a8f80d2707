//! The front-matter most pages have, read without the YAML parser: `key: value` lines
//! whose values are plain words, whole numbers or flow lists of those
//! (`paths: [permit, register]`). The parser costs about 10,000 instructions a line, more
//! than the rest of reading such a page; this reads it in a few hundred. Anything it is
//! not sure of (quotes, colons, comments, nesting, indentation, tabs, words YAML reads
//! as true, false or null, numbers with a sign, a point or leading zeros, a key written
//! twice) it leaves to the parser, so the value is always the one the parser gives.

use serde_norway::{Mapping, Value};

/// The mapping `text` holds, or `None` when the parser must read it.
pub fn read(text: &str) -> Option<Value> {
    let mut mapping = Mapping::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_matches(' ').is_empty() {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if !is_key(key) || is_special(key) {
            return None;
        }
        let value = value.trim_matches(' ');
        let value = match value.strip_prefix('[') {
            Some(list) => Value::Sequence(flow_list(list.strip_suffix(']')?)?),
            None => scalar(value, false)?,
        };
        if mapping
            .insert(Value::String(key.to_owned()), value)
            .is_some()
        {
            return None;
        }
    }
    // An empty document is null, not an empty mapping.
    (!mapping.is_empty()).then_some(Value::Mapping(mapping))
}

fn is_special(word: &str) -> bool {
    SPECIAL_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// A key at the start of the line: a letter or `_`, then letters, digits, `_` and `-`.
fn is_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// The items of `[a, b, c]` without its brackets; `[]` is empty.
fn flow_list(items: &str) -> Option<Vec<Value>> {
    if items.trim_matches(' ').is_empty() {
        return Some(Vec::new());
    }
    items
        .split(',')
        .map(|item| scalar(item.trim_matches(' '), true))
        .collect()
}

/// Words YAML may read as something other than text, in any case: booleans (YAML 1.1's
/// too), null, and what Rust reads as a number that is not finite.
const SPECIAL_WORDS: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "inf", "infinity", "nan",
];

/// A whole number without sign or leading zeros, or text that starts with a letter and
/// holds only letters, digits, spaces and `.,_/()-` (no `,` inside a flow list).
fn scalar(text: &str, in_list: bool) -> Option<Value> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if first.is_ascii_digit() {
        let number_like = bytes.iter().all(u8::is_ascii_digit)
            && (text == "0" || first != b'0')
            && bytes.len() <= 18;
        if !number_like {
            return None;
        }
        return text.parse::<u64>().ok().map(|n| Value::Number(n.into()));
    }
    let plain = first.is_ascii_alphabetic()
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b' ' | b'.' | b'_' | b'/' | b'(' | b')' | b'-')
                || (b == b',' && !in_list)
        })
        && !is_special(text);
    plain.then(|| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the parser reads from `text`.
    fn parsed(text: &str) -> Value {
        serde_norway::from_str(text).unwrap()
    }

    #[test]
    fn reads_common_front_matter_as_the_parser_does() {
        let documents = [
            "title: Page 400\ndescription: Generated page number 400.\nweight: 0\nstep: 401\npaths: [path-0, path-1, path-2]\n",
            "title: Apply for a permit\r\ndescription: Before you start, read this (all of it).\r\n",
            "template: page.html\nstatus: new\npaths: []\nsearch_exclude: no_thanks\n",
            "title: Step 3 - upload your data\n\nweight: 12\n",
            "icon: material/folder-open\nsubtitle: A/B tests, quotas and v2.1\n",
            "tags: [  storage ,  quota  ]\ntitle:   Spaces   around  \n",
        ];
        for text in documents {
            assert_eq!(read(text), Some(parsed(text)), "{text:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_the_parser() {
        let documents = [
            // Types other than text and whole numbers, or text YAML reads otherwise.
            "draft: true",
            "draft: No",
            "hide: off",
            "note: null",
            "ratio: 1.5",
            "order: -3",
            "code: 0123",
            "big: 123456789012345678901",
            "x: inf",
            "x: NaN",
            // Quotes, colons, comments, anchors, tags, indicators.
            "title: 'Quoted'",
            "title: Note: this",
            "title: A # comment",
            "title: &anchor x",
            "title: !ENV HOME",
            "title: @user",
            "title: Ünïcode",
            // Structure.
            "nav:\n  - a",
            "  title: indented",
            "title:",
            "title:\ttab",
            "paths: [a, [b]]",
            "paths: [a, b,]",
            "paths: [a, b",
            "title: A\ntitle: B",
            "? complex key\n: value",
            "\"quoted key\": x",
            "---\ntitle: A",
            // Keys YAML reads as something other than text; no keys at all.
            "true: x",
            "Null: x",
            "",
            "  \n",
        ];
        for text in documents {
            assert_eq!(read(text), None, "{text:?}");
        }
    }
}
