//! The benchmark guide generator shared by the benchmarks: N pages of about 4 KB of
//! varied Markdown each, in parts of 1,000 pages and chapters of 100, or in one of the
//! other [`Layout`]s.

use std::path::{Path, PathBuf};

/// The command line of a benchmark: `--flag value` pairs and bare `--switch`es.
pub struct Args(Vec<String>);

impl Args {
    pub fn from_env() -> Args {
        Args(std::env::args().skip(1).collect())
    }

    pub fn value(&self, flag: &str) -> Option<String> {
        self.0
            .iter()
            .position(|a| a == flag)
            .and_then(|i| self.0.get(i + 1))
            .cloned()
    }

    pub fn number(&self, flag: &str, default: usize) -> usize {
        self.value(flag).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{flag} takes a number"))
        })
    }

    pub fn switch(&self, flag: &str) -> bool {
        self.0.iter().any(|a| a == flag)
    }
}

/// How the pages are arranged in folders.
#[derive(Clone, Copy, PartialEq)]
pub enum Layout {
    /// Parts of 1,000 pages and chapters of 100, each folder with its `index.md`.
    Standard,
    /// Every page in one folder without an `index.md` (issue 17's layout b).
    Flat,
    /// Three levels of folders without `index.md`, ten pages a folder (layout a).
    Deep,
    /// One tutorial whose pages are steps, each on three of five paths (layout c).
    Tutorial,
}

impl Layout {
    /// `--layout standard|flat|deep|tutorial`.
    pub fn from_args(args: &Args) -> Layout {
        match args.value("--layout").as_deref() {
            None | Some("standard") => Layout::Standard,
            Some("flat") => Layout::Flat,
            Some("deep") => Layout::Deep,
            Some("tutorial") => Layout::Tutorial,
            Some(other) => panic!("--layout {other}: use standard, flat, deep or tutorial"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Standard => "standard",
            Layout::Flat => "flat",
            Layout::Deep => "deep",
            Layout::Tutorial => "tutorial",
        }
    }

    /// Where page `i` lives.
    pub fn folder(self, i: usize) -> String {
        match self {
            Layout::Standard => page_folder(i),
            Layout::Flat => "pages".to_string(),
            Layout::Deep => {
                let f = i / 10;
                format!(
                    "area-{:02}/topic-{:02}/unit-{:02}",
                    f / 100,
                    f / 10 % 10,
                    f % 10
                )
            }
            Layout::Tutorial => "course".to_string(),
        }
    }

    /// Front-matter lines that make page `i` a tutorial step.
    fn step(self, i: usize) -> String {
        match self {
            Layout::Tutorial => format!(
                "step: {}\npaths: [path-{}, path-{}, path-{}]\n",
                i + 1,
                i % 5,
                (i + 1) % 5,
                (i + 2) % 5
            ),
            _ => String::new(),
        }
    }
}

/// How the generated guide is configured.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `book.toml`, navigation from folders.
    BookToml,
    /// `mkdocs.yml` with a `nav` of every page (`--mkdocs`), and the MkDocs constructs
    /// each page shows (`--constructs`).
    MkDocs(Constructs),
    /// An mdBook book: `SUMMARY.md` lists every page (`--mdbook`).
    MdBook,
}

/// The MkDocs dialect's constructs a page of an `mkdocs.yml` guide ends with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Constructs {
    /// None: the guide's plain pages.
    None,
    /// The dialect Waymark read before issue 16: admonitions, collapsible blocks, tabs,
    /// attribute lists and abbreviations (`--constructs dialect`).
    Dialect,
    /// Those and every construct issue 16 added (`--constructs all`).
    All,
}

impl Kind {
    pub fn from_args(args: &Args) -> Kind {
        if args.switch("--mkdocs") {
            Kind::MkDocs(match args.value("--constructs").as_deref() {
                None => Constructs::None,
                Some("dialect") => Constructs::Dialect,
                Some("all") => Constructs::All,
                Some(other) => panic!("--constructs {other}: use dialect or all"),
            })
        } else if args.switch("--mdbook") {
            Kind::MdBook
        } else {
            Kind::BookToml
        }
    }
}

