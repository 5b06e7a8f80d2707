//! pymdownx.blocks (`/// note`, `/// details | Summary`, `//// tab | Label`, `/// html |
//! div.card`): a header line of three or more slashes, YAML options indented by four
//! spaces right after it, a body that is not indented, and a line of the same slashes that
//! closes it. This module reads headers and options; the block pass finds the bodies and
//! writes the markup ([`super::blocks`]).

use super::admonition;
use super::attr_list::{self, Attrs};
use crate::config::extensions::BlockType;
use serde_norway::Value;

/// Admonition types a `/// type` block may name: pymdownx.blocks.admonition's defaults and
/// the types (and aliases) that Material styles.
const ADMONITION_TYPES: &[&str] = &[
    "note",
    "attention",
    "caution",
    "danger",
    "error",
    "tip",
    "hint",
    "warning",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "failure",
    "fail",
    "missing",
    "bug",
    "example",
    "quote",
    "cite",
];

/// A parsed `/// name | argument` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub slashes: usize,
    pub name: String,
    /// The text after `|` (a title, a tab label, an HTML selector), trimmed.
    pub argument: String,
}

/// Parses a header line (without indentation).
pub fn header(rest: &str) -> Option<Header> {
    let slashes = rest.bytes().take_while(|&b| b == b'/').count();
    if slashes < 3 {
        return None;
    }
    let after = rest[slashes..].trim();
    let (name, argument) = match after.split_once('|') {
        Some((name, argument)) => (name.trim(), argument.trim()),
        None => (after, ""),
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    valid.then(|| Header {
        slashes,
        name: name.to_string(),
        argument: argument.to_string(),
    })
}

/// Whether `rest` (a line without indentation) closes a block of `slashes` slashes.
pub fn closes(rest: &str, slashes: usize) -> bool {
    let rest = rest.trim_end();
    rest.len() == slashes && rest.bytes().all(|b| b == b'/')
}

/// The options a block's YAML gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `open: true` on details.
    pub open: bool,
    /// `new: true` on a tab: it starts a new set.
    pub new: bool,
    /// `select: true` on a tab.
    pub select: bool,
    /// `type: warning` on admonitions and details.
    pub kind: Option<String>,
    pub attrs: Attrs,
}

/// Parses the options block (dedented YAML); an error names what is wrong.
pub fn options(yaml: &str) -> Result<Options, String> {
    if yaml.trim().is_empty() {
        return Ok(Options::default());
    }
    match plain_flags(yaml) {
        Some(flags) => Ok(flags),
        None => parsed_options(yaml),
    }
}

/// The options read by the YAML parser.
fn parsed_options(yaml: &str) -> Result<Options, String> {
    let mut options = Options::default();
    let value: Value = serde_norway::from_str(yaml).map_err(|e| e.to_string())?;
    let Value::Mapping(map) = value else {
        return Err("the options must be `key: value` lines".into());
    };
    for (key, value) in &map {
        let flag = || value.as_bool().unwrap_or(false);
        match key.as_str().unwrap_or_default() {
            "open" => options.open = flag(),
            "new" => options.new = flag(),
            "select" => options.select = flag(),
            "type" => options.kind = value.as_str().map(str::to_lowercase),
            "attrs" => options.attrs = attrs(value)?,
            // Options of other block types (`markdown`, `tag`) change nothing here.
            _ => {}
        }
    }
    Ok(options)
}

/// The options when they are only `open`, `new` or `select` set to `true` or `false`, one
/// a line, as most blocks write them: read without a YAML parser, which costs a page with
/// a few blocks more than the rest of their reading.
fn plain_flags(yaml: &str) -> Option<Options> {
    let mut options = Options::default();
    for line in yaml.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        let (key, value) = line.split_once(": ")?;
        let value = match value.trim_start() {
            "true" => true,
            "false" => false,
            _ => return None,
        };
        match key {
            "open" => options.open = value,
            "new" => options.new = value,
            "select" => options.select = value,
            _ => return None,
        }
    }
    Some(options)
}

