//! Browser tests (issues 3 and 8): the built sites in headless Chromium.
//!
//! Builds the bundled guide and the fixtures `tutorial`, `basic` and `browser` through the
//! library into a temporary folder, then runs `tests/browser/run.mjs`, which serves each
//! site on a free 127.0.0.1 port and drives Debian's Chromium (`/usr/bin/chromium`, or
//! `WAYMARK_CHROMIUM`) with playwright-core: axe-core in light and dark at 1280 and 375 px,
//! keyboard use, phone width, no JavaScript, print, no requests to other hosts, the
//! tutorial path walk of issue 3, the MkDocs dialect's content tabs, collapsible blocks and
//! mermaid diagrams, screenshots (`tests/browser/screenshots/`), and the Nu
//! HTML Checker over every page of every site. See `tests/browser/README.md`. The search
//! box is tested on its own fixtures (`search`, `search-fi`) under `waymark serve`, the
//! version selector on `versions` (`tests/browser/versions.mjs`).
//!
//! Without Chromium, Node.js or `tests/browser/node_modules` (`cd tests/browser && npm
//! ci`) the test is skipped with a loud message; with `WAYMARK_REQUIRE_BROWSER=1` (as in
//! CI) it fails instead. The same holds for Java, which only the HTML check needs.
//! `WAYMARK_UPDATE_SCREENSHOT=1` also rewrites `docs/screenshot.png` for the README.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The whole run normally takes one to two minutes; a hung browser must not hang CI.
const TIMEOUT: Duration = Duration::from_secs(600);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn required() -> bool {
    std::env::var("WAYMARK_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Writes straight to the process's stderr: `eprintln!` would be captured by the test
/// harness, and a skipped browser run must be seen.
fn banner(lines: &[&str]) {
    let rule = "!".repeat(78);
    let mut text = format!("\n{rule}\n");
    for line in lines {
        text.push_str(&format!("!! {line}\n"));
    }
    text.push_str(&format!("{rule}\n\n"));
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Skips the browser tests loudly, or fails when `WAYMARK_REQUIRE_BROWSER=1`.
fn skip(reason: &str, fix: &str) {
    if required() {
        panic!("WAYMARK_REQUIRE_BROWSER=1, but {reason}. {fix}");
    }
    banner(&[
        "BROWSER TESTS SKIPPED",
        reason,
        fix,
        "Set WAYMARK_REQUIRE_BROWSER=1 to make this a failure.",
    ]);
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn build_into(project: &Path, out: &Path) {
    if let Err(failure) = waymark::build(project, Some(out), &()) {
        panic!(
            "building {} failed:\n{}",
            project.display(),
            failure.diagnostics().render()
        );
    }
}

/// Runs `command` to completion (or kills it after `TIMEOUT`), returning its status and output.
fn run_with_timeout(mut command: Command) -> (Option<std::process::ExitStatus>, String, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = reader(Box::new(child.stdout.take().unwrap()));
    let stderr = reader(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (
        status,
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    )
}

/// Whether the browser harness can run; otherwise skips (or fails when required).
fn browser_available(harness: &Path) -> bool {
    let chromium = std::env::var("WAYMARK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        skip(
            &format!("Chromium is not installed at {chromium}"),
            "Install it with `apt-get install -y chromium` (or set WAYMARK_CHROMIUM).",
        );
        return false;
    }
    if !runs("node", "--version") {
        skip(
            "Node.js (`node`) is not installed",
            "Install Node.js 20 or newer.",
        );
        return false;
    }
    if !harness.join("node_modules/playwright-core").is_dir()
        || !harness.join("node_modules/axe-core").is_dir()
    {
        skip(
            "the test harness's npm packages are not installed",
            "Run `cd tests/browser && npm ci`.",
        );
        return false;
    }
    true
}

#[test]
fn open_pages_reload_by_themselves_under_serve() {
    let harness = repo().join("tests/browser");
    if !browser_available(&harness) {
        return;
    }
    let project = common::fixture("basic");
    let options = waymark::serve::ServeOptions::local(project.path());
    let server =
        waymark::serve::start(options).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let mut command = Command::new("node");
    command
        .arg(harness.join("reload.mjs"))
        .arg(format!("http://{}/faq/", server.addr))
        .arg(project.path().join("content/faq.md"))
        .current_dir(&harness);
    let (status, stdout, stderr) = run_with_timeout(command);
    server.stop();
    println!("{stdout}\n{stderr}");
    assert!(
        status.is_some_and(|s| s.success()),
        "live reload failed:\n{stdout}\n{stderr}"
    );
}

#[test]
fn search_answers_as_you_type() {
    let harness = repo().join("tests/browser");
    if !browser_available(&harness) {
        return;
    }
    // Served by `waymark serve`, which indexes in the background after each build.
    let projects = [common::fixture("search"), common::fixture("search-fi")];
    let servers: Vec<_> = projects
        .iter()
        .map(|project| {
            let options = waymark::serve::ServeOptions::local(project.path());
            waymark::serve::start(options)
                .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()))
        })
        .collect();
    let mut command = Command::new("node");
    command
        .arg(harness.join("search.mjs"))
        .current_dir(&harness);
    for server in &servers {
        command.arg(format!("http://{}/", server.addr));
    }
    let (status, stdout, stderr) = run_with_timeout(command);
    for server in servers {
        server.stop();
    }
    println!("{stdout}\n{stderr}");
    assert!(
        status.is_some_and(|s| s.success()),
        "search in the browser failed:\n{stdout}\n{stderr}"
    );
}

#[test]
fn a_site_opened_from_disk_follows_its_links() {
    let harness = repo().join("tests/browser");
    if !browser_available(&harness) {
        return;
    }
    let project = common::fixture("basic");
    build_into(project.path(), &project.path().join("site"));
    let mut command = Command::new("node");
    command
        .arg(harness.join("file-links.mjs"))
        .arg(project.path().join("site"))
        .current_dir(&harness);
    let (status, stdout, stderr) = run_with_timeout(command);
    assert!(
        status.is_some_and(|s| s.success()),
        "opened from disk:\n{stdout}\n{stderr}"
    );
}

/// The version selector of a site deployed with mike (`extra.version`), served as two
/// versions beside a `versions.json`.
#[test]
fn the_version_selector_leads_between_versions() {
    let harness = repo().join("tests/browser");
    if !browser_available(&harness) {
        return;
    }
    let project = common::fixture("versions");
    let site = project.path().join("site");
    build_into(project.path(), &site);
    let mut command = Command::new("node");
    command
        .arg(harness.join("versions.mjs"))
        .arg(&site)
        .current_dir(&harness);
    let (status, stdout, stderr) = run_with_timeout(command);
    assert!(
        status.is_some_and(|s| s.success()),
        "version selector:\n{stdout}\n{stderr}"
    );
}

#[test]
fn the_theme_works_in_a_real_browser() {
    let harness = repo().join("tests/browser");
    if !browser_available(&harness) {
        return;
    }
    let vnu = harness.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java = runs("java", "-version") && vnu.is_file();
    if !java {
        let reason = "Java or vnu.jar is missing, so the HTML validity check cannot run";
        if required() {
            panic!("WAYMARK_REQUIRE_BROWSER=1, but {reason}. Install a Java runtime (`apt-get install -y default-jre-headless`) and run `npm ci` in tests/browser.");
        }
        banner(&["HTML VALIDITY CHECK (Nu HTML Checker) SKIPPED", reason]);
    }

    // The sites: the bundled guide and four fixtures, each built into its own folder.
    let work = tempfile::tempdir().expect("temporary folder");
    let mut sites: Vec<(String, PathBuf)> = Vec::new();
    let guide = work.path().join("guide");
    build_into(repo(), &guide);
    sites.push(("guide".into(), guide));
    let mut fixtures = Vec::new();
    for name in ["tutorial", "basic", "browser", "nav"] {
        let project = common::fixture(name);
        let out = work.path().join(name);
        build_into(project.path(), &out);
        sites.push((name.into(), out));
        fixtures.push(project);
    }

    let mut command = Command::new("node");
    command.arg(harness.join("run.mjs")).current_dir(&harness);
    if java {
        // The bundled guide must validate (issue 8); the fixtures are checked too, since
        // they exercise markup the guide does not use.
        for (name, _) in &sites {
            command.args(["--vnu", name]);
        }
    }
    if std::env::var("WAYMARK_UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(repo().join("docs")).unwrap();
        command
            .arg("--readme-screenshot")
            .arg(repo().join("docs/screenshot.png"));
    }
    for (name, dir) in &sites {
        command.arg(format!("{name}={}", dir.display()));
    }
    let (status, stdout, stderr) = run_with_timeout(command);
    println!("{stdout}");
    if !stderr.is_empty() {
        println!("--- stderr of run.mjs ---\n{stderr}");
    }
    let summary = stdout
        .lines()
        .filter(|line| line.starts_with("FAIL ") || line.starts_with("browser tests:"))
        .collect::<Vec<_>>()
        .join("\n");
    match status {
        None => panic!("the browser tests did not finish within {TIMEOUT:?}\n{summary}"),
        Some(status) => assert!(
            status.success(),
            "the browser tests failed ({status}):\n{summary}\n(full output above)"
        ),
    }
}
