//! Markdown to HTML: pulldown-cmark with our passes on top (heading ids and self-links,
//! highlighted code, GitHub alerts as admonitions, link rewriting and recording), and the
//! MkDocs / Material dialect: line-based passes before parsing ([`dialect`]: snippets,
//! admonitions, tabs, `markdown` HTML, abbreviations, `[TOC]`) and event passes after it
//! (attribute lists, abbreviations, icons, code block options, Python-Markdown warnings).

pub mod abbreviations;
pub mod admonition;
mod annotations;
pub mod attr_list;
pub mod blocks;
pub mod callouts;
pub mod code;
pub mod compat;
mod critic;
mod definitions;
mod delimiters;
pub mod dialect;
mod footnotes;
pub mod headings;
pub mod highlight;
pub mod icons;
pub mod include_markdown;
pub mod includes;
pub mod indent;
pub mod inline;
mod keymap;
pub mod lightbox;
pub mod magiclink;
pub mod marks;
pub mod math;
pub mod md_in_html;
pub mod mdbook_links;
pub mod page;
pub use page::announcement;
pub mod passages;
pub mod pymdown_blocks;
pub mod references;
mod smart_symbols;
pub mod snippets;
pub mod source_map;
pub mod tabs;

use crate::config::extensions::CriticMode;
use crate::diag::Span;
use crate::model::links::LinkTarget;
use crate::model::{urls, Page, Site};
use abbreviations::Abbreviations;
use compat::{Compat, RenderProblem};
use footnotes::Footnotes;
use headings::{Heading, Ids};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

/// How the self-link of every heading starts (the search index leaves these links out).
pub const SELF_LINK_OPEN: &str = "<a class=\"headerlink\"";

/// The rendered body of one page (or of a fragment such as a front-matter note).
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id an anchor can point at: headings, `{#id}` attributes and raw HTML ids.
    pub ids: HashSet<String>,
    /// Internal and broken links, in source order, for checking.
    pub links: Vec<Link>,
    pub has_h1: bool,
    /// The page has a mermaid diagram (a `<pre class="mermaid">`), so it needs mermaid.js.
    pub uses_mermaid: bool,
    /// Canonical paths of the files that snippets included: the page is stale when one
    /// of them changes.
    pub includes: Vec<PathBuf>,
    /// Problems found while rendering, at byte ranges of the parsed text (the page
    /// renderer turns them into diagnostics).
    pub problems: Vec<RenderProblem>,
}

/// A link or image found in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub target: LinkTarget,
    /// Where the link is in the page's file (or in book.toml for the announcement).
    pub span: Span,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Where a fragment of Markdown sits, so links resolve and diagnostics point right.
pub struct Origin<'a> {
    pub site: &'a Site,
    /// The page the HTML is written into (hrefs are made relative to its URL).
    pub page: &'a Page,
    /// The content path that relative links in the text are resolved from: the page's own
    /// path, or `index.md` for text from the configuration.
    pub resolve_from: &'a str,
    /// Maps a byte range of the parsed text to a span of the page's file.
    pub locate: &'a dyn Fn(std::ops::Range<usize>) -> Span,
    /// The page's abbreviations, if it defines any.
    pub abbreviations: Option<&'a Abbreviations>,
    /// The text has a `[TOC]` marker (from the block pass) to replace.
    pub toc_marker: bool,
    /// How the text is read (the page's options: see `Config::markdown_for`).
    pub markdown: &'a crate::config::extensions::MarkdownOptions,
}

