//! Build benchmark: generates a guide of N pages (about 4 KB of varied Markdown each) and
//! compares a full `waymark build` with the bare minimum: parsing and writing the same
//! pages with pulldown-cmark on one thread.
//!
//!     cargo run --release --example bench -- [--pages N] [--runs R] [--dir DIR] [--mkdocs]
//!                                                 [--mdbook] [--unique-code] [--first-query]
//!                                                 [--layout standard|flat|deep|tutorial]
//!                                                 [--last-updated] [--print|--no-print]
//!                                                 [--constructs dialect|all]
//!                                                 [--against-standard] [--search-floor]
//!
//! `--layout` arranges the pages as issue 17 measures them: `flat` puts every page in one
//! folder without an index page, `deep` in three levels of folders without index pages
//! (ten pages a folder), `tutorial` makes them the steps of one tutorial with five paths
//! (each step on three). The default is parts of 1,000 pages and chapters of 100, each
//! with its index page. The report adds the size of one page (the 6th) and of the shared
//! navigation script, which show whether a page grows with the site.
//! `--against-standard` then builds the guide and the standard layout of the same size in
//! turn, R times each with and without search, and reports what the guide costs per
//! megabyte of Markdown against the standard one: the comparison issue 17 asks for, steadier
//! than two runs of the benchmark one after the other, since the machine's load falls on
//! both alike.
//!
//! `--mkdocs` configures the guide with an `mkdocs.yml` listing every page in its nav,
//! like an MkDocs project of that size; with `--constructs dialect` each page ends with a
//! section of the MkDocs dialect Waymark read before issue 16 (admonitions, tabs, ...),
//! with `--constructs all` also with every construct issue 16 added (`///` blocks,
//! annotations, critic marks, keys, math, ...), and the extensions they need are
//! enabled (the report's MB/s compares them); `--mdbook` makes it an mdBook book, with a
//! `SUMMARY.md` listing every page (`mdbook build` can build the same folder). `--unique-code` ends each code line with a comment
//! of its own: the generated scripts repeat most of their lines from page to page, which
//! the highlighter's memo of parsed lines profits from. `--last-updated` makes the guide a
//! git repository with a history (every page committed, then 100 commits of 50 pages each)
//! and adds a third build, the full one with last-updated dates, to report what reading the
//! dates from git costs.
//!
//! Reports the median wall time of R runs of each (Waymark with and without search),
//! their ratio, what search adds, Waymark's peak memory (max RSS of the child process)
//! and the output size. `--first-query` also measures, in headless Chromium, the bytes a
//! reader downloads for a first search (tests/browser/first-query.mjs).
//!
//! `--search-floor` then times, on one thread, what search's files alone take: the word
//! chunks and fragments the build wrote, decompressed, compressed again at Waymark's levels
//! (5 and 1, `src/search/index/format.rs`) each on its own as Pagefind's runtime reads
//! them, and written as files; against what issue 18's budget (1.3 times the build without
//! search) leaves search in CPU time.
//!
//! `--print` and `--no-print` turn the printable guide (`print.html`) on or off in the
//! guide's configuration, to measure what it costs; without either, Waymark's default
//! applies (on for guides of up to 1,000 pages).

