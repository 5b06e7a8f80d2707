//! An existing MkDocs project built from its own mkdocs.yml, without touching a file.

mod common;
use common::*;
use std::path::Path;

fn build_mkdocs(dir: &Path) -> waymark::Built {
    let config =
        waymark::load_config(dir).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    waymark::build_with(config, None, &())
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()))
}

/// An empty folder that is the root of a repository (includes may read anywhere in it).
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join(".git")).unwrap();
    repo
}

/// Writes `text` to `rel` under `root`, creating its folders.
fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The page `rel` of the site built into the folder `output` of project `dir`, parsed.
fn output_page(dir: &Path, output: &str, rel: &str) -> scraper::Html {
    scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join(output).join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}")),
    )
}

/// The text of each code block of `page`, as written (`texts` would join its lines).
fn code_blocks(page: &scraper::Html) -> Vec<String> {
    select(page, "pre code")
        .iter()
        .map(|code| code.text().collect())
        .collect()
}

/// A page of the `mkdocs` fixture, whose `site_dir` is `public`.
fn site_page(dir: &Path, rel: &str) -> scraper::Html {
    output_page(dir, "public", rel)
}

#[test]
fn settings_come_from_mkdocs_yml_and_its_parent() {
    let project = fixture("mkdocs");
    let built = build_mkdocs(project.path());
    assert!(
        project.path().join("public/index.html").is_file(),
        "site_dir is honoured"
    );
    let home = site_page(project.path(), "index.html");
    assert_eq!(
        texts(&home, ".site-title"),
        ["Fixture Docs"],
        "site_name from !ENV's default"
    );
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        ["https://docs.example.org/fixture/"]
    );
    assert_eq!(
        attrs(&home, "meta[name=description]", "content"),
        Vec::<String>::new(),
        "only pages' own descriptions"
    );
    let setup = site_page(project.path(), "guide/setup/index.html");
    assert_eq!(
        attrs(&setup, "a.edit-link", "href"),
        ["https://git.example.org/team/fixture/edit/main/docs/guide/setup.md"]
    );
    assert!(built.pages >= 7);
}

#[test]
fn unsupported_settings_are_warned_about_once_each() {
    let project = fixture("mkdocs");
    let built = build_mkdocs(project.path());
    let messages: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    for expected in [
        "`hooks` cannot run: Waymark does not run Python code",
        "`theme.custom_dir` holds MkDocs templates, which Waymark cannot use",
        "plugin `git-committers` is not available in Waymark",
        "Markdown extension `pymdownx.progressbar` is not supported",
        "the theme has no template `wide.html`; using page.html",
    ] {
        assert_eq!(
            messages.iter().filter(|m| *m == expected).count(),
            1,
            "{expected} in {messages:#?}"
        );
    }
    let omitted: Vec<&String> = messages
        .iter()
        .filter(|m| m.ends_with("is not in the navigation"))
        .collect();
    assert_eq!(
        omitted.len(),
        3,
        "validation.omitted_files: warn: {omitted:?}"
    );
    assert!(
        built.warnings.render().contains("--> mkdocs.yml:"),
        "warnings name mkdocs.yml"
    );
    // An extension is named at its own line, not at `markdown_extensions:`.
    assert!(
        built.warnings.render().contains(
            "Markdown extension `pymdownx.progressbar` is not supported\n  --> mkdocs.yml:39:5"
        ),
        "{}",
        built.warnings.render()
    );
}

#[test]
fn nav_titles_sections_links_and_duplicates() {
    let project = fixture("mkdocs");
    build_mkdocs(project.path());
    let setup = site_page(project.path(), "guide/setup/index.html");
    assert_eq!(
        texts(&setup, "title"),
        ["Set it up - Fixture Docs"],
        "the nav title wins over front-matter and heading"
    );
    assert_eq!(
        texts(&setup, "#sidebar a"),
        [
            "Welcome",
            "Guide",
            "Set it up",
            "Usage",
            "Setup again",
            "Options",
            "Status page (external site)"
        ],
        "the untitled first entry is the section's page; the same page may be listed twice"
    );
    assert_eq!(
        attrs(&setup, "#sidebar a", "href")[1],
        "../",
        "the section links to its index page"
    );
    assert_eq!(texts(&setup, ".breadcrumbs a"), ["Home", "Guide"]);
    assert_eq!(texts(&setup, ".breadcrumbs li").len(), 3);
    let options = site_page(project.path(), "reference/options/index.html");
    assert!(texts(&options, "#sidebar a").contains(&"Status page (external site)".to_string()));
    assert_eq!(
        attrs(&options, "#sidebar a.external", "href"),
        ["https://status.example.org"]
    );
}

#[test]
fn pages_outside_the_nav_are_built_with_folder_breadcrumbs() {
    let project = fixture("mkdocs");
    build_mkdocs(project.path());
    let hidden = site_page(project.path(), "reference/hidden/index.html");
    assert_eq!(texts(&hidden, ".breadcrumbs a"), ["Home", "Reference"]);
    assert_eq!(texts(&hidden, "main h1"), ["Not in the nav#"]);
}

#[test]
fn site_absolute_links_symlinks_and_html_anchors_resolve() {
    let project = fixture("mkdocs");
    build_mkdocs(project.path());
    let home = site_page(project.path(), "index.html");
    assert!(attrs(&home, "main a", "href").contains(&"guide/usage/#running".to_string()));
    let usage = site_page(project.path(), "guide/usage/index.html");
    assert!(attrs(&usage, "main a", "href").contains(&"../../".to_string()));
    let setup = site_page(project.path(), "guide/setup/index.html");
    assert!(attrs(&setup, "main a", "href")
        .contains(&"../../reference/options/#custom-anchor".to_string()));
    assert_eq!(attrs(&setup, "main h2", "id"), ["install", "install_1"]);
    let glossary = site_page(project.path(), "reference/glossary/index.html");
    assert_eq!(
        attrs(&glossary, "main p a", "href"),
        ["../options/"],
        "a symlinked page's links resolve from where the link lives"
    );
}

#[test]
fn hide_keys_and_tags_index() {
    let project = fixture("mkdocs");
    build_mkdocs(project.path());
    let usage = site_page(project.path(), "guide/usage/index.html");
    assert!(select(&usage, "#sidebar").is_empty(), "hide: navigation");
    assert!(select(&usage, ".toc").is_empty(), "hide: toc");
    assert!(select(&usage, ".site-footer").is_empty(), "hide: footer");
    let tags = site_page(project.path(), "tags/index.html");
    assert_eq!(texts(&tags, "main h2"), ["setup", "start"]);
    assert_eq!(
        attrs(&tags, "main h2 + ul a", "href"),
        ["../guide/setup/", "../guide/setup/", "../"]
    );
}

#[test]
fn redirect_maps_write_redirect_pages() {
    let project = fixture("mkdocs");
    build_mkdocs(project.path());
    let old = site_page(project.path(), "guide/old-setup/index.html");
    assert_eq!(
        attrs(&old, "meta[http-equiv=refresh]", "content"),
        ["0; url=../setup/#install"]
    );
    assert_eq!(
        attrs(&old, "link[rel=canonical]", "href"),
        ["https://docs.example.org/fixture/guide/setup/#install"]
    );
    assert_eq!(attrs(&old, "a", "href"), ["../setup/#install"]);
    let start = site_page(project.path(), "old-start/index.html");
    assert_eq!(
        attrs(&start, "meta[http-equiv=refresh]", "content"),
        ["0; url=../guide/"]
    );
    let away = site_page(project.path(), "moved-away/index.html");
    assert_eq!(
        attrs(&away, "link[rel=canonical]", "href"),
        ["https://example.org/elsewhere/"]
    );
}

/// Adds `from: to` redirects at the top of the fixture's `redirect_maps` (from line 47 on).
fn add_redirects(project: &Path, redirects: &[(&str, &str)]) {
    let config = project.join("mkdocs.yml");
    let mut lines = String::from("      redirect_maps:\n");
    for (from, to) in redirects {
        lines.push_str(&format!("        {from}: {to}\n"));
    }
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("      redirect_maps:\n", &lines)).unwrap();
}

