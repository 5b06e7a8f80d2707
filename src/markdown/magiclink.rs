//! pymdownx.magiclink in text: bare `https://`, `http://` and `ftp://` addresses, `www.`
//! addresses and email addresses become links; with a repository configured, so do its
//! shorthands (`#123`, `!45`, `?6`, `user/repo#1`, `@user/repo`, `@user`), written as
//! magiclink writes them (classes and title included). The same shorthands as
//! mdx_gh_links reads and writes them (`#123`, `user/repo#1`, `@user`, commit hashes),
//! for projects that use it instead.

use super::{escape, is_word};
use crate::config::extensions::{Repository, ShorthandStyle};

/// Whether `text` may hold an address or shorthand (a cheap test before [`replace`]).
pub fn may_have(text: &str, addresses: bool, repository: Option<&Repository>) -> bool {
    (addresses && (text.contains("://") || text.contains("www.") || text.contains('@')))
        || repository.is_some_and(|r| match r.style {
            ShorthandStyle::Magiclink => text.contains(['#', '!', '?', '@']),
            ShorthandStyle::GhLinks => text.contains(['#', '@']) || has_hash_run(text),
        })
}

/// A link found in text.
struct Found {
    start: usize,
    end: usize,
    href: String,
    /// The link text, when it is not the text as written.
    shown: Option<String>,
    /// Classes and title of a repository shorthand.
    shorthand: Option<(String, String)>,
}

/// `text` as HTML with its bare addresses (when `addresses`) and the repository's
/// shorthands linked, or `None` when it has none. `plain` renders the text between them.
pub fn replace(
    text: &str,
    plain: &dyn Fn(&str) -> String,
    addresses: bool,
    repository: Option<&Repository>,
) -> Option<String> {
    let found = match repository {
        Some(r) if r.style == ShorthandStyle::GhLinks => gh_links(text, r),
        _ => magiclinks(text, addresses, repository),
    };
    if found.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut done = 0;
    for found in found {
        out.push_str(&plain(&text[done..found.start]));
        let attributes = found
            .shorthand
            .map(|(class, title)| {
                format!(" class=\"{}\" title=\"{}\"", escape(&class), escape(&title))
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "<a href=\"{}\"{attributes}>{}</a>",
            escape(&found.href),
            escape(
                found
                    .shown
                    .as_deref()
                    .unwrap_or(&text[found.start..found.end])
            )
        ));
        done = found.end;
    }
    out.push_str(&plain(&text[done..]));
    Some(out)
}

/// magiclink's links, in text order: each starts a word.
fn magiclinks(text: &str, addresses: bool, repository: Option<&Repository>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let link = starts_word(text, at)
            .then(|| {
                addresses
                    .then(|| address_at(text, at))
                    .flatten()
                    .or_else(|| repository.and_then(|r| shorthand_at(text, at, r)))
            })
            .flatten();
        match link {
            Some(mut link) => {
                // A shorthand naming its repository starts before its symbol.
                link.start = at;
                at = link.end;
                found.push(link);
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
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
        start: at,
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
    let ends_word = |end: usize| !text[end..].chars().next().is_some_and(is_word);
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
                start: at,
                end,
                href: format!("{}/{user}/{repo}", host(repository)),
                shown: Some(format!("{user}/{repo}")),
                shorthand: Some(describe(repository, Kind::Repository, user, repo, "")),
            });
        }
        let end = at + 1 + user_len;
        return (repository.social_shorthand && ends_word(end) && !after_user.starts_with('/'))
            .then(|| Found {
                start: at,
                end,
                href: format!("{}/{user}", host(repository)),
                shown: None,
                shorthand: Some(describe(repository, Kind::Mention, user, "", "")),
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
    let word_follows = text[end..].chars().next().is_some_and(is_word);
    if digits == 0 || word_follows {
        return None;
    }
    let number = &rest[1..=digits];
    let (kind, path) = match (symbol, repository.provider.as_str()) {
        ('#', "gitlab") => (Kind::Issue, "-/issues"),
        ('#', _) => (Kind::Issue, "issues"),
        ('!', "gitlab") => (Kind::Pull, "-/merge_requests"),
        ('!', "bitbucket") => (Kind::Pull, "pull-requests"),
        ('!', _) => (Kind::Pull, "pull"),
        ('?', "github") => (Kind::Discussion, "discussions"),
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
        start: at,
        end,
        href: format!("{}/{user}/{repo}/{path}/{number}", host(repository)),
        shown: Some(format!("{prefix}{shown_symbol}{number}")),
        shorthand: Some(describe(repository, kind, user, repo, number)),
    })
}

