//! Issue 19: an mdBook book builds unchanged, from its own book.toml and SUMMARY.md.

mod common;
use common::*;
use std::path::Path;

/// A page of the built book (mdBook's output folder, `book`).
fn chapter(dir: &Path, rel: &str) -> scraper::Html {
    scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("book").join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}")),
    )
}

/// The build's problems, rendered, when it fails.
fn build_failure(dir: &Path) -> String {
    match waymark::build(dir, None, &()) {
        Ok(_) => panic!("the build should fail"),
        Err(failure) => failure.diagnostics().render(),
    }
}

fn messages(built: &waymark::Built) -> Vec<String> {
    built
        .warnings
        .sorted()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn book_toml_is_read_as_mdbook_reads_it() {
    let book = fixture("mdbook");
    let built = build(book.path());
    let home = chapter(book.path(), "index.html");
    assert_eq!(
        attrs(
            &home,
            "a.repo-link, header a[href^='https://github.com']",
            "href"
        )
        .first()
        .map(String::as_str),
        Some("https://github.com/example/fixture-book"),
        "git-repository-url is the repository link"
    );
    assert_eq!(
        attrs(&home, "meta[name=author]", "content"),
        ["Ferris, Corro"]
    );
    assert_eq!(attrs(&home, "html", "dir"), ["ltr"]);
    assert!(
        attrs(&home, "link[rel=stylesheet]", "href").contains(&"theme/custom.css".to_string()),
        "additional-css is linked"
    );
    assert!(
        book.path().join("book/theme/custom.css").is_file(),
        "and copied"
    );
    assert_eq!(
        std::fs::read_to_string(book.path().join("book/CNAME")).unwrap(),
        "book.example.org\n"
    );
    assert_eq!(
        attrs(&home, "a.edit-link", "href"),
        ["https://github.com/example/fixture-book/edit/main/src/README.md"],
        "{{path}} is the chapter's path from the book's folder, as mdBook fills it"
    );
    assert_eq!(
        texts(&home, ".content p")[0],
        "This book is “about” mdBook – it’s a fixture…",
        "smart-punctuation"
    );
    let messages = messages(&built);
    for expected in [
        "`default-theme = \"light\"` does not apply: mdBook's colour themes are not part of Waymark's theme",
        "`preferred-dark-theme = \"navy\"` does not apply: mdBook's colour themes are not part of Waymark's theme",
        "`git-repository-icon = \"fa-github\"` does not apply: Font Awesome is not part of Waymark's theme",
        "`fold` does not apply: the sidebar opens the current page's sections by itself",
        "`playground`: `editable` not applied: code blocks are not run, edited or numbered in the page",
        "`output.html.search`: `limit-results`, `use-boolean-and` not applied: Waymark's search ranks and shows results its own way",
        "preprocessor `admonish` (`mdbook-admonish`) cannot run: Waymark does not run external programs",
        "renderer `linkcheck` has nothing to do here: Waymark checks every internal link and anchor on each build",
        "`[rust] edition` has nothing to do here: it is used by mdBook's Run button and `mdbook test`, which Waymark does not have",
    ] {
        assert_eq!(
            messages.iter().filter(|m| *m == expected).count(),
            1,
            "{expected} in {messages:#?}"
        );
    }
    let admonish = built
        .warnings
        .sorted()
        .into_iter()
        .find(|d| d.message.starts_with("preprocessor `admonish`"))
        .unwrap();
    assert!(
        admonish.render().contains("book.toml:15:1")
            && admonish
                .render()
                .contains("```admonish blocks are shown as code blocks"),
        "{}",
        admonish.render()
    );
}

#[test]
fn text_direction_and_path_site_url_take_effect() {
    let book = fixture("mdbook");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("multilingual = false", "text-direction = \"rtl\"");
    std::fs::write(&toml, text).unwrap();
    build(book.path());
    assert_eq!(
        attrs(&chapter(book.path(), "index.html"), "html", "dir"),
        ["rtl"]
    );
    let not_found = chapter(book.path(), "404.html");
    assert!(
        attrs(&not_found, ".nav-link", "href")
            .iter()
            .all(|href| href.starts_with("/fixture-book/")),
        "the 404 page's links start from site-url's path"
    );
}

#[test]
fn summary_is_the_navigation() {
    let book = fixture("mdbook");
    build(book.path());
    let reading = chapter(book.path(), "guide/reading.html");
    assert_eq!(
        texts(
            &reading,
            ".sidebar .nav-level-0 > li > .nav-link, .sidebar .nav-level-0 > li > .nav-label"
        ),
        [
            "Introduction",
            "Foreword",
            "User Guide",
            "Reference",
            "Contributors"
        ],
        "prefix chapters, part titles, suffix chapters"
    );
    assert_eq!(
        texts(
            &reading,
            ".sidebar .nav-level-1 > li > .nav-link, .sidebar .nav-level-1 > li > .nav-label"
        ),
        [
            "1. Installation",
            "2. Reading Books",
            "3. Draft Chapter",
            "4. Configuration",
            "5. Links",
            "6. Including Files"
        ],
        "numbered as mdBook numbers them, across parts"
    );
    assert_eq!(
        texts(&reading, ".sidebar .nav-level-2 .nav-link"),
        ["2.1. Nested Chapter"]
    );
    assert!(
        select(&reading, ".sidebar a")
            .iter()
            .all(|a| !a.text().collect::<String>().contains("Draft")),
        "a draft is listed, not linked"
    );
    assert_eq!(
        texts(&reading, "title"),
        ["Reading Books - The Fixture Book"],
        "the chapter's name comes from SUMMARY.md"
    );
    assert!(
        !book.path().join("book/SUMMARY.html").exists(),
        "SUMMARY.md is not a page"
    );
    assert!(
        !book.path().join("book/unlisted.html").exists(),
        "a file SUMMARY.md does not list is not a chapter, as in mdBook"
    );
    // Previous and next follow SUMMARY.md.
    let foreword = chapter(book.path(), "foreword.html");
    assert_eq!(attrs(&foreword, "a[rel=prev]", "href"), ["index.html"]);
    assert_eq!(
        attrs(&foreword, "a[rel=next]", "href"),
        ["guide/installation.html"]
    );
}

#[test]
fn no_section_label_hides_the_numbers() {
    let book = fixture("mdbook");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace(
        "[output.html]\n",
        "[output.html]\nno-section-label = true\n",
    );
    std::fs::write(&toml, text).unwrap();
    build(book.path());
    let reading = chapter(book.path(), "guide/reading.html");
    assert_eq!(
        texts(&reading, ".sidebar .nav-level-1 > li > .nav-link")[0],
        "Installation"
    );
}

#[test]
fn summary_problems_are_errors_at_their_line() {
    let book = fixture("mdbook");
    let summary = book.path().join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary)
        .unwrap()
        .replace("- [Links](links.md)", "- [Links](linkz.md)\n- Loose words");
    std::fs::write(&summary, text).unwrap();
    let message = build_failure(book.path());
    assert!(
        message.contains("src/SUMMARY.md:20:1")
            && message.contains("expected a link in this list item, found `Loose words`"),
        "{message}"
    );
    std::fs::write(
        &summary,
        std::fs::read_to_string(&summary)
            .unwrap()
            .replace("\n- Loose words", ""),
    )
    .unwrap();
    let message = build_failure(book.path());
    assert!(
        message.contains("src/SUMMARY.md:19:1")
            && message
                .contains("SUMMARY.md lists `linkz.md` for `Links`, but there is no such file")
            && message.contains("did you mean `links.md`?"),
        "{message}"
    );
}

