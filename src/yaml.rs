//! YAML read as MkDocs reads it (PyYAML: a key written twice keeps its last value, and the
//! reader is told which keys those were), with a bound on what it may expand to. An alias (`*name`) repeats its
//! anchor's whole value, so a 1 MB page that names a 1 MB string 5,000 times asks for
//! 5 GB. The parser replays an alias without copying it; the copy is made when the value
//! is built, which is where this module counts and stops.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde_norway::value::{Tag, TaggedValue};
use serde_norway::{Mapping, Value};
use std::cell::{Cell, RefCell};
use std::fmt;

mod plain;

/// Bytes a document may expand to beyond its own size: room for a few legitimate aliases.
const ALLOWANCE: usize = 64 * 1024;

/// Why a document could not be read.
#[derive(Debug)]
pub enum Error {
    /// Not valid YAML.
    Syntax(serde_norway::Error),
    /// Valid, but its aliases expand to more than `limit` bytes.
    TooLarge { limit: usize },
}

/// A document read, and the keys that were written twice in one mapping (each time
/// after the first), in the order met.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub value: Value,
    pub duplicates: Vec<String>,
}

/// A mapping key as text: a string as it is, any other value (`2024: ...`) as YAML writes it.
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        other => serde_norway::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Parses `text` into a value, refusing documents whose aliases expand to more than about
/// four times the text's size (plus a small allowance).
pub fn parse(text: &str) -> Result<Parsed, Error> {
    if let Some(value) = plain::read(text) {
        return Ok(Parsed {
            value,
            duplicates: Vec::new(),
        });
    }
    let limit = text.len().saturating_mul(4).saturating_add(ALLOWANCE);
    let remaining = Cell::new(limit);
    let duplicates = RefCell::new(Vec::new());
    let result = Bounded {
        remaining: &remaining,
        duplicates: &duplicates,
    }
    .deserialize(serde_norway::Deserializer::from_str(text));
    match result {
        Ok(value) => Ok(Parsed {
            value,
            duplicates: duplicates.into_inner(),
        }),
        Err(_) if remaining.get() == 0 => Err(Error::TooLarge { limit }),
        Err(err) => Err(Error::Syntax(err)),
    }
}

/// Builds a [`Value`] as serde_norway's own `Deserialize` does, charging every node and
/// every byte of text to a shared budget.
#[derive(Clone, Copy)]
struct Bounded<'b> {
    remaining: &'b Cell<usize>,
    duplicates: &'b RefCell<Vec<String>>,
}

impl Bounded<'_> {
    fn charge<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        // Every node costs at least one, so deep or wide alias trees are counted too.
        let cost = bytes.saturating_add(1);
        match self.remaining.get().checked_sub(cost) {
            Some(left) => {
                self.remaining.set(left);
                Ok(())
            }
            None => {
                self.remaining.set(0);
                Err(E::custom("the document's aliases expand to too much text"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        self.charge(0)?;
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        self.charge(0)?;
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        self.charge(0)?;
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        self.charge(0)?;
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        self.charge(s.len())?;
        Ok(Value::String(s.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.charge(0)?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.charge(0)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.charge(0)?;
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            // As PyYAML (and so MkDocs) does, the last value wins; the caller says so.
            if mapping.contains_key(&key) {
                self.duplicates.borrow_mut().push(key_text(&key));
            }
            let value = map.next_value_seed(self)?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        self.charge(tag.len())?;
        let value = de::VariantAccess::newtype_variant_seed(contents, self)?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_norway_reads() {
        for text in [
            "title: Setup\nweight: 3\nratio: 1.5\ndraft: false\nnothing: ~\n",
            "tags: [a, b]\nnested: {x: [1, {y: z}]}\n",
            "base: &b {x: 1}\ncopy: *b\n",
            "env: !ENV HOME\nlist: !!python/name:os.getcwd\n",
            "- one\n- two\n",
            "",
        ] {
            let expected: Value = serde_norway::from_str(text).unwrap();
            assert_eq!(parse(text).unwrap().value, expected, "{text}");
        }
    }

    #[test]
    fn refuses_aliases_that_expand_past_the_bound() {
        let big = "x".repeat(100_000);
        let references = vec!["*b"; 50].join(", ");
        let text = format!("big: &b {big}\nrefs: [{references}]\n");
        match parse(&text) {
            Err(Error::TooLarge { limit }) => assert_eq!(limit, text.len() * 4 + ALLOWANCE),
            other => panic!("expected TooLarge, got {other:?}"),
        }
        // Nested aliases that double at every level ("billion laughs").
        let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (name, previous) in ["bcdefghij".chars().zip("abcdefghi".chars())]
            .into_iter()
            .flatten()
        {
            let row = vec![format!("*{previous}"); 8].join(", ");
            laughs.push_str(&format!("{name}: &{name} [{row}]\n"));
        }
        assert!(matches!(parse(&laughs), Err(Error::TooLarge { .. })));
        // A few legitimate references are fine.
        let text = format!("big: &b {}\nrefs: [*b, *b]\n", "y".repeat(1000));
        assert!(parse(&text).is_ok_and(|parsed| parsed.duplicates.is_empty()));
    }

    #[test]
    fn syntax_errors_stay_syntax_errors() {
        assert!(matches!(parse("a: [1, 2\n"), Err(Error::Syntax(_))));
        assert!(matches!(parse("a: *missing\n"), Err(Error::Syntax(_))));
    }

    /// Found by the `yaml` fuzz target: a key written twice was kept silently. MkDocs
    /// (PyYAML) keeps the last value, and real projects rely on it (uvicorn's mkdocs.yml
    /// has `plugins:` twice), so the last value wins and the key is reported.
    #[test]
    fn a_key_written_twice_keeps_its_last_value_and_is_reported() {
        let text = "title: x\nbase: &b {a: 1, list: [1, 2]}\ncopy:  x\nbase: [2]\nplugins: [a]\nplugins: [b]\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.duplicates, ["base", "plugins"]);
        assert_eq!(
            parsed.value["base"],
            serde_norway::from_str::<Value>("[2]").unwrap()
        );
        assert_eq!(
            parsed.value["plugins"],
            serde_norway::from_str::<Value>("[b]").unwrap()
        );
    }
}
