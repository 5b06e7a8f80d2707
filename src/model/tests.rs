use super::*;
use crate::test_support::source;
use std::path::Path;

fn config() -> Config {
    crate::config::parse("[book]\ntitle = \"Guide\"\n", Path::new("/project")).unwrap()
}

fn site(files: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    site_with(config(), files)
}

fn site_with(config: Config, files: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    let loaded = Loaded {
        sources: files.iter().map(|(p, t)| source(p, t)).collect(),
        static_files: Vec::new(),
        authors: Default::default(),
        pages_files: Default::default(),
    };
    build(config, loaded)
}

fn titles(site: &Site, ids: &[PageId]) -> Vec<String> {
    ids.iter().map(|&id| site.page(id).title.clone()).collect()
}

fn messages(problems: &[Diagnostic]) -> Vec<String> {
    problems.iter().map(|p| p.message.clone()).collect()
}

#[test]
fn titles_come_from_front_matter_then_heading_then_file_name() {
    let (site, _) = site(&[
        ("a.md", "---\ntitle: From front-matter\n---\n# Heading\n"),
        ("b.md", "```\n# not a heading\n```\nSetext title\n===\n"),
        ("getting-started.md", "no heading here\n"),
        ("guide/index.md", "text\n"),
        ("index.md", "text\n"),
    ]);
    let all: Vec<&str> = site.pages.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        all,
        [
            "From front-matter",
            "Setext title",
            "Getting started",
            "Guide",
            "Guide"
        ]
    );
}

#[test]
fn folder_navigation_orders_by_weight_then_title() {
    let (site, problems) = site(&[
        ("index.md", "# Home\n"),
        ("zeta.md", "---\nweight: 1\n---\n# Zeta\n"),
        ("alpha.md", "# Alpha\n"),
        ("beta.md", "# Beta\n"),
        ("guide/index.md", "---\nweight: 2\n---\n# Guide\n"),
        ("guide/b.md", "# B\n"),
        ("guide/a.md", "# A\n"),
    ]);
    assert!(problems.is_empty());
    let top: Vec<&str> = site.nav.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(top, ["Home", "Zeta", "Guide", "Alpha", "Beta"]);
    assert_eq!(
        titles(&site, &site.nav.order),
        ["Home", "Zeta", "Guide", "A", "B", "Alpha", "Beta"]
    );
    let a = site.paths.pages["guide/a.md"];
    let ancestry: Vec<&str> = site
        .nav
        .ancestry(a)
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(ancestry, ["Guide", "A"]);
    let (prev, next) = site.nav.neighbours(a);
    assert_eq!(
        titles(&site, &[prev.unwrap(), next.unwrap()]),
        ["Guide", "B"]
    );
}