/// Renders `markdown` as (part of) the page in `origin`. `ids` is shared between the
/// fragments of one page so that ids stay unique.
pub fn render(markdown: &str, origin: &Origin, ids: &mut Ids) -> Body {
    let mut body = Body::default();
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(code::Info, String)> = None;
    // The code block being read is indented (not fenced).
    let mut code_is_indented = false;
    let mut heading: Option<(Tag, Vec<Event>, Range<usize>)> = None;
    let mut footnotes = Footnotes::new(&origin.markdown.footnotes);
    let mut compat = Compat::with_list_indent(origin.markdown.list_indent);
    // Depth of images and autolinks, whose text is not shortcode-checked.
    let mut literal_text = 0usize;
    // In a paragraph that starts `:::`: mkdocstrings' and mkdocs-click's blocks, which
    // stay as written (their extensions cannot run), option lines such as `:module: x`
    // included; these are no shortcodes.
    let (mut paragraph_opens, mut in_identifier_block) = (false, false);
    let mut link_is_literal: Vec<bool> = Vec::new();
    let mut task_list = TaskLists::default();
    // Which open emphases are inside-a-word asterisks that pymdownx.betterem leaves as text.
    let mut emphasis_is_text: Vec<Option<&'static str>> = Vec::new();
    // The list explaining the markers of the code block just written, while it is read.
    let mut annotation_list: Option<annotations::List> = None;
    let code_annotations = origin
        .site
        .config
        .features
        .iter()
        .any(|f| f == "content.code.annotate");

    let markdown_options = origin.markdown;
    // Critic marks left for the events to show (other modes applied them to the text).
    let critic_shown = markdown_options.critic == Some(CriticMode::View);
    let math = markdown_options.math;
    let mut delimited_math = math::Delimited::new(markdown_options.mathjax_delimiters);
    let mut parser_options = options();
    if math && !markdown_options.mathjax_delimiters {
        parser_options |= Options::ENABLE_MATH;
    }
    if markdown_options.smart_punctuation {
        parser_options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    if markdown_options.python_markdown {
        // pymdownx.tilde's `~~del~~` and `~sub~` are paired with the other marks
        // ([`delimiters`]), by its rules rather than GFM's.
        parser_options.remove(Options::ENABLE_STRIKETHROUGH);
    }
    let mut parser = Parser::new_ext(markdown, parser_options)
        .into_offset_iter()
        .peekable();
    while let Some((mut event, range)) = parser.next() {
        if !markdown_options.commonmark_only {
            compat.observe(&event, &range, markdown);
        }
        if markdown_options.line_breaks && event == Event::SoftBreak {
            event = Event::HardBreak;
        }
        task_list.observe(&event, events.len());
        match &event {
            Event::Start(Tag::Paragraph) => paragraph_opens = true,
            Event::Text(text) if paragraph_opens => {
                in_identifier_block = text.starts_with(":::");
                paragraph_opens = false;
            }
            Event::End(TagEnd::Paragraph) => in_identifier_block = false,
            _ => paragraph_opens = false,
        }
        if let Some(list) = annotation_list.as_mut() {
            let (rewritten, open) = list.map(event);
            event = rewritten;
            if !open {
                annotation_list = None;
            }
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                code_is_indented = kind == CodeBlockKind::Indented;
                let mut info = match kind {
                    CodeBlockKind::Fenced(info) => code::Info::parse(&info),
                    CodeBlockKind::Indented => code::Info::default(),
                };
                if let Some(book) = &origin.site.config.mdbook {
                    info.hidden = info
                        .hidden
                        .or_else(|| book.hidden_lines(info.lang.as_deref()));
                }
                code = Some((info, String::new()));
                continue;
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                let (mut info, mut text) = code.take().unwrap_or_default();
                if let Some(codehilite) = markdown_options.codehilite.filter(|_| code_is_indented) {
                    let header = code::codehilite_header(&text);
                    let numbered = header.as_ref().is_some_and(|h| h.numbered);
                    if codehilite.linenums.unwrap_or(numbered) {
                        info.linenums = Some(1);
                    }
                    if let Some(header) = header {
                        info.lang = header.lang;
                        text = header.code + "\n";
                    }
                }
                info.linenums =
                    code::line_numbering(markdown_options.highlight_linenums, info.linenums);
                if critic_shown {
                    compat.problems.extend(critic::in_code(&text, &range));
                }
                body.uses_mermaid |= info.is_mermaid();
                let annotated = (code_annotations || info.annotate)
                    && parser
                        .peek()
                        .is_some_and(|(next, _)| annotations::starts_list(next));
                let prefix = annotated.then(|| annotations::prefix(ids));
                annotation_list = prefix.clone().map(annotations::List::new);
                if math && info.lang.as_deref() == Some("math") {
                    let (html, problem) = math::html(&text, math::Layout::Block, range);
                    compat.problems.extend(problem);
                    Event::Html(html.into())
                } else {
                    Event::Html(code::render(&text, &info, prefix.as_deref()).into())
                }
            }
            Event::Code(ref text) => {
                if critic_shown {
                    compat.problems.extend(critic::in_code(text, &range));
                }
                let highlighted = markdown_options
                    .inline_highlight
                    .then(|| code::inline(text))
                    .flatten();
                highlighted.map_or(event, |html| Event::InlineHtml(html.into()))
            }
            Event::InlineMath(ref latex) | Event::DisplayMath(ref latex) => {
                let layout = if matches!(event, Event::InlineMath(_)) {
                    math::Layout::Inline
                } else {
                    math::Layout::Display
                };
                let (html, problem) = math::html(latex, layout, range);
                compat.problems.extend(problem);
                Event::InlineHtml(html.into())
            }
            Event::Text(ref text)
                if math
                    && heading.is_none()
                    && footnotes.open.is_none()
                    && delimited_math.text(
                        text,
                        &range,
                        markdown,
                        parser.peek().is_some_and(|(next, _)| {
                            matches!(next, Event::End(TagEnd::Paragraph | TagEnd::Item))
                        }),
                        &mut events,
                        &mut compat.problems,
                    ) =>
            {
                continue;
            }
            Event::End(TagEnd::Paragraph) if math && heading.is_none() => {
                delimited_math.block_ended();
                // A displayed formula alone in its paragraph (`$$ … $$`, `\[ … \]` on lines of
                // their own) is a block of its own, as arithmatex writes it.
                let pushed = match footnotes.open.as_mut() {
                    Some((_, definition)) => definition,
                    None => &mut events,
                };
                let block = match pushed.as_slice() {
                    [.., Event::Start(Tag::Paragraph), Event::InlineHtml(html)] => {
                        math::as_block(html)
                    }
                    _ => None,
                };
                match block {
                    Some(block) => {
                        pushed.truncate(pushed.len() - 2);
                        pushed.push(Event::Html(block.into()));
                        continue;
                    }
                    None => event,
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                delimited_math.block_ended();
                event
            }
            Event::Text(ref text) => {
                if literal_text == 0 && !in_identifier_block && text.contains(':') {
                    compat.problems.extend(unknown_shortcodes(text, &range));
                }
                if critic_shown && literal_text > 0 {
                    compat.problems.extend(critic::in_description(text, &range));
                }
                match escaped_first(markdown, &range, text) {
                    // A character escaped with `\` (`mail\@example.com`, `\==`) starts no
                    // mark, shorthand or address: it is written as HTML, out of their reach.
                    Some(at) => {
                        if critic_shown {
                            compat.problems.extend(critic::escaped(text, &range));
                        }
                        let (first, rest) = text.split_at(at);
                        sink(&mut heading, &mut footnotes.open, &mut events)
                            .push(Event::InlineHtml(escape(first).into()));
                        if rest.is_empty() {
                            continue;
                        }
                        Event::Text(rest.to_string().into())
                    }
                    None => event,
                }
            }
            Event::Start(Tag::Link {
                link_type,
                ref mut dest_url,
                ..
            }) => {
                let literal = matches!(link_type, LinkType::Autolink | LinkType::Email);
                literal_text += usize::from(literal);
                link_is_literal.push(literal);
                // `<a@b.org>`: the writer adds `mailto:`; it is no path to check.
                if link_type != LinkType::Email {
                    *dest_url = link(dest_url, range, origin, &mut body.links);
                }
                event
            }
            Event::Start(Tag::Image {
                ref mut dest_url, ..
            }) => {
                literal_text += 1;
                *dest_url = link(dest_url, range, origin, &mut body.links);
                event
            }
            Event::End(TagEnd::Image) => {
                literal_text = literal_text.saturating_sub(1);
                event
            }
            Event::End(TagEnd::Link) => {
                if link_is_literal.pop() == Some(true) {
                    literal_text = literal_text.saturating_sub(1);
                }
                event
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(alert_open(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            Event::Html(ref mut html) | Event::InlineHtml(ref mut html) => {
                if html.contains(blocks::RAW_BLANK_LINE) {
                    *html = html.replace(blocks::RAW_BLANK_LINE, "").into();
                }
                for id in raw_html_ids(html) {
                    ids.reserve(id);
                }
                if html.contains(inline::LINK_MARKER) {
                    *html = rewrite_marked_links(html, range, origin, &mut body.links).into();
                }
                event
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => {
                let delimiter = match event {
                    Event::Start(Tag::Strong) => "**",
                    _ => "*",
                };
                let text = (markdown_options.smart_asterisk
                    && asterisks_inside_a_word(markdown, &range, delimiter))
                .then_some(delimiter);
                emphasis_is_text.push(text);
                text.map_or(event, |text| Event::Text(text.into()))
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => match emphasis_is_text.pop() {
                Some(Some(text)) => Event::Text(text.into()),
                _ => event,
            },
            Event::TaskListMarker(done) => {
                if heading.is_none() && footnotes.open.is_none() {
                    task_list.mark(&mut events);
                }
                let custom = markdown_options.custom_checkbox;
                Event::InlineHtml(checkbox(done, custom).into())
            }
            Event::FootnoteReference(label) => {
                Event::InlineHtml(footnotes.reference(&label, ids).into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnotes.open = Some((label.to_string(), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                footnotes.close();
                continue;
            }
            Event::Start(tag @ Tag::Heading { .. }) => {
                heading = Some((tag, Vec::new(), range));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((tag, mut inner, range)) = heading.take() {
                    let tag = match critic_shown {
                        true => critic_mark_as_text(tag, &mut inner, &markdown[range.clone()]),
                        false => tag,
                    };
                    if let Some(problem) =
                        finish_heading(tag, inner, markdown_options, ids, &mut body, &mut events)
                    {
                        compat.problems.push(RenderProblem { range, ..problem });
                    }
                }
                continue;
            }
            other => other,
        };
        sink(&mut heading, &mut footnotes.open, &mut events).push(event);
    }
    footnotes.finish(&mut events, ids);
    write_html(events, origin, ids, &mut body);
    body.problems = compat.problems;
    body
}

/// Where an event goes: into the heading or footnote being read, or the page.
fn sink<'s, 'a>(
    heading: &'s mut Option<(Tag<'a>, Vec<Event<'a>>, Range<usize>)>,
    footnote: &'s mut Option<(String, Vec<Event<'a>>)>,
    events: &'s mut Vec<Event<'a>>,
) -> &'s mut Vec<Event<'a>> {
    match (heading, footnote) {
        (Some((_, inner, _)), _) => inner,
        (None, Some((_, definition))) => definition,
        (None, None) => events,
    }
}

/// The length of the first character of `text` (at `range` of `markdown`) when it was
/// escaped with a backslash or written as an entity (`&#123;`), and is one that marks,
/// keys, critic marks or link shorthands would read (pulldown-cmark starts a new text
/// after the backslash and gives an entity a text of its own).
fn escaped_first(markdown: &str, range: &Range<usize>, text: &str) -> Option<usize> {
    let escaped = range.start > 0 && markdown.as_bytes().get(range.start - 1) == Some(&b'\\');
    let entity = markdown.as_bytes().get(range.start) == Some(&b'&') && !text.starts_with('&');
    let first = text.chars().next()?;
    ((escaped || entity) && "@#!?=^~+{".contains(first)).then(|| first.len_utf8())
}

/// Whether the emphasis at `range` of `markdown`, written with `delimiter` (`*` or `**`),
/// opens or closes inside a word (`**bold**text`, `foo*bar*baz`): pymdownx.betterem's
/// smart asterisks leave such delimiters as text.
fn asterisks_inside_a_word(markdown: &str, range: &Range<usize>, delimiter: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let Some(source) = markdown.get(range.clone()) else {
        return false;
    };
    if !source.starts_with(delimiter) || !source.ends_with(delimiter) || !source.starts_with('*') {
        return false;
    }
    let (open, close) = (range.start + delimiter.len(), range.end - delimiter.len());
    let inside = |at: usize, end: usize| {
        is_word(markdown[..at].chars().next_back()) && is_word(markdown[end..].chars().next())
    };
    inside(range.start, open) || inside(close, range.end)
}

/// Runs the passes that need a whole fragment's events (attribute lists, abbreviations and
/// icons, the `[TOC]` marker), then writes its HTML and the page's ids into `body`.
fn write_html(events: Vec<Event>, origin: &Origin, ids: &mut Ids, body: &mut Body) {
    // Abbreviations and symbols may span the text events that pulldown-cmark splits at
    // characters such as `<` and `(`.
    let mut events = merge_text(
        events,
        origin.abbreviations.is_some() || origin.markdown.smart_symbols.is_some(),
    );
    for id in attr_list::apply(&mut events) {
        ids.reserve(&id);
    }
    // `glightbox: false` in a page's front-matter keeps its images as they are.
    let page_lightbox = origin.page.source.front.meta.get("glightbox");
    if let Some(lightbox) = origin.site.config.lightbox.as_ref() {
        if page_lightbox.and_then(serde_json::Value::as_bool) != Some(false) {
            lightbox::wrap(&mut events, lightbox);
        }
    }
    annotations::apply_to_blocks(&mut events, ids);
    definitions::apply(&mut events);
    spans(&mut events, origin.markdown);
    replace_text(&mut events, origin.abbreviations, origin.markdown);
    pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
    if origin.toc_marker {
        let toc_levels = origin.markdown.toc.marker_levels();
        body.html = body.html.replace(
            blocks::TOC_MARKER,
            &headings::toc_html(&body.headings, toc_levels),
        );
    }
    body.ids = ids.taken().clone();
}

/// Critic marks (with pymdownx.critic in view mode; its other modes applied them to the
/// text), then marks, inserts, deletions, superscripts and subscripts, which may hold
/// other markup.
fn spans(events: &mut Vec<Event<'_>>, options: &crate::config::extensions::MarkdownOptions) {
    if options.critic == Some(CriticMode::View) {
        critic::show(events);
    }
    delimiters::apply(events, &options.spans);
}

/// Diagnostics for the `:name:` shortcodes in `text` (at `range` of the page) that name
/// no icon or emoji.
fn unknown_shortcodes<'a>(
    text: &'a str,
    range: &'a Range<usize>,
) -> impl Iterator<Item = RenderProblem> + 'a {
    icons::unknown(text).map(move |found| {
        let start = (range.start + found.range.start).min(range.end);
        RenderProblem {
            range: start..start + found.range.len(),
            message: format!("unknown icon or emoji shortcode `:{}:`", found.name),
            hint: if icons::is_icon_name(found.name) {
                "check the name in the icon set (Material Design Icons, Octicons with its size, Font Awesome with its style, Simple Icons, Lucide); it is shown as text".into()
            } else {
                "emoji use GitHub's names, such as `:warning:` or `:white_check_mark:`; it is shown as text".into()
            },
            is_error: false,
        }
    })
}

/// A task list's checkbox. The default one has no accessible name; this says what its
/// state means.
/// A task's checkbox; `custom` wraps it as pymdownx.tasklist's `custom_checkbox` does,
/// for stylesheets that draw their own box.
fn checkbox(done: bool, custom: bool) -> String {
    let input = if done {
        "<input type=\"checkbox\" disabled checked aria-label=\"Done\">"
    } else {
        "<input type=\"checkbox\" disabled aria-label=\"Not done\">"
    };
    if custom {
        format!("<label class=\"task-list-control\">{input}<span class=\"task-list-indicator\"></span></label> ")
    } else {
        format!("{input} ")
    }
}

/// Where the open lists and items start among the events, so that a task's checkbox can
/// mark its item and list with pymdownx.tasklist's classes.
#[derive(Default)]
struct TaskLists {
    lists: Vec<usize>,
    items: Vec<usize>,
}

impl TaskLists {
    /// Follows lists and items opening and closing; an opening one would go to `at`.
    fn observe(&mut self, event: &Event, at: usize) {
        match event {
            Event::Start(Tag::List(_)) => self.lists.push(at),
            Event::Start(Tag::Item) => self.items.push(at),
            Event::End(TagEnd::List(_)) => drop(self.lists.pop()),
            Event::End(TagEnd::Item) => drop(self.items.pop()),
            _ => {}
        }
    }

    /// Gives the innermost open item and its list the task-list classes.
    fn mark(&self, events: &mut [Event]) {
        if let Some(&item) = self.items.last() {
            if matches!(events.get(item), Some(Event::Start(Tag::Item))) {
                events[item] = Event::Html("<li class=\"task-list-item\">".into());
            }
        }
        if let Some(&list) = self.lists.last() {
            let tag = match events.get(list) {
                Some(Event::Start(Tag::List(None))) => "<ul class=\"task-list\">\n".to_string(),
                Some(Event::Start(Tag::List(Some(1)))) => "<ol class=\"task-list\">\n".to_string(),
                Some(Event::Start(Tag::List(Some(start)))) => {
                    format!("<ol class=\"task-list\" start=\"{start}\">\n")
                }
                _ => return,
            };
            events[list] = Event::Html(tag.into());
        }
    }
}

/// The ranges of events of the outermost blocks (paragraphs, lists, tables…) with a text
/// event that passes `may_hold`: the passes that pair marks within blocks read only
/// those, not the whole page.
fn blocks_with_text(events: &[Event], may_hold: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let (mut depth, mut start, mut held) = (0usize, 0, false);
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    (start, held) = (i, false);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(text) => held |= may_hold(text),
            _ => {}
        }
        if depth == 0 && held {
            blocks.push(start..i + 1);
            held = false;
        }
    }
    blocks
}

/// Joins runs of text events (pulldown-cmark splits text at possible delimiters), so that
/// attribute lists, abbreviations and shortcodes are found whole. Only runs that may hold
/// one are joined (all runs when the page has abbreviations), so plain pages keep their
/// events as they are.
fn merge_text(events: Vec<Event<'_>>, all: bool) -> Vec<Event<'_>> {
    fn wanted(text: &str, all: bool) -> bool {
        all || text.contains([':', '{', '+', '=', '^', '~'])
    }
    fn flush<'a>(run: &mut Vec<CowStr<'a>>, out: &mut Vec<Event<'a>>, all: bool) {
        if run.len() > 1 && run.iter().any(|t| wanted(t, all)) {
            let joined: String = run.iter().map(|t| t.as_ref()).collect();
            out.push(Event::Text(joined.into()));
            run.clear();
        } else {
            out.extend(run.drain(..).map(Event::Text));
        }
    }
    let needed = events.windows(2).any(|pair| match pair {
        [Event::Text(a), Event::Text(b)] => wanted(a, all) || wanted(b, all),
        _ => false,
    });
    if !needed {
        return events;
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut run: Vec<CowStr> = Vec::new();
    for event in events {
        match event {
            Event::Text(text) => run.push(text),
            other => {
                flush(&mut run, &mut out, all);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out, all);
    out
}

/// Abbreviations, icon shortcodes, keys, and (with `pymdownx.magiclink` or
/// `mdx_gh_links`) addresses and shorthands in text, except in links, image alt text and
/// autolinks.
fn replace_text(
    events: &mut [Event<'_>],
    abbreviations: Option<&Abbreviations>,
    options: &crate::config::extensions::MarkdownOptions,
) {
    let icons = |t: &str| icons::replace(t, abbreviations).unwrap_or_else(|| escape(t));
    let symbols = options.smart_symbols.as_ref();
    // Text with symbols, icons and abbreviations.
    let plain = |t: &str| {
        symbols
            .and_then(|on| smart_symbols::replace(t, on, &icons))
            .unwrap_or_else(|| icons(t))
    };
    let keys = &options.keys;
    let marked = |t: &str| marks::replace(t, keys, &plain).unwrap_or_else(|| plain(t));
    // Inside a link's text no address is linked again.
    let mut in_link = 0usize;
    let mut literal = 0usize;
    let mut links: Vec<bool> = Vec::new();
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Image { .. }) => literal += 1,
            Event::End(TagEnd::Image) => literal = literal.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                let is_literal = matches!(link_type, LinkType::Autolink | LinkType::Email);
                literal += usize::from(is_literal);
                links.push(is_literal);
                in_link += 1;
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                if links.pop() == Some(true) {
                    literal = literal.saturating_sub(1);
                }
            }
            // Links that attribute lists rewrote.
            Event::InlineHtml(html) if html.starts_with("<a ") && !html.ends_with("</a>") => {
                in_link += 1;
            }
            Event::InlineHtml(html) if html.as_ref() == "</a>" => {
                in_link = in_link.saturating_sub(1);
            }
            Event::Text(text) if literal == 0 => {
                let repository = options.repository.as_ref();
                let addresses = options.magiclink;
                let html = if in_link == 0 && magiclink::may_have(text, addresses, repository) {
                    magiclink::replace(text, &marked, addresses, repository)
                } else {
                    None
                };
                let html = html
                    .or_else(|| {
                        marks::may_have(text)
                            .then(|| marks::replace(text, keys, &plain))
                            .flatten()
                    })
                    .or_else(|| symbols.and_then(|on| smart_symbols::replace(text, on, &icons)))
                    .or_else(|| icons::replace(text, abbreviations));
                if let Some(html) = html {
                    *event = Event::InlineHtml(html.into());
                }
            }
            _ => {}
        }
    }
}

/// A heading's tag, with a critic mark that ends its `source` given back to its content:
/// pulldown-cmark reads the braces of `## Title {++new++}` as the heading's attributes,
/// pymdownx.critic reads the mark before anything else.
fn critic_mark_as_text<'a>(tag: Tag<'a>, inner: &mut Vec<Event<'a>>, source: &str) -> Tag<'a> {
    let Tag::Heading {
        level,
        id,
        classes,
        attrs,
    } = &tag
    else {
        return tag;
    };
    let has_attributes = id.is_some() || !classes.is_empty() || !attrs.is_empty();
    let Some(mark) = has_attributes
        .then(|| critic::ending_heading(source))
        .flatten()
    else {
        return tag;
    };
    inner.push(Event::Text(mark.to_string().into()));
    Tag::Heading {
        level: *level,
        id: None,
        classes: Vec::new(),
        attrs: Vec::new(),
    }
}

/// Gives the heading its id and self-link and records it; returns a warning (without
/// its place) when its explicit id is already used on the page.
fn finish_heading<'a>(
    tag: Tag<'a>,
    inner: Vec<Event<'a>>,
    markdown: &crate::config::extensions::MarkdownOptions,
    ids: &mut Ids,
    body: &mut Body,
    events: &mut Vec<Event<'a>>,
) -> Option<RenderProblem> {
    let Tag::Heading {
        level,
        id,
        classes,
        attrs,
    } = tag
    else {
        return None;
    };
    let toc = &markdown.toc;
    // toc's `baselevel`: every heading goes down as many levels, h6 at most.
    let level = HeadingLevel::try_from((level as usize + toc.baselevel as usize - 1).min(6))
        .unwrap_or(level);
    let (id, classes, mut attrs) = attr_list::heading_attrs(id, classes, attrs);
    // `data-toc-label`: the heading's name in the contents, instead of its text (toc).
    let toc_label = attrs
        .iter()
        .position(|(key, _)| key.as_ref() == "data-toc-label")
        .and_then(|at| attrs.remove(at).1);
    // Its name is its text as shown: without the delimiters of marks, keys by their names.
    let mut inner = merge_text(inner, false);
    spans(&mut inner, markdown);
    let mut text = String::new();
    for event in &inner {
        match event {
            Event::Text(t) => text.push_str(&marks::as_text(&icons::strip(t), &markdown.keys)),
            Event::Code(t) => text.push_str(t),
            // A character escaped with `\`, or a critic comment.
            Event::InlineHtml(html) if !html.starts_with('<') => text.push_str(&unescape(html)),
            Event::InlineHtml(html) => text.extend(critic::comment_text(html).map(unescape)),
            _ => {}
        }
    }
    let mut problem = None;
    let id = match id {
        Some(explicit) => {
            if !ids.reserve(&explicit) {
                problem = Some(RenderProblem {
                    range: 0..0,
                    message: format!("the id `{explicit}` is already used on this page"),
                    hint: format!(
                        "links to `#{explicit}` lead to the first element with it; give this heading another id"
                    ),
                    is_error: false,
                });
            }
            explicit.to_string()
        }
        None => ids.unique(&headings::slug(&text, &markdown.heading_slug, "-")),
    };
    let level_number = level as u8;
    body.has_h1 |= level_number == 1;
    // With Material's typeset plugin, the contents show the heading's markup (unless the
    // heading names its own label there).
    let html = (markdown.typeset && toc_label.is_none()).then(|| {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, inner.iter().cloned());
        headings::toc_markup(html.trim())
    });
    body.headings.push(Heading {
        level: level_number,
        id: id.clone(),
        // Whitespace collapsed, as Python-Markdown's toc names headings.
        text: toc_label.map_or_else(
            || text.split_whitespace().collect::<Vec<_>>().join(" "),
            |label| label.to_string(),
        ),
        html,
    });
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(id.clone())),
        classes,
        attrs,
    }));
    // toc's `anchorlink`: the heading's text links to the heading.
    if let Some(class) = &toc.anchorlink {
        events.push(Event::InlineHtml(
            format!("<a class=\"{}\" href=\"#{}\">", escape(class), escape(&id)).into(),
        ));
        events.extend(inner);
        events.push(Event::InlineHtml("</a>".into()));
    } else {
        events.extend(inner);
    }
    let title = toc
        .permalink_title
        .as_deref()
        .map(|t| format!(" title=\"{}\"", escape(t)))
        .unwrap_or_default();
    events.push(Event::InlineHtml(
        format!(
            "{SELF_LINK_OPEN} href=\"#{}\" aria-label=\"Link to this section\"{title}>{}</a>",
            escape(&id),
            escape(toc.permalink.as_deref().unwrap_or("#"))
        )
        .into(),
    ));
    events.push(Event::End(TagEnd::Heading(level)));
    problem
}

