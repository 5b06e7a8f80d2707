//! The basic fixture built through the library: what a reader gets on every page.

mod common;
use common::*;

#[test]
fn pages_get_pretty_urls_and_files_are_copied() {
    let dir = fixture("basic");
    let built = build(dir.path());
    assert_eq!(built.pages, 6, "drafts are left out");
    for file in [
        "index.html",
        "guide/index.html",
        "guide/setup/index.html",
        "guide/advanced/options/index.html",
        "faq/index.html",
        "img/diagram.svg",
        "404.html",
        "sitemap.xml",
        "_waymark/waymark.css",
        "_waymark/highlight.css",
    ] {
        assert!(
            dir.path().join("site").join(file).is_file(),
            "{file} missing"
        );
    }
    assert!(!dir.path().join("site/drafted").exists());
}

#[test]
fn every_page_has_the_reader_landmarks() {
    let dir = fixture("basic");
    build(dir.path());
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(attrs(&html, "html", "lang"), ["fi"]);
    let skip = select(&html, "a.skip-link");
    assert_eq!(skip[0].value().attr("href"), Some("#content"));
    assert_eq!(attrs(&html, "main", "id"), ["content"]);
    assert_eq!(
        texts(&html, "title"),
        ["Set up <your> account & \"profile\" - Fixture Guide"]
    );
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        ["https://docs.example.org/guide/guide/setup/"]
    );
    assert_eq!(
        attrs(&html, "meta[name=description]", "content"),
        ["How to set up."]
    );
    // The announcement's link is relative to this page.
    assert_eq!(attrs(&html, ".announcement a", "href"), ["./"]);
}

#[test]
fn sidebar_marks_the_current_page_and_shows_only_its_branch() {
    let dir = fixture("basic");
    build(dir.path());
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(
        texts(&html, "#sidebar a[aria-current=page]"),
        ["Set up <your> account & \"profile\""]
    );
    let sidebar_links = texts(&html, "#sidebar a");
    assert_eq!(
        sidebar_links,
        [
            "Welcome",
            "User guide",
            "Set up <your> account & \"profile\"",
            "Advanced",
            "Frequently asked questions"
        ]
    );
    // The collapsed "Advanced" branch does not list its pages.
    assert!(!sidebar_links.contains(&"Options".to_string()));
    let options = page(dir.path(), "guide/advanced/options/index.html");
    assert!(texts(&options, "#sidebar a").contains(&"Options".to_string()));
}

#[test]
fn breadcrumbs_toc_and_pager_follow_the_navigation() {
    let dir = fixture("basic");
    build(dir.path());
    let html = page(dir.path(), "guide/setup/index.html");
    // The whole trail from the home page; the page itself last, marked current (issue 20).
    // The fixture is in Finnish, so the home page's crumb is too.
    assert_eq!(
        texts(&html, "nav.breadcrumbs[aria-label] a"),
        ["Etusivu", "User guide"]
    );
    assert_eq!(attrs(&html, ".breadcrumbs a", "href"), ["../../", "../"]);
    assert_eq!(
        texts(&html, ".breadcrumbs li:last-child [aria-current=page]"),
        texts(&html, "main h1")
    );
    assert_eq!(
        attrs(&html, ".toc a", "href"),
        ["#before-you-start", "#install", "#on-linux", "#install_1"]
    );
    let prev = select(&html, "a[rel=prev]");
    let next = select(&html, "a[rel=next]");
    assert_eq!(prev[0].value().attr("href"), Some("../"));
    assert_eq!(next[0].value().attr("href"), Some("../advanced/"));
    assert_eq!(
        attrs(&html, "a.edit-link", "href"),
        ["https://git.example.org/guide/edit/main/content/guide/setup.md"]
    );
    let options = page(dir.path(), "guide/advanced/options/index.html");
    assert!(
        select(&options, ".toc").is_empty(),
        "hide: [toc] removes the table of contents"
    );
}

#[test]
fn links_are_relative_and_rewritten() {
    let dir = fixture("basic");
    build(dir.path());
    let home = page(dir.path(), "index.html");
    let content_links = attrs(&home, "main a:not(.headerlink)", "href");
    assert!(
        content_links.contains(&"guide/setup/".to_string()),
        "{content_links:?}"
    );
    assert!(content_links.contains(&"guide/advanced/options/#mpi-openmp".to_string()));
    let options = page(dir.path(), "guide/advanced/options/index.html");
    assert!(attrs(&options, "main a", "href").contains(&"../../setup/#install_1".to_string()));
    let setup = page(dir.path(), "guide/setup/index.html");
    assert_eq!(attrs(&setup, "main img", "src"), ["../../img/diagram.svg"]);
    for href in attrs(&setup, "link[rel=stylesheet], script[src]", "href")
        .iter()
        .chain(&attrs(&setup, "script[src]", "src"))
    {
        assert!(
            href.starts_with("../../_waymark/"),
            "theme asset {href} must be relative"
        );
    }
}