/// What a shorthand links to.
#[derive(Clone, Copy)]
enum Kind {
    Issue,
    Pull,
    Discussion,
    Repository,
    Mention,
    Commit,
}

/// The class and title of a shorthand's link to `kind` `id` in `user/repo`, as the
/// repository's extension writes them.
fn describe(
    repository: &Repository,
    kind: Kind,
    user: &str,
    repo: &str,
    id: &str,
) -> (String, String) {
    let provider = provider_name(repository);
    match repository.style {
        ShorthandStyle::Magiclink => {
            let (class, title) = match (kind, repository.provider.as_str()) {
                (Kind::Issue, _) => ("issue", format!("Issue: {user}/{repo} #{id}")),
                (Kind::Pull, "gitlab") => ("pull", format!("Merge Request: {user}/{repo} #{id}")),
                (Kind::Pull, _) => ("pull", format!("Pull Request: {user}/{repo} #{id}")),
                (Kind::Discussion, _) => ("discussion", format!("Discussion: {user}/{repo} #{id}")),
                (Kind::Repository, _) => ("repository", format!("Repository: {user}/{repo}")),
                (Kind::Mention, _) => ("mention", format!("User: {user}")),
                (Kind::Commit, _) => ("commit", format!("Commit: {user}/{repo}@{id}")),
            };
            (
                format!(
                    "magiclink magiclink-{} magiclink-{class}",
                    repository.provider
                ),
                format!("{provider} {title}"),
            )
        }
        ShorthandStyle::GhLinks => {
            let (class, title) = match kind {
                Kind::Repository => ("mention", format!("Repository: @{user}/{repo}")),
                Kind::Mention => ("mention", format!("User: @{user}")),
                Kind::Commit => ("commit", format!("Commit: {user}/{repo}@{id}")),
                _ => ("issue", format!("Issue {user}/{repo} #{id}")),
            };
            (format!("gh-link gh-{class}"), format!("{provider} {title}"))
        }
    }
}

/// mdx_gh_links' links, in text order. As that extension does, it finds every issue
/// reference first, then mentions and commits in the text between: none needs to start a
/// word (`a#1` links `#1`, and so does the `@example` of `me@example.org`).
fn gh_links(text: &str, repository: &Repository) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let finders: [Finder; 3] = [gh_issue_at, gh_mention_at, gh_commit_at];
    for find in finders {
        let mut more = Vec::new();
        let mut gap_start = 0;
        // Each gap ends where a link found so far starts; the next begins where it ends.
        let links = found.iter().map(|f| (f.start, f.end));
        for (gap_end, link_end) in links.chain([(text.len(), text.len())]) {
            // Each finder sees only the text between links already found.
            let gap = &text[..gap_end];
            let mut at = gap_start;
            while at < gap_end {
                match find(gap, at, repository) {
                    Some(link) => {
                        at = link.end;
                        more.push(link);
                    }
                    None => at += gap[at..].chars().next().map_or(1, char::len_utf8),
                }
            }
            gap_start = link_end;
        }
        found.extend(more);
        found.sort_by_key(|f| f.start);
    }
    found
}

/// Finds one kind of mdx_gh_links shorthand at a place in the text.
type Finder = fn(&str, usize, &Repository) -> Option<Found>;

/// The length of the name at the start of `text` (mdx_gh_links' `[-_\w]+`, with `.` for a
/// repository's), ending with a word character.
fn gh_name_len(text: &str, dots: bool) -> usize {
    let len = text
        .find(|c: char| !(is_word(c) || c == '-' || (dots && c == '.')))
        .unwrap_or(text.len());
    text[..len].trim_end_matches(['-', '.']).len()
}

