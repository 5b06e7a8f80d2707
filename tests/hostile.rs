//! Hostile and broken input on the real binary. Every case ends one of two ways: valid but
//! extreme input builds (exit 0) with correct HTML; invalid input fails with a diagnostic
//! naming `file:line` (exit 1, or 2 for a refused output folder), no panic, no hang, the
//! previous site untouched byte for byte and no staging folder left behind.
//!
//! Covered elsewhere, and not repeated here: include cycles naming the chain, snippets
//! leaving the base folder through `..` and remote snippets
//! (`src/markdown/dialect_tests.rs`, `snippet_errors_name_the_including_line`); a missing
//! snippet naming the including line (`tests/dialect.rs`,
//! `a_missing_snippet_fails_the_build_at_the_including_line`); two builds into one output
//! at the same time (`tests/cli.rs`, `two_builds_into_one_folder_take_turns`); refused
//! output folders (`tests/cli.rs`, `dangerous_output_folders_are_refused`); escaping of
//! front-matter values and file names (`tests/escaping.rs`).

mod common;
use common::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longer than any of these builds takes in a debug build on a busy machine: a build
/// still running by then counts as hung.
const HANG: Duration = Duration::from_secs(180);

/// A project with `book.toml`, a home page and `files` (path under the project, bytes).
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "book.toml",
        b"[book]\ntitle = \"Hostile\"\n[output.html]\nsite-url = \"https://docs.example.org/\"\n",
    );
    write(
        dir.path(),
        "content/index.md",
        b"# Home\n\nThe home page.\n",
    );
    for (path, bytes) in files {
        write(dir.path(), path, bytes);
    }
    dir
}

