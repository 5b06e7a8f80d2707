//! The MkDocs / Material dialect: Markdown in, HTML (and diagnostics) out, one snapshot per
//! construct, plus nesting, indentation edge cases, snippet errors, a check that no marker
//! is left in the rendered text, and a long page full of abbreviations.

use super::page::render_page_with;
use super::Body;
use crate::diag::Diagnostic;
use crate::model::Site;
use std::path::Path;

fn site(project: &Path, text: &str) -> Site {
    crate::test_support::site_with_page(project, text, Vec::new())
}

/// Renders `text` as `guide/page.md` of a project in `project` (snippets come from there).
fn render_in(project: &Path, text: &str, auto_append: &[&str]) -> (Body, Vec<Diagnostic>) {
    let site = site(project, text);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let mut options = super::page::snippet_options(&site);
    options.auto_append = auto_append.iter().map(|s| s.to_string()).collect();
    render_page_with(&site, page, &options)
}

fn render(text: &str) -> (Body, Vec<Diagnostic>) {
    render_in(Path::new("/nonexistent-project"), text, &[])
}

/// The HTML of `text`, which must render without diagnostics.
fn html(text: &str) -> String {
    let (body, problems) = render(text);
    assert!(
        problems.is_empty(),
        "unexpected diagnostics:\n{}",
        rendered(&problems)
    );
    body.html
}

/// Each problem's line, column and message.
fn located(problems: &[Diagnostic]) -> Vec<(u32, u32, &str)> {
    problems
        .iter()
        .map(|p| {
            let at = p.location.as_ref().unwrap();
            (at.line, at.column, p.message.as_str())
        })
        .collect()
}

fn rendered(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A project folder with snippet files.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn admonitions() {
    insta::assert_snapshot!(html(
        r#"!!! note
    A plain note with *Markdown*.

!!! Warning "Custom **title**"

    The body may start after a blank line.

    And have several paragraphs.

!!! tip ""
    No title bar.

!!! danger extra-class another
    Extra words become classes.

!!! info inline end "Floats right"
    Inline end.

!!! custom-type
    An unknown type keeps a neutral style.
Unindented text ends the box.
"#
    ));
}

#[test]
fn admonition_indentation_edge_cases() {
    insta::assert_snapshot!(html(
        "!!! note \"Tab\"\n\tIndented with a tab.\n\n\t\tIndented code in the body.\n\n!!! note \"Six spaces\"\n      Indented by six: accepted.\n\n      - a list\n      - in it\n\n!!! note\n   Three spaces are not a body.\n"
    ));
}

#[test]
fn collapsible_blocks() {
    insta::assert_snapshot!(html(
        "??? question \"Closed by default\"\n    Hidden text.\n\n???+ example\n    Open at first.\n\n??? note \"\"\n    An empty title falls back to the type.\n"
    ));
}

#[test]
fn content_tabs() {
    insta::assert_snapshot!(html(
        r#"=== "Linux"

    ```bash
    module load python
    ```

=== "macOS `brew`"
    Install with Homebrew.

===+ "Windows"
    Selected at first.

===! "New set"
    Starts a second set.

=== "Second tab"
    Of the second set.

Text after the sets.
"#
    ));
}

#[test]
fn tab_edge_cases() {
    // Tabs count as four columns, bodies may be indented 5-7, blank lines between tabs keep
    // the set together, and an unindented line ends it.
    insta::assert_snapshot!(html(
        "=== \"A\"\n\tTab-indented body.\n\n\n=== \"B\"\n      Six spaces.\n\n      ```\n      === \"not a tab\"\n      ```\nEnds here.\n\n=== \"C\"\n\n=== \"D\"\n    Empty C above.\n"
    ));
}

#[test]
fn nesting_admonition_tabs_admonition_code() {
    let (body, problems) = render(
        r#"!!! example "Outer"
    === "Python"

        !!! tip "Inner"
            ```python title="hello.py"
            print("hi")  # !!! not a marker
            ```

            ## A heading inside

        | a | b |
        |---|---|
        | 1 | 2 |

    === "Shell"
        1. Step one

            ```bash
            echo "=== \"x\""
            ```

        2. Step two
"#,
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.headings.len(),
        1,
        "headings inside containers reach the TOC"
    );
    insta::assert_snapshot!(body.html);
}

#[test]
fn containers_inside_list_items() {
    insta::assert_snapshot!(html(
        "1. Open the portal.\n\n    !!! warning\n        Use the VPN.\n\n        ```bash\n        vpn connect\n        ```\n\n2. Log in.\n\n    !!! note\n    Not a body: needs eight spaces here.\n\n        !!! note\n        This one is indented code in CommonMark and MkDocs alike.\n"
    ));
}

#[test]
fn markers_inside_code_are_left_alone() {
    let text = "```markdown\n!!! note\n    body\n=== \"Tab\"\n*[X]: y\n[TOC]\n<div markdown>\n```\n\n~~~\n??? x\n~~~\n\n    !!! indented code\n";
    let out = html(text);
    insta::assert_snapshot!(out);
    assert!(!out.contains("admonition"));
    assert!(!out.contains("tabbed"));
}

#[test]
fn abbreviations() {
    let (body, problems) = render(
        r#"## HPC basics

The HPC cluster runs HPC jobs; HPCs and hpc are not matched. See `HPC` and
[the HPC page](other.md) or <https://example.org/HPC>. ![HPC logo](https://example.org/x.png)

```
HPC in code
```

*[HPC]: High Performance Computing
*[HPC cluster]: The "big" machine
"#,
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(body.headings[0].id, "hpc-basics");
    assert_eq!(body.headings[0].text, "HPC basics");
    insta::assert_snapshot!(body.html);
}

#[test]
fn toc_marker() {
    insta::assert_snapshot!(html(
        "[TOC]\n\n## First\n### Sub\n#### Deep\n## Second {#custom}\n"
    ));
}

#[test]
fn markdown_in_html() {
    insta::assert_snapshot!(html(
        r#"<div class="grid cards" markdown>

- :material-clock: **Fast**
- Second card

<div markdown="1">
Nested *block*.
</div>
</div>

<p markdown="1">A *span* paragraph.</p>

<section markdown="block">
    Indented content is dedented first.
</section>

<details markdown>
<summary>More</summary>
Inside a **details**.
</details>
"#
    ));
}

#[test]
fn attribute_lists() {
    let (body, problems) = render(
        r#"## Heading { #custom-id .wide data-level=2 }

## Other {: #colon-form }

A [link](https://example.org){ target=_blank rel="noopener" } and ![image](https://example.org/a.png){ width=400 loading=lazy }.

A paragraph with attributes.
{: .lead #intro }

- An item
  { .special }
- Another item

Not an attribute list: {braces} in text.
"#,
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(body.ids.contains("custom-id") && body.ids.contains("colon-form"));
    insta::assert_snapshot!(body.html);
}

#[test]
fn many_attribute_lists_on_one_line_each_apply_where_they_stand() {
    let count = 300;
    let mut line = String::new();
    let mut expected = String::from("<p class=\"lead\">");
    for i in 0..count {
        line.push_str(&format!(
            "[l{i}](a{i}.md){{ #l{i} }} ![i{i}](i{i}.png){{: width={i} }} {{ x }} "
        ));
        expected.push_str(&format!(
            "<a href=\"a{i}.md\" id=\"l{i}\">l{i}</a> <img src=\"i{i}.png\" alt=\"i{i}\" width=\"{i}\" /> {{ x }} "
        ));
    }
    // A link around an image, both with attributes.
    line.push_str("[![inner](in.png){ .pic }](out.md){ .outer }");
    expected.push_str(
        "<a href=\"out.md\" class=\"outer\"><img src=\"in.png\" alt=\"inner\" class=\"pic\" /></a></p>\n",
    );
    let (body, problems) = render(&format!("{line}\n{{: .lead }}\n"));
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(body.html, expected);
    assert!((0..count).all(|i| body.ids.contains(&format!("l{i}"))));
}

#[test]
fn icons_and_emoji() {
    insta::assert_snapshot!(html(
        "Go :material-arrow-right: now :ok: :warning: :octicons-globe-16: :fontawesome-solid-user:{ .big title=\"User\" }\n\n`:material-arrow-right:` stays code.\n\n## Title :material-star:\n"
    ));
}

#[test]
fn unknown_shortcodes_warn_and_stay_text() {
    let (body, problems) = render("Typo :material-arow-right: and :no_such_emoji: but 10:30:00 and host:port:path are fine.\n");
    assert!(body.html.contains(":material-arow-right:"));
    insta::assert_snapshot!(rendered(&problems));
}

#[test]
fn option_lines_of_identifier_blocks_are_no_shortcodes() {
    // Kedro's and Hatch's mkdocs-click blocks: `:module:` and the like are the options of
    // an extension that cannot run here (named in its own warning), not emoji.
    let (body, problems) = render(
        "::: mkdocs-click\n    :module: kedro.framework.cli.cli\n    :command: global_commands\n    :depth: 2\n\nA :no_such_emoji: here.\n",
    );
    assert!(body.html.contains(":module: kedro"), "{}", body.html);
    let text = rendered(&problems);
    assert_eq!(problems.len(), 1, "{text}");
    assert!(text.contains("`:no_such_emoji:`"), "{text}");
}

#[test]
fn an_explicit_heading_id_used_twice_warns_at_the_second_heading() {
    let (body, problems) = render(
        "# Page\n\n## Setup\n\nText.\n\n## Install {#setup}\n\n## Later {#later}\n\n## Again {#later}\n",
    );
    // The HTML keeps the ids as written, as MkDocs does.
    assert_eq!(
        body.html.matches("id=\"setup\"").count(),
        2,
        "{}",
        body.html
    );
    let text = rendered(&problems);
    assert_eq!(problems.len(), 2, "{text}");
    assert!(
        text.contains("the id `setup` is already used on this page"),
        "{text}"
    );
    assert!(text.contains("guide/page.md:7:1"), "{text}");
    assert!(
        text.contains("the id `later` is already used on this page"),
        "{text}"
    );
    assert!(text.contains("guide/page.md:11:1"), "{text}");
    // An automatic id steps aside instead: no warning.
    let (body, problems) = render("## Setup {#setup}\n\n## Setup\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(body.html.contains("id=\"setup_1\""));
}

#[test]
fn code_block_options() {
    let (body, problems) = render(
        r#"```bash title="job.sh" linenums="1" hl_lines="2 3"
#!/bin/bash
#SBATCH --time=01:00:00
srun hostname
```

~~~ { .python title="tilde.py" }
print("tilde fence")
~~~

```yaml hl_lines="1"
a: 1
```

```mermaid
graph LR
  A --> B
```
"#,
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(body.uses_mermaid);
    insta::assert_snapshot!(body.html);
    assert!(!render("```bash\nx\n```\n").0.uses_mermaid);
}

#[test]
fn snippets() {
    let dir = project(&[
        (
            "snippets/note.md",
            "!!! note \"From a snippet\"\n    Shared text.\n",
        ),
        (
            "snippets/nested.md",
            "Before.\n--8<-- \"snippets/note.md\"\nAfter.\n",
        ),
        (
            "snippets/job.sh",
            "#!/bin/bash\n# --8<-- [start:run]\nsrun app\n# --8<-- [end:run]\necho done\n",
        ),
        ("snippets/lines.txt", "one\ntwo\nthree\nfour\n"),
        (
            "snippets/glossary.md",
            "*[HPC]: High Performance Computing\n",
        ),
    ]);
    let text = r#"--8<-- "snippets/nested.md"

```bash
--8<-- "snippets/job.sh"
```

- In a list:

    ```text
    --8<-- "snippets/lines.txt:2:3"
    ```

--8<--
snippets/lines.txt:4
; snippets/commented-out.md
--8<--

Section only:

```bash
--8<-- "snippets/job.sh:run"
```

```text
;--8<-- "escaped.md"
```

HPC from the auto-appended glossary.
"#;
    let (body, problems) = render_in(dir.path(), text, &["snippets/glossary.md"]);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(body.includes.len(), 7);
    insta::assert_snapshot!(body.html);
}

#[test]
fn dedent_subsections_removes_a_sections_indentation() {
    // Polars' docs take sections of indented example code into fences.
    let dir = project(&[(
        "src/example.py",
        "def main():\n    # --8<-- [start:setup]\n    import polars as pl\n\n    df = pl.DataFrame()\n    # --8<-- [end:setup]\n",
    )]);
    let text = "```python\n--8<-- \"src/example.py:setup\"\n```\n\n- In a list:\n\n    ```python\n    --8<-- \"src/example.py:3:3\"\n    ```\n";
    let site = site(dir.path(), text);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let mut options = super::page::snippet_options(&site);
    let code = |options: &super::snippets::Options| {
        let (body, problems) = render_page_with(&site, page, options);
        assert!(problems.is_empty(), "{}", rendered(&problems));
        let texts: Vec<String> = scraper::Html::parse_fragment(&body.html)
            .select(&scraper::Selector::parse("code").unwrap())
            .map(|code| code.text().collect())
            .collect();
        texts
    };
    assert_eq!(
        code(&options),
        [
            "    import polars as pl\n\n    df = pl.DataFrame()\n",
            "    import polars as pl\n"
        ]
    );
    options.dedent_subsections = true;
    assert_eq!(
        code(&options),
        [
            "import polars as pl\n\ndf = pl.DataFrame()\n",
            "import polars as pl\n"
        ]
    );
}

#[test]
fn remote_snippets_are_a_warning_where_mkdocs_would_fetch_them() {
    // ULHPC's guide includes scripts by address with `url_download: true`: MkDocs fetches
    // them; Waymark does not, says so, and builds the rest.
    let text = "Before.\n\n--8<-- \"https://example.org/install.sh\"\n\nAfter.\n";
    let site = site(Path::new("/nonexistent-project"), text);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let mut options = super::page::snippet_options(&site);
    options.url_download = true;
    let (body, problems) = render_page_with(&site, page, &options);
    assert_eq!(body.html, "<p>Before.</p>\n<p>After.</p>\n");
    assert_eq!(problems.len(), 1);
    assert!(!problems[0].is_error());
    assert_eq!(
        located(&problems),
        [(
            3,
            1,
            "remote snippet `https://example.org/install.sh` is not fetched"
        )]
    );
}

#[test]
fn a_snippet_base_that_is_a_file_offers_that_file_alone() {
    // pymdown-extensions' docs list `LICENSE.md` and `SECURITY.md` in `base_path`.
    let dir = project(&[
        ("LICENSE.md", "MIT licence text.\n"),
        ("NOTES.md", "Not offered.\n"),
        (".snippets/refs.md", "Refs.\n"),
    ]);
    let site = site(
        dir.path(),
        "--8<-- \"LICENSE.md\"\n\n--8<-- \"refs.md\"\n\n--8<-- \"NOTES.md\"\n",
    );
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let mut options = super::page::snippet_options(&site);
    options.base_dirs = vec![dir.path().join(".snippets"), dir.path().join("LICENSE.md")];
    let (body, problems) = render_page_with(&site, page, &options);
    assert!(
        body.html
            .starts_with("<p>MIT licence text.</p>\n<p>Refs.</p>"),
        "{}",
        body.html
    );
    assert_eq!(located(&problems), [(5, 1, "snippet `NOTES.md` not found")]);
}

#[test]
fn snippet_errors_name_the_including_line() {
    let dir = project(&[
        ("snippets/a.md", "A\n--8<-- \"snippets/b.md\"\n"),
        ("snippets/b.md", "B\n--8<-- \"snippets/a.md\"\n"),
        ("snippets/typo.md", "Icon :material-nope: here.\n"),
        ("outside.md", "x\n"),
    ]);
    std::fs::create_dir_all(dir.path().join("base")).unwrap();
    let text = "Intro.\n\n--8<-- \"snippets/missing.md\"\n\n--8<-- \"snippets/a.md\"\n\n--8<-- \"snippets/typo.md\"\n\n--8<-- \"https://example.org/x.md\"\n\n--8<--\nsnippets/a.md\n";
    let (_, problems) = render_in(dir.path(), text, &[]);
    // With `base` as the only base folder, `../outside.md` leaves it.
    let outside = {
        let site = site(dir.path(), "--8<-- \"../outside.md\"\n");
        let mut options = super::page::snippet_options(&site);
        options.base_dirs = vec![dir.path().join("base")];
        let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
        render_page_with(&site, page, &options).1
    };
    let mut all = rendered(&problems);
    all.push('\n');
    all.push_str(&rendered(&outside));
    insta::assert_snapshot!(all);
}

#[test]
fn python_markdown_differences_warn() {
    let text = "A paragraph\n- directly followed by a list.\n\n3. A list starting at three.\n\n- Outer\n  - nested by two spaces\n\n1. Step\n\n   ```bash\n   indented by three\n   ```\n\n- Fine\n    - nested by four\n\n<div class=\"box\">\n\n**Markdown** in raw HTML.\n\n</div>\n";
    let (_, problems) = render(text);
    insta::assert_snapshot!(rendered(&problems));
}

#[test]
fn nothing_is_left_behind() {
    let dir = project(&[("snippets/part.md", "Included **text**.\n")]);
    let text = r#"[TOC]

## Setup { #setup .x }

!!! note "Note"
    === "A"
        ??? tip "Tip"
            Text with HPC and :material-check:.

    === "B"
        ???+ warning
            ```bash
            echo "!!! kept in code"
            ```

--8<-- "snippets/part.md"

<div markdown>
*inside*
</div>

A paragraph.
{: .lead }

[Link](https://example.org){ target=_blank } ![img](https://example.org/i.png){: width=10 }

*[HPC]: High Performance Computing
"#;
    let (body, problems) = render_in(dir.path(), text, &[]);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let document = scraper::Html::parse_fragment(&body.html);
    let mut outside_code = String::new();
    for node in document.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_code = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| e.name() == "code" || e.name() == "pre")
        });
        if !in_code {
            outside_code.push_str(text);
            outside_code.push('\n');
        }
    }
    for remnant in ["!!!", "???", "=== \"", "--8<--", "[TOC]", "*[", "{:", "{ "] {
        assert!(
            !outside_code.contains(remnant),
            "`{remnant}` is left in the text:\n{outside_code}"
        );
    }
    assert!(body.html.contains("!!! kept in code"));
}

#[test]
fn abbreviations_reach_every_section_of_a_long_page_but_no_code_block() {
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!(
            "## Section {i}\n\nThe T{i} tool and the T{} library run on HPC and GPU nodes.\n\n```python\nprint({i})  # T{i}\n```\n\n",
            (i + 1) % 100
        ));
    }
    for i in 0..100 {
        text.push_str(&format!("*[T{i}]: Term number {i}\n"));
    }
    text.push_str("*[HPC]: High Performance Computing\n*[GPU]: Graphics Processing Unit\n");
    let (body, problems) = render(&text);
    assert!(problems.is_empty(), "{problems:?}");
    // T7 is in the prose of sections 6 and 7 and in the code block of section 7.
    let t7 = "<abbr title=\"Term number 7\">T7</abbr>";
    assert_eq!(body.html.matches(t7).count(), 2, "{}", body.html);
    let hpc = "<abbr title=\"High Performance Computing\">HPC</abbr>";
    assert_eq!(body.html.matches(hpc).count(), 50);
}

