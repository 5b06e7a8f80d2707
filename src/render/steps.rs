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
use super::views::{StepItem, StepMarker, TutorialView};
use crate::markdown::push_escaped;

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
        let escaped = |key: &str| {
            let mut word = String::new();
            push_escaped(&mut word, t.get(key));
            word
        };
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
                Piece::Text(text) => {
                    let mut escaped = String::new();
                    push_escaped(&mut escaped, text);
                    parts.push(Part::Text(escaped));
                }
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

/// The step markers of a step page: the path choice when the step is on several paths,
/// then one marker per path (shown by `:target` without scripts, chosen by the script).
pub fn markers_html(tutorial: &TutorialView, t: &StepWords) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<div class=\"step-markers\">");
    if tutorial.markers.len() > 1 {
        out.push_str("\n<div class=\"step-choice\" role=\"group\" aria-labelledby=\"step-choice-label\">\n<p class=\"step-choice-label\" id=\"step-choice-label\">");
        let count = itoa::Buffer::new()
            .format(tutorial.markers.len())
            .to_owned();
        t.step_on_paths.push(&mut out, &[&count]);
        out.push_str("</p>\n<ul class=\"step-choice-list\">");
        for m in &tutorial.markers {
            out.push_str("\n<li><a class=\"step-choice-option\" data-path=\"");
            push_escaped(&mut out, m.path_id);
            out.push_str("\" href=\"?path=");
            push_escaped(&mut out, m.path_id);
            out.push_str("#step-on-");
            push_escaped(&mut out, m.path_id);
            out.push_str("\">");
            push_escaped(&mut out, m.path_title);
            out.push_str("</a></li>");
        }
        out.push_str("\n</ul>\n</div>");
    }
    for m in &tutorial.markers {
        marker(tutorial, m, t, &mut out);
    }
    out.push_str("\n</div>");
    out
}

/// One path's marker: its label, step rail and path switcher.
fn marker(tutorial: &TutorialView, m: &StepMarker, t: &StepWords, out: &mut String) {
    out.push_str("\n<div class=\"step-marker\" id=\"step-on-");
    push_escaped(out, m.path_id);
    out.push_str("\" data-tutorial-step=\"");
    push_number(out, m.position);
    out.push_str("\" data-tutorial-total=\"");
    push_number(out, m.total);
    out.push_str("\" data-path=\"");
    push_escaped(out, m.path_id);
    out.push_str("\">\n<p class=\"step-marker-label\"><span class=\"step-count\">");
    let (mut position, mut total) = (itoa::Buffer::new(), itoa::Buffer::new());
    t.step_of
        .push(out, &[position.format(m.position), total.format(m.total)]);
    out.push_str("</span><span class=\"step-path\"> · ");
    push_escaped(out, m.path_title);
    out.push_str("</span></p>\n<ol class=\"step-rail\" data-path=\"");
    push_escaped(out, m.path_id);
    out.push_str("\" aria-label=\"");
    t.steps_on_path.push(out, &[m.path_title]);
    out.push_str("\">");
    rail_more(tutorial, m.steps_before, t, out);
    for step in &m.steps {
        rail_step(m, step, t, out);
    }
    rail_more(tutorial, m.steps_after, t, out);
    out.push_str("\n</ol>\n<div class=\"path-switcher\" data-path=\"");
    push_escaped(out, m.path_id);
    out.push_str("\">\n<p class=\"path-switcher-current\"><span class=\"path-switcher-name\"><span class=\"path-switcher-prefix\">");
    out.push_str(&t.you_are_following);
    out.push_str("</span> <strong>");
    push_escaped(out, m.path_title);
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
            out.push_str(if path.id == m.path_id {
                "true"
            } else {
                "false"
            });
            out.push_str("\">");
            push_escaped(out, path.title);
            out.push_str("</button>");
        }
        out.push_str("\n</div>");
    }
    out.push_str("\n</div>\n</div>");
}