#[path = "support/guide.rs"]
mod guide;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args = guide::Args::from_env();
    let pages = args.number("--pages", 10_000);
    let runs = args.number("--runs", 5);
    let layout = guide::Layout::from_args(&args);
    let (root, bytes) = guide::prepare(
        &format!("waymark-bench-{}-{pages}", layout.name()),
        args.value("--dir"),
        pages,
        guide::Kind::from_args(&args),
        layout,
    );
    if args.switch("--unique-code") {
        make_code_lines_unique(&root.join("content"));
    }
    for (flag, on) in [("--print", true), ("--no-print", false)] {
        if args.switch(flag) {
            set_print(&root, args.switch("--mkdocs"), on);
        }
    }
    println!(
        "generated {pages} pages, {:.1} MB of Markdown, in {}",
        bytes as f64 / 1e6,
        root.display()
    );

    let binary = waymark_binary();
    let baseline: Vec<Duration> = (0..runs)
        .map(|_| {
            let _ = std::fs::remove_dir_all(root.join("bare"));
            settle();
            bare_parse_and_write(&root.join("content"), &root.join("bare"))
        })
        .collect();
    // The same guide with search switched off, to measure what indexing costs.
    let no_search = write_config_without_search(&root, args.switch("--mkdocs"));
    let dated = args.switch("--last-updated").then(|| {
        make_git_history(&root);
        write_config_with_dates(&root, args.switch("--mkdocs"))
    });
    let (mut waymark, mut without_search, mut with_dates) =
        (Times::default(), Times::default(), Times::default());
    let (mut peak_kb, mut peak_without_search_kb) = (0, 0);
    let load_before = load_average();
    for _ in 0..runs {
        let run = timed_build(&binary, &root, Some(&no_search));
        without_search.push(&run);
        peak_without_search_kb = peak_without_search_kb.max(run.max_rss_kb);
        if let Some(dated) = &dated {
            let run = timed_build(&binary, &root, Some(dated));
            with_dates.push(&run);
        }
        // Last, so that the site left behind has its search index.
        let run = timed_build(&binary, &root, None);
        waymark.push(&run);
        peak_kb = peak_kb.max(run.max_rss_kb);
    }
    let (base, full, unsearched) = (
        median(baseline),
        median(waymark.wall),
        median(without_search.wall),
    );
    let (full_cpu, unsearched_cpu) = (median(waymark.cpu), median(without_search.cpu));
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
        "waymark build without search:               median {:>8.3} s",
        unsearched.as_secs_f64()
    );
    println!(
        "ratio waymark / bare (without search):      {:>8.2} ({:.2})",
        full.as_secs_f64() / base.as_secs_f64(),
        unsearched.as_secs_f64() / base.as_secs_f64()
    );
    println!(
        "Markdown per second (without search):       {:>8.2} MB/s ({:.2} MB/s with)",
        bytes as f64 / 1e6 / unsearched.as_secs_f64(),
        bytes as f64 / 1e6 / full.as_secs_f64()
    );
    println!(
        "search adds:                                 {:>7.0} %",
        (full.as_secs_f64() / unsearched.as_secs_f64() - 1.0) * 100.0
    );
    // CPU time (user + system) is what the load of other processes disturbs least.
    println!(
        "CPU time with / without search:              {:>8.3} s / {:.3} s (search adds {:.0} %)",
        full_cpu.as_secs_f64(),
        unsearched_cpu.as_secs_f64(),
        (full_cpu.as_secs_f64() / unsearched_cpu.as_secs_f64() - 1.0) * 100.0
    );
    println!(
        "load average (1 min) before / after runs:    {load_before} / {}",
        load_average()
    );
    println!(
        "waymark peak memory (max RSS):               {:>8.1} MB ({:.1} MB without search)",
        peak_kb as f64 / 1024.0,
        peak_without_search_kb as f64 / 1024.0
    );
    println!(
        "search index:                                {:>8.1} MB",
        folder_size(&root.join("site/_waymark/search")) as f64 / 1e6
    );
    if !with_dates.wall.is_empty() {
        // CPU time too: git runs beside the build, so on a busy machine its cost shows
        // there more reliably than in the wall time.
        let adds = |with: Duration, without: Duration| {
            (with.as_secs_f64() / without.as_secs_f64() - 1.0) * 100.0
        };
        let (dates, dates_cpu) = (median(with_dates.wall), median(with_dates.cpu));
        let plain_cpu = full_cpu;
        println!(
            "waymark build with last-updated dates:      median {:>8.3} s (adds {:.1} %; CPU {:.3} s against {:.3} s, adds {:.1} %)",
            dates.as_secs_f64(),
            adds(dates, full),
            dates_cpu.as_secs_f64(),
            plain_cpu.as_secs_f64(),
            adds(dates_cpu, plain_cpu)
        );
    }
    if args.switch("--first-query") {
        first_query_bytes(&root.join("site"));
    }
    println!(
        "output size:                                 {:>8.1} MB",
        folder_size(&root.join("site")) as f64 / 1e6
    );
    println!(
        "one page (the 6th), navigation script:       {:>8.1} KB, {:.1} KB",
        sixth_page_size(&root.join("site")) as f64 / 1e3,
        folder_size(&root.join("site/_waymark/nav.js")) as f64 / 1e3
    );
    if args.switch("--search-floor") {
        search_floor(&root.join("site/_waymark/search"), unsearched_cpu);
    }
    if args.switch("--against-standard") {
        assert!(
            layout != guide::Layout::Standard && !args.switch("--mkdocs"),
            "--against-standard compares another --layout with the standard one"
        );
        let dir = args.value("--dir").map(|d| format!("{d}-standard"));
        against_standard(&binary, (&root, bytes), pages, runs, dir);
    }
}

