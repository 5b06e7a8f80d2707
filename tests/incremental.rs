//! Edit sequences: after every edit, the preview's incremental rebuild must equal a clean
//! build of the same files, byte for byte.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use waymark::output::OutputSet;
use waymark::serve::session::Session;
use waymark::serve::watch::Change;

fn clean_build(dir: &Path) -> Result<OutputSet, String> {
    let config = waymark::load_config(dir).map_err(|f| f.diagnostics().render())?;
    waymark::build_in_memory(config, &())
        .map(|b| b.output)
        .map_err(|f| f.diagnostics().render())
}

fn incremental(session: &mut Session, change: Change) -> Result<OutputSet, String> {
    session
        .apply(&change)
        .map(|b| b.output)
        .map_err(|f| f.diagnostics().render())
}

fn changed(paths: &[&Path]) -> Change {
    Change::Content(
        paths
            .iter()
            .map(|p| p.to_path_buf())
            .collect::<BTreeSet<PathBuf>>(),
    )
}

/// Applies `edit` to the files, then compares the incremental and the clean result.
fn step(session: &mut Session, dir: &Path, what: &str, edit: impl FnOnce(&Path) -> Change) {
    let change = edit(dir);
    let incremental = incremental(session, change);
    let clean = clean_build(dir);
    match (&incremental, &clean) {
        (Ok(a), Ok(b)) => {
            let keys: Vec<&String> = a.files.keys().collect();
            assert_eq!(
                keys,
                b.files.keys().collect::<Vec<_>>(),
                "{what}: different files"
            );
            for (key, file) in &a.files {
                assert_eq!(file, &b.files[key], "{what}: {key} differs");
            }
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}: different diagnostics"),
        _ => panic!(
            "{what}: incremental {:?} but clean {:?}",
            incremental.is_ok(),
            clean.is_ok()
        ),
    }
}

