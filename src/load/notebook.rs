//! Jupyter notebooks as pages (the mkdocs-jupyter plugin): a notebook's cells written as
//! the Markdown of a page, which then goes through the pipeline like any page. Markdown
//! cells stay as they are, code cells become fenced code in the kernel's language, and
//! the outputs saved in the notebook become HTML: streams, errors and plain results as
//! preformatted text, HTML as it is, images inline. Nothing is run. A Python script
//! in jupytext's percent (`# %%`) or light format is read as the notebook it stands for:
//! its comment blocks are Markdown cells, the rest code.
//!
//! Each cell's text is put at the line where the notebook file holds it (Jupyter saves one
//! line of a cell per line of the file), so that a problem in a cell is reported at its
//! line in the `.ipynb` file.

use crate::config::jupyter::{Notebooks, EXTENSIONS};
use crate::diag::{Diagnostic, Location};
use crate::markdown::escape;
use crate::model::urls::{self, file_name};
use base64::Engine;
use serde_json::Value;

/// A notebook read as a page: its Markdown, and the title the page takes when the
/// notebook's first `#` heading is not to be its title.
pub struct Converted {
    pub markdown: String,
    pub title: Option<String>,
}

/// The representations of an output, best first, as nbconvert's HTML export chooses
/// among those an output offers. An output whose best is JavaScript (a plot drawn by a
/// script) is left out, as its plain text is the script; a widget, which needs its
/// saved state and scripts, shows its plain text (`IntSlider(value=7)`), as nbconvert
/// shows it without that state.
const OUTPUT_TYPES: &[&str] = &[
    "application/javascript",
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "text/latex",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/plain",
];

/// The site path of the copy of the notebook `rel_path` published beside its page (the
/// plugin's `include_source`): in the page's folder, under the notebook's name.
pub fn source_copy(rel_path: &str, directory_urls: bool) -> String {
    let url = urls::page_url(&page_path(rel_path), directory_urls);
    let folder = &url[..url.rfind('/').map_or(0, |i| i + 1)];
    format!("{folder}{}", file_name(rel_path))
}

/// The path of the page a notebook is (`intro.ipynb` -> `intro.md`), which gives its URL.
pub fn page_path(rel_path: &str) -> String {
    let stem = EXTENSIONS
        .iter()
        .find_map(|extension| rel_path.strip_suffix(extension))
        .unwrap_or(rel_path);
    format!("{stem}.md")
}

/// The notebook `text` (the file at `rel_path`, a `.ipynb` file or a jupytext script) as
/// a page's Markdown.
pub fn convert(
    text: &str,
    rel_path: &str,
    settings: &Notebooks,
    directory_urls: bool,
) -> Result<Converted, Diagnostic> {
    let mut page = Page::default();
    if settings.include_source {
        let name = file_name(rel_path);
        let href = urls::relative_href(rel_path, &source_copy(rel_path, directory_urls));
        page.block(
            None,
            &format!(
                "[Download the notebook `{}`](<{href}>)",
                name.replace('`', "")
            ),
        );
    }
    if rel_path.ends_with(".py") {
        script_cells(text, settings, &mut page);
    } else {
        notebook_cells(text, settings, &mut page)?;
    }
    // Without its first heading, the title comes from the file's name, as MkDocs makes it.
    let title = settings
        .ignore_h1_titles
        .then(|| crate::model::nav::title_from_file_name(&page_path(file_name(rel_path))));
    Ok(Converted {
        // A NUL from an output's text would reach the HTML as it is.
        markdown: page.text.replace('\0', "\u{FFFD}"),
        title,
    })
}