#[test]
fn crlf_line_endings_render_like_lf() {
    let lf = "Text\n!!! note \"T\"\n    Body.\n\n=== \"A\"\n    One.\n=== \"B\"\n    Two.\n\n*[Body]: The body\n";
    let crlf = lf.replace('\n', "\r\n");
    let normalise = |html: String| html.replace("\r\n", "\n");
    assert_eq!(normalise(html(&crlf)), normalise(html(lf)));
    assert!(html(lf).contains("<abbr title=\"The body\">Body</abbr>"));
}

// Constructs as the six real MkDocs projects write them (issue 16).

#[test]
fn email_autolinks_are_mailto_links_not_files() {
    let (body, problems) = render("Write to <servicedesk@example.org> for help.\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(body.links.is_empty(), "{:?}", body.links);
    assert!(
        body.html
            .contains("<a href=\"mailto:servicedesk@example.org\">servicedesk@example.org</a>"),
        "{}",
        body.html
    );
}

#[test]
fn a_heading_id_given_as_an_attribute_is_its_only_id() {
    let (body, problems) = render(
        "## 9.7.0 <small>March 2025</small> { id=\"9.7.0\" }\n\n## Other { id=other .wide }\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
    assert!(body.ids.contains("9.7.0") && body.ids.contains("other"));
}

#[test]
fn attribute_lists_apply_to_strong_emphasis_and_code() {
    insta::assert_snapshot!(html(
        "A **Recommended**{ .mdx-pill } badge, *new*{ title=\"Since 9.0\" } and `pip`{ .copy } inline.\n"
    ));
}

#[test]
fn a_definition_needs_whitespace_after_the_colon() {
    let out = html("-   :material-clock-fast:{ .lg .middle } __Set up in 5 minutes__\n\n    ---\n\n    Install Material\n\nTerm\n:smile: not a definition\n\n:material-language-html5: __HTML__ for content and structure\n{ .card }\n\n:fontawesome-brands-js: __JavaScript__ for interactivity\n{ .card }\n\nApple\n:   A fruit.\n");
    insta::assert_snapshot!(out);
    assert_eq!(out.matches("<dd>").count(), 1, "{out}");
}

#[test]
fn a_fence_that_shows_container_syntax_stays_code() {
    let text = "``` markdown\n=== \"C\"\n\n    ``` c\n    int main(void) {}\n    ```\n\n!!! note\n    Body\n```\n\n=== \"Real\"\n\n    Shown as a tab.\n";
    let out = html(text);
    insta::assert_snapshot!(out);
    assert_eq!(out.matches("tabbed-set").count(), 1, "{out}");
    assert!(!out.contains("admonition"), "{out}");
}

#[test]
fn fenced_code_inside_raw_html_is_code_without_a_warning() {
    let (body, problems) = render(
        "<div class=\"termy\">\n\n```console\n$ pip install \"fastapi[standard]\"\n\n---> 100%\n```\n\n</div>\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
}

#[test]
fn named_anchors_in_raw_html_are_link_targets() {
    let (body, problems) = render(
        "<a name=\"legacy\"></a>\n\nText <a name='inline' href=\"#legacy\">here</a>.\n\n<input name=\"field\">\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(
        body.ids.contains("legacy") && body.ids.contains("inline"),
        "{:?}",
        body.ids
    );
    assert!(!body.ids.contains("field"));
}

#[test]
fn pymdownx_blocks() {
    // As FastAPI, pydantic and Material's own docs write them.
    let (body, problems) = render(
        r#"/// note

To send data, you should use one of: `POST`, `PUT`, `DELETE` or `PATCH`.

///

/// tip | Use **PyCharm**
Body right after the header.
///

/// details | What these commands do
    open: true
    type: warning

* `uv init`: create a new Python project.

///

//// tab | Python 3.10+

```Python
def read(q: str | None = None): ...
```

/// info
Nested in a tab.
///

////

//// tab | Python 3.8+

Other.

////

/// tab | New set
    new: true

New.
///

/// admonition | Plain box
    type: danger
    attrs: {class: extra, id: box}

Text.
///

/// html | div.card#c1
**Markdown** inside.
///

``` markdown
/// note
Shown, not run.
///
```

/// note
Never closed: runs to the end, as in pymdownx.
"#,
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
}

#[test]
fn html_blocks_read_attribute_selectors() {
    // pymdown-extensions' own docs: `div[style='border: 1px solid red;']`. Python-Markdown
    // writes the same attributes (its order differs; the browser does not mind).
    let html = html("/// html | div[style='border: 1px solid red;'].box#x[data-a=b][hidden]\nsome *markdown*\n///\n");
    let fragment = scraper::Html::parse_fragment(&html);
    let div = fragment
        .select(&scraper::Selector::parse("div").unwrap())
        .next()
        .unwrap_or_else(|| panic!("{html}"));
    let attr = |name: &str| div.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(
        [
            attr("style"),
            attr("class"),
            attr("id"),
            attr("data-a"),
            attr("hidden")
        ],
        ["border: 1px solid red;", "box", "x", "b", "hidden"]
    );
    assert!(html.contains("<p>some <em>markdown</em></p>"), "{html}");
    // A quote never closed is no selector: the block is unknown, with its warning.
    assert!(!render("/// html | div[style='open\nx\n///\n").1.is_empty());
}

#[test]
fn unknown_block_types_warn_once_and_keep_their_content() {
    let (body, problems) = render(
        "/// version-added | v2.10\nDefault factories can take validated data.\n///\n\n/// version-added | v2.12\nThe `exclude_if` parameter.\n///\n\n/// note\n    attrs: [not, a, mapping]\nBody.\n///\n",
    );
    insta::assert_snapshot!(rendered(&problems));
    assert!(body
        .html
        .contains("<p>Default factories can take validated data.</p>"));
    assert!(body.html.contains("<code>exclude_if</code>"));
    assert!(!body.html.contains("///"), "{}", body.html);
}

#[test]
fn containers_nest_inside_list_items_at_any_depth() {
    // Cut from pydantic's validators page: a tab set and a collapsible block in a list
    // item, and tabs inside that block.
    let out = html(
        r#"* ***After* validators**: run after Pydantic's internal validation.

    === "Annotated pattern"

        Returning the value unchanged.

    ??? example "Example mutating the value"
        A validator changing the value.

        === "Decorator"

            ```python
            print(Model(number=2))
            ```

            !!! note
                Three levels down.
"#,
    );
    insta::assert_snapshot!(out);
    assert_eq!(out.matches("tabbed-set").count(), 2, "{out}");
    assert!(out.contains("Three levels down.</p>"), "{out}");
    assert!(!out.contains("==="), "{out}");
}

#[test]
fn reference_links_in_titles_labels_and_across_lines() {
    let out = html(
        "!!! info \"The [site_url][r] setting\"\n    Body.\n\n=== \"See [r]\"\n    Tab.\n\n/// tip | Read [the docs][r]\nText.\n///\n\nA [reference link\nsplit][r] and [text]\n[r] here.\n\n[R]: https://example.org/docs \"Docs\"\n",
    );
    insta::assert_snapshot!(out);
    assert_eq!(
        out.matches("href=\"https://example.org/docs\"").count(),
        5,
        "{out}"
    );
    assert!(!out.contains("[r]"), "{out}");
}

#[test]
fn duplicate_reference_definitions_warn_at_both_and_the_first_wins_here() {
    let (body, problems) = render(
        "See [the guide][g].\n\n[g]: https://example.org/old\n[G]: https://example.org/new\n\n[same]: https://example.org\n[Same]:  https://example.org\n",
    );
    insta::assert_snapshot!(rendered(&problems));
    assert!(
        body.html.contains("https://example.org/old"),
        "{}",
        body.html
    );
}

/// Renders `text` with mdx_include and markdown-include-variants on, reading from `project`.
fn render_with_includes(project: &Path, text: &str) -> (Body, Vec<Diagnostic>) {
    let site = site(project, text);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let mut options = super::page::snippet_options(&site);
    options.file_includes = Some(super::snippets::FileIncludes {
        from: project.to_path_buf(),
        limit: project.to_path_buf(),
    });
    render_page_with(&site, page, &options)
}

#[test]
fn fastapi_includes() {
    let dir = project(&[
        (
            "docs_src/body/tutorial001_py310.py",
            "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str\n\n\napp = FastAPI()\n",
        ),
        ("docs_src/part.md", "Included **Markdown**.\n"),
    ]);
    let (body, problems) = render_with_includes(
        dir.path(),
        "{* docs_src/body/tutorial001_py310.py ln[5:6] hl[6] *}\n\n{! docs_src/part.md !}\n\n```Python\n{!> docs_src/body/tutorial001_py310.py!}\n```\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
    assert!(
        !body.html.contains("{*") && !body.html.contains("{!"),
        "{}",
        body.html
    );
}

#[test]
fn fastapi_includes_show_the_examples_other_variants_as_markdown_include_variants_does() {
    let dir = project(&[
        ("docs_src/q/tutorial001_an_py310.py", "an310 = 1\n"),
        ("docs_src/q/tutorial001_py310.py", "plain310 = 1\n"),
        ("docs_src/q/tutorial001_an.py", "an38 = 1\n"),
        ("docs_src/t/tutorial002_py310/main.py", "b310 = 2\n"),
        ("docs_src/t/tutorial002_py39/main.py", "b39 = 2\n"),
        ("docs_src/tests.py", "one\ntwo\nthree\nfour\nfive\n"),
    ]);
    let (body, problems) = render_with_includes(
        dir.path(),
        "{* docs_src/q/tutorial001_an_py310.py *}\n\n\
         {* docs_src/t/tutorial002_py310/main.py ln[0] *}\n\n\
         ```text\n{!docs_src/tests.py[ln:1-2,e]!}\n```\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = &body.html;
    let labels: Vec<&str> = html
        .split("role=\"tab\" id=")
        .skip(1)
        .filter_map(|tab| tab.split("data-tab-label=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(
        labels,
        [
            // The file, then its other variants: those with `Annotated` first, newest first.
            "Python 3.10+",
            "Python 3.8+",
            "Python 3.10+ - non-Annotated",
            // `ln[0]`: only the full file's box, then the other folder's variant.
            "Python 3.10+",
            "Python 3.9+",
        ]
    );
    assert_eq!(
        html.matches("🤓 Other versions and variants").count(),
        2,
        "{html}"
    );
    assert_eq!(html.matches("👀 Full file preview").count(), 1, "{html}");
    assert_eq!(
        html.matches("Prefer to use the <code>Annotated</code> version")
            .count(),
        1
    );
    for variant in ["an310", "plain310", "an38", "b310", "b39"] {
        assert!(html.contains(variant), "{variant} missing: {html}");
    }
    // mdx_include's line slices, two empty lines between the parts.
    assert!(html.contains("one\ntwo\n\n\nfive\n</code>"), "{html}");
}

#[test]
fn fastapi_include_errors_name_the_line() {
    let dir = project(&[("docs_src/a_py310.py", "x = 1\n")]);
    let (_, problems) = render_with_includes(
        dir.path(),
        "{* docs_src/missing.py *}\n\n{! ../../../../etc/passwd !}\n\n{* docs_src/a_py310.py ln[x] *}\n",
    );
    insta::assert_snapshot!(rendered(&problems));
}

#[test]
fn block_types_a_project_declares_are_admonitions_and_details() {
    // pymdown-extensions' own docs declare `new`, `settings` and `details-new`. What
    // Python-Markdown writes: `admonition new` titled "New 9.0", `admonition special`
    // titled "Special", `<details class="new" open>` with "Changed".
    let text = "/// new | New 9.0\nAdded.\n///\n\n/// my-type\nBody.\n///\n\n/// details-new | Changed\n    open: true\nMore.\n///\n";
    let extensions = "- pymdownx.blocks.admonition:\n    types:\n    - new\n    - {name: my-type, class: special}\n- pymdownx.blocks.details:\n    types:\n    - {name: details-new, class: new}\n";
    let (body, problems) = render_with_extensions(text, extensions);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = scraper::Html::parse_fragment(&body.html);
    let boxes: Vec<(String, String)> = html
        .select(&scraper::Selector::parse(".admonition").unwrap())
        .map(|b| {
            let title = b
                .select(&scraper::Selector::parse(".admonition-title").unwrap())
                .next()
                .map(|t| t.text().collect::<String>())
                .unwrap_or_default();
            (
                b.value().attr("class").unwrap().to_string(),
                title.trim().to_string(),
            )
        })
        .collect();
    assert_eq!(
        boxes[0],
        ("admonition new".to_string(), "New 9.0".to_string())
    );
    assert_eq!(
        boxes[1],
        ("admonition special".to_string(), "Special".to_string())
    );
    assert!(
        boxes[2].0.contains("new") && boxes[2].1 == "Changed",
        "{boxes:?}"
    );
    let details = html
        .select(&scraper::Selector::parse("details[open]").unwrap())
        .count();
    assert_eq!(details, 1, "{}", body.html);
}

#[test]
fn captions_go_around_the_block_before_them() {
    let (body, problems) = render(
        "Intro.\n\n![Login page](https://example.org/login.png)\n\n/// figure-caption\nThe **login** page.\n///\n\n| Node | Cores |\n|---|---|\n| cpu | 40 |\n\n/// table-caption\nNodes.\n///\n\n/// caption\nA caption after a figure goes around that figure.\n///\n\n/// caption\nAnd so does the next one.\n///\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
}

#[test]
fn code_annotations_link_markers_in_comments_to_the_list_after_the_block() {
    let html = html(
        "``` { .yaml .annotate }\ntheme:\n  features:\n    - content.code.annotate # (1)\n```\n\n1.  I'm a code annotation! I can contain `code`.\n\n``` { .python .annotate }\nx = 1  # (1)!\ny = \"(2)\"  # (2)\n```\n\n1. Drops its comment.\n2. Keeps it.\n",
    );
    insta::assert_snapshot!(html);
    assert!(
        html.contains(
            "<li id=\"annotations-1\">I'm a code annotation! I can contain <code>code</code>.</li>"
        ),
        "{html}"
    );
    // The `(1)!` comment is gone, `(2)` in a string is no marker.
    assert!(!html.contains("(1)") && html.contains("(2)"), "{html}");
    assert_eq!(html.matches("class=\"wm-annotation\"").count(), 3, "{html}");
}

#[test]
fn code_annotations_need_the_feature_or_the_class_and_a_list() {
    // No `.annotate` (and no `content.code.annotate` in a book.toml project): plain code.
    let plain = html("```yaml\nx: 1 # (1)\n```\n\n1. Note.\n");
    assert!(!plain.contains("wm-annotation"), "{plain}");
    // Annotated, but no numbered list follows: the marker stays text.
    let alone = html("``` { .yaml .annotate }\nx: 1 # (1)\n```\n\nText.\n");
    assert!(
        !alone.contains("wm-annotation") && alone.contains("(1)"),
        "{alone}"
    );
    // `content.code.annotate` annotates every block.
    let dir = tempfile::tempdir().unwrap();
    let mut site = site(dir.path(), "```yaml\nx: 1 # (1)\n```\n\n1. Note.\n");
    site.config.features = vec!["content.code.annotate".into()];
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    let (body, _) = render_page_with(&site, page, &super::page::snippet_options(&site));
    assert!(
        body.html.contains("href=\"#annotations-1\">1</a>"),
        "{}",
        body.html
    );
}

#[test]
fn paragraph_annotations_as_pydantic_writes_them() {
    let html = html(
        "Named type aliases should be used for recursive aliases (1).\n{ .annotate }\n\n1. For several reasons, see [the guide](other.md).\n   Nested (1) markers:\n   { .annotate }\n\n    1. Inner note.\n\nAfter (1), no list: text.\n",
    );
    insta::assert_snapshot!(html);
    assert!(html.contains("<p class=\"annotate\">Named type aliases should be used for recursive aliases <a class=\"wm-annotation\" href=\"#annotations-1\">1</a>.</p>"), "{html}");
    assert!(html.contains("<li id=\"annotations_1-1\">"), "{html}");
    assert!(html.contains("After (1), no list: text."), "{html}");
}

/// Renders `text` with the Markdown options that `set` switches on.
fn render_with_markdown(
    text: &str,
    set: impl FnOnce(&mut crate::config::extensions::MarkdownOptions),
) -> (Body, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let mut site = site(dir.path(), text);
    set(&mut site.config.markdown);
    let page = &site.pages[site.paths.pages["guide/page.md"].0 as usize];
    render_page_with(&site, page, &super::page::snippet_options(&site))
}

/// Renders `text` in a project with pymdownx.arithmatex on.
fn render_with_math(text: &str) -> (Body, Vec<Diagnostic>) {
    render_with_markdown(text, |options| {
        options.math = true;
        options.mathjax_delimiters = false;
    })
}

#[test]
fn math_as_mdbook_writes_it_with_doubled_backslashes() {
    let text = "Inline \\\\(a_1 + b^2\\\\) here, $5 and $10 stay.\n\n\\\\[\nE = mc^2\n\\\\]\n\nAn escaped \\\\\\(x) stays.\n";
    let (body, problems) = render_with_markdown(text, |options| {
        options.math = true;
        options.mathjax_delimiters = true;
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = body.html;
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    assert!(
        html.contains("<p>Inline <span class=\"arithmatex\"><math display=\"inline\">"),
        "{html}"
    );
    assert!(
        html.contains("</math></span> here, $5 and $10 stay.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<annotation encoding=\"application/x-tex\">a_1 + b^2</annotation>"),
        "{html}"
    );
    assert!(
        !html.contains("\\\\") || html.contains("escaped \\\\(x)"),
        "{html}"
    );
}

/// pymdownx.highlight's `linenums`: `true` numbers every block but one asking for 0,
/// `false` none; without it, a block asks (`linenums="0"` asks for none).
#[test]
fn highlight_linenums_numbers_every_code_block_as_pymdownx_does() {
    let text = "```python\nx = 1\n```\n\n```python linenums=\"0\"\ny = 2\n```\n\n```python linenums=\"5\"\nz = 3\n```\n\n    indented\n";
    let numbered = |setting: Option<bool>| {
        let (body, _) = render_with_markdown(text, |options| options.highlight_linenums = setting);
        let html = body.html;
        html.split("<pre")
            .skip(1)
            .map(|block| block.contains("<span class=\"lineno\">"))
            .collect::<Vec<bool>>()
    };
    assert_eq!(numbered(Some(true)), [true, false, true, true]);
    assert_eq!(numbered(Some(false)), [false, false, false, false]);
    assert_eq!(numbered(None), [false, false, true, false]);
}

/// A displayed formula whose lines are broken with `\\` outside an environment, as
/// MathJax draws it (the variational-inference notebook of mkdocs-jupyter's demo).
#[test]
fn displayed_math_may_break_its_lines_outside_an_environment() {
    let (body, problems) = render_with_math(
        "$$\nP(D) = \\int P(D, \\theta)\\\\\nP(D) = 1\n$$\n\nInline $a \\\\ b$.\n",
    );
    let html = body.html;
    assert_eq!(html.matches("<math display=\"block\"").count(), 1, "{html}");
    assert!(html.contains("<mtable"), "the lines are rows: {html}");
    assert!(
        html.contains("<annotation encoding=\"application/x-tex\">\nP(D) = \\int"),
        "the source as written: {html}"
    );
    // In a line, a line break stays a problem, as it is for MathJax.
    assert_eq!(problems.len(), 1, "{}", rendered(&problems));
}

#[test]
fn math_in_every_arithmatex_form_becomes_mathml() {
    let (body, problems) = render_with_math(
        "Inline $a_1 + b^2$ and \\(\\frac{1}{n}\\) in a line; it costs $5 and $10.\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n\n\\[\nE = mc^2\n\\]\n\n```math\n\\sqrt{2}\n```\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = body.html;
    assert_eq!(html.matches("<math").count(), 5, "{html}");
    assert_eq!(html.matches("display=\"block\"").count(), 3, "{html}");
    assert!(
        html.contains("<div class=\"arithmatex\"><math display=\"block\""),
        "{html}"
    );
    assert!(html.contains("it costs $5 and $10."), "{html}");
    for leftover in ["\\(", "\\[", "$$", "```"] {
        assert!(!html.contains(leftover), "{leftover} left in {html}");
    }
}

#[test]
fn square_brackets_are_display_math_only_as_a_block_of_their_own() {
    // arithmatex reads `\[ … \]` as a block (the whole paragraph); inside a line they
    // are escaped brackets, as a real guide writes them around footnote-like links.
    let (body, problems) = render_with_math(
        "- [Airbnb](https://a.example) <sup>\\[[1](https://b.example/x#L1-L3)\\]</sup>\n\n\
         A \\[x\\] b.\n\n\\[y\\] tail.\n\nText\n\\[\nz\n\\]\n\n\\[w^2\\]\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = body.html;
    assert!(
        html.contains("<sup>[<a href=\"https://b.example/x#L1-L3\">1</a>]</sup>"),
        "{html}"
    );
    for text in [
        "<p>A [x] b.</p>",
        "<p>[y] tail.</p>",
        "<p>Text\n[\nz\n]</p>",
    ] {
        assert!(html.contains(text), "{text} missing in {html}");
    }
    assert_eq!(html.matches("<math").count(), 1, "{html}");
    assert!(
        html.contains("<div class=\"arithmatex\"><math display=\"block\""),
        "{html}"
    );
}

#[test]
fn math_that_cannot_be_drawn_warns_at_its_line_and_shows_its_source() {
    let (body, problems) = render_with_math("# T\n\nFirst $x$.\n\nThen \\(\\nosuch{y}\\) here.\n");
    assert!(
        body.html
            .contains("<code class=\"arithmatex\">\\nosuch{y}</code> here."),
        "{}",
        body.html
    );
    insta::assert_snapshot!(rendered(&problems));
}

#[test]
fn dollars_stay_text_without_arithmatex() {
    let html = html("Costs $x$ and \\(y\\).\n");
    assert!(
        html.contains("Costs $x$ and (y).") && !html.contains("<math"),
        "{html}"
    );
}

#[test]
fn inline_code_names_its_language_with_inlinehilite() {
    let text =
        "Import it with `#!python import pymdownx`, or `:::bash ls -l`; `#!/bin/bash` is plain.\n";
    let (body, problems) = render_with_markdown(text, |options| options.inline_highlight = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
    // Without the extension the code stays as written.
    assert!(html(text).contains("<code>#!python import pymdownx</code>"));
}

#[test]
fn tab_ids_from_labels_as_pymdownx_tabbed_slugify_makes_them() {
    use crate::config::extensions::{SlugCase, Slugify, TabSlug};
    let lower = Slugify::Pymdownx {
        case: SlugCase::Lower,
        percent_encode: false,
        normalize: "NFC".into(),
    };
    let text = "## Käyttö { #use }\n\n=== \"Puhti & Mahti\"\n\n    One.\n\n=== \"LUMI\"\n\n    Two.\n\n## Second place\n\n=== \"LUMI\"\n\n    Three.\n\n=== \"lumi\"\n\n    Four.\n";
    let (body, problems) = render_with_markdown(text, |options| {
        options.tab_slug = Some(TabSlug {
            slugify: lower.clone(),
            separator: "-".into(),
            combine_header_slug: true,
        });
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let ids: Vec<&str> = body
        .html
        .split("role=\"tab\" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(
        ids,
        [
            "use-puhti--mahti",
            "use-lumi",
            "second-place-lumi",
            "second-place-lumi_1"
        ]
    );
    assert!(
        body.html
            .contains("id=\"use-lumi-panel\" aria-labelledby=\"use-lumi\""),
        "{}",
        body.html
    );
    // Without the setting, tabs are numbered.
    assert!(html(text).contains("id=\"__tabbed_1_1\""));
}

#[test]
fn heading_ids_follow_the_toc_slug_function() {
    let text = "## Käyttäjätunnus ja salasana\n\n## 日本語\n";
    let (body, _) = render_with_markdown(text, |options| {
        options.heading_slug = crate::config::extensions::Slugify::Unicode;
    });
    assert!(
        body.html.contains("<h2 id=\"käyttäjätunnus-ja-salasana\">"),
        "{}",
        body.html
    );
    assert!(body.html.contains("<h2 id=\"日本語\">"), "{}", body.html);
    // MkDocs' default drops what is not ASCII.
    assert!(html(text).contains("<h2 id=\"kayttajatunnus-ja-salasana\">"));
}

#[test]
fn containers_inside_definitions_as_material_documents_options() {
    let html = html(
        "`mode`\n\n:   This option sets the mode:\n\n    === \"View changes\"\n\n        ``` yaml\n        mode: view\n        ```\n\n    === \"Accept changes\"\n\n        Accepts them.\n\n    !!! note \"Default\"\n\n        `view`\n",
    );
    insta::assert_snapshot!(html);
    assert!(html.contains("<dd>") && !html.contains("==="), "{html}");
    assert_eq!(html.matches("role=\"tab\"").count(), 2, "{html}");
    assert!(html.contains("<div class=\"admonition note\">"), "{html}");
}

#[test]
fn an_indented_markdown_element_closes_after_its_list() {
    // Material's grids page: an indented card grid inside a result box.
    let html = html(
        "<div class=\"result\" markdown>\n  <div class=\"grid cards\" markdown>\n\n- :material-clock-fast: __Fast__\n- __Markdown__\n\n  </div>\n</div>\n\nAfter.\n",
    );
    insta::assert_snapshot!(html);
    assert!(
        !html.contains("</div>\n</li>") && !html.contains("<li><p>"),
        "{html}"
    );
}

#[test]
fn smart_symbols_in_text_but_not_in_code() {
    let text = "Copyright (c) 2026 <-- see --> and 1/2 day; `(c) -->` stays.\n";
    let (body, problems) = render_with_markdown(text, |options| {
        options.smart_symbols = Some(Default::default())
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        "<p>Copyright © 2026 ← see → and ½ day; <code>(c) --&gt;</code> stays.</p>\n"
    );
    assert!(html(text).contains("(c) 2026 &lt;-- see --&gt;"));
}

#[test]
fn task_lists_carry_pymdownx_tasklist_classes() {
    let text = "- [x] Done\n- [ ] To do\n\n1. Plain\n";
    let html = html(text);
    assert!(html.starts_with("<ul class=\"task-list\">\n<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked aria-label=\"Done\"> Done</li>"), "{html}");
    assert!(html.contains("<ol>\n<li>Plain</li>"), "{html}");
    let (body, _) = render_with_markdown(text, |options| options.custom_checkbox = true);
    assert!(body.html.contains("<li class=\"task-list-item\"><label class=\"task-list-control\"><input type=\"checkbox\" disabled aria-label=\"Not done\"><span class=\"task-list-indicator\"></span></label> To do</li>"), "{}", body.html);
}

#[test]
fn toc_anchorlink_and_data_toc_label() {
    let text = "## Malware checks\n\n### A long title { #short data-toc-label=\"Short one\" }\n";
    let (body, _) = render_with_markdown(text, |options| {
        options.toc.anchorlink = Some("toclink".into());
    });
    assert!(
        body.html.starts_with("<h2 id=\"malware-checks\"><a class=\"toclink\" href=\"#malware-checks\">Malware checks</a><a class=\"headerlink\""),
        "{}",
        body.html
    );
    // The label names the heading in the contents and leaves the heading itself.
    assert_eq!(body.headings[1].text, "Short one");
    assert!(!body.html.contains("data-toc-label"), "{}", body.html);
    assert!(body.html.contains(">A long title</a>"), "{}", body.html);
}

#[test]
fn display_math_alone_in_its_paragraph_is_a_block_as_arithmatex_writes_it() {
    let (body, problems) = render_with_math(
        "$$\nx^2\n$$\n\nIn a line: $$y^2$$ stays inside.\n\n<div class=\"result\" markdown>\n\n$$\nz^2\n$$\n\n</div>\n\n\\[\nv^2\n\\]\n\nAfter [^1].\n\n[^1]: A note.\n\n    $$\n    w^2\n    $$\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html = body.html;
    assert_eq!(
        html.matches("<div class=\"arithmatex\"><math display=\"block\"")
            .count(),
        4,
        "{html}"
    );
    assert!(!html.contains("<p><div"), "{html}");
    assert!(!html.contains("<p></p>"), "{html}");
    assert!(
        html.contains("<p>In a line: <span class=\"arithmatex\"><math display=\"block\""),
        "{html}"
    );
}

#[test]
fn attribute_lists_apply_inside_markdown_span_elements() {
    let out = html(
        "<figure markdown=\"span\">\n  ![A figure](figure.png){ width=\"500\" }\n  A *caption*.\n</figure>\n",
    );
    assert!(
        out.contains("<figure><img src=\"figure.png\" alt=\"A figure\" width=\"500\" />"),
        "{out}"
    );
    assert!(out.contains("<em>caption</em>.</figure>"), "{out}");
    assert!(!out.contains("{ width"), "{out}");
}

#[test]
fn marks_inserts_and_deletions_hold_markup_as_pymdownx_renders_them() {
    // Material's "Formatting" page, with markup inside each span; the expected HTML is
    // Python-Markdown's with pymdownx.mark, caret and tilde (the link made relative).
    let text = "- ==This was marked (**highlight**)==\n- ^^This was inserted (*underline*)^^\n- ~~This was deleted ([strikethrough](other.md))~~\n- H~2~O, A^T^A and ^^`code`^^\n\nWithout pymdownx.critic, {~~one~>a single~~} is deleted text.\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<ul>\n<li><mark>This was marked (<strong>highlight</strong>)</mark></li>\n",
            "<li><ins>This was inserted (<em>underline</em>)</ins></li>\n",
            "<li><del>This was deleted (<a href=\"../other/\">strikethrough</a>)</del></li>\n",
            "<li>H<sub>2</sub>O, A<sup>T</sup>A and <ins><code>code</code></ins></li>\n</ul>\n",
            "<p>Without pymdownx.critic, {<del>one~&gt;a single</del>} is deleted text.</p>\n"
        )
    );
}

#[test]
fn link_definitions_after_a_list_item_leave_the_list_tight_as_in_mkdocs() {
    // As Material's pages end a list: definitions indented like the item's text after a
    // blank line. The expected HTML is Python-Markdown's.
    let text = "Install it:\n\n- With `pip`, see [the guide]\n- In a [Docker image]\n\n  [the guide]: https://example.org/guide/\n  [Docker image]: https://hub.docker.com/r/squidfunk/mkdocs-material/\n\nAfter the list.\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>Install it:</p>\n<ul>\n",
            "<li>With <code>pip</code>, see <a href=\"https://example.org/guide/\">the guide</a></li>\n",
            "<li>In a <a href=\"https://hub.docker.com/r/squidfunk/mkdocs-material/\">Docker image</a></li>\n",
            "</ul>\n<p>After the list.</p>\n"
        )
    );
}

#[test]
fn github_shorthands_as_mdx_gh_links_writes_them_in_mkdocs_release_notes() {
    let settings: serde_norway::Mapping =
        serde_norway::from_str("user: mkdocs\nrepo: mkdocs\n").unwrap();
    let (options, not_followed) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
        "mdx_gh_links".to_string(),
        settings,
    )]);
    assert!(not_followed.is_empty(), "{not_followed:?}");
    let text = "## Version 1.6.1\n\n* Fix a build error when `SOURCE_DATE_EPOCH=0` is set. #3795\n* Support tags in `INHERIT` (#3733, thanks @tomchristie). See mkdocs/catalog#45,\n  commit 5d8c0dd3ae1e2ba7ef83b46e3aa6e0bab2e7e6ac and [#12](https://example.org).\n";
    let (body, problems) = render_with_markdown(text, |o| *o = options);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    // Python-Markdown's list with mdx_gh_links (its attributes in another order).
    let list = concat!(
        "<ul>\n<li>Fix a build error when <code>SOURCE_DATE_EPOCH=0</code> is set. <a href=\"https://github.com/mkdocs/mkdocs/issues/3795\" class=\"gh-link gh-issue\" title=\"GitHub Issue mkdocs/mkdocs #3795\">#3795</a></li>\n",
        "<li>Support tags in <code>INHERIT</code> (<a href=\"https://github.com/mkdocs/mkdocs/issues/3733\" class=\"gh-link gh-issue\" title=\"GitHub Issue mkdocs/mkdocs #3733\">#3733</a>, thanks <a href=\"https://github.com/tomchristie\" class=\"gh-link gh-mention\" title=\"GitHub User: @tomchristie\">@tomchristie</a>). See <a href=\"https://github.com/mkdocs/catalog/issues/45\" class=\"gh-link gh-issue\" title=\"GitHub Issue mkdocs/catalog #45\">mkdocs/catalog#45</a>,\n",
        "commit <a href=\"https://github.com/mkdocs/mkdocs/commit/5d8c0dd3ae1e2ba7ef83b46e3aa6e0bab2e7e6ac\" class=\"gh-link gh-commit\" title=\"GitHub Commit: mkdocs/mkdocs@5d8c0dd3ae1e2ba7ef83b46e3aa6e0bab2e7e6ac\">5d8c0dd</a> and <a href=\"https://example.org\">#12</a>.</li>\n</ul>\n"
    );
    assert!(body.html.ends_with(list), "{}", body.html);
}

#[test]
fn smart_symbols_raise_ordinals_and_follow_the_extension_options() {
    let text = "Released on the 1st of May, the 2nd release this year (c) Acme(tm): 1/2 the size, +/- 3 MB --> see the 21st item, not a1st or 1stly.\n";
    let with = |settings: &str| {
        let settings: serde_norway::Mapping = serde_norway::from_str(settings).unwrap();
        let (options, _) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
            "pymdownx.smartsymbols".to_string(),
            settings,
        )]);
        render_with_markdown(text, |o| *o = options).0.html
    };
    // Python-Markdown's output with pymdownx.smartsymbols, its entities as characters.
    assert_eq!(
        with("{}"),
        "<p>Released on the 1<sup>st</sup> of May, the 2<sup>nd</sup> release this year © Acme™: ½ the size, ± 3 MB → see the 21<sup>st</sup> item, not a1st or 1stly.</p>\n"
    );
    assert_eq!(
        with("{ordinal_numbers: false, fractions: false}"),
        "<p>Released on the 1st of May, the 2nd release this year © Acme™: 1/2 the size, ± 3 MB → see the 21st item, not a1st or 1stly.</p>\n"
    );
}

#[test]
fn footnotes_follow_the_extension_options_and_number_in_definition_order() {
    // Material's footnotes example, referenced out of order and twice, with the options
    // a project sets; the expected HTML is Python-Markdown's (plus Waymark's aria-label).
    let settings: serde_norway::Mapping = serde_norway::from_str(
        "{BACKLINK_TEXT: \"↩︎\", BACKLINK_TITLE: \"Back to footnote %d\", SUPERSCRIPT_TEXT: \"[{}]\", SEPARATOR: \"-\"}",
    )
    .unwrap();
    let (options, not_followed) =
        crate::config::extensions::MarkdownOptions::mkdocs(&[("footnotes".to_string(), settings)]);
    assert!(not_followed.is_empty(), "{not_followed:?}");
    let text = "Lorem ipsum[^2] dolor sit amet, consectetur adipiscing elit.[^1] Again[^2].\n\n///Footnotes Go Here///\n\nText after the notes.\n\n[^1]: Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n[^2]:\n    Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod\n    nulla.\n";
    let (body, problems) = render_with_markdown(text, |o| *o = options);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let back = |n: &str, id: &str| {
        format!("<a class=\"footnote-backref\" href=\"#{id}\" title=\"Back to footnote {n}\" aria-label=\"Back to the text\">↩︎</a>")
    };
    assert_eq!(
        body.html,
        [
            "<p>Lorem ipsum<sup id=\"fnref-2\"><a class=\"footnote-ref\" href=\"#fn-2\">[2]</a></sup> dolor sit amet, consectetur adipiscing elit.<sup id=\"fnref-1\"><a class=\"footnote-ref\" href=\"#fn-1\">[1]</a></sup> Again<sup id=\"fnref2-2\"><a class=\"footnote-ref\" href=\"#fn-2\">[2]</a></sup>.</p>\n",
            "<div class=\"footnote\">\n<hr />\n<ol>\n<li id=\"fn-1\">\n<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.&#160;",
            &back("1", "fnref-1"),
            "</p>\n</li>\n<li id=\"fn-2\">\n<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod\nnulla.&#160;",
            &back("2", "fnref-2"),
            &back("2", "fnref2-2"),
            "</p>\n</li>\n</ol>\n</div>\n<p>Text after the notes.</p>\n",
        ]
        .concat()
    );
}

#[test]
fn footnotes_referenced_in_headings_and_notes_are_numbered_in_definition_order() {
    // Numbers follow the definitions, which come after every reference here; the expected
    // numbers are Python-Markdown's for the same text.
    let (options, _) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
        "footnotes".to_string(),
        serde_norway::Mapping::new(),
    )]);
    let text = "## Title[^b]\n\nText[^a] and more[^b].\n\n[^b]: Bee, see[^a].\n[^a]: Aye.\n";
    let (body, problems) = render_with_markdown(text, |o| *o = options);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let numbers: Vec<&str> = body
        .html
        .split("class=\"footnote-ref\" href=\"#fn:")
        .skip(1)
        .map(|rest| &rest[..rest.find("</a>").unwrap()])
        .collect();
    assert_eq!(
        numbers,
        ["b\">1", "a\">2", "b\">1", "a\">2"],
        "{}",
        body.html
    );
    assert!(!body.html.contains('\0'), "{}", body.html);
    assert_eq!(body.headings[0].text, "Title");
}

#[test]
fn an_unknown_footnotes_option_is_named_in_a_warning() {
    let settings: serde_norway::Mapping =
        serde_norway::from_str("{backlink_text: x, UNIQUE_IDS: true}").unwrap();
    let (options, not_followed) =
        crate::config::extensions::MarkdownOptions::mkdocs(&[("footnotes".to_string(), settings)]);
    assert!(options.footnotes.unique_ids);
    assert_eq!(not_followed.len(), 1);
    assert_eq!(
        not_followed[0].message,
        "the option `backlink_text` of `footnotes` is not known to Waymark"
    );
    assert_eq!(not_followed[0].extension, "footnotes");
}

#[test]
fn keys_options_are_read_from_mkdocs_yml_and_unknown_ones_named() {
    // As uv's and Material's projects write it, with the options pymdownx.keys has.
    let settings: serde_norway::Mapping = serde_norway::from_str(
        "{separator: \"-\", strict: true, camel_case: true, key_map: {my-key: My Key}, sep: x}",
    )
    .unwrap();
    let (options, not_followed) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
        "pymdownx.keys".to_string(),
        settings,
    )]);
    let keys = &options.keys;
    assert_eq!(keys.separator, "-");
    assert!(keys.strict && keys.camel_case);
    assert_eq!(keys.key_map, [("my-key".to_string(), "My Key".to_string())]);
    assert_eq!(
        not_followed
            .iter()
            .map(|n| n.message.as_str())
            .collect::<Vec<_>>(),
        ["the option `sep` of `pymdownx.keys` is not known to Waymark"]
    );
    let (body, _) = render_with_markdown("Press ++ctrl+myKey++.\n", |o| *o = options);
    assert_eq!(
        body.html,
        "<p>Press <kbd class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>-</span><kbd class=\"key-my-key\">My Key</kbd></kbd>.</p>\n"
    );
}

#[test]
fn betterem_smart_asterisks_leave_asterisks_inside_words_as_text() {
    let text = "Set **strict**mode with snake_case_names, a __init__.py file, *emphasis* and foo*bar*baz.\n";
    let with = |settings: &str| {
        let settings: serde_norway::Mapping = serde_norway::from_str(settings).unwrap();
        let (options, not_followed) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
            "pymdownx.betterem".to_string(),
            settings,
        )]);
        (
            render_with_markdown(text, |o| *o = options).0.html,
            not_followed,
        )
    };
    // Python-Markdown's output with pymdownx.betterem, `smart_enable: all` (Material's
    // setting) and the default `underscore`.
    let (all, not_followed) = with("{smart_enable: all}");
    assert!(not_followed.is_empty(), "{not_followed:?}");
    assert_eq!(
        all,
        "<p>Set **strict**mode with snake_case_names, a <strong>init</strong>.py file, <em>emphasis</em> and foo*bar*baz.</p>\n"
    );
    assert_eq!(
        with("{}").0,
        "<p>Set <strong>strict</strong>mode with snake_case_names, a <strong>init</strong>.py file, <em>emphasis</em> and foo<em>bar</em>baz.</p>\n"
    );
    // Underscores inside words stay text whatever the setting: named in a warning.
    let (_, not_followed) = with("{smart_enable: none}");
    assert_eq!(not_followed.len(), 1, "{not_followed:?}");
    assert!(not_followed[0].message.starts_with("`smart_enable: none`"));
}

