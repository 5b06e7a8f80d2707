//! What syntect takes to highlight one line it has not seen, by language (issue 16's
//! floor: every code line a page brings that no other page has costs this much).
//!
//!     cargo run --release --example highlight_cost -- [--lines N]
//!
//! Parses N different short lines (20,000 by default) in each language, each in a fresh
//! parse state as a one-line code block is, after one line that loads the grammar's
//! patterns, and prints the median time a line of three passes.

use std::time::{Duration, Instant};
use syntect::parsing::{ParseState, SyntaxSet};

/// A short line per language; `N` becomes the line's number, so that every line differs.
const LINES: &[(&str, &str)] = &[
    ("yaml", "key: N"),
    ("rust", "let x = N;"),
    ("bash", "module load python/N"),
    ("python", "x = N  # (1)!"),
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lines: u32 = args
        .iter()
        .position(|a| a == "--lines")
        .and_then(|at| args.get(at + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let set = SyntaxSet::load_defaults_newlines();
    for (language, template) in LINES {
        let syntax = set
            .find_syntax_by_token(language)
            .expect("a default syntax");
        ParseState::new(syntax)
            .parse_line(&format!("{}\n", template.replace('N', "0")), &set)
            .expect("the line parses");
        let mut passes: Vec<Duration> = (0..3)
            .map(|pass| {
                let started = Instant::now();
                for n in 0..lines {
                    let line = format!(
                        "{}\n",
                        template.replace('N', &(pass * lines + n + 1).to_string())
                    );
                    ParseState::new(syntax)
                        .parse_line(&line, &set)
                        .expect("the line parses");
                }
                started.elapsed() / lines
            })
            .collect();
        passes.sort();
        println!(
            "{language:>7}: {:>6.1} µs a line",
            passes[1].as_secs_f64() * 1e6
        );
    }
}