/// Generates a guide of `pages` pages into a fresh folder named `name` (on tmpfs when
/// there is one: this machine's disk makes file-creation times vary tenfold between runs,
/// which would drown what is measured), configured as `kind` says.
/// Returns the folder and the size of the Markdown written.
pub fn prepare(
    name: &str,
    dir: Option<String>,
    pages: usize,
    kind: Kind,
    layout: Layout,
) -> (PathBuf, usize) {
    assert!(
        kind == Kind::BookToml || layout == Layout::Standard,
        "--mkdocs and --mdbook list the standard layout's pages"
    );
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let root = dir.map(PathBuf::from).unwrap_or_else(|| base.join(name));
    let _ = std::fs::remove_dir_all(&root);
    let constructs = match kind {
        Kind::MkDocs(constructs) => constructs,
        _ => Constructs::None,
    };
    let bytes = generate(&root, pages, layout, constructs);
    match kind {
        Kind::BookToml => {}
        Kind::MkDocs(constructs) => write_mkdocs_config(&root, pages, constructs),
        Kind::MdBook => write_summary(&root, pages),
    }
    (root, bytes)
}

/// A small deterministic generator so every run builds the same guide.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
}

const WORDS: &[&str] = &[
    "project",
    "secure",
    "desktop",
    "register",
    "data",
    "permit",
    "upload",
    "analysis",
    "member",
    "storage",
    "quota",
    "session",
    "researcher",
    "export",
    "review",
    "folder",
    "account",
    "service",
    "request",
    "approval",
    "the",
    "a",
    "with",
    "before",
    "after",
    "your",
    "each",
    "when",
    "only",
    "results",
    "script",
    "module",
    "cluster",
    "queue",
];

/// Where page `i` lives: parts of 1,000 pages, chapters of 100, like a large real guide.
fn page_folder(i: usize) -> String {
    format!("part-{:02}/chapter-{:02}", i / 1000, (i / 100) % 10)
}

/// Writes `mkdocs.yml` (instead of `book.toml`) with an explicit nav of every page, as an
/// MkDocs project of that size would have.
pub fn write_mkdocs_config(root: &Path, pages: usize, constructs: Constructs) {
    let extensions = match constructs {
        Constructs::None => "",
        Constructs::Dialect => DIALECT_EXTENSIONS,
        Constructs::All => ALL_EXTENSIONS,
    };
    let mut yml = format!("site_name: Benchmark guide\ndocs_dir: content\nmarkdown_extensions:\n  - admonition\n  - toc:\n      permalink: true\n{extensions}plugins:\n  - search\nnav:\n  - index.md\n");
    for part in 0..pages.div_ceil(1000) {
        yml.push_str(&format!(
            "  - Part {part}:\n    - part-{part:02}/index.md\n"
        ));
        for chapter in (part * 10)..((part * 10 + 10).min(pages.div_ceil(100))) {
            let folder = page_folder(chapter * 100);
            yml.push_str(&format!(
                "    - Chapter {chapter}:\n      - {folder}/index.md\n"
            ));
            for i in (chapter * 100)..((chapter * 100 + 100).min(pages)) {
                yml.push_str(&format!("      - Page {i}: {folder}/page-{i:05}.md\n"));
            }
        }
    }
    std::fs::remove_file(root.join("book.toml")).ok();
    std::fs::write(root.join("mkdocs.yml"), yml).unwrap();
}

/// The extensions `--constructs dialect` pages use (besides `admonition` and `toc`).
const DIALECT_EXTENSIONS: &str = "  - abbr\n  - attr_list\n  - pymdownx.details\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n";

/// The extensions `--constructs all` pages use: those and every one issue 16 added.
const ALL_EXTENSIONS: &str = "  - abbr\n  - attr_list\n  - pymdownx.details\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n  - md_in_html\n  - def_list\n  - footnotes\n  - pymdownx.blocks.admonition\n  - pymdownx.blocks.details\n  - pymdownx.blocks.tab\n  - pymdownx.blocks.html\n  - pymdownx.blocks.caption\n  - pymdownx.blocks.definition\n  - pymdownx.keys\n  - pymdownx.mark\n  - pymdownx.caret\n  - pymdownx.tilde\n  - pymdownx.critic\n  - pymdownx.smartsymbols\n  - pymdownx.emoji\n  - pymdownx.highlight\n  - pymdownx.inlinehilite\n  - pymdownx.magiclink\n  - pymdownx.tasklist\n  - pymdownx.betterem\n  - pymdownx.arithmatex:\n      generic: true\n";

