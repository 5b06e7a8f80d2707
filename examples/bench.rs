//! Build benchmark: generates a guide of N pages (about 4 KB of varied Markdown each) and
//! compares a full `waymark build` with the bare minimum: parsing and writing the same
//! pages with pulldown-cmark on one thread.
//!
//!     cargo run --release --example bench -- [--pages N] [--runs R] [--dir DIR]
//!
//! Reports the median wall time of R runs of each, their ratio, Waymark's peak memory
//! (max RSS of the child process) and the output size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize =
        value("--pages").map_or(10_000, |v| v.parse().expect("--pages takes a number"));
    let runs: usize = value("--runs").map_or(5, |v| v.parse().expect("--runs takes a number"));
    // On tmpfs by default: this machine's disk makes file-creation times vary tenfold
    // between runs, which would drown what is measured here. `--dir` picks another place.
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let root = value("--dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| base.join(format!("waymark-bench-{pages}")));

    let _ = std::fs::remove_dir_all(&root);
    let bytes = generate(&root, pages);
    println!(
        "generated {pages} pages, {:.1} MB of Markdown, in {}",
        bytes as f64 / 1e6,
        root.display()
    );

    let binary = waymark_binary();
    // Flush dirty pages before every timed run, so one run's writeback does not slow the next.
    let settle = || unsafe { libc::sync() };
    let baseline: Vec<Duration> = (0..runs)
        .map(|_| {
            let _ = std::fs::remove_dir_all(root.join("bare"));
            settle();
            bare_parse_and_write(&root.join("content"), &root.join("bare"))
        })
        .collect();
    let mut waymark = Vec::new();
    for _ in 0..runs {
        settle();
        let started = Instant::now();
        let status = Command::new(&binary)
            .args(["build", "--quiet"])
            .arg(&root)
            .status()
            .expect("run waymark");
        assert!(status.success(), "waymark build failed");
        waymark.push(started.elapsed());
    }
    let (base, full) = (median(baseline), median(waymark));
    println!(
        "bare pulldown-cmark parse + write, 1 thread: median {:>8.3} s",
        base.as_secs_f64()
    );
    println!(
        "waymark build ({} threads):                 median {:>8.3} s",
        rayon_threads(),
        full.as_secs_f64()
    );
    println!(
        "ratio waymark / bare:                        {:>8.2}",
        full.as_secs_f64() / base.as_secs_f64()
    );
    println!(
        "waymark peak memory (max RSS):               {:>8.1} MB",
        peak_child_rss_kb() as f64 / 1024.0
    );
    println!(
        "output size:                                 {:>8.1} MB",
        folder_size(&root.join("site")) as f64 / 1e6
    );
}

fn waymark_binary() -> PathBuf {
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "--bin", "waymark"])
        .status()
        .expect("cargo build");
    assert!(status.success());
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/waymark")
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The floor: read every page, render it with pulldown-cmark and write it, on one thread.
fn bare_parse_and_write(content: &Path, out: &Path) -> Duration {
    let started = Instant::now();
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read page");
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all()),
        );
        let target = out
            .join(entry.path().strip_prefix(content).unwrap())
            .with_extension("html");
        std::fs::create_dir_all(target.parent().unwrap()).expect("create folder");
        std::fs::write(target, html).expect("write page");
    }
    started.elapsed()
}

fn peak_child_rss_kb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

fn folder_size(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// A small deterministic generator so every run builds the same guide.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
}

const WORDS: &[&str] = &[
    "project",
    "secure",
    "desktop",
    "register",
    "data",
    "permit",
    "upload",
    "analysis",
    "member",
    "storage",
    "quota",
    "session",
    "researcher",
    "export",
    "review",
    "folder",
    "account",
    "service",
    "request",
    "approval",
    "the",
    "a",
    "with",
    "before",
    "after",
    "your",
    "each",
    "when",
    "only",
    "results",
    "script",
    "module",
    "cluster",
    "queue",
];

/// Where page `i` lives: parts of 1,000 pages, chapters of 100, like a large real guide.
fn page_folder(i: usize) -> String {
    format!("part-{:02}/chapter-{:02}", i / 1000, (i / 100) % 10)
}

/// Writes `content/` and `book.toml` for a guide of `pages` pages; returns the Markdown size.
pub fn generate(root: &Path, pages: usize) -> usize {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Benchmark guide\"\ndescription = \"Generated pages\"\n",
    )
    .unwrap();
    let mut rng = Rng(42);
    let mut total = 0;
    for i in 0..pages {
        let dir = content.join(page_folder(i));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
            let index = format!(
                "---\ntitle: Chapter {}\nweight: {}\n---\n\nPages about topic {}.\n",
                i / 100,
                i / 100,
                i / 100
            );
            std::fs::write(dir.join("index.md"), index).unwrap();
        }
        if i % 1000 == 0 {
            let index = format!(
                "---\ntitle: Part {}\nweight: {}\n---\n\nChapters of part {}.\n",
                i / 1000,
                i / 1000,
                i / 1000
            );
            std::fs::write(dir.parent().unwrap().join("index.md"), index).unwrap();
        }
        let text = page_text(i, pages, &mut rng);
        total += text.len();
        std::fs::write(dir.join(format!("page-{i:05}.md")), text).unwrap();
    }
    std::fs::write(
        content.join("index.md"),
        "---\ntitle: Home\n---\n\nThe generated benchmark guide.\n",
    )
    .unwrap();
    total
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let first = s[0].to_string();
    let capital = first[..1].to_uppercase() + &first[1..];
    s[0] = &capital;
    format!("{}.", s.join(" "))
}

fn page_text(i: usize, pages: usize, rng: &mut Rng) -> String {
    let link_to = |j: usize| format!("../../{}/page-{j:05}.md", page_folder(j));
    let mut out = format!(
        "---\ntitle: Page {i}\ndescription: Generated page number {i}.\nweight: {}\n---\n\n",
        i % 100
    );
    for h in 0..4 {
        out.push_str(&format!("## Topic {h} of page {i}\n\n"));
        for _ in 0..6 {
            out.push_str(&sentence(rng, 14));
            out.push(' ');
        }
        let target = (i + 1 + rng.next() as usize % 50) % pages;
        out.push_str(&format!(
            "See [page {target}]({}) and [its topic {h}]({}#topic-{h}-of-page-{target}) for *more* about **{}**.\n\n",
            link_to(target),
            link_to(target),
            rng.pick(WORDS)
        ));
        out.push_str(&format!(
            "- {}\n- {} `--flag`\n- {}\n\n",
            sentence(rng, 6),
            sentence(rng, 5),
            sentence(rng, 7)
        ));
        if h == 1 {
            // Every page's code differs, as in a real guide.
            out.push_str(&format!(
                "```bash\n#!/bin/bash\n#SBATCH --job-name={}-{i}\n#SBATCH --time=0{}:00:00\nmodule load python/3.{}\nfor f in {}/*.csv; do\n  python analyse.py \"$f\" --out results/{i}/\ndone\n```\n\n",
                rng.pick(WORDS),
                i % 10,
                8 + i % 5,
                rng.pick(WORDS)
            ));
        }
        if h == 2 && i % 3 == 0 {
            out.push_str("| Resource | Limit | Notes |\n|---|---|---|\n| Storage | 1 TB | per project |\n| Sessions | 4 | per member |\n| Exports | 10 | per week |\n\n");
        }
    }
    out
}
