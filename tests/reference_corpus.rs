//! Waymark's HTML against Python-Markdown + pymdown-extensions' HTML for the same input:
//! snippets cut from real MkDocs projects (tests/fixtures/reference-corpus/, made by
//! scripts/reference-corpus/), each rendered with its project's `markdown_extensions`
//! and compared after normalising both sides. A snippet that differs must be listed in
//! known-differences.toml with its reason, and a listed snippet must still differ.

use rayon::prelude::*;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use waymark::load::{Loaded, Source};
use waymark::markdown::page::{render_page_with, snippet_options};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference-corpus")
}

/// One snippet: `project/nnn`, Waymark's HTML and the reference HTML, both normalised.
struct Compared {
    id: String,
    waymark: String,
    reference: String,
}

/// Renders every snippet of `project` as a page of one site built from the project's
/// mkdocs.yml, so Waymark reads the same settings as the reference did.
fn compare_project(project: &Path) -> Vec<Compared> {
    let file = project.join("mkdocs.yml");
    let text = std::fs::read_to_string(&file).unwrap();
    let config = waymark::config::mkdocs::parse(&text, &file, project)
        .unwrap_or_else(|problems| panic!("{}", problems.render()));
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(project)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    inputs.sort();
    let sources: Vec<Source> = inputs
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            waymark::load::parse_source(name, path.clone(), text, true).0
        })
        .collect();
    let loaded = Loaded {
        sources,
        static_files: Vec::new(),
        authors: Default::default(),
        pages_files: Default::default(),
    };
    let (site, _) = waymark::model::build(config, loaded);
    // The projects' auto-appended files are not part of the corpus (nor of its references).
    let mut options = snippet_options(&site);
    options.auto_append.clear();
    let name = project.file_name().unwrap().to_str().unwrap();
    site.pages
        .par_iter()
        .map(|page| {
            let (body, _) = render_page_with(&site, page, &options);
            let stem = page.rel_path.trim_end_matches(".md");
            let reference = std::fs::read_to_string(project.join(format!("{stem}.html")))
                .unwrap_or_else(|e| panic!("{name}/{stem}.html: {e} (run reference.py)"));
            Compared {
                id: format!("{name}/{stem}"),
                waymark: normalise(&body.html),
                reference: normalise(&reference),
            }
        })
        .collect()
}

/// `snippet id -> reason` from known-differences.toml.
fn known_differences() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("known-differences.toml")).unwrap();
    toml::from_str(&text).expect("known-differences.toml: `\"project/nnn\" = \"reason\"` lines")
}

