//! Renders a whole page body: path passages, the MkDocs dialect's pre-pass, the Markdown
//! itself and the front-matter `notes` and `warnings` shown above it.

use super::dialect::{self, Problem};
use super::headings::Ids;
use super::passages::{self, PassageRules, PathLabel};
use super::source_map::{At, Prepared};
use super::{admonition_open, render, snippets, Body, Origin};
use crate::diag::{Diagnostic, Location, Locator, Span};
use crate::load::frontmatter::AtLine;
use crate::model::{Page, Site};

/// Where snippets are read from for pages of `site`: the configured base folders (by
/// default the project folder) and the files appended to every page.
pub fn snippet_options(site: &Site) -> snippets::Options {
    let config = &site.config;
    // What includes may read: looked up once, for whichever of them the project has.
    let found_repository = std::cell::OnceCell::new();
    let repository = || {
        found_repository
            .get_or_init(|| crate::config::repository(&config.project_dir))
            .clone()
    };
    snippets::Options {
        base_dirs: config.snippets.base_folders(&config.project_dir),
        auto_append: config.snippets.auto_append.clone(),
        project_dir: config.project_dir.clone(),
        check_paths: config.snippets.check_paths,
        written_by: config.snippets.written_by.clone(),
        dedent_subsections: config.snippets.dedent_subsections,
        url_download: config.snippets.url_download,
        file_includes: config
            .markdown
            .file_includes
            .then(|| snippets::FileIncludes {
                from: config.project_dir.clone(),
                limit: repository(),
            }),
        macro_includes: config.snippets.macro_include_dir.as_ref().map(|dir| {
            snippets::MacroIncludes {
                files: snippets::FileIncludes {
                    from: dir.clone(),
                    limit: repository(),
                },
                block: config.snippets.macro_block.clone(),
            }
        }),
        markdown_include: config.snippets.markdown_include.as_ref().map(|options| {
            snippets::MarkdownIncludes {
                options: options.clone(),
                limit: repository(),
            }
        }),
        include_markdown: config.snippets.include_markdown.as_ref().map(|plugin| {
            snippets::IncludeMarkdowns {
                plugin: plugin.clone(),
                limit: repository(),
            }
        }),
        mdbook_links: config
            .mdbook
            .as_ref()
            .filter(|book| book.links)
            .map(|_| repository()),
    }
}

/// The rendered body of `page` and the problems found while rendering it.
pub fn render_page(site: &Site, page: &Page) -> (Body, Vec<Diagnostic>) {
    let mut options = snippet_options(site);
    // The macros plugin renders the pages whose `render_macros` says so, or by default.
    let renders_macros = page
        .source
        .front
        .meta
        .get("render_macros")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(site.config.snippets.macros_by_default);
    if !renders_macros {
        options.macro_includes = None;
    }
    render_page_with(site, page, &options)
}

/// [`render_page`] with explicit snippet options.
pub fn render_page_with(
    site: &Site,
    page: &Page,
    snippet_options: &snippets::Options,
) -> (Body, Vec<Diagnostic>) {
    let source = &page.source;
    // Located all together at the end, in order, so that a page with many problems is
    // read once rather than once per problem.
    let mut problems = Vec::new();
    let rules = passage_rules(site, page);
    let (prepared, passage_problems) = passages::prepare(source.body(), rules.as_ref());
    // One mistake, one error: a page whose `step:` is invalid is no step, and its passages
    // are not reported again for that.
    let step_was_invalid = rules.is_none() && source.front.invalid_step;
    problems.extend(
        passage_problems
            .into_iter()
            .filter(|p| !(step_was_invalid && p.message.ends_with(passages::NOT_A_STEP)))
            .map(|problem| Problem {
                at: At::page(problem.offset),
                len: problem.len,
                message: problem.message,
                hint: problem.hint,
                is_error: problem.is_error,
            }),
    );
    let (prepared, dialect, dialect_problems) = dialect::prepare(
        source.body(),
        prepared,
        snippet_options,
        site.config.markdown_for(source),
        &site.config.src_dir.join(source.file_path()),
    );
    problems.extend(dialect_problems);

    let mut ids = Ids::for_project(site.config.markdown_for(source));
    let mut html = String::new();
    let mut links = Vec::new();
    for (items, class, title) in [
        (&source.front.notes, "note", "Note"),
        (&source.front.warnings, "warning", "Warning"),
    ] {
        for item in items {
            let fragment = render_note(site, page, item, &mut ids);
            html.push_str(&admonition_open(class, title));
            html.push_str(&fragment.html);
            html.push_str("</div>\n");
            links.extend(fragment.links);
        }
    }

    let locate = |range: std::ops::Range<usize>| Span::Bytes {
        start: source.body_offset + prepared.source_offset(range.start),
        len: range.len(),
    };
    let origin = Origin {
        site,
        page,
        resolve_from: page.links_from(),
        locate: &locate,
        abbreviations: dialect.abbreviations.as_ref(),
        toc_marker: dialect.toc_marker,
        markdown: site.config.markdown_for(source),
    };
    let mut body = render(prepared.text(), &origin, &mut ids);
    for problem in std::mem::take(&mut body.problems) {
        problems.push(Problem {
            at: prepared.origin(problem.range.start),
            len: problem.range.len(),
            message: problem.message,
            hint: problem.hint,
            is_error: problem.is_error,
        });
    }
    html.push_str(&body.html);
    body.html = html;
    links.append(&mut body.links);
    body.links = links;
    body.includes = dialect.includes;
    (body, diagnostics(page, &prepared, problems))
}

