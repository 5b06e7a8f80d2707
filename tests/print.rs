//! Issue 19: `print.html`, the whole guide on one page, and a `404.md` as the site's
//! 404 page, in every kind of project (the mdBook side is in tests/mdbook.rs).

mod common;
use common::*;

#[test]
fn tabs_admonitions_and_code_are_in_the_printable_guide() {
    let dir = fixture("dialect");
    build(dir.path());
    let print = page(dir.path(), "print.html");
    assert_eq!(attrs(&print, "meta[name=robots]", "content"), ["noindex"]);
    // Every tab's panel is there (the print style shows them all), with its label.
    assert_eq!(
        attrs(&print, "#guide-setup .tabbed-block", "data-tab-label"),
        ["Linux", "Windows", "Linux", "macOS"]
    );
    // Tabs stay wired to their panels: the prefixed ids match.
    for control in attrs(&print, "[role=tab]", "aria-controls") {
        assert_eq!(select(&print, &format!("#{control}")).len(), 1, "{control}");
    }
    assert_eq!(
        select(&print, "#guide-setup details.admonition.tip").len(),
        1
    );
    assert_eq!(
        texts(&print, "#guide-setup .highlight .filename"),
        ["install.sh"]
    );
    // A heading's own id (`{ #custom }`) is prefixed like the others.
    assert_eq!(select(&print, "h2#guide-setup--custom").len(), 1);
}

#[test]
fn tutorial_steps_print_in_reading_order_with_in_page_links() {
    let dir = fixture("tutorial");
    build(dir.path());
    let print = page(dir.path(), "print.html");
    let sections = attrs(&print, "section.print-page", "id");
    assert_eq!(sections[..3], ["index", "access", "access-account"]);
    let all = attrs(&print, "[id]", "id");
    for href in attrs(&print, ".content a", "href") {
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{href} leaves the page"));
        assert!(all.iter().any(|id| id == target), "{href} has no target");
    }
}

#[test]
fn a_404_md_is_the_not_found_page_and_not_a_page_of_its_own() {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/404.md"),
        "# Lost in the guide\n\nTry [the setup page](guide/setup.md) or the [FAQ](faq.md).\n",
    )
    .unwrap();
    build(dir.path());
    let not_found = page(dir.path(), "404.html");
    assert_eq!(texts(&not_found, "h1"), ["Lost in the guide#"]);
    assert_eq!(
        attrs(&not_found, ".content p a:not(.button)", "href"),
        ["/guide/guide/setup/", "/guide/faq/"],
        "links start from site-url's path, as the page is served at any address"
    );
    assert!(!dir.path().join("site/404/index.html").exists());
    let home = page(dir.path(), "index.html");
    assert!(
        !attrs(&home, ".sidebar a", "href")
            .iter()
            .any(|h| h.contains("404")),
        "not in the navigation"
    );
    let sitemap = read(dir.path(), "sitemap.xml");
    assert!(sitemap.contains("/guide/faq/</loc>"), "{sitemap}");
    assert!(
        !sitemap.contains("404") && !sitemap.contains("print"),
        "{sitemap}"
    );
    assert!(
        !read(dir.path(), "print.html").contains("Lost in the guide"),
        "the 404 page is not printed"
    );
    let indexed: Vec<String> = search_fragments(&dir.path().join("site"))
        .iter()
        .map(|f| f["url"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(indexed.iter().any(|url| url.contains("faq")), "{indexed:?}");
    assert!(
        !indexed
            .iter()
            .any(|url| url.contains("404") || url.contains("print")),
        "{indexed:?}"
    );
}

#[test]
fn mkdocs_projects_turn_the_printable_guide_off_under_extra_waymark() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/index.md"), "# Home\n").unwrap();
    std::fs::write(dir.path().join("mkdocs.yml"), "site_name: M\n").unwrap();
    build(dir.path());
    assert_eq!(
        attrs(&page(dir.path(), "index.html"), ".print-link a", "href"),
        ["print.html"]
    );
    assert!(dir.path().join("site/print.html").is_file());
    std::fs::write(
        dir.path().join("mkdocs.yml"),
        "site_name: M\nextra:\n  waymark:\n    print: false\n",
    )
    .unwrap();
    build(dir.path());
    assert!(!dir.path().join("site/print.html").exists());
    assert!(select(&page(dir.path(), "index.html"), ".print-link").is_empty());
}

#[test]
fn a_file_of_the_authors_at_print_html_wins_with_a_warning() {
    let dir = fixture("basic");
    std::fs::write(dir.path().join("content/print.html"), "<p>mine</p>\n").unwrap();
    let built = build(dir.path());
    assert_eq!(read(dir.path(), "print.html"), "<p>mine</p>\n");
    let warning = built
        .warnings
        .sorted()
        .into_iter()
        .find(|d| d.message.contains("where the printable guide would be"))
        .expect("a warning");
    assert!(
        warning
            .render()
            .contains("content/print.html is published at `print.html`"),
        "{}",
        warning.render()
    );
    assert!(select(&page(dir.path(), "index.html"), ".print-link").is_empty());
}

/// Unless the project asks for it, the printable guide is made for guides of up to
/// `PRINT_DEFAULT_MAX_PAGES` pages: one page of a larger guide is too large to be of use,
/// and a note says how to have it anyway.
#[test]
fn large_guides_get_the_printable_guide_only_when_they_ask() {
    use waymark::config::PRINT_DEFAULT_MAX_PAGES;
    let cases = [
        (PRINT_DEFAULT_MAX_PAGES, "", true),
        (PRINT_DEFAULT_MAX_PAGES + 1, "", false),
        (
            PRINT_DEFAULT_MAX_PAGES + 1,
            "\n[output.html.print]\nenable = true\n",
            true,
        ),
    ];
    for (pages, setting, printed) in cases {
        let dir = project_of_pages(pages, setting);
        let out = waymark(&["build", "--verbose"], dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let site = dir.path().join("site");
        assert_eq!(
            site.join("print.html").exists(),
            printed,
            "{pages} pages, `{setting}`"
        );
        let note = stderr(&out).contains("the printable guide (`print.html`) is not written");
        assert_eq!(
            note,
            !printed,
            "{pages} pages, `{setting}`: {}",
            stderr(&out)
        );
    }
}
