//! pymdownx.keys in text: `++ctrl+alt+del++`, found within one text event. (Critic marks,
//! `==marked==`, `^^inserted^^` and the like may hold markup, so [`super::critic`] and
//! [`super::delimiters`] pair them over the events.)

use super::{escape, keymap};
use std::borrow::Cow;

/// Whether `text` may hold keys (a cheap test before [`replace`]).
pub fn may_have(text: &str) -> bool {
    text.contains("++")
}

/// `text` as HTML with its keys written as Material shows them, or `None` when it has
/// none. `plain` renders the text around them (icons, abbreviations, escaping).
pub fn replace(text: &str, plain: &dyn Fn(&str) -> String) -> Option<String> {
    let mut out = String::new();
    let mut done = 0;
    for (open, names, end) in spans(text) {
        out.push_str(&plain(&text[done..open]));
        out.push_str(&keys(names));
        done = end;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&plain(&text[done..]));
    Some(out)
}

/// `text` with its keys as their names read (`++ctrl+c++` is `Ctrl+C`), for a heading's
/// name in the contents.
pub fn as_text(text: &str) -> Cow<'_, str> {
    if !may_have(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut done = 0;
    for (open, names, end) in spans(text) {
        out.push_str(&text[done..open]);
        let shown: Vec<&str> = names.iter().map(|(_, shown)| *shown).collect();
        out.push_str(&shown.join("+"));
        done = end;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// Each `++…++` span of known keys in `text`: where it starts, its keys and where it
/// ends. A span with an unknown key leaves its closing `++` to open the next.
fn spans(text: &str) -> impl Iterator<Item = (usize, Keys<'_>, usize)> {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let open = from + text[from..].find("++")?;
        let inner_start = open + 2;
        let found = closing(text, inner_start, "++")
            .and_then(|close| Some((close, names(&text[inner_start..close])?)));
        match found {
            Some((close, names)) => {
                from = close + 2;
                return Some((open, names, close + 2));
            }
            None => from = open + 1,
        }
    })
}

/// Each key's name (none for a quoted key of its own) and the text shown for it.
type Keys<'a> = Vec<(Option<String>, &'a str)>;

/// Where the content that starts at `start` ends: the next `delimiter`, if the content is
/// not empty and neither starts nor ends with whitespace.
fn closing(text: &str, start: usize, delimiter: &str) -> Option<usize> {
    let close = start + text[start..].find(delimiter)?;
    let inner = &text[start..close];
    let trimmed = !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace);
    trimmed.then_some(close)
}

/// Keys as Material shows them.
fn keys(names: Keys) -> String {
    let mut html = String::from("<span class=\"keys\">");
    for (i, (name, shown)) in names.into_iter().enumerate() {
        if i > 0 {
            html.push_str("<span>+</span>");
        }
        match name {
            Some(name) => html.push_str(&format!(
                "<kbd class=\"key-{}\">{}</kbd>",
                escape(&name),
                escape(shown)
            )),
            None => html.push_str(&format!("<kbd>{}</kbd>", escape(shown))),
        }
    }
    html.push_str("</span>");
    html
}

/// The keys of `ctrl+alt+del`; `None` when one is not known (pymdownx.keys leaves the
/// text as it is then).
fn names(inner: &str) -> Option<Keys<'_>> {
    split_keys(inner)?
        .into_iter()
        .map(|key| {
            if let Some(custom) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
                return Some((None, custom));
            }
            let name = key.to_lowercase();
            let name = lookup(keymap::ALIASES, &name).unwrap_or(&name).to_string();
            let shown = lookup(keymap::KEYS, &name)?;
            Some((Some(name), shown))
        })
        .collect()
}

/// The keys of `ctrl+"My key"`: split at `+` outside quotes.
fn split_keys(inner: &str) -> Option<Vec<&str>> {
    let mut keys = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in inner.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '+' if !quoted => {
                keys.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    keys.push(&inner[start..]);
    (!quoted && keys.iter().all(|k| !k.is_empty())).then_some(keys)
}

fn lookup<'a>(table: &'a [(&str, &str)], name: &str) -> Option<&'a str> {
    table
        .binary_search_by(|(key, _)| (*key).cmp(name))
        .ok()
        .map(|i| table[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> Option<String> {
        replace(text, &escape)
    }

    #[test]
    fn keys_as_text_are_the_names_shown() {
        assert_eq!(
            as_text("Press ++ctrl+alt+del++ or ++ctrl+\"My key\"++, not ++foo++."),
            "Press Ctrl+Alt+Del or Ctrl+My key, not ++foo++."
        );
    }

    #[test]
    fn keys_as_pymdownx_writes_them() {
        assert_eq!(
            render("Press ++ctrl+alt+del++ or ++ctrl+\"My key\"++.").unwrap(),
            "Press <span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>+</span><kbd class=\"key-alt\">Alt</kbd><span>+</span><kbd class=\"key-delete\">Del</kbd></span> or <span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>+</span><kbd>My key</kbd></span>."
        );
        assert_eq!(
            render("++windows+r++").unwrap(),
            "<span class=\"keys\"><kbd class=\"key-windows\">Win</kbd><span>+</span><kbd class=\"key-r\">R</kbd></span>"
        );
        assert_eq!(render("++foo++ ++ctrl+ ++ C++ and a == b"), None);
        assert_eq!(
            render("C++ ++tab++").unwrap(),
            "C++ <span class=\"keys\"><kbd class=\"key-tab\">Tab</kbd></span>"
        );
    }
}