#[test]
fn a_redirect_is_written_over_the_page_at_its_address_as_mkdocs_redirects_writes_it() {
    // Instructor's docs redirect `jobs.md` to a job board and keep a `jobs.md` page:
    // mkdocs-redirects writes its redirect over the page, silently; Waymark says so. One
    // that leads to the page itself would loop: the page stays.
    let project = fixture("mkdocs");
    add_redirects(
        project.path(),
        &[
            // No page, but the address of `guide/usage.md`.
            ("guide/usage/index.md", "guide/setup.md"),
            ("guide/setup.md", "https://example.org/setup"),
            ("guide/setup/index.md", "guide/setup.md"),
            ("gone.md", "guide/nowhere.md"),
            // Instructor's: mkdocs-redirects leads only to pages.
            ("llms.txt", "llms.txt"),
            // So nothing is written over the home page either.
            ("index.md", "llms.txt"),
        ],
    );
    write_file(project.path(), "docs/llms.txt", "For language models.\n");
    let output = waymark(&["check", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    for expected in [
        "warning: redirect from `guide/usage/index.md` is written over the page docs/guide/usage.md at `guide/usage/index.html`, as mkdocs-redirects writes it",
        "warning: redirect from `guide/setup.md` is written over the page docs/guide/setup.md at `guide/setup/index.html`, as mkdocs-redirects writes it
  --> mkdocs.yml:48:9",
        // As MkDocs' `validation.links.not_found`, whose default is `warn`.
        "warning: redirect from `gone.md` leads to `guide/nowhere.md`, which does not exist
  --> mkdocs.yml:50:18
   |
50 |         gone.md: guide/nowhere.md
   |                  ^^^^^^^^^^^^^^^^
  = help: no page or file `guide/nowhere.md`; paths are relative to the content folder
",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    for from in ["llms.txt", "index.md"] {
        assert!(
            err.contains(&format!("warning: redirect from `{from}` leads to `llms.txt`, which is no page: it is not written")),
            "{err}"
        );
    }
    assert!(
        !err.contains("redirect from `index.md` is written over"),
        "{err}"
    );
    assert!(!err.contains("guide/setup/index.md"), "{err}");
    build_mkdocs(project.path());
    let refresh = |rel: &str| {
        attrs(
            &site_page(project.path(), rel),
            "meta[http-equiv=refresh]",
            "content",
        )
    };
    assert_eq!(refresh("guide/usage/index.html"), ["0; url=../setup/"]);
    assert!(refresh("index.html").is_empty());
    assert_eq!(
        refresh("guide/setup/index.html"),
        ["0; url=https://example.org/setup"]
    );
}

#[test]
fn redirect_anchors_are_not_checked_and_validation_levels_apply() {
    let project = fixture("mkdocs");
    let config = std::fs::read_to_string(project.path().join("mkdocs.yml")).unwrap();
    let config = config
        .replace("guide/setup.md#install", "guide/setup.md#nope")
        .replace("absolute_links: ignore", "absolute_links: warn");
    std::fs::write(project.path().join("mkdocs.yml"), config).unwrap();
    let config = waymark::load_config(project.path()).unwrap();
    let built = waymark::build_with(config, None, &()).unwrap();
    let warnings = built.warnings.render();
    // mkdocs-redirects does not check a target's anchor, and neither does Waymark.
    assert!(!warnings.contains("#nope"), "{warnings}");
    assert!(
        warnings.contains("warning: link `/guide/usage.md#running` is written from the site root"),
        "{warnings}"
    );
    assert!(project
        .path()
        .join("public/guide/old-setup/index.html")
        .exists());
}

#[test]
fn site_absolute_links_to_nothing_are_left_as_mkdocs_leaves_them() {
    // mkdocs-static-i18n's docs link `/mkdocs-static-i18n/sitemap.xml`, Google's ADK docs
    // `/api-reference/...html`: MkDocs leaves a link from the site root unchecked (an
    // info), unless `absolute_links: relative_to_docs` has it checked as any other.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "docs/index.md",
        "# Home\n\nThe [sitemap](/project/sitemap.xml).\n",
    );
    write("mkdocs.yml", "site_name: S\n");
    let output = waymark(&["build", ".", "--verbose"], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("broken link"), "{err}");
    assert!(
        err.contains("info: link `/project/sitemap.xml` is written from the site root and names no page or file of the content folder: it is left as written"),
        "{err}"
    );
    let home = output_page(dir.path(), "site", "index.html");
    assert_eq!(
        attrs(&home, ".content p a", "href"),
        ["/project/sitemap.xml"]
    );
    write(
        "mkdocs.yml",
        "site_name: S\nvalidation:\n  absolute_links: relative_to_docs\n",
    );
    let err = stderr(&waymark(&["build", "."], dir.path()));
    assert!(
        err.contains(
            "warning: broken link `/project/sitemap.xml`: no page or file `project/sitemap.xml`"
        ),
        "{err}"
    );
}

#[test]
fn the_cli_reads_mkdocs_yml_and_accepts_config() {
    let project = fixture("mkdocs");
    let output = waymark(&["check", "."], project.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    std::fs::rename(
        project.path().join("mkdocs.yml"),
        project.path().join("docs.yml"),
    )
    .unwrap();
    let output = waymark(&["check", ".", "--config", "docs.yml"], project.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("docs.yml:"),
        "diagnostics name the file given"
    );
}

/// A small MkDocs project in a temporary folder: `mkdocs.yml` and pages under `docs/`.
fn mkdocs_project(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mkdocs.yml"), config).unwrap();
    for (rel, text) in files {
        let path = dir.path().join("docs").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A page of a project made by [`mkdocs_project`], built into `site`.
fn built_page(dir: &Path, rel: &str) -> scraper::Html {
    output_page(dir, "site", rel)
}

#[test]
fn use_directory_urls_false_writes_pages_at_their_html_file() {
    let project = mkdocs_project(
        "site_name: Files\nsite_url: https://docs.example.org/\nuse_directory_urls: false\n",
        &[
            (
                "index.md",
                "# Home\n\nSee [setup](guide/setup.md#install).\n",
            ),
            ("guide/index.md", "# Guide\n"),
            (
                "guide/setup.md",
                "# Setup\n\n## Install\n\nBack [home](../index.md).\n",
            ),
        ],
    );
    build_mkdocs(project.path());
    let site = project.path().join("site");
    for file in ["index.html", "guide/index.html", "guide/setup.html"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("guide/setup/index.html").exists());
    let home = built_page(project.path(), "index.html");
    assert!(attrs(&home, "main a", "href").contains(&"guide/setup.html#install".to_string()));
    let setup = built_page(project.path(), "guide/setup.html");
    assert!(attrs(&setup, "main a", "href").contains(&"../index.html".to_string()));
    assert!(
        attrs(&setup, "a", "href").contains(&"index.html".to_string()),
        "sidebar link to the guide"
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://docs.example.org/guide/setup.html</loc>"),
        "{sitemap}"
    );
}

#[test]
fn exclude_docs_draft_docs_and_not_in_nav_work_as_in_mkdocs() {
    let project = mkdocs_project(
        "site_name: Patterns\nexclude_docs: |\n  *.py\n  /scratch/\n  !keep.py\ndraft_docs: |\n  drafts/\n  *.draft.md\nnot_in_nav: |\n  /hidden.md\nnav:\n  - index.md\n",
        &[
            ("index.md", "# Home\n"),
            ("hidden.md", "# Hidden\n"),
            ("lost.md", "# Lost\n"),
            ("gen.py", "print()\n"),
            ("keep.py", "print()\n"),
            ("scratch/notes.md", "# Notes\n"),
            ("templates/main.html", "<p>{{ x }}</p>\n"),
            ("drafts/next.md", "# Next\n"),
            ("soon.draft.md", "# Soon\n"),
        ],
    );
    let built = build_mkdocs(project.path());
    let site = project.path().join("site");
    assert!(site.join("hidden/index.html").is_file());
    assert!(site.join("keep.py").is_file(), "negated pattern");
    for left_out in [
        "gen.py",
        "scratch/notes/index.html",
        "templates/main.html",
        "drafts/next/index.html",
        "soon.draft/index.html",
    ] {
        assert!(!site.join(left_out).exists(), "{left_out} was built");
    }
    // `not_in_nav` silences the (info-level) note for hidden.md, not for lost.md.
    let infos = built.warnings.render_info();
    assert!(
        infos.contains("docs/lost.md is not in the navigation"),
        "{infos}"
    );
    assert!(!infos.contains("docs/hidden.md"), "{infos}");

    // The preview builds drafts.
    let mut session = waymark::serve::session::Session::open(project.path(), None)
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let previewed = session.build().unwrap();
    assert!(previewed
        .output
        .files
        .contains_key("drafts/next/index.html"));
    assert!(previewed.output.files.contains_key("soon.draft/index.html"));
    assert!(!previewed.output.files.contains_key("gen.py"));
}

/// Issue 15: MkDocs' validation defaults, `strict` and `--strict`, and info-level
/// problems counted, listed with `--verbose`.
#[test]
fn validation_defaults_strict_and_info_levels_follow_mkdocs() {
    let pages: &[(&str, &str)] = &[(
        "index.md",
        "# Home\n\nA [missing page](nowhere.md) and a [missing anchor](#nope).\n",
    )];
    let project = mkdocs_project("site_name: Lenient\n", pages);
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: broken link `nowhere.md`"), "{err}");
    assert!(
        !err.contains("broken anchor"),
        "anchors are info-level: {err}"
    );
    assert!(
        err.contains("info: 1 problem at the info level is not shown"),
        "{err}"
    );
    let output = waymark(&["check", ".", "--verbose"], project.path());
    assert!(
        stderr(&output).contains("info: broken anchor in `#nope`"),
        "{}",
        stderr(&output)
    );

    // `--strict`, or `strict: true`, fails on warnings as `mkdocs build --strict` does.
    let output = waymark(&["build", ".", "--strict"], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("build failed: 0 errors, 1 warning (strict: warnings fail the build)"),
        "{err}"
    );
    let project = mkdocs_project("site_name: Strict\nstrict: true\n", pages);
    assert_eq!(
        waymark(&["build", "."], project.path()).status.code(),
        Some(1)
    );

    // Unless the project relies on code Waymark cannot run: then it says why it is not applied.
    let project = mkdocs_project(
        "site_name: Hooked\nstrict: true\nhooks:\n  - hooks/gen.py\nplugins:\n  search: {}\n  mkdocstrings: {}\n",
        pages,
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "`strict: true` is not applied: its hooks, the plugin `mkdocstrings` cannot run here"
        ),
        "{err}"
    );
    assert_eq!(
        waymark(&["build", ".", "--strict"], project.path())
            .status
            .code(),
        Some(1)
    );
}

/// Issue 15: a folder's README.md is its page when there is no index.md; a page and a
/// folder index with one address build with a warning naming both; a missing page
/// template is named once, not once per page.
#[test]
fn readme_pages_url_clashes_and_missing_templates_as_in_mkdocs() {
    let project = mkdocs_project(
        "site_name: Clash\n",
        &[
            (
                "index.md",
                "# Home\n\nSee the [guide](guide/README.md), [metrics](core/metrics.md) and [its index](core/metrics/index.md).\n",
            ),
            ("guide/README.md", "# Guide\n\nREADME-TEXT\n"),
            ("guide/setup.md", "# Setup\n"),
            ("core/metrics.md", "# Metrics\n\nPAGE-TEXT\n"),
            ("core/metrics/index.md", "# Metrics index\n\nINDEX-TEXT\n"),
            ("a.md", "---\ntemplate: wide.html\n---\n# A\n"),
            ("b.md", "---\ntemplate: wide.html\n---\n# B\n"),
            ("c.md", "---\ntemplate: home.html\n---\n# C\n"),
        ],
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let site = project.path().join("site");
    let guide = std::fs::read_to_string(site.join("guide/index.html")).unwrap();
    assert!(guide.contains("README-TEXT"));
    assert!(!site.join("guide/README/index.html").exists());
    let home = built_page(project.path(), "index.html");
    assert!(attrs(&home, "main a", "href").contains(&"guide/".to_string()));
    // MkDocs writes both, the folder's index last: that is the page there, and links to
    // either file lead to it.
    assert!(
        err.contains("warning: docs/core/metrics.md and docs/core/metrics/index.md would both be written to `core/metrics/index.html`: docs/core/metrics/index.md is published there, as MkDocs writes it last, and links to either lead to it"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(site.join("core/metrics/index.html"))
            .unwrap()
            .contains("INDEX-TEXT")
    );
    assert_eq!(
        attrs(&home, ".content p a", "href"),
        ["guide/", "core/metrics/", "core/metrics/"]
    );
    assert!(!err.contains("broken link"), "{err}");
    assert_eq!(
        err.matches("the theme has no template `wide.html`").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("using page.html (and on 1 more page)"),
        "{err}"
    );
    assert!(
        err.contains("the theme has no template `home.html`; using page.html\n"),
        "{err}"
    );
}

/// Issue 15: each plugin is applied, said to have nothing to do (info), or named in one
/// warning saying what is missing; the mkdocs-exclude plugin's globs leave files out.
#[test]
fn plugins_are_applied_or_named_with_what_is_missing() {
    let project = mkdocs_project(
        "site_name: Plugins\nplugins:\n  - search\n  - privacy\n  - exclude:\n      glob:\n        - plugins/*\n        - '*.tmp'\n  - mkdocstrings:\n      handlers: {python: {}}\n  - social\n",
        &[
            ("index.md", "# Home\n"),
            ("plugins/main.py", "x = 1\n"),
            ("plugins/sub/page.md", "# Hidden\n"),
            ("notes.tmp", "scratch\n"),
            ("guide/draft.tmp", "scratch\n"),
        ],
    );
    let output = waymark(&["build", ".", "--verbose"], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let site = project.path().join("site");
    for left_out in [
        "plugins/main.py",
        "plugins/sub/page/index.html",
        "notes.tmp",
        "guide/draft.tmp",
    ] {
        assert!(!site.join(left_out).exists(), "{left_out}");
    }
    for expected in [
        "info: plugin `privacy` has nothing to do here",
        "warning: plugin `mkdocstrings` is not available in Waymark\n  --> mkdocs.yml:9:5",
        "= help: `::: identifier` blocks stay literal",
        "warning: plugin `social` is not available in Waymark",
    ] {
        assert!(err.contains(expected), "lacks {expected:?}:\n{err}");
    }
    assert!(!err.contains("plugin `exclude`"), "{err}");
}

/// The titles of the sidebar's entries (links and section labels), in order, indented by
/// their nesting depth.
fn sidebar(page: &scraper::Html) -> Vec<String> {
    let links = scraper::Selector::parse(".sidebar a, .sidebar .nav-label").unwrap();
    page.select(&links)
        .map(|a| {
            let depth = a
                .ancestors()
                .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "ul"))
                .count();
            format!(
                "{}{}",
                "  ".repeat(depth.saturating_sub(1)),
                a.text().collect::<String>().trim()
            )
        })
        .collect()
}

/// Issue 15: mkdocs-literate-nav, as the MkDocs project's own docs use it: a `nav` entry
/// naming a folder takes its navigation from the folder's nav file (its README.md here),
/// or from its files when it has none; without `nav`, the docs folder's nav file is the
/// whole navigation.
#[test]
fn literate_nav_reads_folder_nav_files() {
    let project = mkdocs_project(
        "site_name: Literate\nnav:\n  - Home: index.md\n  - User Guide: user-guide/\n  - Reference: reference/\nplugins:\n  - literate-nav:\n      nav_file: README.md\n      implicit_index: true\n",
        &[
            ("index.md", "# Home\n"),
            ("user-guide/README.md", "# User Guide\n\nStart here.\n\n- [Installation](installation.md)\n- Advanced\n    - [Tuning](advanced/tuning.md)\n    - [Back to the start](../)\n- [Project site](https://example.org/)\n"),
            ("user-guide/installation.md", "# Installation\n"),
            ("user-guide/advanced/tuning.md", "# Tuning\n"),
            ("reference/cli.md", "# CLI\n"),
            ("reference/api.md", "# API\n"),
        ],
    );
    build_mkdocs(project.path());
    let page = built_page(project.path(), "user-guide/installation/index.html");
    let nav = sidebar(&page);
    let expected = [
        "Home",
        "User Guide",
        "  Installation",
        "  Advanced",
        "    Tuning",
        "  Project site (external site)",
        "Reference",
        "  API",
        "  CLI",
    ];
    for title in expected {
        assert!(nav.iter().any(|n| n == title), "lacks {title:?} in {nav:?}");
    }
    let position = |t: &str| nav.iter().position(|n| n == t).unwrap();
    assert!(
        position("  Installation") < position("  Advanced")
            && position("  API") < position("  CLI"),
        "{nav:?}"
    );

    // No `nav`: the docs folder's SUMMARY.md is the navigation.
    let project = mkdocs_project(
        "site_name: Summary\nplugins:\n  - literate-nav\n",
        &[
            ("index.md", "# Home\n"),
            ("SUMMARY.md", "* [Start](start.md)\n* [Guide](guide/)\n"),
            ("start.md", "# Start\n"),
            ("guide/index.md", "# Guide\n"),
            ("guide/one.md", "# One\n"),
        ],
    );
    build_mkdocs(project.path());
    // The sidebar unfolds the section of the page shown.
    let nav = sidebar(&built_page(project.path(), "guide/one/index.html"));
    for title in ["Start", "Guide", "  One"] {
        assert!(nav.iter().any(|n| n == title), "lacks {title:?} in {nav:?}");
    }
}

/// Found on uvicorn's docs: `plugins:` written twice in mkdocs.yml. MkDocs (PyYAML) keeps
/// the last value silently; Waymark keeps it too and says so, in mkdocs.yml and in
/// front-matter alike.
#[test]
fn keys_written_twice_keep_the_last_value_with_a_warning() {
    let project = mkdocs_project(
        "site_name: Twice\nplugins:\n  - search\n  - mkdocstrings\nplugins:\n  - search\n",
        &[("index.md", "---\ntitle: First\ntitle: Second\n---\nText.\n")],
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: `plugins` is written twice in mkdocs.yml; the last one is used, as MkDocs uses it\n  --> mkdocs.yml:5:1"), "{err}");
    assert!(
        !err.contains("mkdocstrings"),
        "the first list is not read: {err}"
    );
    assert!(err.contains("warning: front-matter key `title` is written twice; the last value is used\n  --> docs/index.md:3:1"), "{err}");
    let home = built_page(project.path(), "index.html");
    assert_eq!(texts(&home, "title")[0].split(" - ").next(), Some("Second"));
}

/// Issue 15, "Locations": a setting written in an INHERITed file is reported at that
/// file's line, and a nav entry without a page at the nav entry, not at an earlier line
/// naming the same page.
#[test]
fn problems_point_at_the_file_and_line_that_wrote_them() {
    let project = mkdocs_project(
        "INHERIT: base.yml\nsite_name: Located\nplugins:\n  - redirects:\n      redirect_maps:\n        old.md: missing.md\nnav:\n  - index.md\n  - missing.md\n",
        &[("index.md", "# Home\n")],
    );
    std::fs::write(
        project.path().join("base.yml"),
        "# Shared settings\nhooks:\n  - hooks/x.py\nrepo_url: https://git.example.org/x\n",
    )
    .unwrap();
    let output = waymark(&["check", "."], project.path());
    let err = stderr(&output);
    assert!(
        err.contains(
            "warning: `hooks` cannot run: Waymark does not run Python code\n  --> base.yml:2:1"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: nav lists `missing.md`, but there is no such page\n  --> mkdocs.yml:9:5"
        ),
        "{err}"
    );
}

/// A blog as Material's blog plugin documents it: posts with dates, authors from the
/// blog folder's `.authors.yml`, categories and `<!-- more -->` excerpts.
fn blog_project(plugins: &str) -> tempfile::TempDir {
    let post = |date: &str, extra: &str, title: &str, body: &str| {
        format!("---\ndate: {date}\n{extra}---\n\n# {title}\n\n{body}\n")
    };
    mkdocs_project(
        &format!("site_name: Team blog\ntheme:\n  name: material\n  language: fi\nplugins:\n{plugins}nav:\n  - Home: index.md\n  - Blog:\n    - blog/index.md\n"),
        &[
            ("index.md", "# Home\n"),
            ("blog/index.md", "# Blog\n\nNews from the team.\n"),
            ("blog/.authors.yml", "authors:\n  ada:\n    name: Ada <Lovelace>\n    description: Engineer\n    avatar: https://example.org/ada.png\n"),
            ("blog/posts/first.md", &post("2024-01-31", "authors: [ada]\ncategories:\n  - Release Notes\n", "My first post", "The excerpt, with a [link home](../../index.md).\n\n<!-- more -->\n\nThe rest.")),
            ("blog/posts/second.md", &post("\n  created: 2024-03-02", "categories: [Tips]\nslug: custom-slug\n", "Second post", "Short.")),
            ("blog/posts/old.md", &post("2023-12-24 10:00:00", "categories: [Tips]\n", "An older post", "Old one.")),
            ("blog/posts/draft.md", &post("2024-05-01", "draft: true\n", "Not yet", "Soon.")),
        ],
    )
}

#[test]
fn blog_posts_get_dated_urls_and_listings_as_material_makes_them() {
    let project = blog_project("  - blog:\n      pagination_per_page: 2\n  - search\n");
    let built = build_mkdocs(project.path());
    assert!(built.warnings.is_empty(), "{}", built.warnings.render());
    let site = project.path().join("site");
    // The page set of `mkdocs build` with Material 9 on the same project.
    for built_page in [
        "blog/2023/12/24/an-older-post/index.html",
        "blog/2024/01/31/my-first-post/index.html",
        "blog/2024/03/02/custom-slug/index.html",
        "blog/archive/2023/index.html",
        "blog/archive/2024/index.html",
        "blog/category/release-notes/index.html",
        "blog/category/tips/index.html",
        "blog/index.html",
        "blog/page/2/index.html",
    ] {
        assert!(site.join(built_page).is_file(), "{built_page} is missing");
    }
    assert!(
        !site.join("blog/posts").exists(),
        "posts move to their dated URLs"
    );
    assert!(
        !site.join("blog/2024/05/01").exists(),
        "drafts are left out"
    );

    // The index: its own content, then the newest posts' excerpts, then the next page.
    let index = page(project.path(), "blog/index.html");
    assert_eq!(texts(&index, ".content > p"), ["News from the team."]);
    assert_eq!(
        texts(&index, ".post-excerpt .post-title a"),
        ["Second post", "My first post"]
    );
    assert_eq!(
        attrs(&index, ".post-excerpt .post-continue a", "href"),
        ["2024/03/02/custom-slug/", "2024/01/31/my-first-post/"]
    );
    assert_eq!(
        texts(&index, ".post-continue"),
        ["Jatka lukemista", "Jatka lukemista"]
    );
    assert_eq!(
        texts(&index, ".post-meta time"),
        ["2. maaliskuuta 2024", "31. tammikuuta 2024"]
    );
    let excerpt = texts(&index, ".post-excerpt p:not(.post-continue)").join(" ");
    assert!(excerpt.contains("The excerpt"), "{excerpt}");
    assert!(!excerpt.contains("The rest"), "{excerpt}");
    assert!(
        attrs(&index, ".post-excerpt a", "href").contains(&"../".to_string()),
        "the excerpt's link still leads home"
    );
    assert_eq!(texts(&index, ".post-author-name"), ["Ada <Lovelace>"]);
    assert!(
        select(&index, ".post-avatar").is_empty(),
        "images at other hosts are not loaded"
    );
    assert_eq!(
        attrs(&index, ".post-pagination .older", "href"),
        ["page/2/"]
    );
    let second = page(project.path(), "blog/page/2/index.html");
    assert_eq!(
        texts(&second, ".post-excerpt .post-title a"),
        ["An older post"]
    );
    assert_eq!(
        attrs(&second, ".post-pagination .newer", "href"),
        ["../../"]
    );

    // Archive and category pages list their posts; the navigation shows them.
    let tips = page(project.path(), "blog/category/tips/index.html");
    assert_eq!(
        texts(&tips, ".post-excerpt .post-title a"),
        ["Second post", "An older post"]
    );
    let year = page(project.path(), "blog/archive/2023/index.html");
    assert_eq!(
        texts(&year, ".post-excerpt .post-title a"),
        ["An older post"]
    );
    // Sections without a page of their own get generated ones (issue 17).
    assert_eq!(
        texts(&index, ".nav-item.collapsed > .nav-link"),
        ["Arkisto", "Kategoriat"],
        "archive and categories beside the blog index"
    );
    assert_eq!(
        texts(&index, ".sidebar .nav-link"),
        ["Home", "Blog", "Arkisto", "Kategoriat"]
    );
    let archive = page(project.path(), "blog/archive/index.html");
    assert_eq!(texts(&archive, ".content li a"), ["2024", "2023"]);
    assert_eq!(
        texts(&archive, ".sidebar .nav-link"),
        ["Home", "Blog", "Arkisto", "2024", "2023", "Kategoriat"]
    );

    // A post shows its date, authors and categories.
    let post = page(project.path(), "blog/2024/01/31/my-first-post/index.html");
    assert_eq!(attrs(&post, ".post-meta time", "datetime"), ["2024-01-31"]);
    assert_eq!(
        attrs(&post, ".post-categories a", "href"),
        ["../../../../category/release-notes/"]
    );
    let body = texts(&post, ".content p").join(" ");
    assert!(body.contains("The rest"), "{body}");

    // The preview builds drafts.
    let mut session = waymark::serve::session::Session::open(project.path(), None)
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let previewed = session.build().unwrap();
    assert!(previewed
        .output
        .files
        .contains_key("blog/2024/05/01/not-yet/index.html"));
}

#[test]
fn the_tags_index_goes_where_the_marker_is_or_into_the_tags_file() {
    let pages = |index: &str| {
        mkdocs_project(
            "site_name: Tagged\nplugins:\n  tags:\n    tags_file: reference/tags.md\n",
            &[
                ("index.md", "---\ntags: [setup]\n---\n# Home\n"),
                (
                    "guide.md",
                    "---\ntags:\n  - setup\n  - <b>bold</b>\n---\n# Guide\n",
                ),
                ("reference/tags.md", index),
            ],
        )
    };
    // Newer Material: the marker, in any page.
    let project = pages("# Tags\n\nBefore.\n\n<!-- material/tags -->\n\nAfter.\n");
    build_mkdocs(project.path());
    let tags = page(project.path(), "reference/tags/index.html");
    assert_eq!(
        texts(&tags, ".content > *"),
        [
            "Tags#",
            "Before.",
            "<b>bold</b>",
            "Guide",
            "setup",
            "Guide Home",
            "After."
        ]
    );
    assert_eq!(
        attrs(&tags, ".content h2 + ul a", "href"),
        ["../../guide/", "../../guide/", "../../"]
    );
    assert!(
        !project.path().join("site/tags").exists(),
        "no second index at tags/"
    );

    // Older Material: at the end of the `tags_file` page.
    let project = pages("# Tags\n\nAll tags:\n");
    build_mkdocs(project.path());
    let tags = page(project.path(), "reference/tags/index.html");
    assert_eq!(texts(&tags, ".content h2"), ["<b>bold</b>", "setup"]);
    assert_eq!(texts(&tags, ".content > p"), ["All tags:"]);
    assert!(!project.path().join("site/tags").exists());
}

#[test]
fn meta_files_give_front_matter_to_their_folder_and_below() {
    let project = mkdocs_project(
        "site_name: Meta\nplugins:\n  - meta\n  - tags\n",
        &[
            (".meta.yml", "tags: [Docs]\ndescription: Site default\n"),
            ("index.md", "# Home\n"),
            (
                "guide/.meta.yml",
                "tags:\n  - Guide\ndescription: Guide default\n",
            ),
            ("guide/a.md", "---\ntags: [A]\n---\n# A\n"),
            ("guide/b.md", "---\ndescription: Own\n---\n# B\n"),
        ],
    );
    build_mkdocs(project.path());
    let description = |rel| {
        attrs(
            &page(project.path(), rel),
            "meta[name=description]",
            "content",
        )
    };
    let tags = |rel| texts(&page(project.path(), rel), ".tag");
    assert_eq!(tags("index.html"), ["Docs"]);
    assert_eq!(description("index.html"), ["Site default"]);
    assert_eq!(
        tags("guide/a/index.html"),
        ["Docs", "Guide", "A"],
        "lists are appended to"
    );
    assert_eq!(
        description("guide/a/index.html"),
        ["Guide default"],
        "the nearest file wins"
    );
    assert_eq!(description("guide/b/index.html"), ["Own"], "the page wins");

    // A problem in a meta file is shown at its line in that file.
    std::fs::create_dir(project.path().join("docs/guide/deep")).unwrap();
    std::fs::write(
        project.path().join("docs/guide/deep/.meta.yml"),
        "tags: [x]\nweight: heavy\n",
    )
    .unwrap();
    std::fs::write(project.path().join("docs/guide/deep/c.md"), "# C\n").unwrap();
    let config = waymark::load_config(project.path()).unwrap();
    let Err(failure) = waymark::build_with(config, None, &()) else {
        panic!("the build fails");
    };
    let problem = failure
        .diagnostics()
        .sorted()
        .into_iter()
        .find(|d| d.message.contains("`weight`"))
        .expect("the meta file's problem");
    assert_eq!(
        problem.file.unwrap(),
        Path::new("docs/guide/deep/.meta.yml")
    );
    assert_eq!(problem.location.unwrap().line, 2);
}

#[test]
fn toc_options_set_the_contents_and_the_heading_links() {
    let project = fixture("mkdocs");
    let config = project.path().join("mkdocs.yml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "  - toc:\n      permalink: true\n",
        "  - toc:\n      permalink: \"¶\"\n      permalink_title: Anchor link to this section\n      title: Page contents\n      toc_depth: \"2-4\"\n",
    );
    std::fs::write(&config, text).unwrap();
    std::fs::write(
        project.path().join("docs/depth.md"),
        "# Depth\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n",
    )
    .unwrap();
    build_mkdocs(project.path());
    let page = site_page(project.path(), "depth/index.html");
    assert_eq!(texts(&page, "nav.toc .toc-heading"), ["Page contents"]);
    assert_eq!(texts(&page, "nav.toc li a"), ["Two", "Three", "Four"]);
    assert_eq!(texts(&page, "h2 a.headerlink"), ["¶"]);
    assert_eq!(
        attrs(&page, "h2 a.headerlink", "title"),
        ["Anchor link to this section"]
    );
}

/// Follows the "next" links from the home page: the pages in reading order.
fn reading_order(site: &Path) -> Vec<String> {
    let mut order = Vec::new();
    let mut rel = "index.html".to_string();
    loop {
        let html = output_page(site, "", &rel);
        order.push(
            texts(&html, "h1")
                .join("")
                .trim_end_matches('#')
                .to_string(),
        );
        let next = attrs(&html, "a.pager-next", "href");
        let Some(href) = next.first() else { break };
        let folder = Path::new(&rel).parent().unwrap_or(Path::new(""));
        let target = folder.join(href).join("index.html");
        rel = normalise_path(&target);
        assert!(order.len() < 50, "a loop in the reading order: {order:?}");
    }
    order
}

fn normalise_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn awesome_pages_files_arrange_the_folders() {
    let dir = mkdocs_project(
        "site_name: G\nplugins:\n  - search\n  - awesome-pages:\n      collapse_single_pages: true\n",
        &[
            ("index.md", "# Home\n"),
            (".pages", "nav:\n  - guide\n  - ...\n  - Project site: https://example.org\n"),
            ("about.md", "# About\n"),
            ("guide/.pages", "title: The guide\nnav:\n  - setup.md\n  - Running jobs: run.md\n  - ... | glob=step-*.md\norder: asc\nsort_type: natural\n"),
            ("guide/run.md", "# Run\n"),
            ("guide/setup.md", "# Setup\n"),
            ("guide/step-10.md", "# Step ten\n"),
            ("guide/step-2.md", "# Step two\n"),
            ("guide/unlisted.md", "# Unlisted\n"),
            ("hidden/.pages", "hide: true\n"),
            ("hidden/secret.md", "# Secret\n"),
            ("single/only.md", "# Only page\n"),
        ],
    );
    let built = build_mkdocs(dir.path());
    let site = dir.path().join("site");
    // `guide` first (its generated section page, then its pages as its file says: natural
    // order, step 2 before step 10);
    // then the rest; `hidden` left out, `single` collapsed to its page.
    assert_eq!(
        reading_order(&site),
        [
            "Home",
            "The guide",
            "Setup",
            "Run",
            "Step two",
            "Step ten",
            "About",
            "Only page"
        ]
    );
    let home = output_page(&site, "", "index.html");
    let top: Vec<String> = texts(&home, "#sidebar li")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(top.iter().any(|t| t.starts_with("The guide")), "{top:?}");
    assert!(top.iter().any(|t| t.starts_with("Project site")), "{top:?}");
    // The guide's pages, with the title its file gives, in the sidebar of one of them.
    let run = output_page(&site, "", "guide/run/index.html");
    let guide = texts(&run, "#sidebar li li");
    assert!(
        guide.iter().any(|t| t.trim() == "Running jobs"),
        "{guide:?}"
    );
    assert!(
        !top.iter()
            .any(|t| t.contains("Secret") || t.contains("Hidden")),
        "{top:?}"
    );
    // Pages left out of the navigation are still built.
    assert!(site.join("guide/unlisted/index.html").is_file());
    assert!(site.join("hidden/secret/index.html").is_file());
    assert!(
        !built
            .warnings
            .sorted()
            .iter()
            .any(|w| w.message.contains("awesome-pages")),
        "{}",
        built.warnings.render()
    );
}

#[test]
fn awesome_pages_file_problems_name_the_file_and_line() {
    let dir = mkdocs_project(
        "site_name: G\nplugins:\n  - awesome-pages\n",
        &[
            ("index.md", "# Home\n"),
            ("guide/.pages", "title: Guide\narange:\n  - a.md\n"),
            ("guide/a.md", "# A\n"),
        ],
    );
    let built = build_mkdocs(dir.path());
    let rendered = built.warnings.render();
    assert!(
        rendered.contains("`arange` is not a setting of awesome-pages' folder files")
            && rendered.contains("docs/guide/.pages:2"),
        "{rendered}"
    );
}

#[test]
fn front_matter_mkdocs_cannot_read_is_page_text_as_in_mkdocs() {
    // Argo CD's proposals: YAML with a misindented key; MkDocs keeps the block as text
    // (a rule and a heading) and builds. A page that starts with a rule is no front-matter.
    let project = mkdocs_project(
        "site_name: Proposals\n",
        &[
            ("index.md", "# Home\n"),
            (
                "idea.md",
                "---\ntitle: Idea\nauthors:\n- \"@a\"\n  sponsors:\n- TBD\n---\n\n# Neat idea\n\nText.\n",
            ),
            ("rule.md", "---\n\n# After a rule\n"),
        ],
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: front-matter is not valid YAML")
            && err.contains("docs/idea.md:5:3")
            && err.contains("MkDocs shows the block as the page's text"),
        "{err}"
    );
    assert!(!err.contains("never closed"), "{err}");
    let idea = built_page(project.path(), "idea/index.html");
    let text: String = idea
        .select(&scraper::Selector::parse("main").unwrap())
        .flat_map(|main| main.text())
        .collect();
    assert!(
        text.contains("title: Idea") && text.contains("Neat idea"),
        "{text}"
    );
    let rule = built_page(project.path(), "rule/index.html");
    let rules = rule
        .select(&scraper::Selector::parse("main hr").unwrap())
        .count();
    assert_eq!(rules, 1);

    // In a book.toml project the same block is an error, as before.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"B\"\n").unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/idea.md"),
        "---\ntitle: Idea\nauthors:\n- \"@a\"\n  sponsors:\n- TBD\n---\n\nText.\n",
    )
    .unwrap();
    let output = waymark(&["build", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error: front-matter is not valid YAML"));
}

#[test]
fn macros_include_lines_put_files_from_the_include_dir_in_place() {
    // External Secrets' docs: mkdocs.yml in a subfolder, run from the repository's root,
    // with `include_dir` written from there; 76 pages include YAML examples in fences.
    let repo = repository();
    let write = |rel: &str, text: &str| write_file(repo.path(), rel, text);
    write(
        "hack/api-docs/mkdocs.yml",
        "site_name: ESO\ndocs_dir: ../../docs\nplugins:\n  - search\n  - macros:\n      include_dir: docs/snippets\n",
    );
    write("docs/snippets/store.yaml", "kind: SecretStore\nspec: {}\n");
    write(
        "docs/push.md",
        "# Push\n\n```yaml\n{% include 'store.yaml' %}:\n```\n",
    );
    write(
        "docs/index.md",
        "# Home\n\n```yaml\n{% include 'store.yaml' %}\n```\n\n{% include 'gone.yaml' %}\n\nThe {{ version }} stays.\n",
    );
    let project = repo.path().join("hack/api-docs");
    let output = waymark(&["build", "."], &project);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("plugin `macros` is applied to `{% include %}` lines only"),
        "{err}"
    );
    assert!(
        err.contains("warning: `{% include 'gone.yaml' %}`: no file `gone.yaml`"),
        "{err}"
    );
    let page = std::fs::read_to_string(project.join("site/index.html")).unwrap();
    assert!(
        page.contains("SecretStore") && !page.contains("include &#39;store"),
        "{page}"
    );
    assert!(
        !page.contains("gone.yaml") && page.contains("{{ version }}"),
        "{page}"
    );
    // Text after the tag follows the file's last line, as Jinja writes it (ESO's ngrok
    // page has `{% include 'ngrok-push-secret.yaml' %}:`).
    let push = output_page(&project, "site", "push/index.html");
    assert_eq!(code_blocks(&push), ["kind: SecretStore\nspec: {}:\n"]);

    // `render_macros: false` on a page, or `render_by_default: false` for the site
    // unless a page says `render_macros: true`, leaves the line as written.
    write(
        "docs/raw.md",
        "---\nrender_macros: false\n---\n\n# Raw\n\n{% include 'store.yaml' %}\n",
    );
    let output = waymark(&["build", "."], &project);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let raw = std::fs::read_to_string(project.join("site/raw/index.html")).unwrap();
    assert!(raw.contains("{% include"), "{raw}");
    write(
        "hack/api-docs/mkdocs.yml",
        "site_name: ESO\ndocs_dir: ../../docs\nplugins:\n  - macros:\n      include_dir: docs/snippets\n      render_by_default: false\n",
    );
    write(
        "docs/raw.md",
        "---\nrender_macros: true\n---\n\n# Raw\n\n{% include 'store.yaml' %}\n",
    );
    waymark(&["build", "."], &project);
    let raw = std::fs::read_to_string(project.join("site/raw/index.html")).unwrap();
    let home = std::fs::read_to_string(project.join("site/index.html")).unwrap();
    assert!(
        raw.contains("SecretStore") && home.contains("{% include"),
        "{raw}"
    );
}

#[test]
fn python_markdown_s_extra_smarty_nl2br_and_truly_sane_lists_are_read() {
    // ExternalDNS' settings. The expected text is Python-Markdown 3's for the same page
    // (`&ldquo;quoted&rdquo; &ndash; dash&hellip;`, a `<br />` per line break, the list
    // nested by two spaces).
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: D\nmarkdown_extensions:\n  - extra\n  - smarty\n  - nl2br\n  - mdx_truly_sane_lists\n",
    );
    write(
        "docs/index.md",
        "# Home\n\nLine one\nline two \"quoted\" -- dash... 'single'\n\n- item\n  - nested by two\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("not supported"), "{err}");
    assert!(!err.contains("indented by 2 spaces"), "{err}");
    let home = output_page(dir.path(), "site", "index.html");
    let paragraph = select(&home, ".content p")[0].inner_html();
    assert_eq!(
        paragraph,
        "Line one<br>\nline two “quoted” – dash… ‘single’"
    );
    assert_eq!(texts(&home, ".content ul ul li"), ["nested by two"]);
}

#[test]
fn macros_raw_blocks_lose_their_tags_and_keep_what_is_between() {
    // External Secrets' webhook page wraps Go templates in `{% raw %}` for the macros
    // plugin: the tags showed in 16 code blocks. The output is mkdocs-macros 1.3's.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write("mkdocs.yml", "site_name: M\nplugins:\n  - macros\n");
    write("docs/x.yaml", "kind: X\n");
    write(
        "docs/index.md",
        "# Home\n\n```yaml\n{% raw %}\nurl: \"{{ .remoteRef.key }}\"\n{% include 'x.yaml' %}\n{% endraw %}\n```\n\nUse `{% raw %}'{{ \"\" }}'{% endraw %}` for the body.\n\n```yaml\n{% include 'x.yaml' %}\n```\n",
    );
    let output = waymark(&["build", "."], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let home = output_page(dir.path(), "site", "index.html");
    assert_eq!(
        code_blocks(&home),
        [
            "\nurl: \"{{ .remoteRef.key }}\"\n{% include 'x.yaml' %}\n\n",
            "kind: X\n"
        ]
    );
    assert_eq!(texts(&home, ".content p code"), ["'{{ \"\" }}'"]);
}

#[test]
fn macros_include_lines_with_the_delimiters_the_project_sets() {
    // google/adk-docs gives the macros plugin `{{%` and `%}}` for blocks; its home page
    // is eight `{{% include '_includes/homepage/…' %}}` lines.
    let repo = repository();
    let write = |rel: &str, text: &str| write_file(repo.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: ADK\nplugins:\n  - macros:\n      j2_block_start_string: '{{%'\n      j2_block_end_string: '%}}'\n",
    );
    write(
        "docs/_includes/hero.md",
        "<div class=\"hero\">Build agents</div>\n",
    );
    write(
        "docs/index.md",
        "# Home\n\n{{% include '_includes/hero.md' %}}\n\n{% include '_includes/hero.md' %}\n\n{{% include 'gone.md' %}}\n",
    );
    let output = waymark(&["build", "."], repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: `{{% include 'gone.md' %}}`: no file `gone.md`"),
        "{err}"
    );
    let page = std::fs::read_to_string(repo.path().join("site/index.html")).unwrap();
    assert!(
        page.contains("<div class=\"hero\">Build agents</div>"),
        "{page}"
    );
    // With other delimiters, `{% ... %}` is text to the plugin.
    assert!(
        !page.contains("{{%") && page.contains("{% include"),
        "{page}"
    );
}

#[test]
fn snippet_sections_are_marked_as_pymdownx_snippets_reads_them() {
    // google/adk-docs writes `# --8<-- [start: call_reimbursement_tool]` (a space after
    // the colon), which stopped its build with "section not found".
    let repo = repository();
    let write = |rel: &str, text: &str| write_file(repo.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: ADK\nmarkdown_extensions:\n  - pymdownx.snippets:\n      check_paths: true\n      dedent_subsections: true\n  - pymdownx.superfences\n",
    );
    write(
        "examples/hitl.py",
        "import os\n\n# --8<-- [start: call_tool]\ndef call_tool():\n    # --8<-- [start:inner]\n    return 1  # ;--8<-- [end:x]\n    # --8<-- [end:inner]\n# --8<-- [end:call_tool]          \n",
    );
    write(
        "docs/index.md",
        "# Tools\n\n```py\n--8<-- \"examples/hitl.py:call_tool\"\n```\n\n```py\n--8<-- \"examples/hitl.py\"\n```\n",
    );
    let output = waymark(&["build", "."], repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let page = output_page(repo.path(), "site", "index.html");
    let code = code_blocks(&page);
    assert_eq!(
        code,
        [
            // The section: the markers of it and of the section inside are left out,
            // the escaped one keeps its text without the `;`.
            "def call_tool():\n    return 1  # --8<-- [end:x]\n",
            // The whole file: every marker left out, wherever it stands in the line.
            "import os\n\ndef call_tool():\n    return 1  # --8<-- [end:x]\n",
        ]
    );

    // A section the file lacks stops the build with `check_paths`; without it MkDocs
    // includes nothing, and Waymark warns.
    write("docs/gone.md", "--8<-- \"examples/hitl.py:gone\"\n");
    let output = waymark(&["build", "."], repo.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error: snippet section `gone` not found"));
    write(
        "mkdocs.yml",
        "site_name: ADK\nmarkdown_extensions:\n  - pymdownx.snippets\n  - pymdownx.superfences\n",
    );
    let output = waymark(&["build", "."], repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: snippet section `gone` not found")
            && err.contains("MkDocs includes nothing here"),
        "{err}"
    );
}

#[test]
fn markdown_include_lines_put_files_in_place_as_the_extension_does() {
    // django-ninja's docs: `{!./src/…!}` inside fenced code, paths from where MkDocs runs
    // (the folder of mkdocs.yml); Pi-hole's: `{!abbreviations.md!}` from `base_path: docs`.
    let repo = repository();
    let write = |rel: &str, text: &str| write_file(repo.path(), rel, text);
    write(
        "docs/mkdocs.yml",
        "site_name: Ninja\nmarkdown_extensions:\n  - markdown_include.include\n  - pymdownx.superfences\n",
    );
    write(
        "docs/src/tutorial/code001.py",
        "from ninja import NinjaAPI\n\napi = NinjaAPI()\n",
    );
    write("docs/src/lines.txt", "one\ntwo\nthree\nfour\nfive\n");
    write(
        "docs/docs/index.md",
        "# Home\n\n```python hl_lines=\"3\"\n{!./src/tutorial/code001.py!}\n```\n\n```text\n{!./src/lines.txt!lines=2 4-5}\n```\n\n```text\n{!./src/lines.txt!lines=4-9}\n```\n\n{!./src/gone.py!}\n\nEnd.\n",
    );
    let project = repo.path().join("docs");
    let output = waymark(&["build", "."], &project);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("is not supported"), "{err}");
    assert!(
        err.contains("warning: `{!./src/gone.py!}`: no file `./src/gone.py`"),
        "{err}"
    );
    let page = output_page(&project, "site", "index.html");
    let code = code_blocks(&page);
    // A range past the file's end ends with it, as the extension takes it.
    assert_eq!(
        code,
        [
            "from ninja import NinjaAPI\n\napi = NinjaAPI()\n",
            "two\nfour\nfive\n",
            "four\nfive\n"
        ]
    );
    assert!(
        err.contains("warning: this include asks for lines 4-9 of a file of 5 lines: the file ends before line 9"),
        "{err}"
    );
    let highlighted = page
        .select(&scraper::Selector::parse("pre code .hll").unwrap())
        .map(|line| line.text().collect::<String>())
        .collect::<Vec<_>>();
    assert_eq!(highlighted, ["api = NinjaAPI()\n"]);
    let html = page.html();
    assert!(!html.contains("{!") && !html.contains("gone.py"), "{html}");

    // Pi-hole's glossary, and the heading options: an included heading goes below the
    // last heading before it (`inheritHeadingDepth`) and one deeper (`headingOffset`);
    // only the first line follows the indentation of the directive, as the extension
    // writes it, so the rest of a file included in a list item ends the list.
    write(
        "mkdocs.yml",
        "site_name: Pi\nmarkdown_extensions:\n  - abbr\n  - markdown_include.include:\n      base_path: docs\n      inheritHeadingDepth: true\n      headingOffset: 1\n      throwException: false\n",
    );
    write(
        "docs/abbreviations.md",
        "*[API]: Application Programming Interface\n",
    );
    write("docs/part.md", "# Part\n\nPart text.\n");
    write(
        "docs/index.md",
        "# Pi\n\n## Section\n\nThe API.\n\n{!part.md!}\n\n- item\n\n    {!part.md!}\n\n{!abbreviations.md!}\n",
    );
    let output = waymark(&["build", "."], repo.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let page = output_page(repo.path(), "site", "index.html");
    let text = |selector: &str| -> Vec<String> {
        page.select(&scraper::Selector::parse(selector).unwrap())
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .trim_end_matches('#')
                    .to_string()
            })
            .collect()
    };
    // What Python-Markdown writes for it: `<h4>Part</h4>`, then `<h6>Part</h6>` in the
    // list item, whose "Part text." follows the list.
    assert_eq!(text(".content h4"), ["Part"]);
    assert_eq!(text(".content li h6"), ["Part"]);
    assert_eq!(text(".content abbr[title]"), ["API"]);
    assert_eq!(text(".content li p"), ["item"]);
    assert_eq!(
        text(".content > p"),
        ["The API.", "Part text.", "Part text."]
    );
}

#[test]
fn include_markdown_directives_put_files_in_place_as_the_plugin_does() {
    // Traefik's docs end 53 pages with `{% include-markdown "includes/…md" %}`. What
    // MkDocs with the plugin writes for this page is asserted below.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: IM\nmarkdown_extensions:\n  - admonition\nplugins:\n  - include-markdown\n",
    );
    // A directive in the middle of a line, the only one on its page.
    write(
        "docs/index.md",
        "# Home\n\nIntro: {% include \"includes/part.md\" start=\"<!--start-->\" end=\"<!--end-->\" %}\n",
    );
    write("docs/guide/setup.md", "# Setup\n\nSet up.\n");
    write(
        "docs/multi.md",
        "# Multi\n\nBefore.\n\n{%\n   include-markdown \"includes/part.md\"\n   start=\"<!--start-->\"\n   end=\"<!--end-->\"\n%}\n\nAfter.\n",
    );
    write("docs/includes/img/logo.png", "png");
    write(
        "docs/includes/banner.md",
        "Banner with [setup](../guide/setup.md) and ![logo](img/logo.png).\n\n## Banner heading\n\nSecond paragraph.\n",
    );
    write(
        "docs/includes/part.md",
        "Intro text.\n<!--start-->\nKept **part**.\n<!--end-->\nDropped.\n",
    );
    write(
        "docs/guide/deep/page.md",
        "# Deep page\n\n{% include-markdown \"includes/banner.md\" heading-offset=1 %}\n\n!!! note \"Shared\"\n\n    {% include-markdown \"../../includes/part.md\" start=\"<!--start-->\" end=\"<!--end-->\" %}\n\n- Item: {% include \"includes/part.md\" end=\"<!--start-->\" %} after.\n\nDone.\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("include-markdown"), "{err}");
    let page = output_page(dir.path(), "site", "guide/deep/page/index.html");
    let attr = |selector: &str, name: &str| -> Vec<String> {
        page.select(&scraper::Selector::parse(selector).unwrap())
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    };
    let text = |selector: &str| -> Vec<String> {
        page.select(&scraper::Selector::parse(selector).unwrap())
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .trim_end_matches('#')
                    .trim()
                    .to_string()
            })
            .collect()
    };
    // Links written from includes/ lead where they led from there.
    assert_eq!(attr(".content p a", "href"), ["../../setup/"]);
    assert_eq!(
        attr(".content p img", "src"),
        ["../../../includes/img/logo.png"]
    );
    assert_eq!(text(".content h3"), ["Banner heading"]);
    assert_eq!(
        text(".content .admonition > p:not(.admonition-title)"),
        ["Kept part."]
    );
    assert_eq!(text(".content li"), ["Item: Intro text.\nafter."]);
    let html = page.html();
    assert!(!html.contains("{%") && !html.contains("Dropped"), "{html}");
    // cibuildwheel's docs write a directive over several lines.
    let multi = output_page(dir.path(), "site", "multi/index.html");
    let paragraphs: Vec<String> = multi
        .select(&scraper::Selector::parse(".content p").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(paragraphs, ["Before.", "Kept part.", "After."]);
    let home = output_page(dir.path(), "site", "index.html");
    let intro: Vec<String> = home
        .select(&scraper::Selector::parse(".content p").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(intro, ["Intro:\nKept part."]);

    // A file that is not there fails the build, as it fails MkDocs'.
    write(
        "docs/index.md",
        "# Home\n\n{% include-markdown \"includes/gone.md\" %}\n\n{% include \"includes/part.md\" dedent=maybe %}\n\n{% include \"\" %}\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: `include-markdown`: no file `includes/gone.md`"),
        "{err}"
    );
    assert!(err.contains("docs/index.md:3:1"), "{err}");
    assert!(
        err.contains("error: this `include` directive is not valid: `dedent=maybe`: the value is `true` or `false`"),
        "{err}"
    );
    assert!(
        err.contains("error: this `include` directive names no file\n  --> docs/index.md:7:1"),
        "{err}"
    );
}

#[test]
fn a_properdocs_project_builds_from_its_properdocs_yml() {
    // Argo Workflows moved to ProperDocs, MkDocs' maintained fork: the same settings in
    // `properdocs.yml`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("properdocs.yml"),
        "site_name: Workflows\nnav:\n  - Start: index.md\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("docs/index.md"), "# Start here\n").unwrap();
    let output = waymark(&["build", "."], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = output_page(dir.path(), "site", "index.html");
    let title: String = page
        .select(&scraper::Selector::parse("title").unwrap())
        .map(|t| t.text().collect::<String>())
        .collect();
    assert!(title.contains("Workflows"), "{title}");
}

#[test]
fn a_missing_snippet_that_hooks_may_write_is_a_warning() {
    // Polars' home page includes `docs/assets/people.md`, which its hooks write before
    // MkDocs reads the pages, with `check_paths`: the hooks cannot run here, and the page
    // builds without the snippet; with nothing that could write it, it stays an error.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    let config = "site_name: A\nhooks:\n  - docs/people.py\nmarkdown_extensions:\n  - pymdownx.snippets:\n      check_paths: true\n";
    write("mkdocs.yml", config);
    write(
        "docs/index.md",
        "# Home\n\n--8<-- \"docs/assets/people.md\"\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: snippet `docs/assets/people.md` not found"),
        "{err}"
    );
    assert!(
        err.contains("its hooks cannot run here and may be what writes it: the line is left out"),
        "{err}"
    );
    write(
        "mkdocs.yml",
        &config.replace("hooks:\n  - docs/people.py\n", ""),
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: snippet `docs/assets/people.md` not found"),
        "{err}"
    );
}

#[test]
fn an_auto_append_file_in_the_docs_is_a_page_without_itself_appended() {
    // Pi-hole's docs append `docs/abbreviations.md`, a page of the site too: it was an
    // include cycle, an error that failed the build MkDocs makes.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: A\nmarkdown_extensions:\n  - abbr\n  - pymdownx.snippets:\n      auto_append:\n        - docs/abbreviations.md\n",
    );
    write("docs/index.md", "# Home\n\nThe DNS.\n");
    write("docs/abbreviations.md", "*[DNS]: Domain Name System\n");
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("cycle"), "{err}");
    let home = output_page(dir.path(), "site", "index.html");
    assert_eq!(attrs(&home, "abbr", "title"), ["Domain Name System"]);
}

#[test]
fn an_auto_append_file_that_is_not_there_is_named_once_at_its_setting() {
    // Instructor's docs append `includes/mkdocs.md`, which the repository does not have:
    // MkDocs appends nothing; Waymark said so on each of its 254 pages.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    let config = "site_name: A\nmarkdown_extensions:\n  - abbr\n  - pymdownx.snippets:\n      auto_append:\n        - includes/glossary.md\n";
    write("mkdocs.yml", config);
    write("docs/index.md", "# Home\n");
    write("docs/other.md", "# Other\n");
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    // One warning (its message and the line it points at), none on the pages.
    assert_eq!(
        err.matches("warning: pymdownx.snippets").count(),
        1,
        "{err}"
    );
    assert!(
        !err.contains("docs/index.md") && !err.contains("docs/other.md"),
        "{err}"
    );
    assert!(
        err.contains("warning: pymdownx.snippets' `auto_append` file `includes/glossary.md` is not in a snippet base folder\n  --> mkdocs.yml:6:11"),
        "{err}"
    );
    // With `check_paths`, MkDocs stops: so does Waymark, once.
    write(
        "mkdocs.yml",
        &config.replace(
            "      auto_append:",
            "      check_paths: true\n      auto_append:",
        ),
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("error: pymdownx.snippets' `auto_append` file")
            .count(),
        1,
        "{err}"
    );
    // Once it is there, every page gets it.
    write(
        "includes/glossary.md",
        "*[API]: Application Programming Interface\n",
    );
    write("docs/other.md", "# Other\n\nThe API.\n");
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("auto_append"), "{err}");
    let other = std::fs::read_to_string(dir.path().join("site/other/index.html")).unwrap();
    assert!(
        other.contains("<abbr title=\"Application Programming Interface\">API</abbr>"),
        "{other}"
    );
}

#[test]
fn two_blog_posts_at_one_address_do_not_stop_the_build() {
    // Instructor's blog has two posts with the same date and title: one address. One page
    // is published there; the listings show it once, and nothing panics (before, the
    // listing read past the end of the posts).
    let project = blog_project("  - blog\n");
    write_file(
        project.path(),
        "docs/blog/posts/twin.md",
        "---\ndate: 2024-01-31\n---\n\n# My first post\n\nThe twin.\n",
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("would both be written to `blog/2024/01/31/my-first-post/index.html`"),
        "{err}"
    );
    let index = std::fs::read_to_string(project.path().join("site/blog/index.html")).unwrap();
    assert!(
        index.contains("href=\"2024/01/31/my-first-post/\""),
        "{index}"
    );
}

#[test]
fn each_language_of_a_translated_site_is_a_site_of_its_own() {
    // mkdocs-static-i18n with one folder per language, as the OpenAI Agents SDK's docs
    // have it: each language in its folder of the site, with its own navigation, words,
    // search and a language menu leading to the same page.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: I\nsite_url: https://example.org/docs/\nplugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n        - locale: en\n          default: true\n          name: English\n          nav:\n            - Home: index.md\n            - Guide: guide/setup.md\n        - locale: fi\n          name: Suomi\n          site_name: Opas\n          admonition_translations: {note: Huomautus}\n          theme: {palette: {primary: red}}\n          nav:\n            - Koti: index.md\n            - Ohje: guide/setup.md\n",
    );
    write(
        "docs/index.md",
        "# Home\n\nSee the [setup](guide/setup.md).\n",
    );
    write(
        "docs/guide/setup.md",
        "# Setup\n\n![Plan](../img/plan.png)\n",
    );
    write("docs/img/plan.png", "png");
    // A translated page linking the shared image from its own folder, and a page not
    // translated yet.
    write(
        "docs/fi/index.md",
        "# Koti\n\nKatso [ohje](guide/setup.md) ja ![kuva](../img/plan.png).\n\n!!! note\n    Lue ensin.\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("broken link"), "{err}");
    assert!(
        err.contains("plugin `i18n`: the options `theme.palette` of language `fi` are not applied"),
        "{err}"
    );
    let finnish = output_page(dir.path(), "site", "fi/index.html");
    assert_eq!(attrs(&finnish, "html", "lang"), ["fi"]);
    assert_eq!(texts(&finnish, ".site-title"), ["Opas"]);
    // The theme's words are the language's.
    assert_eq!(texts(&finnish, ".skip-link"), ["Siirry sisältöön"]);
    // Boxes without a title are titled in the language (`admonition_translations`).
    assert_eq!(texts(&finnish, ".admonition-title"), ["Huomautus"]);
    // Links stay in the Finnish site: the untranslated page stands in at its own path,
    // and the shared image is the Finnish site's copy.
    assert_eq!(attrs(&finnish, ".content p a", "href"), ["guide/setup/"]);
    assert_eq!(attrs(&finnish, ".content p img", "src"), ["img/plan.png"]);
    assert!(dir.path().join("site/fi/img/plan.png").is_file());
    assert_eq!(texts(&finnish, "#sidebar .nav-link"), ["Koti", "Ohje"]);
    let stand_in = output_page(dir.path(), "site", "fi/guide/setup/index.html");
    assert!(texts(&stand_in, "h1")[0].starts_with("Setup"));
    assert_eq!(attrs(&stand_in, "html", "lang"), ["fi"]);
    // The language menu leads to the same page in each language.
    assert_eq!(
        attrs(&stand_in, ".alternate-list a", "href"),
        ["../../../guide/setup/", "../../../fi/guide/setup/"]
    );
    assert_eq!(
        attrs(&stand_in, ".alternate-list a[aria-current]", "lang"),
        ["fi"]
    );
    let english = output_page(dir.path(), "site", "guide/setup/index.html");
    assert_eq!(
        attrs(&english, ".alternate-list a", "href"),
        ["../../guide/setup/", "../../fi/guide/setup/"]
    );
    assert_eq!(texts(&english, "#sidebar .nav-link"), ["Home", "Guide"]);
    assert_eq!(texts(&english, ".skip-link"), ["Skip to content"]);
    // One sitemap, naming each page's translations.
    let sitemap = std::fs::read_to_string(dir.path().join("site/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/docs/guide/setup/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/docs/guide/setup/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"fi\" href=\"https://example.org/docs/fi/guide/setup/\"/>"),
        "{sitemap}"
    );
    assert!(!dir.path().join("site/fi/sitemap.xml").exists());
    // The English site holds no Finnish page; each language has its own search index.
    assert!(!dir.path().join("site/fi/fi").exists());
    for (folder, language) in [("", "en"), ("fi/", "fi")] {
        let entry = std::fs::read_to_string(
            dir.path()
                .join(format!("site/{folder}_waymark/search/pagefind-entry.json")),
        )
        .unwrap();
        assert!(
            entry.contains(&format!("\"languages\":{{\"{language}\"")),
            "{entry}"
        );
    }
}

#[test]
fn translations_may_be_written_beside_their_pages() {
    // The plugin's default structure: `page.fr.md` beside `page.md`; without a language
    // navigation, the shared one with `nav_translations`.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "site_name: S\nnav:\n  - Home: index.md\n  - Usage:\n    - Start: use/start.md\nplugins:\n  - i18n:\n      languages:\n        - {locale: en, default: true, name: English}\n        - locale: fr\n          name: Français\n          nav_translations: {Usage: Utilisation, Start: Démarrer}\n",
    );
    write("docs/index.md", "# Home\n");
    write(
        "docs/index.fr.md",
        "# Accueil\n\n[Démarrer](use/start.md)\n",
    );
    write("docs/use/start.md", "# Start\n");
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let french = output_page(dir.path(), "site", "fr/index.html");
    assert!(texts(&french, "h1")[0].starts_with("Accueil"));
    let start = output_page(dir.path(), "site", "fr/use/start/index.html");
    assert_eq!(
        texts(&start, "#sidebar .nav-link, #sidebar .nav-label"),
        ["Home", "Utilisation", "Démarrer"]
    );
    assert_eq!(attrs(&french, ".content p a", "href"), ["use/start/"]);
    // No page of its own for the translation's file name.
    assert!(!dir.path().join("site/index.fr").exists());
    let english = output_page(dir.path(), "site", "index.html");
    assert!(texts(&english, "h1")[0].starts_with("Home"));
    assert_eq!(attrs(&english, ".alternate-list a", "href"), ["./", "fr/"]);
}

#[test]
fn settings_real_projects_write_that_mkdocs_accepts() {
    // mkdocstrings-python's docs: `hide: [feedback]` on pages, and snippets' `base_path`
    // written with MkDocs' `!relative $config_dir`, a glossary appended with `check_paths`.
    // Asyncer's: an INHERIT chain ending in an empty file.
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
    write(
        "mkdocs.yml",
        "INHERIT: base.yml\nsite_name: R\nmarkdown_extensions:\n  - abbr\n  - pymdownx.snippets:\n      auto_append: [docs/.glossary.md]\n      base_path: [!relative $config_dir]\n      check_paths: true\nnav:\n  - Home: index.md\n  - Guide:\n    - guide/page.md\n",
    );
    write("base.yml", "");
    write(
        "docs/.glossary.md",
        "*[API]: Application Programming Interface\n",
    );
    write("docs/index.md", "# Home\n");
    write(
        "docs/guide/page.md",
        "---\nhide:\n  - feedback\n  - path\n  - tags\ntags: [one]\n---\n\n# Page\n\nThe API.\n",
    );
    let output = waymark(&["build", "."], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let page = output_page(dir.path(), "site", "guide/page/index.html");
    let count = |selector: &str| {
        page.select(&scraper::Selector::parse(selector).unwrap())
            .count()
    };
    assert_eq!(count("nav.breadcrumbs"), 0);
    assert_eq!(count(".tags"), 0);
    assert_eq!(count(".content abbr[title]"), 1);
    // Not hidden, both show.
    write(
        "docs/guide/page.md",
        "---
tags: [one]
---

# Page
",
    );
    let output = waymark(&["build", "."], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = output_page(dir.path(), "site", "guide/page/index.html");
    let count = |selector: &str| {
        page.select(&scraper::Selector::parse(selector).unwrap())
            .count()
    };
    assert_eq!((count("nav.breadcrumbs"), count(".tags")), (1, 1));
}

/// A Zensical project's settings, cut from Paperless-ngx's `zensical.toml`: TOML tables
/// for the theme and each extension, `pymdownx` and `zensical.extensions` nested by the
/// dots of the names, and the nav with inline tables.
const ZENSICAL_TOML: &str = r#"[project]

site_name = "Paperless-ngx"
site_url = "https://docs.example.org/"

nav = [
  "index.md",
  "setup.md",
  { Administration = [
    "administration.md",
    { "v3 Migration Guide" = "migration.md" },
  ] },
]

[project.theme]
features = ["content.code.copy"]

[project.markdown_extensions.admonition]
[project.markdown_extensions.def_list]
[project.markdown_extensions.pymdownx.highlight]
anchor_linenums = true
[project.markdown_extensions.pymdownx.blocks.caption]
[project.markdown_extensions.zensical.extensions.glightbox]

[project.plugins.tags]
"#;

/// A project with `zensical.toml` and the pages `files` (under `docs/`).
fn zensical_project(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = mkdocs_project("site_name: The mkdocs.yml beside it\n", files);
    std::fs::write(dir.path().join("zensical.toml"), config).unwrap();
    dir
}

#[test]
fn a_zensical_project_builds_from_its_zensical_toml() {
    let project = zensical_project(
        ZENSICAL_TOML,
        &[
            (
                "index.md",
                "# Home\n\n!!! note\n    Read this first.\n\nCopyright (c) 2026.\n\n![Inbox](inbox.png)\n",
            ),
            (
                "setup.md",
                "# Setup\n\n#### `REDIS` {#REDIS}\n\n: The broker.\n",
            ),
            ("administration.md", "# Administration\n"),
            ("migration.md", "# Migration\n"),
            ("inbox.png", "png"),
        ],
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let home = built_page(project.path(), "index.html");
    // zensical.toml is read before mkdocs.yml, as Zensical reads it.
    assert_eq!(texts(&home, ".site-title"), ["Paperless-ngx"]);
    let migration = built_page(project.path(), "migration/index.html");
    // Without `navigation.indexes` a section is a label over its pages, as Zensical 0.0.73
    // shows it.
    assert_eq!(
        sidebar(&migration),
        [
            "Home",
            "Setup",
            "Administration",
            "  Administration",
            "  v3 Migration Guide"
        ]
    );
    assert_eq!(texts(&home, ".admonition-title"), ["Note"]);
    // The extensions are named, so Zensical's defaults are not added: no smart symbols.
    assert!(texts(&home, ".content p")
        .iter()
        .any(|p| p == "Copyright (c) 2026."));
    let setup = built_page(project.path(), "setup/index.html");
    assert_eq!(texts(&setup, "h4 + dl > dd"), ["The broker."]);
    // Zensical's glightbox extension is the MkDocs plugin: images open enlarged.
    assert_eq!(attrs(&home, ".content a.glightbox", "href"), ["inbox.png"]);
    assert!(!err.contains("glightbox"), "{err}");
    // Zensical always has search, though `plugins` does not name it.
    assert!(project.path().join("site/_waymark/search").is_dir());
}

#[test]
fn without_markdown_extensions_zensical_enables_its_defaults() {
    let page = "# Home\n\nCopyright (c) 2026, $E = mc^2$, see https://example.org/about.\n";
    let config =
        "[project]\nsite_name = \"Defaults\"\n\n[project.plugins.search]\nenabled = false\n";
    let project = zensical_project(config, &[("index.md", page)]);
    build_mkdocs(project.path());
    let home = built_page(project.path(), "index.html");
    // pymdownx.smartsymbols, arithmatex and magiclink are among Zensical's defaults.
    let text = texts(&home, ".content p").concat();
    assert!(text.starts_with("Copyright © 2026"), "{text}");
    assert_eq!(texts(&home, ".content .arithmatex math").len(), 1);
    assert_eq!(
        attrs(&home, ".content p a", "href"),
        ["https://example.org/about"]
    );
    assert!(!project.path().join("site/_waymark/search").exists());
    // The same page in an MkDocs project without extensions: none of them.
    let mkdocs = mkdocs_project("site_name: Bare\n", &[("index.md", page)]);
    build_mkdocs(mkdocs.path());
    let bare = built_page(mkdocs.path(), "index.html");
    assert_eq!(
        texts(&bare, ".content p"),
        ["Copyright (c) 2026, $E = mc^2$, see https://example.org/about."]
    );
}

#[test]
fn zensical_toml_problems_are_located_in_it() {
    let broken = zensical_project(
        "[project]\nsite_name = \"Broken\"\nnav = [\n  \"index.md\",\n  { Setup = \"setup.md\" \n",
        &[("index.md", "# Home\n")],
    );
    let output = waymark(&["build", "."], broken.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("zensical.toml is not valid TOML"), "{err}");
    assert!(err.contains("--> zensical.toml:5:"), "{err}");
    assert!(
        broken.path().join("site").read_dir().is_err(),
        "nothing is written"
    );

    let unnamed = zensical_project(
        "[project]\ndocs_dir = \"docs\"\n",
        &[("index.md", "# Home\n")],
    );
    let err = stderr(&waymark(&["build", "."], unnamed.path()));
    assert!(err.contains("zensical.toml has no `site_name`"), "{err}");
    assert!(
        err.contains("add `site_name = \"My guide\"` under `[project]`"),
        "{err}"
    );

    // Named with --config, any TOML file with a `[project]` table is read as zensical.toml.
    let named = mkdocs_project("site_name: Not this one\n", &[("index.md", "# Home\n")]);
    std::fs::write(
        named.path().join("docs.toml"),
        "[project]\nsite_name = \"Named\"\n",
    )
    .unwrap();
    let config = waymark::load_config_from(named.path(), Some(Path::new("docs.toml")))
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    assert_eq!(config.title, "Named");
}

#[test]
fn search_switched_off_in_mkdocs_yml_writes_no_index() {
    let project = mkdocs_project(
        "site_name: S\nplugins:\n  - search:\n      enabled: false\n",
        &[("index.md", "# Home\n")],
    );
    build_mkdocs(project.path());
    assert!(project.path().join("site/index.html").is_file());
    assert!(!project.path().join("site/_waymark/search").exists());
}

#[test]
fn a_page_that_includes_itself_is_one_error_and_its_problems_are_reported_once() {
    let project = mkdocs_project(
        "site_name: Loops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n",
        &[
            (
                "index.md",
                "# Home\n\n--8<-- \"index.md\"\n\nSee [the missing page](nowhere.md).\n",
            ),
            ("a.md", "# A\n\n--8<-- \"b.md\"\n"),
            ("b.md", "B includes A.\n\n--8<-- \"a.md\"\n"),
        ],
    );
    let output = waymark(&["build", "."], project.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: snippet include cycle: docs/index.md -> docs/index.md\n  --> docs/index.md:3:1"
        ),
        "{err}"
    );
    // Found where the page comes round again, not a file later.
    assert!(
        err.contains("error: snippet include cycle: docs/a.md -> docs/b.md -> docs/a.md\n  --> docs/b.md:3:1"),
        "{err}"
    );
    assert_eq!(err.matches("broken link `nowhere.md`").count(), 1, "{err}");
}

/// A `nav` entry naming a file that is not a page (a notebook, a PDF) is a link to the
/// file, as MkDocs makes it: Presidio's nav lists its sample notebooks so.
#[test]
fn nav_entries_naming_other_files_link_to_them() {
    let project = mkdocs_project(
        "site_name: Files\nnav:\n  - Home: index.md\n  - Samples:\n    - Notebook: samples/basic usage.ipynb\n    - Sheet: sheet.pdf\n",
        &[
            ("index.md", "# Home\n"),
            ("samples/basic usage.ipynb", "{\"cells\": []}\n"),
            ("sheet.pdf", "%PDF-1.4\n"),
        ],
    );
    let built = build_mkdocs(project.path());
    let messages = built.warnings.render();
    assert!(!messages.contains("no such page"), "{messages}");
    let home = built_page(project.path(), "index.html");
    assert_eq!(sidebar(&home), ["Home", "Samples", "  Notebook", "  Sheet"]);
    assert_eq!(
        attrs(&home, ".sidebar a", "href"),
        ["./", "samples/basic%20usage.ipynb", "sheet.pdf"]
    );
    assert!(project
        .path()
        .join("site/samples/basic usage.ipynb")
        .is_file());
    // Not a page: the reading order goes from Home to nothing.
    assert!(select(&home, "a[rel=next]").is_empty());
    // The whole tree, loaded by every page, has the same links.
    let tree = std::fs::read_to_string(project.path().join("site/_waymark/nav.js")).unwrap();
    assert!(
        tree.contains(r#""u":"samples/basic usage.ipynb""#),
        "{tree}"
    );
}

/// mkdocs-jupyter: a notebook is a page made of its cells and the outputs saved in it,
/// as graphrag's docs publish theirs; a problem in a cell is reported at its line in the
/// `.ipynb` file.
#[test]
fn notebooks_are_pages_with_their_saved_outputs() {
    let notebook = r###"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Local search\n",
    "\n",
    "## Set up\n",
    "\n",
    "See [the overview](index.md) and [a lost page](lost.md)."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": ["loaded 3 < 4 rows\n"]
    },
    {
     "data": {
      "text/html": ["<table class=\"dataframe\">\n", "\n", "<tr><td>42</td></tr>\n", "</table>"],
      "text/plain": ["   x\n", "0  42"]
     },
     "execution_count": 1,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": [
    "import pandas as pd\n",
    "pd.DataFrame({'x': [42]})"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "Read as Jupyter reads it, with math and without MkDocs' list rules:\n",
    "- $x^2$ is drawn\n",
    "    - nested by four\n",
    "  - or two, with https://example.org/data.csv linked"
   ]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
"###;
    let project = mkdocs_project(
        "site_name: Notebooks\nnav:\n  - index.md\n  - examples/local_search.ipynb\nplugins:\n  - search\n  - mkdocs-jupyter:\n      include_source: true\n      execute: true\nmarkdown_extensions:\n  - pymdownx.highlight:\n      linenums: true\n",
        &[
            ("index.md", "# Overview\n\nTry [the notebook](examples/local_search.ipynb).\n"),
            ("examples/local_search.ipynb", notebook),
        ],
    );
    let built = build_mkdocs(project.path());
    let warnings = built.warnings.render();
    assert!(
        warnings.contains("docs/examples/local_search.ipynb:11:"),
        "the broken link at its line in the file: {warnings}"
    );
    assert!(warnings.contains("`lost.md`"), "{warnings}");
    assert!(
        warnings.contains("the settings `execute` are not used by Waymark"),
        "{warnings}"
    );
    let page = built_page(project.path(), "examples/local_search/index.html");
    assert_eq!(texts(&page, "title"), ["Local search - Notebooks"]);
    assert_eq!(
        texts(&page, ".content h2"),
        ["Set up#"],
        "with its permalink"
    );
    assert!(texts(&page, ".toc a").contains(&"Set up".to_string()));
    assert_eq!(
        code_blocks(&page),
        ["import pandas as pd\npd.DataFrame({'x': [42]})\n"]
    );
    assert_eq!(texts(&page, "pre.nb-stream"), ["loaded 3 < 4 rows"]);
    assert_eq!(texts(&page, ".nb-html table td"), ["42"]);
    assert!(
        select(&page, "pre.nb-result").is_empty(),
        "HTML wins over plain text"
    );
    assert_eq!(
        select(&page, ".content li math").len(),
        1,
        "math without arithmatex"
    );
    assert!(
        select(&page, ".lineno").is_empty(),
        "cells are not numbered"
    );
    assert_eq!(
        select(&page, ".content li li").len(),
        2,
        "CommonMark's lists"
    );
    assert!(!warnings.contains("MkDocs"), "{warnings}");
    assert_eq!(
        attrs(&page, ".content a[href$='.ipynb']", "href"),
        ["local_search.ipynb"],
        "the download link"
    );
    assert!(project
        .path()
        .join("site/examples/local_search/local_search.ipynb")
        .is_file());
    let home = built_page(project.path(), "index.html");
    assert_eq!(
        attrs(&home, ".content p a", "href"),
        ["examples/local_search/"],
        "a link to the notebook leads to its page"
    );
    assert_eq!(sidebar(&page), ["Overview", "Local search"]);
}

/// mkdocs-exclude-search, as graphrag's docs use it: the pages and folders it names, and
/// with `exclude_unreferenced` the pages the navigation leaves out, are not in the index.
#[test]
fn exclude_search_leaves_pages_out_of_the_index() {
    let project = mkdocs_project(
        "site_name: S\nnav:\n  - index.md\n  - guide.md\n  - data/dulce/Operation Dulce.md\n  - drafts/wip.md\n  - v{1}.md\nplugins:\n  - search\n  - exclude-search:\n      exclude:\n        - data/dulce/Operation Dulce.md\n        - drafts/*\n        - guide.md#secrets\n        - notes[z-a].md\n        - v{1}.md\n      exclude_unreferenced: true\n",
        &[
            ("index.md", "# Home\n"),
            ("v{1}.md", "# Braces\n"),
            ("guide.md", "# Guide\n\n## Secrets\n"),
            ("data/dulce/Operation Dulce.md", "# Dulce\n"),
            ("drafts/wip.md", "# Draft\n"),
            ("orphan.md", "# Orphan\n"),
        ],
    );
    let built = build_mkdocs(project.path());
    let mut urls: Vec<String> = search_fragments(&project.path().join("site"))
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect();
    urls.sort();
    assert_eq!(urls, ["/", "/guide/"]);
    let warnings = built.warnings.render();
    assert!(
        warnings.contains(
            "plugin `exclude-search`: the sections `guide.md#secrets` stay in the search index"
        ),
        "{warnings}"
    );
    // As Python's fnmatch reads it: braces stand for themselves; an invalid set is named.
    assert!(
        warnings.contains("plugin `exclude-search`: `notes[z-a]` is not a valid pattern"),
        "{warnings}"
    );
    assert!(
        !warnings.contains("`topics/a.md` is not a page"),
        "{warnings}"
    );
    assert!(!warnings.contains("not available"), "{warnings}");
}

/// mkdocs-no-sitemap-plugin (UniFFI's docs): no `sitemap.xml`, even with `site_url`.
#[test]
fn no_sitemap_plugin_leaves_the_sitemap_out() {
    let config =
        "site_name: S\nsite_url: https://example.org/\nplugins:\n  - no-sitemap\n  - search\n";
    let project = mkdocs_project(config, &[("index.md", "# Home\n")]);
    let built = build_mkdocs(project.path());
    assert!(project.path().join("site/index.html").is_file());
    assert!(!project.path().join("site/sitemap.xml").exists());
    assert!(
        built.warnings.render().is_empty(),
        "{}",
        built.warnings.render()
    );
    let project = mkdocs_project(
        &config.replace("  - no-sitemap\n", ""),
        &[("index.md", "# Home\n")],
    );
    build_mkdocs(project.path());
    assert!(project.path().join("site/sitemap.xml").is_file());
}

/// Material's glightbox plugin (Paperless-ngx's and Nautobot's docs): each image opens
/// enlarged; without JavaScript its link opens the image itself.
#[test]
fn glightbox_makes_images_links_to_themselves() {
    let project = mkdocs_project(
        "site_name: S\nmarkdown_extensions:\n  - attr_list\nplugins:\n  - search\n  - glightbox:\n      skip_classes: [plain]\n      auto_caption: true\n",
        &[
            (
                "index.md",
                "# Home\n\n![The dashboard](<img/dash board.png>)\n\n[![Linked](img/a.png)](other.md)\n\n![Logo](img/logo.png){ .off-glb }\n\n![Icon](img/icon.png){ .plain }\n\n![Wide](img/wide.png \"A wide view\"){ .wide }\n",
            ),
            ("other.md", "---\nglightbox: false\n---\n\n# Other\n\n![Kept](img/a.png)\n"),
            ("img/dash board.png", "png"),
            ("img/a.png", "png"),
            ("img/logo.png", "png"),
            ("img/icon.png", "png"),
            ("img/wide.png", "png"),
        ],
    );
    let built = build_mkdocs(project.path());
    let warnings = built.warnings.render();
    assert!(!warnings.contains("glightbox"), "{warnings}");
    let home = built_page(project.path(), "index.html");
    assert_eq!(
        attrs(&home, ".content a.glightbox", "href"),
        ["img/dash%20board.png", "img/wide.png"]
    );
    assert_eq!(
        attrs(&home, ".content a.glightbox", "data-title"),
        ["The dashboard", "A wide view"],
        "auto_caption: the text of an image without a title"
    );
    assert_eq!(attrs(&home, ".content a.glightbox img", "class"), ["wide"]);
    assert_eq!(
        select(&home, ".content img").len(),
        5,
        "every image is kept"
    );
    let other = built_page(project.path(), "other/index.html");
    assert!(
        select(&other, "a.glightbox").is_empty(),
        "`glightbox: false`"
    );
}

/// mkdocs-llmstxt (uvicorn's, griffe's and Google ADK's docs): `llms.txt` lists the
/// sections' pages with full addresses of their Markdown, each listed page is written as
/// Markdown beside its HTML, and `full_output` holds them all.
#[test]
fn llmstxt_lists_pages_and_writes_them_as_markdown() {
    let config = "site_name: Guide\nsite_url: https://example.org/docs\nsite_description: How to work here.\nplugins:\n  - search\n  - llmstxt:\n      full_output: llms-full.txt\n      markdown_description: Long description.\n      sections:\n        Start:\n          - index.md: The first page\n          - setup.md\n        Topics:\n          - topics/*.md\n          - missing.md\n          - topics/a.md: About A\n";
    let project = mkdocs_project(
        config,
        &[
            ("index.md", "# Home\n\nRead [the setup](setup.md) and [topics](topics/index.md).\n\n![Logo](logo.png)\n"),
            ("setup.md", "# Setup\n\n## Install\n\n```bash\npip install x\n```\n\n- one\n- two\n"),
            ("topics/index.md", "# Topics\n\nAll topics.\n"),
            ("topics/b.md", "# B\n\nSee [setup](../setup.md#install).\n"),
            ("topics/a.md", "# A\n\nText of A.\n"),
            ("logo.png", "png"),
        ],
    );
    let built = build_mkdocs(project.path());
    let site = project.path().join("site");
    let read = |path: &str| std::fs::read_to_string(site.join(path)).unwrap();
    assert_eq!(
        read("llms.txt"),
        "# Guide\n\n> How to work here.\n\nLong description.\n\n## Start\n\n- [Home](https://example.org/docs/index.md): The first page\n- [Setup](https://example.org/docs/setup/index.md)\n\n## Topics\n\n- [Topics](https://example.org/docs/topics/index.md)\n- [A](https://example.org/docs/topics/a/index.md): About A\n- [B](https://example.org/docs/topics/b/index.md)\n\n"
    );
    // Links are full addresses, a folder's leading to its page's Markdown; images and
    // permalinks are left out; code keeps its language.
    assert_eq!(
        read("index.md"),
        "# Home\n\nRead [the setup](https://example.org/docs/setup/index.md) and [topics](https://example.org/docs/topics/index.md).\n"
    );
    assert_eq!(
        read("setup/index.md"),
        "# Setup\n\n## Install\n\n```bash\npip install x\n```\n\n- one\n- two\n"
    );
    assert_eq!(
        read("topics/b/index.md"),
        "# B\n\nSee [setup](https://example.org/docs/setup/#install).\n"
    );
    let full = read("llms-full.txt");
    assert!(
        full.starts_with(
            "# Guide\n\n> How to work here.\n\nLong description.\n\n# Start\n\n# Home\n"
        ),
        "{full}"
    );
    let order: Vec<usize> = ["# Setup", "# Topics\n\n# Topics", "# A", "# B"]
        .iter()
        .map(|heading| {
            full.find(heading)
                .unwrap_or_else(|| panic!("{heading}: {full}"))
        })
        .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{full}");
    // The entry that names no page is named, at its line; a page listed again keeps its
    // place and takes the later description.
    let warnings = built.warnings.render();
    assert!(
        warnings.contains("plugin `llmstxt`: `missing.md` is not a page of the site")
            && warnings.contains("mkdocs.yml:15:13"),
        "{warnings}"
    );
    assert!(!warnings.contains("not available"), "{warnings}");
}

/// Without the site's address llms.txt cannot give full links: MkDocs stops, Waymark
/// builds the site without it and says why; the plugin's Python `preprocess` is not run.
#[test]
fn llmstxt_without_an_address_is_named_and_left_out() {
    let project = mkdocs_project(
        "site_name: Guide\nplugins:\n  - llmstxt:\n      preprocess: clean.py\n      sections:\n        Start:\n          - index.md\n",
        &[("index.md", "# Home\n")],
    );
    let built = build_mkdocs(project.path());
    let warnings = built.warnings.render();
    assert!(!project.path().join("site/llms.txt").exists());
    assert!(!project.path().join("site/index.md").exists());
    assert!(
        warnings.contains("plugin `llmstxt` needs the site's address: no llms.txt is written")
            && warnings.contains("set `site_url`"),
        "{warnings}"
    );
    assert!(
        warnings.contains("its `preprocess` script is not run")
            && warnings.contains("mkdocs.yml:4:7"),
        "{warnings}"
    );
}

/// Material's version selector for sites deployed with mike (uniffi-rs's docs): the
/// header holds the selector and the outdated notice, hidden until the theme's script has
/// read `versions.json`; the `default` patterns and `alias` go with them.
#[test]
fn mike_version_selector_is_in_the_header() {
    let project = common::fixture("versions");
    let built = build_mkdocs(project.path());
    let html = std::fs::read_to_string(project.path().join("site/guide/setup/index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| {
        let selector = scraper::Selector::parse(css).unwrap();
        document
            .select(&selector)
            .map(|e| e.value().clone())
            .collect::<Vec<_>>()
    };
    let selector = select("header details.versions[hidden]");
    assert_eq!(selector.len(), 1, "{html}");
    assert_eq!(selector[0].attr("data-versions"), Some("../../"));
    assert_eq!(
        selector[0].attr("data-versions-default"),
        Some("[\"latest\",\"stable\"]")
    );
    assert!(selector[0].attr("data-versions-alias").is_some());
    assert_eq!(
        select("details.versions summary .versions-current").len(),
        1
    );
    let notice = select(".versions-outdated[hidden] a.versions-latest");
    assert_eq!(notice.len(), 1, "{html}");
    assert_eq!(notice[0].attr("href"), Some("../../../"));
    assert!(
        built.warnings.render().is_empty(),
        "{}",
        built.warnings.render()
    );

    // Without `extra.version` there is neither; another provider, or none, is named in a
    // warning.
    for (extra, warned) in [
        ("", None),
        (
            "extra:\n  version:\n    provider: other\n",
            Some("`extra.version` provider `other` is not known: no version selector is shown"),
        ),
        (
            "extra:\n  version: true\n",
            Some("`extra.version` names no `provider`: no version selector is shown"),
        ),
    ] {
        let project = mkdocs_project(
            &format!("site_name: S\n{extra}"),
            &[("index.md", "# Home\n")],
        );
        let built = build_mkdocs(project.path());
        let html = std::fs::read_to_string(project.path().join("site/index.html")).unwrap();
        assert!(
            !html.contains("data-versions") && !html.contains("versions-outdated"),
            "{html}"
        );
        let warnings = built.warnings.render();
        match warned {
            Some(warning) => assert!(warnings.contains(warning), "{warnings}"),
            None => assert!(!warnings.contains("extra.version"), "{warnings}"),
        }
    }
}

/// A listed page nested tens of thousands of elements deep would overflow the converter's
/// stack: its Markdown file holds its text, with a warning at the page.
#[test]
fn llmstxt_writes_a_page_too_deep_to_convert_as_text() {
    let deep = format!(
        "# Deep\n\n{}fish &amp; chips{}\n",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let quoted = format!("# Quoted\n\n{} words\n", ">".repeat(20_000));
    let project = mkdocs_project(
        "site_name: S\nsite_url: https://example.org/\nplugins:\n  - llmstxt:\n      sections:\n        All:\n          - \"*\"\n",
        &[("index.md", "# Home\n\nPlain.\n"), ("deep.md", &deep), ("quoted.md", &quoted)],
    );
    let built = build_mkdocs(project.path());
    let read =
        |path: &str| std::fs::read_to_string(project.path().join("site").join(path)).unwrap();
    assert_eq!(read("index.md"), "# Home\n\nPlain.\n");
    assert!(
        read("deep/index.md").contains("fish & chips"),
        "{}",
        read("deep/index.md")
    );
    assert!(read("quoted/index.md").contains("words"));
    let warnings = built.warnings.render();
    for page in ["docs/deep.md", "docs/quoted.md"] {
        assert!(
            warnings.contains(&format!("nests more than 200 levels deep; its Markdown file holds its text without markup\n  --> {page}")),
            "{warnings}"
        );
    }
    assert!(!warnings.contains("index.md\n"), "{warnings}");
}

/// pymdownx.quotes is known: with `callouts: true` a titled `> [!TIP] Title` quote is an
/// admonition; an option it does not have is named.
#[test]
fn pymdownx_quotes_callouts_are_read() {
    let project = mkdocs_project(
        "site_name: S\nmarkdown_extensions:\n  - pymdownx.quotes:\n      callouts: true\n      colour: red\n",
        &[("index.md", "# Home\n\n> [!TIP] Before you start\n> Check your quota.\n")],
    );
    let built = build_mkdocs(project.path());
    let html = std::fs::read_to_string(project.path().join("site/index.html")).unwrap();
    assert!(
        html.contains("<div class=\"admonition tip\">\n<p class=\"admonition-title\">Before you start</p>\n<p>Check your quota.</p>"),
        "{html}"
    );
    let warnings = built.warnings.render();
    assert!(!warnings.contains("is not supported"), "{warnings}");
    assert!(warnings.contains("colour"), "{warnings}");
}

/// Material's typeset plugin (griffe's docs): the table of contents shows each heading's
/// markup, without its links, and the `[TOC]` marker's list too; a `data-toc-label` still
/// names its heading there. Without the plugin the contents are text.
#[test]
fn typeset_keeps_the_markup_of_headings_in_the_contents() {
    let page = "# Title\n\n## The `load` *function*\n\n## See [the docs](#title) now\n\n## Labelled { data-toc-label=\"Short\" }\n\n[TOC]\n";
    for (plugins, markup) in [("plugins:\n  - typeset\n", true), ("", false)] {
        let project = mkdocs_project(
            &format!("site_name: S\nmarkdown_extensions:\n  - toc\n  - attr_list\n{plugins}"),
            &[("index.md", page)],
        );
        let built = build_mkdocs(project.path());
        assert!(
            built.warnings.render().is_empty(),
            "{}",
            built.warnings.render()
        );
        let html = std::fs::read_to_string(project.path().join("site/index.html")).unwrap();
        let document = scraper::Html::parse_document(&html);
        for list in ["nav.toc ul", "nav.inline-toc ul"] {
            let selector = scraper::Selector::parse(list).unwrap();
            let entries: Vec<String> = document
                .select(&selector)
                .next()
                .unwrap_or_else(|| panic!("{list}: {html}"))
                .select(&scraper::Selector::parse("li > a").unwrap())
                .map(|a| a.inner_html())
                .collect();
            let expected = match markup {
                true => [
                    "The <code>load</code> <em>function</em>",
                    "See the docs now",
                    "Short",
                ],
                false => ["The load function", "See the docs now", "Short"],
            };
            assert_eq!(entries, expected, "{list}");
        }
    }
}