#[test]
fn create_missing_writes_the_missing_chapters() {
    let book = fixture("mdbook");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("create-missing = false", "create-missing = true");
    std::fs::write(&toml, text).unwrap();
    let summary = book.path().join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap().replace(
        "- [Links](links.md)",
        "- [Links](links.md)\n- [Glossary](appendix/glossary.md)",
    );
    std::fs::write(&summary, text).unwrap();
    build(book.path());
    assert_eq!(
        std::fs::read_to_string(book.path().join("src/appendix/glossary.md")).unwrap(),
        "# Glossary\n"
    );
    assert!(book.path().join("book/appendix/glossary.html").is_file());
}

#[test]
fn readme_is_the_home_page_and_links_name_html_or_md_files() {
    let book = fixture("mdbook");
    build(book.path());
    let home = chapter(book.path(), "index.html");
    assert_eq!(
        texts(&home, "h1"),
        ["Introduction#"],
        "with its heading link"
    );
    let links = chapter(book.path(), "links.html");
    assert_eq!(
        attrs(&links, ".content p a", "href"),
        ["index.html", "index.html"],
        "README.md and index.html both lead home"
    );
    let installation = chapter(book.path(), "guide/installation.html");
    assert_eq!(
        attrs(&installation, ".content p a", "href"),
        ["reading.html#reading-offline"]
    );
    // A link to a chapter that does not exist is reported, whichever way it is written:
    // as a warning, since mdBook builds the book anyway.
    let page = book.path().join("src/links.md");
    std::fs::write(
        &page,
        "# Links\n\n[Gone](gone.html) and [gone too](gone.md)\n",
    )
    .unwrap();
    let built = build(book.path());
    let broken: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .filter(|d| d.message.starts_with("broken link"))
        .map(|d| d.render())
        .collect();
    assert_eq!(broken.len(), 2, "{broken:#?}");
    assert!(
        broken[0].contains("src/links.md:3:1") && broken[0].contains("`gone.html`"),
        "{broken:#?}"
    );
}