/// A step of the rail: done, current or upcoming, numbered, titled for screen readers.
fn rail_step(m: &StepMarker, step: &StepItem, t: &StepWords, out: &mut String) {
    let done = step.position < m.position;
    out.push_str("\n<li class=\"");
    out.push_str(match (step.current, done) {
        (true, _) => "current",
        (false, true) => "done",
        (false, false) => "upcoming",
    });
    out.push_str("\"><a href=\"");
    push_escaped(out, &step.href);
    out.push_str("\" title=\"");
    push_number(out, step.position);
    out.push_str(". ");
    push_escaped(out, step.title);
    out.push('"');
    if step.current {
        out.push_str(" aria-current=\"step\"");
    }
    let mut position = itoa::Buffer::new();
    let position = position.format(step.position);
    out.push_str("><span class=\"step-num\" aria-hidden=\"true\">");
    out.push_str(position);
    out.push_str("</span><span class=\"visually-hidden\">");
    t.step_number.push(out, &[position]);
    out.push_str(": ");
    push_escaped(out, step.title);
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
    if left_out == 1 {
        out.push_str(&t.one_step);
    } else {
        t.n_steps.push(out, &[itoa::Buffer::new().format(left_out)]);
    }
    out.push_str("</span></a></li>");
}

/// The overview page's paths: one card per path, listing all its steps.
pub fn overview_html(tutorial: &TutorialView, t: &StepWords) -> String {
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
        if path.step_count == 1 {
            out.push_str(&t.one_step);
        } else {
            t.n_steps
                .push(&mut out, &[itoa::Buffer::new().format(path.step_count)]);
        }
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
pub fn step_nav_html(tutorial: &TutorialView, t: &StepWords) -> String {
    let mut out = String::with_capacity(1024);
    let mut title = String::new();
    push_escaped(&mut title, tutorial.title);
    for m in &tutorial.markers {
        out.push_str("\n<nav class=\"step-nav\" data-path=\"");
        push_escaped(&mut out, m.path_id);
        out.push_str("\" aria-label=\"");
        t.steps_on_path.push(&mut out, &[m.path_title]);
        out.push_str("\">");
        if tutorial.markers.len() > 1 {
            out.push_str("\n<p class=\"step-nav-path\">");
            out.push_str(&t.on_the_path);
            out.push_str(" <strong>");
            push_escaped(&mut out, m.path_title);
            out.push_str("</strong></p>");
        }
        // The last step leads back to the overview: "Back to <tutorial>" (escaped).
        let mut back_to = String::new();
        if m.next.is_none() {
            t.back_to.push(&mut back_to, &[tutorial.title]);
        }
        let sides = [
            ("prev", &m.prev, &t.previous_step, &t.overview, &title),
            ("next", &m.next, &t.next_step, &t.last_step, &back_to),
        ];
        for (side, link, word, overview_word, overview_title) in sides {
            out.push_str("\n<a class=\"step-nav-link step-nav-");
            out.push_str(side);
            // The overview's title is escaped already.
            let (href, word, title, title_escaped) = match link {
                Some(link) => {
                    out.push_str("\" rel=\"");
                    out.push_str(side);
                    out.push('"');
                    (&link.href, word, &link.title, false)
                }
                None => {
                    out.push_str(" step-nav-overview\"");
                    (&tutorial.overview_href, overview_word, overview_title, true)
                }
            };
            out.push_str(" data-path=\"");
            push_escaped(&mut out, m.path_id);
            out.push_str("\" href=\"");
            push_escaped(&mut out, href);
            out.push_str("\"><span class=\"step-nav-dir\">");
            out.push_str(word);
            out.push_str("</span><span class=\"step-nav-title\">");
            if title_escaped {
                out.push_str(title);
            } else {
                push_escaped(&mut out, title);
            }
            out.push_str("</span></a>");
        }
        out.push_str("\n</nav>");
    }
    out
}