#[test]
fn the_last_of_duplicate_definitions_after_a_list_wins_as_in_mkdocs() {
    // Material's python-markdown.md defines `[Using grids]` in two such runs.
    let text = "- See [Using grids] and [grids]\n\n  [grids]: other.md\n  [Using grids]: other.md#first\n\nMore.\n\n- Again [Using grids]\n\n  [Using grids]: other.md#section-two\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert_eq!(problems.len(), 2, "{}", rendered(&problems));
    assert_eq!(
        body.html.matches("href=\"../other/#section-two\"").count(),
        2,
        "{}",
        body.html
    );
    assert!(body.html.starts_with("<ul>\n<li>See <a"), "{}", body.html);
}

#[test]
fn block_html_stays_raw_to_its_closing_tag_as_in_mkdocs() {
    // Python-Markdown keeps a block-level element raw, blank lines and all: prose the
    // writer saw shown raw, and a Rich terminal SVG whose stylesheet has blank lines (as
    // Textual's docs include them), which CommonMark would cut into code blocks. The
    // expected HTML is Python-Markdown's.
    let text = "Intro.\n\n<div class=\"card\">\n**Bold** first.\n\nAfter a *blank* line.\n\n    indented\n</div>\n\nAfter.\n\n\
                <div>\n<svg viewBox=\"0 0 1 1\">\n  <style>\n  .a { fill: red; }\n  \n      .b { fill: blue; }\n  </style>\n</svg>\n</div>\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>Intro.</p>\n<div class=\"card\">\n**Bold** first.\n\nAfter a *blank* line.\n\n    indented\n</div>\n<p>After.</p>\n",
            "<div>\n<svg viewBox=\"0 0 1 1\">\n  <style>\n  .a { fill: red; }\n\n      .b { fill: blue; }\n  </style>\n</svg>\n</div>\n"
        )
    );
    // Elsewhere CommonMark's reading stays, with the warning.
    let (body, problems) = render(text);
    assert!(
        body.html.contains("<p>After a <em>blank</em> line.</p>"),
        "{}",
        body.html
    );
    assert_eq!(problems.len(), 2, "{}", rendered(&problems));
}

