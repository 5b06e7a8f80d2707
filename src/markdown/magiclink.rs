//! pymdownx.magiclink in text: bare `https://`, `http://` and `ftp://` addresses, `www.`
//! addresses and email addresses become links; with a repository configured, so do its
//! shorthands (`#123`, `!45`, `?6`, `user/repo#1`, `@user/repo`, `@user`), written as
//! magiclink writes them (classes and title included).

use super::escape;
use crate::config::extensions::Repository;

/// Whether `text` may hold an address (a cheap test before [`replace`]).
pub fn may_have(text: &str, repository: Option<&Repository>) -> bool {
    text.contains("://")
        || text.contains("www.")
        || text.contains('@')
        || (repository.is_some() && text.contains(['#', '!', '?']))
}

/// A link found in text.
struct Found {
    end: usize,
    href: String,
    /// The link text, when it is not the text as written.
    shown: Option<String>,
    /// Classes and title of a repository shorthand.
    shorthand: Option<(String, String)>,
}

/// `text` as HTML with its addresses linked, or `None` when it has none. `plain` renders
/// the text between them.
pub fn replace(
    text: &str,
    plain: &dyn Fn(&str) -> String,
    repository: Option<&Repository>,
) -> Option<String> {
    let mut out = String::new();
    let mut done = 0;
    let mut at = 0;
    while at < text.len() {
        let found = starts_word(text, at)
            .then(|| {
                address_at(text, at).or_else(|| repository.and_then(|r| shorthand_at(text, at, r)))
            })
            .flatten();
        let Some(found) = found else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        out.push_str(&plain(&text[done..at]));
        let attributes = found
            .shorthand
            .map(|(class, title)| {
                format!(" class=\"{}\" title=\"{}\"", escape(&class), escape(&title))
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "<a href=\"{}\"{attributes}>{}</a>",
            escape(&found.href),
            escape(found.shown.as_deref().unwrap_or(&text[at..found.end]))
        ));
        done = found.end;
        at = found.end;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&plain(&text[done..]));
    Some(out)
}

/// Whether a word starts at `at` (after whitespace or an opening bracket or quote), as
/// every address and shorthand must.
fn starts_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    !before.is_some_and(|c| !c.is_whitespace() && !"([{<\"'".contains(c))
}

/// The address that starts at `at`, if one does.
fn address_at(text: &str, at: usize) -> Option<Found> {
    let rest = &text[at..];
    let found = |end: usize, href: String| Found {
        end,
        href,
        shown: None,
        shorthand: None,
    };
    let lower = |prefix: &str| {
        rest.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if ["https://", "http://", "ftp://"].iter().any(|p| lower(p)) {
        let end = at + url_len(rest);
        let scheme_end = rest.find("://")? + 3;
        return (end > at + scheme_end).then(|| found(end, text[at..end].to_string()));
    }
    if lower("www.") {
        let end = at + url_len(rest);
        let host = &text[at + 4..end];
        return host
            .contains('.')
            .then(|| found(end, format!("http://{}", &text[at..end])));
    }
    email(rest).map(|len| found(at + len, format!("mailto:{}", &text[at..at + len])))
}

/// The repository shorthand that starts at `at`, if one does: `#1`, `!1`, `?1` in the
/// configured repository, `user/repo#1` in another, `@user/repo` and `@user`.
fn shorthand_at(text: &str, at: usize, repository: &Repository) -> Option<Found> {
    let rest = &text[at..];
    // A user or repository name; a dot at its end ends the sentence.
    let name_len = |s: &str| {
        let len = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
            .unwrap_or(s.len());
        s[..len].trim_end_matches('.').len()
    };
    let ends_word = |end: usize| {
        !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    };
    if let Some(mention) = rest.strip_prefix('@') {
        let user_len = name_len(mention);
        let user = &mention[..user_len];
        if user.is_empty() {
            return None;
        }
        let after_user = &mention[user_len..];
        let repo_len = after_user.strip_prefix('/').map_or(0, name_len);
        if repository.repo_shorthand && repo_len > 0 {
            let repo = &after_user[1..=repo_len];
            let end = at + 1 + user_len + 1 + repo_len;
            if let Some(found) = issue_at(text, end, user, repo, true, repository) {
                return Some(found);
            }
            return ends_word(end).then(|| Found {
                end,
                href: format!("{}/{user}/{repo}", host(repository)),
                shown: Some(format!("{user}/{repo}")),
                shorthand: Some((
                    format!(
                        "magiclink magiclink-{} magiclink-repository",
                        repository.provider
                    ),
                    format!("{} Repository: {user}/{repo}", provider_name(repository)),
                )),
            });
        }
        let end = at + 1 + user_len;
        return (repository.social_shorthand && ends_word(end) && !after_user.starts_with('/'))
            .then(|| Found {
                end,
                href: format!("{}/{user}", host(repository)),
                shown: None,
                shorthand: Some((
                    format!(
                        "magiclink magiclink-{} magiclink-mention",
                        repository.provider
                    ),
                    format!("{} User: {user}", provider_name(repository)),
                )),
            });
    }
    if !repository.repo_shorthand {
        return None;
    }
    if rest.starts_with(['#', '!', '?']) {
        if repository.user.is_empty() || repository.repo.is_empty() {
            return None;
        }
        return issue_at(
            text,
            at,
            &repository.user,
            &repository.repo,
            false,
            repository,
        );
    }
    // `user/repo#1`: another repository's issue.
    let user_len = name_len(rest);
    let repo = rest[user_len..].strip_prefix('/')?;
    let repo_len = name_len(repo);
    if user_len == 0 || repo_len == 0 {
        return None;
    }
    issue_at(
        text,
        at + user_len + 1 + repo_len,
        &rest[..user_len],
        &repo[..repo_len],
        true,
        repository,
    )
}

/// The issue, pull request or discussion reference (`#1`, `!1`, `?1`) at `at`, in
/// `user/repo`; `named` when the text names the repository before the symbol.
fn issue_at(
    text: &str,
    at: usize,
    user: &str,
    repo: &str,
    named: bool,
    repository: &Repository,
) -> Option<Found> {
    let rest = &text[at..];
    let symbol = rest.chars().next()?;
    let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + 1 + digits;
    let word_follows = text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    if digits == 0 || word_follows {
        return None;
    }
    let number = &rest[1..=digits];
    let (kind, title, path) = match (symbol, repository.provider.as_str()) {
        ('#', "gitlab") => ("issue", "Issue", "-/issues"),
        ('#', _) => ("issue", "Issue", "issues"),
        ('!', "gitlab") => ("pull", "Merge Request", "-/merge_requests"),
        ('!', "bitbucket") => ("pull", "Pull Request", "pull-requests"),
        ('!', _) => ("pull", "Pull Request", "pull"),
        ('?', "github") => ("discussion", "Discussion", "discussions"),
        _ => return None,
    };
    let shown_symbol = if repository.normalize_issue_symbols {
        '#'
    } else {
        symbol
    };
    let prefix = if named {
        format!("{user}/{repo}")
    } else {
        String::new()
    };
    Some(Found {
        end,
        href: format!("{}/{user}/{repo}/{path}/{number}", host(repository)),
        shown: Some(format!("{prefix}{shown_symbol}{number}")),
        shorthand: Some((
            format!(
                "magiclink magiclink-{} magiclink-{kind}",
                repository.provider
            ),
            format!(
                "{} {title}: {user}/{repo} #{number}",
                provider_name(repository)
            ),
        )),
    })
}

fn host(repository: &Repository) -> &'static str {
    match repository.provider.as_str() {
        "gitlab" => "https://gitlab.com",
        "bitbucket" => "https://bitbucket.org",
        _ => "https://github.com",
    }
}