#[test]
fn waymark_renders_real_snippets_as_python_markdown_does() {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    projects.sort();
    let compared: Vec<Compared> = projects
        .par_iter()
        .flat_map(|project| compare_project(project))
        .collect();
    assert!(compared.len() >= 200, "only {} snippets", compared.len());

    let known = known_differences();
    let mut failures = Vec::new();
    let (mut matching, mut differing) = (0, 0);
    for snippet in &compared {
        let same = snippet.waymark == snippet.reference;
        match (same, known.contains_key(&snippet.id)) {
            (true, false) => matching += 1,
            (false, true) => differing += 1,
            (false, false) => failures.push(format!(
                "{}: differs from the reference (fix it, or list it in \
                 known-differences.toml with the reason)\n{}",
                snippet.id,
                first_difference(&snippet.reference, &snippet.waymark)
            )),
            (true, true) => failures.push(format!(
                "{}: now matches the reference; remove it from known-differences.toml",
                snippet.id
            )),
        }
    }
    for id in known.keys() {
        if !compared.iter().any(|snippet| &snippet.id == id) {
            failures.push(format!(
                "{id}: listed in known-differences.toml but no such snippet"
            ));
        }
    }
    println!(
        "reference corpus: {matching} match, {differing} known differences, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The first lines where the normalised HTML differs, with a little context.
fn first_difference(reference: &str, waymark: &str) -> String {
    let (ours, theirs): (Vec<&str>, Vec<&str>) =
        (waymark.lines().collect(), reference.lines().collect());
    let at = ours
        .iter()
        .zip(&theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    let window = |lines: &[&str]| {
        lines[at.saturating_sub(2)..(at + 4).min(lines.len())]
            .iter()
            .map(|line| format!("    {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "  reference (Python-Markdown):\n{}\n  waymark:\n{}",
        window(&theirs),
        window(&ours)
    )
}

/// HTML in a form where only differences that matter remain: one tag or text per line,
/// attributes and classes sorted, whitespace collapsed. Markup that differs on purpose is
/// brought to one form on both sides (see `write_element`); everything else must match.
fn normalise(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = Vec::new();
    write_children(fragment.root_element(), 0, &mut out);
    out.join("\n")
}

fn write_children(element: ElementRef<'_>, depth: usize, out: &mut Vec<String>) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    out.push(format!("{}{text}", indent(depth)));
                }
            }
            Node::Element(_) => write_element(ElementRef::wrap(child).unwrap(), depth, out),
            _ => {}
        }
    }
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn has_class(element: ElementRef<'_>, class: &str) -> bool {
    element
        .value()
        .has_class(class, scraper::CaseSensitivity::CaseSensitive)
}

fn write_element(element: ElementRef<'_>, depth: usize, out: &mut Vec<String>) {
    let name = element.value().name();
    let parent_is_highlight = element
        .parent()
        .and_then(ElementRef::wrap)
        .is_some_and(|parent| has_class(parent, "highlight"));
    match name {
        // Permalink anchors after headings are presentation (toc's `permalink`).
        _ if has_class(element, "headerlink") => {}
        // Icon drawings differ between icon-set versions; which icon it is shows in the
        // classes of the element around it.
        "svg" => out.push(format!("{}<svg>", indent(depth))),
        // Emoji: Material links Twemoji images from a CDN, Waymark writes the character
        // (output never loads anything from another host).
        "img" if has_class(element, "twemoji") => {
            emoji(element.value().attr("alt").unwrap_or(""), depth, out)
        }
        "span" if has_class(element, "emoji") => {
            emoji(&element.text().collect::<String>(), depth, out)
        }
        "div" if has_class(element, "tabbed-set") => write_tabs(element, depth, out),
        // Math: MathJax reads the TeX in the browser, Waymark writes MathML with the TeX
        // kept as its annotation (see "Math" in mkdocs-dialect.md): compare the TeX.
        _ if has_class(element, "arithmatex") => {
            out.push(format!("{}<{name}{}>", indent(depth), attributes(element)));
            out.push(format!("{}{}", indent(depth + 1), tex(element)));
            out.push(format!("{}</{name}>", indent(depth)));
        }
        // Inline code is compared by its text too (pymdownx.inlinehilite's spans).
        "code" => {
            out.push(format!("{}<code{}>", indent(depth), attributes(element)));
            let code: String = element.text().collect();
            out.push(format!("{}{}", indent(depth + 1), code.trim()));
            out.push(format!("{}</code>", indent(depth)));
        }
        // Code blocks are compared by their text, not by the highlighter's spans.
        "div" if has_class(element, "highlight") => {
            out.push(format!(
                "{}<code-block{}>",
                indent(depth),
                attributes(element)
            ));
            write_children(element, depth + 1, out);
            out.push(format!("{}</code-block>", indent(depth)));
        }
        "pre" if parent_is_highlight => write_code(element, depth, out),
        "pre" => {
            out.push(format!(
                "{}<code-block{}>",
                indent(depth),
                attributes(element)
            ));
            write_code(element, depth + 1, out);
            out.push(format!("{}</code-block>", indent(depth)));
        }
        _ => {
            out.push(format!("{}<{name}{}>", indent(depth), attributes(element)));
            write_children(element, depth + 1, out);
            out.push(format!("{}</{name}>", indent(depth)));
        }
    }
}

/// The TeX of a formula: MathML's TeX annotation, or the text without its delimiters.
fn tex(element: ElementRef<'_>) -> String {
    let annotation = scraper::Selector::parse("annotation").unwrap();
    let text: String = match element.select(&annotation).next() {
        Some(annotation) => annotation.text().collect(),
        None => element.text().collect(),
    };
    let text = text.trim();
    let text = [("\\(", "\\)"), ("\\[", "\\]"), ("$$", "$$"), ("$", "$")]
        .iter()
        .find_map(|(open, close)| text.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn emoji(text: &str, depth: usize, out: &mut Vec<String>) {
    let character: String = text.chars().filter(|&c| c != '\u{fe0f}').collect();
    out.push(format!("{}<emoji {character}>", indent(depth)));
}

fn write_code(pre: ElementRef<'_>, depth: usize, out: &mut Vec<String>) {
    let code: String = pre.text().collect();
    out.push(format!("{}<pre>", indent(depth)));
    out.push(format!(
        "{}{}",
        indent(depth + 1),
        code.trim_end().replace('\n', "⏎")
    ));
    out.push(format!("{}</pre>", indent(depth)));
}

/// Content tabs as labels (id, selected or not, content) and panels: Material marks them
/// up with radio buttons, Waymark as an ARIA tab widget (see "Content tabs" in
/// mkdocs-dialect.md).
fn write_tabs(set: ElementRef<'_>, depth: usize, out: &mut Vec<String>) {
    let children: Vec<ElementRef<'_>> = set.children().filter_map(ElementRef::wrap).collect();
    let checked: Vec<&str> = children
        .iter()
        .filter(|e| e.value().name() == "input" && e.value().attr("checked").is_some())
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let labels: Vec<ElementRef<'_>> = children
        .iter()
        .filter(|e| has_class(**e, "tabbed-labels"))
        .flat_map(|labels| labels.children().filter_map(ElementRef::wrap))
        .collect();
    let panels: Vec<ElementRef<'_>> = children
        .iter()
        .flat_map(|e| match has_class(*e, "tabbed-content") {
            true => e.children().filter_map(ElementRef::wrap).collect(),
            false => vec![*e],
        })
        .filter(|e| has_class(*e, "tabbed-block"))
        .collect();
    out.push(format!("{}<tabs>", indent(depth)));
    for (label, panel) in labels.iter().zip(&panels) {
        let value = label.value();
        let id = value.attr("for").or(value.attr("id")).unwrap_or("");
        let selected = checked.contains(&id) || value.attr("aria-selected") == Some("true");
        out.push(format!(
            "{}<tab id=\"{id}\" selected={selected}>",
            indent(depth + 1)
        ));
        write_children(*label, depth + 2, out);
        out.push(format!("{}<panel>", indent(depth + 1)));
        write_children(*panel, depth + 2, out);
    }
    if labels.len() != panels.len() {
        out.push(format!(
            "{}{} labels, {} panels",
            indent(depth + 1),
            labels.len(),
            panels.len()
        ));
    }
    out.push(format!("{}</tabs>", indent(depth)));
}

/// Classes Waymark adds for its theme: (element, class).
const WAYMARK_CLASSES: &[(&str, &str)] =
    &[("details", "admonition"), ("summary", "admonition-title")];

/// Attributes sorted by name, as ` name="value"` pairs (boolean ones without a value),
/// with classes sorted and the ones
/// that only one side adds on purpose left out: Waymark's theme classes, the highlighter's
/// `highlight` and `language-*` (pymdownx.highlight's `pygments_lang_class`). Links to
/// other pages keep only their fragment: MkDocs rewrites them after Python-Markdown, for
/// the page's place in the site.
fn attributes(element: ElementRef<'_>) -> String {
    let name = element.value().name();
    let mut pairs: Vec<(&str, String)> = element
        .value()
        .attrs()
        .filter_map(|(attribute, value)| {
            let value = match attribute {
                "class" => {
                    let mut classes: Vec<&str> = value
                        .split_whitespace()
                        .filter(|class| {
                            *class != "highlight"
                                && !class.starts_with("language-")
                                && !WAYMARK_CLASSES.contains(&(name, class))
                        })
                        .collect();
                    if classes.is_empty() {
                        return None;
                    }
                    classes.sort_unstable();
                    classes.join(" ")
                }
                "style" => value.trim().trim_end_matches(';').to_string(),
                // Waymark names task checkboxes ("Done", "Not done") and footnotes' links
                // back ("Back to the text") for screen readers.
                "aria-label" if name == "input" || name == "a" => return None,
                // Boolean attributes: `open="open"` and `open=""` say the same.
                "open" | "checked" | "disabled" | "hidden" => String::new(),
                "href" if is_relative(value) => match value.split_once('#') {
                    Some((_, fragment)) => format!("(page)#{fragment}"),
                    None => "(page)".to_string(),
                },
                _ => value.to_string(),
            };
            Some((attribute, value))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(name, value)| format!(" {name}=\"{value}\""))
        .collect()
}

/// A link to a page or file of the site (not an address, an email or a fragment).
fn is_relative(href: &str) -> bool {
    !(href.starts_with('#') || href.starts_with('/') || href.contains(':'))
}
