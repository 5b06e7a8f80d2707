//! The compatibility check: builds every real MkDocs project of
//! `scripts/compat/projects.txt` with Waymark and compares the result with MkDocs' own
//! build of it (made by `scripts/compat/reference.sh`); with `--mdbook`, every mdBook
//! book of `scripts/compat/mdbook-projects.txt` against `mdbook build` (made by
//! `scripts/compat/reference-mdbook.sh`).
//!
//!   cargo run --release --example compat -- [--mdbook] CORPUS [REFERENCE]
//!
//! Per project it reports the pages, Waymark's exit code and time (the fastest of three
//! builds in a row into one folder, search included), MkDocs' time and the ratio, problems by kind, and against
//! the reference: pages only one of the two built, broken internal links in each output,
//! and lines of literal dialect syntax (`!!!`, `===`, `///`, `--8<--`, `{:`, ...) left in
//! each output's text outside code. For mdBook books: chapters only one of the two built,
//! whether the reading order (following each page's "next" link from the home page) is
//! the same, broken internal links, and `{{#` directives left in each output's main text
//! (code included, where an unexpanded include would show).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Dialect syntax that must not reach a page's text.
const LEFTOVERS: &[&str] = &[
    "!!!", "???", "===", "///", "--8<--", "{:", "{ .", "(1)!", "++ctrl",
];

/// mdBook's directives, which must not reach a page.
const MDBOOK_LEFTOVER: &str = "{{#";

struct Project {
    name: String,
    folder: String,
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mdbook = args.first().is_some_and(|a| a == "--mdbook");
    if mdbook {
        args.remove(0);
    }
    let Some(corpus) = args.first().map(PathBuf::from) else {
        eprintln!("usage: compat [--mdbook] CORPUS [REFERENCE]");
        std::process::exit(2);
    };
    let reference = args.get(1).map(PathBuf::from);
    let (list, tool) = match mdbook {
        true => ("scripts/compat/mdbook-projects.txt", "mdBook"),
        false => ("scripts/compat/projects.txt", "MkDocs"),
    };
    let projects = read_list(&Path::new(env!("CARGO_MANIFEST_DIR")).join(list));
    let leftovers = |output: &Output| match mdbook {
        true => output.directives(),
        false => output.leftovers(),
    };
    let order = if mdbook { " | Same reading order" } else { "" };
    println!("| Project | Commit | Pages | Exit | Waymark | {tool} | Speed-up | Errors / warnings / info | Pages only in {tool} / only in Waymark{order} | Broken links {tool} / Waymark | Leftover syntax {tool} / Waymark |");
    println!(
        "|---|---|---|---|---|---|---|---|---|{}---|---|",
        if mdbook { "---|" } else { "" }
    );
    let mut kinds_by_project = Vec::new();
    for project in projects {
        let dir = corpus.join(&project.name).join(&project.folder);
        if !dir.is_dir() {
            eprintln!(
                "{}: not found in {}, skipped",
                project.name,
                corpus.display()
            );
            continue;
        }
        let commit = git_commit(&corpus.join(&project.name));
        let out = std::env::temp_dir().join(format!("waymark-compat-{}", project.name));
        remove_output(&out);
        let (exit, seconds, pages, diagnostics) = build(&dir, &out);
        let counts = format!(
            "{} / {} / {}",
            diagnostics.error_count(),
            diagnostics.warning_count(),
            diagnostics.info_count()
        );
        let ours = Output::read(&out);
        let (mkdocs_time, only_mkdocs, only_ours, same_order, theirs_broken, theirs_left) =
            match reference.as_ref().map(|r| (r.join(&project.name), r)) {
                Some((site, reference)) if site.is_dir() => {
                    let theirs = Output::read(&site);
                    let time =
                        std::fs::read_to_string(reference.join(format!("{}.time", project.name)))
                            .ok()
                            .and_then(|t| t.split_whitespace().next()?.parse::<f64>().ok());
                    (
                        time,
                        theirs.pages.difference(&ours.pages).count().to_string(),
                        ours.pages.difference(&theirs.pages).count().to_string(),
                        same_order(&theirs, &ours),
                        theirs.broken_links().to_string(),
                        leftovers(&theirs).to_string(),
                    )
                }
                _ => (
                    None,
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                ),
            };
        let same_order = if mdbook {
            format!(" | {same_order}")
        } else {
            String::new()
        };
        let (mkdocs, ratio) = match mkdocs_time {
            Some(t) => (format!("{t:.2} s"), format!("{:.0}x", t / seconds)),
            None => ("-".into(), "-".into()),
        };
        println!(
            "| {} | {} | {pages} | {exit} | {seconds:.3} s | {mkdocs} | {ratio} | {counts} | {only_mkdocs} / {only_ours}{same_order} | {theirs_broken} / {} | {theirs_left} / {} |",
            project.name,
            commit,
            ours.broken_links(),
            leftovers(&ours),
        );
        kinds_by_project.push((project.name, kinds(&diagnostics)));
        remove_output(&out);
    }
    for (name, kinds) in kinds_by_project {
        println!("\n{name}: problems by kind");
        for ((severity, kind), count) in kinds {
            println!("  {count:>4} {severity}: {kind}");
        }
    }
}

