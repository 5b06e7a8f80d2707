//! pymdownx.smartsymbols: ASCII stand-ins become the symbols they stand for, in text
//! (never in code), by the extension's own rules: `(tm)` ™, `(c)` ©, `(r)` ® (lower case
//! only), `+/-` ±, `-->` →, `<--` ←, `<-->` ↔ (not inside a longer arrow), `=/=` ≠,
//! fractions such as `1/2` ½ not next to another digit, `c/o` ℅ as a word, and ordinals
//! (`1st`, `22nd`, `13th`; like pymdownx, `11st` too) with their suffix raised. Each group
//! can be switched off.

use super::is_word;
use crate::config::extensions::SmartSymbols;

/// Whether a group of stand-ins is switched on.
type Group = fn(&SmartSymbols) -> bool;

/// Stand-ins replaced wherever they stand, with the group that switches them on.
const SYMBOLS: &[(&str, &str, Group)] = &[
    ("(tm)", "™", |s| s.trademark),
    ("(c)", "©", |s| s.copyright),
    ("(r)", "®", |s| s.registered),
    ("+/-", "±", |s| s.plus_minus),
    ("=/=", "≠", |s| s.not_equal),
];

const FRACTIONS: &[(&str, &str)] = &[
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

/// `text` as HTML with its stand-ins replaced, or `None` when it has none. `render`
/// writes the text around ordinals' raised suffixes (escaping, icons, abbreviations).
pub fn replace(text: &str, on: &SmartSymbols, render: &dyn Fn(&str) -> String) -> Option<String> {
    let may_have = |b: &u8| matches!(b, b'(' | b'/' | b'-' | b'<' | b'+' | b'=' | b'0'..=b'9');
    if !text.as_bytes().iter().any(may_have) {
        return None;
    }
    let mut html = String::new();
    // The text since the last ordinal, symbols replaced, up to `plain_from`; nothing is
    // copied until a stand-in is found, as in most texts none is.
    let mut pending = String::new();
    let mut plain_from = 0;
    let mut changed = false;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let before = text[..at].chars().next_back();
        let first = rest.as_bytes()[0];
        let ordinal = (on.ordinal_numbers && first.is_ascii_digit())
            .then(|| ordinal(text, at))
            .flatten();
        if let Some((digits, suffix)) = ordinal {
            pending.push_str(&text[plain_from..at]);
            pending.push_str(digits);
            html.push_str(&render(&pending));
            pending.clear();
            html.push_str(&format!("<sup>{suffix}</sup>"));
            at += digits.len() + suffix.len();
            plain_from = at;
            changed = true;
            continue;
        }
        // Only the stand-ins that start with this byte are tried.
        let found = match first {
            b'(' | b'+' | b'=' => SYMBOLS
                .iter()
                .find(|(from, _, enabled)| enabled(on) && rest.starts_with(from))
                .map(|(from, to, _)| (from.len(), *to)),
            b'<' | b'-' => on.arrows.then(|| arrow(rest, before)).flatten(),
            b'c' => {
                let word_before = before.is_some_and(is_word);
                let word_after = rest
                    .get(3..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(is_word);
                (on.care_of && rest.starts_with("c/o") && !word_before && !word_after)
                    .then_some((3, "℅"))
            }
            b'0'..=b'9' => {
                let digit_before = before.is_some_and(|c| c.is_ascii_digit());
                let digit_after = rest.as_bytes().get(3).is_some_and(u8::is_ascii_digit);
                (on.fractions && !digit_before && !digit_after)
                    .then(|| FRACTIONS.iter().find(|(from, _)| rest.starts_with(from)))
                    .flatten()
                    .map(|(from, to)| (from.len(), *to))
            }
            _ => None,
        };
        match found {
            Some((len, symbol)) => {
                pending.push_str(&text[plain_from..at]);
                pending.push_str(symbol);
                at += len;
                plain_from = at;
                changed = true;
            }
            // Nothing starts here: on to where something could.
            None => at += next_possible_start(rest.as_bytes()),
        }
    }
    if !changed {
        return None;
    }
    pending.push_str(&text[plain_from..]);
    html.push_str(&render(&pending));
    Some(html)
}

/// How far into `rest` (past its first byte) the next stand-in or ordinal may start, or
/// its length. All start with ASCII, so the position is a character's start; a `c` counts
/// only before the `/` of `c/o`, as it is among the commonest letters.
fn next_possible_start(rest: &[u8]) -> usize {
    (1..rest.len())
        .find(|&i| match rest[i] {
            b'(' | b'+' | b'=' | b'<' | b'-' | b'0'..=b'9' => true,
            b'c' => rest.get(i + 1) == Some(&b'/'),
            _ => false,
        })
        .unwrap_or(rest.len())
}

/// `<-->`, `-->` not after another `-`, or `<--` not before another.
fn arrow(rest: &str, before: Option<char>) -> Option<(usize, &'static str)> {
    if rest.starts_with("<-->") {
        Some((4, "↔"))
    } else if rest.starts_with("-->") && before != Some('-') {
        Some((3, "→"))
    } else if rest.starts_with("<--") && !rest[3..].starts_with('-') {
        Some((3, "←"))
    } else {
        None
    }
}

/// The ordinal number that starts at `at` (`1st`, `22nd`, `111th`), as digits and
/// suffix: a whole word, without a leading zero, whose suffix fits its last digits
/// (`11th` to `13th` take `th`).
fn ordinal(text: &str, at: usize) -> Option<(&str, &str)> {
    let rest = &text[at..];
    if text[..at].chars().next_back().is_some_and(is_word) {
        return None;
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = rest[digits..].get(..2)?;
    if digits == 0 || (digits > 1 && rest.starts_with('0')) {
        return None;
    }
    if rest[digits + 2..].chars().next().is_some_and(is_word) {
        return None;
    }
    let bytes = rest.as_bytes();
    let last = bytes[digits - 1];
    let teen = digits > 1 && bytes[digits - 2] == b'1';
    let fits = match suffix {
        "th" => !matches!(last, b'1'..=b'3') || teen,
        "st" => last == b'1',
        "nd" => last == b'2',
        "rd" => last == b'3',
        _ => false,
    };
    fits.then(|| (&rest[..digits], suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> Option<String> {
        replace(text, &SmartSymbols::default(), &crate::markdown::escape)
    }

    #[test]
    fn stand_ins_become_symbols_as_pymdownx_writes_them() {
        // Each expected output is Python-Markdown's with pymdownx.smartsymbols (its
        // entities written as characters).
        for (text, expected) in [
            (
                "Waymark(tm) (c) 2026 c/o the team: +/- 1/2 day --> done <-- back <--> =/= x",
                "Waymark™ © 2026 ℅ the team: ± ½ day → done ← back ↔ ≠ x",
            ),
            (
                "The 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 0th and 11st",
                "The 1<sup>st</sup>, 2<sup>nd</sup>, 3<sup>rd</sup>, 4<sup>th</sup>, 11<sup>th</sup>, 12<sup>th</sup>, 13<sup>th</sup>, 21<sup>st</sup>, 22<sup>nd</sup>, 101<sup>st</sup>, 0<sup>th</sup> and 11<sup>st</sup>",
            ),
            // Fractions need only no digit beside them; arrows stay inside longer ones.
            ("x1/2 and 1/2x, a--->b, a<---b", "x½ and ½x, a---&gt;b, a&lt;---b"),
            (":\u{a0} é(c)ö & -", ":\u{a0} é©ö &amp; -"),
        ] {
            assert_eq!(html(text).as_deref(), Some(expected), "{text}");
        }
        // Upper case, dates, words and suffixes that do not fit stay as written.
        assert_eq!(
            html("(C) (TM) 11/20, 1/23, abc/o, 1th, 01st, 1stly, a1st, 1ST, 2d"),
            None
        );
    }

    #[test]
    fn groups_switch_off() {
        let on = SmartSymbols {
            ordinal_numbers: false,
            arrows: false,
            ..SmartSymbols::default()
        };
        assert_eq!(
            replace("1st --> (c)", &on, &crate::markdown::escape).as_deref(),
            Some("1st --&gt; ©")
        );
    }
}