/// Builds `guide` and the standard guide of as many pages in turn, `runs` times each with
/// and without search, and prints what `guide` costs per megabyte of Markdown against it
/// (medians of wall and CPU time).
fn against_standard(
    binary: &Path,
    guide: (&Path, usize),
    pages: usize,
    runs: usize,
    dir: Option<String>,
) {
    let (standard, standard_bytes) = guide::prepare(
        &format!("waymark-bench-standard-{pages}-yardstick"),
        dir,
        pages,
        guide::Kind::BookToml,
        guide::Layout::Standard,
    );
    let guides = [guide, (standard.as_path(), standard_bytes)];
    let without_search = guides.map(|(root, _)| write_config_without_search(root, false));
    // Per guide, per search off and on.
    let mut times: [[Times; 2]; 2] = Default::default();
    for _ in 0..runs {
        for (g, (root, _)) in guides.iter().enumerate() {
            for (s, config) in [Some(without_search[g].as_path()), None]
                .into_iter()
                .enumerate()
            {
                times[g][s].push(&timed_build(binary, root, config));
            }
        }
    }
    let megabytes = guides.map(|(_, bytes)| bytes as f64 / 1e6);
    for (s, label) in ["search off", "search on "].into_iter().enumerate() {
        // The guide's median per megabyte over the standard guide's, as a percentage more.
        let more = |pick: fn(&Times) -> &Vec<Duration>| {
            let [guide, standard] =
                [0, 1].map(|g| median(pick(&times[g][s]).clone()).as_secs_f64() / megabytes[g]);
            (guide / standard - 1.0) * 100.0
        };
        println!(
            "against the standard guide, per MB ({label}): wall {:+.1} %, CPU {:+.1} % ({runs} builds each, in turn)",
            more(|t| &t.wall),
            more(|t| &t.cpu)
        );
    }
}

/// The size of the 6th page of the guide (`page-00005`), wherever the layout put it.
fn sixth_page_size(site: &Path) -> u64 {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            // mdBook books publish `page-00005.html`.
            e.path().ends_with("page-00005/index.html") || e.path().ends_with("page-00005.html")
        })
        .and_then(|e| e.metadata().ok())
        .map_or(0, |m| m.len())
}

/// One `waymark build` of the guide (with another configuration file when given) into an
/// empty output folder, as the floor writes into one (so without the previous site that
/// Waymark keeps to write over): its wall time and peak memory.
fn timed_build(binary: &Path, root: &Path, config: Option<&Path>) -> Run {
    let _ = std::fs::remove_dir_all(root.join("site"));
    let _ = std::fs::remove_dir_all(root.join(".site.previous"));
    settle();
    let started = Instant::now();
    let mut command = Command::new(binary);
    command
        .args(["build", "--quiet", "--out"])
        .arg(root.join("site"));
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let child = command.arg(root).spawn().expect("run waymark");
    let (success, cpu, max_rss_kb) = wait_with_rusage(child);
    assert!(success, "waymark build failed");
    Run {
        wall: started.elapsed(),
        cpu,
        max_rss_kb,
    }
}

