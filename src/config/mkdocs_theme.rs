//! The theme-facing settings of `mkdocs.yml`: what Material reads from `theme`, `extra`,
//! `extra_css`, `extra_javascript` and `repo_name`, and the static files and announcement
//! banner of `theme.custom_dir`. Each one takes effect or is named in one warning.

use crate::diag::{Diagnostic, Severity};
use serde_norway::{Mapping, Value};
use std::path::{Path, PathBuf};

/// How the theme looks and what it links, beyond the site's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeSettings {
    /// Stylesheets linked after the theme's own (`extra_css`), as written.
    pub extra_css: Vec<String>,
    /// Scripts loaded after the theme's own (`extra_javascript`).
    pub extra_javascript: Vec<Script>,
    /// `theme.logo`: an image path relative to the docs folder, or a URL.
    pub logo: Option<String>,
    /// `theme.icon.logo`, `theme.icon.repo`, `theme.icon.edit`: SVG markup.
    pub logo_icon: Option<String>,
    pub repo_icon: Option<String>,
    pub edit_icon: Option<String>,
    /// CSS from `theme.palette` and `theme.icon.admonition`, for every page's head.
    pub style: String,
    /// The header takes the palette's primary colour.
    pub primary_header: bool,
    /// `light` or `dark` when the palette fixes the scheme (no toggle).
    pub fixed_scheme: Option<&'static str>,
    /// The repository link's label (`repo_name`).
    pub repo_name: Option<String>,
    /// Footer links (`extra.social`).
    pub social: Vec<SocialLink>,
    /// Where the logo and site title lead (`extra.homepage`), instead of the home page.
    pub homepage: Option<String>,
    /// No "Made with Waymark" line (`extra.generator: false`).
    pub hide_generator: bool,
    /// The language switcher between separately built sites (`extra.alternate`).
    pub alternate: Vec<Alternate>,
    /// The version selector of a site deployed with mike (`extra.version`).
    pub versions: Option<Versions>,
    /// Static files of `theme.custom_dir`: the path in the site and the file.
    pub static_files: Vec<(String, PathBuf)>,
    /// Plain HTML of `{% block announce %}` in `theme.custom_dir`'s `main.html`.
    pub announcement_html: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub src: String,
    /// The `type` attribute (`module` for `.mjs` files).
    pub kind: Option<String>,
    pub is_async: bool,
    pub defer: bool,
}