/// `user/repo` at `at`, when the name of a repository is written there: the lengths of
/// the user's and the repository's names.
fn gh_repository_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let user = gh_name_len(&text[at..], false);
    let after = text[at + user..].strip_prefix('/')?;
    let repo = gh_name_len(after, true);
    (user > 0 && user <= 39 && repo > 0).then_some((user, repo))
}

/// `#123` or `user/repo#123` at `at`.
fn gh_issue_at(text: &str, at: usize, repository: &Repository) -> Option<Found> {
    let named = gh_repository_at(text, at)
        .filter(|&(user, repo)| text[at + user + 1 + repo..].starts_with('#'));
    let (user, repo, hash) = match named {
        Some((user, repo)) => (
            &text[at..at + user],
            &text[at + user + 1..at + user + 1 + repo],
            at + user + 1 + repo,
        ),
        None if text[at..].starts_with('#') => {
            (repository.user.as_str(), repository.repo.as_str(), at)
        }
        None => return None,
    };
    let digits = text[hash + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return None;
    }
    let end = hash + 1 + digits;
    let number = text[hash + 1..end].trim_start_matches('0');
    Some(Found {
        start: at,
        end,
        href: format!("{}/{user}/{repo}/issues/{number}", host(repository)),
        shown: None,
        shorthand: Some(describe(repository, Kind::Issue, user, repo, number)),
    })
}

/// `@user` or `@user/repo` at `at`.
fn gh_mention_at(text: &str, at: usize, repository: &Repository) -> Option<Found> {
    let name = text[at..].strip_prefix('@')?;
    let user = gh_name_len(name, false);
    if user == 0 || user > 39 {
        return None;
    }
    let repo = name[user..]
        .strip_prefix('/')
        .map_or(0, |r| gh_name_len(r, true));
    let (kind, end, path) = if repo > 0 {
        (
            Kind::Repository,
            at + 1 + user + 1 + repo,
            &name[..user + 1 + repo],
        )
    } else {
        (Kind::Mention, at + 1 + user, &name[..user])
    };
    let (user, repo) = path.split_once('/').unwrap_or((path, ""));
    Some(Found {
        start: at,
        end,
        href: format!("{}/{path}", host(repository)),
        shown: None,
        shorthand: Some(describe(repository, kind, user, repo, "")),
    })
}

/// A commit hash (40 hexadecimal digits) at `at`, alone or after `user@` or `user/repo@`;
/// shown shortened to 7.
fn gh_commit_at(text: &str, at: usize, repository: &Repository) -> Option<Found> {
    let hash_len = |from: usize| {
        let len = text[from..]
            .bytes()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            .count();
        let word_follows = text[from + len..].chars().next().is_some_and(is_word);
        (len == 40 && !word_follows).then_some(from + 40)
    };
    let mut named = None;
    let user = gh_name_len(&text[at..], false);
    if user > 0 && user <= 39 {
        let repo = text[at + user..]
            .strip_prefix('/')
            .map_or(0, |r| gh_name_len(r, true));
        let sign = at + user + if repo > 0 { 1 + repo } else { 0 };
        if text[sign..].starts_with('@') {
            named = Some((at, sign));
        }
    }
    let (start_of_hash, name) = match named {
        Some((at, sign)) => (sign + 1, Some(&text[at..sign])),
        None if !text[..at].chars().next_back().is_some_and(is_word) => (at, None),
        None => return None,
    };
    let end = hash_len(start_of_hash)?;
    let hash = &text[start_of_hash..end];
    let (user, repo) = match name {
        Some(name) => name
            .split_once('/')
            .unwrap_or((name, repository.repo.as_str())),
        None => (repository.user.as_str(), repository.repo.as_str()),
    };
    let shown = match name {
        Some(name) => format!("{name}@{}", &hash[..7]),
        None => hash[..7].to_string(),
    };
    Some(Found {
        start: at,
        end,
        href: format!("{}/{user}/{repo}/commit/{hash}", host(repository)),
        shown: Some(shown),
        shorthand: Some(describe(repository, Kind::Commit, user, repo, hash)),
    })
}

/// Whether `text` has a run of 40 hexadecimal digits (a commit hash).
fn has_hash_run(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if matches!(b, b'0'..=b'9' | b'a'..=b'f') {
            run + 1
        } else {
            0
        };
        if run == 40 {
            return true;
        }
    }
    false
}

