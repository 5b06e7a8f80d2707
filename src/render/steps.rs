//! The parts of a tutorial step page that tell the reader where they are: the step markers
//! (which path, "Step K of M", the step rail, the path switcher) and the previous/next step
//! links. Written in Rust rather than by the theme's templates for the same reason as the
//! sidebar: a step on several paths repeats them per path, and through a template they
//! took about 40% of a 1,000-step tutorial's build. The markup is the theme contract
//! documented in `content/waymark/tutorials.md` ("Stable markup"); the same information is
//! in `tutorial.markers` for themes that write their own.

use super::theme::{fill, fill_pieces, Words};
use super::views::{StepItem, StepMarker, TutorialView};
use crate::markdown::push_escaped;
use std::fmt::Write as _;

/// The step markers of a step page: the path choice when the step is on several paths,
/// then one marker per path (shown by `:target` without scripts, chosen by the script).
pub fn markers_html(tutorial: &TutorialView, t: &Words) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<div class=\"step-markers\">");
    if tutorial.markers.len() > 1 {
        out.push_str("\n<div class=\"step-choice\" role=\"group\" aria-labelledby=\"step-choice-label\">\n<p class=\"step-choice-label\" id=\"step-choice-label\">");
        let count = tutorial.markers.len().to_string();
        push_filled(&mut out, t.get("step_on_paths"), &[("count", &count)]);
        out.push_str("</p>\n<ul class=\"step-choice-list\">");
        for m in &tutorial.markers {
            out.push_str("\n<li><a class=\"step-choice-option\" data-path=\"");
            push_escaped(&mut out, &m.path_id);
            out.push_str("\" href=\"?path=");
            push_escaped(&mut out, &m.path_id);
            out.push_str("#step-on-");
            push_escaped(&mut out, &m.path_id);
            out.push_str("\">");
            push_escaped(&mut out, &m.path_title);
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
fn marker(tutorial: &TutorialView, m: &StepMarker, t: &Words, out: &mut String) {
    out.push_str("\n<div class=\"step-marker\" id=\"step-on-");
    push_escaped(out, &m.path_id);
    let _ = write!(
        out,
        "\" data-tutorial-step=\"{}\" data-tutorial-total=\"{}\" data-path=\"",
        m.position, m.total
    );
    push_escaped(out, &m.path_id);
    out.push_str("\">\n<p class=\"step-marker-label\"><span class=\"step-count\">");
    let (position, total) = (m.position.to_string(), m.total.to_string());
    push_filled(
        out,
        t.get("step_of"),
        &[("position", &position), ("total", &total)],
    );
    out.push_str("</span><span class=\"step-path\"> · ");
    push_escaped(out, &m.path_title);
    out.push_str("</span></p>\n<ol class=\"step-rail\" data-path=\"");
    push_escaped(out, &m.path_id);
    out.push_str("\" aria-label=\"");
    push_filled(out, t.get("steps_on_path"), &[("path", &m.path_title)]);
    out.push_str("\">");
    rail_more(tutorial, m.steps_before, t, out);
    let words = RailWords {
        step_number: t.get("step_number"),
        done: t.get("done"),
    };
    for step in &m.steps {
        rail_step(m, step, &words, out);
    }
    rail_more(tutorial, m.steps_after, t, out);
    out.push_str("\n</ol>\n<div class=\"path-switcher\" data-path=\"");
    push_escaped(out, &m.path_id);
    out.push_str("\">\n<p class=\"path-switcher-current\"><span class=\"path-switcher-name\"><span class=\"path-switcher-prefix\">");
    push_escaped(out, t.get("you_are_following"));
    out.push_str("</span> <strong>");
    push_escaped(out, &m.path_title);
    out.push_str("</strong> · </span><a class=\"path-switcher-link\" href=\"");
    push_escaped(out, &tutorial.overview_href);
    out.push_str("\">");
    push_escaped(out, t.get("switch_path"));
    out.push_str("</a></p>");
    if tutorial.paths.len() > 1 {
        out.push_str("\n<div class=\"path-switcher-options js-only\" role=\"group\" aria-label=\"");
        push_escaped(out, t.get("choose_a_path"));
        out.push_str(
            "\" hidden>\n<span class=\"path-switcher-options-label\" aria-hidden=\"true\">",
        );
        push_escaped(out, t.get("switch_to"));
        out.push_str("</span>");
        for path in &tutorial.paths {
            out.push_str("\n<button type=\"button\" class=\"path-option\" data-path=\"");
            push_escaped(out, &path.id);
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
            push_escaped(out, &path.title);
            out.push_str("</button>");
        }
        out.push_str("\n</div>");
    }
    out.push_str("\n</div>\n</div>");
}

/// The words of a rail step, looked up once per rail rather than once per step.
struct RailWords<'t> {
    step_number: &'t str,
    done: &'t str,
}

/// A step of the rail: done, current or upcoming, numbered, titled for screen readers.
fn rail_step(m: &StepMarker, step: &StepItem, words: &RailWords, out: &mut String) {
    let done = step.position < m.position;
    out.push_str("\n<li class=\"");
    out.push_str(match (step.current, done) {
        (true, _) => "current",
        (false, true) => "done",
        (false, false) => "upcoming",
    });
    out.push_str("\"><a href=\"");
    push_escaped(out, &step.href);
    let _ = write!(out, "\" title=\"{}. ", step.position);
    push_escaped(out, &step.title);
    out.push('"');
    if step.current {
        out.push_str(" aria-current=\"step\"");
    }
    let _ = write!(
        out,
        "><span class=\"step-num\" aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">",
        step.position
    );
    let position = step.position.to_string();
    push_filled(out, words.step_number, &[("position", &position)]);
    out.push_str(": ");
    push_escaped(out, &step.title);
    if done {
        out.push_str(" (");
        push_escaped(out, words.done);
        out.push(')');
    }
    out.push_str("</span></a></li>");
}

/// The rail's "…" for the steps it leaves out on one side, leading to the overview.
fn rail_more(tutorial: &TutorialView, left_out: usize, t: &Words, out: &mut String) {
    if left_out == 0 {
        return;
    }
    out.push_str("\n<li class=\"more\"><a href=\"");
    push_escaped(out, &tutorial.overview_href);
    out.push_str("\"><span aria-hidden=\"true\">…</span><span class=\"visually-hidden\">");
    push_escaped(out, t.get("overview"));
    out.push_str(": ");
    if left_out == 1 {
        push_escaped(out, t.get("one_step"));
    } else {
        let count = left_out.to_string();
        push_filled(out, t.get("n_steps"), &[("count", &count)]);
    }
    out.push_str("</span></a></li>");
}

/// Previous and next step, one block per path the step is on.
pub fn step_nav_html(tutorial: &TutorialView, t: &Words) -> String {
    let mut out = String::with_capacity(1024);
    for m in &tutorial.markers {
        out.push_str("\n<nav class=\"step-nav\" data-path=\"");
        push_escaped(&mut out, &m.path_id);
        out.push_str("\" aria-label=\"");
        push_filled(&mut out, t.get("steps_on_path"), &[("path", &m.path_title)]);
        out.push_str("\">");
        if tutorial.markers.len() > 1 {
            out.push_str("\n<p class=\"step-nav-path\">");
            push_escaped(&mut out, t.get("on_the_path"));
            out.push_str(" <strong>");
            push_escaped(&mut out, &m.path_title);
            out.push_str("</strong></p>");
        }
        // The last step leads back to the overview: "Back to <tutorial>".
        let back_to = match m.next {
            Some(_) => String::new(),
            None => fill(t.get("back_to"), [("title", tutorial.title.as_str())]),
        };
        let sides = [
            (
                "prev",
                &m.prev,
                "previous_step",
                "overview",
                &tutorial.title,
            ),
            ("next", &m.next, "next_step", "last_step", &back_to),
        ];
        for (side, link, word, overview_word, overview_title) in sides {
            let _ = write!(out, "\n<a class=\"step-nav-link step-nav-{side}");
            let (href, word, title) = match link {
                Some(link) => {
                    let _ = write!(out, "\" rel=\"{side}\"");
                    (&link.href, word, &link.title)
                }
                None => {
                    out.push_str(" step-nav-overview\"");
                    (&tutorial.overview_href, overview_word, overview_title)
                }
            };
            out.push_str(" data-path=\"");
            push_escaped(&mut out, &m.path_id);
            out.push_str("\" href=\"");
            push_escaped(&mut out, href);
            out.push_str("\"><span class=\"step-nav-dir\">");
            push_escaped(&mut out, t.get(word));
            out.push_str("</span><span class=\"step-nav-title\">");
            push_escaped(&mut out, title);
            out.push_str("</span></a>");
        }
        out.push_str("\n</nav>");
    }
    out
}

fn push_filled(out: &mut String, word: &str, args: &[(&str, &str)]) {
    fill_pieces(word, args, |piece| push_escaped(out, piece));
}