fn read_list(path: &Path) -> Vec<Project> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            Some(Project {
                name: fields.first()?.to_string(),
                folder: fields.get(2)?.to_string(),
            })
        })
        .collect()
}

fn git_commit(repo: &Path) -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(repo)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Removes the output folder `out` and what Waymark keeps beside it: the previous site
/// and the lock file.
fn remove_output(out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    if let (Some(parent), Some(name)) = (out.parent(), out.file_name()) {
        let name = name.to_string_lossy();
        let _ = std::fs::remove_dir_all(parent.join(format!(".{name}.previous")));
        let _ = std::fs::remove_file(parent.join(format!(".{name}.waymark-lock")));
    }
}

/// Builds `dir` into `out` three times in a row, as a writer rebuilds (the second and
/// third write over the site the first left); the exit code the CLI would give, the
/// fastest time, the page count and the problems.
fn build(dir: &Path, out: &Path) -> (i32, f64, usize, waymark::diag::Diagnostics) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..3 {
        let started = Instant::now();
        let result = waymark::load_config(dir)
            .and_then(|config| waymark::build_with(config, Some(out), &()));
        best = best.min(started.elapsed().as_secs_f64());
        last = Some(result);
    }
    match last.expect("three builds") {
        Ok(built) => (0, best, built.pages, built.warnings),
        Err(failure) => {
            let code = match failure {
                waymark::Failure::Content(_) => 1,
                waymark::Failure::Setup(_) => 2,
            };
            (code, best, 0, failure.diagnostics())
        }
    }
}

/// Problems counted by severity and message, with the parts in backticks left out.
fn kinds(diagnostics: &waymark::diag::Diagnostics) -> BTreeMap<(String, String), usize> {
    let mut kinds = BTreeMap::new();
    for d in diagnostics.sorted() {
        let kind: String = d
            .message
            .split('`')
            .enumerate()
            .map(|(i, part)| if i % 2 == 1 { "`…`" } else { part })
            .collect();
        *kinds
            .entry((format!("{:?}", d.severity).to_lowercase(), kind))
            .or_insert(0) += 1;
    }
    kinds
}

/// A built site: its files, and its HTML pages by path.
struct Output {
    files: BTreeSet<String>,
    pages: BTreeSet<String>,
    root: PathBuf,
}

