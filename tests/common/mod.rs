//! Helpers shared by the integration tests: fixture copies, builds and HTML queries.
#![allow(dead_code)]

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A private copy of `tests/fixtures/NAME`, so tests can build and edit it in parallel.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_tree(&from, dir.path());
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.path_is_symlink() {
            // Keep links as links: fixtures test how symlinked pages are built.
            let points_to = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(points_to, &target).unwrap();
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the project in `dir` through the library into `dir/site`.
pub fn build(dir: &Path) -> waymark::Built {
    match waymark::build(dir, None, &()) {
        Ok(built) => built,
        Err(failure) => panic!("build failed:\n{}", failure.diagnostics().render()),
    }
}

pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join("site").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The parsed HTML of an output file.
pub fn page(dir: &Path, rel: &str) -> Html {
    Html::parse_document(&read(dir, rel))
}

pub fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let parsed = Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"));
    html.select(&parsed).collect()
}

/// The whitespace-normalised text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    select(html, selector)
        .iter()
        .map(|e| normalise(&e.text().collect::<String>()))
        .collect()
}

/// The value of `attr` on every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    select(html, selector)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the real `waymark` binary.
pub fn waymark(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run waymark")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir` with its bytes, for comparing whole outputs.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The search index's fragments (one per indexed page) of a built site, decompressed:
/// Pagefind writes each as gzip of a signature followed by JSON.
pub fn search_fragments(site: &Path) -> Vec<serde_json::Value> {
    use std::io::Read;
    let dir = site.join("_waymark/search/fragment");
    let mut fragments = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the search index has fragments") {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .expect("a gzip stream");
        let json = text.trim_start_matches("pagefind_dcd");
        fragments.push(serde_json::from_str(json).expect("JSON after the signature"));
    }
    fragments
}

/// A book.toml project of `pages` pages of one heading each (`content/pNNNN.md`), with
/// `settings` after its `[book]` table.
pub fn project_of_pages(pages: usize, settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        format!("[book]\ntitle = \"G\"\n{settings}"),
    )
    .unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    for i in 0..pages {
        std::fs::write(content.join(format!("p{i:04}.md")), format!("# Page {i}\n")).unwrap();
    }
    dir
}
