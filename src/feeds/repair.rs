//! Mending XML that is broken in the ways feeds usually are, so that it can
//! be read: a bare `&` ("Q&A"), HTML entities XML does not know (`&nbsp;`,
//! `&laquo;`), and control characters XML forbids. CDATA sections and
//! comments are left as they are. Anything else (mismatched tags, a cut-off
//! document) is not guessed at: the feed is reported broken.

use super::html_scan::entity;

/// The mended text and what was mended (empty: nothing was).
pub fn repair(xml: &str) -> (String, Vec<&'static str>) {
    let mut out = String::with_capacity(xml.len() + 64);
    let (mut ampersands, mut entities, mut controls) = (0usize, 0usize, 0usize);
    let mut rest = xml;
    while !rest.is_empty() {
        if let Some(len) = verbatim_len(rest) {
            push_clean(&mut out, &rest[..len], &mut controls);
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or('\0');
        if c == '&' {
            let name_len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '#' | '_' | '-' | '.')))
                .unwrap_or(rest.len() - 1);
            let name = &rest[1..1 + name_len];
            let closed = rest[1 + name_len..].starts_with(';');
            if closed && is_xml_reference(name) {
                out.push_str(&rest[..name_len + 2]);
                rest = &rest[name_len + 2..];
            } else if let (true, Some(ch)) = (closed, entity(name)) {
                out.push_str(&format!("&#{};", u32::from(ch)));
                entities += 1;
                rest = &rest[name_len + 2..];
            } else {
                out.push_str("&amp;");
                ampersands += 1;
                rest = &rest[1..];
            }
            continue;
        }
        push_clean(&mut out, &rest[..c.len_utf8()], &mut controls);
        rest = &rest[c.len_utf8()..];
    }
    let mut repairs = Vec::new();
    if ampersands > 0 {
        repairs.push("bare & escaped");
    }
    if entities > 0 {
        repairs.push("HTML entities replaced");
    }
    if controls > 0 {
        repairs.push("control characters removed");
    }
    (out, repairs)
}

/// The length of a CDATA section or comment at the start of `s`.
fn verbatim_len(s: &str) -> Option<usize> {
    for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
        if let Some(after) = s.strip_prefix(open) {
            return Some(open.len() + after.find(close).map_or(after.len(), |n| n + close.len()));
        }
    }
    None
}

/// Character data with the characters XML 1.0 forbids left out.
fn push_clean(out: &mut String, s: &str, removed: &mut usize) {
    for c in s.chars() {
        let allowed =
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'));
        if allowed {
            out.push(c);
        } else {
            *removed += 1;
        }
    }
}

/// The five predefined entities and character references XML knows.
fn is_xml_reference(name: &str) -> bool {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        return code.and_then(char::from_u32).is_some_and(|c| c != '\0');
    }
    matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_breakage_is_mended() {
        let (fixed, what) = repair(
            "<title>Q&A: &laquo;هدنة&raquo; &amp; &#1575; &#xZZ; AT&T&nbsp;\u{1}</title>\
             <d><![CDATA[a & b &nbsp;]]></d><!-- x & y -->",
        );
        assert_eq!(
            fixed,
            "<title>Q&amp;A: &#171;هدنة&#187; &amp; &#1575; &amp;#xZZ; AT&amp;T&#160;</title>\
             <d><![CDATA[a & b &nbsp;]]></d><!-- x & y -->"
        );
        assert_eq!(
            what,
            [
                "bare & escaped",
                "HTML entities replaced",
                "control characters removed"
            ]
        );
    }

    #[test]
    fn sound_xml_is_left_alone() {
        let xml = "<?xml version=\"1.0\"?><rss><t>a &lt; b &#x627;</t></rss>";
        assert_eq!(repair(xml), (xml.to_string(), vec![]));
    }
}