/// `attrs: {class: x, id: y}` or `attrs: ".x #y"`.
fn attrs(value: &Value) -> Result<Attrs, String> {
    match value {
        Value::Mapping(map) => {
            let mut attrs = Attrs::default();
            for (key, value) in map {
                let key = key.as_str().unwrap_or_default().to_string();
                let value = match value {
                    Value::String(s) => s.clone(),
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => return Err(format!("`attrs: {key}` must be text")),
                };
                match key.as_str() {
                    "id" => attrs.id = Some(value),
                    "class" => attrs
                        .classes
                        .extend(value.split_whitespace().map(str::to_string)),
                    _ => attrs.pairs.push((key, value)),
                }
            }
            Ok(attrs)
        }
        Value::String(text) => attr_list::parse_whole(&format!("{{{text}}}"))
            .ok_or_else(|| format!("`attrs: {text}` is no attribute list")),
        _ => Err("`attrs` must be a mapping such as `{class: wide}`".into()),
    }
}

/// What a block becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An admonition box or (with `collapsible`) a details block.
    Box(admonition::Marker),
    Tab {
        label: String,
    },
    /// An HTML element: its opening tag and its name.
    Html {
        open: String,
        tag: String,
    },
    /// A definition list (`/// define`): its opening tag.
    Define {
        open: String,
    },
    /// A caption for the block before: numbered as "Figure" or "Table", or not numbered.
    Caption {
        numbered: Option<Numbered>,
    },
    Unknown,
}

/// What the block `header` with `options` is; `declared` are the project's own types.
pub fn kind(header: &Header, options: &Options, declared: &[BlockType]) -> Kind {
    let title = (!header.argument.is_empty()).then(|| header.argument.clone());
    let boxed = |kind: Option<&str>, collapsible| {
        let mut classes: Vec<String> = kind.map(str::to_string).into_iter().collect();
        classes.extend(options.attrs.classes.iter().cloned());
        let attrs = Attrs {
            classes: Vec::new(),
            ..options.attrs.clone()
        };
        Kind::Box(admonition::Marker {
            collapsible,
            classes,
            // Without a type or title the title would be "Note": pymdownx shows the type.
            title: title.clone().or_else(|| kind.is_none().then(String::new)),
            attrs: attrs.html(None),
        })
    };
    let name = header.name.to_lowercase();
    match name.as_str() {
        "admonition" => boxed(options.kind.as_deref(), None),
        "details" => boxed(options.kind.as_deref(), Some(options.open)),
        "define" => Kind::Define {
            open: format!("<dl{}>", options.attrs.html(None)),
        },
        "caption" => Kind::Caption { numbered: None },
        "figure-caption" => Kind::Caption {
            numbered: Some(Numbered::Figure),
        },
        "table-caption" => Kind::Caption {
            numbered: Some(Numbered::Table),
        },
        "tab" => Kind::Tab {
            label: header.argument.clone(),
        },
        "html" => html(&header.argument, &options.attrs).unwrap_or(Kind::Unknown),
        _ => match declared.iter().find(|t| t.name.eq_ignore_ascii_case(&name)) {
            Some(declared) => {
                let collapsible = declared.collapsible.then_some(options.open);
                let mut kind = boxed(Some(&declared.class), collapsible);
                if let Kind::Box(marker) = &mut kind {
                    marker.title.get_or_insert_with(|| declared.title.clone());
                }
                kind
            }
            None if ADMONITION_TYPES.contains(&name.as_str()) => {
                boxed(Some(options.kind.as_deref().unwrap_or(&name)), None)
            }
            None => Kind::Unknown,
        },
    }
}

/// What a numbered caption counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbered {
    Figure,
    Table,
}