#[test]
fn front_matter_values_are_escaped_and_code_keeps_its_options() {
    let dir = fixture("basic");
    build(dir.path());
    let raw = read(dir.path(), "guide/setup/index.html");
    assert!(!raw.contains("<your>"), "the title is escaped everywhere");
    assert!(raw.contains("Set up &lt;your&gt; account &amp;"));
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(texts(&html, "main pre code"), ["$ waymark build --force"]);
    assert!(!select(&html, "main pre code span[class^=hl-]").is_empty());
    assert!(
        select(&html, "main [style]").is_empty(),
        "no inline styles in content"
    );
}

#[test]
fn title_comes_from_the_first_heading_without_repeating_it() {
    let dir = fixture("basic");
    build(dir.path());
    let faq = page(dir.path(), "faq/index.html");
    assert_eq!(texts(&faq, "main h1"), ["Frequently asked questions#"]);
    assert_eq!(
        texts(&faq, "title"),
        ["Frequently asked questions - Fixture Guide"]
    );
}

#[test]
fn sitemap_and_404_use_the_site_url() {
    let dir = fixture("basic");
    build(dir.path());
    let sitemap = read(dir.path(), "sitemap.xml");
    assert!(sitemap.contains("<loc>https://docs.example.org/guide/guide/setup/</loc>"));
    assert_eq!(sitemap.matches("<loc>").count(), 6);
    let not_found = page(dir.path(), "404.html");
    assert!(
        texts(&not_found, "main")
            .iter()
            .any(|t| t.contains("Tässä osoitteessa ei ole sivua")),
        "the fixture's language is fi"
    );
    let stylesheets = attrs(&not_found, "link[rel=stylesheet]", "href");
    assert!(
        stylesheets
            .iter()
            .all(|h| h.starts_with("/guide/_waymark/")),
        "{stylesheets:?}"
    );
    assert!(attrs(&not_found, "#sidebar a", "href").contains(&"/guide/guide/".to_string()));
}

#[test]
fn unknown_front_matter_reaches_templates_as_meta() {
    let dir = fixture("basic");
    std::fs::create_dir_all(dir.path().join("theme/templates")).unwrap();
    let page_template = "<!doctype html><html lang=\"{{ site.language }}\"><title>{{ page.title }}</title><main>{{ page.meta.owner | default(value='none') }}|{{ page.tags | join(sep=',') }}</main></html>";
    std::fs::write(dir.path().join("theme/templates/page.html"), page_template).unwrap();
    let config = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        config.replace("[output.html]", "[output.html]\ntheme = \"theme\""),
    )
    .unwrap();
    build(dir.path());
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(texts(&html, "main"), ["team-docs|setup,accounts"]);
    // Files the theme does not override still come from the built-in theme.
    assert!(read(dir.path(), "404.html").contains("Sivua ei löytynyt"));
}

#[test]
fn builds_are_deterministic_across_thread_counts() {
    let dir = fixture("basic");
    let run = |threads: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["build", "--quiet"])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        snapshot_tree(&dir.path().join("site"))
    };
    let one = run("1");
    let four = run("4");
    assert!(!one.is_empty());
    assert_eq!(one, four);
}

#[test]
fn mermaid_is_shipped_and_loaded_only_where_a_diagram_is() {
    let dir = fixture("basic");
    build(dir.path());
    assert!(
        !dir.path().join("site/_waymark/mermaid.min.js").exists(),
        "no diagram, no mermaid.js"
    );
    std::fs::write(
        dir.path().join("content/flow.md"),
        "# Flow\n\n```mermaid\ngraph LR\n  A --> B\n```\n",
    )
    .unwrap();
    build(dir.path());
    let script = std::fs::read(dir.path().join("site/_waymark/mermaid.min.js")).unwrap();
    assert!(
        script.len() > 1_000_000,
        "the vendored mermaid.js, unpacked"
    );
    let flow = page(dir.path(), "flow/index.html");
    assert_eq!(
        attrs(&flow, "script[src$='mermaid.min.js']", "src"),
        ["../_waymark/mermaid.min.js"]
    );
    assert_eq!(texts(&flow, "pre.mermaid"), ["graph LR A --> B"]);
    let faq = page(dir.path(), "faq/index.html");
    assert!(select(&faq, "script[src$='mermaid.min.js']").is_empty());
}

#[test]
fn hide_nav_leaves_out_the_sidebar_and_its_menu_button() {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/faq.md"),
        "---\nhide: [nav, toc]\n---\n# FAQ\n\n## A question\n\nAn answer.\n",
    )
    .unwrap();
    build(dir.path());
    let hidden = page(dir.path(), "faq/index.html");
    assert!(select(&hidden, "nav#sidebar").is_empty());
    assert!(select(&hidden, ".nav-toggle, .nav-jump").is_empty());
    assert!(select(&hidden, "nav.toc").is_empty());
    assert_eq!(attrs(&hidden, "body", "class"), ["no-sidebar"]);
    let shown = page(dir.path(), "guide/setup/index.html");
    assert_eq!(select(&shown, "nav#sidebar").len(), 1);
    assert_eq!(select(&shown, ".nav-toggle").len(), 1);
    assert!(attrs(&shown, "body", "class")[0].starts_with("has-sidebar"));
}