#[test]
fn a_markdown_element_never_closed_ends_with_the_page_as_in_mkdocs() {
    // A 700-page guide's page ends inside `<div class="grid cards" markdown>`; MkDocs
    // closes it at the end and renders its Markdown (the expected HTML is Python-Markdown's).
    let text = "Intro.\n\n<div class=\"grid cards\" markdown>\n\n- **Note**\n\n    * Any project member.\n    * Small packages.\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert_eq!(
        body.html,
        "<p>Intro.</p>\n<div class=\"grid cards\">\n<ul>\n<li>\n<p><strong>Note</strong></p>\n<ul>\n<li>Any project member.</li>\n<li>Small packages.</li>\n</ul>\n</li>\n</ul>\n</div>\n"
    );
    assert_eq!(
        located(&problems),
        [(3, 1, "`<div>` with `markdown` is never closed")]
    );
}

#[test]
fn a_delimiter_row_that_starts_with_a_colon_keeps_its_table() {
    // CSC's guide: a left-aligned first column without a leading pipe. A `:` first on a
    // line is escaped against definition lists, which broke the row.
    let html =
        html("| Module | LUMI |\n:-----|:---:|\n| `a` | X |\n\nTerm\n:smile: not a definition\n");
    assert!(
        html.starts_with("<table><thead><tr><th style=\"text-align: left\">Module</th><th style=\"text-align: center\">LUMI</th>"),
        "{html}"
    );
    assert!(
        html.ends_with("<p>Term\n<span class=\"emoji\">😄</span> not a definition</p>\n"),
        "{html}"
    );
    assert!(!html.contains("<dl"), "{html}");
}

