//! The theme: the built-in default (embedded in the binary) with a user's theme folder laid
//! over it file by file.

use crate::diag::{Diagnostic, Diagnostics, Location};
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where theme assets are written in the site.
pub const ASSETS_DIR: &str = crate::model::urls::GENERATED_FOLDER;

/// Templates the renderer calls by name.
const REQUIRED_TEMPLATES: &[&str] = &["page.html", "404.html"];

pub struct Theme {
    pub templates: tera::Tera,
    /// Asset files by path relative to the assets folder.
    pub assets: BTreeMap<String, Arc<[u8]>>,
    /// mermaid.js, gzip-compressed: added to the site only when a page has a diagram.
    mermaid_gz: Option<Cow<'static, [u8]>>,
    /// Changes whenever any file of the theme changes, so rebuilds know to start over.
    pub fingerprint: u64,
    /// The theme's own words by language (`i18n/<language>.toml`), the user's over the
    /// built-in ones word by word.
    translations: BTreeMap<String, BTreeMap<String, String>>,
    /// A template reads `tutorial.markers` (a theme's own step markup); the default theme
    /// prints `markers_html` instead, so the list is left out of its pages' context.
    pub reads_step_markers: bool,
}

/// The theme's own words in one language, English where a word is missing: `t` in
/// templates (`{{ t.on_this_page }}`).
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Words(BTreeMap<String, String>);

impl Words {
    /// The word for `key` (empty when no language has it).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// The words for scripts (keys starting `js_`) as a JSON object.
    pub fn for_scripts(&self) -> String {
        let scripts: BTreeMap<&str, &str> = self
            .0
            .iter()
            .filter(|(key, _)| key.starts_with("js_"))
            .map(|(key, word)| (key.as_str(), word.as_str()))
            .collect();
        serde_json::to_string(&scripts).unwrap_or_default()
    }
}

/// Where the theme keeps its words, one file per language.
const I18N_DIR: &str = "i18n/";
/// The language every other falls back to, word by word.
const FALLBACK_LANGUAGE: &str = "en";

/// Reads `i18n/*.toml` of the theme: first the `built_in` files, then the user's
/// (`user_files`) over them word by word.
fn translations(
    built_in: &BTreeMap<String, &'static [u8]>,
    user_files: &BTreeMap<String, Vec<u8>>,
    user_dir: Option<&Path>,
    problems: &mut Diagnostics,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let built_in = built_in
        .iter()
        .filter(|(path, _)| path.starts_with(I18N_DIR))
        .map(|(path, bytes)| (path.clone(), *bytes));
    let layers = built_in.chain(
        user_files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.as_slice())),
    );
    for (path, bytes) in layers {
        let Some(language) = path
            .strip_prefix(I18N_DIR)
            .and_then(|name| name.strip_suffix(".toml"))
        else {
            continue;
        };
        let parsed = std::str::from_utf8(bytes)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                toml::from_str::<BTreeMap<String, String>>(text).map_err(|e| e.to_string())
            });
        match parsed {
            Ok(words) => all.entry(language.to_string()).or_default().extend(words),
            Err(err) => problems.push(
                Diagnostic::error(format!(
                    "the theme's words in `{path}` cannot be read: {err}"
                ))
                .in_file(theme_path(user_dir, &path))
                .with_hint("write one `key = \"text\"` per line"),
            ),
        }
    }
    all
}

/// Every file of a user's theme folder by path relative to it.
fn user_files(dir: &Path, problems: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.is_dir() {
        let problem = if dir.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        problems.push(
            Diagnostic::error(format!("theme folder `{}` {problem}", dir.display()))
                .in_file(crate::config::CONFIG_FILE)
                .with_hint("create it, or remove `theme` from [output.html]"),
        );
    }
    for (rel, path) in crate::load::files_under(dir, false) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                files.insert(rel, bytes);
            }
            Err(err) => problems
                .push(Diagnostic::error(format!("cannot read theme file: {err}")).in_file(path)),
        }
    }
    files
}