fn write(root: &Path, path: &str, bytes: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn spawn(args: &[&str], cwd: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run waymark")
}

/// Waits for `child`, failing the test if it runs longer than [`HANG`].
fn finish(mut child: Child) -> Output {
    let pipe = |p: Option<Box<dyn Read + Send>>| {
        let mut p = p.unwrap();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = p.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = pipe(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = pipe(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("waymark hung for more than {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Runs `waymark ARGS` in `cwd`, with a deadline.
fn run(args: &[&str], cwd: &Path) -> Output {
    finish(spawn(args, cwd))
}

/// `waymark build` of `dir`, which must succeed without warnings.
fn build_ok(dir: &Path) -> String {
    let output = run(&["build", "."], dir);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("with 0 warnings"), "{err}");
    err
}

/// Entries beside the output folder that a build left: staging or retired folders (not
/// the lock file, nor the previous site kept for the next build to write over).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.") && !n.ends_with(".waymark-lock"))
        .filter(|n| n != ".site.previous")
        .collect()
}

/// Builds the good project in `dir`, lets `spoil` break it, and checks that the next
/// build fails with `code`, that stderr holds every one of `expected`, and that the
/// previous site is untouched and nothing is left beside it. Returns stderr.
fn fails_keeping_the_previous_site(
    dir: &Path,
    spoil: impl FnOnce(&Path),
    code: i32,
    expected: &[&str],
) -> String {
    build_ok(dir);
    let before = snapshot_tree(&dir.join("site"));
    spoil(dir);
    let output = run(&["build", "."], dir);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for text in expected {
        assert!(err.contains(text), "stderr lacks {text:?}:\n{err}");
    }
    assert!(
        err.contains("the previous output was left unchanged"),
        "{err}"
    );
    assert!(
        snapshot_tree(&dir.join("site")) == before,
        "the previous site changed"
    );
    assert_eq!(leftovers(dir), Vec::<String>::new());
    err
}

fn html(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join("site").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

// ---------------------------------------------------------------------------------------
// Valid but extreme pages: they build, and their HTML is right.

#[test]
fn an_empty_page_builds_with_its_file_name_as_title() {
    let dir = project(&[("content/empty.md", b"")]);
    build_ok(dir.path());
    let page = html(dir.path(), "empty/index.html");
    assert!(page.contains("<title>Empty - Hostile</title>"), "{page}");
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn a_page_of_only_front_matter_builds() {
    let dir = project(&[(
        "content/only.md",
        b"---\ntitle: Only front-matter\ndescription: Nothing else\n---\n",
    )]);
    build_ok(dir.path());
    let page = page(dir.path(), "only/index.html");
    assert_eq!(
        texts(&page, "title"),
        ["Only front-matter - Hostile".to_string()]
    );
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["Nothing else"]
    );
}

#[test]
fn a_page_with_a_byte_order_mark_and_crlf_lines_builds_like_a_plain_one() {
    let plain = "---\ntitle: Windows page\n---\n\n## First part\n\nText with a [link](index.md).\n\n- one\n- two\n";
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let dir = project(&[
        ("content/windows.md", windows.as_bytes()),
        ("content/plain.md", plain.as_bytes()),
    ]);
    build_ok(dir.path());
    let windows = html(dir.path(), "windows/index.html");
    let plain = html(dir.path(), "plain/index.html");
    assert!(!windows.contains('\u{feff}'), "the BOM is not output");
    assert!(windows.contains("<title>Windows page - Hostile</title>"));
    assert!(windows.contains("<h2 id=\"first-part\""), "{windows}");
    let body = |page: &str| {
        let page = page.replace("\r\n", "\n");
        let start = page.find("<h2 id=\"first-part\"").unwrap();
        page[start..start + page[start..].find("</ul>").unwrap()].to_string()
    };
    assert_eq!(body(&windows), body(&plain), "the same body HTML");
}

#[test]
fn a_10_mb_page_builds_completely() {
    let mut text = String::from("---\ntitle: Big\n---\n\n");
    let mut section = 0;
    while text.len() < 10 * 1024 * 1024 {
        section += 1;
        text.push_str(&format!(
            "## Section {section}\n\nSection {section} has some *emphasised* prose with `code`, a [link](#section-1) and **bold** words, repeated to fill the page.\n\n```bash\necho {section}\n```\n\n- an item\n- another item\n\n"
        ));
    }
    let dir = project(&[("content/big.md", text.as_bytes())]);
    build_ok(dir.path());
    let page = html(dir.path(), "big/index.html");
    assert!(page.len() > 10 * 1024 * 1024);
    assert!(page.contains(&format!("<h2 id=\"section-{section}\"")));
    assert!(
        page.contains(&format!("href=\"#section-{section}\"")),
        "in the toc"
    );
    assert!(page.contains(&format!(
        "<p>Section {section} has some <em>emphasised</em> prose"
    )));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn ten_thousand_headings_on_one_page_all_get_their_ids() {
    let mut text = String::from("# Many headings\n\n");
    for i in 1..=10_000 {
        text.push_str(&format!("## Topic\n\nParagraph {i}.\n\n"));
    }
    let dir = project(&[("content/headings.md", text.as_bytes())]);
    build_ok(dir.path());
    let page = html(dir.path(), "headings/index.html");
    // Ten thousand headings with the same text get unique ids: topic, topic_1, ...
    assert!(page.contains("<h2 id=\"topic\""));
    assert!(
        page.contains("<h2 id=\"topic_9999\""),
        "the 10,000th heading"
    );
    assert_eq!(page.matches("<h2 id=\"topic").count(), 10_000);
    assert!(page.contains("href=\"#topic_9999\""), "the toc lists it");
    assert!(page.contains("Paragraph 10000."));
}

/// Issue 14, item 3: a 1 MB string named 5,000 times in front-matter asked for 5 GB.
#[test]
fn front_matter_aliases_that_expand_to_gigabytes_are_an_error() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            let references = vec!["*b"; 5_000].join(", ");
            let page = format!(
                "---\ntitle: Bomb\nbig: &b {}\nrefs: [{references}]\n---\n# Bomb\n",
                "x".repeat(1 << 20)
            );
            write(root, "content/bomb.md", page.as_bytes());
        },
        1,
        &[
            "error: front-matter aliases (`*name`) expand to more than",
            "--> content/bomb.md:2",
        ],
    );
}

/// Issue 14, item 4: addresses written in configuration and front-matter end up in `href`
/// attributes and meta refreshes; a `javascript:` one runs in the reader's browser.
#[test]
fn script_urls_in_configuration_and_front_matter_are_refused_where_written() {
    let dir = project(&[]);
    write(
        dir.path(),
        "book.toml",
        b"[book]\ntitle = \"T\"\n[output.html]\nrepo-url = \" JavaScript:alert(1)\"\nannouncement = \"[Win](vbscript:msgbox)\"\n",
    );
    write(
        dir.path(),
        "content/page.md",
        b"---\ntitle: Page\nnotes:\n  - \"See [this](JavaScript:alert(document.cookie))\"\n---\n# Page\n",
    );
    let output = run(&["check", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for expected in ["error: repo-url is a `javascript:` URL", "--> book.toml:4:"] {
        assert!(err.contains(expected), "lacks {expected:?}:\n{err}");
    }
    // The configuration is fixed: the problems in pages and the banner show up.
    write(
        dir.path(),
        "book.toml",
        b"[book]\ntitle = \"T\"\n[output.html]\nannouncement = \"[Win](vbscript:msgbox)\"\n",
    );
    let output = run(&["check", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for expected in [
        "error: link `vbscript:msgbox` is a `vbscript:` URL",
        "--> book.toml:4:",
        "is a `javascript:` URL",
        "--> content/page.md:4",
    ] {
        assert!(err.contains(expected), "lacks {expected:?}:\n{err}");
    }

    let mkdocs = tempfile::tempdir().unwrap();
    write(
        mkdocs.path(),
        "mkdocs.yml",
        b"site_name: M\nrepo_url: 'data:text/html,<script>alert(1)</script>'\nplugins:\n  - redirects:\n      redirect_maps:\n        old.md: 'javascript:alert(1)'\n        ../outside.md: index.md\n        /rooted.md: index.md\n",
    );
    write(mkdocs.path(), "docs/index.md", b"# Home\n");
    let output = run(&["check", "."], mkdocs.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("bug in Waymark"), "{err}");
    for expected in [
        "error: `repo_url` is a `data:` URL",
        "--> mkdocs.yml:2",
        "error: the redirect from `old.md` is a `javascript:` URL",
        "--> mkdocs.yml:6",
        "error: redirect from `../outside.md` is outside the docs folder",
        "--> mkdocs.yml:7",
        "error: redirect from `/rooted.md` is outside the docs folder",
        "--> mkdocs.yml:8",
    ] {
        assert!(err.contains(expected), "lacks {expected:?}:\n{err}");
    }
}

/// Issue 14, item 11: folders beside the output whose names look like Waymark's staging
/// or retired folders, but which Waymark did not make, are left alone.
#[test]
fn folders_named_like_leftovers_but_not_made_by_waymark_are_kept() {
    let dir = project(&[]);
    write(dir.path(), ".site.old-keep/thesis.txt", b"precious");
    write(dir.path(), ".site.staging-notes/draft.txt", b"draft");
    build_ok(dir.path());
    build_ok(dir.path());
    assert_eq!(
        std::fs::read(dir.path().join(".site.old-keep/thesis.txt")).unwrap(),
        b"precious"
    );
    assert_eq!(
        std::fs::read(dir.path().join(".site.staging-notes/draft.txt")).unwrap(),
        b"draft"
    );
}

/// Issue 14, item 12: an output folder reached from the content folder, by another
/// spelling of its path or through a link, used to be copied into the next site (29, 57,
/// 85 files...).
#[test]
fn the_output_folder_is_never_read_back_as_content() {
    // Through a link.
    let dir = project(&[("content/guide.md", b"# Guide\n")]);
    build_ok(dir.path());
    std::os::unix::fs::symlink("../site", dir.path().join("content/prev")).unwrap();
    let mut counts = Vec::new();
    for _ in 0..3 {
        let output = run(&["build", "."], dir.path());
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{err}");
        assert!(
            err.contains("warning: this is the output folder, or leads into it: skipped"),
            "{err}"
        );
        assert!(err.contains("--> content/prev"), "{err}");
        counts.push(walkdir_count(&dir.path().join("site")));
    }
    assert!(
        counts.windows(2).all(|w| w[0] == w[1]),
        "the site grows: {counts:?}"
    );
    assert!(!dir.path().join("site/prev").exists());

    // Through another spelling of its path, inside the content folder.
    let dir = project(&[("content/x/page.md", b"# Page\n")]);
    let mut counts = Vec::new();
    for _ in 0..3 {
        let output = run(&["build", ".", "--out", "content/x/../site"], dir.path());
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{err}");
        counts.push(walkdir_count(&dir.path().join("content/site")));
    }
    assert!(
        counts.windows(2).all(|w| w[0] == w[1]),
        "the site grows: {counts:?}"
    );
}

fn walkdir_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                walkdir_count(&entry.path())
            } else {
                1
            }
        })
        .sum()
}

/// Issue 14, item 13: content that would silently replace what Waymark generates, names
/// the preview cannot serve, numbers that are not numbers, and configuration files that
/// are not configuration.
#[test]
fn content_that_would_replace_generated_files_or_cannot_be_served_is_an_error() {
    let dir = project(&[
        ("content/_waymark/waymark.js", b"alert('replaced')"),
        ("content/404.html", b"<p>mine</p>"),
        ("content/sitemap.xml", b"<urlset/>"),
        ("content/a\\b.txt", b"backslash"),
        (
            "content/boost.md",
            b"---\ntitle: Boost\nsearch:\n  boost: .nan\n---\n# Boost\n",
        ),
    ]);
    let output = run(&["check", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for expected in [
        "error: the file `_waymark/waymark.js` would replace a file that Waymark writes itself",
        "--> content/_waymark/waymark.js",
        "error: the file `404.html` would replace a file that Waymark writes itself",
        "error: the file `sitemap.xml` would replace a file that Waymark writes itself",
        "error: the file name contains a backslash",
        "--> content/a\\b.txt",
        "error: `search.boost` must be a number of 0 or more, found `NaN`",
        "--> content/boost.md:3",
    ] {
        assert!(err.contains(expected), "lacks {expected:?}:\n{err}");
    }
}

/// Issue 14, item 13: `INHERIT: /proc/self/environ` printed environment variables in the
/// excerpt of its YAML error.
#[test]
fn inherit_never_shows_the_contents_of_files_that_are_not_yaml() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/index.md", b"# Home\n");
    write(dir.path(), "notes.txt", b"key: [unclosed SECRET-IN-NOTES\n");
    for target in ["/proc/self/environ", "notes.txt"] {
        write(
            dir.path(),
            "mkdocs.yml",
            format!("INHERIT: {target}\nsite_name: S\n").as_bytes(),
        );
        let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["check", "."])
            .current_dir(dir.path())
            .env("WAYMARK_TEST_TOKEN", "SECRET-IN-ENVIRONMENT")
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("`INHERIT` names `{target}`, which cannot be read")),
            "{err}"
        );
        assert!(!err.contains("SECRET-IN"), "{err}");
    }
}

/// Seconds one `waymark check` of `dir` takes, and its stderr.
fn check_seconds(dir: &Path) -> (f64, String) {
    let started = Instant::now();
    let output = run(&["check", "."], dir);
    let seconds = started.elapsed().as_secs_f64();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (seconds, err)
}

/// Checks that a page made of `n` and then `4 * n` repeats takes about four times as long,
/// not sixteen (a generous bound of 8 absorbs a noisy machine); `expect` must appear in
/// the output of both, so the test cannot pass by not doing the work. The two are run
/// in turn three times and the fastest run of each counts, so that a busy moment of the
/// machine does not decide.
fn assert_scales_linearly(what: &str, repeat: impl Fn(usize) -> String, n: usize, expect: &str) {
    let small_project = project(&[("content/page.md", repeat(n).as_bytes())]);
    let large_project = project(&[("content/page.md", repeat(4 * n).as_bytes())]);
    let (mut small, mut large) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let (seconds, err) = check_seconds(small_project.path());
        assert!(err.contains(expect), "{err}");
        small = small.min(seconds);
        let (seconds, err) = check_seconds(large_project.path());
        assert!(err.contains(expect), "{err}");
        large = large.min(seconds);
    }
    let ratio = large / small;
    eprintln!(
        "{what}: {n} in {small:.3} s, {} in {large:.3} s, ratio {ratio:.1}",
        4 * n
    );
    assert!(
        ratio < 8.0,
        "{what}: {n} took {small:.3} s but {} took {large:.3} s (x{ratio:.1}): quadratic?",
        4 * n
    );
}

