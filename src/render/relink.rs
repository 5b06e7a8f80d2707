//! Moves a page's rendered HTML to another place without rendering its Markdown again:
//! into the printable guide (its ids prefixed so that they stay unique there, its links
//! to other pages made in-page) or into `404.html` (its links made absolute, since that
//! page is served at any address). Only the attributes that hold ids and addresses are
//! rewritten; everything else is copied as it is.

use crate::markdown::find_ascii_case_insensitive;
use crate::model::links;

/// Where a page's HTML goes.
pub struct Move<'a> {
    /// The page's URL, from which its relative links start.
    pub from: &'a str,
    /// Put before every id of the page (and before the fragment of links to them).
    pub id_prefix: Option<&'a str>,
    /// The new href of a link to `path` (a site path, still percent-encoded as written),
    /// given what followed it (`?query#fragment`, or empty).
    pub link: &'a dyn Fn(&str, &str) -> String,
}

/// Attributes that name an id (`for`, `aria-*` take a list of them).
const ID_ATTRIBUTES: &[&str] = &[
    "id",
    "for",
    "aria-controls",
    "aria-labelledby",
    "aria-describedby",
];

/// Appends `html` to `out`, moved as `how` says.
pub fn push_moved(out: &mut String, html: &str, how: &Move) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let (name, after) = start_tag(rest, out, how);
        rest = after;
        // Script and style text is not HTML: copied up to its end tag.
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            let end_tag = format!("</{}", name.to_ascii_lowercase());
            let end = find_ascii_case_insensitive(rest, &end_tag).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
}

/// Copies the start tag at the start of `html` to `out` with its ids and addresses
/// moved; returns the tag's name (as written) and what follows the tag. Names are compared
/// without regard to case rather than lowered: code blocks hold thousands of tags.
fn start_tag<'h>(html: &'h str, out: &mut String, how: &Move) -> (&'h str, &'h str) {
    let name_len = html[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(html.len() - 1);
    let name = &html[1..1 + name_len];
    out.push_str(&html[..1 + name_len]);
    let mut rest = &html[1 + name_len..];
    loop {
        let spaces = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
        if rest.is_empty() {
            return (name, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            out.push('>');
            return (name, after);
        }
        if let Some(after) = rest.strip_prefix('/') {
            out.push('/');
            rest = after;
            continue;
        }
        let attr_len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let attribute = &rest[..attr_len];
        out.push_str(&rest[..attr_len]);
        rest = &rest[attr_len..];
        let before_equals = rest.len() - rest.trim_start().len();
        let Some(after) = rest[before_equals..].strip_prefix('=') else {
            continue;
        };
        out.push_str(&rest[..before_equals]);
        out.push('=');
        let after_equals = after.len() - after.trim_start().len();
        out.push_str(&after[..after_equals]);
        let after = &after[after_equals..];
        let (quote, value, tail) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                (Some(q), &after[1..end], after.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(after.len());
                (None, &after[..end], &after[end..])
            }
        };
        let moved = moved_value(name, attribute, value, how);
        if let Some(q) = quote {
            out.push(q);
        }
        out.push_str(moved.as_deref().unwrap_or(value));
        if let Some(q) = quote {
            out.push(q);
        }
        rest = tail;
    }
}

/// The new value of `attribute` of a `tag` (both in any case), when it changes.
fn moved_value(tag: &str, attribute: &str, value: &str, how: &Move) -> Option<String> {
    let prefixed = |id: &str| how.id_prefix.map(|prefix| format!("{prefix}{id}"));
    let is = |name: &str| attribute.eq_ignore_ascii_case(name);
    if ID_ATTRIBUTES.iter().any(|name| is(name))
        || (is("name") && tag.eq_ignore_ascii_case("input"))
    {
        how.id_prefix?;
        let ids: Vec<String> = value
            .split_ascii_whitespace()
            .filter_map(prefixed)
            .collect();
        return Some(ids.join(" "));
    }
    if !is("href") && !is("src") {
        return None;
    }
    if let Some(fragment) = value.strip_prefix('#') {
        return prefixed(fragment)
            .filter(|_| !fragment.is_empty())
            .map(|id| format!("#{id}"));
    }
    if value.is_empty() || value.starts_with('/') || links::is_external(value) {
        return None;
    }
    let path_end = value.find(['?', '#']).unwrap_or(value.len());
    let path = match &value[..path_end] {
        // `?query` alone is the page itself.
        "" => how.from.to_string(),
        path => links::join(how.from, path)?,
    };
    Some((how.link)(&path, &value[path_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(html: &str, from: &str, prefix: Option<&str>) -> String {
        let link = |path: &str, rest: &str| format!("/root/{path}{rest}");
        let mut out = String::new();
        push_moved(
            &mut out,
            html,
            &Move {
                from,
                id_prefix: prefix,
                link: &link,
            },
        );
        out
    }

    #[test]
    fn ids_and_in_page_links_get_the_prefix() {
        assert_eq!(
            moved(
                "<h2 id=\"a\">A <a class=\"headerlink\" href=\"#a\">¶</a></h2><input type=radio name=t id=t1><label for='t1' aria-controls=\"x y\">T</label>",
                "p/",
                Some("p--"),
            ),
            "<h2 id=\"p--a\">A <a class=\"headerlink\" href=\"#p--a\">¶</a></h2><input type=radio name=p--t id=p--t1><label for='p--t1' aria-controls=\"p--x p--y\">T</label>"
        );
    }

    #[test]
    fn relative_links_and_images_are_resolved_from_the_page() {
        assert_eq!(
            moved(
                "<a href=\"../b/?x=1#h\">b</a><img src=\"img/c.png\" alt=\"1 < 2\"><a href=\"https://e.org/\">e</a><a href=\"/abs\">a</a><a href=\"?path=p\">p</a>",
                "guide/a/",
                None,
            ),
            "<a href=\"/root/guide/b/?x=1#h\">b</a><img src=\"/root/guide/a/img/c.png\" alt=\"1 < 2\"><a href=\"https://e.org/\">e</a><a href=\"/abs\">a</a><a href=\"/root/guide/a/?path=p\">p</a>"
        );
    }

    #[test]
    fn text_comments_and_scripts_are_copied_as_they_are() {
        let html = "<p>a &lt;b href=\"x\"&gt; 1 < 2</p><!-- <a href=\"x\"> --><script>if (a<b) { x = \"<a href='y'>\" }</script>";
        assert_eq!(moved(html, "p/", Some("p--")), html);
    }

    #[test]
    fn tag_and_attribute_names_are_read_in_any_case() {
        assert_eq!(
            moved(
                "<A HREF=\"b/\" Id=\"x\">b</A><INPUT NAME=t><SCRIPT>a<b</Script><p>",
                "p/",
                Some("p--"),
            ),
            "<A HREF=\"/root/p/b/\" Id=\"p--x\">b</A><INPUT NAME=p--t><SCRIPT>a<b</Script><p>"
        );
    }
}
