//! Values from front-matter and file names are untrusted: they are escaped wherever they
//! appear (page, sidebar, breadcrumbs, tutorial markers and lists, `<title>`, meta tags,
//! sitemap, search index). Raw HTML written in a Markdown body is the writer's and passes through.

mod common;
use common::*;

const EVIL: &str = "<script>alert(1)</script> & \\\"quoted\\\" 'single'";
const EVIL_TEXT: &str = "<script>alert(1)</script> & \"quoted\" 'single'";

fn hostile_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/tut")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Guide <b>\"\n[output.html]\nsite-url = \"https://x.org/\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/index.md"),
        "# Home\n\n<span class=\"writer-html\">kept</span>\n",
    )
    .unwrap();
    let front = |extra: &str| {
        format!("---\ntitle: \"{EVIL}\"\ndescription: \"{EVIL}\"\ntags: [\"{EVIL}\"]\n{extra}---\n\nText.\n")
    };
    std::fs::write(root.join("content/evil.md"), front("")).unwrap();
    std::fs::write(
        root.join("content/tut/index.md"),
        format!("---\ntitle: \"{EVIL}\"\ntutorial:\n  paths:\n    - id: a\n      title: \"{EVIL}\"\n---\n"),
    )
    .unwrap();
    std::fs::write(root.join("content/tut/one.md"), front("step: 1\n")).unwrap();
    std::fs::write(
        root.join("content/tut/two.md"),
        front("step: 2\n") + "\n::: path a\nOnly on a.\n:::\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/name with spaces & <angle>.md"),
        "# Odd name\n",
    )
    .unwrap();
    dir
}

#[test]
fn front_matter_values_and_file_names_are_escaped_everywhere() {
    let project = hostile_project();
    build(project.path());
    let site = project.path().join("site");
    let mut html_files = 0;
    for entry in walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.path().to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        html_files += 1;
        let raw = std::fs::read_to_string(entry.path()).unwrap();
        assert!(
            !raw.contains("<script>alert"),
            "{name} contains an unescaped title"
        );
        assert!(
            !raw.contains("<b>"),
            "{name} contains the unescaped site title"
        );
        assert!(
            !raw.contains("<angle>"),
            "{name} contains an unescaped file name"
        );
    }
    assert!(html_files >= 7);

    let step = page(project.path(), "tut/two/index.html");
    assert_eq!(texts(&step, "title"), [format!("{EVIL_TEXT} - Guide <b>")]);
    assert_eq!(
        attrs(&step, "meta[name=description]", "content"),
        [EVIL_TEXT]
    );
    assert!(texts(&step, "#sidebar a").contains(&EVIL_TEXT.to_string()));
    assert_eq!(texts(&step, ".breadcrumbs a"), ["Home", EVIL_TEXT]);
    assert!(texts(&step, "[data-tutorial-step]")[0].contains(EVIL_TEXT));
    assert_eq!(texts(&step, ".path-passage-label strong"), [EVIL_TEXT]);
    let overview = page(project.path(), "tut/index.html");
    assert_eq!(
        texts(&overview, "ol[data-path=a] > li"),
        [EVIL_TEXT, EVIL_TEXT]
    );

    let sitemap = read(project.path(), "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://x.org/name%20with%20spaces%20%26%20%3Cangle%3E/</loc>"),
        "{sitemap}"
    );
    // The search index holds the title as text: neither markup nor escaped twice.
    let fragments = search_fragments(&site);
    let evil = fragments
        .iter()
        .find(|f| f["url"] == "/evil/")
        .expect("the page is indexed");
    assert_eq!(evil["meta"]["title"], EVIL_TEXT);
    assert!(evil["content"].as_str().unwrap().contains(EVIL_TEXT));
    let home = page(project.path(), "index.html");
    assert_eq!(
        texts(&home, "main .writer-html"),
        ["kept"],
        "raw HTML in the body is the writer's"
    );
}