impl Output {
    fn read(root: &Path) -> Output {
        let mut files = BTreeSet::new();
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            if entry.file_type().is_file() {
                if let Ok(rel) = entry.path().strip_prefix(root) {
                    files.insert(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let pages = files
            .iter()
            .filter(|f| {
                f.ends_with(".html")
                    && !f.starts_with("_waymark/")
                    && !f.starts_with("assets/")
                    // Not chapters: mdBook's whole-book page and its sidebar for browsers
                    // without scripts.
                    && !["404.html", "print.html", "toc.html"].contains(&f.as_str())
            })
            // `index.html` is the site's address, whether a page or a redirect to one.
            .filter(|f| *f == "index.html" || !is_redirect(&root.join(f)))
            .cloned()
            .collect();
        Output {
            files,
            pages,
            root: root.to_path_buf(),
        }
    }

    fn html(&self, page: &str) -> String {
        std::fs::read_to_string(self.root.join(page)).unwrap_or_default()
    }

    /// Relative links in pages that lead to no file of the site.
    fn broken_links(&self) -> usize {
        let anchors = scraper::Selector::parse("a[href]").unwrap();
        let mut broken = 0;
        for page in &self.pages {
            let html = scraper::Html::parse_document(&self.html(page));
            for link in html.select(&anchors) {
                let href = link.value().attr("href").unwrap_or("");
                let path = href.split(['#', '?']).next().unwrap_or("");
                if path.is_empty() || path.starts_with('/') || href.contains(':') {
                    continue;
                }
                let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
                let mut target = resolve(folder, path);
                if target.is_empty() || target.ends_with('/') {
                    target.push_str("index.html");
                }
                let target = percent_decode(&target);
                if !self.files.contains(&target)
                    && !self.files.contains(&format!("{target}/index.html"))
                {
                    broken += 1;
                }
            }
        }
        broken
    }

    /// The pages in reading order after the first: from the home page (or the page its
    /// redirect leads to), each page's "next" link. The first is left out: mdBook
    /// publishes its first chapter twice, at its own name and at `index.html`.
    fn reading_order(&self) -> Vec<String> {
        let next = scraper::Selector::parse("a[rel~=next]").unwrap();
        let refresh = scraper::Selector::parse("meta[http-equiv=refresh]").unwrap();
        let mut order = Vec::new();
        let home = scraper::Html::parse_document(&self.html("index.html"));
        let mut page = home
            .select(&refresh)
            .find_map(|m| {
                m.value()
                    .attr("content")?
                    .split_once("url=")
                    .map(|(_, u)| u.to_string())
            })
            .unwrap_or_else(|| "index.html".to_string());
        while self.pages.contains(&page) && !order.contains(&page) {
            let html = scraper::Html::parse_document(&self.html(&page));
            order.push(page.clone());
            let Some(href) = html.select(&next).find_map(|a| a.value().attr("href")) else {
                break;
            };
            let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
            page = percent_decode(&resolve(folder, href.split('#').next().unwrap_or("")));
        }
        order.into_iter().skip(1).collect()
    }

    /// `{{#` in the pages' main text, code included.
    fn directives(&self) -> usize {
        let main = scraper::Selector::parse("main").unwrap();
        self.pages
            .iter()
            .map(|page| {
                let html = scraper::Html::parse_document(&self.html(page));
                html.select(&main)
                    .map(|m| {
                        m.text()
                            .collect::<String>()
                            .matches(MDBOOK_LEFTOVER)
                            .count()
                    })
                    .sum::<usize>()
            })
            .sum()
    }

    /// Lines of page text, outside code, that start with dialect syntax.
    fn leftovers(&self) -> usize {
        let skip =
            scraper::Selector::parse("pre, code, script, style, nav, header, footer").unwrap();
        let body = scraper::Selector::parse("body").unwrap();
        let mut count = 0;
        for page in &self.pages {
            let html = scraper::Html::parse_document(&self.html(page));
            let Some(content) = html.select(&body).next() else {
                continue;
            };
            let hidden: BTreeSet<_> = content
                .select(&skip)
                .flat_map(|e| e.descendants().map(|n| n.id()))
                .collect();
            let text: String = content
                .descendants()
                .filter(|node| !hidden.contains(&node.id()))
                .filter_map(|node| node.value().as_text().map(|t| t.to_string()))
                .collect();
            count += text
                .lines()
                .filter(|line| {
                    LEFTOVERS
                        .iter()
                        .any(|marker| line.trim_start().starts_with(marker))
                })
                .count();
        }
        count
    }
}

/// "yes" when both outputs read in the same order, else where they first part.
fn same_order(theirs: &Output, ours: &Output) -> String {
    let (theirs, ours) = (theirs.reading_order(), ours.reading_order());
    match theirs.iter().zip(&ours).position(|(a, b)| a != b) {
        None if theirs.len() == ours.len() => format!("yes ({})", ours.len() + 1),
        None => format!("{} / {} pages", theirs.len(), ours.len()),
        Some(i) => format!("from page {}: {} / {}", i + 2, theirs[i], ours[i]),
    }
}

/// Redirect pages (a meta refresh and nothing else) are not pages of the guide.
fn is_redirect(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|html| html.len() < 2048 && html.contains("http-equiv=\"refresh\""))
}

/// `path` relative to `folder`, with `.` and `..` resolved.
fn resolve(folder: &str, path: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    joined
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}
