//! Markdown in, HTML out: one snapshot per construct.

use super::page::render_page;
use super::Body;
use std::path::Path;

/// Renders `text` as `guide/page.md` in a small site with a few link targets.
fn render_in_site(text: &str) -> Body {
    let diagram = crate::load::StaticFile {
        rel_path: "guide/diagram.svg".into(),
        abs_path: "/p/content/guide/diagram.svg".into(),
    };
    let site = crate::test_support::site_with_page(Path::new("/p"), text, vec![diagram]);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    render_page(&site, page).0
}

fn html(text: &str) -> String {
    render_in_site(text).html
}

#[test]
fn heading_ids_follow_mkdocs_and_get_self_links() {
    insta::assert_snapshot!(html(
        "# Title\n## MPI + OpenMP\n## Usage\n## Usage\n### Custom {#my-id .wide}\n"
    ));
}

#[test]
fn links_to_markdown_files_become_relative_page_urls() {
    let text = "[o](other.md) [s](other.md#section-two) [h](../index.md) [self](#top) [x](https://example.org/a.md) ![d](diagram.svg)\n";
    let body = render_in_site(text);
    insta::assert_snapshot!(body.html);
    let targets: Vec<&str> = body.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(
        targets,
        [
            "other.md",
            "other.md#section-two",
            "../index.md",
            "#top",
            "diagram.svg"
        ]
    );
    assert_eq!(body.links[1].span.locate(text).column, 15);
}

#[test]
fn code_is_highlighted_into_classes() {
    insta::assert_snapshot!(html("```Python\nprint(\"hi\")  # greet\n```\n\n```nosuchlang\n<raw> & text\n```\n\n    indented <code>\n"));
}

#[test]
fn github_alerts_become_admonitions() {
    insta::assert_snapshot!(html(
        "> [!NOTE]\n> Read *this*.\n\n> [!WARNING]\n> Careful.\n\n> plain quote\n"
    ));
}

#[test]
fn gfm_extras_render() {
    insta::assert_snapshot!(html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ text[^1]\n\n[^1]: A footnote.\n\nTerm\n: Definition\n"
    ));
}

#[test]
fn no_smart_punctuation_and_raw_html_passes_through() {
    let out = html("Use `--force` or --force and \"quotes\" -- here.\n\n<div class=\"custom\" id=\"raw-id\">raw</div>\n");
    assert!(out.contains("--force and \"quotes\" -- here"), "{out}");
    assert!(
        out.contains("<div class=\"custom\" id=\"raw-id\">raw</div>"),
        "{out}"
    );
    assert!(render_in_site("<span id=\"anchor-here\"></span>\n")
        .ids
        .contains("anchor-here"));
}

#[test]
fn front_matter_notes_and_warnings_render_above_the_body() {
    insta::assert_snapshot!(html("---\nnotes:\n  - See [the other page](other.md).\nwarnings:\n  - Do **not** share passwords.\n---\nBody.\n"));
}

#[test]
fn locations_account_for_front_matter() {
    let text = "---\ntitle: T\n---\n\nSee [gone](gone.md).\n";
    let location = render_in_site(text).links[0].span.locate(text);
    assert_eq!((location.line, location.column), (5, 5));
}

#[test]
fn links_in_admonition_titles_and_tab_labels_are_rewritten_and_checked() {
    let text = "!!! note \"See [the other page](other.md#section-two)\"\n    Body.\n\n=== \"[Gone](gone.md)\"\n    Tab body.\n";
    let body = render_in_site(text);
    assert!(
        body.html
            .contains("<a href=\"../other/#section-two\">the other page</a>"),
        "{}",
        body.html
    );
    assert!(!body.html.contains("data-waymark-link"), "{}", body.html);
    let dests: Vec<&str> = body.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["other.md#section-two", "gone.md"]);
    assert_eq!(
        body.links[1].span.locate(text).line,
        4,
        "the tab label's line"
    );
}