fn provider_name(repository: &Repository) -> &'static str {
    match repository.provider.as_str() {
        "gitlab" => "GitLab",
        "bitbucket" => "Bitbucket",
        _ => "GitHub",
    }
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
            None,
        )
        .unwrap();
        assert_eq!(
            html,
            "See <a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>, <a href=\"http://www.example.com\">www.example.com</a>. Or (<a href=\"http://x.org/p?q=1&amp;r=2\">http://x.org/p?q=1&amp;r=2</a>). Mail <a href=\"mailto:help@example.org\">help@example.org</a>!"
        );
        assert_eq!(
            replace("Not: a@b, file.md, x@y.1, https:// or www.x", &escape, None),
            None
        );
        assert_eq!(
            replace("mid-word:https://x.org or user@", &escape, None),
            None
        );
        assert_eq!(replace("Fixed #12 and @someone", &escape, None), None);
    }

    #[test]
    fn repository_shorthands_as_magiclink_writes_them() {
        let repository = Repository {
            provider: "github".into(),
            user: "squidfunk".into(),
            repo: "mkdocs-material".into(),
            repo_shorthand: true,
            social_shorthand: true,
            normalize_issue_symbols: true,
        };
        let html = replace(
            "Fixed #6877: x, see !45, ?7, facelessuser/pymdown-extensions#1, @facelessuser/pymdown-extensions and @squidfunk. Not a#1, #1a, C#.",
            &escape,
            Some(&repository),
        )
        .unwrap();
        assert_eq!(
            html,
            concat!(
                "Fixed <a href=\"https://github.com/squidfunk/mkdocs-material/issues/6877\" class=\"magiclink magiclink-github magiclink-issue\" title=\"GitHub Issue: squidfunk/mkdocs-material #6877\">#6877</a>: x, ",
                "see <a href=\"https://github.com/squidfunk/mkdocs-material/pull/45\" class=\"magiclink magiclink-github magiclink-pull\" title=\"GitHub Pull Request: squidfunk/mkdocs-material #45\">#45</a>, ",
                "<a href=\"https://github.com/squidfunk/mkdocs-material/discussions/7\" class=\"magiclink magiclink-github magiclink-discussion\" title=\"GitHub Discussion: squidfunk/mkdocs-material #7\">#7</a>, ",
                "<a href=\"https://github.com/facelessuser/pymdown-extensions/issues/1\" class=\"magiclink magiclink-github magiclink-issue\" title=\"GitHub Issue: facelessuser/pymdown-extensions #1\">facelessuser/pymdown-extensions#1</a>, ",
                "<a href=\"https://github.com/facelessuser/pymdown-extensions\" class=\"magiclink magiclink-github magiclink-repository\" title=\"GitHub Repository: facelessuser/pymdown-extensions\">facelessuser/pymdown-extensions</a> ",
                "and <a href=\"https://github.com/squidfunk\" class=\"magiclink magiclink-github magiclink-mention\" title=\"GitHub User: squidfunk\">@squidfunk</a>. Not a#1, #1a, C#."
            )
        );
    }
}