#[test]
fn redirects_are_written_from_output_html_redirect() {
    let book = fixture("mdbook");
    build(book.path());
    let moved = chapter(book.path(), "format/config.html");
    assert_eq!(
        attrs(&moved, "meta[http-equiv=refresh]", "content"),
        ["0; url=../configuration.html"]
    );
    let vec = chapter(book.path(), "vec-alloc.html");
    assert_eq!(
        attrs(&vec, "meta[http-equiv=refresh]", "content"),
        ["0; url=guide/nested.html"],
        "`./` in the old path and `/` (the book's root) in the new one, as mdBook reads them"
    );
    let built = build(book.path());
    let anchors: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .filter(|d| d.message.contains("redirects of anchors"))
        .map(|d| d.render())
        .collect();
    let toml = std::fs::read_to_string(book.path().join("book.toml")).unwrap();
    let line = 1 + toml
        .lines()
        .position(|l| l.starts_with("\"/links.html#old-anchor\""))
        .unwrap();
    assert!(
        anchors.len() == 1
            && anchors[0].contains("(1, the first `/links.html#old-anchor`)")
            && anchors[0].contains(&format!("book.toml:{line}:1")),
        "{anchors:#?}"
    );
    let old = chapter(book.path(), "old-intro.html");
    assert_eq!(
        attrs(&old, "meta[http-equiv=refresh]", "content"),
        ["0; url=index.html#welcome"]
    );
}

#[test]
fn books_read_as_commonmark_get_no_warnings_about_mkdocs() {
    let book = fixture("mdbook");
    let built = build(book.path());
    let mkdocs: Vec<String> = messages(&built)
        .into_iter()
        .filter(|m| m.contains("MkDocs"))
        .collect();
    assert!(mkdocs.is_empty(), "{mkdocs:#?}");
    let nested = chapter(book.path(), "guide/nested.html");
    assert_eq!(
        texts(&nested, ".content li li"),
        ["nested by two spaces, as CommonMark allows"]
    );
}

/// The text of the code blocks of a page.
fn code_blocks(page: &scraper::Html) -> Vec<String> {
    select(page, ".content pre code")
        .iter()
        .map(|code| code.text().collect())
        .collect()
}