/// The section with the dialect's constructs that ends page `i` of an `mkdocs.yml` guide.
fn constructs_text(i: usize, constructs: Constructs, rng: &mut Rng) -> String {
    if constructs == Constructs::None {
        return String::new();
    }
    let mut out = format!(
        "## Dialect of page {i}\n\n!!! note \"Before you start\"\n    {} Read the *quota* page first.\n\n??? tip \"More about {}\"\n    {}\n\n=== \"Linux\"\n\n    ```bash\n    module load {}/{i}\n    ```\n\n=== \"Windows\"\n\n    {}\n\nThe HPC cluster runs {}.\n{{ .lead }}\n\n*[HPC]: High-performance computing\n\n",
        sentence(rng, 10),
        rng.pick(WORDS),
        sentence(rng, 12),
        rng.pick(WORDS),
        sentence(rng, 8),
        rng.pick(WORDS),
    );
    if constructs == Constructs::All {
        out.push_str(&format!(
            "/// note | Blocks\n{}\n///\n\n/// details | Summary\n    open: true\n\n{}\n///\n\n/// tab | Python\n{}\n///\n\n/// tab | Shell\n{}\n///\n\n/// define\nPartition\n\n- {}\n///\n\n/// html | div.card\n{}\n///\n\n| Resource | Limit |\n|---|---|\n| Storage | 1 TB |\n\n/// table-caption\nLimits of page {i}\n///\n\n``` {{ .python .annotate }}\nx = {i}  # (1)!\n```\n\n1.  {}\n\n!!! note annotate \"Annotated (1)\"\n\n    Text (2).\n\n1.  One.\n2.  Two.\n\nPress ++ctrl+alt+del++, ==marked==, ^^inserted^^, H~2~O, ~~deleted~~, H^2^O, {{++added++}} {{--removed--}} {{~~old~>new~~}} {{>>a comment<<}}, (c) 2026 -->, :smile:, `#!python x = {i}`, https://example.org/{i} and <servicedesk@example.org>.\n\nMath $E = mc^2$ and\n\n$$\n\\int_0^1 x\\,dx\n$$\n\n- [x] Done\n- [ ] To do\n\nTerm {i}\n:   {}\n\nA footnote[^n].\n\n[^n]: {}\n\n{{==\n\nA marked block.\n\n==}}\n\n",
            sentence(rng, 10),
            sentence(rng, 10),
            sentence(rng, 8),
            sentence(rng, 8),
            sentence(rng, 9),
            sentence(rng, 9),
            sentence(rng, 6),
            sentence(rng, 7),
            sentence(rng, 6),
        ));
    }
    out
}

/// Makes the guide an mdBook book: a `SUMMARY.md` listing every page (a part per 1,000
/// pages, a chapter per 100, each with its pages nested), which mdBook can build too.
fn write_summary(root: &Path, pages: usize) {
    let mut summary = String::from("# Summary\n\n[Home](index.md)\n");
    for part in 0..pages.div_ceil(1000) {
        summary.push_str(&format!("\n# Part {part}\n\n"));
        for chapter in (part * 10)..((part * 10 + 10).min(pages.div_ceil(100))) {
            let folder = page_folder(chapter * 100);
            summary.push_str(&format!("- [Chapter {chapter}]({folder}/index.md)\n"));
            for i in (chapter * 100)..((chapter * 100 + 100).min(pages)) {
                summary.push_str(&format!("    - [Page {i}]({folder}/page-{i:05}.md)\n"));
            }
        }
    }
    std::fs::write(root.join("content/SUMMARY.md"), summary).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Benchmark guide\"\ndescription = \"Generated pages\"\nsrc = \"content\"\n",
    )
    .unwrap();
}

