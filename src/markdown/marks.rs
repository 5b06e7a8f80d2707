//! pymdownx.keys in text: `++ctrl+alt+del++`; with pymdownx.critic, its inline marks in
//! view mode too: `{++added++}`, `{--deleted--}`, `{~~old~>new~~}`, `{==marked==}`,
//! `{>>note<<}`. Each is found within one text event. (`==marked==`, `^^inserted^^` and
//! the like may hold markup, so [`super::delimiters`] pairs them over the events.)

use super::{escape, keymap};

/// Critic marks: opening, closing.
const CRITIC: &[(&str, &str)] = &[
    ("{++", "++}"),
    ("{--", "--}"),
    ("{~~", "~~}"),
    ("{==", "==}"),
    ("{>>", "<<}"),
];

/// Whether `text` may hold one of the constructs (a cheap test before [`replace`]).
pub fn may_have(text: &str, critic: bool) -> bool {
    text.contains("++") || (critic && text.contains('{'))
}

/// `text` as HTML with the constructs replaced, or `None` when it has none. `plain`
/// renders the text around and inside marks (icons, abbreviations, escaping).
pub fn replace(text: &str, plain: &dyn Fn(&str) -> String, critic: bool) -> Option<String> {
    let mut out = String::new();
    let mut done = 0;
    let mut from = 0;
    while let Some(found) = next_delimiter(&text[from..], critic) {
        let (open, delimiter) = (from + found.0, found.1);
        let inner_start = open + delimiter.len();
        let closer = CRITIC
            .iter()
            .find(|(o, _)| *o == delimiter)
            .map_or(delimiter, |(_, c)| *c);
        let Some(close) = closing(text, inner_start, closer) else {
            from = open + 1;
            continue;
        };
        let inner = &text[inner_start..close];
        let html = match delimiter {
            "{++" => Some(format!("<ins class=\"critic\">{}</ins>", plain(inner))),
            "{--" => Some(format!("<del class=\"critic\">{}</del>", plain(inner))),
            "{==" => Some(format!("<mark class=\"critic\">{}</mark>", plain(inner))),
            "{>>" => Some(format!(
                "<span class=\"critic comment\">{}</span>",
                plain(inner)
            )),
            "{~~" => inner.split_once("~>").map(|(old, new)| {
                format!(
                    "<del class=\"critic\">{}</del><ins class=\"critic\">{}</ins>",
                    plain(old),
                    plain(new)
                )
            }),
            _ => keys(inner),
        };
        let Some(html) = html else {
            from = open + 1;
            continue;
        };
        out.push_str(&plain(&text[done..open]));
        out.push_str(&html);
        done = close + closer.len();
        from = done;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&plain(&text[done..]));
    Some(out)
}

/// The first delimiter in `text`: where, and which.
fn next_delimiter(text: &str, critic: bool) -> Option<(usize, &'static str)> {
    let mut from = 0;
    while let Some(at) = text[from..].find(['+', '{']).map(|i| from + i) {
        let rest = &text[at..];
        if critic {
            if let Some((open, _)) = CRITIC.iter().find(|(o, _)| rest.starts_with(o)) {
                return Some((at, open));
            }
        }
        if rest.starts_with("++") {
            return Some((at, "++"));
        }
        from = at + 1;
    }
    None
}

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

/// `ctrl+alt+del` as Material shows it; `None` when a key is not known (pymdownx.keys
/// leaves the text as it is then).
fn keys(inner: &str) -> Option<String> {
    let mut html = String::from("<span class=\"keys\">");
    for (i, key) in split_keys(inner)?.into_iter().enumerate() {
        if i > 0 {
            html.push_str("<span>+</span>");
        }
        if let Some(custom) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
            html.push_str(&format!("<kbd>{}</kbd>", escape(custom)));
            continue;
        }
        let name = key.to_lowercase();
        let name = lookup(keymap::ALIASES, &name).unwrap_or(&name);
        let shown = lookup(keymap::KEYS, name)?;
        html.push_str(&format!(
            "<kbd class=\"key-{}\">{}</kbd>",
            escape(name),
            escape(shown)
        ));
    }
    html.push_str("</span>");
    Some(html)
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
        replace(text, &escape, false)
    }

    #[test]
    fn critic_marks_in_view_mode() {
        assert_eq!(
            replace(
                "Text can be {--deleted--} and {++added++}, {~~one~>a single~~}, {==marked==} {>>and a note<<}.",
                &escape,
                true
            )
            .unwrap(),
            "Text can be <del class=\"critic\">deleted</del> and <ins class=\"critic\">added</ins>, <del class=\"critic\">one</del><ins class=\"critic\">a single</ins>, <mark class=\"critic\">marked</mark> <span class=\"critic comment\">and a note</span>."
        );
        assert_eq!(
            render("{++not critic here++}"),
            None,
            "only with pymdownx.critic"
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
