//! pymdownx.smartsymbols: ASCII stand-ins become the symbols they stand for, in text
//! (never in code): `(c)` ©, `(r)` ®, `(tm)` ™, `c/o` ℅, `+/-` ±, `-->` →, `<--` ←,
//! `<-->` ↔, `=/=` ≠, and fractions such as `1/2` ½ standing alone.

/// Stand-ins and their symbols; a longer one before any it starts with.
const SYMBOLS: &[(&str, &str)] = &[
    ("(tm)", "™"),
    ("(TM)", "™"),
    ("(c)", "©"),
    ("(C)", "©"),
    ("(r)", "®"),
    ("(R)", "®"),
    ("+/-", "±"),
    ("<-->", "↔"),
    ("-->", "→"),
    ("<--", "←"),
    ("=/=", "≠"),
];

/// Stand-ins that count only as whole words (`c/o`, but not `abc/on`; `1/2`, not `11/20`).
const WORDS: &[(&str, &str)] = &[
    ("c/o", "℅"),
    ("1/4", "¼"),
    ("1/2", "½"),
    ("3/4", "¾"),
    ("1/3", "⅓"),
    ("2/3", "⅔"),
    ("1/5", "⅕"),
    ("2/5", "⅖"),
    ("3/5", "⅗"),
    ("4/5", "⅘"),
    ("1/6", "⅙"),
    ("5/6", "⅚"),
    ("1/8", "⅛"),
    ("3/8", "⅜"),
    ("5/8", "⅝"),
    ("7/8", "⅞"),
];

/// `text` with its stand-ins replaced, or `None` when it has none.
pub fn replace(text: &str) -> Option<String> {
    if !text.contains(['(', '/', '-', '<']) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let word_before = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let found = SYMBOLS
            .iter()
            .find(|(from, _)| rest.starts_with(from))
            .or_else(|| {
                WORDS.iter().find(|(from, _)| {
                    !word_before
                        && rest.strip_prefix(from).is_some_and(|after| {
                            !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        })
                })
            });
        match found {
            Some((from, to)) => {
                out.push_str(to);
                at += from.len();
                changed = true;
            }
            None => {
                let c = rest.chars().next().expect("not at the end");
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_become_symbols() {
        assert_eq!(
            replace("Waymark(tm) (c) 2026 c/o the team: +/- 1/2 day --> done <-- back <--> =/= x")
                .as_deref(),
            Some("Waymark™ © 2026 ℅ the team: ± ½ day → done ← back ↔ ≠ x")
        );
        // Fractions and c/o only as whole words; dates and paths stay.
        assert_eq!(replace("11/20, 1/23, abc/o, 2026-1/2x, a-b"), None);
        // Characters of more than one byte next to a stand-in.
        assert_eq!(replace(":\u{a0} é(c)ö -").as_deref(), Some(":\u{a0} é©ö -"));
    }
}
