//! The syntax of mdBook's `links` preprocessor, read as mdBook reads it: `{{#include
//! file}}`, `{{#include file:10:20}}`, `{{#include file:anchor}}` (the lines between
//! `ANCHOR: anchor` and `ANCHOR_END: anchor`), `{{#rustdoc_include ...}}` (the other lines
//! of the file kept as hidden `# ` lines), `{{#playground file attrs}}` (the file as a
//! Rust code block) and `{{#title ...}}`; `\{{#...}}` is the directive's text itself. The
//! snippets pass reads the files, with its base folder, NUL and cycle protections.

use std::ops::Range;

/// What a directive asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// `include` (`hide_rest: false`) or `rustdoc_include` (`hide_rest: true`).
    Include { hide_rest: bool },
    /// `playground`, with its code block attributes (`editable`, `ignore`, ...).
    Playground { attributes: Vec<&'a str> },
}

/// A directive found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<'a> {
    /// A file to include: where the directive is in the line, the path (relative to
    /// the including file's folder) and the part of the file.
    File {
        range: Range<usize>,
        kind: Kind<'a>,
        path: &'a str,
        part: Part<'a>,
    },
    /// `{{#title ...}}`: removed from the text (the page's title is read earlier).
    Title { range: Range<usize> },
    /// `\{{#...}}`: the text without its backslash.
    Escaped { range: Range<usize> },
}

/// Which lines of a file, as mdBook numbers them: 0-based, the end excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Lines(Option<usize>, Option<usize>),
    Anchor(&'a str),
}

/// The directives of `line`, in order. Unknown ones (`{{#other ...}}`) are left as text,
/// as mdBook leaves them.
pub fn scan(line: &str) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("{{").map(|i| from + i) {
        if at > 0 && line.as_bytes()[at - 1] == b'\\' {
            // Escaped: up to the last `}}` of the line.
            let rest = &line[at..];
            if rest[2..].trim_start().starts_with('#') {
                if let Some(end) = line.rfind("}}").filter(|&end| end > at) {
                    found.push(Found::Escaped {
                        range: at - 1..end + 2,
                    });
                    from = end + 2;
                    continue;
                }
            }
            from = at + 2;
            continue;
        }
        match directive(&line[at..]) {
            Some((len, item)) => {
                found.push(item(at..at + len));
                from = at + len;
            }
            None => from = at + 2,
        }
    }
    found
}

/// The longest `{{#name ...}}` arguments looked for.
const MAX_ARGUMENTS: usize = 1024;

type Make<'a> = Box<dyn FnOnce(Range<usize>) -> Found<'a> + 'a>;

/// The directive at the start of `text` (`{{#name args}}`): its length and how to make it.
fn directive(text: &str) -> Option<(usize, Make<'_>)> {
    let inner = text.strip_prefix("{{")?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim_start().strip_prefix('#')?;
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let (name, rest) = body.split_at(name_len);
    if name.is_empty() || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    // A directive's arguments are a path and a few words: looking no further keeps a
    // line of many unclosed `{{#` linear.
    let mut end = MAX_ARGUMENTS.min(rest.len());
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let window = &rest[..end];
    let close = window.find('}')?;
    if !rest[close..].starts_with("}}") || rest[..close].trim().is_empty() {
        return None;
    }
    let args = rest[..close].trim();
    let len = 2 + lead + 1 + name_len + close + 2;
    let mut words = args.split_whitespace();
    let path_arg = words.next()?;
    let make: Make<'_> = match name {
        "title" => Box::new(|range| Found::Title { range }),
        "include" | "rustdoc_include" => {
            let hide_rest = name == "rustdoc_include";
            let (path, part) = split(path_arg);
            Box::new(move |range| Found::File {
                range,
                kind: Kind::Include { hide_rest },
                path,
                part,
            })
        }
        "playground" | "playpen" => {
            let attributes: Vec<&str> = words.collect();
            Box::new(move |range| Found::File {
                range,
                kind: Kind::Playground { attributes },
                path: path_arg,
                part: Part::Lines(None, None),
            })
        }
        _ => return None,
    };
    Some((len, make))
}

/// `file`, `file:3` (line 3), `file:3:5`, `file:3:`, `file::5` or `file:anchor`.
fn split(spec: &str) -> (&str, Part<'_>) {
    let Some((path, tail)) = spec.split_once(':') else {
        return (spec, Part::Lines(None, None));
    };
    let mut bounds = tail.splitn(2, ':');
    let first = bounds.next().unwrap_or("");
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return (path, Part::Anchor(first)),
    };
    let part = match (start, bounds.next().map(str::parse::<usize>)) {
        (Some(start), Some(Ok(end))) => Part::Lines(Some(start), Some(end)),
        (start, Some(Err(_))) => Part::Lines(start, None),
        (Some(start), None) => Part::Lines(Some(start), Some(start + 1)),
        (None, Some(Ok(end))) => Part::Lines(None, Some(end)),
        (None, None) => Part::Lines(None, None),
    };
    (path, part)
}