/// The built-in theme's files that a user theme can replace (templates, assets and any
/// other file but the optional mermaid bundle), by path relative to the theme folder.
pub fn builtin_files() -> BTreeMap<String, &'static [u8]> {
    let mut files = embedded_files();
    files.retain(|path, _| !path.starts_with("optional/"));
    files
}

/// Every file of the built-in theme, by path relative to the theme folder; borrowed from
/// the binary, not copied (mermaid's bundle alone is 1 MB).
fn embedded_files() -> BTreeMap<String, &'static [u8]> {
    fn collect(dir: &'static Dir<'static>, files: &mut BTreeMap<String, &'static [u8]>) {
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            files.insert(path, file.contents());
        }
        for sub in dir.dirs() {
            collect(sub, files);
        }
    }
    let mut files = BTreeMap::new();
    collect(&DEFAULT_THEME, &mut files);
    files
}

/// Loads the theme, compiling every template; reports all template errors together.
pub fn load(user_dir: Option<&Path>) -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::new();
    let user_files = user_dir
        .map(|dir| user_files(dir, &mut problems))
        .unwrap_or_default();
    // The built-in files cannot change while the program runs.
    let fingerprint = {
        let mut hasher = std::hash::DefaultHasher::new();
        user_files.hash(&mut hasher);
        hasher.finish()
    };
    let built_in = embedded_files();
    let translations = translations(&built_in, &user_files, user_dir, &mut problems);
    // Built-in files first, replaced by the user's where both exist.
    let mut files: BTreeMap<String, Cow<'static, [u8]>> = built_in
        .into_iter()
        .map(|(path, bytes)| (path, Cow::Borrowed(bytes)))
        .collect();
    files.extend(
        user_files
            .into_iter()
            .map(|(path, bytes)| (path, Cow::Owned(bytes))),
    );
    let mut templates = tera::Tera::default();
    templates.register_filter("fill", fill_filter);
    // Tera's default also escapes `/`, which bloats every href; these five are enough for
    // text and quoted attribute values.
    templates.set_escape_fn(escape_html);
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut assets: BTreeMap<String, Arc<[u8]>> = BTreeMap::new();
    let mut mermaid = None;
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            match String::from_utf8(bytes.into_owned()) {
                Ok(text) => sources.push((name.to_string(), text)),
                Err(_) => problems.push(
                    Diagnostic::error("template is not valid UTF-8")
                        .in_file(theme_path(user_dir, &path)),
                ),
            }
        } else if let Some(name) = path.strip_prefix("assets/") {
            assets.insert(name.to_string(), Arc::from(bytes));
        } else if path == MERMAID_SOURCE {
            mermaid = Some(bytes);
        }
    }
    let reads_step_markers = sources.iter().any(|(_, text)| reads_step_markers(text));
    for required in REQUIRED_TEMPLATES {
        if !sources.iter().any(|(name, _)| name == required) {
            problems.push(
                Diagnostic::error(format!("the theme has no `templates/{required}`"))
                    .in_file(crate::config::CONFIG_FILE)
                    .with_hint("every theme needs page.html and 404.html; remove the override or add the file"),
            );
        }
    }
    compile(&mut templates, sources, user_dir, &mut problems);
    assets.insert(
        "highlight.css".into(),
        Arc::from(crate::markdown::highlight::STYLESHEET.as_bytes()),
    );
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Theme {
        templates,
        assets,
        mermaid_gz: mermaid,
        fingerprint,
        translations,
        reads_step_markers,
    })
}

/// Parses the templates `sources` (name, text) into `templates`, in parallel (Tera's
/// parser is slow enough to hold up the start of a small build), then links them by
/// inheritance; every template that does not parse is reported at its line.
fn compile(
    templates: &mut tera::Tera,
    sources: Vec<(String, String)>,
    user_dir: Option<&Path>,
    problems: &mut Diagnostics,
) {
    let parsed: Vec<(String, Result<tera::Template, Diagnostic>)> = sources
        .into_par_iter()
        .map(|(name, text)| {
            let template = tera::Template::new(&name, None, &text).map_err(|err| {
                let file = theme_path(user_dir, &format!("templates/{name}"));
                syntax_error(&name, &text, &err).in_file(file)
            });
            (name, template)
        })
        .collect();
    let mut parsed_all = true;
    for (name, template) in parsed {
        match template {
            Ok(template) => {
                templates.templates.insert(name, template);
            }
            Err(problem) => {
                parsed_all = false;
                problems.push(problem);
            }
        }
    }
    let linked = templates
        .build_inheritance_chains()
        .and_then(|()| templates.check_macro_files());
    if let (true, Err(err)) = (parsed_all, linked) {
        problems.push(
            Diagnostic::error(format!("theme template error: {}", error_chain(&err)))
                .in_file(
                    user_dir.map_or_else(|| "themes/default".into(), |d| d.display().to_string()),
                )
                .with_hint("fix the template that the message names"),
        );
    }
}

