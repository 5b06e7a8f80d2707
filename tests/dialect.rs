//! The MkDocs dialect through the whole pipeline: a fixture site with snippets, tabs,
//! admonitions, attribute lists and abbreviations builds without warnings, links to ids
//! made by the dialect are checked, and the HTML has the expected structure.
//! (Markdown-in/HTML-out snapshots per construct are in `src/markdown/dialect_tests.rs`.)

mod common;

use std::collections::HashSet;

#[test]
fn a_dialect_site_builds_and_its_ids_are_linkable() {
    let dir = common::fixture("dialect");
    let built = common::build(dir.path());
    assert!(built.warnings.is_empty(), "{}", built.warnings.render());
    let page = common::page(dir.path(), "guide/setup/index.html");

    assert_eq!(
        common::select(&page, "main .admonition.warning").len(),
        1,
        "the snippet's admonition"
    );
    assert_eq!(
        common::select(&page, "main details.admonition.tip").len(),
        1
    );
    assert_eq!(common::select(&page, "main p#intro.lead").len(), 1);
    assert_eq!(
        common::select(&page, "main abbr[title=\"High Performance Computing\"]").len(),
        1
    );
    assert_eq!(
        common::select(&page, "main nav.inline-toc a[href=\"#custom\"]").len(),
        1
    );
    assert_eq!(common::select(&page, "main .highlight .filename").len(), 1);
    assert_eq!(common::select(&page, "main .twemoji svg").len(), 1);

    // Two tab sets with ARIA roles; every id on the page is unique; tabs and panels refer
    // to each other; the shared label is there for linking.
    let sets = common::select(&page, "main .tabbed-set");
    assert_eq!(sets.len(), 2);
    let tabs = common::select(&page, "main [role=tablist] > [role=tab]");
    assert_eq!(tabs.len(), 4);
    let mut ids = HashSet::new();
    for element in common::select(&page, "[id]") {
        let id = element.value().attr("id").unwrap();
        assert!(ids.insert(id.to_string()), "duplicate id `{id}`");
    }
    for tab in &tabs {
        let panel = tab.value().attr("aria-controls").unwrap();
        assert!(
            ids.contains(panel),
            "tab controls a missing panel `{panel}`"
        );
    }
    let linux: Vec<_> = common::select(&page, "main [role=tab][data-tab-label=Linux]");
    assert_eq!(linux.len(), 2, "the same label in both sets");
    assert_eq!(
        common::select(&page, "main [role=tab][aria-selected=true]").len(),
        2
    );
}

#[test]
fn a_missing_snippet_fails_the_build_at_the_including_line() {
    let dir = common::fixture("dialect");
    std::fs::remove_file(dir.path().join("includes/vpn.md")).unwrap();
    let failure = waymark::build(dir.path(), None, &()).expect_err("the build must fail");
    let text = failure.diagnostics().render();
    assert!(
        text.contains("snippet `includes/vpn.md` not found"),
        "{text}"
    );
    assert!(text.contains("content/guide/setup.md:8:1"), "{text}");
}

/// An mkdocs.yml project with one page `docs/index.md` of `text` and a `docs/guide.md` with
/// a `## Setup` heading; returns the project, the build and its rendered warnings.
fn mkdocs_project(text: &str) -> (tempfile::TempDir, waymark::Built, String) {
    mkdocs_project_with(text, "  - attr_list\n  - md_in_html\n")
}

/// [`mkdocs_project`] with the `markdown_extensions` list `extensions` (YAML lines).
fn mkdocs_project_with(
    text: &str,
    extensions: &str,
) -> (tempfile::TempDir, waymark::Built, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(
        root.join("mkdocs.yml"),
        format!("site_name: T\nmarkdown_extensions:\n{extensions}"),
    )
    .unwrap();
    std::fs::write(root.join("LICENSE"), "MIT\n").unwrap();
    std::fs::write(root.join("docs/index.md"), text).unwrap();
    std::fs::write(root.join("docs/guide.md"), "# Guide\n\n## Setup\n").unwrap();
    let config =
        waymark::load_config(root).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let built = waymark::build_with(config, None, &())
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let warnings = built.warnings.render();
    (dir, built, warnings)
}