/// Resolves and records a link, returning the href to write.
/// Links that the block pass rendered into raw HTML (admonition titles, tab labels) carry
/// a marker: resolve, record and rewrite them like any other link, and drop the marker.
fn rewrite_marked_links(
    html: &str,
    range: std::ops::Range<usize>,
    origin: &Origin,
    links: &mut Vec<Link>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(inline::LINK_MARKER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + inline::LINK_MARKER.len()..];
        let Some(end) = after.find('"') else {
            rest = after;
            continue;
        };
        let written = unescape(&after[..end]);
        let href = link(
            &CowStr::from(written.as_str()),
            range.clone(),
            origin,
            links,
        );
        out.push_str("href=\"");
        out.push_str(&escape(&href));
        out.push('"');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Where `needle` first is in `haystack`, letters compared without regard to case.
pub(crate) fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Undoes [`escape`].
pub(crate) fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn link<'a>(
    dest: &CowStr<'a>,
    range: std::ops::Range<usize>,
    origin: &Origin,
    links: &mut Vec<Link>,
) -> CowStr<'a> {
    let target = origin.site.paths.resolve(origin.resolve_from, dest);
    let href = match &target {
        LinkTarget::External | LinkTarget::SamePage { .. } | LinkTarget::Missing { .. } => None,
        LinkTarget::Page {
            page,
            anchor,
            query,
        } => {
            let mut href = urls::relative_href(&origin.page.url, &origin.site.page(*page).url);
            if let Some(query) = query {
                href = format!("{href}?{query}");
            }
            if let Some(anchor) = anchor {
                href = format!("{href}#{anchor}");
            }
            Some(href)
        }
        LinkTarget::File { rel_path } => Some(urls::relative_href(&origin.page.url, rel_path)),
    };
    // External links need no check, except those whose scheme runs code, which are
    // refused where a reviewer expects only text (front-matter, configuration).
    if target != LinkTarget::External || crate::config::unsafe_url("", dest).is_some() {
        links.push(Link {
            dest: dest.to_string(),
            target,
            span: (origin.locate)(range),
        });
    }
    href.map_or_else(|| dest.clone(), CowStr::from)
}