/// The problem of template `name` (text `text`) that Tera could not parse: Tera's parser
/// says where as ` --> line:column` and what it expected on its last line.
fn syntax_error(name: &str, text: &str, err: &tera::Error) -> Diagnostic {
    let hint = "fix the template syntax: every `{{`, `{%` and `{#` needs its closing `}}`, `%}` or `#}`, and every block tag its `end` tag";
    let report =
        std::error::Error::source(err).map_or_else(|| err.to_string(), ToString::to_string);
    let position = report
        .trim_start()
        .strip_prefix("--> ")
        .and_then(|rest| rest.lines().next())
        .and_then(|place| place.split_once(':'))
        .and_then(|(line, column)| {
            Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
        });
    let expected = report
        .lines()
        .last()
        .and_then(|last| last.trim().strip_prefix("= "));
    let (Some((line, column)), Some(expected)) = (position, expected) else {
        return Diagnostic::error(format!(
            "template `{name}` cannot be parsed: {}",
            error_chain(err)
        ))
        .with_hint(hint);
    };
    // Tera counts columns in characters from 1.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(at, _)| line_start + at);
    Diagnostic::error(format!("template `{name}` cannot be parsed: {expected}"))
        .at(Location::in_text(text, offset, 1))
        .with_hint(hint)
}

/// Whether a template's code (comments left out) reads `tutorial.markers`.
fn reads_step_markers(template: &str) -> bool {
    let mut rest = template;
    let mut code = String::with_capacity(template.len());
    while let Some(start) = rest.find("{#") {
        code.push_str(&rest[..start]);
        rest = rest[start..]
            .find("#}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    code.push_str(rest);
    // `tutorial.markers` or `tutorial["markers"]`; not `markers_html`, nor a template's
    // name (`step-markers.html`).
    code.match_indices("markers").any(|(at, word)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let attribute =
            before == Some('.') && !after.is_some_and(|c| c == '_' || c.is_alphanumeric());
        let key = matches!(before, Some('"' | '\'')) && after == before;
        attribute || key
    })
}

fn theme_path(user_dir: Option<&Path>, rel: &str) -> String {
    match user_dir {
        Some(dir) if dir.join(rel).exists() => dir.join(rel).display().to_string(),
        _ => format!("themes/default/{rel}"),
    }
}

fn escape_html(text: &str) -> String {
    crate::markdown::escape(text)
}

/// Where the theme keeps its compressed copy of mermaid.js.
const MERMAID_SOURCE: &str = "optional/mermaid.min.js.gz";
/// The name mermaid.js gets among the site's theme assets.
pub const MERMAID_ASSET: &str = "mermaid.min.js";

/// `{{ t.step_of | fill(position=2, total=5) }}`: each `{name}` in the text replaced by
/// the argument of that name.
fn fill_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(name, arg)| {
            let arg = match arg {
                tera::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (name.as_str(), arg)
        })
        .collect();
    Ok(tera::Value::String(fill(
        value.as_str().unwrap_or_default(),
        args.iter().map(|(name, arg)| (*name, arg.as_str())),
    )))
}

/// `word` with each `{name}` in it replaced by the value of that name.
pub fn fill<'a>(word: &str, args: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let args: Vec<(&str, &str)> = args.into_iter().collect();
    let mut text = String::with_capacity(word.len());
    placeholders(
        word,
        |name| args.iter().position(|(n, _)| *n == name),
        |piece| match piece {
            Piece::Text(piece) => text.push_str(piece),
            Piece::Arg(i) => text.push_str(args[i].1),
        },
    );
    text
}