/// Issue 14, item 5: each copy of a heading used to try every earlier suffix.
#[test]
fn duplicate_heading_ids_cost_linear_time() {
    assert_scales_linearly(
        "identical headings",
        |n| "## A\n\n".repeat(n) + "[last](#a_" + &(n - 1).to_string() + ")\n",
        5_000,
        "checked 2 pages with 0 warnings",
    );
}

/// Issue 14, item 6: each rendering warning used to be located from the start of the page.
#[test]
fn locating_many_warnings_costs_linear_time() {
    assert_scales_linearly(
        "lists starting at 2",
        |n| "Text.\n\n2. two\n\n".repeat(n),
        5_000,
        "this ordered list starts at 2",
    );
}

/// Pages whose structure nests 10,000 deep. The build runs with the main thread's stack
/// limited to 2 MiB, the size of rayon's worker threads (which render the pages), so that
/// recursion anywhere in Waymark's own passes would overflow one of them.
#[test]
fn nesting_10000_deep_builds_without_overflowing_any_stack() {
    let deep = 10_000;
    let pages: Vec<(&str, String, &str, usize)> = vec![
        (
            "quotes",
            format!("{} deep\n", ">".repeat(deep)),
            "<blockquote>",
            deep,
        ),
        (
            "bullets",
            format!("{}deep\n", "- ".repeat(deep)),
            "<ul>",
            deep,
        ),
        (
            "numbers",
            format!("{}deep\n", "1. ".repeat(deep)),
            "<ol>",
            deep,
        ),
        (
            "mixed",
            format!("{}deep\n", "> - ".repeat(deep / 2)),
            "<blockquote>",
            deep / 2,
        ),
        (
            "emphasis",
            format!("{}x{}\n", "*a ".repeat(deep), " a*".repeat(deep)),
            "<em>",
            deep,
        ),
        (
            "images",
            format!("{}x{}\n", "![".repeat(deep), "](index.md)".repeat(deep)),
            "<img",
            1,
        ),
        (
            "divs",
            format!(
                "{}x\n\n{}",
                "<div>\n\n".repeat(deep),
                "</div>\n\n".repeat(deep)
            ),
            "<div>",
            deep,
        ),
    ];
    let files: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|(name, text, _, _)| (format!("content/{name}.md"), text.clone().into_bytes()))
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let dir = project(&files);
    let output = finish(
        Command::new("sh")
            .args(["-c", "ulimit -s 2048 && exec \"$0\" build --quiet ."])
            .arg(env!("CARGO_BIN_EXE_waymark"))
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("overflow"), "{err}");
    for (name, _, element, at_least) in &pages {
        let page = html(dir.path(), &format!("{name}/index.html"));
        assert!(
            page.matches(element).count() >= *at_least,
            "{name}: fewer than {at_least} {element}"
        );
        assert!(page.trim_end().ends_with("</html>"), "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// Invalid pages: a diagnostic at file:line, exit 1, the previous site untouched.

#[test]
fn an_unclosed_front_matter_fence_fails_at_its_line() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| write(root, "content/open.md", b"---\ntitle: Open\n\n# Body\n"),
        1,
        &[
            "error: front-matter block is never closed",
            "--> content/open.md:1:1",
        ],
    );
}