#[test]
fn an_indented_hash_starts_no_heading_in_mkdocs_projects() {
    // Python-Markdown wants a heading's `#` first on its line; CSC's guide indents a table
    // whose first header cell is `# cores`. The expected HTML is Python-Markdown's.
    let text = "  # cores | Time\n  ---|---\n  | |\n\n   ## Not a heading\n\n# A heading\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(
        body.html
            .starts_with("<table><thead><tr><th># cores</th><th>Time</th></tr></thead>"),
        "{}",
        body.html
    );
    assert!(
        body.html.contains("<p>## Not a heading</p>"),
        "{}",
        body.html
    );
    assert!(
        body.html.contains("<h1 id=\"a-heading\">A heading"),
        "{}",
        body.html
    );
    // A book.toml project reads CommonMark's heading, with a warning at the line.
    let (body, problems) = render(text);
    assert!(
        body.html.contains("<h2 id=\"not-a-heading\">"),
        "{}",
        body.html
    );
    assert_eq!(
        located(&problems),
        [
            (
                1,
                1,
                "this heading is indented by 2 spaces: MkDocs reads it as text"
            ),
            (
                5,
                1,
                "this heading is indented by 3 spaces: MkDocs reads it as text"
            ),
        ]
    );
}

#[test]
fn a_line_that_only_looks_like_a_definition_stays_in_its_paragraph() {
    // MkDocs' own deploying guide: a line of a paragraph starts with `[label]:`, and the
    // label is defined further down. The expected HTML is Python-Markdown's.
    let text = "There are two basic\n[types of sites]: Project sites, and User\nsites.\n\n[types of sites]: https://example.org/types\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        "<p>There are two basic\n<a href=\"https://example.org/types\">types of sites</a>: Project sites, and User\nsites.</p>\n"
    );
}

