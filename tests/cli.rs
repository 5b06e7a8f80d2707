//! The real binary: exit codes, diagnostics on stderr, atomic output and safety refusals.

mod common;
use common::*;

#[test]
fn a_good_build_exits_zero_with_a_summary() {
    let dir = fixture("basic");
    let output = waymark(&["build", "."], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("built 6 pages with 0 warnings in "),
        "{summary}"
    );
    assert!(dir.path().join("site/index.html").is_file());
}

#[test]
fn quiet_prints_nothing_on_success() {
    let dir = fixture("basic");
    let output = waymark(&["build", "--quiet"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn every_problem_of_a_broken_site_is_reported_sorted_with_locations() {
    let dir = fixture("broken");
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));
    assert!(
        !dir.path().join("site").exists(),
        "a failed first build writes nothing"
    );
}

#[test]
fn check_validates_without_writing() {
    let dir = fixture("broken");
    let output = waymark(&["check", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("broken link `nowhere.md`"));
    let good = fixture("basic");
    let output = waymark(&["check"], good.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("checked 6 pages"));
    assert!(!good.path().join("site").exists());
}

/// Hidden folders a build left beside its output (its lock file and the previous site,
/// kept for the next build to write over, aside).
fn staging_leftovers(project: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(project)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && !n.ends_with(".waymark-lock"))
        .filter(|n| !n.ends_with(".previous"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = fixture("basic");
    assert_eq!(waymark(&["build", "-q"], dir.path()).status.code(), Some(0));
    let before = snapshot_tree(&dir.path().join("site"));
    std::fs::write(
        dir.path().join("content/faq.md"),
        "# FAQ\n\nSee [gone](gone.md).\n",
    )
    .unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the previous output was left unchanged"));
    assert_eq!(snapshot_tree(&dir.path().join("site")), before);
    let leftovers = staging_leftovers(dir.path());
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn a_rebuild_writes_over_the_kept_site_and_equals_a_fresh_build() {
    let dir = fixture("basic");
    std::fs::create_dir_all(dir.path().join("content/files")).unwrap();
    std::fs::write(dir.path().join("content/files/notes.txt"), "notes").unwrap();
    for _ in 0..2 {
        assert_eq!(waymark(&["build", "-q"], dir.path()).status.code(), Some(0));
    }
    assert!(dir.path().join(".site.previous").is_dir());
    // The third build writes over the first's site: a page and a file are gone, a page
    // is new.
    std::fs::remove_file(dir.path().join("content/faq.md")).unwrap();
    std::fs::remove_dir_all(dir.path().join("content/files")).unwrap();
    std::fs::write(dir.path().join("content/new.md"), "# New\n\nA new page.\n").unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let fresh = dir.path().join("fresh");
    let output = waymark(&["build", "-q", "--out", "fresh"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let site = snapshot_tree(&dir.path().join("site"));
    assert!(!site
        .iter()
        .any(|(path, _)| path.starts_with("faq") || path.starts_with("files")));
    assert_eq!(site, snapshot_tree(&fresh));
}

/// Gives the project a theme folder with the template `name`.
fn with_theme_template(project: &std::path::Path, name: &str, text: &str) {
    std::fs::create_dir_all(project.join("theme/templates")).unwrap();
    std::fs::write(project.join("theme/templates").join(name), text).unwrap();
    let config = std::fs::read_to_string(project.join("book.toml")).unwrap();
    std::fs::write(
        project.join("book.toml"),
        config.replace("[output.html]", "[output.html]\ntheme = \"theme\""),
    )
    .unwrap();
}

#[test]
fn a_broken_template_fails_cleanly() {
    let dir = fixture("basic");
    assert_eq!(waymark(&["build", "-q"], dir.path()).status.code(), Some(0));
    let before = snapshot_tree(&dir.path().join("site"));
    with_theme_template(dir.path(), "page.html", "{{ page.title | nosuchfilter }}");
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("nosuchfilter"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot_tree(&dir.path().join("site")), before);
}

#[test]
fn every_template_that_does_not_parse_is_reported_at_its_file() {
    let dir = fixture("basic");
    with_theme_template(dir.path(), "page.html", "{% if page.title %}unclosed");
    std::fs::write(dir.path().join("theme/templates/404.html"), "{{ broken").unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    for (template, at) in [("page.html", ":1:28"), ("404.html", ":1:10")] {
        let said = format!("error: template `{template}` cannot be parsed: expected");
        assert!(stderr.contains(&said), "{said} not said:\n{stderr}");
        let place = format!("theme/templates/{template}{at}");
        assert!(stderr.contains(&place), "{place} not named:\n{stderr}");
    }
    assert!(!stderr.contains("has no"), "{stderr}");
}

#[test]
fn a_page_failing_its_template_after_others_were_written_leaves_nothing_behind() {
    let dir = fixture("basic");
    assert_eq!(waymark(&["build", "-q"], dir.path()).status.code(), Some(0));
    let before = snapshot_tree(&dir.path().join("site"));
    // Fails only when the page is rendered, while the other pages stream into the
    // staging folder.
    with_theme_template(dir.path(), "broken.html", "{{ page.meta.missing.key }}");
    std::fs::write(
        dir.path().join("content/faq.md"),
        "---\ntemplate: broken.html\n---\n# FAQ\n",
    )
    .unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("faq.md"), "{}", stderr(&output));
    assert_eq!(snapshot_tree(&dir.path().join("site")), before);
    let leftovers = staging_leftovers(dir.path());
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let dir = fixture("basic");
    for out in [".", "content", "..", "/"] {
        let output = waymark(&["build", ".", "--out", out], dir.path());
        assert_eq!(output.status.code(), Some(2), "--out {out}");
        assert!(stderr(&output).contains("refusing"), "{}", stderr(&output));
    }
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    std::fs::write(dir.path().join("notes/keep.txt"), "mine").unwrap();
    let output = waymark(&["build", ".", "--out", "notes"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not written by Waymark"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes/keep.txt")).unwrap(),
        "mine"
    );
    assert!(dir.path().join("content/index.md").is_file());
}

#[test]
fn out_overrides_the_configured_folder() {
    let dir = fixture("basic");
    let output = waymark(&["build", ".", "--out", "public"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("public/guide/setup/index.html").is_file());
    assert!(!dir.path().join("site").exists());
}

#[test]
fn a_missing_project_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no book.toml, zensical.toml or mkdocs.yml in"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("waymark init"));
    let output = waymark(&["build", "--no-such-flag"], dir.path());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn strict_config_lists_valid_keys() {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"x\"\n\n[build]\nouput = \"out\"\n",
    )
    .unwrap();
    let output = waymark(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn init_creates_a_project_that_builds_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let output = waymark(&["init", "guide"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = waymark(&["build", "guide"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("with 0 warnings"),
        "{}",
        stderr(&output)
    );
    let overview = page(&dir.path().join("guide"), "first-steps/index.html");
    assert_eq!(
        select(&overview, "ol[data-path]").len(),
        2,
        "a two-path tutorial"
    );
    let again = waymark(&["init", "guide"], dir.path());
    assert_eq!(
        again.status.code(),
        Some(2),
        "init refuses a non-empty folder"
    );
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let dir = fixture("basic");
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["build", "--quiet"])
            .arg(dir.path())
            .spawn()
            .unwrap()
    };
    let (mut first, mut second) = (start(), start());
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    let after_race = snapshot_tree(&dir.path().join("site"));
    assert_eq!(waymark(&["build", "-q"], dir.path()).status.code(), Some(0));
    assert_eq!(
        after_race,
        snapshot_tree(&dir.path().join("site")),
        "one complete site"
    );
}

/// Issue 20, item 18: `--message-format json` prints one object per diagnostic on stdout.
#[test]
fn message_format_json_prints_one_object_per_diagnostic() {
    let dir = fixture("broken");
    let human = waymark(&["check"], dir.path());
    let output = waymark(&["check", "--message-format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let listed = stderr(&human)
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .count();
    assert_eq!(objects.len(), listed, "{stdout}");
    let link = objects
        .iter()
        .find(|o| {
            o["message"]
                .as_str()
                .unwrap()
                .contains("broken link `nowhere.md`")
        })
        .expect("the broken link");
    assert_eq!(link["severity"], "error");
    assert!(link["file"].as_str().unwrap().ends_with(".md"));
    assert!(link["line"].as_u64().unwrap() >= 1 && link["column"].as_u64().unwrap() >= 1);
    assert!(link["end"]["column"].as_u64() > link["column"].as_u64());
    assert!(link.get("hint").is_some());
    // The human text stays on stderr: only the summary line.
    assert!(
        stderr(&output).starts_with("check failed: "),
        "{}",
        stderr(&output)
    );
}

/// Issue 20, item 18: `--message-format github` prints workflow commands.
#[test]
fn message_format_github_prints_workflow_commands() {
    let dir = fixture("broken");
    let output = waymark(&["build", "--message-format", "github"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let line = stdout
        .lines()
        .find(|l| l.contains("broken link `nowhere.md`"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.starts_with("::error file=content/"), "{line}");
    assert!(
        line.contains(",line=") && line.contains(",col=") && line.contains(",endColumn="),
        "{line}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    let bad = waymark(&["build", "--message-format", "yaml"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

/// Issue 20, item 17: `init` names the real folder and suggests the preview.
#[test]
fn init_prints_the_real_path_and_suggests_serve() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("docs");
    let output = waymark(&["init", target.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("{}", target.join("site/index.html").display())),
        "{err}"
    );
    assert!(!err.contains(" open site/index.html"), "{err}");
    assert!(err.contains("waymark serve"), "{err}");
    let tip = std::fs::read_to_string(target.join("content/index.md")).unwrap();
    assert!(tip.contains("waymark serve"), "{tip}");
}

/// Issue 20, item 12: unknown front-matter keys stay warnings, and the summary names them.
#[test]
fn the_summary_lists_unknown_front_matter_keys() {
    let dir = fixture("basic");
    let page = dir.path().join("content/faq.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("---\ntitel: Typo\n---\n{text}")).unwrap();
    let output = waymark(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("did you mean `title`?"), "{err}");
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains("1 warning")
            && summary.contains("unknown front-matter key `titel` in content/faq.md"),
        "{summary}"
    );
}

/// Issue 20, item 15: `waymark theme export DIR` writes the built-in theme, which then
/// builds a site unchanged as the project's theme.
#[test]
fn theme_export_writes_a_theme_that_builds() {
    let dir = fixture("basic");
    let output = waymark(&["theme", "export", "my-theme"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for file in [
        "templates/page.html",
        "templates/macros.html",
        "templates/partials/header.html",
        "assets/waymark.css",
        "assets/dialect.css",
        "assets/search.js",
        "assets/tabs.js",
        "assets/favicon.svg",
    ] {
        assert!(dir.path().join("my-theme").join(file).is_file(), "{file}");
    }
    let before = waymark(&["build", "--out", "plain"], dir.path());
    assert_eq!(before.status.code(), Some(0));
    let config = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = if text.contains("[output.html]") {
        text.replace("[output.html]", "[output.html]\ntheme = \"my-theme\"")
    } else {
        format!("{text}\n[output.html]\ntheme = \"my-theme\"\n")
    };
    std::fs::write(&config, text).unwrap();
    let after = waymark(&["build", "--out", "themed"], dir.path());
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
    assert_eq!(
        std::fs::read(dir.path().join("plain/guide/setup/index.html")).unwrap(),
        std::fs::read(dir.path().join("themed/guide/setup/index.html")).unwrap()
    );
    let again = waymark(&["theme", "export", "my-theme"], dir.path());
    assert_eq!(
        again.status.code(),
        Some(2),
        "a non-empty folder is refused"
    );
}
