//! Admonitions (`!!! type "Title"`) and collapsible blocks (`??? type`, `???+ type`):
//! the marker line and the markup around the body. The body itself is found and
//! dedented by the block pass ([`super::blocks`]).

use super::escape;
use super::inline;

/// A parsed admonition marker line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// `None` for `!!!`, `Some(open)` for `???` / `???+`.
    pub collapsible: Option<bool>,
    /// Lowercased type and extra class words, in order.
    pub classes: Vec<String>,
    /// `None`: the default title; `Some("")`: no title bar.
    pub title: Option<String>,
    /// Other attributes of the box (` id="x"`), escaped: from a pymdownx block's options.
    pub attrs: String,
}

/// Parses `!!! note "Title"`, `??? tip`, `???+ warning inline end ""` (without indentation).
pub fn marker(rest: &str) -> Option<Marker> {
    let rest = rest.trim_end();
    let (collapsible, after) = if let Some(after) = rest.strip_prefix("!!!") {
        (None, after)
    } else if let Some(after) = rest.strip_prefix("???+") {
        (Some(true), after)
    } else if let Some(after) = rest.strip_prefix("???") {
        (Some(false), after)
    } else {
        return None;
    };
    let (words, title) = match after.find('"') {
        Some(quote) => {
            let title = after[quote..].strip_prefix('"')?.strip_suffix('"')?;
            (&after[..quote], Some(title.to_string()))
        }
        None => (after, None),
    };
    if !words.is_empty() && !words.starts_with([' ', '\t']) && collapsible.is_none() {
        // `!!!note` is accepted by Python-Markdown too.
        if !words.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
    }
    let mut classes = Vec::new();
    for word in words.split_whitespace() {
        if !word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return None;
        }
        classes.push(word.to_lowercase());
    }
    if classes.is_empty() && (collapsible.is_none() || title.is_none()) {
        return None;
    }
    if title.is_some() && !words.is_empty() && !words.ends_with([' ', '\t']) {
        return None;
    }
    Some(Marker {
        collapsible,
        classes,
        title,
        attrs: String::new(),
    })
}

impl Marker {
    fn class_attr(&self) -> String {
        let mut class = String::from("admonition");
        for c in &self.classes {
            class.push(' ');
            class.push_str(&escape(c));
        }
        class
    }

    /// The title to show: the given one, or the capitalised type.
    fn title_html(&self) -> Option<String> {
        match &self.title {
            Some(title) if title.is_empty() => None,
            Some(title) => Some(inline::render(title)),
            None => {
                let kind = self.classes.first().map_or("Note", String::as_str);
                let mut chars = kind.chars();
                let capitalised: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                Some(escape(&capitalised))
            }
        }
    }

    /// The lines that open the box, before the body.
    pub fn open_lines(&self) -> Vec<String> {
        let class = self.class_attr();
        match self.collapsible {
            None => {
                let mut lines = vec![format!("<div class=\"{class}\"{}>", self.attrs)];
                if let Some(title) = self.title_html() {
                    lines.push(format!("<p class=\"admonition-title\">{title}</p>"));
                }
                lines
            }
            Some(open) => {
                // A <details> always needs a summary; an empty title falls back to the type.
                let title = self.title_html().unwrap_or_else(|| {
                    Marker {
                        title: None,
                        ..self.clone()
                    }
                    .title_html()
                    .unwrap_or_default()
                });
                vec![
                    format!(
                        "<details class=\"{class}\"{}{}>",
                        self.attrs,
                        if open { " open" } else { "" }
                    ),
                    format!("<summary class=\"admonition-title\">{title}</summary>"),
                ]
            }
        }
    }

    pub fn close_line(&self) -> &'static str {
        if self.collapsible.is_some() {
            "</details>"
        } else {
            "</div>"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_types_titles_and_classes() {
        let m = marker("!!! Note \"Read *this*\"").unwrap();
        assert_eq!(m.classes, ["note"]);
        assert_eq!(m.title.as_deref(), Some("Read *this*"));
        let m = marker("!!! warning inline end").unwrap();
        assert_eq!(m.classes, ["warning", "inline", "end"]);
        assert_eq!(m.title, None);
        assert_eq!(marker("!!! tip \"\"").unwrap().title.as_deref(), Some(""));
        assert_eq!(marker("???+ example").unwrap().collapsible, Some(true));
        assert_eq!(marker("??? \"Only a title\"").unwrap().classes.len(), 0);
        assert_eq!(marker("!!!note").unwrap().classes, ["note"]);
        assert!(marker("!!!").is_none());
        assert!(marker("!!! \"no type\"").is_none());
        assert!(marker("!!! not/valid").is_none());
        assert!(marker("!!! note \"unclosed").is_none());
        assert!(marker("???").is_none());
        assert!(marker("!!!!").is_none());
    }

    #[test]
    fn default_title_is_the_capitalised_type() {
        let m = marker("!!! danger").unwrap();
        assert_eq!(
            m.open_lines(),
            [
                "<div class=\"admonition danger\">",
                "<p class=\"admonition-title\">Danger</p>"
            ]
        );
        assert_eq!(
            marker("!!! note \"\"").unwrap().open_lines(),
            ["<div class=\"admonition note\">"]
        );
    }
}
