//! Line-level scanning of Markdown source shared by the passes that run before the parser:
//! line offsets, and whether a line opens or closes fenced code.

/// The lines of `text` with their byte offsets, each including its newline.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

/// Tracks fenced code: given a line and the open fence (marker, length), returns
/// `Some((new state, true))` when the line opens or closes a fence, else `None`.
pub fn fence_state(
    line: &str,
    open: Option<(char, usize)>,
) -> Option<(Option<(char, usize)>, bool)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() >= 4 && open.is_none() {
        return None;
    }
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|&c| c == marker).count();
    if run < 3 {
        return None;
    }
    match open {
        None => Some((Some((marker, run)), true)),
        Some((c, len)) if c == marker && run >= len && trimmed[run..].trim().is_empty() => {
            Some((None, true))
        }
        Some(_) => None,
    }
}