/// The wall and CPU times of a series of builds.
#[derive(Default)]
struct Times {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Times {
    fn push(&mut self, run: &Run) {
        self.wall.push(run.wall);
        self.cpu.push(run.cpu);
    }
}

/// Times compressing and writing search's files again (see `--search-floor`) and prints it
/// beside the CPU time issue 18's budget leaves search, given the build without it.
fn search_floor(search: &Path, unsearched_cpu: Duration) {
    use flate2::{read::GzDecoder, write::GzEncoder, Compression};
    use std::io::{Read, Write};
    let out = search.with_file_name("search-floor");
    let mut files_time = Duration::ZERO;
    for (folder, level) in [("index", 5), ("fragment", 1)] {
        let raw: Vec<Vec<u8>> = std::fs::read_dir(search.join(folder))
            .expect("the build wrote a search index")
            .map(|entry| {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                let mut raw = Vec::new();
                GzDecoder::new(&bytes[..]).read_to_end(&mut raw).unwrap();
                raw
            })
            .collect();
        let started = Instant::now();
        let compressed: Vec<Vec<u8>> = raw
            .iter()
            .map(|raw| {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::new(level));
                encoder.write_all(raw).unwrap();
                encoder.finish().unwrap()
            })
            .collect();
        let compressing = started.elapsed();
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let started = Instant::now();
        for (i, bytes) in compressed.iter().enumerate() {
            std::fs::write(out.join(i.to_string()), bytes).unwrap();
        }
        let writing = started.elapsed();
        std::fs::remove_dir_all(&out).unwrap();
        files_time += compressing + writing;
        println!(
            "search floor, {folder}: {} files, {:.1} MB raw to {:.1} MB at level {level}: compress {:.3} s, write {:.3} s",
            raw.len(),
            raw.iter().map(Vec::len).sum::<usize>() as f64 / 1e6,
            compressed.iter().map(Vec::len).sum::<usize>() as f64 / 1e6,
            compressing.as_secs_f64(),
            writing.as_secs_f64()
        );
    }
    let budget = unsearched_cpu.as_secs_f64() * 0.3;
    println!(
        "search floor: the files alone {:.3} s of CPU, of the {:.3} s a build 1.3 times the one without search leaves search; {:.3} s left for reading, stemming and indexing the words",
        files_time.as_secs_f64(),
        budget,
        budget - files_time.as_secs_f64()
    );
}

/// What one build took: wall time, CPU time (user + system, git included) and peak memory.
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kb: i64,
}

/// Runs the browser script that sums what a first search downloads (needs Chromium and
/// `npm ci` in tests/browser).
fn first_query_bytes(site: &Path) {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    // "permit" and "review" are on every page of the generated guide; typing "review"
    // also loads, for its first letters, chunks full of other words (the worst case
    // seen); "4321" is only on a few pages.
    for query in ["permit", "review", "4321"] {
        let status = Command::new("node")
            .arg(harness.join("first-query.mjs"))
            .arg(site)
            .args(["part-00/chapter-00/page-00001/", query])
            .current_dir(&harness)
            .status()
            .expect("run node");
        assert!(status.success(), "measuring the first query failed");
    }
}

/// Ends every line of every code block with a comment of its own, so that no code line
/// recurs anywhere in the guide and highlighting finds nothing it has parsed before.
fn make_code_lines_unique(content: &Path) {
    let mut line_number = 0;
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        let text = std::fs::read_to_string(entry.path()).expect("read page");
        let mut in_code = false;
        let mut rewritten = String::with_capacity(text.len() + 256);
        for line in text.lines() {
            rewritten.push_str(line);
            if line.starts_with("```") {
                in_code = !in_code;
            } else if in_code && !line.trim().is_empty() {
                line_number += 1;
                rewritten.push_str(&format!(" # {line_number}"));
            }
            rewritten.push('\n');
        }
        std::fs::write(entry.path(), rewritten).expect("write page");
    }
}

/// Writes a copy of the guide's configuration with search switched off; returns its path.
fn write_config_without_search(root: &Path, mkdocs: bool) -> PathBuf {
    write_config_variant(root, mkdocs, "without-search", |text| {
        if mkdocs {
            text.replace("plugins:\n  - search\n", "plugins: []\n")
        } else {
            format!("{text}\n[output.html]\nsearch = false\n")
        }
    })
}