#[test]
fn links_mkdocs_resolves_are_resolved_or_kept_with_a_warning() {
    let (dir, _, warnings) = mkdocs_project(
        "# Home\n\n[a](guide.md/#setup) [b](guide.md#setup) [top](#) [licence](../LICENSE) \
         [x](#legacy-anchor) [y](#by-id) <help@example.org>\n\n\
         <a name=\"legacy-anchor\"></a>\n<span id=\"by-id\"></span>\n",
    );
    let home = common::page(dir.path(), "index.html");
    let hrefs = common::attrs(&home, "main p a", "href");
    assert_eq!(
        hrefs,
        [
            "guide/#setup",
            "guide/#setup",
            "#",
            "../LICENSE",
            "#legacy-anchor",
            "#by-id",
            "mailto:help@example.org"
        ]
    );
    // MkDocs warns about the link out of the docs folder and keeps it; nothing else.
    assert_eq!(warnings.matches("warning:").count(), 1, "{warnings}");
    assert!(warnings.contains("`../LICENSE`"), "{warnings}");
}

#[test]
fn pymdownx_extra_and_blocks_are_supported_extensions() {
    let (dir, _, warnings) = mkdocs_project_with(
        "# Home\n\n/// note\nA *note*.\n///\n\nApple\n:   A fruit.\n",
        "  - pymdownx.extra\n  - pymdownx.blocks.admonition\n  - pymdownx.blocks.details\n  - pymdownx.blocks.tab:\n      alternate_style: true\n",
    );
    assert!(!warnings.contains("not supported"), "{warnings}");
    let home = common::page(dir.path(), "index.html");
    assert_eq!(common::select(&home, "main .admonition.note").len(), 1);
    assert_eq!(common::select(&home, "main dl dd").len(), 1);
}

#[test]
fn in_mkdocs_projects_the_last_duplicate_reference_definition_wins() {
    let (dir, _, warnings) = mkdocs_project(
        "# Home\n\nSee [the guide][g].\n\n[g]: https://example.org/old\n[g]: https://example.org/new\n",
    );
    let home = common::page(dir.path(), "index.html");
    assert_eq!(
        common::attrs(&home, "main p a", "href"),
        ["https://example.org/new"]
    );
    assert_eq!(
        warnings.matches("is defined more than once").count(),
        2,
        "{warnings}"
    );
    assert!(
        warnings.contains("docs/index.md:5:1") && warnings.contains("docs/index.md:6:1"),
        "{warnings}"
    );
}

#[test]
fn keys_mark_caret_and_tilde_in_mkdocs_projects() {
    let (dir, _, warnings) = mkdocs_project_with(
        "# Home\n\nPress ++ctrl+alt+del++, then ==read this==, ^^added^^, H~2~O, E = mc^2^, ~x~ and ~~gone~~.\n",
        "  - pymdownx.keys\n  - pymdownx.mark\n  - pymdownx.caret\n  - pymdownx.tilde\n",
    );
    assert!(!warnings.contains("not supported"), "{warnings}");
    let html = common::read(dir.path(), "index.html");
    let start = html.find("<p>Press").unwrap();
    let paragraph = &html[start..start + html[start..].find("</p>").unwrap()];
    assert_eq!(
        paragraph,
        "<p>Press <span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>+</span><kbd class=\"key-alt\">Alt</kbd><span>+</span><kbd class=\"key-delete\">Del</kbd></span>, then <mark>read this</mark>, <ins>added</ins>, H<sub>2</sub>O, E = mc<sup>2</sup>, <sub>x</sub> and <del>gone</del>."
    );
}

#[test]
fn magiclink_links_bare_addresses_only_where_it_is_enabled() {
    let text = "# Home\n\nSee https://example.org/docs, www.example.com or mail help@example.org; \
                not `https://in.code` nor [https://linked.org](https://linked.org){ .x }.\n";
    let (dir, _, _) = mkdocs_project_with(text, "  - attr_list\n  - pymdownx.magiclink\n");
    let home = common::page(dir.path(), "index.html");
    assert_eq!(
        common::attrs(&home, "main p a", "href"),
        [
            "https://example.org/docs",
            "http://www.example.com",
            "mailto:help@example.org",
            "https://linked.org"
        ]
    );
    let (dir, _, _) = mkdocs_project_with(text, "  - attr_list\n");
    let home = common::page(dir.path(), "index.html");
    assert_eq!(
        common::attrs(&home, "main p a", "href"),
        ["https://linked.org"]
    );
}

#[test]
fn critic_marks_in_view_mode_where_pymdownx_critic_is_enabled() {
    let text = "# Home\n\nText can be {--deleted--} and replacement text {++added++}.\n";
    let (dir, _, _) = mkdocs_project_with(text, "  - pymdownx.critic\n");
    let html = common::read(dir.path(), "index.html");
    assert!(
        html.contains("Text can be <del class=\"critic\">deleted</del> and replacement text <ins class=\"critic\">added</ins>."),
        "{html}"
    );
    let (dir, _, _) = mkdocs_project_with(text, "  - attr_list\n");
    assert!(common::read(dir.path(), "index.html").contains("{--deleted--}"));
}