#[test]
fn duplicate_definitions_warn_only_where_the_label_is_used() {
    // `[//]: # "..."` is Markdown's comment idiom (Nautobot's docs write 71 of them):
    // nothing refers to `[//]`, so which definition wins shows nowhere.
    let text = "[//]: # \"first comment\"\n[//]: # \"second comment\"\n\nSee [the guide][r].\n\n[r]: a.md\n[r]: b.md\n";
    let (_, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert_eq!(
        located(&problems),
        [
            (6, 1, "the link reference `[r]` is defined more than once"),
            (7, 1, "the link reference `[r]` is defined more than once"),
        ]
    );
}

#[test]
fn link_definitions_between_list_items_keep_one_spread_out_list_as_in_mkdocs() {
    // Material's blog: a definition after each item; the expected HTML is Python-Markdown's.
    let text = "- Our [organic approach to growth] is part of this strategy.\n\n  [organic approach to growth]: https://star-history.com/\n\n- Likewise, we are driven by the needs of the community.\n\nStay tuned.\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<ul>\n<li>\n<p>Our <a href=\"https://star-history.com/\">organic approach to growth</a> is part of this strategy.</p>\n</li>\n",
            "<li>\n<p>Likewise, we are driven by the needs of the community.</p>\n</li>\n</ul>\n<p>Stay tuned.</p>\n"
        )
    );
}

#[test]
fn escaped_characters_start_no_mark_or_shorthand() {
    // MkDocs' configuration page escapes `@` for mdx_gh_links; the expected HTML is
    // Python-Markdown's with mdx_gh_links and pymdownx.mark.
    let settings: serde_norway::Mapping = serde_norway::from_str("{user: u, repo: r}").unwrap();
    let (options, _) = crate::config::extensions::MarkdownOptions::mkdocs(&[(
        "mdx_gh_links".to_string(),
        settings,
    )]);
    let text = "Did you mean mailto:mail\\@example.com? Not marked: \\==a\\== and \\#12.\n";
    let (body, _) = render_with_markdown(text, |o| *o = options);
    assert_eq!(
        body.html,
        "<p>Did you mean mailto:mail@example.com? Not marked: ==a== and #12.</p>\n"
    );
}

/// Renders `text` with the Markdown options that these `markdown_extensions` of an
/// mkdocs.yml give (a YAML list, as written there).
fn render_with_extensions(text: &str, extensions: &str) -> (Body, Vec<Diagnostic>) {
    use serde_norway::{Mapping, Value};
    let list: Vec<Value> = serde_norway::from_str(extensions).unwrap();
    let entries: Vec<(String, Mapping)> = list
        .into_iter()
        .map(|entry| match entry {
            Value::String(name) => (name, Mapping::new()),
            Value::Mapping(map) => {
                let (name, options) = map.into_iter().next().unwrap();
                let options = options.as_mapping().cloned().unwrap_or_default();
                (name.as_str().unwrap().to_string(), options)
            }
            other => panic!("not an extension: {other:?}"),
        })
        .collect();
    let (options, not_followed) = crate::config::extensions::MarkdownOptions::mkdocs(&entries);
    assert!(not_followed.is_empty(), "{not_followed:?}");
    render_with_markdown(text, |markdown| *markdown = options)
}

#[test]
fn toc_baselevel_moves_every_heading_down_and_the_contents_follow() {
    // Python-Markdown 3.10 with `toc: {baselevel: 2, toc_depth: "3-4", permalink: "¶"}`
    // writes h2 `installation`, h3 `from-pypi`, h4, h5, h6 `deepest` (no h7), h3
    // `from-pypi_1`, and a [TOC] of `from-pypi` (holding `with-extras`) and `from-pypi_1`.
    let text = "[TOC]\n\n# Installation\n\n## From PyPI\n\n### With extras\n\n#### Deeper\n\n##### Deepest\n\n## From PyPI\n";
    let extensions = "- toc:\n    baselevel: 2\n    toc_depth: 3-4\n    permalink: \"¶\"\n";
    let (body, problems) = render_with_extensions(text, extensions);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
    let levels: Vec<(u8, &str)> = body
        .headings
        .iter()
        .map(|h| (h.level, h.id.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (2, "installation"),
            (3, "from-pypi"),
            (4, "with-extras"),
            (5, "deeper"),
            (6, "deepest"),
            (3, "from-pypi_1")
        ]
    );
    assert!(!body.has_h1);
    // `toc_depth` may be a number written as text too.
    let (body, _) =
        render_with_extensions("[TOC]\n\n## A\n\n### B\n", "- toc:\n    toc_depth: \"2\"\n");
    assert!(!body.html.contains("<a href=\"#b\">"), "{}", body.html);
}

#[test]
fn heading_ids_are_numbered_as_python_markdown_numbers_them() {
    // Python-Markdown 3.10: `_1` (an empty slug), `a`, `a_1`, `a_2`, `b_1`, `b_2`.
    let text = "## 日本語\n\n## A\n\n## A\n\n## A_1\n\n## B_1\n\n## B_1\n";
    let (body, _) = render_with_extensions(text, "- toc\n");
    let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["_1", "a", "a_1", "a_2", "b_1", "b_2"]);
}

#[test]
fn tab_ids_under_a_repeated_heading_start_with_its_numbered_id() {
    // pymdownx.tabbed with `combine_header_slug`: `install-linux`, then `install_1-linux`.
    let text = "## Install\n\n=== \"Linux\"\n\n    a\n\n## Install\n\n=== \"Linux\"\n\n    b\n";
    let (body, _) = render_with_markdown(text, |options| {
        options.python_markdown = true;
        options.tab_slug = Some(crate::config::extensions::TabSlug {
            slugify: crate::config::extensions::Slugify::Ascii,
            separator: "-".into(),
            combine_header_slug: true,
        });
    });
    assert!(body.html.contains("id=\"install-linux\""), "{}", body.html);
    assert!(
        body.html.contains("id=\"install_1-linux\""),
        "{}",
        body.html
    );
    assert!(body.html.contains("<h2 id=\"install_1\""), "{}", body.html);
}

#[test]
fn define_blocks_make_paragraphs_terms_and_list_items_definitions() {
    // As pymdownx.blocks.definition renders it (pymdown-extensions 10): paragraphs are
    // `<dt>`, the items of lists `<dd>` (tight items without `<p>`), nested blocks stay
    // inside their definition, `attrs` go on the `<dl>`.
    let html = html(
        r#"/// define
Apple

- Pomaceous fruit of plants of the genus Malus in
  the family Rosaceae.

///

/// define
Orange

- The fruit of an evergreen tree of the genus Citrus.

    /// note | Nested
    A note inside a definition.
    ///

- Second definition with **bold**.

Pear
Quince

- Both keep paragraphs as terms.
///

/// define
    attrs: {class: terms, id: glossary}

`term`

- def
///
"#,
    );
    insta::assert_snapshot!(html);
    assert!(!html.contains("waymark:"), "{html}");
    assert_eq!(html.matches("<dt>").count(), 4, "{html}");
    assert_eq!(html.matches("<dd>").count(), 5, "{html}");
}

#[test]
fn define_blocks_nest_in_definitions_and_hold_code_as_a_term() {
    // pymdownx.blocks.definition: `<dt>Inner</dt><dd>b</dd>` inside the first definition,
    // and the fenced block a term of its own (`<dt><pre>...`).
    let html = html(
        "/// define\nTerm\n\n- a\n\n    /// define\n    Inner\n\n    - b\n    ///\n\n```\ncode\n```\n\n- c\n///\n",
    );
    assert!(!html.contains("waymark:"), "{html}");
    assert_eq!(html.matches("<dt>").count(), 3, "{html}");
    assert!(html.contains("<dt>Inner</dt>"), "{html}");
    assert!(html.contains("<dd>b</dd>"), "{html}");
    assert!(
        html.contains("<dt>\n<div class=\"highlight\"><pre><code>code"),
        "{html}"
    );
}

#[test]
fn critic_marks_in_block_form_wrap_the_blocks_between_them() {
    // pymdownx.critic 10 in view mode: `<mark class="critic block">` around the
    // paragraphs, `<ins>`/`<del>` around the list and the paragraph, a block comment as one
    // line of text; inline marks as before.
    let text = r#"Text before.

{==

A highlighted paragraph.

Another one with *em*.

==}

{++

- an added list
- item two

++}

{--

Removed paragraph.

--}

{>>

A comment block.

<<}

Inline {++add++} and {==mark==}{>>note<<}.
"#;
    let (body, problems) = render_with_extensions(text, "- pymdownx.critic\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    insta::assert_snapshot!(body.html);
    assert!(!body.html.contains("{=="), "{}", body.html);
    // Without the extension the marks stay text.
    assert!(html(text).contains("<p>{==</p>"));
}

#[test]
fn annotations_in_admonitions_marked_annotate_as_material_documents_them() {
    // Material's example: Python-Markdown writes `<div class="admonition note annotate">`
    // with `(1)` in the title and `(2)` in the text, then the list; Material's script
    // makes the markers buttons showing the items. Waymark links them at build time.
    let html = html(
        r#"``` { .python .annotate }
x = 1  # (1)!
```

1.  A code annotation before: its block is no container.

!!! note annotate "Phasellus posuere in sem ut cursus (1)"

    Lorem ipsum dolor sit amet, (2) consectetur adipiscing elit. Nulla et
    euismod nulla.

1.  :man_raising_hand: I'm an annotation!
2.  :woman_raising_hand: I'm an annotation as well!

??? tip annotate "Collapsed"

    Also here (1).

1.  In a collapsible block.

!!! note "Not annotated"

    Stays (1).

1.  An ordinary list.
"#,
    );
    insta::assert_snapshot!(html);
    assert!(
        html.contains("<p class=\"admonition-title\">Phasellus posuere in sem ut cursus <a class=\"wm-annotation\" href=\"#annotations_1-1\">1</a></p>"),
        "{html}"
    );
    assert!(
        html.contains(
            "amet, <a class=\"wm-annotation\" href=\"#annotations_1-2\">2</a> consectetur"
        ),
        "{html}"
    );
    assert!(
        html.contains("<ol class=\"wm-annotations\" id=\"annotations_1\">"),
        "{html}"
    );
    assert!(
        html.contains("Also here <a class=\"wm-annotation\" href=\"#annotations_2-1\">1</a>"),
        "{html}"
    );
    assert!(html.contains("Stays (1)."), "{html}");
    assert_eq!(html.matches("wm-annotations").count(), 3, "{html}");
}

/// A page written as a changelog reviewer writes suggestions with pymdownx.critic.
const CRITIC_SUGGESTIONS: &str = "The install step {++now needs **Python 3.9** and `pip`++} instead of {--[the old guide](old.md)--}.\nRun {~~*make*~>**just**~~} first. {==**Read this twice.**==}{>>Is this *still* true?<<}\n\n- A list item with {++an _added_ [link](new.md)++} in it.\n";

#[test]
fn critic_marks_hold_markup_as_pymdownx_critic_shows_it() {
    // Python-Markdown with pymdownx.critic (view mode), the links made relative; a
    // comment is text, as pymdownx.critic writes it.
    let (body, problems) = render_with_extensions(CRITIC_SUGGESTIONS, "- pymdownx.critic\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>The install step <ins class=\"critic\">now needs <strong>Python 3.9</strong> and <code>pip</code></ins> instead of <del class=\"critic\"><a href=\"old.md\">the old guide</a></del>.\n",
            "Run <del class=\"critic\"><em>make</em></del><ins class=\"critic\"><strong>just</strong></ins> first. <mark class=\"critic\"><strong>Read this twice.</strong></mark><span class=\"critic comment\">Is this *still* true?</span></p>\n",
            "<ul>\n<li>A list item with <ins class=\"critic\">an <em>added</em> <a href=\"new.md\">link</a></ins> in it.</li>\n</ul>\n"
        )
    );
    // Links inside marks are checked like any others.
    let dests: Vec<&str> = body.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["old.md", "new.md"]);
}

#[test]
fn critic_accept_and_reject_modes_apply_the_suggestions_as_pymdownx_critic_does() {
    // Python-Markdown with pymdownx.critic `mode: accept` and `mode: reject`: inserted
    // text kept or dropped, deleted text the other way round, a substitution's new or old
    // text, highlights as plain text and comments gone; in block form as inline.
    let blocks = "\n{==\n\nA highlighted paragraph.\n\n==}\n\n{++\n\n- an added list\n- item two\n\n++}\n\n{--\n\nRemoved paragraph.\n\n--}\n\n{>>\n\nA comment block.\n\n<<}\n";
    let text = format!("{CRITIC_SUGGESTIONS}{blocks}");
    let (accepted, problems) =
        render_with_extensions(&text, "- pymdownx.critic:\n    mode: accept\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        accepted.html,
        concat!(
            "<p>The install step now needs <strong>Python 3.9</strong> and <code>pip</code> instead of .\n",
            "Run <strong>just</strong> first. <strong>Read this twice.</strong></p>\n",
            "<ul>\n<li>A list item with an <em>added</em> <a href=\"new.md\">link</a> in it.</li>\n</ul>\n",
            "<p>A highlighted paragraph.</p>\n",
            "<ul>\n<li>an added list</li>\n<li>item two</li>\n</ul>\n"
        )
    );
    let (rejected, problems) =
        render_with_extensions(&text, "- pymdownx.critic:\n    mode: reject\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        rejected.html,
        concat!(
            "<p>The install step  instead of <a href=\"old.md\">the old guide</a>.\n",
            "Run <em>make</em> first. <strong>Read this twice.</strong></p>\n",
            "<ul>\n<li>A list item with  in it.</li>\n</ul>\n",
            "<p>A highlighted paragraph.</p>\n",
            "<p>Removed paragraph.</p>\n"
        )
    );
}

/// Chemistry and maths as real pages write them, and words joined by the delimiters.
const JOINED_MARKS: &str = "Set `a==b==c` aside: the value==default==value stays, but ==this is marked==.\nChemical formulas such as H~2~O and CH~3~CH~2~OH, x^2^ + y^2^, ^^inserted^^ and ~~deleted~~ text.\nWords joined by carets, file^^name^^ext, and by tildes, file~~name~~ext.\n";

#[test]
fn smart_marks_inserts_and_deletions_leave_delimiters_inside_words() {
    // Python-Markdown with pymdownx.mark, caret and tilde, `smart_mark`, `smart_insert`
    // and `smart_delete` on: a double delimiter inside a word opens or closes nothing (a
    // `^^` or `~~` there is two single ones).
    let extensions = "- pymdownx.mark:\n    smart_mark: true\n- pymdownx.caret:\n    smart_insert: true\n- pymdownx.tilde:\n    smart_delete: true\n";
    let (body, problems) = render_with_extensions(JOINED_MARKS, extensions);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>Set <code>a==b==c</code> aside: the value==default==value stays, but <mark>this is marked</mark>.\n",
            "Chemical formulas such as H<sub>2</sub>O and CH<sub>3</sub>CH<sub>2</sub>OH, x<sup>2</sup> + y<sup>2</sup>, <ins>inserted</ins> and <del>deleted</del> text.\n",
            "Words joined by carets, file^<sup>name</sup>^ext, and by tildes, file~<sub>name</sub>~ext.</p>\n"
        )
    );
    // Off (their default), the same delimiters pair inside words.
    let (plain, _) = render_with_extensions(
        JOINED_MARKS,
        "- pymdownx.mark\n- pymdownx.caret\n- pymdownx.tilde\n",
    );
    assert!(
        plain
            .html
            .contains("value<mark>default</mark>value stays, but <mark>this is marked</mark>"),
        "{}",
        plain.html
    );
    assert!(
        plain
            .html
            .contains("file<ins>name</ins>ext, and by tildes, file<del>name</del>ext."),
        "{}",
        plain.html
    );
}

#[test]
fn caret_and_tilde_switched_off_in_part_leave_their_delimiters() {
    // Python-Markdown with `pymdownx.caret: {insert: false}` and `pymdownx.tilde:
    // {subscript: false}`: `^^x^^` is two superscripts, `H~2~O` stays text.
    let extensions =
        "- pymdownx.caret:\n    insert: false\n- pymdownx.tilde:\n    subscript: false\n";
    let (body, problems) = render_with_extensions(JOINED_MARKS, extensions);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>Set <code>a==b==c</code> aside: the value<mark>default</mark>value stays, but <mark>this is marked</mark>.\n",
            "Chemical formulas such as H~2~O and CH~3~CH~2~OH, x<sup>2</sup> + y<sup>2</sup>, <sup><sup>inserted</sup></sup> and <del>deleted</del> text.\n",
            "Words joined by carets, file<sup><sup>name</sup></sup>ext, and by tildes, file<del>name</del>ext.</p>\n"
        )
    );
}