fn host(repository: &Repository) -> &str {
    if let Some(domain) = &repository.domain {
        return domain;
    }
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
            true,
            None,
        )
        .unwrap();
        assert_eq!(
            html,
            "See <a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>, <a href=\"http://www.example.com\">www.example.com</a>. Or (<a href=\"http://x.org/p?q=1&amp;r=2\">http://x.org/p?q=1&amp;r=2</a>). Mail <a href=\"mailto:help@example.org\">help@example.org</a>!"
        );
        assert_eq!(
            replace(
                "Not: a@b, file.md, x@y.1, https:// or www.x",
                &escape,
                true,
                None
            ),
            None
        );
        assert_eq!(
            replace("mid-word:https://x.org or user@", &escape, true, None),
            None
        );
        assert_eq!(replace("Fixed #12 and @someone", &escape, true, None), None);
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
            style: ShorthandStyle::Magiclink,
            domain: None,
        };
        let html = replace(
            "Fixed #6877: x, see !45, ?7, facelessuser/pymdown-extensions#1, @facelessuser/pymdown-extensions and @squidfunk. Not a#1, #1a, C#.",
            &escape,
            true,
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

    #[test]
    fn shorthands_as_mdx_gh_links_writes_them() {
        let repository = Repository {
            provider: "github".into(),
            user: "mkdocs".into(),
            repo: "mkdocs".into(),
            repo_shorthand: true,
            social_shorthand: true,
            normalize_issue_symbols: false,
            style: ShorthandStyle::GhLinks,
            domain: None,
        };
        let sha = "1234567890abcdef1234567890abcdef12345678";
        let text = format!("Fixed #2585 and #0123, see mkdocs/mkdocs#12 or a#1, C#. Thanks @waylan and @mkdocs/mkdocs. Commit {sha}, waylan@{sha} and mkdocs/other@{sha}. Mail me@example.org or https://x.org. x{sha}");
        let link = |href: &str, kind: &str, title: &str, shown: &str| {
            format!("<a href=\"https://github.com/{href}\" class=\"gh-link gh-{kind}\" title=\"GitHub {title}\">{shown}</a>")
        };
        // Python-Markdown's output with mdx_gh_links (attributes in another order).
        let expected = [
            "Fixed ".to_string(),
            link(
                "mkdocs/mkdocs/issues/2585",
                "issue",
                "Issue mkdocs/mkdocs #2585",
                "#2585",
            ),
            " and ".into(),
            link(
                "mkdocs/mkdocs/issues/123",
                "issue",
                "Issue mkdocs/mkdocs #123",
                "#0123",
            ),
            ", see ".into(),
            link(
                "mkdocs/mkdocs/issues/12",
                "issue",
                "Issue mkdocs/mkdocs #12",
                "mkdocs/mkdocs#12",
            ),
            " or a".into(),
            link(
                "mkdocs/mkdocs/issues/1",
                "issue",
                "Issue mkdocs/mkdocs #1",
                "#1",
            ),
            ", C#. Thanks ".into(),
            link("waylan", "mention", "User: @waylan", "@waylan"),
            " and ".into(),
            link(
                "mkdocs/mkdocs",
                "mention",
                "Repository: @mkdocs/mkdocs",
                "@mkdocs/mkdocs",
            ),
            ". Commit ".into(),
            link(
                &format!("mkdocs/mkdocs/commit/{sha}"),
                "commit",
                &format!("Commit: mkdocs/mkdocs@{sha}"),
                "1234567",
            ),
            ", ".into(),
            link(
                &format!("waylan/mkdocs/commit/{sha}"),
                "commit",
                &format!("Commit: waylan/mkdocs@{sha}"),
                "waylan@1234567",
            ),
            " and ".into(),
            link(
                &format!("mkdocs/other/commit/{sha}"),
                "commit",
                &format!("Commit: mkdocs/other@{sha}"),
                "mkdocs/other@1234567",
            ),
            ". Mail me".into(),
            link("example", "mention", "User: @example", "@example"),
            format!(".org or https://x.org. x{sha}"),
        ]
        .concat();
        assert_eq!(
            replace(&text, &escape, false, Some(&repository)).unwrap(),
            expected
        );
    }
}