fn alert_open(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    admonition_open(class, title)
}

/// The opening markup of an admonition box; close it with `</div>`.
pub fn admonition_open(class: &str, title: &str) -> String {
    format!(
        "<div class=\"admonition {class}\">\n<p class=\"admonition-title\">{}</p>\n",
        escape(title)
    )
}

/// Values of `id="..."` attributes in a piece of raw HTML, and of `name="..."` on `<a>`
/// (the old form of an anchor, which browsers and MkDocs follow too).
fn raw_html_ids(html: &str) -> impl Iterator<Item = &str> {
    let values = |key: &'static str| {
        html.match_indices(key).filter_map(move |(at, _)| {
            let before = html[..at].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                return None;
            }
            if key == "name=" && !in_anchor_tag(&html[..at]) {
                return None;
            }
            let rest = &html[at + key.len()..];
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &rest[1..];
            value.find(quote).map(|end| &value[..end])
        })
    };
    values("id=").chain(values("name="))
}

/// Whether the tag open at the end of `before` is an `<a>`.
fn in_anchor_tag(before: &str) -> bool {
    before.rfind('<').is_some_and(|open| {
        let tag = &before[open + 1..];
        (tag.starts_with('a') || tag.starts_with('A'))
            && tag[1..].starts_with(char::is_whitespace)
            && !tag.contains('>')
    })
}

/// A word character as Python's regular expressions see one (`\w`): the extensions whose
/// rules Waymark follows are written with them.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Escapes text for HTML body text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML text and attribute values.
pub fn push_escaped(out: &mut String, text: &str) {
    // Most of what is written so (titles, ids, paths: hundreds per page) has nothing to
    // escape, and the escaper's set-up costs more than a look at a short text.
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(text);
        return;
    }
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod dialect_tests;
#[cfg(test)]
mod tests;
