//! YAML with a bound on alias expansion (`yaml::parse`, which reads front-matter and
//! `mkdocs.yml`): whatever the input, what it builds stays within its budget, and what it
//! accepts without keys written twice is what serde_norway reads (which refuses those;
//! `yaml::parse` keeps the last value, as PyYAML and so MkDocs do).

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_norway::Value;
use waymark::yaml;

/// Bytes a value takes, counted as `yaml::parse` charges them.
fn size(value: &Value) -> usize {
    1 + match value {
        Value::String(text) => text.len(),
        Value::Sequence(items) => items.iter().map(size).sum(),
        Value::Mapping(mapping) => mapping.iter().map(|(k, v)| size(k) + size(v)).sum(),
        Value::Tagged(tagged) => tagged.tag.to_string().len() + size(&tagged.value),
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limit = text.len() * 4 + 64 * 1024;
    match yaml::parse(text) {
        Ok(parsed) => {
            let value = parsed.value;
            assert!(size(&value) <= limit + 64, "{} > {limit}", size(&value));
            // Within the budget, serde_norway's own reading is safe to compare with.
            if parsed.duplicates.is_empty() {
                let expected: Value = serde_norway::from_str(text).expect("serde_norway agrees");
                assert_eq!(value, expected);
            }
        }
        Err(yaml::Error::TooLarge { limit: reported }) => assert_eq!(reported, limit),
        Err(yaml::Error::Syntax(_)) => {}
    }
});
