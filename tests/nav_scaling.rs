//! Issue 17: a page's size does not grow with the site. The same layout is built at 100
//! and at 1,000 pages and one page is compared: its sidebar lists the top level, the
//! branch to the page and at most 50 entries a level, and a step rail the steps around
//! the current one. Also: the generated section pages.

mod common;

use common::{attrs, page, texts};
use std::path::Path;

/// Writes `book.toml` and the pages `(path, text)` into a new project.
fn project(pages: impl Iterator<Item = (String, String)>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Scaling\"\nsrc = \"content\"\n\n[output.html]\nsearch = false\n",
    )
    .unwrap();
    let content = dir.path().join("content");
    for (path, text) in
        std::iter::once(("index.md".to_string(), "# Home\n".to_string())).chain(pages)
    {
        let file = content.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    dir
}

fn size_of(dir: &Path, rel: &str) -> usize {
    std::fs::metadata(dir.join("site").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .len() as usize
}

/// Builds the layout at 100 and at 1,000 pages; returns the size of `rel` in each.
fn sizes(layout: impl Fn(usize) -> Vec<(String, String)>, rel: &str) -> (usize, usize) {
    let measure = |count| {
        let project = project(layout(count).into_iter());
        common::build(project.path());
        size_of(project.path(), rel)
    };
    (measure(100), measure(1_000))
}

/// Page `i` of a folder, numbered so that titles are the same length at every size.
fn numbered(path: &str, i: usize, front: &str) -> (String, String) {
    (
        format!("{path}/page-{i:04}.md"),
        format!("---\nweight: {i}\n{front}---\n# Page {i:04}\n\nText.\n"),
    )
}

#[test]
fn issue_17_a_page_in_a_big_folder_does_not_grow_with_the_folder() {
    let (small, big) = sizes(
        |count| (0..count).map(|i| numbered("many", i, "")).collect(),
        "many/page-0040/index.html",
    );
    // Only the count in "n more" ("60 more", "960 more") differs.
    assert!(big <= small + 1, "100 pages: {small} bytes, 1,000: {big}");
}

#[test]
fn issue_17_a_page_in_folders_without_index_pages_does_not_grow_with_the_site() {
    // 10 pages a folder in parts/part-NN/chapter-NN/: one part at 100 pages, ten at 1,000.
    let layout = |count: usize| {
        (0..count)
            .map(|i| {
                let folder = format!("parts/part-{:02}/chapter-{:02}", i / 100, i / 10 % 10);
                numbered(&folder, i, "")
            })
            .collect()
    };
    let (small, big) = sizes(layout, "parts/part-00/chapter-00/page-0005/index.html");
    // The nine parts more are listed, closed, beside the page's own: about 100 bytes each.
    // (Before issue 17 every folder was open on every page: 70 KB more.)
    assert!(
        big <= small + 9 * 110,
        "100 pages: {small} bytes, 1,000: {big}"
    );
}

#[test]
fn issue_17_a_step_page_does_not_grow_with_the_tutorial() {
    let layout = |count: usize| {
        let index = (
            "course/index.md".to_string(),
            "---\ntutorial:\n  paths:\n    - id: one\n      title: One\n    - id: two\n      title: Two\n---\n# Course\n".to_string(),
        );
        std::iter::once(index)
            .chain((1..count).map(|i| numbered("course", i, &format!("step: {i}\n"))))
            .collect()
    };
    let (small, big) = sizes(layout, "course/page-0050/index.html");
    // Only counts differ: "Step 50 of 99" and "of 999", data-tutorial-total, "n more"
    // and the steps after the rail, on each of the two paths.
    assert!(big <= small + 12, "100 steps: {small} bytes, 1,000: {big}");
}

#[test]
fn issue_17_the_sidebar_lists_a_window_of_a_long_folder_and_the_rest_on_its_page() {
    let project = project((0..120).map(|i| numbered("many", i, "")));
    common::build(project.path());
    let html = page(project.path(), "many/page-0060/index.html");
    let listed = texts(
        &html,
        "#sidebar .nav-level-1 > .nav-item:not(.nav-more) > a",
    );
    assert_eq!(listed.len(), 50);
    assert_eq!(listed.first().unwrap(), "Page 0035");
    assert!(listed.contains(&"Page 0060".to_string()));
    assert_eq!(
        texts(&html, "#sidebar .nav-more > a"),
        ["35 more", "35 more"]
    );
    assert_eq!(
        attrs(&html, "#sidebar .nav-more > a", "href"),
        ["../", "../"]
    );
    // The section page lists all 120, in nav order.
    let section = page(project.path(), "many/index.html");
    let all = texts(&section, ".content li > a");
    assert_eq!(all.len(), 120);
    assert_eq!((&all[0][..], &all[119][..]), ("Page 0000", "Page 0119"));
}

#[test]
fn issue_17_the_step_rail_shows_the_steps_around_the_current_one() {
    let index = (
        "course/index.md".to_string(),
        "---\ntutorial: {}\n---\n# Course\n".to_string(),
    );
    let steps = (1..=30).map(|i| numbered("course", i, &format!("step: {i}\n")));
    let project = project(std::iter::once(index).chain(steps));
    common::build(project.path());
    let html = page(project.path(), "course/page-0012/index.html");
    let rail: Vec<String> = texts(&html, ".step-rail li:not(.more) .step-num");
    assert_eq!(rail, ["8", "9", "10", "11", "12", "13", "14", "15", "16"]);
    assert_eq!(attrs(&html, ".step-rail li.more a", "href"), ["../", "../"]);
    assert_eq!(
        texts(&html, ".step-rail li.more .visually-hidden"),
        ["Overview: 7 steps", "Overview: 14 steps"]
    );
    assert_eq!(texts(&html, ".step-count"), ["Step 12 of 30"]);
    let near_start = page(project.path(), "course/page-0006/index.html");
    assert_eq!(
        texts(&near_start, ".step-rail li.more .visually-hidden"),
        ["Overview: 1 step", "Overview: 20 steps"]
    );
    // The overview still lists every step.
    let overview = page(project.path(), "course/index.html");
    assert_eq!(texts(&overview, ".path-card-steps li").len(), 30);
    assert_eq!(texts(&overview, ".path-card-count"), ["30 steps"]);
}

#[test]
fn issue_17_folders_without_index_pages_get_section_pages() {
    let project = project(
        [
            (
                "guide/intro.md",
                "---\ndescription: Where to <begin>.\nweight: 1\n---\n# Intro\n",
            ),
            ("guide/deeper/far.md", "# Far\n"),
            (
                "guide/deeper/near.md",
                "---\ntitle: \"A *near* [page]\"\n---\nText.\n",
            ),
        ]
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.to_string())),
    );
    let config = project.path().join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}site-url = \"https://example.org/\"\n"),
    )
    .unwrap();
    let built = common::build(project.path());
    assert!(built.warnings.is_empty(), "{}", built.warnings.render());
    let sitemap = std::fs::read_to_string(project.path().join("site/sitemap.xml")).unwrap();
    for section in ["guide/", "guide/deeper/"] {
        let loc = format!("<loc>https://example.org/{section}</loc>");
        assert!(
            sitemap.contains(&loc),
            "{section} not in the sitemap:\n{sitemap}"
        );
    }
    let guide = page(project.path(), "guide/index.html");
    assert_eq!(texts(&guide, "h1.page-title"), ["Guide"]);
    assert_eq!(
        texts(&guide, ".content .section-index > ul > li > a"),
        ["Intro", "Deeper"]
    );
    assert_eq!(
        attrs(&guide, ".content .section-index > ul > li > a", "href"),
        ["intro/", "deeper/"]
    );
    assert_eq!(
        texts(&guide, ".content .section-index > ul > li"),
        ["Intro: Where to <begin>.", "Deeper"]
    );
    assert!(
        attrs(&guide, ".page-meta a", "href").is_empty(),
        "no edit link"
    );
    let deeper = page(project.path(), "guide/deeper/index.html");
    assert_eq!(
        texts(&deeper, ".content li > a"),
        ["A *near* [page]", "Far"]
    );
    assert_eq!(
        texts(&deeper, ".breadcrumbs li"),
        ["Home", "Guide", "Deeper"]
    );
    // The sidebar of a page below leads to both, and they are in reading order.
    let far = page(project.path(), "guide/deeper/far/index.html");
    assert_eq!(attrs(&far, "#sidebar a.active", "href"), ["../../", "../"]);
    assert_eq!(attrs(&far, ".pager-prev", "href"), ["../near/"]);
    let script = std::fs::read_to_string(project.path().join("site/_waymark/nav.js")).unwrap();
    assert!(
        script.contains(r#"{"t":"Deeper","u":"guide/deeper/","c":["#),
        "{script}"
    );
}
