//! The theme: the built-in default (embedded in the binary) with a user's theme folder laid
//! over it file by file.

use crate::diag::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir};
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
    mermaid_gz: Option<Arc<[u8]>>,
    /// Changes whenever any file of the theme changes, so rebuilds know to start over.
    pub fingerprint: u64,
}

/// Every file of the theme by path relative to the theme folder: built-in files first,
/// replaced by the user's where both exist.
fn theme_files(user_dir: Option<&Path>, problems: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    if let Some(dir) = user_dir {
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
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(rel, bytes);
                }
                Err(err) => problems.push(
                    Diagnostic::error(format!("cannot read theme file: {err}"))
                        .in_file(entry.path()),
                ),
            }
        }
    }
    files
}

fn collect_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        files.insert(
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

/// Loads the theme, compiling every template; reports all template errors together.
pub fn load(user_dir: Option<&Path>) -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::new();
    let files = theme_files(user_dir, &mut problems);
    let fingerprint = {
        let mut hasher = std::hash::DefaultHasher::new();
        files.hash(&mut hasher);
        hasher.finish()
    };
    let mut templates = tera::Tera::default();
    // Tera's default also escapes `/`, which bloats every href; these five are enough for
    // text and quoted attribute values.
    templates.set_escape_fn(escape_html);
    let mut sources = Vec::new();
    let mut assets: BTreeMap<String, Arc<[u8]>> = BTreeMap::new();
    let mut mermaid = None;
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => sources.push((name.to_string(), text)),
                Err(_) => problems.push(
                    Diagnostic::error("template is not valid UTF-8")
                        .in_file(theme_path(user_dir, &path)),
                ),
            }
        } else if let Some(name) = path.strip_prefix("assets/") {
            assets.insert(name.to_string(), Arc::from(bytes));
        } else if path == MERMAID_SOURCE {
            mermaid = Some(Arc::from(bytes));
        }
    }
    if let Err(err) = templates.add_raw_templates(sources) {
        problems.push(
            Diagnostic::error(format!("theme template error: {}", error_chain(&err)))
                .in_file(
                    user_dir.map_or_else(|| "themes/default".into(), |d| d.display().to_string()),
                )
                .with_hint("fix the template syntax; the message names the template"),
        );
    }
    for required in REQUIRED_TEMPLATES {
        if !templates.get_template_names().any(|name| name == *required) {
            problems.push(
                Diagnostic::error(format!("the theme has no `templates/{required}`"))
                    .in_file(crate::config::CONFIG_FILE)
                    .with_hint("every theme needs page.html and 404.html; remove the override or add the file"),
            );
        }
    }
    assets.insert(
        "highlight.css".into(),
        Arc::from(crate::markdown::highlight::stylesheet().into_bytes()),
    );
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Theme {
        templates,
        assets,
        mermaid_gz: mermaid,
        fingerprint,
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

impl Theme {
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
