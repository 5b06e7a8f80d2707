//! The theme-facing settings of a Material project's mkdocs.yml (issue 15): each takes
//! effect in the built pages, or is named in one warning.

mod common;
use common::*;
use std::path::Path;

fn build_mkdocs(dir: &Path) -> waymark::Built {
    let config =
        waymark::load_config(dir).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    waymark::build_with(config, None, &())
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()))
}

/// Edits the fixture's mkdocs.yml: each `(from, to)` replaced once.
fn edit_config(dir: &Path, edits: &[(&str, &str)]) {
    let file = dir.join("mkdocs.yml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(file, text).unwrap();
}

fn messages(built: &waymark::Built) -> Vec<String> {
    built
        .warnings
        .sorted()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

fn style(html: &scraper::Html) -> String {
    texts(html, "head style").join("\n")
}

#[test]
fn extra_css_and_javascript_follow_the_themes_own_in_order() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let setup = page(project.path(), "guide/setup/index.html");
    let css = attrs(&setup, "link[rel=stylesheet]", "href");
    assert_eq!(
        css[css.len() - 2..],
        ["../../css/custom.css", "https://example.org/shared.css"],
        "{css:?}"
    );
    assert!(
        css[0].starts_with("../../_waymark/"),
        "the theme's own first"
    );
    let scripts = select(&setup, "script[src]");
    let last: Vec<(String, Option<&str>, bool, bool)> = scripts[scripts.len() - 3..]
        .iter()
        .map(|s| {
            let v = s.value();
            (
                v.attr("src").unwrap().to_string(),
                v.attr("type"),
                v.attr("async").is_some(),
                v.attr("defer").is_some(),
            )
        })
        .collect();
    assert_eq!(
        last,
        [
            ("../../js/custom.js".to_string(), None, false, false),
            (
                "../../js/module.mjs".to_string(),
                Some("module"),
                false,
                false
            ),
            ("../../js/late.js".to_string(), None, true, true),
        ]
    );
    assert!(project.path().join("site/js/module.mjs").is_file());
}

#[test]
fn logo_icons_repo_name_and_homepage() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let setup = page(project.path(), "guide/setup/index.html");
    assert_eq!(
        attrs(&setup, ".site-title img.site-logo", "src"),
        ["../../img/logo.svg"]
    );
    assert_eq!(
        attrs(&setup, "a.site-title", "href"),
        ["https://example.org/"],
        "extra.homepage"
    );
    assert_eq!(texts(&setup, ".repo-link-text"), ["example/field-guide"]);
    assert_eq!(
        select(&setup, ".repo-link span.icon svg path").len(),
        1,
        "theme.icon.repo"
    );
    assert_eq!(
        select(&setup, ".edit-link span.icon svg path").len(),
        1,
        "theme.icon.edit"
    );
    assert!(
        style(&setup).contains(".admonition.note{--adm-icon:url(\"data:image/svg+xml,%3Csvg"),
        "theme.icon.admonition: {}",
        style(&setup)
    );
    // Without theme.logo, theme.icon.logo is the logo.
    edit_config(
        project.path(),
        &[
            ("  logo: img/logo.svg\n", ""),
            ("    repo:", "    logo: material/library\n    repo:"),
        ],
    );
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert!(select(&home, ".site-title img").is_empty());
    assert_eq!(select(&home, ".site-title span.site-logo svg").len(), 1);
}

#[test]
fn values_from_the_configuration_are_escaped() {
    let project = fixture("mkdocs-theme");
    edit_config(
        project.path(),
        &[
            ("repo_name: example/field-guide", "repo_name: '<b>x</b>\"'"),
            (
                "name: Example on Mastodon",
                "name: '\"><script>alert(1)</script>'",
            ),
        ],
    );
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert_eq!(texts(&home, ".repo-link-text"), ["<b>x</b>\""]);
    assert!(select(&home, ".repo-link b, footer script").is_empty());
    assert_eq!(
        attrs(&home, ".social-links a", "aria-label")[1],
        "\"><script>alert(1)</script>"
    );
}