#[test]
fn invalid_utf8_fails_at_its_line_and_column() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| write(root, "content/latin1.md", b"# Caf\xe9\n\nline two \xff\n"),
        1,
        &[
            "error: page is not valid UTF-8 text",
            "--> content/latin1.md:1:6",
        ],
    );
}

#[test]
fn a_nul_byte_fails_at_its_line_and_column() {
    let dir = project(&[]);
    let err = fails_keeping_the_previous_site(
        dir.path(),
        |root| write(root, "content/binary.md", b"# Title\n\nab\0cd\n"),
        1,
        &[
            "error: page contains a NUL character",
            "--> content/binary.md:3:3",
        ],
    );
    assert!(!err.contains('\0'), "the NUL itself is not printed");
}

#[test]
fn blocks_nested_deeper_than_the_limit_are_an_error_not_a_crash() {
    let admonitions: String = (0..100)
        .map(|i| format!("{}!!! note\n", "    ".repeat(i)))
        .collect::<String>()
        + &"    ".repeat(100)
        + "deep\n";
    let tabs: String = (0..100)
        .map(|i| format!("{}=== \"Tab {i}\"\n", "    ".repeat(i)))
        .collect::<String>()
        + &"    ".repeat(100)
        + "deep\n";
    let elements = "<div markdown>\n\n".repeat(10_000) + "x\n\n" + &"</div>\n\n".repeat(10_000);
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            write(root, "content/admonitions.md", admonitions.as_bytes());
            write(root, "content/tabs.md", tabs.as_bytes());
            write(root, "content/elements.md", elements.as_bytes());
        },
        1,
        &[
            "error: blocks nested more than 20 deep",
            "--> content/admonitions.md:21:81",
            "--> content/tabs.md:21:81",
            "--> content/elements.md:41:1",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Snippets.

#[test]
fn snippets_outside_the_base_folders_are_refused() {
    let secrets = tempfile::tempdir().unwrap();
    let secret = secrets.path().join("secret.md");
    std::fs::write(&secret, "TOP SECRET\n").unwrap();
    let absolute = format!(
        "# Page\n\n--8<-- \"{}\"\n\n--8<-- \"../../../../../../../../etc/passwd\"\n\n--8<-- \"snippets/link.md\"\n\n```text\n--8<-- \"/etc/passwd\"\n```\n",
        secret.display()
    );
    let dir = project(&[("snippets/fine.md", b"Fine.\n")]);
    let err = fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            std::os::unix::fs::symlink(&secret, root.join("snippets/link.md")).unwrap();
            write(root, "content/leak.md", absolute.as_bytes());
        },
        1,
        &[
            &format!(
                "snippet `{}` is outside the snippet base folder",
                secret.display()
            ),
            "--> content/leak.md:3:1",
            "snippet `../../../../../../../../etc/passwd` is outside the snippet base folder",
            "--> content/leak.md:5:1",
            "snippet `snippets/link.md` is outside the snippet base folder",
            "--> content/leak.md:7:1",
            "snippet `/etc/passwd` is outside the snippet base folder",
            "--> content/leak.md:10:1",
        ],
    );
    assert!(!err.contains("TOP SECRET") && !err.contains("root:"));
}