/// Writes `content/` and `book.toml` for a guide of `pages` pages, each ending with
/// `constructs`; returns the Markdown size.
pub fn generate(root: &Path, pages: usize, layout: Layout, constructs: Constructs) -> usize {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Benchmark guide\"\ndescription = \"Generated pages\"\n",
    )
    .unwrap();
    let mut rng = Rng(42);
    let mut total = 0;
    if layout == Layout::Tutorial {
        let paths: String = (0..5)
            .map(|p| format!("    - id: path-{p}\n      title: Path {p}\n"))
            .collect();
        std::fs::create_dir_all(content.join("course")).unwrap();
        std::fs::write(
            content.join("course/index.md"),
            format!("---\ntitle: Course\ntutorial:\n  paths:\n{paths}---\n\nA long tutorial.\n"),
        )
        .unwrap();
    }
    for i in 0..pages {
        let dir = content.join(layout.folder(i));
        if layout != Layout::Standard {
            std::fs::create_dir_all(&dir).unwrap();
        } else if i % 100 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
            let index = format!(
                "---\ntitle: Chapter {}\nweight: {}\n---\n\nPages about topic {}.\n",
                i / 100,
                i / 100,
                i / 100
            );
            std::fs::write(dir.join("index.md"), index).unwrap();
        }
        if i % 1000 == 0 {
            let index = format!(
                "---\ntitle: Part {}\nweight: {}\n---\n\nChapters of part {}.\n",
                i / 1000,
                i / 1000,
                i / 1000
            );
            std::fs::write(dir.parent().unwrap().join("index.md"), index).unwrap();
        }
        let mut text = page_text(i, pages, layout, &mut rng);
        text.push_str(&constructs_text(i, constructs, &mut rng));
        total += text.len();
        std::fs::write(dir.join(format!("page-{i:05}.md")), text).unwrap();
    }
    std::fs::write(
        content.join("index.md"),
        "---\ntitle: Home\n---\n\nThe generated benchmark guide.\n",
    )
    .unwrap();
    total
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let first = s[0].to_string();
    let capital = first[..1].to_uppercase() + &first[1..];
    s[0] = &capital;
    format!("{}.", s.join(" "))
}

fn page_text(i: usize, pages: usize, layout: Layout, rng: &mut Rng) -> String {
    let up = "../".repeat(layout.folder(i).matches('/').count() + 1);
    let link_to = |j: usize| format!("{up}{}/page-{j:05}.md", layout.folder(j));
    let mut out = format!(
        "---\ntitle: Page {i}\ndescription: Generated page number {i}.\nweight: {}\n{}---\n\n",
        i % 100,
        layout.step(i)
    );
    for h in 0..4 {
        out.push_str(&format!("## Topic {h} of page {i}\n\n"));
        for _ in 0..6 {
            out.push_str(&sentence(rng, 14));
            out.push(' ');
        }
        let target = (i + 1 + rng.next() as usize % 50) % pages;
        out.push_str(&format!(
            "See [page {target}]({}) and [its topic {h}]({}#topic-{h}-of-page-{target}) for *more* about **{}**.\n\n",
            link_to(target),
            link_to(target),
            rng.pick(WORDS)
        ));
        out.push_str(&format!(
            "- {}\n- {} `--flag`\n- {}\n\n",
            sentence(rng, 6),
            sentence(rng, 5),
            sentence(rng, 7)
        ));
        if h == 1 {
            // Every page's code differs, as in a real guide.
            out.push_str(&format!(
                "```bash\n#!/bin/bash\n#SBATCH --job-name={}-{i}\n#SBATCH --time=0{}:00:00\nmodule load python/3.{}\nfor f in {}/*.csv; do\n  python analyse.py \"$f\" --out results/{i}/\ndone\n```\n\n",
                rng.pick(WORDS),
                i % 10,
                8 + i % 5,
                rng.pick(WORDS)
            ));
        }
        if h == 2 && i.is_multiple_of(3) {
            out.push_str("| Resource | Limit | Notes |\n|---|---|---|\n| Storage | 1 TB | per project |\n| Sessions | 4 | per member |\n| Exports | 10 | per week |\n\n");
        }
    }
    out
}
