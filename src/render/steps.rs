//! The parts of a tutorial's pages that tell the reader where they are: on a step page the
//! step markers (which path, "Step K of M", the step rail, the path switcher) and the
//! previous/next step links; on the overview the path cards, which list every step of
//! every path. Written in Rust rather than by the theme's templates for the same reason as
//! the sidebar: a step on several paths repeats them per path, and through a template they
//! took about 40% of a 1,000-step tutorial's build (the overview's 3,000 steps 1%). The
//! markup is the theme contract documented in `content/waymark/tutorials.md` ("Stable
//! markup"); the same information is in `tutorial.markers` and `tutorial.paths` for
//! themes that write their own.

use super::theme::{placeholders, Piece, Words};
use super::views::{LinkView, PathView, StepItem, StepMarker, TutorialView};
use crate::markdown::{escape, push_escaped};
use crate::model::tutorial::{Tutorial, TutorialPath};
use crate::model::{urls, Page, PageId, Site};
use std::ops::Range;

/// The theme's words a step page prints, escaped for HTML and split at their `{name}`
/// placeholders once per build: a step page prints dozens of them, per path.
pub struct StepWords {
    step_on_paths: Phrase,
    step_of: Phrase,
    steps_on_path: Phrase,
    step_number: Phrase,
    n_steps: Phrase,
    back_to: Phrase,
    choose_your_path: String,
    start_this_path: String,
    done: String,
    you_are_following: String,
    switch_path: String,
    choose_a_path: String,
    switch_to: String,
    overview: String,
    one_step: String,
    on_the_path: String,
    previous_step: String,
    next_step: String,
    last_step: String,
}

impl StepWords {
    pub fn new(t: &Words) -> StepWords {
        let escaped = |key: &str| escape(t.get(key));
        StepWords {
            step_on_paths: Phrase::new(t.get("step_on_paths"), &["count"]),
            step_of: Phrase::new(t.get("step_of"), &["position", "total"]),
            steps_on_path: Phrase::new(t.get("steps_on_path"), &["path"]),
            step_number: Phrase::new(t.get("step_number"), &["position"]),
            n_steps: Phrase::new(t.get("n_steps"), &["count"]),
            back_to: Phrase::new(t.get("back_to"), &["title"]),
            choose_your_path: escaped("choose_your_path"),
            start_this_path: escaped("start_this_path"),
            done: escaped("done"),
            you_are_following: escaped("you_are_following"),
            switch_path: escaped("switch_path"),
            choose_a_path: escaped("choose_a_path"),
            switch_to: escaped("switch_to"),
            overview: escaped("overview"),
            one_step: escaped("one_step"),
            on_the_path: escaped("on_the_path"),
            previous_step: escaped("previous_step"),
            next_step: escaped("next_step"),
            last_step: escaped("last_step"),
        }
    }

    /// "1 step", "5 steps".
    fn push_step_count(&self, out: &mut String, count: usize) {
        if count == 1 {
            out.push_str(&self.one_step);
        } else {
            self.n_steps.push(out, &[itoa::Buffer::new().format(count)]);
        }
    }
}

/// A word with placeholders, split once: its text, escaped, and the arguments' places.
struct Phrase(Vec<Part>);

enum Part {
    Text(String),
    /// The argument at this index of the names the phrase was made with.
    Arg(usize),
}

impl Phrase {
    fn new(word: &str, names: &[&str]) -> Phrase {
        let mut parts = Vec::new();
        placeholders(
            word,
            |name| names.iter().position(|n| *n == name),
            |piece| match piece {
                Piece::Text(text) => parts.push(Part::Text(escape(text))),
                Piece::Arg(i) => parts.push(Part::Arg(i)),
            },
        );
        Phrase(parts)
    }

    /// Writes the phrase with `args` (in the order of its names) escaped in their places.
    fn push(&self, out: &mut String, args: &[&str]) {
        for part in &self.0 {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Arg(i) => push_escaped(out, args[*i]),
            }
        }
    }
}

fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Steps shown in a step page's rail, around the current one.
const RAIL_WINDOW: usize = 9;

/// Where a step page stands on one of its paths: what its markers and previous/next links
/// are written from, and `tutorial.markers` made from for themes that read it.
struct Place<'a> {
    path: &'a TutorialPath,
    /// `?path=ID`, encoded once per path rather than once per link.
    query: String,
    /// 1-based.
    position: usize,
    total: usize,
    /// The steps the rail shows, as indices into the path's steps.
    rail: Range<usize>,
    prev: Option<PageId>,
    next: Option<PageId>,
}

/// Links from one page to the pages of its tutorial.
struct Links<'a> {
    site: &'a Site,
    page: &'a Page,
}