#[test]
fn a_snippet_with_a_nul_byte_fails_at_the_including_line() {
    let dir = project(&[("snippets/binary.txt", b"ab\0cd\n")]);
    let err = fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            write(
                root,
                "content/page.md",
                b"# Page\n\n--8<-- \"snippets/binary.txt\"\n",
            )
        },
        1,
        &[
            "error: snippet `snippets/binary.txt` contains a NUL character",
            "--> content/page.md:3:1",
        ],
    );
    assert!(!err.contains('\0'), "the NUL itself is not printed");
}

#[test]
fn a_snippet_chain_deeper_than_the_limit_is_an_error() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            for i in 0..100 {
                let text = format!("Level {i}.\n--8<-- \"s/{}.md\"\n", i + 1);
                write(root, &format!("s/{i}.md"), text.as_bytes());
            }
            write(root, "s/100.md", b"The end.\n");
            write(root, "content/chain.md", b"# Chain\n\n--8<-- \"s/0.md\"\n");
        },
        1,
        &[
            "error: snippets nested more than 32 deep: s/0.md includes s/32.md through 31 more files",
            "--> s/31.md:2:1",
            "(included by content/chain.md:3)",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The content folder.

#[test]
fn a_symlink_loop_in_the_content_folder_is_an_error() {
    let dir = project(&[("content/sub/page.md", b"# Page\n")]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| std::os::unix::fs::symlink("..", root.join("content/sub/up")).unwrap(),
        1,
        &[
            "error: symbolic link loop: this folder links back to one of its parents",
            "--> content/sub/up",
        ],
    );
}

/// Issue 14, item 1: links that lead out of the project (a private key, the password
/// file, the builder's environment with its CI token, a whole folder) are never read.
#[test]
fn symlinks_leading_outside_the_project_are_refused_and_nothing_is_published() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", b"OUTSIDE-SECRET\n");
    write(outside.path(), "keys/id_ed25519", b"OUTSIDE-KEY\n");
    write(outside.path(), "page.md", b"# Outside\n\nOUTSIDE-PAGE\n");
    let dir = project(&[("content/inside.md", b"# Inside\n\nA page.\n")]);
    let err = fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            let link = |target: &Path, name: &str| {
                std::os::unix::fs::symlink(target, root.join("content").join(name)).unwrap()
            };
            link(&outside.path().join("secret.txt"), "secret.txt");
            link(&outside.path().join("keys"), "keys");
            link(&outside.path().join("page.md"), "page.md");
            link(Path::new("/proc/self/environ"), "env.txt");
            // A link inside the project that leads to a link leading out.
            std::os::unix::fs::symlink(outside.path(), root.join("escape")).unwrap();
            link(&root.join("escape/secret.txt"), "relay.txt");
        },
        1,
        &[
            "error: symbolic link leads outside the project",
            "--> content/secret.txt",
            "--> content/keys",
            "--> content/page.md",
            "--> content/env.txt",
            "--> content/relay.txt",
            "allow-outside",
        ],
    );
    let real = outside.path().canonicalize().unwrap();
    assert!(
        err.contains(&format!("`{}`", real.join("secret.txt").display())),
        "the error names the target:\n{err}"
    );
    assert!(!err.contains("OUTSIDE-"), "{err}");
}

