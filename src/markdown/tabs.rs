//! Content tabs: `=== "Label"` lines with indented bodies; consecutive ones form one set.
//!
//! The markup is a WAI-ARIA tab widget that degrades without JavaScript:
//!
//! ```html
//! <div class="tabbed-set" data-tabs="1:2">
//! <div class="tabbed-labels" role="tablist">
//! <button type="button" role="tab" id="__tabbed_1_1" aria-controls="__tabbed_1_1-panel"
//!         aria-selected="true" tabindex="0" data-tab-label="Linux">Linux</button>
//! ...
//! </div>
//! <div class="tabbed-block tabbed-active" role="tabpanel" id="__tabbed_1_1-panel"
//!      aria-labelledby="__tabbed_1_1" data-tab-label="Linux"> (body) </div>
//! ...
//! </div>
//! ```
//!
//! Without JavaScript the tab list is hidden and every panel is shown under its label (the
//! stylesheet prints `data-tab-label`). With JavaScript (`tabs.js`) only the active panel is
//! shown, the arrow keys move between tabs, and choosing a label selects the same label in
//! every set on the site (remembered in local storage).

use super::{escape, inline};

/// A parsed `=== "Label"` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub label: String,
    /// `===+`: this tab is selected at first.
    pub selected: bool,
    /// `===!`: this tab starts a new set even right after another set.
    pub new_set: bool,
}

pub fn marker(rest: &str) -> Option<Marker> {
    let after = rest.trim_end().strip_prefix("===")?;
    let flags_len = after.find(|c: char| c != '!' && c != '+')?;
    let flags = &after[..flags_len];
    if flags.len() > 2 {
        return None;
    }
    let quoted = after[flags_len..].trim_start();
    if quoted.len() == after[flags_len..].len() {
        return None; // a space must follow the marker
    }
    let label = quoted.strip_prefix('"')?.strip_suffix('"')?;
    Some(Marker {
        label: label.to_string(),
        selected: flags.contains('+'),
        new_set: flags.contains('!'),
    })
}

/// The lines that open set number `set` with `labels` (tab `i` gets the id `ids[i]`);
/// `selected` is the index of the active tab.
pub fn open_set(set: usize, labels: &[&str], ids: &[String], selected: usize) -> Vec<String> {
    let mut lines = vec![
        format!(
            "<div class=\"tabbed-set\" data-tabs=\"{set}:{}\">",
            labels.len()
        ),
        "<div class=\"tabbed-labels\" role=\"tablist\">".to_string(),
    ];
    for (i, (label, id)) in labels.iter().zip(ids).enumerate() {
        let id = escape(id);
        let active = i == selected;
        lines.push(format!(
            "<button type=\"button\" role=\"tab\" id=\"{id}\" aria-controls=\"{id}-panel\" aria-selected=\"{active}\" tabindex=\"{}\" data-tab-label=\"{}\">{}</button>",
            if active { "0" } else { "-1" },
            escape(&inline::plain(label)),
            inline::render(label)
        ));
    }
    lines.push("</div>".to_string());
    lines
}

/// The line that opens the panel of the tab with the id `id`.
pub fn open_panel(id: &str, label: &str, active: bool) -> String {
    let id = escape(id);
    format!(
        "<div class=\"tabbed-block{}\" role=\"tabpanel\" id=\"{id}-panel\" aria-labelledby=\"{id}\" data-tab-label=\"{}\">",
        if active { " tabbed-active" } else { "" },
        escape(&inline::plain(label))
    )
}

/// The id of tab `index` of set number `set`, when ids are not made from labels.
pub fn numbered_id(set: usize, index: usize) -> String {
    format!("__tabbed_{set}_{}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_and_flags() {
        assert_eq!(
            marker("=== \"Linux\"").unwrap(),
            Marker {
                label: "Linux".into(),
                selected: false,
                new_set: false
            }
        );
        let m = marker("===!+   \"A \"quoted\" one\"").unwrap();
        assert!(m.selected && m.new_set);
        assert_eq!(m.label, "A \"quoted\" one");
        assert!(marker("===\"x\"").is_none());
        assert!(marker("=== Linux").is_none());
        assert!(marker("====").is_none());
        assert!(marker("===").is_none());
    }
}
