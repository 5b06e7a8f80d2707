//! mdBook's `SUMMARY.md`: the book's table of contents, read line by line as mdBook
//! reads it. Prefix chapters (links before the first list), part titles (`# Part`),
//! numbered chapters (list items, nested by indentation), separators (`---`), draft
//! chapters (`[Title]()`) and suffix chapters (links after the lists).

/// How deep chapters may nest: the navigation is walked recursively, so a hostile
/// SUMMARY.md must not nest without end.
pub const MAX_NESTING: usize = 32;

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryItem {
    Chapter(Chapter),
    /// `# Part title`: a heading over the numbered chapters that follow.
    Part {
        title: String,
        line: u32,
    },
    /// `---`: a line between entries.
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// The Markdown file, relative to the content folder; `None` for a draft.
    pub path: Option<String>,
    /// The section number (`[1, 2]` is `1.2.`) of a numbered chapter.
    pub number: Vec<u32>,
    /// Where SUMMARY.md lists it (1-based).
    pub line: u32,
    pub children: Vec<Chapter>,
}

impl Chapter {
    /// `1.2.`, or nothing for a prefix or suffix chapter.
    pub fn label(&self) -> String {
        self.number.iter().map(|n| format!("{n}.")).collect()
    }
}

/// A line of SUMMARY.md that is not what mdBook expects there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub message: String,
    pub hint: &'static str,
}

/// Reads the table of contents; every malformed line is reported.
pub fn parse(text: &str) -> Result<Vec<SummaryItem>, Vec<Problem>> {
    let mut items: Vec<SummaryItem> = Vec::new();
    let mut problems = Vec::new();
    // The open list items, with the indentation of their marker.
    let mut open: Vec<(usize, Chapter)> = Vec::new();
    let mut numbered_seen = false;
    // The first suffix chapter: no numbered chapter may follow it.
    let mut suffix_line = None;
    let mut top_number = 0u32;
    let mut title_allowed = true;
    let mut in_comment = false;
    let close_all = |open: &mut Vec<(usize, Chapter)>, items: &mut Vec<SummaryItem>| {
        while let Some((_, chapter)) = open.pop() {
            adopt(open, items, chapter);
        }
    };
    for (index, raw_line) in text.lines().enumerate() {
        let line = index as u32 + 1;
        let trimmed = raw_line.trim();
        if in_comment || trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let problem = |message: String, hint| Problem {
            line,
            message,
            hint,
        };
        if let Some(title) = trimmed
            .strip_prefix("# ")
            .or((trimmed == "#").then_some(""))
        {
            close_all(&mut open, &mut items);
            // The first heading, before any entry, is the summary's own title.
            if !std::mem::replace(&mut title_allowed, false) {
                items.push(SummaryItem::Part {
                    title: title.trim().to_string(),
                    line,
                });
            }
            continue;
        }
        title_allowed = false;
        if trimmed.starts_with('#') {
            // Other heading levels: mdBook ignores them.
            continue;
        }
        if is_separator(trimmed) {
            close_all(&mut open, &mut items);
            items.push(SummaryItem::Separator);
            continue;
        }
        let indent = raw_line.len() - raw_line.trim_start().len();
        let marker = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m));
        let Some(rest) = marker else {
            let Some((title, path)) = link(trimmed) else {
                problems.push(problem(
                    format!("expected a link to a chapter, found `{trimmed}`"),
                    "write chapters as `[Title](file.md)`, or as list items `- [Title](file.md)`",
                ));
                continue;
            };
            close_all(&mut open, &mut items);
            if numbered_seen && suffix_line.is_none() {
                suffix_line = Some(line);
            }
            items.push(SummaryItem::Chapter(Chapter {
                title,
                path,
                number: Vec::new(),
                line,
                children: Vec::new(),
            }));
            continue;
        };
        let Some((title, path)) = link(rest.trim()) else {
            problems.push(problem(
                format!("expected a link in this list item, found `{}`", rest.trim()),
                "write `- [Title](file.md)`, or `- [Title]()` for a chapter not written yet",
            ));
            continue;
        };
        if let Some(suffix) = suffix_line {
            problems.push(problem(
                format!("numbered chapter after the suffix chapter on line {suffix}"),
                "suffix chapters (links outside lists) come after every numbered chapter",
            ));
            continue;
        }
        numbered_seen = true;
        while open.last().is_some_and(|(at, _)| *at >= indent) {
            let (_, chapter) = open.pop().unwrap_or_else(|| unreachable!());
            adopt(&mut open, &mut items, chapter);
        }
        if open.len() >= MAX_NESTING {
            problems.push(problem(
                format!("chapters nested more than {MAX_NESTING} deep"),
                "nest the chapters in fewer levels",
            ));
            continue;
        }
        let number = match open.last() {
            Some((_, parent)) => {
                let mut number = parent.number.clone();
                number.push(parent.children.len() as u32 + 1);
                number
            }
            None => {
                top_number += 1;
                vec![top_number]
            }
        };
        open.push((
            indent,
            Chapter {
                title,
                path,
                number,
                line,
                children: Vec::new(),
            },
        ));
    }
    close_all(&mut open, &mut items);
    match problems.is_empty() {
        true => Ok(items),
        false => Err(problems),
    }
}