/// Links inside the project keep working, and a folder outside it can be allowed
/// explicitly; a dangling link is a clean error.
#[test]
fn symlinks_inside_the_project_or_to_allowed_folders_are_followed() {
    let shared = tempfile::tempdir().unwrap();
    write(shared.path(), "common.md", b"# Common\n\nSHARED-TEXT\n");
    let dir = project(&[
        ("pages/kept.md", b"# Kept\n\nKEPT-TEXT\n"),
        ("content/guide/real.md", b"# Real\n"),
    ]);
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join("content").join(name)).unwrap()
    };
    link(&dir.path().join("pages/kept.md"), "kept.md");
    link(Path::new("guide"), "alias");
    link(shared.path(), "shared");
    let book = dir.path().join("book.toml");
    let mut config = std::fs::read_to_string(&book).unwrap();
    config.push_str(&format!(
        "[build]\nallow-outside = [\"{}\"]\n",
        shared.path().display()
    ));
    std::fs::write(&book, config).unwrap();
    build_ok(dir.path());
    assert!(html(dir.path(), "kept/index.html").contains("KEPT-TEXT"));
    assert!(html(dir.path(), "alias/real/index.html").contains("Real"));
    assert!(html(dir.path(), "shared/common/index.html").contains("SHARED-TEXT"));

    fails_keeping_the_previous_site(
        dir.path(),
        |root| std::os::unix::fs::symlink("gone.md", root.join("content/dangling.md")).unwrap(),
        1,
        &[
            "error: cannot read: the symbolic link leads to `gone.md`, which does not exist",
            "--> content/dangling.md",
        ],
    );
}

/// An unreadable page. `chmod 000` stops everyone but root, and CI runs as root: there
/// the page is a symlink to nothing, which root cannot read either.
#[test]
fn an_unreadable_page_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            let page = root.join("content/locked.md");
            std::fs::write(&page, "# Locked\n").unwrap();
            std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o000)).unwrap();
            if std::fs::read(&page).is_ok() {
                // Running as root: chmod does not stop reading.
                std::fs::remove_file(&page).unwrap();
                std::os::unix::fs::symlink("nowhere.md", &page).unwrap();
            }
        },
        1,
        &["error: cannot read", "--> content/locked.md"],
    );
}

/// A named pipe called `x.md` would block a reader forever: it is not a page, and the
/// build does not wait on it.
#[test]
fn a_named_pipe_named_like_a_page_does_not_hang_the_build() {
    let dir = project(&[]);
    let fifo = std::ffi::CString::new(
        dir.path()
            .join("content/pipe.md")
            .into_os_string()
            .into_encoded_bytes(),
    )
    .unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    build_ok(dir.path());
    assert!(!dir.path().join("site/pipe").exists());
}

#[test]
fn a_file_where_the_content_folder_should_be_is_an_error() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            std::fs::remove_dir_all(root.join("content")).unwrap();
            std::fs::write(root.join("content"), "not a folder").unwrap();
        },
        1,
        &[
            "error: content folder `content` is not a folder",
            "--> book.toml",
        ],
    );
}

#[test]
fn a_file_where_the_theme_folder_should_be_is_an_error() {
    let dir = project(&[]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| {
            std::fs::write(root.join("theme"), "not a folder").unwrap();
            write(
                root,
                "book.toml",
                b"[book]\ntitle = \"Hostile\"\n[output.html]\nsite-url = \"https://docs.example.org/\"\ntheme = \"theme\"\n",
            );
        },
        1,
        &["theme folder", "theme` is not a folder", "--> book.toml"],
    );
}

