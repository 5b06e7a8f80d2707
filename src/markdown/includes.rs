//! The include syntax of the FastAPI family of projects: mdx_include's `{! file !}` (the
//! file's text in place, often inside a fenced code block) and markdown-include-variants'
//! `{* file ln[3:8] hl[5] *}` (a tab with the file as Python code: the chosen lines, the
//! omitted parts marked by comments, the highlighted lines). Both are lines of their own;
//! the snippets pass reads the files, with its base folder, NUL and cycle protections.
//! Other variants of the file (other Python versions) are not shown.

/// One include line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive<'a> {
    /// `{! path !}` or `{!> path !}`.
    Text { path: &'a str },
    /// `{* path ln[..] hl[..] title["..."] *}`.
    Code {
        path: &'a str,
        /// Line ranges to show (1-based, inclusive), in order; empty: the whole file.
        lines: Vec<(usize, usize)>,
        /// Highlighted lines, numbered as in the file.
        highlight: Vec<(usize, usize)>,
        title: Option<&'a str>,
    },
}

/// The directive on a line (without indentation), if it is one; an error names what is
/// wrong with a line that looks like one.
pub fn directive(rest: &str) -> Option<Result<Directive<'_>, String>> {
    let rest = rest.trim_end();
    if let Some(inner) = rest.strip_prefix("{!").and_then(|r| r.strip_suffix("!}")) {
        let path = inner.strip_prefix('>').unwrap_or(inner).trim();
        return Some(if path.is_empty() {
            Err("the include names no file".into())
        } else {
            Ok(Directive::Text { path })
        });
    }
    let inner = rest.strip_prefix("{*")?.strip_suffix("*}")?.trim();
    let (path, options) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    Some(code(path, options))
}

fn code<'a>(path: &'a str, options: &'a str) -> Result<Directive<'a>, String> {
    if path.is_empty() {
        return Err("the include names no file".into());
    }
    let (mut lines, mut highlight, mut title) = (Vec::new(), Vec::new(), None);
    let mut rest = options.trim();
    while !rest.is_empty() {
        let open = rest
            .find('[')
            .ok_or_else(|| format!("`{rest}` is no option"))?;
        let close = rest
            .find(']')
            .ok_or_else(|| format!("`{rest}` is not closed"))?;
        let (name, value) = (rest[..open].trim(), &rest[open + 1..close.max(open + 1)]);
        match name {
            "ln" => lines.extend(ranges(value)?),
            "hl" => highlight.extend(ranges(value)?),
            "title" => title = Some(value.trim_matches('"')),
            other => {
                return Err(format!(
                    "unknown option `{other}`; use `ln`, `hl` or `title`"
                ))
            }
        }
        rest = rest[close + 1..].trim_start();
    }
    lines.sort_unstable();
    Ok(Directive::Code {
        path,
        lines,
        highlight,
        title,
    })
}

/// `3:8,10` as ranges.
fn ranges(value: &str) -> Result<Vec<(usize, usize)>, String> {
    value
        .split(',')
        .map(|part| {
            let part = part.trim();
            let (start, end) = part.split_once(':').unwrap_or((part, part));
            match (start.trim().parse(), end.trim().parse()) {
                (Ok(start), Ok(end)) if 0 < start && start <= end => Ok((start, end)),
                _ => Err(format!("`{part}` is no line range")),
            }
        })
        .collect()
}

/// The label of the tab: the Python version in the file name (`tutorial001_py310.py` is
/// "Python 3.10+").
pub fn label(path: &str) -> String {
    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem.split('.').next().unwrap_or(stem);
    stem.rsplit('_')
        .find_map(|part| part.strip_prefix("py"))
        .filter(|v| v.len() >= 2 && v.chars().all(|c| c.is_ascii_digit()))
        .map_or_else(
            || "Python".to_string(),
            |v| format!("Python {}.{}+", &v[..1], &v[1..]),
        )
}

/// A piece of the code block a `{* *}` line becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A generated line.
    Line(String),
    /// Lines of the file (1-based, inclusive; `None`: the whole file).
    File(Option<(usize, usize)>),
}

/// The code block of a `{* *}` directive: the opening fence (with `hl_lines` renumbered
/// for the lines shown, and the title), the chosen lines with comments where code is
/// left out, and the closing fence; `total` is the file's number of lines.
pub fn code_block(
    lines: &[(usize, usize)],
    highlight: &[(usize, usize)],
    title: Option<&str>,
    total: usize,
) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut hl = Vec::new();
    if lines.is_empty() {
        parts.push(Part::File(None));
        hl.extend(highlight.iter().copied());
    }
    // Lines of the block so far (after the opening fence).
    let mut before = 0;
    fn comment(parts: &mut Vec<Part>, text: &[&str]) -> usize {
        parts.extend(text.iter().map(|t| Part::Line(t.to_string())));
        text.len()
    }
    for (i, &(start, end)) in lines.iter().enumerate() {
        if i > 0 {
            before += comment(&mut parts, &["", "# Code here omitted 👈", ""]);
        } else if start > 1 {
            before += comment(&mut parts, &["# Code above omitted 👆", ""]);
        }
        for &(hs, he) in highlight {
            if hs >= start && he <= end {
                hl.push((hs - start + before + 1, he - start + before + 1));
            }
        }
        parts.push(Part::File(Some((start, end))));
        before += end - start + 1;
    }
    if lines.last().is_some_and(|&(_, end)| end < total) {
        comment(&mut parts, &["", "# Code below omitted 👇"]);
    }
    let mut open = String::from("```python");
    if !hl.is_empty() {
        let list: Vec<String> = hl
            .iter()
            .map(|&(s, e)| {
                if s == e {
                    s.to_string()
                } else {
                    format!("{s}-{e}")
                }
            })
            .collect();
        open.push_str(&format!(" hl_lines=\"{}\"", list.join(" ")));
    }
    if let Some(title) = title {
        open.push_str(&format!(" title=\"{title}\""));
    }
    parts.insert(0, Part::Line(open));
    parts.push(Part::Line("```".into()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_as_fastapi_writes_them() {
        assert_eq!(
            directive("{* ../../docs_src/body/tutorial001_py310.py hl[5:9,16] *}"),
            Some(Ok(Directive::Code {
                path: "../../docs_src/body/tutorial001_py310.py",
                lines: vec![],
                highlight: vec![(5, 9), (16, 16)],
                title: None
            }))
        );
        assert_eq!(
            directive("{!> ../../docs_src/a.py!}"),
            Some(Ok(Directive::Text {
                path: "../../docs_src/a.py"
            }))
        );
        assert!(directive("{* a.py ln[x] *}").unwrap().is_err());
        assert!(directive("{* a.py zz[1] *}").unwrap().is_err());
        assert_eq!(directive("{ .card }"), None);
        assert_eq!(label("docs_src/body/tutorial001_py310.py"), "Python 3.10+");
        assert_eq!(label("docs_src/app.py"), "Python");
    }

    #[test]
    fn chosen_lines_keep_their_highlights_and_mark_what_is_left_out() {
        let parts = code_block(&[(3, 4), (8, 9)], &[(4, 4), (8, 8)], Some("main.py"), 12);
        let line = |s: &str| Part::Line(s.to_string());
        assert_eq!(
            parts,
            [
                line("```python hl_lines=\"4 8\" title=\"main.py\""),
                line("# Code above omitted 👆"),
                line(""),
                Part::File(Some((3, 4))),
                line(""),
                line("# Code here omitted 👈"),
                line(""),
                Part::File(Some((8, 9))),
                line(""),
                line("# Code below omitted 👇"),
                line("```"),
            ]
        );
    }
}