#[test]
fn the_links_preprocessor_is_built_in() {
    let book = fixture("mdbook");
    build(book.path());
    let page = chapter(book.path(), "includes.html");
    assert_eq!(
        texts(&page, ".content > p"),
        [
            "A shared paragraph, included relative to this chapter.",
            "And a nested one, relative to the file that includes it.",
            "Write {{#include file.rs}} to show the directive itself.",
        ],
        "relative to the including file, nested, and escaped"
    );
    let blocks = code_blocks(&page);
    assert_eq!(
        blocks[0], "    println!(\"Guess the number!\");\n",
        "an anchor"
    );
    assert_eq!(
        blocks[2], "fn main() {\n    // ANCHOR: print\n    println!(\"Guess the number!\");\n",
        "lines 5 to 7, as written in the file"
    );
    assert!(
        blocks[3].starts_with("// ANCHOR: all\nuse std::io;")
            && blocks[3].ends_with("// ANCHOR_END: all\n"),
        "{{#playground}}: the whole file as a code block: {}",
        blocks[3]
    );
    assert_eq!(
        texts(&page, "title"),
        ["Including files in a chapter - The Fixture Book"],
        "{{#title}} names the page"
    );
    let all = std::fs::read_to_string(book.path().join("book/includes.html")).unwrap();
    assert!(
        !all.contains("{{#include ../") && !all.contains("{{#title"),
        "{all}"
    );
}

#[test]
fn include_problems_are_reported_at_the_including_line() {
    let book = fixture("mdbook");
    let page = book.path().join("src/includes.md");
    std::fs::write(
        &page,
        "# Including Files\n\n{{#include missing.rs}}\n\n```rust\n{{#include ../listings/ch01/main.rs:nowhere}}\n```\n\n{{#include ../../../outside.md}}\n\n{{#include snippets/loop.md}}\n",
    )
    .unwrap();
    std::fs::write(
        book.path().join("src/snippets/loop.md"),
        "{{#include loop.md}}\n",
    )
    .unwrap();
    std::fs::write(book.path().join("src/snippets/nul.md"), "a\0b\n").unwrap();
    let message = build_failure(book.path());
    for expected in [
        "src/includes.md:3:1",
        "`{{#include missing.rs}}`: no file `missing.rs`",
        "paths are relative to the folder of the file that includes it (`src`)",
        "src/includes.md:6:1",
        "anchor `nowhere` not found: no `ANCHOR: nowhere` line",
        "src/includes.md:9:1",
        "snippet include cycle: src/snippets/loop.md -> src/snippets/loop.md",
    ] {
        assert!(message.contains(expected), "{expected} in {message}");
    }
    assert!(
        message.contains("`{{#include ../../../outside.md}}`: no file")
            || message.contains("`{{#include ../../../outside.md}}` leads outside the repository"),
        "{message}"
    );
    std::fs::write(&page, "# Including Files\n\n{{#include snippets/nul.md}}\n").unwrap();
    let message = build_failure(book.path());
    assert!(
        message.contains("src/includes.md:3:1") && message.contains("contains a NUL character"),
        "{message}"
    );
    // A file that is not there (rust-analyzer's book includes files a script generates
    // first): mdBook reports it and builds on with the directive as written.
    std::fs::remove_file(book.path().join("src/snippets/nul.md")).unwrap();
    std::fs::write(&page, "# Including Files\n\n{{#include generated.md:2:}}\n").unwrap();
    let built = build(book.path());
    assert!(
        messages(&built)
            .contains(&"`{{#include generated.md:2:}}`: no file `generated.md`".to_string()),
        "{:?}",
        messages(&built)
    );
    let all = std::fs::read_to_string(book.path().join("book/includes.html")).unwrap();
    assert!(all.contains("{{#include generated.md:2:}}"), "{all}");
}