#[test]
fn headings_with_marks_keys_and_critic_marks_are_listed_by_their_text() {
    // Python-Markdown's toc with pymdownx.mark, caret, tilde, keys and critic: each
    // heading's contents entry and id come from its text without the delimiters, keys
    // by the names shown.
    let text = "[TOC]\n\n## Use ==this== one\n\n## Use ^^this^^ one\n\n## Use ~~this~~ one\n\n## Press ++ctrl+c++ now\n\n## Add {++this++} here\n\n## Drop {--this--} here\n\n## Swap {~~old~>new~~} here\n\n## Mark {==this==} here\n\n## Note {>>a note<<} here\n\n## H^2^O and H~2~O\n";
    let extensions = "- toc\n- pymdownx.critic\n- pymdownx.mark\n- pymdownx.caret\n- pymdownx.tilde\n- pymdownx.keys\n";
    let (body, problems) = render_with_extensions(text, extensions);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let entries: Vec<(&str, &str)> = body
        .headings
        .iter()
        .map(|h| (h.id.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("use-this-one", "Use this one"),
            ("use-this-one_1", "Use this one"),
            ("use-this-one_2", "Use this one"),
            ("press-ctrlc-now", "Press Ctrl+C now"),
            ("add-this-here", "Add this here"),
            ("drop-this-here", "Drop this here"),
            ("swap-oldnew-here", "Swap oldnew here"),
            ("mark-this-here", "Mark this here"),
            ("note-a-note-here", "Note a note here"),
            ("h2o-and-h2o", "H2O and H2O"),
        ]
    );
    assert!(
        body.html
            .contains("<a href=\"#press-ctrlc-now\">Press Ctrl+C now</a>"),
        "{}",
        body.html
    );
    assert!(
        body.html
            .contains("<h2 id=\"use-this-one\">Use <mark>this</mark> one"),
        "{}",
        body.html
    );
    // With `mode: accept` the id and the entry are those of the accepted text.
    let (accepted, _) = render_with_extensions(
        "## Swap {~~old~>new~~} here {>>why?<<}\n",
        "- pymdownx.critic:\n    mode: accept\n",
    );
    assert_eq!(accepted.headings[0].id, "swap-new-here");
    assert_eq!(accepted.headings[0].text, "Swap new here");
}

#[test]
fn what_follows_a_mark_that_joins_lines_keeps_its_own_line_and_column() {
    // Accepting `{--a\nb--}` joins the lines around it into one paragraph line; a
    // link after it is still placed where it is written, also after a second join and
    // inside an admonition, whose lines lose their indentation.
    let text = "One {--a\nb--} two [x](m.md)\n\nOne {--a\nb--} two {--c\nd--} [y](n.md)\n\n\
                !!! note\n    One {--a\n    b--} two [z](o.md)\n";
    let (body, problems) = render_with_extensions(text, "- pymdownx.critic:\n    mode: accept\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(
        body.html
            .contains("<p>One  two  <a href=\"n.md\">y</a></p>"),
        "{}",
        body.html
    );
    let places: Vec<(u32, u32)> = body
        .links
        .iter()
        .map(|link| link.span.locate(text))
        .map(|at| (at.line, at.column))
        .collect();
    assert_eq!(places, [(2, 10), (6, 6), (10, 14)]);
}

#[test]
fn critic_marks_in_code_headings_and_image_descriptions() {
    // pymdownx.critic reads marks before anything else. In accept (and reject) mode,
    // Waymark applies them to the text before it is read, so code and an image's
    // description are accepted too; Python-Markdown writes `<h2 id="changes-new">Changes
    // new</h2>`, `<code>just</code>`, `alt="A new diagram"` and `added` in the block.
    let text = "## Changes {++new++}\n\nRun `{--make--}just` first. ![A {++new++} diagram](d.png)\n\n```text\n{++added++}\n```\n";
    let (body, problems) = render_with_extensions(text, "- pymdownx.critic:\n    mode: accept\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert!(
        body.html
            .starts_with("<h2 id=\"changes-new\">Changes new<a class=\"headerlink\""),
        "{}",
        body.html
    );
    assert!(
        body.html.contains(
            "<p>Run <code>just</code> first. <img src=\"d.png\" alt=\"A new diagram\" /></p>"
        ),
        "{}",
        body.html
    );
    assert!(body.html.contains(">added\n</code>"), "{}", body.html);
    // In view mode a mark that ends a heading is no attribute list; in code it is shown
    // as written, with a warning (MkDocs would show it inside the code), and in an
    // image's description too (MkDocs writes HTML into the attribute).
    let (body, problems) = render_with_extensions(text, "- pymdownx.critic\n");
    assert!(
        body.html.starts_with(
            "<h2 id=\"changes-new\">Changes <ins class=\"critic\">new</ins><a class=\"headerlink\""
        ),
        "{}",
        body.html
    );
    assert!(
        body.html.contains("<p>Run <code>{--make--}just</code> first. <img src=\"d.png\" alt=\"A {++new++} diagram\" /></p>"),
        "{}",
        body.html
    );
    let found = located(&problems);
    assert_eq!(
        found,
        [
            (3, 5, "a critic mark in code is shown as written"),
            (
                3,
                31,
                "a critic mark in an image's description is shown as written"
            ),
            (5, 1, "a critic mark in code is shown as written")
        ]
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("MkDocs (pymdownx.critic) shows the mark inside the code too; put it outside the code if it is a suggestion")
    );
    // A backslash keeps a mark as written; MkDocs would show the backslash and the mark.
    let (body, problems) =
        render_with_extensions("Keep \\{++this++} as written.\n", "- pymdownx.critic\n");
    assert_eq!(body.html, "<p>Keep {++this++} as written.</p>\n");
    let at = problems[0].location.as_ref().unwrap();
    assert_eq!(
        (at.line, at.column, problems[0].message.as_str()),
        (1, 6, "a critic mark after `\\` is shown as written")
    );
    // An entity is no delimiter, in MkDocs either.
    let (body, problems) = render_with_extensions(
        "Keep &#123;++this++} and &#61;=that== as written.\n",
        "- pymdownx.critic\n",
    );
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        "<p>Keep {++this++} and ==that== as written.</p>\n"
    );
    // In view mode a comment keeps what it says as text, raw HTML too.
    let (body, _) = render_with_extensions(
        "Fine {>>but *why* <b>now</b>?<<}\n\n{>>A paragraph of comments.<<}{>>Two.<<}\n",
        "- pymdownx.critic\n",
    );
    // A paragraph of nothing but comments loses its `<p>`, as in MkDocs.
    assert_eq!(
        body.html,
        concat!(
            "<p>Fine <span class=\"critic comment\">but *why* &lt;b&gt;now&lt;/b&gt;?</span></p>\n",
            "<span class=\"critic comment\">A paragraph of comments.</span><span class=\"critic comment\">Two.</span>"
        )
    );
}

/// pymdownx.critic's own example (its documentation, "Usage"): marks across lines, a
/// paragraph break deleted and one inserted by substitutions, a comment.
const CRITIC_EXAMPLE: &str = "Here is some {--*incorrect*--} Markdown.  I am adding this{++ here++}.  Here is some more {--text\nthat I am removing--}text.  And here is even more {++text that I\nam ++}adding.{~~\n\n~>  ~~}Paragraph was deleted and replaced with some spaces.{~~  ~>\n\n~~}Spaces were removed and a paragraph was added.\n\nAnd here is a comment on {==some\n text==}{>>This works quite well. I just wanted to comment on it.<<}. Substitutions {~~is~>are~~} great!\n";

#[test]
fn critic_marks_that_join_or_split_paragraphs_as_pymdownx_critic_writes_them() {
    // Python-Markdown with pymdownx.critic in each mode (`&nbsp;` written as the
    // character where pulldown-cmark reads it).
    let html = |mode: &str| {
        let (body, problems) = render_with_extensions(
            CRITIC_EXAMPLE,
            &format!("- pymdownx.critic:\n    mode: {mode}\n"),
        );
        assert!(problems.is_empty(), "{}", rendered(&problems));
        body.html
    };
    assert_eq!(
        html("view"),
        concat!(
            "<p>Here is some <del class=\"critic\"><em>incorrect</em></del> Markdown.  I am adding this<ins class=\"critic\"> here</ins>.  Here is some more <del class=\"critic\">text\n",
            "that I am removing</del>text.  And here is even more <ins class=\"critic\">text that I\n",
            "am </ins>adding.<del class=\"critic break\">\u{a0}</del><ins class=\"critic\">  </ins>Paragraph was deleted and replaced with some spaces.<del class=\"critic\">  </del></p>\n",
            "<ins class=\"critic break\">\n&nbsp;</ins>\n",
            "<p>Spaces were removed and a paragraph was added.</p>\n",
            "<p>And here is a comment on <mark class=\"critic\">some\ntext</mark><span class=\"critic comment\">This works quite well. I just wanted to comment on it.</span>. Substitutions <del class=\"critic\">is</del><ins class=\"critic\">are</ins> great!</p>\n"
        )
    );
    assert_eq!(
        html("accept"),
        concat!(
            "<p>Here is some  Markdown.  I am adding this here.  Here is some more text.  And here is even more text that I\n",
            "am adding.  Paragraph was deleted and replaced with some spaces.</p>\n",
            "<p>Spaces were removed and a paragraph was added.</p>\n",
            "<p>And here is a comment on some\ntext. Substitutions are great!</p>\n"
        )
    );
    assert_eq!(
        html("reject"),
        concat!(
            "<p>Here is some <em>incorrect</em> Markdown.  I am adding this.  Here is some more text\n",
            "that I am removingtext.  And here is even more adding.</p>\n",
            "<p>Paragraph was deleted and replaced with some spaces.  Spaces were removed and a paragraph was added.</p>\n",
            "<p>And here is a comment on some\ntext. Substitutions is great!</p>\n"
        )
    );
}