/// Writes a copy of the guide's configuration with last-updated dates on; returns its path.
fn write_config_with_dates(root: &Path, mkdocs: bool) -> PathBuf {
    write_config_variant(root, mkdocs, "with-dates", |text| {
        if mkdocs {
            text.replace(
                "plugins:\n  - search\n",
                "plugins:\n  - search\n  - git-revision-date-localized\n",
            )
        } else {
            format!("{text}\n[output.html]\nlast-updated = true\n")
        }
    })
}

/// Writes the guide's configuration, changed by `change`, beside it as
/// `book-VARIANT.toml` (or `mkdocs-VARIANT.yml`); returns its path.
fn write_config_variant(
    root: &Path,
    mkdocs: bool,
    variant: &str,
    change: impl Fn(&str) -> String,
) -> PathBuf {
    let (file, copy) = if mkdocs {
        ("mkdocs.yml", format!("mkdocs-{variant}.yml"))
    } else {
        ("book.toml", format!("book-{variant}.toml"))
    };
    let text = std::fs::read_to_string(root.join(file)).expect("read the configuration");
    std::fs::write(root.join(&copy), change(&text)).expect("write the configuration");
    root.join(copy)
}

/// Makes the guide a git repository with a history a real guide might have: every page in
/// a first commit, then 100 commits that each change 50 pages spread over the guide.
fn make_git_history(root: &Path) {
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "-c",
                "user.name=Bench",
                "-c",
                "user.email=bench@example.invalid",
            ])
            // No automatic gc in the background while commits are made: one at the end.
            .args(["-c", "gc.auto=0"])
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run git");
        assert!(status.success(), "git {args:?} failed");
    };
    let _ = std::fs::remove_dir_all(root.join(".git"));
    git(&["init", "--quiet"]);
    git(&["add", "content"]);
    git(&["commit", "--quiet", "-m", "The guide"]);
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    for commit in 0..100 {
        for k in 0..50 {
            let page = &pages[(commit * 7_919 + k * 104_729) % pages.len()];
            let mut text = std::fs::read_to_string(page).expect("read page");
            text.push_str(&format!("\nRevised in commit {commit}.\n"));
            std::fs::write(page, text).expect("write page");
        }
        git(&[
            "commit",
            "--quiet",
            "--all",
            "-m",
            &format!("Revision {commit}"),
        ]);
    }
    // Packed, as a clone is: git reads loose objects one file at a time.
    git(&["gc", "--quiet"]);
}

/// Turns the printable guide on or off in the guide's configuration.
fn set_print(root: &Path, mkdocs: bool, on: bool) {
    let (file, setting) = match mkdocs {
        true => (
            "mkdocs.yml",
            format!("extra:\n  waymark:\n    print: {on}\n"),
        ),
        false => ("book.toml", format!("[output.html.print]\nenable = {on}\n")),
    };
    let text = std::fs::read_to_string(root.join(file)).expect("read the configuration");
    std::fs::write(root.join(file), format!("{text}\n{setting}")).expect("write the configuration");
}

fn waymark_binary() -> PathBuf {
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "--bin", "waymark"])
        .status()
        .expect("cargo build");
    assert!(status.success());
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/waymark")
}

/// Flushes dirty pages before a timed run, so one run's writeback does not slow the next.
fn settle() {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// The one-minute load average, which says how much other processes disturbed the runs.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
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

/// Waits for the child and returns whether it succeeded, its CPU time (with that of the
/// processes it ran, such as git) and its own peak memory (max RSS, KB), not that of other
/// children such as the `cargo build` before it.
fn wait_with_rusage(child: std::process::Child) -> (bool, Duration, i64) {
    let pid = child.id();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 only writes into the two values we pass, for our own child.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    let success =
        waited == pid as libc::pid_t && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1_000);
    (
        success,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        usage.ru_maxrss,
    )
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