/// Writes the cells of the `.ipynb` file `text` to `page`.
fn notebook_cells(text: &str, settings: &Notebooks, page: &mut Page) -> Result<(), Diagnostic> {
    let notebook: Value = serde_json::from_str(text).map_err(|err| {
        let location = Location::line_in_text(text, err.line().max(1) as u32);
        Diagnostic::error(format!("the notebook is not valid JSON: {err}"))
            .at(Location {
                column: err.column().max(1) as u32,
                ..location
            })
            .with_hint("open and save it in Jupyter, or fix the file by hand")
    })?;
    let Some(cells) = notebook.get("cells").and_then(Value::as_array) else {
        let version = notebook
            .get("nbformat")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        return Err(Diagnostic::error(match version {
            1..=3 => format!(
                "the notebook is in Jupyter's format version {version}, which has no `cells`"
            ),
            _ => "the notebook has no `cells` list".to_string(),
        })
        .with_hint("open and save it in a current Jupyter, which writes format 4"));
    };
    let metadata = notebook.get("metadata");
    let language = metadata
        .and_then(|m| {
            m.pointer("/kernelspec/language")
                .or_else(|| m.pointer("/language_info/name"))
        })
        .and_then(Value::as_str)
        .unwrap_or("python");
    let lines = source_lines(text, cells.len());
    for (index, cell) in cells.iter().enumerate() {
        let line = lines.as_ref().and_then(|lines| lines[index]);
        let has_tag = |tags: &[String]| {
            let cell_tags = cell.pointer("/metadata/tags").and_then(Value::as_array);
            cell_tags.is_some_and(|cell_tags| {
                cell_tags
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|tag| tags.iter().any(|t| t == tag))
            })
        };
        if has_tag(&settings.remove_cell_tags) {
            continue;
        }
        let source = joined(cell.get("source"));
        match cell.get("cell_type").and_then(Value::as_str) {
            Some("markdown") => {
                page.block(line, &with_attachments(&source, cell.get("attachments")))
            }
            Some("code") => {
                if settings.show_input
                    && !has_tag(&settings.remove_input_tags)
                    && !source.trim().is_empty()
                {
                    page.code(line, language, &source);
                }
                if !has_tag(&settings.remove_all_outputs_tags) {
                    for output in cell
                        .get("outputs")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(block) = output_block(output) {
                            page.block(None, &block);
                        }
                    }
                }
            }
            // Raw cells are for other formats: nbconvert's HTML export shows only those
            // meant for HTML or Markdown.
            Some("raw") => {
                let format = cell
                    .pointer("/metadata/format")
                    .or_else(|| cell.pointer("/metadata/raw_mimetype"));
                if matches!(
                    format.and_then(Value::as_str),
                    Some("text/html" | "text/markdown")
                ) {
                    page.block(line, &source);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes the cells of a jupytext script to `page`, each at its line: in the percent
/// format, cells start at `# %%` lines (`# %% [markdown]` for Markdown, with the cell's
/// `tags=[...]` and a cell magic's `language="..."`); in the light format, a block of
/// comment lines between blank lines is Markdown and the rest is code. The metadata header
/// (`# ---` ... `# ---`) is left out, and magics jupytext comments out (`# %time`,
/// `# !pip`) are shown as the notebook has them.
fn script_cells(text: &str, settings: &Notebooks, page: &mut Page) {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    while start < lines.len()
        && (lines[start].starts_with("#!") || lines[start].contains("-*- coding"))
    {
        start += 1;
    }
    if lines
        .get(start)
        .is_some_and(|line| line.trim_end() == "# ---")
    {
        if let Some(end) = lines[start + 1..]
            .iter()
            .position(|line| line.trim_end() == "# ---")
        {
            start += end + 2;
        }
    }
    let percent = lines[start..]
        .iter()
        .any(|line| percent_marker(line).is_some());
    let mut cells: Vec<ScriptCell> = Vec::new();
    if percent {
        for (index, line) in lines.iter().enumerate().skip(start) {
            if let Some(header) = percent_marker(line) {
                cells.push(ScriptCell::from_header(header, index + 1));
            } else if let Some(cell) = cells.last_mut() {
                cell.lines.push(line);
            } else {
                cells.push(ScriptCell::code(index, vec![line]));
            }
        }
    } else {
        let mut index = start;
        while index < lines.len() {
            if lines[index].trim().is_empty() {
                index += 1;
                continue;
            }
            let end = (index..lines.len())
                .find(|&i| lines[i].trim().is_empty())
                .unwrap_or(lines.len());
            let comments = lines[index..end].iter().all(|line| line.starts_with('#'));
            match cells.last_mut() {
                // Code blocks one after another are one cell, blank lines kept.
                Some(cell) if !cell.markdown && !comments => {
                    let from = cell.first + cell.lines.len();
                    cell.lines.extend_from_slice(&lines[from..end]);
                }
                _ => {
                    let mut cell = ScriptCell::code(index, lines[index..end].to_vec());
                    cell.markdown = comments;
                    cells.push(cell);
                }
            }
            index = end;
        }
    }
    let tagged = |cell: &ScriptCell, tags: &[String]| cell.tags.iter().any(|t| tags.contains(t));
    for cell in cells {
        // The cell's first line in the file, 1-based.
        let at = Some(cell.first + 1);
        if tagged(&cell, &settings.remove_cell_tags) {
            continue;
        }
        if cell.markdown {
            let text: Vec<&str> = cell.lines.iter().map(|line| uncommented(line)).collect();
            page.block(at, &text.join("\n"));
        } else if settings.show_input
            && !tagged(&cell, &settings.remove_input_tags)
            && cell.lines.iter().any(|line| !line.trim().is_empty())
        {
            let code: Vec<&str> = match cell.magic {
                // A cell in another language: its lines are commented out.
                Some(_) => cell.lines.iter().map(|line| uncommented(line)).collect(),
                None => cell
                    .lines
                    .iter()
                    .map(|line| match line.strip_prefix("# ") {
                        Some(magic) if magic.starts_with(['%', '!']) => magic,
                        _ => line,
                    })
                    .collect(),
            };
            let code = code.join("\n");
            let code = code.trim_matches('\n');
            match cell.magic {
                Some(language) => page.code(at, "python", &format!("%%{language}\n{code}")),
                None => page.code(at, "python", code),
            }
        }
    }
}

/// A cell of a jupytext script.
struct ScriptCell<'a> {
    markdown: bool,
    /// The index of the line where the cell's text starts.
    first: usize,
    lines: Vec<&'a str>,
    /// The cell magic whose language the cell is in (`language="latex"`: `%%latex`).
    magic: Option<&'a str>,
    tags: Vec<String>,
}

impl<'a> ScriptCell<'a> {
    fn code(first: usize, lines: Vec<&'a str>) -> Self {
        ScriptCell {
            markdown: false,
            first,
            lines,
            magic: None,
            tags: Vec::new(),
        }
    }

    /// The cell a `# %%` line starts: `header` is what follows the marker.
    fn from_header(header: &'a str, first: usize) -> Self {
        let value = |key: &str| {
            let at = header.find(key)? + key.len();
            Some(&header[at..])
        };
        let magic = value("language=\"").and_then(|rest| rest.split('"').next());
        let tags = value("tags=")
            .and_then(|rest| rest.find(']').map(|end| &rest[..=end]))
            .and_then(|list| serde_json::from_str(list).ok())
            .unwrap_or_default();
        ScriptCell {
            markdown: header.contains("[markdown]") || header.contains("[md]"),
            first,
            lines: Vec::new(),
            magic,
            tags,
        }
    }
}

/// What follows a jupytext percent-format cell marker (`# %%`, then the end of the line
/// or a space); `None` for other lines, such as a commented magic (`# %%time`).
fn percent_marker(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("# %%")
        .or_else(|| line.strip_prefix("#%%"))?;
    (rest.is_empty() || rest.starts_with(' ')).then_some(rest)
}

/// A line of a commented block without its comment mark.
fn uncommented(line: &str) -> &str {
    line.strip_prefix("# ")
        .or_else(|| line.strip_prefix('#'))
        .unwrap_or(line)
}

/// The Markdown being written, with the number of lines it has.
#[derive(Default)]
struct Page {
    text: String,
    lines: usize,
}

impl Page {
    /// Adds a block of lines, separated from the one before by a blank line, and starting
    /// at line `at` of the file when that line is still ahead.
    fn block(&mut self, at: Option<usize>, block: &str) {
        let block = block.trim_end_matches(['\n', '\r']);
        if block.trim().is_empty() {
            return;
        }
        let start = if self.lines == 0 { 1 } else { self.lines + 2 };
        let padding = at.filter(|&at| at > start).map_or(0, |at| at - start);
        let separation = usize::from(self.lines > 0) + padding;
        self.text.extend(std::iter::repeat_n('\n', separation));
        self.lines += separation;
        for line in block.lines() {
            self.text.push_str(line);
            self.text.push('\n');
            self.lines += 1;
        }
    }

    /// Adds code as a fenced block, its first line at `at`: the fence goes on the line
    /// before, which in the file opens the cell's list of lines.
    fn code(&mut self, at: Option<usize>, language: &str, code: &str) {
        let longest_run = code
            .lines()
            .map(|line| line.trim_start().bytes().take_while(|&b| b == b'`').count())
            .max()
            .unwrap_or(0);
        let fence = "`".repeat(longest_run.max(2) + 1);
        let code = code.trim_end_matches(['\n', '\r']);
        self.block(
            at.map(|at| at - 1),
            &format!("{fence}{language}\n{code}\n{fence}"),
        );
    }
}

/// A cell's `source` or an output's text: a string, or a list of strings to join.
fn joined(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// A Markdown cell's text with its attached images (`attachment:name`) written inline.
fn with_attachments(source: &str, attachments: Option<&Value>) -> String {
    let Some(Value::Object(attachments)) = attachments else {
        return source.to_string();
    };
    let mut text = source.to_string();
    for (name, bundle) in attachments {
        let Value::Object(bundle) = bundle else {
            continue;
        };
        if let Some((mime, data)) = bundle.iter().find(|(mime, _)| mime.starts_with("image/")) {
            let data: String = joined(Some(data)).split_whitespace().collect();
            text = text.replace(
                &format!("attachment:{name}"),
                &format!("data:{mime};base64,{data}"),
            );
        }
    }
    text
}

/// One output of a code cell as a block of the page: HTML (with no blank line in it, so
/// that it stays one HTML block) or, for a Markdown result, Markdown.
fn output_block(output: &Value) -> Option<String> {
    match output.get("output_type").and_then(Value::as_str)? {
        "stream" => {
            let class = match output.get("name").and_then(Value::as_str) {
                Some("stderr") => "nb-output nb-stderr",
                _ => "nb-output nb-stream",
            };
            Some(preformatted(class, &joined(output.get("text"))))
        }
        "error" => {
            let traceback: Vec<String> = match output.get("traceback") {
                Some(Value::Array(lines)) => lines
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            let text = match traceback.is_empty() {
                false => traceback.join("\n"),
                true => format!(
                    "{}: {}",
                    output
                        .get("ename")
                        .and_then(Value::as_str)
                        .unwrap_or("Error"),
                    output
                        .get("evalue")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                ),
            };
            Some(preformatted("nb-output nb-error", &text))
        }
        "execute_result" | "display_data" => {
            let data = output.get("data")?.as_object()?;
            let (mime, value) = OUTPUT_TYPES
                .iter()
                .find_map(|mime| data.get(*mime).map(|value| (*mime, value)))?;
            let content = joined(Some(value));
            Some(match mime {
                "text/html" => format!(
                    "<div class=\"nb-output nb-html\">\n{}\n</div>",
                    without_blank_lines(&content)
                ),
                "application/javascript" => return None,
                "text/markdown" => content,
                // Math, drawn like the notebook's own (`\begin{align}…` needs `$$`).
                "text/latex" if content.trim_start().starts_with('$') => content,
                "text/latex" => format!("$$\n{}\n$$", content.trim()),
                "text/plain" => preformatted("nb-output nb-result", &content),
                image => {
                    let encoded = match image {
                        "image/svg+xml" => {
                            base64::engine::general_purpose::STANDARD.encode(content.as_bytes())
                        }
                        _ => content.split_whitespace().collect(),
                    };
                    // Jupyter's text for the image (`<Figure size 640x480 with 1 Axes>`).
                    let alt = data
                        .get("text/plain")
                        .map(|text| joined(Some(text)))
                        .filter(|text| !text.trim().is_empty())
                        .unwrap_or_else(|| "Output of the code above".to_string());
                    format!(
                        "<p class=\"nb-output nb-image\"><img src=\"data:{image};base64,{encoded}\" alt=\"{}\"></p>",
                        escape(&alt)
                    )
                }
            })
        }
        _ => None,
    }
}

/// Text as a `<pre>` block: an HTML block that only `</pre>` ends, so blank lines in it
/// are kept. Terminal colour codes are left out.
fn preformatted(class: &str, text: &str) -> String {
    let text = without_terminal_codes(text.trim_end_matches('\n'));
    format!("<pre class=\"{class}\">{}</pre>", escape(&text))
}

/// HTML whose blank lines would end the HTML block early: each holds an empty comment,
/// which shows nothing, even in `<pre>`.
fn without_blank_lines(html: &str) -> String {
    let lines: Vec<&str> = html
        .trim_matches('\n')
        .lines()
        .map(|line| {
            if line.trim().is_empty() {
                "<!---->"
            } else {
                line
            }
        })
        .collect();
    lines.join("\n")
}

/// `text` without ANSI escape sequences (`ESC [ ... m` and the like), which Jupyter keeps
/// in tracebacks to colour them.
fn without_terminal_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters and intermediates, then one final byte from `@` to `~`.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// For each cell, the line of the file where its text starts (the first string of its
/// `source`), found by reading the file's `"source":` keys in order; `None` when they do
/// not match the cells one for one (a file written in another layout).
fn source_lines(text: &str, cells: usize) -> Option<Vec<Option<usize>>> {
    let bytes = text.as_bytes();
    let mut found = Vec::with_capacity(cells);
    let mut line = 1;
    let mut counted = 0;
    let mut from = 0;
    while let Some(offset) = text[from..].find("\"source\"") {
        let at = from + offset;
        from = at + 8;
        // A key, not text inside a string (where the quotes would be escaped).
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if !matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b'{')) {
            continue;
        }
        let rest = text[from..].trim_start();
        let Some(value) = rest.strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start_matches([' ', '\t']);
        let first = match value.strip_prefix('[') {
            Some(list) => list.trim_start(),
            None => value,
        };
        if !first.starts_with('"') {
            // An empty cell.
            found.push(None);
            continue;
        }
        let position = text.len() - first.len();
        line += memchr::memchr_iter(b'\n', &bytes[counted..position]).count();
        counted = position;
        found.push(Some(line));
    }
    (found.len() == cells).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> Notebooks {
        let markdown = crate::config::extensions::MarkdownOptions::default();
        crate::config::jupyter::read(&serde_norway::from_str(yaml).unwrap(), &markdown).0
    }

    /// A notebook as Jupyter saves it: one line of a cell per line of the file.
    const NOTEBOOK: &str = r##"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Counting\n",
    "\n",
    "Some **text**."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "1 < 2\n",
      "\n",
      "done\n"
     ]
    },
    {
     "data": {
      "text/html": ["<table>\n", "\n", "<tr><td>1</td></tr></table>"],
      "text/plain": ["   a\n", "0  1"]
     },
     "execution_count": 1,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": [
    "print('1 < 2')\n",
    "df"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {"tags": ["hide-input"]},
   "outputs": [
    {
     "ename": "ZeroDivisionError",
     "evalue": "division by zero",
     "output_type": "error",
     "traceback": ["\u001b[0;31mZeroDivisionError\u001b[0m: division by zero"]
    }
   ],
   "source": ["1/0"]
  }
 ],
 "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