#[test]
fn folders_without_index_get_generated_section_pages() {
    let (site, problems) = site(&[
        (
            "loose/deeper/page.md",
            "---\ndescription: Down *here*\n---\n# Deep\n",
        ),
        ("loose/other.md", "# Other\n"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    let loose = &site.nav.items[0];
    assert_eq!(loose.title, "Loose");
    assert_eq!(loose.children[0].children[0].title, "Deep");
    let page_of = |item: &nav::NavItem| match item.target {
        nav::NavTarget::Page(id) => site.page(id),
        ref other => panic!("{other:?} is not a page"),
    };
    let (section, deeper) = (page_of(loose), page_of(&loose.children[0]));
    assert_eq!(
        (section.url.as_str(), section.title.as_str()),
        ("loose/", "Loose")
    );
    assert_eq!(
        (deeper.url.as_str(), deeper.title.as_str()),
        ("loose/deeper/", "Deeper")
    );
    assert!(site.is_generated(section.id) && site.is_generated(deeper.id));
    assert!(!site.is_generated(page_of(&loose.children[0].children[0]).id));
    // Its entries in nav order, with descriptions, linked by their files.
    let listing = |text: &str| {
        format!("<div class=\"section-index\" data-pagefind-ignore markdown>\n\n{text}\n</div>\n")
    };
    assert_eq!(
        section.source.body(),
        listing("- [Deeper](<deeper/index.md>)\n- [Other](<other.md>)\n")
    );
    assert_eq!(
        deeper.source.body(),
        listing("- [Deep](<page.md>): Down \\*here\\*\n")
    );
    // Links to the folder reach the generated page.
    assert_eq!(site.paths.pages["loose/index.md"], section.id);
}

#[test]
fn a_section_page_yields_to_a_file_at_its_address() {
    let loaded = Loaded {
        sources: vec![source("loose/page.md", "# Page\n")],
        static_files: vec![crate::load::StaticFile {
            rel_path: "loose/index.html".into(),
            abs_path: "/project/content/loose/index.html".into(),
        }],
        authors: Default::default(),
        pages_files: Default::default(),
    };
    let (site, _) = build(config(), loaded);
    assert_eq!(site.nav.items[0].target, nav::NavTarget::Group);
    assert_eq!(site.pages.len(), 1);
}

#[test]
fn url_collisions_name_both_files() {
    let (site, problems) = site(&[("a.md", "# A\n"), ("a/index.md", "# A index\n")]);
    assert_eq!(site.pages.len(), 1);
    assert_eq!(
        messages(&problems),
        ["content/a.md and content/a/index.md would both be written to `a/index.html`"]
    );
}

#[test]
fn explicit_nav_follows_the_config_and_reports_missing_pages() {
    let mut config = config();
    config.nav = Some(vec![
        crate::config::NavEntry::Page {
            path: "b.md".into(),
            title: Some("Bee".into()),
        },
        crate::config::NavEntry::Section {
            title: "More".into(),
            page: None,
            children: vec![
                crate::config::NavEntry::Page {
                    path: "a.md".into(),
                    title: None,
                },
                crate::config::NavEntry::Page {
                    path: "gone.md".into(),
                    title: None,
                },
            ],
        },
    ]);
    let loaded = Loaded {
        sources: vec![source("a.md", "# A\n"), source("b.md", "# B\n")],
        static_files: Vec::new(),
        authors: Default::default(),
        pages_files: Default::default(),
    };
    let (site, problems) = build(config, loaded);
    assert_eq!(site.nav.items[0].title, "Bee");
    // As in MkDocs, a title given in the nav is the page's title.
    assert_eq!(titles(&site, &site.nav.order), ["Bee", "A"]);
    assert_eq!(
        messages(&problems),
        ["nav lists `gone.md`, but there is no such page"]
    );
}

const TUTORIAL: &str = "---\ntitle: Access\ntutorial:\n  paths:\n    - id: national\n      title: National\n    - id: register\n      title: Register\n---\n";

fn tutorial_site(steps: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    let mut files = vec![("access/index.md", TUTORIAL)];
    files.extend_from_slice(steps);
    site(&files)
}

#[test]
fn steps_are_ordered_per_path_with_positions_and_neighbours() {
    let (site, problems) = tutorial_site(&[
        ("access/account.md", "---\ntitle: Account\nstep: 10\n---\n"),
        (
            "access/apply-national.md",
            "---\ntitle: Apply N\nstep: 20\npaths: [national]\n---\n",
        ),
        (
            "access/apply-register.md",
            "---\ntitle: Apply R\nstep: 20\npaths: [register]\n---\n",
        ),
        (
            "access/agreement.md",
            "---\ntitle: Agreement\nstep: 25\npaths: [register]\n---\n",
        ),
        ("access/desktop.md", "---\ntitle: Desktop\nstep: 90\n---\n"),
        ("access/background.md", "---\ntitle: Background\n---\n"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    let tutorial = &site.tutorials[0];
    assert_eq!(
        titles(&site, &tutorial.paths[0].steps),
        ["Account", "Apply N", "Desktop"]
    );
    assert_eq!(
        titles(&site, &tutorial.paths[1].steps),
        ["Account", "Apply R", "Agreement", "Desktop"]
    );

    let desktop = site.paths.pages["access/desktop.md"];
    let positions = tutorial.positions(desktop);
    let summary: Vec<(&str, usize, usize)> = positions
        .iter()
        .map(|p| (p.path.id.as_str(), p.position, p.total))
        .collect();
    assert_eq!(summary, [("national", 3, 3), ("register", 4, 4)]);
    assert_eq!(
        titles(
            &site,
            &[positions[0].prev.unwrap(), positions[1].prev.unwrap()]
        ),
        ["Apply N", "Agreement"]
    );
    assert!(positions[0].next.is_none());

    let agreement = site.paths.pages["access/agreement.md"];
    assert_eq!(
        tutorial.positions(agreement).len(),
        1,
        "a step has no marker for a path it is not on"
    );
    let background = site.paths.pages["access/background.md"];
    assert!(tutorial.positions(background).is_empty());
    assert_eq!(
        site.tutorial_of(background).unwrap().index,
        site.paths.pages["access/index.md"]
    );

    let nav_steps: Vec<&str> = site.nav.items[0]
        .children
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        nav_steps,
        [
            "Account",
            "Apply N",
            "Apply R",
            "Agreement",
            "Desktop",
            "Background"
        ]
    );
}

#[test]
fn a_tutorial_without_paths_has_one() {
    let (site, problems) = site(&[
        ("t/index.md", "---\ntitle: Simple\ntutorial: {}\n---\n"),
        ("t/one.md", "---\nstep: 1\n---\n"),
        ("t/two.md", "---\nstep: 2\n---\n"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(site.tutorials[0].paths[0].id, tutorial::DEFAULT_PATH);
    assert_eq!(site.tutorials[0].paths[0].steps.len(), 2);
}

#[test]
fn duplicate_step_numbers_on_a_path_name_both_files() {
    let (_, problems) = tutorial_site(&[
        ("access/a.md", "---\nstep: 1\n---\n"),
        ("access/b.md", "---\nstep: 1\npaths: [register]\n---\n"),
        ("access/c.md", "---\nstep: 2\npaths: [national]\n---\n"),
    ]);
    assert_eq!(
        messages(&problems),
        ["step 1 appears twice on path `register`: in content/access/a.md and content/access/b.md"]
    );
    assert_eq!(problems[0].location.as_ref().unwrap().line, 2);
}

#[test]
fn undeclared_paths_list_the_declared_ones_and_suggest_the_closest() {
    let (_, problems) = tutorial_site(&[
        ("access/a.md", "---\nstep: 1\npaths: [nationl]\n---\n"),
        ("access/b.md", "---\nstep: 2\n---\n"),
    ]);
    assert_eq!(
        messages(&problems),
        ["path `nationl` is not declared by this tutorial"]
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("did you mean `national`? declared paths: `national`, `register`")
    );
}

#[test]
fn reports_every_structural_mistake() {
    let (_, problems) = site(&[
        ("lonely.md", "---\nstep: 3\n---\n"),
        ("t/index.md", "---\ntutorial:\n  paths:\n    - {id: a, title: A}\n    - {id: a, title: Again}\n    - {id: empty, title: Empty}\n---\n"),
        ("t/one.md", "---\nstep: 1\npaths: [a]\n---\n"),
        ("t/inner/index.md", "---\ntutorial: {}\n---\n"),
        ("plain.md", "---\npaths: [a]\n---\n"),
        ("notindex.md", "---\ntutorial: {}\n---\n"),
    ]);
    let mut found = messages(&problems);
    found.sort();
    assert_eq!(
        found,
        [
            "`paths` has no effect on a page without `step`",
            "`step` on a page that is not inside a tutorial folder",
            "`tutorial` can only be declared in a folder's index.md",
            "tutorial nested inside the tutorial of content/t/index.md",
            "tutorial path `a` is declared twice",
            "tutorial path `empty` has no steps",
        ]
    );
}

#[test]
fn a_tutorial_index_declared_as_a_step_is_an_error() {
    let (site, problems) = site(&[
        ("t/index.md", "---\ntutorial: {}\nstep: 1\n---\n"),
        ("t/one.md", "---\nstep: 2\n---\n"),
    ]);
    assert_eq!(
        messages(&problems),
        ["a tutorial's index page cannot itself be a step"]
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("move the step into its own page in the tutorial folder")
    );
    assert_eq!(problems[0].location.as_ref().unwrap().line, 3);
    assert_eq!(titles(&site, &site.tutorials[0].paths[0].steps), ["One"]);
}

#[test]
fn blog_posts_follow_the_url_format_and_listings_are_paginated() {
    let mut config = config();
    config.directory_urls = false;
    config.material.blog = Some(crate::config::Blog {
        blog_dir: "news".into(),
        post_dir: "news/posts".into(),
        post_url_format: "{categories}/{slug}".into(),
        post_url_date_format: "yyyy/MM/dd".into(),
        archive: true,
        archive_name: None,
        categories: false,
        categories_name: None,
        per_page: 1,
        authors: true,
        authors_file: "news/.authors.yml".into(),
    });
    let post = |date: &str, title: &str| {
        format!("---\ndate: {date}\ncategories: [Big News]\n---\n# {title}\n")
    };
    let loaded = Loaded {
        sources: vec![
            source("news/index.md", "# News\n"),
            source("news/posts/a.md", &post("2024-02-01", "Élan vital")),
            source("news/posts/b.md", &post("2023-05-06", "Older")),
            source("news/posts/undated.md", "# Undated\n"),
        ],
        static_files: Vec::new(),
        authors: Default::default(),
        pages_files: Default::default(),
    };
    let (site, problems) = build(config, loaded);
    assert_eq!(
        messages(&problems),
        ["a blog post needs a `date` in its front-matter"]
    );
    let urls: Vec<&str> = site.pages.iter().map(|p| p.url.as_str()).collect();
    assert!(urls.contains(&"news/big-news/elan-vital.html"), "{urls:?}");
    assert!(urls.contains(&"news/page/2.html"), "{urls:?}");
    let blog = site.blog.as_ref().unwrap();
    let index = site.paths.pages["news/index.md"];
    let listing = &blog.listings[&index];
    assert_eq!(
        titles(&site, &[blog.posts[listing.posts[0]].page]),
        ["Élan vital"]
    );
    let older = listing.older.expect("a second page");
    assert_eq!(site.page(older).title, "News");
    assert_eq!(blog.listings[&older].newer, Some(index));
    // The archive, newest year first, is the only group beside the index.
    let labels: Vec<&str> = site.nav.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(labels, ["News", "Archive"]);
    let years: Vec<&str> = site.nav.items[1]
        .children
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(years, ["2024", "2023"]);
}

#[test]
fn nav_groups_get_a_section_page_at_their_folder_unless_it_is_taken() {
    let page = |path: &str| crate::config::NavEntry::Page {
        path: path.into(),
        title: None,
    };
    let group = |title: &str, children| crate::config::NavEntry::Section {
        title: title.into(),
        page: None,
        children,
    };
    let mut config = config();
    config.nav = Some(vec![
        page("index.md"),
        group("Guide", vec![page("guide/a.md"), page("guide/b.md")]),
        // The same folder again: MkDocs' URL for it is the first group's page.
        group("More guide", vec![page("guide/c.md")]),
        // A folder with a page of its own.
        group("Setup", vec![page("setup/index.md"), page("setup/x.md")]),
        // Pages from all over: the folder is the site root.
        group("Mixed", vec![page("guide/a.md"), page("setup/x.md")]),
    ]);
    let files = ["index.md", "guide/a.md", "guide/b.md", "guide/c.md"];
    let loaded = Loaded {
        sources: files
            .iter()
            .chain(&["setup/index.md", "setup/x.md"])
            .map(|p| source(p, "text\n"))
            .collect(),
        static_files: Vec::new(),
        authors: Default::default(),
        pages_files: Default::default(),
    };
    let (site, problems) = build(config, loaded);
    assert!(problems.is_empty(), "{problems:?}");
    let targets: Vec<Option<&str>> = site.nav.items[1..]
        .iter()
        .map(|item| match item.target {
            nav::NavTarget::Page(id) => Some(site.page(id).url.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(targets, [Some("guide/"), None, None, None]);
    assert_eq!(site.pages.len(), 7);
}

#[test]
fn a_section_titled_empty_is_named_by_its_own_page() {
    let page = |path: &str| crate::config::NavEntry::Page {
        path: path.into(),
        title: None,
    };
    let section = |title: &str, own: Option<&str>, children| crate::config::NavEntry::Section {
        title: title.into(),
        page: own.map(Into::into),
        children,
    };
    let mut config = config();
    config.nav = Some(vec![
        section("", Some("learn/index.md"), vec![page("learn/a.md")]),
        // Without a page of its own there is nothing to name it by.
        section(" ", None, vec![page("b.md")]),
        section("Kept", Some("c/index.md"), vec![]),
    ]);
    let (site, problems) = site_with(
        config,
        &[
            ("learn/index.md", "# Learn the tool\n"),
            ("learn/a.md", "# A\n"),
            ("b.md", "# B\n"),
            ("c/index.md", "# C\n"),
        ],
    );
    assert!(problems.is_empty(), "{problems:?}");
    let labels: Vec<&str> = site.nav.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(labels, ["Learn the tool", " ", "Kept"]);
}
