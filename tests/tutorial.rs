//! Tutorials: the generated overview, step markers, per-path lists and neighbours.

mod common;
use common::*;

fn built() -> tempfile::TempDir {
    let dir = fixture("tutorial");
    let built = build(dir.path());
    let warnings = built.warnings.render();
    assert!(
        warnings.contains("only on `register`: readers would leave their path"),
        "{warnings}"
    );
    dir
}

#[test]
fn the_overview_lists_every_path_with_its_steps_in_order() {
    let dir = built();
    let html = page(dir.path(), "access/index.html");
    assert_eq!(
        attrs(&html, "ol[data-path]", "data-path"),
        ["national", "register"]
    );
    assert_eq!(
        texts(&html, "ol[data-path=national] > li"),
        [
            "Create an account",
            "Apply to the national authority",
            "Open the secure desktop"
        ]
    );
    assert_eq!(
        texts(&html, "ol[data-path=register] > li"),
        [
            "Create an account",
            "Apply to the register",
            "Sign the data-use agreement",
            "Open the secure desktop"
        ]
    );
    assert_eq!(
        attrs(&html, "ol[data-path=register] > li a", "href")[1],
        "register-apply/?path=register"
    );
    // The writer's own text comes first.
    let main_text = texts(&html, "main")[0].clone();
    assert!(
        main_text.find("Choose the path").unwrap()
            < main_text.find("Apply to the register").unwrap()
    );
}

#[test]
fn a_shared_step_has_one_marker_per_path() {
    let dir = built();
    let html = page(dir.path(), "access/desktop/index.html");
    let markers = select(&html, "[data-tutorial-step]");
    let found: Vec<(String, String, String)> = markers
        .iter()
        .map(|m| {
            let v = m.value();
            (
                v.attr("data-path").unwrap().into(),
                v.attr("data-tutorial-step").unwrap().into(),
                v.attr("data-tutorial-total").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("national".into(), "3".into(), "3".into()),
            ("register".into(), "4".into(), "4".into())
        ]
    );
    assert!(texts(&html, "[data-tutorial-step][data-path=national]")[0].contains("Step 3 of 3"));
    assert!(texts(&html, "[data-tutorial-step][data-path=register]")[0].contains("Step 4 of 4"));
    assert_eq!(
        attrs(&html, "a[rel=prev][data-path]", "data-path"),
        ["national", "register"]
    );
    assert_eq!(
        attrs(&html, "a[rel=prev][data-path]", "href"),
        [
            "../national-apply/?path=national",
            "../register-agreement/?path=register"
        ]
    );
    assert!(
        select(&html, "a[rel=next][data-path]").is_empty(),
        "the last step has no next step"
    );
}

#[test]
fn a_path_specific_step_shows_only_its_path() {
    let dir = built();
    let html = page(dir.path(), "access/register-agreement/index.html");
    assert_eq!(
        attrs(&html, "[data-tutorial-step]", "data-path"),
        ["register"]
    );
    assert_eq!(
        attrs(&html, "[data-tutorial-step]", "data-tutorial-step"),
        ["3"]
    );
    assert_eq!(
        attrs(&html, "a[rel=next][data-path]", "href"),
        ["../desktop/?path=register"]
    );
    let current = texts(&html, ".step-rail [aria-current=step]");
    assert_eq!(current.len(), 1);
    assert!(
        current[0].contains("Sign the data-use agreement"),
        "{current:?}"
    );
    assert!(texts(&html, ".admonition.warning")
        .iter()
        .any(|t| t.contains("expire after 30 days")));
}

#[test]
fn passages_are_labelled_with_their_path() {
    let dir = built();
    let html = page(dir.path(), "access/account/index.html");
    assert_eq!(
        attrs(&html, ".path-passage", "data-path"),
        ["national", "register"]
    );
    assert_eq!(
        texts(
            &html,
            ".path-passage[data-path=register] .path-passage-label"
        ),
        ["Only on the path: Single register permit"]
    );
    assert_eq!(select(&html, "[data-tutorial-step]").len(), 2);
}

#[test]
fn the_sidebar_lists_steps_in_order_with_their_paths() {
    let dir = built();
    let html = page(dir.path(), "access/account/index.html");
    let steps = attrs(&html, "#sidebar li[data-step-paths]", "data-step-paths");
    assert_eq!(
        steps,
        [
            "national register",
            "national",
            "register",
            "register",
            "national register"
        ]
    );
    let breadcrumbs = texts(&html, ".breadcrumbs a");
    assert_eq!(breadcrumbs, ["Home", "Accessing register data"]);
}

#[test]
fn ordinary_pages_in_a_tutorial_folder_have_no_markers() {
    let dir = built();
    let html = page(dir.path(), "access/background/index.html");
    assert!(select(&html, "[data-tutorial-step]").is_empty());
}

/// Issue 20, item 11: one mistake, one error. An invalid `step:` is reported once, not
/// again as "path passage on a page that is not a tutorial step".
#[test]
fn an_invalid_step_number_is_one_error() {
    for bad in ["0", "two"] {
        let dir = fixture("tutorial");
        let file = dir.path().join("content/access/account.md");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("step: 10", &format!("step: {bad}"))).unwrap();
        let failure = waymark::build(dir.path(), None, &()).expect_err("the build fails");
        let diagnostics = failure.diagnostics();
        let about_account: Vec<String> = diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .filter(|d| d.file.as_ref().is_some_and(|f| f.ends_with("account.md")))
            .map(|d| d.message)
            .collect();
        assert_eq!(about_account.len(), 1, "step: {bad}: {about_account:#?}");
        assert!(about_account[0].contains("`step` must be a positive whole number"));
    }
}

#[test]
fn a_theme_of_its_own_reads_the_step_markers_and_paths_as_data() {
    let dir = fixture("tutorial");
    let partials = dir.path().join("theme/templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(
        partials.join("step-markers.html"),
        "{% for m in tutorial.markers %}<p class=\"own-marker\">{{ m.path_id }} {{ m.position }}/{{ m.total }}: {% for s in m.steps %}{{ s.position }}{% if s.current %}*{% endif %} {% endfor %}</p>{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Tutorial fixture\"\n\n[output.html]\ntheme = \"theme\"\n",
    )
    .unwrap();
    std::fs::write(
        partials.join("tutorial-overview.html"),
        "{% for p in tutorial.paths %}<p class=\"own-path\">{{ p.id }} ({{ p.step_count }}): {% for s in p.steps %}{{ s.position }}. {{ s.title }}; {% endfor %}</p>{% endfor %}",
    )
    .unwrap();
    build(dir.path());
    let html = page(dir.path(), "access/desktop/index.html");
    assert_eq!(
        texts(&html, "p.own-marker"),
        ["national 3/3: 1 2 3*", "register 4/4: 1 2 3 4*"]
    );
    let overview = page(dir.path(), "access/index.html");
    assert_eq!(texts(&overview, ".path-card"), Vec::<String>::new());
    let paths = texts(&overview, "p.own-path");
    assert_eq!(
        paths,
        [
            "national (3): 1. Create an account; 2. Apply to the national authority; 3. Open the secure desktop;",
            "register (4): 1. Create an account; 2. Apply to the register; 3. Sign the data-use agreement; 4. Open the secure desktop;",
        ]
    );
}