#[test]
fn rust_code_blocks_as_mdbook_shows_them() {
    let book = fixture("mdbook");
    build(book.path());
    let page = chapter(book.path(), "guide/installation.html");
    let blocks = select(&page, ".content div.highlight");
    assert_eq!(
        blocks[0].value().attr("class"),
        Some("highlight has-hidden-lines")
    );
    let hidden = |block: &scraper::ElementRef| -> Vec<String> {
        block
            .select(&scraper::Selector::parse(".hidden-line").unwrap())
            .map(|line| line.text().collect::<String>())
            .collect()
    };
    assert_eq!(hidden(&blocks[0]), ["fn main() {\n", "}\n"]);
    assert_eq!(
        blocks[0].text().collect::<String>(),
        "fn main() {\nlet x = 5;\n# not hidden: a `#` of the code\n#[derive(Debug)]\nstruct Point;\n}\n",
        "the hidden lines stay in the page (the copy button copies them), without their marks"
    );
    assert_eq!(
        attrs(&page, ".content pre code", "class"),
        ["language-rust", "language-rust", "language-python"],
        "attributes do not hide the language"
    );
    assert!(
        !select(
            &page,
            ".content div.highlight:nth-of-type(2) code span[class^=hl-]"
        )
        .is_empty(),
        "a block with attributes is highlighted"
    );
    assert_eq!(hidden(&blocks[2]), ["import sys\n"], "code.hidelines");
    let includes = chapter(book.path(), "includes.html");
    let rustdoc = &select(&includes, ".content div.highlight")[1];
    assert_eq!(
        hidden(rustdoc),
        ["use std::io;\n", "\n"],
        "{{#rustdoc_include}}: the rest of the file as hidden lines"
    );
    let html = std::fs::read_to_string(book.path().join("book/guide/installation.html")).unwrap();
    assert!(
        !html.contains("play.rust-lang.org")
            && !select(&page, "button")
                .iter()
                .any(|b| b.text().any(|t| t.contains("Run"))),
        "no Run button and no request to the playground"
    );
}

#[test]
fn an_mdbook_theme_folder_is_named_in_one_warning_and_its_styles_still_apply() {
    let book = fixture("mdbook");
    let built = build(book.path());
    let warnings: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .filter(|d| d.message.contains("mdBook theme folder"))
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        warnings,
        ["the mdBook theme folder `theme/` cannot be used as it is: theme/book.js, theme/head.hbs replace parts of mdBook's own theme, which Waymark does not have"]
    );
    let home = chapter(book.path(), "index.html");
    let styles = attrs(&home, "link[rel=stylesheet]", "href");
    assert!(
        styles.contains(&"theme/custom.css".to_string())
            && styles.contains(&"theme/css/language-picker.css".to_string()),
        "{styles:?}"
    );
    assert!(book
        .path()
        .join("book/theme/css/language-picker.css")
        .is_file());
    assert!(
        !attrs(&home, "script", "src")
            .iter()
            .any(|s| s.ends_with("book.js")),
        "mdBook's own script is not loaded into Waymark's pages"
    );
    assert!(
        attrs(&home, ".site-title, header a", "href")
            .iter()
            .any(|h| h == "index.html"),
        "Waymark's theme"
    );
}

#[test]
fn without_a_readme_the_first_chapter_is_the_books_address() {
    let book = fixture("mdbook");
    std::fs::remove_file(book.path().join("src/README.md")).unwrap();
    let summary = book.path().join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary)
        .unwrap()
        .replace("[Introduction](README.md)\n", "");
    std::fs::write(&summary, text).unwrap();
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("\"/old-intro.html\" = \"README.html#welcome\"\n", "");
    std::fs::write(&toml, text).unwrap();
    std::fs::write(book.path().join("src/links.md"), "# Links\n").unwrap();
    build(book.path());
    let index = chapter(book.path(), "index.html");
    assert_eq!(
        attrs(&index, "meta[http-equiv=refresh]", "content"),
        ["0; url=foreword.html"]
    );
    let nested = chapter(book.path(), "guide/nested.html");
    assert!(
        attrs(&nested, "header a", "href").contains(&"../foreword.html".to_string()),
        "the header's home link leads to the first chapter: {:?}",
        attrs(&nested, "header a", "href")
    );
}