impl Links<'_> {
    /// Writes the link to step `target` that keeps the path (`query`). Relative paths
    /// and `?path=` hold nothing HTML needs escaped.
    fn push(&self, out: &mut String, target: PageId, query: &str) {
        urls::push_relative_href(out, &self.page.url, &self.site.page(target).url);
        out.push_str(query);
    }

    fn href(&self, target: PageId, query: &str) -> String {
        let mut href = String::with_capacity(self.site.page(target).url.len() + query.len() + 8);
        self.push(&mut href, target, query);
        href
    }

    fn title(&self, target: PageId) -> &str {
        &self.site.page(target).title
    }
}

fn path_query(path: &TutorialPath) -> String {
    format!("?path={}", urls::encode_path(&path.id))
}

/// The tutorial as `page` (its overview or one of its steps) shows it. `tutorial.markers`
/// is filled only `with_markers` (a theme that reads them): the default theme prints the
/// markup written here.
pub fn view<'a>(
    site: &'a Site,
    tutorial: &'a Tutorial,
    page: &'a Page,
    with_markers: bool,
    t: &StepWords,
) -> TutorialView<'a> {
    let links = Links { site, page };
    let overview = site.page(tutorial.index);
    let is_overview = page.id == tutorial.index;
    // `first` is the 1-based position of `steps[0]` on the path.
    let steps_of = |steps: &[PageId], first: usize, query: &str| -> Vec<StepItem<'a>> {
        steps
            .iter()
            .enumerate()
            .map(|(i, &step)| StepItem {
                position: first + i,
                title: &site.page(step).title,
                href: links.href(step, query),
                current: step == page.id,
            })
            .collect()
    };
    let places: Vec<Place> = tutorial
        .positions(page.id)
        .into_iter()
        .map(|pos| Place {
            query: path_query(pos.path),
            path: pos.path,
            position: pos.position,
            total: pos.total,
            rail: super::window(pos.total, Some(pos.position - 1), RAIL_WINDOW),
            prev: pos.prev,
            next: pos.next,
        })
        .collect();
    let markers = if with_markers {
        places
            .iter()
            .map(|place| {
                let neighbour = |p: PageId| LinkView {
                    title: links.title(p).to_owned(),
                    href: links.href(p, &place.query),
                };
                StepMarker {
                    path_id: &place.path.id,
                    path_title: &place.path.title,
                    position: place.position,
                    total: place.total,
                    steps_before: place.rail.start,
                    steps_after: place.total - place.rail.end,
                    steps: steps_of(
                        &place.path.steps[place.rail.clone()],
                        place.rail.start + 1,
                        &place.query,
                    ),
                    prev: place.prev.map(neighbour),
                    next: place.next.map(neighbour),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut view = TutorialView {
        title: &overview.title,
        overview_href: urls::relative_href(&page.url, &overview.url),
        is_overview,
        paths: tutorial
            .paths
            .iter()
            .map(|path| {
                let query = path_query(path);
                PathView {
                    id: &path.id,
                    title: &path.title,
                    steps: if is_overview {
                        steps_of(&path.steps, 1, &query)
                    } else {
                        Vec::new()
                    },
                    step_count: path.steps.len(),
                    start_href: path.steps.first().map(|&first| links.href(first, &query)),
                }
            })
            .collect(),
        markers,
        markers_html: String::new(),
        step_nav_html: String::new(),
        overview_html: String::new(),
    };
    if is_overview {
        view.overview_html = overview_html(&view, t);
    } else {
        view.markers_html = markers_html(&view, &places, &links, t);
        view.step_nav_html = step_nav_html(&view, &places, &links, t);
    }
    view
}

/// The step markers of a step page: the path choice when the step is on several paths,
/// then one marker per path (shown by `:target` without scripts, chosen by the script).
fn markers_html(tutorial: &TutorialView, places: &[Place], links: &Links, t: &StepWords) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<div class=\"step-markers\">");
    if places.len() > 1 {
        out.push_str("\n<div class=\"step-choice\" role=\"group\" aria-labelledby=\"step-choice-label\">\n<p class=\"step-choice-label\" id=\"step-choice-label\">");
        t.step_on_paths
            .push(&mut out, &[itoa::Buffer::new().format(places.len())]);
        out.push_str("</p>\n<ul class=\"step-choice-list\">");
        for place in places {
            let id = &place.path.id;
            out.push_str("\n<li><a class=\"step-choice-option\" data-path=\"");
            push_escaped(&mut out, id);
            out.push_str("\" href=\"?path=");
            push_escaped(&mut out, id);
            out.push_str("#step-on-");
            push_escaped(&mut out, id);
            out.push_str("\">");
            push_escaped(&mut out, &place.path.title);
            out.push_str("</a></li>");
        }
        out.push_str("\n</ul>\n</div>");
    }
    for place in places {
        marker(tutorial, place, links, t, &mut out);
    }
    out.push_str("\n</div>");
    out
}

/// One path's marker: its label, step rail and path switcher.
fn marker(tutorial: &TutorialView, place: &Place, links: &Links, t: &StepWords, out: &mut String) {
    let (id, title) = (&place.path.id, &place.path.title);
    out.push_str("\n<div class=\"step-marker\" id=\"step-on-");
    push_escaped(out, id);
    out.push_str("\" data-tutorial-step=\"");
    push_number(out, place.position);
    out.push_str("\" data-tutorial-total=\"");
    push_number(out, place.total);
    out.push_str("\" data-path=\"");
    push_escaped(out, id);
    out.push_str("\">\n<p class=\"step-marker-label\"><span class=\"step-count\">");
    let (mut position, mut total) = (itoa::Buffer::new(), itoa::Buffer::new());
    t.step_of.push(
        out,
        &[position.format(place.position), total.format(place.total)],
    );
    out.push_str("</span><span class=\"step-path\"> · ");
    push_escaped(out, title);
    out.push_str("</span></p>\n<ol class=\"step-rail\" data-path=\"");
    push_escaped(out, id);
    out.push_str("\" aria-label=\"");
    t.steps_on_path.push(out, &[title]);
    out.push_str("\">");
    rail_more(tutorial, place.rail.start, t, out);
    for index in place.rail.clone() {
        rail_step(place, index, links, t, out);
    }
    rail_more(tutorial, place.total - place.rail.end, t, out);
    out.push_str("\n</ol>\n<div class=\"path-switcher\" data-path=\"");
    push_escaped(out, id);
    out.push_str("\">\n<p class=\"path-switcher-current\"><span class=\"path-switcher-name\"><span class=\"path-switcher-prefix\">");
    out.push_str(&t.you_are_following);
    out.push_str("</span> <strong>");
    push_escaped(out, title);
    out.push_str("</strong> · </span><a class=\"path-switcher-link\" href=\"");
    push_escaped(out, &tutorial.overview_href);
    out.push_str("\">");
    out.push_str(&t.switch_path);
    out.push_str("</a></p>");
    if tutorial.paths.len() > 1 {
        out.push_str("\n<div class=\"path-switcher-options js-only\" role=\"group\" aria-label=\"");
        out.push_str(&t.choose_a_path);
        out.push_str(
            "\" hidden>\n<span class=\"path-switcher-options-label\" aria-hidden=\"true\">",
        );
        out.push_str(&t.switch_to);
        out.push_str("</span>");
        for path in &tutorial.paths {
            out.push_str("\n<button type=\"button\" class=\"path-option\" data-path=\"");
            push_escaped(out, path.id);
            out.push('"');
            if let Some(start) = &path.start_href {
                out.push_str(" data-start=\"");
                push_escaped(out, start);
                out.push('"');
            }
            out.push_str(" aria-pressed=\"");
            out.push_str(if path.id == id { "true" } else { "false" });
            out.push_str("\">");
            push_escaped(out, path.title);
            out.push_str("</button>");
        }
        out.push_str("\n</div>");
    }
    out.push_str("\n</div>\n</div>");
}

/// The step at `index` of the place's path in its rail: done, current or upcoming,
/// numbered, titled for screen readers.
fn rail_step(place: &Place, index: usize, links: &Links, t: &StepWords, out: &mut String) {
    let step = place.path.steps[index];
    let position = index + 1;
    let current = step == links.page.id;
    let done = position < place.position;
    let title = links.title(step);
    out.push_str("\n<li class=\"");
    out.push_str(match (current, done) {
        (true, _) => "current",
        (false, true) => "done",
        (false, false) => "upcoming",
    });
    out.push_str("\"><a href=\"");
    links.push(out, step, &place.query);
    let mut number = itoa::Buffer::new();
    let number = number.format(position);
    out.push_str("\" title=\"");
    out.push_str(number);
    out.push_str(". ");
    push_escaped(out, title);
    out.push('"');
    if current {
        out.push_str(" aria-current=\"step\"");
    }
    out.push_str("><span class=\"step-num\" aria-hidden=\"true\">");
    out.push_str(number);
    out.push_str("</span><span class=\"visually-hidden\">");
    t.step_number.push(out, &[number]);
    out.push_str(": ");
    push_escaped(out, title);
    if done {
        out.push_str(" (");
        out.push_str(&t.done);
        out.push(')');
    }
    out.push_str("</span></a></li>");
}

/// The rail's "…" for the steps it leaves out on one side, leading to the overview.
fn rail_more(tutorial: &TutorialView, left_out: usize, t: &StepWords, out: &mut String) {
    if left_out == 0 {
        return;
    }
    out.push_str("\n<li class=\"more\"><a href=\"");
    push_escaped(out, &tutorial.overview_href);
    out.push_str("\"><span aria-hidden=\"true\">…</span><span class=\"visually-hidden\">");
    out.push_str(&t.overview);
    out.push_str(": ");
    t.push_step_count(out, left_out);
    out.push_str("</span></a></li>");
}

/// The overview page's paths: one card per path, listing all its steps.
fn overview_html(tutorial: &TutorialView, t: &StepWords) -> String {
    let steps: usize = tutorial.paths.iter().map(|p| p.steps.len()).sum();
    let mut out = String::with_capacity(512 + 64 * steps);
    out.push_str("<section class=\"tutorial-overview\" aria-labelledby=\"tutorial-paths\">\n<h2 id=\"tutorial-paths\">");
    out.push_str(&t.choose_your_path);
    out.push_str("</h2>\n<div class=\"path-cards\">");
    for path in &tutorial.paths {
        out.push_str("\n<div class=\"path-card\" data-path=\"");
        push_escaped(&mut out, path.id);
        out.push_str("\">\n<h3 id=\"path-");
        push_escaped(&mut out, path.id);
        out.push_str("\">");
        push_escaped(&mut out, path.title);
        out.push_str("</h3>\n<p class=\"path-card-count\">");
        t.push_step_count(&mut out, path.step_count);
        out.push_str("</p>\n<ol class=\"path-card-steps\" data-path=\"");
        push_escaped(&mut out, path.id);
        out.push_str("\">");
        for step in &path.steps {
            out.push_str("\n<li><a href=\"");
            push_escaped(&mut out, &step.href);
            out.push_str("\">");
            push_escaped(&mut out, step.title);
            out.push_str("</a></li>");
        }
        out.push_str("\n</ol>");
        if let Some(start) = &path.start_href {
            out.push_str("\n<a class=\"button path-start\" data-path=\"");
            push_escaped(&mut out, path.id);
            out.push_str("\" href=\"");
            push_escaped(&mut out, start);
            out.push_str("\" aria-describedby=\"path-");
            push_escaped(&mut out, path.id);
            out.push_str("\">");
            out.push_str(&t.start_this_path);
            out.push_str("</a>");
        }
        out.push_str("\n</div>");
    }
    out.push_str("\n</div>\n</section>");
    out
}

/// Previous and next step, one block per path the step is on.
fn step_nav_html(
    tutorial: &TutorialView,
    places: &[Place],
    links: &Links,
    t: &StepWords,
) -> String {
    let mut out = String::with_capacity(1024);
    let overview_title = escape(tutorial.title);
    for place in places {
        let (id, title) = (&place.path.id, &place.path.title);
        out.push_str("\n<nav class=\"step-nav\" data-path=\"");
        push_escaped(&mut out, id);
        out.push_str("\" aria-label=\"");
        t.steps_on_path.push(&mut out, &[title]);
        out.push_str("\">");
        if places.len() > 1 {
            out.push_str("\n<p class=\"step-nav-path\">");
            out.push_str(&t.on_the_path);
            out.push_str(" <strong>");
            push_escaped(&mut out, title);
            out.push_str("</strong></p>");
        }
        // The last step leads back to the overview: "Back to <tutorial>" (escaped).
        let mut back_to = String::new();
        if place.next.is_none() {
            t.back_to.push(&mut back_to, &[tutorial.title]);
        }
        let sides = [
            (
                "prev",
                place.prev,
                &t.previous_step,
                &t.overview,
                &overview_title,
            ),
            ("next", place.next, &t.next_step, &t.last_step, &back_to),
        ];
        for (side, step, word, overview_word, escaped_title) in sides {
            out.push_str("\n<a class=\"step-nav-link step-nav-");
            out.push_str(side);
            match step {
                Some(_) => {
                    out.push_str("\" rel=\"");
                    out.push_str(side);
                    out.push('"');
                }
                None => out.push_str(" step-nav-overview\""),
            }
            out.push_str(" data-path=\"");
            push_escaped(&mut out, id);
            out.push_str("\" href=\"");
            match step {
                Some(step) => links.push(&mut out, step, &place.query),
                None => push_escaped(&mut out, &tutorial.overview_href),
            }
            out.push_str("\"><span class=\"step-nav-dir\">");
            out.push_str(if step.is_some() { word } else { overview_word });
            out.push_str("</span><span class=\"step-nav-title\">");
            match step {
                Some(step) => push_escaped(&mut out, links.title(step)),
                None => out.push_str(escaped_title),
            }
            out.push_str("</span></a>");
        }
        out.push_str("\n</nav>");
    }
    out
}