impl Numbered {
    /// The id prefix and the word before the number, as pymdownx.blocks.caption writes them.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Numbered::Figure => ("figure-caption", "Figure"),
            Numbered::Table => ("table-caption", "Table"),
        }
    }
}

/// `div.card#c1`: an element name with classes and an id.
fn html(selector: &str, extra: &Attrs) -> Option<Kind> {
    let end = selector.find(['.', '#', '[']).unwrap_or(selector.len());
    let tag = &selector[..end];
    if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let mut attrs = Attrs::default();
    let mut rest = &selector[end..];
    while let Some(mark) = rest.chars().next() {
        if mark == '[' {
            let (name, value, after) = attribute_selector(&rest[1..])?;
            attrs.pairs.push((name.to_string(), value.to_string()));
            rest = after;
            continue;
        }
        let next = rest[1..]
            .find(['.', '#', '['])
            .map_or(rest.len(), |i| i + 1);
        let word = &rest[1..next];
        if word.is_empty() {
            return None;
        }
        if mark == '#' {
            attrs.id = Some(word.to_string());
        } else {
            attrs.classes.push(word.to_string());
        }
        rest = &rest[next..];
    }
    attrs.classes.extend(extra.classes.iter().cloned());
    attrs.id = extra.id.clone().or(attrs.id);
    attrs.pairs.extend(extra.pairs.iter().cloned());
    Some(Kind::Html {
        open: format!("<{tag}{}>", attrs.html(None)),
        tag: tag.to_string(),
    })
}

/// `name=value]`, `name='a value']` or `name]` (after the `[`) of an HTML block's selector:
/// the name, the value (the name itself when none is given, as pymdownx writes it) and
/// the text after the `]`.
fn attribute_selector(text: &str) -> Option<(&str, &str, &str)> {
    let name_end = text.find(['=', ']'])?;
    let name = text[..name_end].trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    if text[name_end..].starts_with(']') {
        return Some((name, name, &text[name_end + 1..]));
    }
    let value = &text[name_end + 1..];
    let (value, after) = match value.chars().next()? {
        quote @ ('\'' | '"') => {
            let close = value[1..].find(quote)? + 1;
            (&value[1..close], value[close + 1..].strip_prefix(']')?)
        }
        _ => value.split_once(']')?,
    };
    Some((name, value, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headers_closers_and_options() {
        let h = header("//// tab | Python 3.10+").unwrap();
        assert_eq!((h.slashes, h.name.as_str()), (4, "tab"));
        assert_eq!(h.argument, "Python 3.10+");
        assert_eq!(header("/// note").unwrap().argument, "");
        assert!(header("///").is_none());
        assert!(header("// note").is_none());
        assert!(header("/// a b").is_none());
        assert!(closes("///  ", 3) && !closes("////", 3) && !closes("/// x", 3));
        // Flags read without the YAML parser read as it reads them; the rest is left to it.
        for yaml in [
            "open: true\n",
            "open: false\nnew: true\n",
            "select: true\n\nnew: false",
        ] {
            assert_eq!(
                plain_flags(yaml),
                Some(parsed_options(yaml).unwrap()),
                "{yaml}"
            );
        }
        for yaml in [
            "open: yes",
            "open: True",
            "open: true # c",
            "type: note",
            " open: true",
        ] {
            assert_eq!(plain_flags(yaml), None, "{yaml}");
        }
        let o = options("open: true\ntype: Warning\nattrs: {class: x, id: d1}\n").unwrap();
        assert!(o.open && !o.new);
        assert_eq!(o.kind.as_deref(), Some("warning"));
        assert_eq!(o.attrs.html(None), " id=\"d1\" class=\"x\"");
        assert!(options("- a list").is_err());
        assert_eq!(
            html("div.card.wide#c1", &Attrs::default()),
            Some(Kind::Html {
                open: "<div id=\"c1\" class=\"card wide\">".into(),
                tag: "div".into()
            })
        );
    }
}
