//! Search (issue 7) in built sites: the index written with the pages, the search box in
//! every page's header, and the settings that switch it off. What the box does in a
//! browser is tested in tests/browser.rs (`search_answers_as_you_type`).

mod common;
use common::*;

#[test]
fn a_build_writes_the_index_and_every_page_gets_the_search_box() {
    let project = fixture("search");
    build(project.path());
    let site = project.path().join("site");
    let entry: serde_json::Value =
        serde_json::from_str(&read(project.path(), "_waymark/search/pagefind-entry.json")).unwrap();
    // Sixteen pages and the generated section page of `access/` (issue 17), one of them
    // excluded with `search: {exclude: true}`.
    assert_eq!(entry["languages"]["en"]["page_count"], 16);
    let mut urls: Vec<String> = search_fragments(&site)
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect();
    urls.sort();
    assert_eq!(urls.len(), 16);
    assert_eq!(
        urls[..4],
        ["/", "/access/", "/access/connect/", "/access/permits/"]
    );
    assert!(urls[4..].iter().all(|url| url.starts_with("/glossary/")));

    let connect = page(project.path(), "access/connect/index.html");
    assert_eq!(
        attrs(&connect, "[role=search]", "data-search-bundle"),
        ["../../_waymark/search/"]
    );
    assert_eq!(
        attrs(&connect, "[role=search]", "data-search-root"),
        ["../../"]
    );
    assert_eq!(attrs(&connect, "[role=search] input", "role"), ["combobox"]);
    assert_eq!(
        attrs(&connect, "[role=search] input", "aria-controls"),
        ["search-results"]
    );
    assert_eq!(attrs(&connect, "#search-results", "role"), ["listbox"]);
    // Hidden until the script shows it: without JavaScript there is no dead box.
    assert_eq!(attrs(&connect, "[role=search]", "hidden"), [""]);
    assert_eq!(
        attrs(&connect, "script[src$='search.js']", "src"),
        ["../../_waymark/search.js"]
    );
}

#[test]
fn search_can_be_switched_off_in_book_toml() {
    let project = fixture("search");
    let config = project.path().join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[output.html]\nsearch = false\n")).unwrap();
    build(project.path());
    assert!(!project.path().join("site/_waymark/search").exists());
    let home = page(project.path(), "index.html");
    assert!(select(&home, "[role=search]").is_empty());
    assert!(select(&home, "script[src$='search.js']").is_empty());
}

#[test]
fn mkdocs_yml_turns_search_on_as_mkdocs_does() {
    let project = fixture("search");
    std::fs::remove_file(project.path().join("book.toml")).unwrap();
    let mkdocs = project.path().join("mkdocs.yml");
    let search_on = |yml: &str| {
        std::fs::write(&mkdocs, yml).unwrap();
        waymark::load_config(project.path()).unwrap().search
    };
    assert!(search_on("site_name: S\ndocs_dir: content\n"));
    assert!(search_on(
        "site_name: S\ndocs_dir: content\nplugins:\n  - search\n  - tags\n"
    ));
    assert!(!search_on(
        "site_name: S\ndocs_dir: content\nplugins:\n  - tags\n"
    ));
}
