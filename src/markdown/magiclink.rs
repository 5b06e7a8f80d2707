//! pymdownx.magiclink in text: bare `https://`, `http://` and `ftp://` addresses, `www.`
//! addresses and email addresses become links. (The repository shorthands such as `#123`
//! and `@user` are not supported.)

use super::escape;

/// Whether `text` may hold an address (a cheap test before [`replace`]).
pub fn may_have(text: &str) -> bool {
    text.contains("://") || text.contains("www.") || text.contains('@')
}

/// `text` as HTML with its addresses linked, or `None` when it has none. `plain` renders
/// the text between them.
pub fn replace(text: &str, plain: &dyn Fn(&str) -> String) -> Option<String> {
    let mut out = String::new();
    let mut done = 0;
    let mut at = 0;
    while at < text.len() {
        let Some((start, end, href)) = address_at(text, at) else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        out.push_str(&plain(&text[done..start]));
        out.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            escape(&href),
            escape(&text[start..end])
        ));
        done = end;
        at = end;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&plain(&text[done..]));
    Some(out)
}

/// The address that starts at `at`, if one does: its range and href. An address starts a
/// word (after whitespace or an opening bracket or quote).
fn address_at(text: &str, at: usize) -> Option<(usize, usize, String)> {
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| !c.is_whitespace() && !"([{<\"'".contains(c)) {
        return None;
    }
    let rest = &text[at..];
    let lower = |prefix: &str| {
        rest.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if ["https://", "http://", "ftp://"].iter().any(|p| lower(p)) {
        let end = at + url_len(rest);
        let scheme_end = rest.find("://")? + 3;
        return (end > at + scheme_end).then(|| (at, end, text[at..end].to_string()));
    }
    if lower("www.") {
        let end = at + url_len(rest);
        let host = &text[at + 4..end];
        return host
            .contains('.')
            .then(|| (at, end, format!("http://{}", &text[at..end])));
    }
    email(rest).map(|len| (at, at + len, format!("mailto:{}", &text[at..at + len])))
}

/// The length of the URL at the start of `text`: up to whitespace or `<`, without
/// punctuation at its end, and without a `)` that closes a bracket opened before it.
fn url_len(text: &str) -> usize {
    let mut end = text
        .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .unwrap_or(text.len());
    let opened = text[..end].matches('(').count();
    let mut closed = text[..end].matches(')').count();
    while let Some(last) = text[..end].chars().next_back() {
        let unbalanced_paren = last == ')' && opened < closed;
        if !(".,:;!?'*_~".contains(last) || unbalanced_paren) {
            break;
        }
        closed -= usize::from(last == ')');
        end -= last.len_utf8();
    }
    end
}

/// The length of the email address at the start of `text`: `local@domain.tld`.
fn email(text: &str) -> Option<usize> {
    let local = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || "._%+-".contains(c)))
        .unwrap_or(text.len());
    if local == 0 || text.as_bytes().get(local) != Some(&b'@') {
        return None;
    }
    let domain = &text[local + 1..];
    let mut len = domain
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(domain.len());
    while domain[..len].ends_with(['.', '-']) {
        len -= 1;
    }
    let host = &domain[..len];
    let tld = host.rsplit_once('.')?.1;
    (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(local + 1 + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_addresses_become_links_as_magiclink_writes_them() {
        let html = replace(
            "See https://example.org/a_(b), www.example.com. Or (http://x.org/p?q=1&r=2). Mail help@example.org!",
            &escape,
        )
        .unwrap();
        assert_eq!(
            html,
            "See <a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>, <a href=\"http://www.example.com\">www.example.com</a>. Or (<a href=\"http://x.org/p?q=1&amp;r=2\">http://x.org/p?q=1&amp;r=2</a>). Mail <a href=\"mailto:help@example.org\">help@example.org</a>!"
        );
        assert_eq!(
            replace("Not: a@b, file.md, x@y.1, https:// or www.x", &escape),
            None
        );
        assert_eq!(replace("mid-word:https://x.org or user@", &escape), None);
    }
}