#[test]
fn script_urls_in_theme_settings_are_errors() {
    let project = fixture("mkdocs-theme");
    edit_config(
        project.path(),
        &[(
            "link: https://github.com/example\n",
            "link: javascript:alert(1)\n",
        )],
    );
    let failure = waymark::load_config(project.path()).unwrap_err();
    let text = failure.diagnostics().render();
    assert!(
        text.contains("`extra.social` link `javascript:alert(1)` is a `javascript:` URL"),
        "{text}"
    );
}

#[test]
fn palette_colours_the_header_and_a_list_keeps_the_toggle() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert_eq!(select(&home, "header.site-header.has-primary").len(), 1);
    let css = style(&home);
    assert!(
        css.contains("--primary:light-dark(#009485,#009485)"),
        "{css}"
    );
    assert!(
        css.contains("--primary-fg:light-dark(#0f1419,#0f1419)"),
        "dark text on teal: {css}"
    );
    assert_eq!(select(&home, "button.scheme-toggle").len(), 1);
    // One palette without a toggle fixes the scheme, as Material does.
    let yml = std::fs::read_to_string(project.path().join("mkdocs.yml")).unwrap();
    let start = yml.find("  palette:").unwrap();
    let end = yml.find("  features:").unwrap();
    let fixed = format!(
        "{}  palette:\n    scheme: slate\n    primary: indigo\n{}",
        &yml[..start],
        &yml[end..]
    );
    std::fs::write(project.path().join("mkdocs.yml"), fixed).unwrap();
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert!(select(&home, "button.scheme-toggle").is_empty());
    assert!(texts(&home, "head script")
        .join("")
        .contains("root.dataset.scheme = \"dark\""));
    assert!(style(&home).contains("--primary-fg:light-dark(#ffffff,#ffffff)"));
}

#[test]
fn social_links_and_the_generator_line_are_in_the_footer() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert_eq!(
        attrs(&home, "footer .social-links a", "href"),
        [
            "https://github.com/example",
            "https://mastodon.social/@example"
        ]
    );
    assert_eq!(
        attrs(&home, "footer .social-links a", "aria-label"),
        ["github.com", "Example on Mastodon"]
    );
    assert_eq!(select(&home, "footer .social-links svg").len(), 2);
    assert_eq!(
        texts(&home, "footer .built-with"),
        ["Tehty työkalulla Waymark"]
    );
    edit_config(
        project.path(),
        &[("extra:\n", "extra:\n  generator: false\n")],
    );
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert!(select(&home, ".built-with").is_empty());
}

#[test]
fn alternate_languages_are_a_menu_in_the_header() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let setup = page(project.path(), "guide/setup/index.html");
    assert_eq!(texts(&setup, "header details.alternate summary"), ["Kieli"]);
    assert_eq!(
        attrs(&setup, "header details.alternate a", "href"),
        ["/fi/", "/en/"]
    );
    assert_eq!(
        attrs(&setup, "header details.alternate a", "hreflang"),
        ["fi", "en"]
    );
    assert_eq!(
        attrs(&setup, "header details.alternate a[aria-current]", "href"),
        ["/fi/"]
    );
}

#[test]
fn custom_dir_static_files_are_copied_and_the_docs_folder_wins() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let site = project.path().join("site");
    assert!(site.join("assets/extra.css").is_file());
    assert!(site.join("assets/badge.svg").is_file());
    let custom = std::fs::read_to_string(site.join("css/custom.css")).unwrap();
    assert!(custom.contains("the docs folder's own"), "{custom}");
    for template_or_code in ["main.html", "partials/footer.html", "README.md", "hook.py"] {
        assert!(!site.join(template_or_code).exists(), "{template_or_code}");
    }
}

#[test]
fn custom_dir_announce_block_is_the_banner_when_plain() {
    let project = fixture("mkdocs-theme");
    let built = build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert_eq!(
        texts(&home, ".announcement-text"),
        ["Uusi versio on julkaistu: lue lisää."]
    );
    assert_eq!(
        messages(&built),
        ["`theme.custom_dir` holds MkDocs templates, which Waymark cannot use"],
        "the fixture's one warning"
    );
    let main = project.path().join("overrides/main.html");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, text.replace("lue lisää", "{{ config.site_name }}")).unwrap();
    let built = build_mkdocs(project.path());
    assert!(select(&page(project.path(), "index.html"), ".announcement").is_empty());
    assert_eq!(
        messages(&built),
        ["`theme.custom_dir` holds MkDocs templates, which Waymark cannot use; the announcement banner in its main.html holds template logic and was not taken"]
    );
}