#[test]
fn two_files_for_one_url_are_an_error_naming_both() {
    let dir = project(&[("content/a.md", b"# A\n")]);
    fails_keeping_the_previous_site(
        dir.path(),
        |root| write(root, "content/a/index.md", b"# Also A\n"),
        1,
        &[
            "error: content/a.md and content/a/index.md would both be written to `a/index.html`",
            "--> content/a/index.md",
        ],
    );
}

/// File and folder names with spaces, Unicode and the characters URLs reserve (`#`, `?`,
/// `%`): every link between them is percent-encoded, checked, and leads to the page.
#[test]
fn names_with_spaces_unicode_and_url_characters_link_to_each_other() {
    let dir = project(&[
        (
            "content/index.md",
            "# Home\n\n- [spaces](with%20spaces.md)\n- [spaces, raw](<with spaces.md>)\n- [hash](c%23sharp.md#part-two)\n- [question](why%3F.md)\n- [percent](100%25.md)\n- [unicode](<café dir/naïve.md>)\n- [unicode, encoded](caf%C3%A9%20dir/na%C3%AFve.md)\n".as_bytes(),
        ),
        ("content/with spaces.md", b"# With spaces\n\n[Home](index.md)\n"),
        (
            "content/c#sharp.md",
            b"# C sharp\n\n## Part two\n\n[question](why%3F.md)\n",
        ),
        ("content/why?.md", b"# Why\n\n[percent](100%25.md)\n"),
        ("content/100%.md", "# Hundred\n\n[naïve](<café dir/naïve.md>)\n".as_bytes()),
        (
            "content/café dir/naïve.md",
            b"# Naive\n\n[home](../index.md) and [spaces](../with%20spaces.md)\n",
        ),
    ]);
    build_ok(dir.path());
    let site = dir.path().join("site");
    for page in [
        "with spaces/index.html",
        "c#sharp/index.html",
        "why?/index.html",
        "100%/index.html",
        "café dir/naïve/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page}");
    }
    let home = page(dir.path(), "index.html");
    let links: Vec<String> = attrs(&home, "main li a", "href")
        .into_iter()
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(
        links[..7],
        [
            "with%20spaces/",
            "with%20spaces/",
            "c%23sharp/#part-two",
            "why%3F/",
            "100%25/",
            "caf%C3%A9%20dir/na%C3%AFve/",
            "caf%C3%A9%20dir/na%C3%AFve/",
        ]
    );
    // Every link of every page leads to a page that exists.
    for from in [
        "index.html",
        "c#sharp/index.html",
        "why?/index.html",
        "100%/index.html",
        "café dir/naïve/index.html",
    ] {
        let html = std::fs::read_to_string(site.join(from)).unwrap();
        let parsed = scraper::Html::parse_document(&html);
        let base = Path::new(from).parent().unwrap();
        for href in attrs(&parsed, "main a", "href") {
            if href.starts_with('#') || href.contains("://") {
                continue;
            }
            let path = href.split('#').next().unwrap();
            let decoded = waymark::model::urls::decode_path(path);
            let target: PathBuf = site.join(base).join(&decoded).join("index.html");
            assert!(
                target.is_file(),
                "{from}: {href} leads to {}",
                target.display()
            );
        }
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    for loc in [
        "https://docs.example.org/with%20spaces/",
        "https://docs.example.org/c%23sharp/",
        "https://docs.example.org/why%3F/",
        "https://docs.example.org/100%25/",
        "https://docs.example.org/caf%C3%A9%20dir/na%C3%AFve/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{sitemap}");
    }
}

// ---------------------------------------------------------------------------------------
// The output.

#[test]
fn an_output_path_that_is_a_file_is_refused_and_kept() {
    let dir = project(&[]);
    std::fs::write(dir.path().join("site"), "my notes").unwrap();
    let output = run(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("error: the output path"), "{err}");
    assert!(err.contains("site` is a file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site")).unwrap(),
        "my notes"
    );
}

// ---------------------------------------------------------------------------------------
// Interrupted builds: SIGINT and SIGTERM while the new site is being written, and SIGKILL.

/// A project whose build spends most of its time writing: one page and `megabytes`
/// static files of 1 MiB (hard links of one file, so that making them is cheap).
fn heavy_project(megabytes: usize) -> tempfile::TempDir {
    let dir = project(&[("content/guide.md", b"# Guide\n\nSome text.\n")]);
    let blob: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let original = dir.path().join("blob.bin");
    std::fs::write(&original, blob).unwrap();
    std::fs::create_dir_all(dir.path().join("content/files")).unwrap();
    for i in 0..megabytes {
        std::fs::hard_link(
            &original,
            dir.path().join(format!("content/files/f{i}.bin")),
        )
        .unwrap();
    }
    dir
}