/// The ids of `html`'s elements, each once.
fn ids(html: &scraper::Html) -> Vec<String> {
    attrs(html, "[id]", "id")
}

#[test]
fn print_html_is_the_whole_book_on_one_page() {
    let book = fixture("mdbook");
    build(book.path());
    let print = chapter(book.path(), "print.html");
    assert_eq!(attrs(&print, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(
        texts(&print, ".content section.print-page > h1"),
        [
            "Introduction#",
            "Foreword#",
            "Installation#",
            "Reading Books#",
            "A Nested Chapter#",
            "Configuration#",
            "Preprocessors#",
            "Links#",
            "Including Files#",
            "Contributors#",
        ],
        "every chapter in SUMMARY.md's order, the 404 page and unlisted files left out"
    );
    let mut all = ids(&print);
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "ids are unique");
    // Links between chapters, also to a heading of another chapter, land in the page.
    let links = attrs(&print, "section#links a", "href");
    assert_eq!(
        links,
        [
            "#links--links",
            "#index",
            "#index",
            "#guide-reading--reading-offline",
            "#guide-installation"
        ]
    );
    for href in attrs(&print, ".content a[href^='#']", "href") {
        assert!(all.contains(&href[1..].to_string()), "{href} has no target");
    }
    // Every page offers it, from its own depth; print.html does not link to itself.
    assert_eq!(
        attrs(
            &chapter(book.path(), "guide/nested.html"),
            ".print-link a",
            "href"
        ),
        ["../print.html"]
    );
    assert_eq!(
        texts(&chapter(book.path(), "index.html"), ".print-link a"),
        ["Print the whole guide"]
    );
    assert!(select(&print, ".print-link").is_empty());
    let indexed: Vec<String> = search_fragments(&book.path().join("book"))
        .iter()
        .map(|f| f["url"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        indexed.iter().any(|url| url.contains("installation")),
        "{indexed:?}"
    );
    assert!(
        !indexed
            .iter()
            .any(|url| url.contains("print") || url.contains("404")),
        "{indexed:?}"
    );
}

#[test]
fn print_enable_false_turns_the_printable_book_off() {
    let book = fixture("mdbook");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}\n[output.html.print]\nenable = false\n"),
    )
    .unwrap();
    let built = build(book.path());
    assert!(!book.path().join("book/print.html").exists());
    assert!(select(&chapter(book.path(), "index.html"), ".print-link").is_empty());
    assert!(
        !messages(&built).iter().any(|m| m.contains("print")),
        "{:?}",
        messages(&built)
    );
}

#[test]
fn input_404_is_rendered_as_the_not_found_page() {
    let book = fixture("mdbook");
    build(book.path());
    let not_found = chapter(book.path(), "404.html");
    assert_eq!(
        texts(&not_found, ".content h1"),
        ["Document not found (404)#"]
    );
    assert_eq!(
        attrs(&not_found, ".content p a:not(.button)", "href"),
        [
            "/fixture-book/index.html#welcome",
            "/fixture-book/guide/installation.html"
        ],
        "its links work from any address, from site-url's path"
    );
    assert_eq!(
        select(&not_found, "h1").len(),
        1,
        "its own heading is the title"
    );
    let home = chapter(book.path(), "index.html");
    assert!(
        !attrs(&home, ".sidebar a", "href")
            .iter()
            .any(|href| href.contains("404")),
        "not in the navigation"
    );
}

#[test]
fn input_404_naming_a_missing_file_is_an_error_at_the_key() {
    let book = fixture("mdbook");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("cname =", "input-404 = \"lost.md\"\ncname =");
    std::fs::write(&toml, text).unwrap();
    let failure = build_failure(book.path());
    assert!(
        failure.contains("book.toml:27:1")
            && failure.contains("`input-404 = \"lost.md\"`: there is no file src/lost.md")
            && failure.contains("create the file, or remove `input-404`"),
        "{failure}"
    );
}