#[test]
fn settings_that_cannot_apply_are_named_once_each() {
    let project = fixture("mkdocs-theme");
    edit_config(
        project.path(),
        &[
            (
                "  font: false\n",
                "  font:\n    text: Roboto\n    code: Roboto Mono\n  direction: ltr\n",
            ),
            ("extra:\n", "extra:\n  analytics:\n    provider: google\n"),
        ],
    );
    let built = build_mkdocs(project.path());
    let messages = messages(&built);
    for expected in [
        "`theme.font` names web fonts (Roboto, Roboto Mono), which Waymark does not download",
        "`theme.direction` is not used by Waymark",
        "`extra.analytics` is not used by Waymark",
    ] {
        assert_eq!(
            messages.iter().filter(|m| *m == expected).count(),
            1,
            "{expected} in {messages:#?}"
        );
    }
}

#[test]
fn a_finnish_site_shows_the_themes_words_in_finnish() {
    let project = fixture("mkdocs-theme");
    build_mkdocs(project.path());
    let home = page(project.path(), "index.html");
    assert_eq!(attrs(&home, "html", "lang"), ["fi"]);
    assert_eq!(texts(&home, ".toc-heading"), ["Tällä sivulla"]);
    assert_eq!(texts(&home, ".pager-dir"), ["Seuraava"]);
    assert_eq!(attrs(&home, "#search-input", "placeholder"), ["Haku"]);
    assert_eq!(texts(&home, ".skip-link"), ["Siirry sisältöön"]);
    let setup = page(project.path(), "guide/setup/index.html");
    assert_eq!(texts(&setup, ".edit-link"), ["Muokkaa tätä sivua"]);
    let words: serde_json::Value =
        serde_json::from_str(&attrs(&home, "body", "data-words")[0]).unwrap();
    assert_eq!(words["js_copied"], "Kopioitu", "the scripts' words too");
    assert!(
        words.get("on_this_page").is_none(),
        "only the scripts' words"
    );
}

/// A book.toml project with a theme folder holding `i18n/<language>.toml`.
fn book_with_words(language: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = fixture("basic");
    let config = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
    let config = config
        .replace("language = \"fi\"", &format!("language = \"{language}\""))
        .replace("[output.html]", "[output.html]\ntheme = \"theme\"");
    std::fs::write(dir.path().join("book.toml"), config).unwrap();
    std::fs::create_dir_all(dir.path().join("theme/i18n")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("theme/i18n").join(name), text).unwrap();
    }
    build(dir.path());
    dir
}

#[test]
fn a_users_words_replace_the_themes_word_by_word_and_english_fills_gaps() {
    // Overriding one Finnish word keeps the other Finnish words.
    let dir = book_with_words("fi", &[("fi.toml", "on_this_page = \"Sisällys\"\n")]);
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(texts(&html, ".toc-heading"), ["Sisällys"]);
    assert_eq!(attrs(&html, "#search-input", "placeholder"), ["Haku"]);
    // A new language with one word: English for the rest.
    let dir = book_with_words("se", &[("se.toml", "search = \"Oza\"\n")]);
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(attrs(&html, "#search-input", "placeholder"), ["Oza"]);
    assert_eq!(texts(&html, ".toc-heading"), ["On this page"]);
    // A regional tag uses its language's file.
    let dir = book_with_words("pt-BR", &[]);
    let html = page(dir.path(), "guide/setup/index.html");
    assert_eq!(texts(&html, ".toc-heading"), ["Nesta página"]);
}

#[test]
fn every_language_file_has_exactly_the_words_of_english() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    let keys = |name: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            table.values().all(|v| v.is_str()),
            "{name}: words are strings"
        );
        table.keys().cloned().collect()
    };
    let english = keys("en.toml");
    let mut languages = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert_eq!(
            keys(&name),
            english,
            "{name} must have exactly the keys of en.toml"
        );
        languages.push(name.trim_end_matches(".toml").to_string());
    }
    for language in ["en", "fi", "sv", "de", "fr", "es", "nl", "it", "pt", "ja"] {
        assert!(languages.iter().any(|l| l == language), "{language}");
    }
}