impl Script {
    /// A script at `src`, loaded in order (a module when it is an `.mjs` file).
    pub fn plain(src: &str) -> Script {
        Script {
            kind: src.ends_with(".mjs").then(|| "module".to_string()),
            src: src.to_string(),
            is_async: false,
            defer: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialLink {
    pub link: String,
    /// The accessible name: `name`, else the link's host.
    pub name: String,
    pub icon: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    pub name: String,
    pub link: String,
    pub lang: Option<String>,
}

/// Material's version selector for sites that mike deploys, one version per folder beside
/// its `versions.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    /// Patterns (case-insensitive regular expressions) for the aliases of the versions
    /// that are not outdated (`default`, `latest` unless set).
    pub default: Vec<String>,
    /// Show each version's aliases beside its title (`alias`).
    pub alias: bool,
}

/// Material's named colours: (name, primary, accent).
const COLOURS: &[(&str, &str, Option<&str>)] = &[
    ("red", "#ef5552", Some("#ff1a47")),
    ("pink", "#e92063", Some("#f50056")),
    ("purple", "#ab47bd", Some("#df41fb")),
    ("deep-purple", "#7e56c2", Some("#7c4dff")),
    ("indigo", "#4051b5", Some("#526cfe")),
    ("blue", "#2094f3", Some("#4287ff")),
    ("light-blue", "#02a6f2", Some("#0091eb")),
    ("cyan", "#00bdd6", Some("#00bad6")),
    ("teal", "#009485", Some("#00bda4")),
    ("green", "#4cae4f", Some("#00c753")),
    ("light-green", "#8bc34b", Some("#63de17")),
    ("lime", "#cbdc38", Some("#b0eb00")),
    ("yellow", "#ffec3d", Some("#ffd500")),
    ("amber", "#ffc105", Some("#ffaa00")),
    ("orange", "#ffa724", Some("#ff9100")),
    ("deep-orange", "#ff6e42", Some("#ff6e42")),
    ("brown", "#795649", None),
    ("grey", "#757575", None),
    ("blue-grey", "#546d78", None),
    ("black", "#000000", None),
    ("white", "#ffffff", None),
];

/// Material's `theme` keys applied here or elsewhere in the configuration reader.
const THEME_KEYS: &[&str] = &[
    "name",
    "custom_dir",
    "language",
    "features",
    "palette",
    "font",
    "icon",
    "logo",
    "favicon",
];

/// Material's documented `extra` keys that Waymark does not apply.
const UNUSED_EXTRA: &[(&str, &str)] = &[
    (
        "analytics",
        "Waymark adds no analytics: the site loads nothing from other hosts",
    ),
    ("consent", "Waymark sets no cookies and asks for no consent"),
    ("status", "page status icons are not shown"),
    ("tags", "tag icons are not shown"),
    ("annotate", "code annotations are not added by selector"),
];

/// Reads the theme-facing settings of `root`. `at(key, message, hint)` makes a warning
/// located at `key` (a dotted path, `theme.font`, where the format shows nested keys on
/// lines of their own, else its top-level key); the returned diagnostics are warnings, or errors for URLs
/// that would run code.
pub fn read(
    root: &Mapping,
    project_dir: &Path,
    docs_dir: &Path,
    at: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> (ThemeSettings, Vec<Diagnostic>) {
    let mut s = ThemeSettings::default();
    let mut out = Vec::new();
    let empty = Mapping::new();
    let theme = root
        .get("theme")
        .and_then(Value::as_mapping)
        .unwrap_or(&empty);
    let extra = root
        .get("extra")
        .and_then(Value::as_mapping)
        .unwrap_or(&empty);
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let check_url =
        |key: &str, what: String, url: &str, out: &mut Vec<Diagnostic>| match super::unsafe_url(
            &what, url,
        ) {
            Some(problem) => {
                out.push(at(key, problem, super::UNSAFE_URL_HINT).with_severity(Severity::Error));
                false
            }
            None => true,
        };

    for css in list(root.get("extra_css")) {
        match css.as_str() {
            Some(href)
                if check_url(
                    "extra_css",
                    format!("`extra_css` entry `{href}`"),
                    href,
                    &mut out,
                ) =>
            {
                s.extra_css.push(href.to_string())
            }
            _ => {}
        }
    }
    for script in list(root.get("extra_javascript")) {
        let script = match script {
            Value::String(src) => Some(Script::plain(src)),
            Value::Mapping(map) => text(map.get("path")).map(|src| Script {
                kind: text(map.get("type"))
                    .or_else(|| src.ends_with(".mjs").then(|| "module".to_string())),
                src,
                is_async: map.get("async").and_then(Value::as_bool).unwrap_or(false),
                defer: map.get("defer").and_then(Value::as_bool).unwrap_or(false),
            }),
            _ => None,
        };
        if let Some(script) = script {
            let what = format!("`extra_javascript` entry `{}`", script.src);
            if check_url("extra_javascript", what, &script.src, &mut out) {
                s.extra_javascript.push(script);
            }
        }
    }

    let custom_dir = text(theme.get("custom_dir")).map(|dir| project_dir.join(dir));
    for key in theme.keys().filter_map(Value::as_str) {
        if !THEME_KEYS.contains(&key) {
            out.push(at(
                &format!("theme.{key}"),
                format!("`theme.{key}` is not used by Waymark"),
                "remove it, or ignore this warning",
            ));
        }
    }
    if let Some(logo) = text(theme.get("logo")) {
        let found = crate::model::links::is_external(&logo)
            || docs_dir.join(&logo).is_file()
            || custom_dir.as_ref().is_some_and(|d| d.join(&logo).is_file());
        if !found {
            out.push(at(
                "theme.logo",
                format!("`theme.logo` names `{logo}`, which is in neither the docs folder nor `theme.custom_dir`"),
                "the path is relative to the docs folder",
            ));
        } else if check_url("theme", "`theme.logo`".into(), &logo, &mut out) {
            s.logo = Some(logo);
        }
    }
    let icon_svg = |name: &str| -> Option<String> {
        let own = custom_dir
            .as_ref()
            .map(|d| d.join(".icons").join(format!("{name}.svg")))
            .and_then(|file| std::fs::read_to_string(file).ok())
            .filter(|svg| svg.trim_start().starts_with("<svg"));
        own.or_else(|| crate::markdown::icons::svg(name))
    };
    let find_icon = |key: &str, name: &str, out: &mut Vec<Diagnostic>| {
        let svg = icon_svg(name);
        if svg.is_none() {
            out.push(at(
                "theme.icon",
                format!("`theme.icon.{key}` names `{name}`, which is not among the bundled icons"),
                "use a Material, FontAwesome or Octicons name such as `material/library`",
            ));
        }
        svg
    };
    if let Some(icons) = theme.get("icon").and_then(Value::as_mapping) {
        for (key, value) in icons {
            let Some(key) = key.as_str() else { continue };
            match (key, value) {
                ("logo", Value::String(name)) => s.logo_icon = find_icon(key, name, &mut out),
                ("repo", Value::String(name)) => s.repo_icon = find_icon(key, name, &mut out),
                ("edit", Value::String(name)) => s.edit_icon = find_icon(key, name, &mut out),
                ("admonition", Value::Mapping(kinds)) => {
                    for (kind, name) in kinds {
                        let (Some(kind), Some(name)) = (kind.as_str(), name.as_str()) else {
                            continue;
                        };
                        let safe = kind
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                        if let Some(svg) = find_icon(&format!("admonition.{kind}"), name, &mut out)
                            .filter(|_| safe)
                        {
                            s.style.push_str(&format!(
                                ".admonition.{kind}{{--adm-icon:url(\"data:image/svg+xml,{}\")}}\n",
                                data_url_text(&svg)
                            ));
                        }
                    }
                }
                _ => out.push(at(
                    "theme",
                    format!("`theme.icon.{key}` is not used by Waymark"),
                    "Waymark's own icon is shown there",
                )),
            }
        }
    }
    match theme.get("font") {
        None | Some(Value::Bool(_)) => {}
        Some(font) => {
            let names: Vec<&str> = font
                .as_mapping()
                .map(|m| m.values().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            out.push(at(
                "theme.font",
                format!(
                    "`theme.font` names web fonts ({}), which Waymark does not download",
                    names.join(", ")
                ),
                "the site uses the reader's system fonts; `font: false` says the same",
            ));
        }
    }
    if let Some(value) = theme.get("palette") {
        palette(value, &mut s, &mut out, at);
    }

    s.repo_name = text(root.get("repo_name")).filter(|n| !n.is_empty());
    for item in list(extra.get("social")) {
        let Some(link) = text(item.get("link")) else {
            continue;
        };
        if !check_url(
            "extra",
            format!("`extra.social` link `{link}`"),
            &link,
            &mut out,
        ) {
            continue;
        }
        let name = text(item.get("name")).unwrap_or_else(|| {
            let host = link.split("://").nth(1).unwrap_or(&link);
            host.split('/')
                .next()
                .unwrap_or(host)
                .trim_start_matches("www.")
                .to_string()
        });
        let icon = match text(item.get("icon")) {
            Some(name) => find_icon("social", &name, &mut out),
            None => None,
        };
        s.social.push(SocialLink { link, name, icon });
    }
    s.homepage = text(extra.get("homepage"))
        .filter(|url| check_url("extra", "`extra.homepage`".into(), url, &mut out));
    s.hide_generator = extra.get("generator").and_then(Value::as_bool) == Some(false);
    for item in list(extra.get("alternate")) {
        let (Some(name), Some(link)) = (text(item.get("name")), text(item.get("link"))) else {
            continue;
        };
        if check_url(
            "extra",
            format!("`extra.alternate` link `{link}`"),
            &link,
            &mut out,
        ) {
            let lang = text(item.get("lang")).filter(|l| super::is_language_tag(l));
            s.alternate.push(Alternate { name, link, lang });
        }
    }
    if let Some(version) = extra.get("version") {
        let provider = version.as_mapping().and_then(|v| text(v.get("provider")));
        match provider.as_deref() {
            Some("mike") => {
                let default = match version.get("default") {
                    Some(Value::Sequence(list)) => {
                        list.iter().filter_map(|v| text(Some(v))).collect()
                    }
                    Some(one) => text(Some(one)).into_iter().collect(),
                    None => vec!["latest".to_string()],
                };
                s.versions = Some(Versions {
                    default,
                    alias: version.get("alias").and_then(Value::as_bool) == Some(true),
                });
            }
            other => out.push(at(
                "extra.version",
                match other {
                    Some(other) => format!("`extra.version` provider `{other}` is not known: no version selector is shown"),
                    None => "`extra.version` names no `provider`: no version selector is shown".to_string(),
                },
                "Material's version selector works with `provider: mike`",
            )),
        }
    }
    for (key, why) in UNUSED_EXTRA {
        if extra.contains_key(*key) {
            out.push(at(
                &format!("extra.{key}"),
                format!("`extra.{key}` is not used by Waymark"),
                why,
            ));
        }
    }

    if let Some(dir) = &custom_dir {
        s.static_files = static_files(dir);
        let mut message =
            "`theme.custom_dir` holds MkDocs templates, which Waymark cannot use".to_string();
        match announce_block(dir) {
            Some(Ok(html)) => s.announcement_html = Some(html),
            Some(Err(())) => message.push_str(
                "; the announcement banner in its main.html holds template logic and was not taken",
            ),
            None => {}
        }
        out.push(at(
            "theme",
            message,
            "its other files (images, stylesheets, scripts) are copied into the site, and the default theme is used; see the theming guide to override it with Tera templates",
        ));
    }
    (s, out)
}

fn list(value: Option<&Value>) -> &[Value] {
    value
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

/// SVG markup as the text of a `data:` URL inside `url("...")`.
fn data_url_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 64);
    for c in svg.chars() {
        match c {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Which colours each scheme gets.
#[derive(Default, Clone, Copy)]
struct Colours {
    primary: Option<&'static str>,
    accent: Option<&'static str>,
}

/// `theme.palette`: one mapping (a fixed scheme) or a list of them (the toggle), each with
/// `scheme`, `primary`, `accent`, `media` and `toggle`.
fn palette(
    value: &Value,
    s: &mut ThemeSettings,
    out: &mut Vec<Diagnostic>,
    at: &dyn Fn(&str, String, &str) -> Diagnostic,
) {
    let entries: Vec<&Mapping> = match value {
        Value::Mapping(one) => vec![one],
        Value::Sequence(many) => many.iter().filter_map(Value::as_mapping).collect(),
        _ => Vec::new(),
    };
    let (mut light, mut dark, mut both) =
        (Colours::default(), Colours::default(), Colours::default());
    let mut schemes = Vec::new();
    for entry in &entries {
        let get = |key: &str| entry.get(key).and_then(Value::as_str);
        let scheme = get("scheme").unwrap_or("default");
        let media = get("media").unwrap_or("");
        let is_dark = if media.contains("dark") {
            Some(true)
        } else if media.contains("light") {
            Some(false)
        } else if !media.is_empty() {
            None
        } else {
            Some(scheme == "slate")
        };
        if !["default", "slate"].contains(&scheme) && entry.contains_key("scheme") {
            out.push(at(
                "theme.palette",
                format!("`theme.palette` scheme `{scheme}` is defined by the site's own CSS for Material, which Waymark's theme does not read"),
                "Waymark's light or dark colours are used for it",
            ));
        }
        let mut colours = Colours::default();
        for (key, slot) in [
            ("primary", &mut colours.primary),
            ("accent", &mut colours.accent),
        ] {
            let Some(name) = get(key) else { continue };
            let name = name.to_ascii_lowercase().replace(' ', "-");
            let found = COLOURS.iter().find(|(n, _, _)| *n == name);
            *slot = match (key, found) {
                ("primary", Some((_, primary, _))) => Some(*primary),
                ("accent", Some((_, _, Some(accent)))) => Some(*accent),
                _ => {
                    out.push(at(
                        "theme.palette",
                        format!("`theme.palette` {key} colour `{name}` is not one of Material's named colours"),
                        "use a name such as `indigo`, `teal` or `deep-orange`; Waymark's own colour is used",
                    ));
                    None
                }
            };
        }
        let target = match is_dark {
            Some(true) => &mut dark,
            Some(false) => &mut light,
            None => &mut both,
        };
        target.primary = target.primary.or(colours.primary);
        target.accent = target.accent.or(colours.accent);
        if is_dark.is_some() {
            schemes.push(is_dark == Some(true));
        }
    }
    if let [only] = entries.as_slice() {
        if !only.contains_key("toggle") {
            s.fixed_scheme = Some(if schemes == [true] { "dark" } else { "light" });
        }
    }
    let any = [light, dark, both]
        .iter()
        .any(|c| c.primary.is_some() || c.accent.is_some());
    if !any {
        return;
    }
    // Material's default colours stand in where one scheme names none.
    let pick = |own: Option<&'static str>, shared: Option<&'static str>, default| {
        own.or(shared).unwrap_or(default)
    };
    let light = (
        pick(light.primary, both.primary, "#4051b5"),
        pick(light.accent, both.accent, "#526cfe"),
    );
    let dark = (
        pick(dark.primary, both.primary, "#4051b5"),
        pick(dark.accent, both.accent, "#526cfe"),
    );
    s.primary_header = true;
    s.style.push_str(&palette_css(light, dark));
}

/// CSS custom properties for the (primary, accent) colours of the light and dark schemes.
/// The header takes the primary colour with black or white text, whichever reads better;
/// links and buttons take the colours darkened or lightened to 4.5:1 against the page.
fn palette_css(light: (&str, &str), dark: (&str, &str)) -> String {
    const LIGHT_BG: Rgb = Rgb(0xf6, 0xf8, 0xfa);
    const DARK_BG: Rgb = Rgb(0x16, 0x1b, 0x22);
    let on_light = |c: &str| readable(Rgb::parse(c), LIGHT_BG, Rgb(0, 0, 0)).hex();
    let on_dark = |c: &str| readable(Rgb::parse(c), DARK_BG, Rgb(255, 255, 255)).hex();
    let fg = |c: &str| {
        let c = Rgb::parse(c);
        let (white, black) = (Rgb(255, 255, 255), Rgb(0x0f, 0x14, 0x19));
        if contrast(c, white) >= contrast(c, black) {
            white.hex()
        } else {
            black.hex()
        }
    };
    format!(
        ":root{{--primary:light-dark({lp},{dp});--primary-fg:light-dark({lf},{df});--link:light-dark({ll},{dl});--link-hover:var(--text);--accent:light-dark({la},{da});--accent-hover:light-dark({ll},{dl});--focus:light-dark({la},{da});--accent-tint:light-dark(color-mix(in srgb,{la} 14%,#fff),color-mix(in srgb,{da} 22%,#0f1419))}}\n",
        lp = light.0,
        dp = dark.0,
        lf = fg(light.0),
        df = fg(dark.0),
        ll = on_light(light.0),
        dl = on_dark(dark.0),
        la = on_light(light.1),
        da = on_dark(dark.1),
    )
}

#[derive(Clone, Copy, PartialEq, Debug)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn parse(hex: &str) -> Rgb {
        let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn mix(self, other: Rgb, amount: f64) -> Rgb {
        let m =
            |a: u8, b: u8| (f64::from(a) * (1.0 - amount) + f64::from(b) * amount).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The WCAG contrast ratio of two colours.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour` mixed towards `towards` until it has 4.5:1 contrast against `background`.
fn readable(colour: Rgb, background: Rgb, towards: Rgb) -> Rgb {
    (0..=20)
        .map(|step| colour.mix(towards, f64::from(step) * 0.05))
        .find(|c| contrast(*c, background) >= 4.5)
        .unwrap_or(towards)
}

/// Files of a theme folder that MkDocs copies into the site: all but templates, Python,
/// Markdown, dotfiles, READMEs, `mkdocs_theme.yml` and translations.
fn static_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for (rel, path) in crate::load::files_under(dir, true) {
        let lower = rel.to_lowercase();
        let skipped = [
            ".py",
            ".pyc",
            ".html",
            ".md",
            ".markdown",
            ".mdown",
            ".mkdn",
            ".mkd",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
            || lower.contains("readme")
            || lower == "mkdocs_theme.yml"
            || lower.starts_with("locales/");
        if !skipped {
            files.push((rel, path));
        }
    }
    files
}

/// The body of `{% block announce %}` in the folder's `main.html`: its HTML when it is
/// plain, an error when it holds template logic, nothing when there is no such block.
fn announce_block(dir: &Path) -> Option<Result<String, ()>> {
    let text = std::fs::read_to_string(dir.join("main.html")).ok()?;
    let tag = |from: usize, words: &[&str]| -> Option<(usize, usize)> {
        let mut at = from;
        loop {
            let start = at + text[at..].find("{%")?;
            let end = start + text[start..].find("%}")? + 2;
            let inner: Vec<&str> = text[start + 2..end - 2]
                .trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace())
                .split_whitespace()
                .collect();
            if inner.starts_with(words) {
                return Some((start, end));
            }
            at = end;
        }
    };
    let (_, open_end) = tag(0, &["block", "announce"])?;
    let Some((close, _)) = tag(open_end, &["endblock"]) else {
        return Some(Err(()));
    };
    let body = text[open_end..close].trim();
    if ["{%", "{{", "{#"].iter().any(|t| body.contains(t)) {
        return Some(Err(()));
    }
    Some(Ok(body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_yaml(text: &str) -> (ThemeSettings, Vec<String>) {
        let root: Mapping = serde_norway::from_str(text).unwrap();
        let at = |_: &str, m: String, _: &str| Diagnostic::warning(m);
        let (s, out) = read(
            &root,
            Path::new("/nonexistent"),
            Path::new("/nonexistent/docs"),
            &at,
        );
        (s, out.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn palette_colours_meet_aa_contrast() {
        for (_, primary, accent) in COLOURS {
            for c in [Some(*primary), *accent].into_iter().flatten() {
                let c = Rgb::parse(c);
                let light = readable(c, Rgb(0xf6, 0xf8, 0xfa), Rgb(0, 0, 0));
                assert!(contrast(light, Rgb(0xf6, 0xf8, 0xfa)) >= 4.5);
                assert!(contrast(light, Rgb(255, 255, 255)) >= 4.5);
                let dark = readable(c, Rgb(0x16, 0x1b, 0x22), Rgb(255, 255, 255));
                assert!(contrast(dark, Rgb(0x0f, 0x14, 0x19)) >= 4.5);
            }
        }
    }

    #[test]
    fn one_palette_fixes_the_scheme_a_list_keeps_the_toggle() {
        let (s, warnings) = read_yaml("theme:\n  palette:\n    scheme: slate\n    primary: teal\n");
        assert_eq!(s.fixed_scheme, Some("dark"));
        assert!(
            s.primary_header && s.style.contains("--primary:light-dark(#4051b5,#009485)"),
            "{}",
            s.style
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let (s, _) = read_yaml("theme:\n  palette:\n    - media: '(prefers-color-scheme: light)'\n      scheme: default\n      primary: amber\n      toggle: {icon: x, name: y}\n    - media: '(prefers-color-scheme: dark)'\n      scheme: slate\n      primary: black\n      toggle: {icon: x, name: y}\n");
        assert_eq!(s.fixed_scheme, None);
        // Black text on amber, white on black.
        assert!(
            s.style.contains("--primary-fg:light-dark(#0f1419,#ffffff)"),
            "{}",
            s.style
        );
    }

    #[test]
    fn unknown_names_are_warned_about() {
        let (_, warnings) = read_yaml("theme:\n  font:\n    text: Roboto\n  highlightjs: true\n  icon:\n    repo: material/no-such-icon\n    menu: material/menu\n  palette:\n    primary: custom\nextra:\n  analytics: {provider: google}\n");
        assert_eq!(
            warnings,
            [
                "`theme.highlightjs` is not used by Waymark",
                "`theme.icon.repo` names `material/no-such-icon`, which is not among the bundled icons",
                "`theme.icon.menu` is not used by Waymark",
                "`theme.font` names web fonts (Roboto), which Waymark does not download",
                "`theme.palette` primary colour `custom` is not one of Material's named colours",
                "`extra.analytics` is not used by Waymark",
            ]
        );
    }
}