#[test]
fn an_anchor_not_in_the_file_includes_nothing_as_in_mdbook() {
    // Comprehensive Rust includes anchors its own preprocessor makes: mdBook's include
    // finds nothing there, says nothing and builds on; Waymark warns and builds on.
    let book = fixture("mdbook");
    std::fs::write(
        book.path().join("src/includes.md"),
        "# Including Files\n\nBefore.\n\n{{#include ../listings/ch01/main.rs:nowhere}}\n\nAfter.\n",
    )
    .unwrap();
    let built = build(book.path());
    assert!(
        messages(&built)
            .iter()
            .any(|m| m.contains("anchor `nowhere` not found: no `ANCHOR: nowhere` line")),
        "{:?}",
        messages(&built)
    );
    let page = std::fs::read_to_string(book.path().join("book/includes.html")).unwrap();
    assert!(page.contains("<p>Before.</p>\n<p>After.</p>"), "{page}");
}

#[test]
fn a_book_without_a_title_is_named_by_its_first_chapter() {
    // Helix's book has no `title` in book.toml; mdBook names each page by its chapter
    // alone, and the first chapter ("Helix") is the book's name to its readers.
    let book = fixture("mdbook");
    let config = std::fs::read_to_string(book.path().join("book.toml")).unwrap();
    let untitled: String = config
        .lines()
        .filter(|line| !line.starts_with("title"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(book.path().join("book.toml"), untitled).unwrap();
    build(book.path());
    let summary = std::fs::read_to_string(book.path().join("src/SUMMARY.md")).unwrap();
    let first = summary
        .lines()
        .find_map(|line| {
            line.split_once("](")
                .map(|(title, _)| title.rsplit('[').next().unwrap().to_string())
        })
        .unwrap();
    let page = chapter(book.path(), "guide/installation.html");
    let title = texts(&page, "title");
    assert_eq!(title.len(), 1);
    assert!(
        title[0].ends_with(&format!(" - {first}")),
        "{title:?} against {first}"
    );
}

#[test]
fn heading_ids_are_mdbooks() {
    // Helix's keymap links to `#select--extend-mode`, the id mdBook gives the heading
    // "Select / extend mode"; MkDocs' rule (`select-extend-mode`) left 9 links broken.
    let book = fixture("mdbook");
    let page = book.path().join("src/guide/installation.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n## Select / extend mode\n\n## Select / extend mode\n\nSee [select mode](#select--extend-mode) and [again](#select--extend-mode-1).\n"),
    )
    .unwrap();
    let built = build(book.path());
    assert!(
        !messages(&built).iter().any(|m| m.contains("broken anchor")),
        "{:?}",
        messages(&built)
    );
    let html = std::fs::read_to_string(book.path().join("book/guide/installation.html")).unwrap();
    assert!(
        html.contains("id=\"select--extend-mode\"")
            && html.contains("id=\"select--extend-mode-1\""),
        "{html}"
    );
}

#[test]
fn links_through_a_preprocessors_own_directive_are_reported_once_over() {
    // PyO3's guide writes ~160 links as `({{#PYO3_DOCS_URL}}/pyo3/...)`, which its own
    // preprocessor fills in: the preprocessor is named in a warning, the links at the
    // info level (listed with --verbose), not as ~160 broken-link warnings.
    let book = fixture("mdbook");
    let page = book.path().join("src/guide/installation.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nSee [the API]({{{{#DOCS_URL}}}}/api/struct.Thing.html) and [a page](nowhere.md).\n"),
    )
    .unwrap();
    let built = build(book.path());
    let about = |part: &str| -> Vec<(waymark::diag::Severity, String)> {
        built
            .warnings
            .sorted()
            .iter()
            .filter(|d| d.message.contains(part))
            .map(|d| (d.severity, d.message.clone()))
            .collect()
    };
    assert_eq!(
        about("DOCS_URL"),
        [(
            waymark::diag::Severity::Info,
            "link `{{#DOCS_URL}}/api/struct.Thing.html` holds a `{{#…}}` directive that no preprocessor here fills in".to_string()
        )]
    );
    assert_eq!(about("nowhere.md")[0].0, waymark::diag::Severity::Warning);
}