#[test]
fn a_critic_mark_holding_paragraphs_is_shown_as_written_with_a_warning() {
    // MkDocs writes `<li>item <ins class="critic">one</li>` ... `two</ins> end`: tags
    // across blocks. Waymark leaves the mark as written and says where.
    let (body, problems) =
        render_with_extensions("- item {++one\n\n    two++} end\n", "- pymdownx.critic\n");
    assert!(body.html.contains("{++one"), "{}", body.html);
    let messages = located(&problems);
    assert_eq!(
        messages,
        [(
            1,
            8,
            "a critic mark that holds more than one paragraph is shown as written"
        )]
    );
    // Text before the opening on its line: no block form either (MkDocs writes
    // `<p>Text <del class="critic"></p>`).
    let (body, problems) = render_with_extensions(
        "Para\n\nText {--\n\nremoved\n\n--}\n",
        "- pymdownx.critic\n",
    );
    assert!(body.html.contains("Text {--"), "{}", body.html);
    assert_eq!(
        located(&problems),
        [(
            3,
            6,
            "a critic mark that holds more than one paragraph is shown as written"
        )]
    );
}

#[test]
fn a_block_critic_mark_right_after_a_paragraph_is_shown_as_written_with_a_warning() {
    // MkDocs writes `<p>Text\n<del class="critic"></p>` and the closing tag after the
    // next paragraph: the paragraph above goes on into the mark.
    let text = "Text\n{--\n\nremoved\n\n--}\n\nAfter.\n";
    let (body, problems) = render_with_extensions(text, "- pymdownx.critic\n");
    assert!(body.html.contains("{--"), "{}", body.html);
    let messages = located(&problems);
    assert_eq!(
        messages,
        [(
            2,
            1,
            "a critic mark right after a line of text is part of that paragraph and is shown as written"
        )]
    );
    // The first line of an admonition starts a block of its own, as a blank line does.
    for text in [
        "!!! note\n    {--\n\n    removed\n\n    --}\n",
        "Text\n\n{--\n\nremoved\n\n--}\n",
    ] {
        let (body, problems) = render_with_extensions(text, "- admonition\n- pymdownx.critic\n");
        assert!(problems.is_empty(), "{text}: {}", rendered(&problems));
        assert!(
            body.html.contains("<del class=\"critic block\">"),
            "{text}: {}",
            body.html
        );
    }
}

#[test]
fn escaped_spaces_in_superscripts_and_subscripts_as_pymdownx_documents_them() {
    // pymdown-extensions' documentation of caret and tilde; Python-Markdown writes
    // `text<sup>a superscript</sup>` and `text<sub>a subscript</sub>`.
    let text = "X^2^ + 4x - 8\n\ntext^a\\ superscript^\n\nCH~3~CH~2~OH\n\ntext~a\\ subscript~\n";
    let (body, problems) = render_with_extensions(text, "- pymdownx.caret\n- pymdownx.tilde\n");
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<p>X<sup>2</sup> + 4x - 8</p>\n",
            "<p>text<sup>a superscript</sup></p>\n",
            "<p>CH<sub>3</sub>CH<sub>2</sub>OH</p>\n",
            "<p>text<sub>a subscript</sub></p>\n"
        )
    );
    // Without the extensions in mkdocs.yml, `\ ` is text, as in MkDocs.
    let (body, _) = render_with_extensions("a\\ b\n", "- pymdownx.mark\n");
    assert_eq!(body.html, "<p>a\\ b</p>\n");
}

#[test]
fn a_definition_after_a_heading_has_no_term_as_in_python_markdown() {
    // Paperless-ngx documents each setting so: a heading, then `: ` and the text, with
    // blocks indented under it. The expected HTML is Python-Markdown's (def_list,
    // admonition, attr_list, toc), with the heading links Waymark adds.
    let text = "## Settings\n\n#### `REDIS_URL` {#REDIS_URL}\n\n: Required for scheduled tasks, such as\nfetching mail.\n\n    -   With credentials: `redis://user:pass@host`\n    -   With a database: `redis://host/1`\n\n    Defaults to `redis://localhost:6379`.\n\n#### `REDIS_PREFIX` {#REDIS_PREFIX}\n\n: A prefix for keys.\n\n    !!! warning\n        Shared brokers need one.\n\n: A second definition.\n\n---\n\n: After a rule.\n";
    let (body, problems) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<h2 id=\"settings\">Settings<a class=\"headerlink\" href=\"#settings\" aria-label=\"Link to this section\">#</a></h2>\n",
            "<h4 id=\"REDIS_URL\"><code>REDIS_URL</code><a class=\"headerlink\" href=\"#REDIS_URL\" aria-label=\"Link to this section\">#</a></h4>\n",
            "<dl>\n<dd>\n<p>Required for scheduled tasks, such as\nfetching mail.</p>\n<ul>\n",
            "<li>With credentials: <code>redis://user:pass@host</code></li>\n",
            "<li>With a database: <code>redis://host/1</code></li>\n</ul>\n",
            "<p>Defaults to <code>redis://localhost:6379</code>.</p>\n</dd>\n</dl>\n",
            "<h4 id=\"REDIS_PREFIX\"><code>REDIS_PREFIX</code><a class=\"headerlink\" href=\"#REDIS_PREFIX\" aria-label=\"Link to this section\">#</a></h4>\n",
            "<dl>\n<dd>\n<p>A prefix for keys.</p>\n<div class=\"admonition warning\">\n",
            "<p class=\"admonition-title\">Warning</p>\n<p>Shared brokers need one.</p>\n</div>\n</dd>\n",
            "<dd>\n<p>A second definition.</p>\n</dd>\n</dl>\n",
            "<hr />\n<dl>\n<dd>After a rule.</dd>\n</dl>\n"
        )
    );
    // Alone on a page, with nothing else for the block pass.
    let (body, _) = render_with_markdown("# Setup\n\n: The broker.\n", |options| {
        options.python_markdown = true
    });
    assert!(
        body.html
            .ends_with("</h1>\n<dl>\n<dd>The broker.</dd>\n</dl>\n"),
        "{}",
        body.html
    );
    // At the start of a page there is nothing to define: the line stays text.
    let (body, _) = render_with_markdown(": Not a definition.\n", |options| {
        options.python_markdown = true
    });
    assert_eq!(body.html, "<p>: Not a definition.</p>\n");
}

#[test]
fn indented_code_names_its_language_in_a_first_line_as_codehilite_reads_it() {
    // uvicorn's mkdocs.yml enables codehilite, which reads these lines.
    let text = "Run it:\n\n    :::bash\n    module load python\n\nA script:\n\n    #!/usr/bin/env python\n    import os\n\nPlain:\n\n    x = 1\n";
    let codehilite = crate::config::extensions::Codehilite::default();
    let (body, problems) = render_with_markdown(text, |options| {
        options.python_markdown = true;
        options.codehilite = Some(codehilite);
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let blocks: Vec<&str> = body
        .html
        .split("<div class=\"highlight\">")
        .skip(1)
        .collect();
    assert_eq!(blocks.len(), 3, "{}", body.html);
    // `:::bash` names the language and is dropped.
    assert!(
        blocks[0].starts_with("<pre><code class=\"language-bash\">"),
        "{}",
        blocks[0]
    );
    assert!(!blocks[0].contains(":::") && blocks[0].contains(">module</span>"));
    // A shebang with a path names it too, stays, and numbers the lines.
    assert!(blocks[1]
        .starts_with("<pre><code class=\"language-python\"><span class=\"lineno\">1</span>"));
    assert!(
        blocks[1].contains("!/usr/bin/env python")
            && blocks[1].contains("<span class=\"lineno\">2</span>")
    );
    assert!(
        blocks[2].starts_with("<pre><code>x = 1\n</code></pre>"),
        "{}",
        blocks[2]
    );
    // Without codehilite the first lines are code.
    let (plain, _) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(plain
        .html
        .contains("<pre><code>:::bash\nmodule load python\n</code></pre>"));
}

#[test]
fn pymdownx_quotes_callouts_are_admonitions_with_titles() {
    // pymdownx.quotes with `callouts: true` (expected HTML: pymdown-extensions 13.1 with
    // MkDocs, whitespace aside, in Waymark's markup for collapsible boxes).
    let text = concat!(
        "> [!NOTE]\n> A note.\n\n",
        "> [!TIP] Custom *title*\n> Body.\n>\n> Second paragraph.\n\n",
        "> [!warning]- Collapsed title\n> Body.\n\n",
        "> [!INFO]+\n> Open.\n\n",
        "> [!custom-type | wide] X\n> Y\n\n",
        "> Plain quote.\n\n",
        "1. Item.\n\n    > [!danger]\n    > In an item.\n"
    );
    let (body, problems) = render_with_markdown(text, |options| {
        options.python_markdown = true;
        options.quote_callouts = true;
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html: String = body.html.lines().map(str::trim).collect();
    assert_eq!(
        html,
        concat!(
            "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p><p>A note.</p></div>",
            "<div class=\"admonition tip\"><p class=\"admonition-title\">Custom <em>title</em></p><p>Body.</p><p>Second paragraph.</p></div>",
            "<details class=\"admonition warning\"><summary class=\"admonition-title\">Collapsed title</summary><p>Body.</p></details>",
            "<details class=\"admonition info\" open><summary class=\"admonition-title\">Info</summary><p>Open.</p></details>",
            "<div class=\"admonition custom-type wide\"><p class=\"admonition-title\">X</p><p>Y</p></div>",
            "<blockquote><p>Plain quote.</p></blockquote>",
            "<ol><li><p>Item.</p><div class=\"admonition danger\"><p class=\"admonition-title\">Danger</p><p>In an item.</p></div></li></ol>"
        )
    );
    // Without the option a titled alert is a quote (GitHub's untitled `[!NOTE]` is an
    // admonition in every project).
    let (plain, _) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(
        plain
            .html
            .contains("<blockquote>\n<p>[!TIP] Custom <em>title</em>"),
        "{}",
        plain.html
    );
}

#[test]
fn callouts_in_list_items_are_admonitions_too() {
    // Python-Markdown reads a list item's blocks without their indentation, so a callout
    // there is one (expected HTML: markdown-callouts 0.4.0 with MkDocs, whitespace aside).
    let text = concat!(
        "1. Step one.\n\n    NOTE: In a list item,\n    two lines [home](#step).\n\n",
        "    TIP: **Title.** Text.\n\n",
        "    > WARNING: Quoted in an item,\n    > second line.\n    >\n    > Second paragraph.\n\n",
        "2. Step two.\n\n    - Nested.\n\n        IMPORTANT: Deeper.\n"
    );
    let (body, problems) = render_with_markdown(text, |options| {
        options.python_markdown = true;
        options.callouts = Some(true);
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    let html: String = body.html.lines().map(str::trim).collect();
    assert_eq!(
        html,
        concat!(
            "<ol><li><p>Step one.</p>",
            "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p><p>In a list item,two lines <a href=\"#step\">home</a>.</p></div>",
            "<div class=\"admonition tip\"><p class=\"admonition-title\">Title</p><p>Text.</p></div>",
            "<div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p><p>Quoted in an item,second line.</p><p>Second paragraph.</p></div></li>",
            "<li><p>Step two.</p><ul><li><p>Nested.</p>",
            "<div class=\"admonition important\"><p class=\"admonition-title\">Important</p><p>Deeper.</p></div>",
            "</li></ul></li></ol>"
        )
    );
}

#[test]
fn callouts_are_admonitions_as_markdown_callouts_writes_them() {
    // mkdocstrings' pages write notes so (markdown-callouts' `callouts` extension). The
    // expected HTML is the extension's (0.4.0, with admonition and toc), in Waymark's
    // markup for collapsible boxes and headings.
    let text = concat!(
        "# Usage\n\nNOTE: **Resources on YAML.**\nYAML can be tricky.\n\n",
        "TIP: **Changed in version 0.15.** Since then, it works.\n\n",
        "WARNING: Since *mkdocstrings* 0.19, the key is merged.\n\n",
        "> IMPORTANT: A quoted callout,\n> on two lines.\n>\n> With a second paragraph.\n\n",
        ">? NOTE: **Collapsed.**\n> Hidden text.\n\n",
        "Note: not a callout. A: neither.\n\n> Plain quote.\n"
    );
    let (body, problems) = render_with_markdown(text, |options| {
        options.python_markdown = true;
        options.callouts = Some(true);
    });
    assert!(problems.is_empty(), "{}", rendered(&problems));
    assert_eq!(
        body.html,
        concat!(
            "<h1 id=\"usage\">Usage<a class=\"headerlink\" href=\"#usage\" aria-label=\"Link to this section\">#</a></h1>\n",
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Resources on YAML</p>\n<p>YAML can be tricky.</p>\n</div>\n",
            "<div class=\"admonition tip\">\n<p class=\"admonition-title\">Changed in version 0.15</p>\n<p>Since then, it works.</p>\n</div>\n",
            "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n<p>Since <em>mkdocstrings</em> 0.19, the key is merged.</p>\n</div>\n",
            "<div class=\"admonition important\">\n<p class=\"admonition-title\">Important</p>\n<p>A quoted callout,\non two lines.</p>\n<p>With a second paragraph.</p>\n</div>\n",
            "<details class=\"admonition note\">\n<summary class=\"admonition-title\">Collapsed</summary>\n<p>Hidden text.</p>\n</details>\n",
            "<p>Note: not a callout. A: neither.</p>\n<blockquote>\n<p>Plain quote.</p>\n</blockquote>\n"
        )
    );
    // Without the extension they are paragraphs and quotes.
    let (plain, _) = render_with_markdown(text, |options| options.python_markdown = true);
    assert!(
        plain
            .html
            .contains("<p>NOTE: <strong>Resources on YAML.</strong>"),
        "{}",
        plain.html
    );
}