/// A piece of a word with placeholders: text as written, or the place of the argument
/// `lookup` numbered so.
#[derive(Debug, PartialEq)]
pub enum Piece<'w> {
    Text(&'w str),
    Arg(usize),
}

/// Hands `word` to `push` piece by piece: each `{name}` that `lookup` knows becomes an
/// argument; other braces are kept as text.
pub fn placeholders<'w>(
    word: &'w str,
    lookup: impl Fn(&str) -> Option<usize>,
    mut push: impl FnMut(Piece<'w>),
) {
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((close, lookup(&after[..close])?)));
        match arg {
            Some((close, arg)) => {
                push(Piece::Text(&rest[..open]));
                push(Piece::Arg(arg));
                rest = &after[close + 1..];
            }
            None => {
                push(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    push(Piece::Text(rest));
}

impl Theme {
    /// The theme's words for `language` (`pt-BR`, then `pt`), English where one is missing.
    pub fn words(&self, language: &str) -> Words {
        let mut words = self
            .translations
            .get(FALLBACK_LANGUAGE)
            .cloned()
            .unwrap_or_default();
        let primary = language.split('-').next().unwrap_or(language);
        for tag in [primary, language] {
            let own = self
                .translations
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(tag));
            if let Some((_, own)) = own {
                words.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        Words(words)
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.templates.get_template_names().any(|n| n == name)
    }

    /// mermaid.js, unpacked (it is only needed by sites with diagrams).
    pub fn mermaid(&self) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut script = Vec::new();
        flate2::read::GzDecoder::new(self.mermaid_gz.as_deref()?)
            .read_to_end(&mut script)
            .ok()?;
        Some(script)
    }
}

/// Tera nests the real cause several errors deep; show the whole chain on one line.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{fill, reads_step_markers};

    #[test]
    fn fill_replaces_each_named_placeholder_once() {
        assert_eq!(
            fill(
                "Step {position} of {total}",
                [("position", "2"), ("total", "5")]
            ),
            "Step 2 of 5"
        );
        // Unknown names and lone braces stay; a value is not searched for names again.
        assert_eq!(
            fill("{a} {b} {a} { {", [("a", "{b}"), ("b", "x")]),
            "{b} x {b} { {"
        );
        assert_eq!(fill("no placeholders", [("a", "1")]), "no placeholders");
        assert_eq!(fill("ends with {a", [("a", "1")]), "ends with {a");
    }

    #[test]
    fn step_markers_are_read_only_by_template_code_that_names_them() {
        assert!(reads_step_markers(
            "{% for m in tutorial.markers %}{% endfor %}"
        ));
        assert!(reads_step_markers("{% if tutorial.markers %}x{% endif %}"));
        assert!(!reads_step_markers("{{ tutorial.markers_html | safe }}"));
        assert!(!reads_step_markers(
            "{#- `tutorial.markers` holds the data -#}\n{{ tutorial.markers_html | safe }}"
        ));
        assert!(reads_step_markers(
            "{# note #}{{ tutorial.markers | length }}"
        ));
        assert!(reads_step_markers(r#"{{ tutorial["markers"] | length }}"#));
        // A template's name is not the data.
        assert!(!reads_step_markers(
            r#"{% include "partials/step-markers.html" %}"#
        ));
    }

    #[test]
    fn every_built_in_language_has_every_word() {
        let theme = super::load(None).unwrap_or_else(|_| panic!("the default theme loads"));
        let english: Vec<&String> = theme.translations["en"].keys().collect();
        for (language, words) in &theme.translations {
            assert_eq!(words.keys().collect::<Vec<_>>(), english, "{language}");
        }
        for (language, on_this_page) in [("zh", "本页内容"), ("ko", "이 페이지의 내용")]
        {
            assert_eq!(theme.words(language).get("on_this_page"), on_this_page);
        }
    }

    #[test]
    fn the_default_theme_does_not_read_the_step_markers_as_data() {
        let theme = super::load(None).unwrap_or_else(|_| panic!("the default theme loads"));
        assert!(!theme.reads_step_markers);
    }
}
