//! The guide in `content/` (which documents Waymark itself) builds with zero warnings.

mod common;

#[test]
fn the_bundled_guide_builds_without_warnings() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let built =
        waymark::build(repo, Some(&out.path().join("site")), &()).unwrap_or_else(|failure| {
            panic!(
                "the bundled guide failed to build:\n{}",
                failure.diagnostics().render()
            )
        });
    assert!(
        built.warnings.is_empty(),
        "the bundled guide has warnings:\n{}",
        built.warnings.render()
    );
    assert!(built.pages >= 12, "only {} pages", built.pages);
    let tutorial = common::page(out.path(), "register-data/index.html");
    assert_eq!(
        common::select(&tutorial, "ol[data-path]").len(),
        2,
        "the tutorial has two paths"
    );
}