/// The `name` of an `ANCHOR: name` (or, with `end`, `ANCHOR_END: name`) marker in `line`.
fn anchor_of(line: &str, end: bool) -> Option<&str> {
    let marker = if end { "ANCHOR_END:" } else { "ANCHOR:" };
    let rest = line[line.find(marker)? + marker.len()..].trim_start();
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// The chosen lines of a file (each with its offset) and whether each is hidden (kept
/// as a `# ` line by `rustdoc_include`), as mdBook picks them.
pub fn pick<'t>(
    lines: &[(usize, &'t str)],
    part: &Part,
    hide_rest: bool,
) -> Result<Vec<(usize, &'t str, bool)>, String> {
    let mut picked = Vec::with_capacity(lines.len());
    match part {
        Part::Lines(start, end) => {
            let range = start.unwrap_or(0)..end.unwrap_or(usize::MAX);
            for (index, &(offset, line)) in lines.iter().enumerate() {
                let inside = range.contains(&index);
                if inside || hide_rest {
                    picked.push((offset, line, !inside));
                }
            }
        }
        Part::Anchor(name) => {
            if !lines.iter().any(|(_, l)| anchor_of(l, false) == Some(name)) {
                return Err(format!(
                    "anchor `{name}` not found: no `ANCHOR: {name}` line"
                ));
            }
            let mut inside = false;
            for &(offset, line) in lines {
                if let Some(end) = anchor_of(line, true) {
                    if inside && end == *name {
                        inside = false;
                        if !hide_rest {
                            // `include` takes the first section only.
                            break;
                        }
                    }
                } else if let Some(start) = anchor_of(line, false) {
                    inside |= start == *name;
                } else if inside || hide_rest {
                    picked.push((offset, line, !inside));
                }
            }
        }
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(found: &Found) -> (String, Part<'static>) {
        match found {
            Found::File { path, part, .. } => (
                path.to_string(),
                match part {
                    Part::Lines(a, b) => Part::Lines(*a, *b),
                    Part::Anchor(_) => Part::Anchor("anchor"),
                },
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_every_form_as_mdbook_does() {
        let cases = [
            ("{{#include a.rs}}", Part::Lines(None, None)),
            ("{{#include a.rs:3}}", Part::Lines(Some(2), Some(3))),
            ("{{#include a.rs:3:5}}", Part::Lines(Some(2), Some(5))),
            ("{{#include a.rs:3:}}", Part::Lines(Some(2), None)),
            ("{{#include a.rs::5}}", Part::Lines(None, Some(5))),
            ("{{ #include a.rs:here }}", Part::Anchor("anchor")),
        ];
        for (text, part) in cases {
            let found = scan(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(file(&found[0]), ("a.rs".to_string(), part), "{text}");
        }
        let line =
            "see \\{{#include x.rs}} and {{#title New}} {{#other y}} {{#playground p.rs editable}}";
        let found = scan(line);
        assert!(
            matches!(&found[0], Found::Escaped { range } if &line[range.clone()] == "\\{{#include x.rs}} and {{#title New}} {{#other y}} {{#playground p.rs editable}}")
        );
        assert_eq!(
            found.len(),
            1,
            "an escape runs to the line's last `}}`, as mdBook's does"
        );
        let found = scan("{{#title New}} {{#other y}} {{#playground p.rs editable}}");
        assert!(matches!(
            found[0],
            Found::Title {
                range: Range { start: 0, end: 14 }
            }
        ));
        assert!(matches!(
            &found[1],
            Found::File { kind: Kind::Playground { attributes }, path: "p.rs", .. } if attributes == &["editable"]
        ));
        assert_eq!(found.len(), 2, "unknown directives stay text");
        let long = format!("{{{{#include {}}}}}", "é".repeat(600));
        assert!(
            scan(&long).is_empty(),
            "arguments are at most {MAX_ARGUMENTS} bytes"
        );
    }

    #[test]
    fn picks_anchored_and_hidden_lines() {
        let text = "use a;\n// ANCHOR: here\nfn main() {\n    // ANCHOR: inner\n    go();\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: here\nmod tests;\n";
        let lines: Vec<(usize, &str)> = crate::load::lines::lines(text).collect();
        let shown = |hide: bool, part: Part| -> Vec<String> {
            pick(&lines, &part, hide)
                .unwrap()
                .into_iter()
                .map(|(_, l, hidden)| format!("{}{}", if hidden { "# " } else { "" }, l.trim_end()))
                .collect()
        };
        assert_eq!(
            shown(false, Part::Anchor("here")),
            ["fn main() {", "    go();", "}"]
        );
        assert_eq!(shown(false, Part::Anchor("inner")), ["    go();"]);
        assert_eq!(
            shown(true, Part::Anchor("inner")),
            [
                "# use a;",
                "# fn main() {",
                "    go();",
                "# }",
                "# mod tests;"
            ]
        );
        assert_eq!(shown(false, Part::Lines(Some(2), Some(3))), ["fn main() {"]);
        assert!(pick(&lines, &Part::Anchor("nope"), false)
            .unwrap_err()
            .contains("anchor `nope` not found"));
    }
}
