//! Issue 20, item 16: figures in the documentation that come from running Waymark on the
//! bundled guide ("built 39 pages ...") are checked against a real run, so they cannot go
//! stale unseen.

mod common;
use common::*;
use std::path::Path;

/// Every "built N pages" / "checked N pages" line of the docs and the README.
fn documented_counts() -> Vec<(String, usize)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(repo.join("content/waymark"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.push(repo.join("README.md"));
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            for verb in ["built ", "checked "] {
                let mut rest = line;
                while let Some(at) = rest.find(verb) {
                    let after = &rest[at + verb.len()..];
                    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                    if !digits.is_empty() && after[digits.len()..].starts_with(" pages") {
                        found.push((
                            format!("{}:{}", file.file_name().unwrap().to_string_lossy(), i + 1),
                            digits.parse().unwrap(),
                        ));
                    }
                    rest = after;
                }
            }
        }
    }
    found
}

#[test]
fn page_counts_in_the_docs_match_a_build_of_the_bundled_guide() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = waymark(&["check", "."], repo);
    let summary = stderr(&output);
    let summary = summary.lines().last().unwrap_or_default();
    let pages: usize = summary
        .strip_prefix("checked ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {summary:?}"));
    let documented = documented_counts();
    assert!(documented.len() >= 3, "{documented:?}");
    let stale: Vec<String> = documented
        .iter()
        .filter(|(_, n)| *n != pages)
        .map(|(at, n)| format!("{at} says {n} pages"))
        .collect();
    assert!(
        stale.is_empty(),
        "the bundled guide has {pages} pages, but:\n{}",
        stale.join("\n")
    );
}
