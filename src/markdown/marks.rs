//! pymdownx.keys in text: `++ctrl+alt+del++`, found within one text event. (Critic marks,
//! `==marked==`, `^^inserted^^` and the like may hold markup, so [`super::critic`] and
//! [`super::delimiters`] pair them over the events.)

use super::{escape, keymap};
use crate::config::extensions::Keys as KeyOptions;
use std::borrow::Cow;

/// Whether `text` may hold keys (a cheap test before [`replace`]).
pub fn may_have(text: &str) -> bool {
    text.contains("++")
}

/// `text` as HTML with its keys written as Material shows them, or `None` when it has
/// none. `plain` renders the text around them (icons, abbreviations, escaping).
pub fn replace(text: &str, options: &KeyOptions, plain: &dyn Fn(&str) -> String) -> Option<String> {
    let mut out = String::new();
    let mut done = 0;
    for (open, names, end) in spans(text, options) {
        out.push_str(&plain(&text[done..open]));
        out.push_str(&keys(names, options));
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
pub fn as_text<'t>(text: &'t str, options: &KeyOptions) -> Cow<'t, str> {
    if !may_have(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut done = 0;
    for (open, names, end) in spans(text, options) {
        out.push_str(&text[done..open]);
        let shown: Vec<&str> = names.iter().map(|(_, shown)| shown.as_ref()).collect();
        out.push_str(&shown.join(&options.separator));
        done = end;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// Each `++…++` span of known keys in `text`: where it starts, its keys and where it
/// ends. A span with an unknown key leaves its closing `++` to open the next.
fn spans<'t>(
    text: &'t str,
    options: &'t KeyOptions,
) -> impl Iterator<Item = (usize, Keys<'t>, usize)> {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let open = from + text[from..].find("++")?;
        let inner_start = open + 2;
        let found = closing(text, inner_start, "++")
            .and_then(|close| Some((close, names(&text[inner_start..close], options)?)));
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
type Keys<'a> = Vec<(Option<String>, Cow<'a, str>)>;

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
fn keys(names: Keys, options: &KeyOptions) -> String {
    let wrapper = if options.strict { "kbd" } else { "span" };
    let mut html = format!("<{wrapper} class=\"keys\">");
    for (i, (name, shown)) in names.into_iter().enumerate() {
        if i > 0 {
            html.push_str(&format!("<span>{}</span>", escape(&options.separator)));
        }
        match name {
            Some(name) => html.push_str(&format!(
                "<kbd class=\"key-{}\">{}</kbd>",
                escape(&name),
                escape(&shown)
            )),
            None => html.push_str(&format!("<kbd>{}</kbd>", escape(&shown))),
        }
    }
    html.push_str(&format!("</{wrapper}>"));
    html
}

/// The keys of `ctrl+alt+del`; `None` when one is not known (pymdownx.keys leaves the
/// text as it is then). Names are read as written (lower case), or in camel case with
/// `camel_case`; the project's `key_map` comes before the known keys.
fn names<'a>(inner: &'a str, options: &KeyOptions) -> Option<Keys<'a>> {
    split_keys(inner)?
        .into_iter()
        .map(|key| {
            for quote in ['"', '\''] {
                if let Some(custom) = key.strip_prefix(quote).and_then(|k| k.strip_suffix(quote)) {
                    return Some((None, Cow::Borrowed(custom)));
                }
            }
            if !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            let name = match options.camel_case {
                true => Cow::Owned(from_camel_case(key)),
                false => Cow::Borrowed(key),
            };
            let name = lookup(keymap::ALIASES, &name).map_or(name, Cow::Borrowed);
            let own = options
                .key_map
                .binary_search_by(|(known, _)| known.as_str().cmp(&name))
                .ok()
                .map(|at| Cow::Owned(options.key_map[at].1.clone()));
            let shown = own.or_else(|| lookup(keymap::KEYS, &name).map(Cow::Borrowed))?;
            Some((Some(name.into_owned()), shown))
        })
        .collect()
}

/// `pageUp` as `page-up`: a dash before each capital that follows another character
/// than a dash, every capital lowered (pymdownx.keys' `camel_case`).
fn from_camel_case(key: &str) -> String {
    let mut name = String::with_capacity(key.len() + 4);
    let mut last = None;
    for c in key.chars() {
        if c.is_uppercase() {
            if last.is_some_and(|last| last != '-') {
                name.push('-');
            }
            name.extend(c.to_lowercase());
        } else {
            name.push(c);
        }
        last = Some(c);
    }
    name
}

/// The keys of `ctrl+"My key"`: split at `+` outside quotes.
fn split_keys(inner: &str) -> Option<Vec<&str>> {
    let mut keys = Vec::new();
    let mut start = 0;
    // The quote that opened the quoted key being read.
    let mut quoted: Option<char> = None;
    for (i, c) in inner.char_indices() {
        match c {
            '"' | '\'' if quoted.is_none() => quoted = Some(c),
            c if quoted == Some(c) => quoted = None,
            '+' if quoted.is_none() => {
                keys.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    keys.push(&inner[start..]);
    (quoted.is_none() && keys.iter().all(|k| !k.is_empty())).then_some(keys)
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
        replace(text, &KeyOptions::default(), &escape)
    }

    #[test]
    fn keys_as_text_are_the_names_shown() {
        assert_eq!(
            as_text(
                "Press ++ctrl+alt+del++ or ++ctrl+\"My key\"++, not ++foo++.",
                &KeyOptions::default()
            ),
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

    #[test]
    fn keys_follow_the_extensions_options_as_pymdownx_does() {
        // Expected outputs are Python-Markdown's with pymdownx.keys and these options.
        let text = "++Ctrl+C++ ++ctrl+'My key'++ ++pageUp++ ++ctrl+my-key++ ++a.b++";
        let with = |options: &KeyOptions| replace(text, options, &escape).unwrap();
        let ctrl = "<kbd class=\"key-control\">Ctrl</kbd>";
        assert_eq!(
            with(&KeyOptions::default()),
            format!("++Ctrl+C++ <span class=\"keys\">{ctrl}<span>+</span><kbd>My key</kbd></span> ++pageUp++ ++ctrl+my-key++ ++a.b++")
        );
        let camel = KeyOptions {
            camel_case: true,
            ..KeyOptions::default()
        };
        assert_eq!(
            with(&camel),
            format!("<span class=\"keys\">{ctrl}<span>+</span><kbd class=\"key-c\">C</kbd></span> <span class=\"keys\">{ctrl}<span>+</span><kbd>My key</kbd></span> <span class=\"keys\"><kbd class=\"key-page-up\">Page Up</kbd></span> ++ctrl+my-key++ ++a.b++")
        );
        let own = KeyOptions {
            separator: "-".into(),
            strict: true,
            camel_case: false,
            // `ctrl` is another name for `control`, which the map does not rename.
            key_map: vec![
                ("ctrl".into(), "Kontrol".into()),
                ("my-key".into(), "My Key".into()),
            ],
        };
        assert_eq!(
            with(&own),
            format!("++Ctrl+C++ <kbd class=\"keys\">{ctrl}<span>-</span><kbd>My key</kbd></kbd> ++pageUp++ <kbd class=\"keys\">{ctrl}<span>-</span><kbd class=\"key-my-key\">My Key</kbd></kbd> ++a.b++")
        );
        assert_eq!(as_text("Press ++ctrl+c++ now", &own), "Press Ctrl-C now");
    }
}