"##;

    #[test]
    fn cells_become_markdown_at_their_lines_in_the_file() {
        let converted = convert(NOTEBOOK, "intro.ipynb", &settings("{}"), true).unwrap();
        let lines: Vec<&str> = converted.markdown.lines().collect();
        assert_eq!(lines[6], "# Counting", "line 7, as in the file");
        assert_eq!(lines[8], "Some **text**.");
        // The fence opens on the line of `"source": [` (36), the code follows at its lines.
        assert_eq!(&lines[35..39], ["```python", "print('1 < 2')", "df", "```"]);
        let text = &converted.markdown;
        assert!(
            text.contains("<pre class=\"nb-output nb-stream\">1 &lt; 2\n\ndone</pre>"),
            "{text}"
        );
        assert!(text.contains("<div class=\"nb-output nb-html\">\n<table>\n<!---->\n<tr><td>1</td></tr></table>\n</div>"), "{text}");
        assert!(
            !text.contains("   a\n0  1"),
            "HTML is preferred to plain text"
        );
        assert!(
            text.contains(
                "<pre class=\"nb-output nb-error\">ZeroDivisionError: division by zero</pre>"
            ),
            "{text}"
        );
        assert!(text.contains("```python\n1/0\n```"));
        assert_eq!(converted.title, None);
    }

    #[test]
    fn tags_and_options_leave_parts_out() {
        let converted = convert(
            NOTEBOOK,
            "guide/intro.ipynb",
            &settings("remove_tag_config:\n  remove_input_tags: [hide-input]\nignore_h1_titles: true\ninclude_source: true\n"),
            true,
        )
        .unwrap();
        let text = &converted.markdown;
        assert!(!text.contains("1/0"), "{text}");
        assert!(text.contains("nb-error"), "the output stays");
        assert!(
            text.starts_with("[Download the notebook `intro.ipynb`](<intro/intro.ipynb>)"),
            "{text}"
        );
        assert_eq!(converted.title.as_deref(), Some("Intro"));
        assert_eq!(
            source_copy("guide/intro.ipynb", true),
            "guide/intro/intro.ipynb"
        );
        assert_eq!(source_copy("guide/intro.ipynb", false), "guide/intro.ipynb");
        let no_input = convert(NOTEBOOK, "intro.ipynb", &settings("no_input: true"), true).unwrap();
        assert!(!no_input.markdown.contains("```"), "{}", no_input.markdown);
    }

    #[test]
    fn images_attachments_and_a_file_in_one_line() {
        let one_line = r#"{"cells": [{"cell_type": "markdown", "metadata": {}, "attachments": {"a.png": {"image/png": "iVBO\nRw=="}}, "source": "![a](attachment:a.png)"}, {"cell_type": "code", "metadata": {}, "source": "plot()", "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "AAAA\n", "text/plain": "<Figure size 640x480 with 1 Axes>"}}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#;
        let converted = convert(one_line, "plot.ipynb", &settings("{}"), true).unwrap();
        assert_eq!(
            converted.markdown,
            "![a](data:image/png;base64,iVBORw==)\n\n```python\nplot()\n```\n\n<p class=\"nb-output nb-image\"><img src=\"data:image/png;base64,AAAA\" alt=\"&lt;Figure size 640x480 with 1 Axes&gt;\"></p>\n"
        );
    }

    #[test]
    fn broken_notebooks_are_located_errors() {
        let problem = convert("{\n \"cells\": [,]\n}", "a.ipynb", &settings("{}"), true)
            .err()
            .unwrap();
        assert!(
            problem.message.contains("not valid JSON"),
            "{}",
            problem.message
        );
        assert_eq!(
            problem.location.as_ref().map(|l| (l.line, l.column)),
            Some((2, 12))
        );
        let old = convert(
            "{\"worksheets\": [], \"nbformat\": 3}",
            "a.ipynb",
            &settings("{}"),
            true,
        )
        .err()
        .unwrap();
        assert!(old.message.contains("format version 3"), "{}", old.message);
        assert_eq!(
            without_terminal_codes("\u{1b}[0;31mred\u{1b}[0m text"),
            "red text"
        );
    }

    #[test]
    fn jupytext_scripts_are_read_as_notebooks() {
        let percent = "# ---\n# jupyter:\n#   kernelspec:\n#     name: python3\n# ---\n\n# %% [markdown]\n# # Percent\n#\n# Text.\n\n# %%\nx = 1\n\n# %%\ny = 2\n\n# %% language=\"latex\"\n# \\alpha\n\n# %% tags=[\"hide\", \"other\"]\nhidden = 1\n\n# %%\n# %time\n# !pip install x\n# a comment\n";
        let converted = convert(percent, "p.py", &settings("{}"), true).unwrap();
        let lines: Vec<&str> = converted.markdown.lines().collect();
        assert_eq!(lines[7], "# Percent", "at its line in the file");
        assert_eq!(&lines[8..10], ["", "Text."]);
        assert_eq!(&lines[11..14], ["```python", "x = 1", "```"]);
        assert_eq!(&lines[15..18], ["```python", "y = 2", "```"]);
        assert!(
            !converted.markdown.contains("jupyter:"),
            "the header is left out"
        );
        let text = &converted.markdown;
        assert!(text.contains("```python\n%%latex\n\\alpha\n```"), "{text}");
        assert!(
            text.contains("```python\n%time\n!pip install x\n# a comment\n```"),
            "{text}"
        );
        assert!(text.contains("hidden = 1"));
        let tags = settings("remove_tag_config:\n  remove_cell_tags: [hide]\n");
        let removed = convert(percent, "p.py", &tags, true).unwrap();
        assert!(
            !removed.markdown.contains("hidden = 1"),
            "{}",
            removed.markdown
        );

        let light = "# -*- coding: utf-8 -*-\n# # Light\n#\n# Some text.\n\nimport os\n\n\ndef f():\n    return 1\n\n# More text.\n";
        let converted = convert(light, "l.py", &settings("{}"), true).unwrap();
        assert_eq!(
            converted.markdown,
            "\n# Light\n\nSome text.\n\n```python\nimport os\n\n\ndef f():\n    return 1\n```\n\nMore text.\n"
        );
    }

    #[test]
    fn widgets_show_their_text_and_scripts_are_left_out() {
        let output = |data: &str| {
            let output =
                format!(r#"{{"output_type": "display_data", "metadata": {{}}, "data": {data}}}"#);
            output_block(&serde_json::from_str(&output).unwrap())
        };
        let widget = r#"{"application/vnd.jupyter.widget-view+json": {"model_id": "a1"}, "text/plain": "IntSlider(value=7)"}"#;
        assert_eq!(
            output(widget).as_deref(),
            Some("<pre class=\"nb-output nb-result\">IntSlider(value=7)</pre>")
        );
        let script = r#"{"application/javascript": "draw()", "text/plain": "'draw()'"}"#;
        assert_eq!(output(script), None);
        let latex = r#"{"text/latex": "\\begin{align}a\\end{align}", "text/plain": "<Latex>"}"#;
        assert_eq!(
            output(latex).as_deref(),
            Some("$$\n\\begin{align}a\\end{align}\n$$")
        );
    }
}