#[test]
fn edit_sequences_match_clean_builds() {
    let project = fixture("tutorial");
    let dir = project.path();
    let content = dir.join("content");
    let mut session = Session::open(dir, None).unwrap();
    session.build().unwrap();

    step(&mut session, dir, "edit a body", |_| {
        let page = content.join("access/desktop.md");
        std::fs::write(
            &page,
            std::fs::read_to_string(&page).unwrap()
                + "\nMore text, and a [link](account.md#sign-up).\n",
        )
        .unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "change a title", |_| {
        let page = content.join("access/background.md");
        std::fs::write(&page, "---\ntitle: Kinds of permit\n---\n\nBackground.\n").unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "add a page", |_| {
        let page = content.join("extra.md");
        std::fs::write(&page, "# Extra\n\n## Part\n\nSee [home](index.md).\n").unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "link to the new page's anchor", |_| {
        let page = content.join("index.md");
        std::fs::write(&page, "---\ntitle: Home\n---\n\nStart the [access tutorial](access/index.md) or read [a part](extra.md#part).\n").unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "break a link target's anchor", |_| {
        let page = content.join("extra.md");
        std::fs::write(&page, "# Extra\n\n## Renamed part\n").unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "fix it again", |_| {
        let page = content.join("extra.md");
        std::fs::write(&page, "# Extra\n\n## Part\n").unwrap();
        changed(&[&page])
    });
    // Issue 21: a body edit keeps the site model, and re-checks only the links it must.
    step(
        &mut session,
        dir,
        "link to an anchor that is not there yet",
        |_| {
            let page = content.join("index.md");
            std::fs::write(&page, "---\ntitle: Home\n---\n\nRead [a part](extra.md#part) and [a later one](extra.md#later).\n").unwrap();
            changed(&[&page])
        },
    );
    step(
        &mut session,
        dir,
        "add the anchor another page links to",
        |_| {
            let page = content.join("extra.md");
            std::fs::write(&page, "# Extra\n\n## Part\n\n## Later\n").unwrap();
            changed(&[&page])
        },
    );
    step(
        &mut session,
        dir,
        "remove the anchor another page links to",
        |_| {
            let page = content.join("extra.md");
            std::fs::write(&page, "# Extra\n\n## Part\n").unwrap();
            changed(&[&page])
        },
    );
    step(
        &mut session,
        dir,
        "add it back in another body edit",
        |_| {
            let page = content.join("extra.md");
            std::fs::write(&page, "# Extra\n\n## Part\n\nMore.\n\n## Later\n").unwrap();
            changed(&[&page])
        },
    );
    step(
        &mut session,
        dir,
        "change a title by its first heading",
        |_| {
            let page = content.join("extra.md");
            std::fs::write(&page, "# More extra\n\n## Part\n\nMore.\n\n## Later\n").unwrap();
            changed(&[&page])
        },
    );
    step(&mut session, dir, "edit two bodies in one save", |_| {
        let first = content.join("extra.md");
        let second = content.join("access/account.md");
        std::fs::write(
            &first,
            "# More extra\n\n## Part\n\nEven more.\n\n## Later\n",
        )
        .unwrap();
        std::fs::write(
            &second,
            std::fs::read_to_string(&second).unwrap()
                + "\nSee [the later part](../extra.md#later).\n",
        )
        .unwrap();
        changed(&[&first, &second])
    });
    // The Mermaid script is in the site while a page has a diagram: an edit that adds
    // the first or removes the last one updates the site it copies.
    step(&mut session, dir, "add the site's first diagram", |_| {
        let page = content.join("extra.md");
        std::fs::write(
            &page,
            "# More extra\n\n## Part\n\n```mermaid\ngraph TD; A-->B\n```\n\n## Later\n",
        )
        .unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "remove the site's last diagram", |_| {
        let page = content.join("extra.md");
        std::fs::write(&page, "# More extra\n\n## Part\n\n## Later\n").unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "renumber a step", |_| {
        let page = content.join("access/register-agreement.md");
        let text = std::fs::read_to_string(&page)
            .unwrap()
            .replace("step: 30", "step: 15");
        std::fs::write(&page, text).unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "move a step to another path", |_| {
        let page = content.join("access/national-apply.md");
        let text = std::fs::read_to_string(&page)
            .unwrap()
            .replace("paths: [national]", "paths: [national, register]");
        std::fs::write(&page, text).unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "rename a page", |_| {
        let from = content.join("extra.md");
        let to = content.join("additional.md");
        std::fs::rename(&from, &to).unwrap();
        let home = content.join("index.md");
        std::fs::write(
            &home,
            "---\ntitle: Home\n---\n\nRead [a part](additional.md#part).\n",
        )
        .unwrap();
        changed(&[&from, &to, &home])
    });
    step(&mut session, dir, "move a page between folders", |_| {
        let from = content.join("additional.md");
        std::fs::create_dir_all(content.join("more")).unwrap();
        let to = content.join("more/additional.md");
        std::fs::rename(&from, &to).unwrap();
        let home = content.join("index.md");
        std::fs::write(
            &home,
            "---\ntitle: Home\n---\n\nRead [a part](more/additional.md#part).\n",
        )
        .unwrap();
        changed(&[&from, &to, &home])
    });
    step(&mut session, dir, "add a static file", |_| {
        let file = content.join("more/data.csv");
        std::fs::write(&file, "a,b\n").unwrap();
        changed(&[&file])
    });
    step(&mut session, dir, "delete a page", |_| {
        let page = content.join("access/background.md");
        std::fs::remove_file(&page).unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "include a snippet", |dir| {
        std::fs::create_dir_all(dir.join("includes")).unwrap();
        std::fs::write(
            dir.join("includes/contact.md"),
            "Write to the service desk.\n",
        )
        .unwrap();
        let page = content.join("access/desktop.md");
        std::fs::write(
            &page,
            std::fs::read_to_string(&page).unwrap() + "\n--8<-- \"includes/contact.md\"\n",
        )
        .unwrap();
        changed(&[&page])
    });
    step(&mut session, dir, "edit the snippet", |dir| {
        std::fs::write(
            dir.join("includes/contact.md"),
            "Call the service desk instead.\n",
        )
        .unwrap();
        Change::Full
    });
    step(&mut session, dir, "change the configuration", |dir| {
        std::fs::write(dir.join("book.toml"), "[book]\ntitle = \"Renamed guide\"\n").unwrap();
        Change::Full
    });
}

#[test]
fn a_body_edit_renders_only_that_page() {
    let project = fixture("tutorial");
    let dir = project.path();
    let mut session = Session::open(dir, None).unwrap();
    assert_eq!(session.build().unwrap().rendered, 8);
    let page = dir.join("content/access/desktop.md");
    std::fs::write(
        &page,
        std::fs::read_to_string(&page).unwrap() + "\nOne more line.\n",
    )
    .unwrap();
    assert_eq!(session.apply(&changed(&[&page])).unwrap().rendered, 1);
    let title = dir.join("content/access/background.md");
    std::fs::write(&title, "---\ntitle: New title\n---\n").unwrap();
    assert_eq!(
        session.apply(&changed(&[&title])).unwrap().rendered,
        8,
        "a title shows on other pages"
    );
}

/// Issue 21: a save cost as much as the whole guide. An edit must read only the files the
/// watcher named, and check only the edited page's links and those into pages whose
/// anchors changed.
#[test]
fn an_edit_reads_and_checks_only_what_it_touches() {
    let project = fixture("tutorial");
    let dir = project.path();
    let mut session = Session::open(dir, None).unwrap();
    let first = session.build().unwrap();
    let read_at_start = session.files_read();
    assert_eq!(read_at_start, 8);
    assert_eq!(first.links_checked, 2, "every link at the first build");

    let desktop = dir.join("content/access/desktop.md");
    std::fs::write(
        &desktop,
        "---\ntitle: Open the secure desktop\nstep: 90\n---\n\nSee [sign up](account.md#sign-up) and [home](../index.md).\n",
    )
    .unwrap();
    let built = session.apply(&changed(&[&desktop])).unwrap();
    assert_eq!(
        session.files_read(),
        read_at_start + 1,
        "only the saved file"
    );
    assert_eq!(built.rendered, 1);
    assert_eq!(built.links_checked, 2, "only the saved page's links");
    let nav_script = |built: &waymark::Built| built.output.bytes("_waymark/nav.js").unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&nav_script(&first), &nav_script(&built)),
        "the navigation script is not made again"
    );

    // A new heading on the page desktop.md links into: its links are checked again too,
    // and the pages that link elsewhere are not.
    let account = dir.join("content/access/account.md");
    std::fs::write(
        &account,
        std::fs::read_to_string(&account).unwrap() + "\n## Sign in\n",
    )
    .unwrap();
    let built = session.apply(&changed(&[&account])).unwrap();
    assert_eq!(session.files_read(), read_at_start + 2);
    assert_eq!(
        built.links_checked, 2,
        "desktop.md's links, account.md has none"
    );

    // Its target's anchor gone, the link is reported though desktop.md was not saved.
    std::fs::write(
        &account,
        "---\ntitle: Create an account\nstep: 10\n---\n\n## Register\n",
    )
    .unwrap();
    let error = session
        .apply(&changed(&[&account]))
        .unwrap_err()
        .diagnostics()
        .render();
    assert!(
        error.contains("desktop.md") && error.contains("broken anchor in `account.md#sign-up`"),
        "{error}"
    );
}

#[test]
fn a_broken_configuration_keeps_the_last_good_one() {
    let project = fixture("basic");
    let dir = project.path();
    let mut session = Session::open(dir, None).unwrap();
    session.build().unwrap();
    std::fs::write(dir.join("book.toml"), "[book]\ntitel = \"x\"\n").unwrap();
    let error = session
        .apply(&Change::Full)
        .unwrap_err()
        .diagnostics()
        .render();
    assert!(error.contains("unknown field `titel`"), "{error}");
    assert_eq!(session.config().title, "Fixture Guide");
}

/// The preview makes the printable guide of a guide of up to
/// `PREVIEW_PRINT_MAX_PAGES` pages, and leaves it (and the link to it) out of larger ones,
/// whose every save it would slow; `waymark build` writes it at any size when asked to.
#[test]
fn the_preview_prints_guides_up_to_its_limit() {
    use waymark::serve::session::PREVIEW_PRINT_MAX_PAGES;
    for pages in [PREVIEW_PRINT_MAX_PAGES, PREVIEW_PRINT_MAX_PAGES + 1] {
        let dir = project_of_pages(pages, "\n[output.html.print]\nenable = true\n");
        let mut session = Session::open(dir.path(), None).unwrap();
        let output = session.build().unwrap().output;
        let printed = pages <= PREVIEW_PRINT_MAX_PAGES;
        assert_eq!(
            output.files.contains_key("print.html"),
            printed,
            "{pages} pages"
        );
        let page = String::from_utf8(output.bytes("p0001/index.html").unwrap().to_vec()).unwrap();
        assert_eq!(
            page.contains("print.html"),
            printed,
            "{pages} pages: {page}"
        );
        let built = clean_build(dir.path()).unwrap();
        assert!(
            built.files.contains_key("print.html"),
            "{pages} pages: a build prints"
        );
    }
}

#[test]
fn a_created_or_removed_file_lists_only_its_folder() {
    let project = fixture("tutorial");
    let dir = project.path();
    let mut session = Session::open(dir, None).unwrap();
    session.build().unwrap();
    let (walks, read) = (session.full_walks(), session.files_read());
    assert_eq!(
        walks, 1,
        "the whole content folder, when the session opened"
    );

    let created = dir.join("content/access/extra.md");
    std::fs::write(&created, "# Extra\n\nA page of its own.\n").unwrap();
    let built = incremental(&mut session, changed(&[&created])).unwrap();
    assert!(built.files.contains_key("access/extra/index.html"));
    assert_eq!(built, clean_build(dir).unwrap(), "created");
    assert_eq!(session.files_read(), read + 1, "only the new page is read");

    let folder = dir.join("content/new-part");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("intro.md"), "# Intro\n").unwrap();
    let built = incremental(&mut session, changed(&[&folder])).unwrap();
    assert!(built.files.contains_key("new-part/intro/index.html"));
    assert_eq!(built, clean_build(dir).unwrap(), "a new folder with a page");

    std::fs::remove_file(&created).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    let built = incremental(&mut session, changed(&[&created, &folder])).unwrap();
    assert!(!built.files.contains_key("access/extra/index.html"));
    assert_eq!(built, clean_build(dir).unwrap(), "removed");
    assert_eq!(
        session.full_walks(),
        walks,
        "no listing of the whole content folder"
    );
}

/// llms.txt (mkdocs-llmstxt) after an edit: the edited page's Markdown and the full file
/// are made again, the other pages' Markdown kept, and all equal a clean build's.
#[test]
fn llms_txt_follows_edits() {
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("guide")).unwrap();
    std::fs::write(
        dir.join("mkdocs.yml"),
        "site_name: S\nsite_url: https://example.org/\nplugins:\n  - llmstxt:\n      full_output: llms-full.txt\n      sections:\n        All:\n          - \"*\"\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("index.md"),
        "# Home\n\nSee [setup](guide/setup.md).\n",
    )
    .unwrap();
    std::fs::write(docs.join("guide/setup.md"), "# Setup\n\nInstall it.\n").unwrap();
    let mut session = Session::open(dir, None).unwrap();
    session.build().unwrap();
    let read = |output: &OutputSet, path: &str| {
        String::from_utf8(output.bytes(path).unwrap().to_vec()).unwrap()
    };
    step(&mut session, dir, "edit a listed page", |_| {
        let page = docs.join("guide/setup.md");
        std::fs::write(&page, "# Setup\n\nInstall it, then run it.\n").unwrap();
        changed(&[&page])
    });
    // The incremental build equals this one (above): both have the edit.
    let output = clean_build(dir).unwrap();
    assert!(read(&output, "guide/setup/index.md").contains("then run it"));
    assert!(read(&output, "llms-full.txt").contains("then run it"));
    assert!(read(&output, "index.md").contains("https://example.org/guide/setup/index.md"));
}

#[test]
fn translated_sites_follow_edits() {
    // Each language is a site of its own in the preview too; an edit of the default
    // language's page shows wherever it stands in for a missing translation.
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("fi")).unwrap();
    std::fs::write(
        dir.join("mkdocs.yml"),
        "site_name: S\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n        - {locale: en, default: true, name: English}\n        - {locale: fi, name: Suomi}\n",
    )
    .unwrap();
    std::fs::write(docs.join("index.md"), "# Home\n\nSee [setup](setup.md).\n").unwrap();
    std::fs::write(docs.join("setup.md"), "# Setup\n\nInstall it.\n").unwrap();
    std::fs::write(
        docs.join("fi/index.md"),
        "# Koti\n\nKatso [asennus](setup.md).\n",
    )
    .unwrap();
    let mut session = Session::open(dir, None).unwrap();
    let first = session.build().unwrap();
    assert!(first.output.bytes("fi/setup/index.html").is_some());
    step(
        &mut session,
        dir,
        "edit a page the translation lacks",
        |_| {
            let page = docs.join("setup.md");
            std::fs::write(&page, "# Setup\n\nInstall it, then run it.\n").unwrap();
            changed(&[&page])
        },
    );
    step(&mut session, dir, "translate it", |_| {
        let page = docs.join("fi/setup.md");
        std::fs::write(&page, "# Asennus\n\nAsenna se.\n").unwrap();
        changed(&[&page])
    });
    let output = clean_build(dir).unwrap();
    let finnish = String::from_utf8(output.bytes("fi/setup/index.html").unwrap().to_vec()).unwrap();
    assert!(finnish.contains("Asenna se."), "{finnish}");
    let english = String::from_utf8(output.bytes("setup/index.html").unwrap().to_vec()).unwrap();
    assert!(english.contains("then run it"), "{english}");
}
