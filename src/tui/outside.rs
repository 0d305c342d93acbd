//! How the reader reaches past the terminal: the browser command for a web
//! address and the OSC 52 sequence that puts text on the clipboard. Pure
//! functions; the event loop runs and writes what they build.

/// The commands to try, in order, to open `url`: each entry of `$BROWSER`
/// (a `:`-separated list; `%s` stands for the address, else it is added as
/// the last argument), then `xdg-open`. No shell is involved: the address
/// is always one argument.
pub fn browser_commands(browser: Option<&str>, url: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = browser
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| {
            let mut words: Vec<String> = entry.split_whitespace().map(String::from).collect();
            if words.is_empty() {
                return None;
            }
            if words.iter().any(|w| w.contains("%s")) {
                for w in &mut words {
                    // Quotes meant for a shell (`'%s'`) are not needed here.
                    let bare = w.trim_matches(|c| c == '\'' || c == '"');
                    *w = if bare == "%s" {
                        url.to_string()
                    } else {
                        w.replace("%s", url)
                    };
                }
            } else {
                words.push(url.to_string());
            }
            Some(words)
        })
        .collect();
    out.push(vec!["xdg-open".into(), url.into()]);
    out
}

/// The OSC 52 sequence that asks the terminal to put `text` on the
/// clipboard (it works over ssh; tmux passes it on with `set-clipboard on`).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 (RFC 4648) with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        // RFC 4648, section 10.
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn browser_entries_take_the_address_as_one_argument() {
        let url = "https://example.com/a b";
        assert_eq!(browser_commands(None, url), [vec!["xdg-open", url]]);
        assert_eq!(
            browser_commands(Some("firefox --new-tab:w3m '%s'"), url),
            [
                vec!["firefox", "--new-tab", url],
                vec!["w3m", url],
                vec!["xdg-open", url],
            ]
        );
        assert_eq!(browser_commands(Some(" : "), url).len(), 1);
    }
}