/// Diagnostics for problems in the page or in files it included. Each file's problems
/// are located in increasing order with one [`Locator`], so the cost is linear in the
/// size of the file whatever the number of problems.
fn diagnostics(page: &Page, prepared: &Prepared, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let source = &page.source;
    let mut problems: Vec<(usize, Problem)> = problems.into_iter().enumerate().collect();
    problems.sort_by_key(|(_, problem)| (problem.at.file, problem.at.offset));
    let mut page_locator = Locator::new(&source.text);
    let mut included_locator: Option<(u32, Locator, u32)> = None;
    let mut located = Vec::with_capacity(problems.len());
    for (found, problem) in problems {
        let diagnostic = if problem.is_error {
            Diagnostic::error(problem.message)
        } else {
            Diagnostic::warning(problem.message)
        };
        let diagnostic = match problem.at.file {
            0 => diagnostic
                .in_file(&source.display_path)
                .at(page_locator.locate(source.body_offset + problem.at.offset, problem.len))
                .with_hint(problem.hint),
            n => {
                let included = &prepared.included()[n as usize - 1];
                let (_, locator, via_line) = match &mut included_locator {
                    Some(current) if current.0 == n => current,
                    slot => {
                        let via = Location::in_text(
                            &source.text,
                            source.body_offset + included.included_at,
                            0,
                        );
                        slot.insert((n, Locator::new(&included.text), via.line))
                    }
                };
                diagnostic
                    .in_file(&included.display_path)
                    .at(locator.locate(problem.at.offset, problem.len))
                    .with_hint(format!(
                        "{} (included by {}:{})",
                        problem.hint,
                        source.display_path.display(),
                        via_line
                    ))
            }
        };
        located.push((found, diagnostic));
    }
    // Back in the order the problems were found.
    located.sort_by_key(|(found, _)| *found);
    located
        .into_iter()
        .map(|(_, diagnostic)| diagnostic)
        .collect()
}

fn render_note(site: &Site, page: &Page, item: &AtLine<String>, ids: &mut Ids) -> Body {
    let locate = |_: std::ops::Range<usize>| Span::Line(item.line);
    render(
        &item.value,
        &Origin {
            site,
            page,
            resolve_from: page.links_from(),
            locate: &locate,
            abbreviations: None,
            toc_marker: false,
            markdown: site.config.markdown_for(&page.source),
        },
        ids,
    )
}

/// On a tutorial step: the declared paths and the ones the step is on.
fn passage_rules<'a>(site: &'a Site, page: &Page) -> Option<PassageRules<'a>> {
    let tutorial = site.tutorial_of(page.id)?;
    let step = tutorial.step(page.id)?;
    Some(PassageRules {
        declared: tutorial
            .paths
            .iter()
            .map(|p| PathLabel {
                id: &p.id,
                title: &p.title,
            })
            .collect(),
        on_step_paths: step
            .paths
            .iter()
            .map(|&i| tutorial.paths[i].id.as_str())
            .collect(),
    })
}

/// The configured announcement as shown on `page`; its links are resolved from the content
/// root and point into `book.toml` in diagnostics.
pub fn announcement(site: &Site, page: &Page) -> Option<Body> {
    let text = site.config.announcement.as_deref()?;
    let line = site
        .config
        .config_text
        .lines()
        .position(|l| l.trim_start().starts_with("announcement"))
        .map_or(1, |i| i as u32 + 1);
    let locate = |_: std::ops::Range<usize>| Span::Line(line);
    Some(render(
        text,
        &Origin {
            site,
            page,
            resolve_from: "index.md",
            locate: &locate,
            abbreviations: None,
            toc_marker: false,
            markdown: &site.config.markdown,
        },
        &mut Ids::default(),
    ))
}
