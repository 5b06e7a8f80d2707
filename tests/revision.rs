//! Issue 20, item 6: last-updated dates from git, in the footer and the search metadata.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn enable(dir: &Path) {
    let config = dir.join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "[output.html]",
            "[output.html]\nlast-updated = true\ncopyright = \"© Test team\"",
        ),
    )
    .unwrap();
}

#[test]
fn pages_show_the_date_of_their_last_commit() {
    let dir = fixture("basic");
    enable(dir.path());
    git(dir.path(), &["init", "-q"], "2024-03-14T10:00:00Z");
    git(dir.path(), &["add", "."], "2024-03-14T10:00:00Z");
    git(
        dir.path(),
        &["commit", "-qm", "first"],
        "2024-03-14T10:00:00Z",
    );
    let faq = dir.path().join("content/faq.md");
    std::fs::write(&faq, "# FAQ\n\nChanged.\n").unwrap();
    git(
        dir.path(),
        &["commit", "-qam", "second"],
        "2025-01-02T23:30:00Z",
    );
    // A new file git does not know yet.
    std::fs::write(dir.path().join("content/new.md"), "# New\n\nText.\n").unwrap();

    let built = build(dir.path());
    assert_eq!(
        built.warnings.warning_count(),
        0,
        "{}",
        built.warnings.render()
    );
    let html = page(dir.path(), "faq/index.html");
    assert_eq!(attrs(&html, "footer time", "datetime"), ["2025-01-02"]);
    assert_eq!(
        texts(&html, "footer .last-updated time"),
        ["2. tammikuuta 2025"],
        "the site is in Finnish"
    );
    assert_eq!(texts(&html, "footer .copyright"), ["© Test team"]);
    let setup = page(dir.path(), "guide/setup/index.html");
    assert_eq!(attrs(&setup, "footer time", "datetime"), ["2024-03-14"]);
    let new = page(dir.path(), "new/index.html");
    assert!(attrs(&new, "footer time", "datetime").is_empty());
    // The search metadata carries the date too.
    let meta: Vec<String> = search_fragments(&dir.path().join("site"))
        .iter()
        .filter_map(|f| f["meta"]["last_updated"].as_str().map(str::to_string))
        .collect();
    assert!(meta.contains(&"2025-01-02".to_string()), "{meta:?}");

    // Same commit, same bytes.
    let first = snapshot_tree(&dir.path().join("site"));
    build(dir.path());
    assert_eq!(first, snapshot_tree(&dir.path().join("site")));

    // A shallow clone's history is cut short: said once, and no dates.
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        "2025-01-03T00:00:00Z",
    );
    let shallow = clones.path().join("shallow");
    let built = build(&shallow);
    let rendered = built.warnings.render();
    assert_eq!(rendered.matches("shallow clone").count(), 1, "{rendered}");
    let html = page(&shallow, "faq/index.html");
    assert!(attrs(&html, "footer time", "datetime").is_empty());
}

#[test]
fn without_a_repository_the_build_says_so_once_and_shows_no_date() {
    let dir = fixture("basic");
    enable(dir.path());
    let built = build(dir.path());
    let rendered = built.warnings.render();
    assert_eq!(
        rendered.matches("last-updated dates are not shown").count(),
        1,
        "{rendered}"
    );
    let html = page(dir.path(), "faq/index.html");
    assert!(attrs(&html, "footer time", "datetime").is_empty());
}

#[test]
fn a_page_built_at_another_path_has_its_own_file_s_date() {
    // A README standing in for a folder's index, a translation standing in for the
    // default page (mkdocs-static-i18n) and a notebook are known to git by their files.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "mkdocs.yml",
        "site_name: S\nplugins:\n  - git-revision-date-localized\n  - i18n:\n      docs_structure: folder\n      languages:\n        - {locale: en, default: true, name: English}\n        - {locale: fi, name: Suomi}\n",
    );
    write("docs/index.md", "# Home\n");
    write("docs/guide/README.md", "# Guide\n");
    write("docs/fi/index.md", "# Koti\n");
    git(root, &["init", "-q"], "2024-03-14T10:00:00Z");
    git(root, &["add", "."], "2024-03-14T10:00:00Z");
    git(root, &["commit", "-qm", "first"], "2024-03-14T10:00:00Z");
    write("docs/fi/index.md", "# Koti\n\nUusi.\n");
    git(root, &["commit", "-qam", "second"], "2025-01-02T12:00:00Z");
    let output = waymark(&["build", "."], root);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let date = |rel: &str| {
        let html = std::fs::read_to_string(root.join("site").join(rel)).unwrap();
        let page = scraper::Html::parse_document(&html);
        attrs(&page, ".last-updated time", "datetime")
    };
    assert_eq!(date("index.html"), ["2024-03-14"]);
    assert_eq!(date("guide/index.html"), ["2024-03-14"]);
    assert_eq!(date("fi/index.html"), ["2025-01-02"]);
    // The English page standing in for a missing Finnish one keeps its own date.
    assert_eq!(date("fi/guide/index.html"), ["2024-03-14"]);
}