/// Every file under `dir` with its length and a hash of its bytes.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, u64)> {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<(PathBuf, u64, u64)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                bytes.len() as u64,
                hasher.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

fn staging_exists(dir: &Path) -> bool {
    leftovers(dir)
        .iter()
        .any(|n| n.starts_with(".site.staging-"))
}

/// Starts a build of `dir` and sends it `signal` as soon as its staging folder appears.
/// `None` when the build finished before that.
fn interrupt_mid_write(dir: &Path, signal: i32) -> Option<Output> {
    let mut child = spawn(&["build", "--quiet", "."], dir);
    let started = Instant::now();
    loop {
        if staging_exists(dir) {
            // SAFETY: sending a signal to our own child process.
            assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
            return Some(finish(child));
        }
        if child.try_wait().unwrap().is_some() {
            let _ = finish(child);
            return None;
        }
        assert!(started.elapsed() < HANG, "no staging folder appeared");
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Interrupts a build with `signal` while it writes and checks that the previous site is
/// intact byte for byte, and that the next build succeeds and leaves nothing behind. A
/// build that finishes before the signal lands is retried with twice as much to write.
fn an_interrupted_build_keeps_the_previous_site(signal: i32) {
    use std::os::unix::process::ExitStatusExt;
    let mut megabytes = 48;
    for _attempt in 0..5 {
        let dir = heavy_project(megabytes);
        build_ok(dir.path());
        let site = dir.path().join("site");
        let before = fingerprint(&site);
        write(
            dir.path(),
            "content/index.md",
            b"# Home\n\nThe new version.\n",
        );
        let Some(output) = interrupt_mid_write(dir.path(), signal) else {
            megabytes *= 2;
            continue;
        };
        let err = stderr(&output);
        let after = fingerprint(&site);
        if signal == libc::SIGKILL {
            assert_eq!(output.status.signal(), Some(libc::SIGKILL), "{err}");
            if after != before {
                // Killed after the swap: the new site must be the whole new site.
                assert!(html(dir.path(), "index.html").contains("The new version."));
                megabytes *= 2;
                continue;
            }
            assert!(staging_exists(dir.path()), "it was killed mid-write");
        } else {
            assert!(!err.contains("panicked"), "{err}");
            if err.contains("had already been written") {
                megabytes *= 2;
                continue;
            }
            let name = if signal == libc::SIGINT {
                "SIGINT"
            } else {
                "SIGTERM"
            };
            assert_eq!(output.status.code(), Some(128 + signal), "{err}");
            assert!(
                err.contains(&format!("interrupted by {name}: the build was stopped and its staging folder removed; the previous output was left unchanged")),
                "{err}"
            );
            assert_eq!(
                leftovers(dir.path()),
                Vec::<String>::new(),
                "staging removed"
            );
        }
        assert!(after == before, "the previous site changed");
        build_ok(dir.path());
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        assert!(html(dir.path(), "index.html").contains("The new version."));
        assert_eq!(fingerprint(&site).len(), before.len());
        return;
    }
    panic!("every build finished before the signal reached it");
}

#[test]
fn sigint_mid_write_leaves_the_previous_site_intact() {
    an_interrupted_build_keeps_the_previous_site(libc::SIGINT);
}

#[test]
fn sigterm_mid_write_leaves_the_previous_site_intact() {
    an_interrupted_build_keeps_the_previous_site(libc::SIGTERM);
}

#[test]
fn sigkill_mid_write_leaves_the_previous_site_intact() {
    an_interrupted_build_keeps_the_previous_site(libc::SIGKILL);
}

/// Callouts nested thousands deep (pymdownx.quotes' `> > [!note]`, markdown-callouts'
/// `> > NOTE:`) stop at the nesting limit with an error, as other boxes do, instead of
/// overflowing the stack.
#[test]
fn callouts_nested_thousands_deep_stop_at_the_limit() {
    let project = tempfile::tempdir().unwrap();
    let docs = project.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        project.path().join("mkdocs.yml"),
        "site_name: N\nmarkdown_extensions:\n  - callouts\n  - pymdownx.quotes:\n      callouts: true\n",
    )
    .unwrap();
    let nested = |line: &str| -> String {
        (1..3000)
            .map(|depth| format!("{}{line}\n", "> ".repeat(depth)))
            .collect()
    };
    std::fs::write(
        docs.join("index.md"),
        format!("# N\n\n{}", nested("[!note]")),
    )
    .unwrap();
    std::fs::write(docs.join("b.md"), format!("# B\n\n{}", nested("NOTE: x"))).unwrap();
    let config = waymark::load_config(project.path()).unwrap();
    let failure = match waymark::build_with(config, None, &()) {
        Ok(_) => panic!("the nesting limit is an error"),
        Err(failure) => failure.diagnostics().render(),
    };
    assert!(failure.contains("blocks nested more than"), "{failure}");
    assert!(failure.contains("docs/index.md"), "{failure}");
}