/// Puts a finished list item under its parent, or at the top level.
fn adopt(open: &mut [(usize, Chapter)], items: &mut Vec<SummaryItem>, chapter: Chapter) {
    match open.last_mut() {
        Some((_, parent)) => parent.children.push(chapter),
        None => items.push(SummaryItem::Chapter(chapter)),
    }
}

/// `---`, `***` or `___` (three or more, spaces allowed between).
fn is_separator(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.chars().all(|c| c == m))
}

/// `[Title](path)` at the start of the line: the title as text and the path (`None` when
/// empty: a draft). Brackets may nest in the title; `<path with spaces>` is allowed. Text
/// after the link is ignored, as mdBook ignores it.
fn link(text: &str) -> Option<(String, Option<String>)> {
    let inner = text.strip_prefix('[')?;
    let mut depth = 1;
    let mut close = None;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let title = plain_title(&inner[..close]);
    let rest = inner[close + 1..].strip_prefix('(')?.trim_start();
    let dest = match rest.strip_prefix('<') {
        Some(quoted) => &quoted[..quoted.find('>')?],
        None => &rest[..closing_paren(rest)?],
    }
    .trim();
    let dest = dest.trim_start_matches("./");
    Some((title, (!dest.is_empty()).then(|| dest.to_string())))
}

/// Where the `)` that closes a link destination is (parentheses may nest in it).
fn closing_paren(rest: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The title as the sidebar shows it: inline code marks and escapes removed.
fn plain_title(title: &str) -> String {
    let mut plain = String::with_capacity(title.len());
    let mut escaped = false;
    for c in title.chars() {
        match c {
            _ if escaped => {
                plain.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            '`' => {}
            _ => plain.push(c),
        }
    }
    plain.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapters(items: &[SummaryItem]) -> Vec<(String, String, Option<String>)> {
        fn walk(chapter: &Chapter, out: &mut Vec<(String, String, Option<String>)>) {
            out.push((chapter.label(), chapter.title.clone(), chapter.path.clone()));
            for child in &chapter.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for item in items {
            if let SummaryItem::Chapter(chapter) = item {
                walk(chapter, &mut out);
            }
        }
        out
    }

    #[test]
    fn reads_every_kind_of_entry_as_mdbook_does() {
        let text = "# Summary\n\n[Introduction](README.md)\n\n# Guide\n\n- [Install](guide/install.md)\n    - [On Linux](guide/linux.md)\n    - [Later]()\n- [The `book.toml`](<format/config file.md>)\n- [Safety](ref/safety.md) (text after the link)\n\n---\n\n# Reference\n\n- [Syntax](ref/syntax.md)\n  <!-- a comment\n  over lines -->\n\n----\n\n[Contributors](./misc/contributors.md)\n";
        let items = parse(text).unwrap();
        assert_eq!(
            chapters(&items),
            [
                ("".into(), "Introduction".into(), Some("README.md".into())),
                (
                    "1.".into(),
                    "Install".into(),
                    Some("guide/install.md".into())
                ),
                (
                    "1.1.".into(),
                    "On Linux".into(),
                    Some("guide/linux.md".into())
                ),
                ("1.2.".into(), "Later".into(), None),
                (
                    "2.".into(),
                    "The book.toml".into(),
                    Some("format/config file.md".into())
                ),
                ("3.".into(), "Safety".into(), Some("ref/safety.md".into())),
                ("4.".into(), "Syntax".into(), Some("ref/syntax.md".into())),
                (
                    "".into(),
                    "Contributors".into(),
                    Some("misc/contributors.md".into())
                ),
            ]
        );
        let parts: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                SummaryItem::Part { title, .. } => Some(title.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(parts, ["Guide", "Reference"]);
        assert_eq!(
            items
                .iter()
                .filter(|i| **i == SummaryItem::Separator)
                .count(),
            2
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let text: String = (0..40)
            .map(|depth| format!("{}- [C{depth}](c{depth}.md)\n", " ".repeat(depth * 2)))
            .collect();
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 40 - MAX_NESTING);
        assert_eq!(problems[0].line, MAX_NESTING as u32 + 1);
        assert!(problems[0].message.contains("nested more than 32 deep"));
    }

    #[test]
    fn malformed_lines_are_reported_at_their_line() {
        let problems = parse(
            "# Summary\n\nJust some text\n- [A](a.md)\n- no link here\n[S](s.md)\n- [B](b.md)\n",
        )
        .unwrap_err();
        let found: Vec<(u32, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, "expected a link to a chapter, found `Just some text`"),
                (5, "expected a link in this list item, found `no link here`"),
                (7, "numbered chapter after the suffix chapter on line 6"),
            ]
        );
    }
}
