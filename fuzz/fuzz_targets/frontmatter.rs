//! Front-matter: `load::frontmatter::split` then `parse`, as `load::read_source` does for
//! every page (the BOM is removed first), plus the CLI's rendering of the problems found.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use waymark::load::frontmatter;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(problem) => {
            common::render_all([&problem]);
            return;
        }
    };
    // The ranges lie in the text, on character boundaries, in order.
    assert!(split.yaml.start <= split.yaml.end, "{split:?}");
    assert!(
        split.yaml.end <= split.body && split.body <= text.len(),
        "{split:?}"
    );
    assert!(text.is_char_boundary(split.yaml.start), "{split:?}");
    assert!(text.is_char_boundary(split.yaml.end), "{split:?}");
    assert!(text.is_char_boundary(split.body), "{split:?}");
    assert!(split.yaml_line >= 1);

    let (front, problems) = frontmatter::parse(text, &split);
    common::render_all(&problems);
    let lines = text.split('\n').count() as u32;
    for item in front.notes.iter().chain(&front.warnings) {
        assert!(
            item.line >= 1 && item.line <= lines.max(1),
            "{item:?} in {lines} lines"
        );
    }

    // The same text through the loader's entry point agrees.
    let (source, _) =
        waymark::load::parse_source("page.md", "content/page.md".into(), text.to_string());
    assert_eq!(source.body_offset, split.body);
    assert_eq!(source.body(), &text[split.body..]);
});
