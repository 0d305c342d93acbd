//! Corpus text inside the reader's own sentences («خيرسون: mention 1 of 8»,
//! «12 articles mention خيرسون»). Laid out as one paragraph, an Arabic name
//! followed by a number would pull the number into its right-to-left run
//! («mention 1» read as «1 mention»); so the name is quoted here, and the
//! view lays each quoted piece out on its own, in its own direction.
//! The marks (FSI/PDI) never reach the layout engine.

/// Opens a quoted piece.
const OPEN: char = '\u{2068}';
/// Closes it.
const CLOSE: char = '\u{2069}';

/// `text` marked as corpus text, to be laid out in its own direction.
/// Control characters, bidi marks among them, are made visible (‹PDI›), so
/// the text cannot end the quote early or reorder the reader's sentence.
pub fn quote(text: &str) -> String {
    let text = crate::text::controls::visible(text);
    let mut out = String::with_capacity(text.len() + 6);
    out.push(OPEN);
    out.push_str(&text);
    out.push(CLOSE);
    out
}

/// The pieces of `text`: the reader's own (`false`) and quoted (`true`),
/// in order, without the marks.
pub fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        out.push((&rest[..open], false));
        let inner = &rest[open + OPEN.len_utf8()..];
        let close = inner.find(CLOSE).unwrap_or(inner.len());
        out.push((&inner[..close], true));
        rest = inner.get(close + CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push((rest, false));
    out.retain(|(piece, _)| !piece.is_empty());
    out
}

/// `text` without the marks (for plain output and tests).
pub fn plain(text: &str) -> String {
    text.chars().filter(|&c| c != OPEN && c != CLOSE).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_pieces_come_back_in_order() {
        let s = format!("{}: mention 1 of {}", quote("خيرسون"), 8);
        assert_eq!(pieces(&s), [("خيرسون", true), (": mention 1 of 8", false)]);
        assert_eq!(plain(&s), "خيرسون: mention 1 of 8");
        let hostile = quote("a\u{2069} b");
        assert_eq!(
            pieces(&format!("x {hostile} y")),
            [("x ", false), ("a‹PDI› b", true), (" y", false)]
        );
        assert_eq!(pieces("plain"), [("plain", false)]);
        assert!(pieces("").is_empty());
    }
}
