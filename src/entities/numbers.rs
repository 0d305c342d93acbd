//! Number phrases («300 ألف», «نحو مليون و151 ألفا و70», «عشرات»), scanned
//! by hand over normalised words. The words themselves come from the data
//! files. Dates are in `dates.rs`.

use super::scan::{is_digits, Tokens, AL};
use super::words::WordLists;

/// A span found at a word: (proclitic prefix bytes, end word, exclusive).
pub(super) type Found = (usize, usize);

/// The prefix of a numeric word written with a proclitic («ل300», «و151»).
fn digits_prefix(word: &str) -> Option<usize> {
    let start = word.find(|c: char| c.is_ascii_digit())?;
    let (clitic, digits) = word.split_at(start);
    let ok = is_digits(digits)
        && clitic.chars().count() <= 2
        && clitic
            .chars()
            .all(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'));
    ok.then_some(start)
}

/// A word that can start a number: digits, a number word, a scale or a
/// vague quantity («عشرات»). Returns the proclitic prefix.
fn number_head(w: &WordLists, toks: &Tokens, j: usize) -> Option<usize> {
    digits_prefix(toks.word(j))
        .or_else(|| toks.loose_in(j, &w.units))
        .or_else(|| toks.loose_in(j, &w.scales))
        .or_else(|| toks.loose_in(j, &w.vague))
}

/// A word that continues a number after «و»: «و151», «و70», «والعشرين».
fn and_number(w: &WordLists, word: &str) -> bool {
    word.strip_prefix('و').is_some_and(|rest| {
        is_digits(rest)
            || [rest, rest.strip_prefix(AL).unwrap_or(rest)]
                .iter()
                .any(|k| w.units.contains(k) || w.scales.contains(k))
    })
}

/// A number phrase starting at word `i`.
pub(super) fn number_at(w: &WordLists, toks: &Tokens, i: usize) -> Option<Found> {
    let (prefix, mut j) = match w.approximators.longest_at(toks, i) {
        Some((p, n)) if toks.joined(i + n) => (p, i + n),
        _ => (0, i),
    };
    let head = number_head(w, toks, j)?;
    let prefix = if j == i { head } else { prefix };
    j += 1;
    loop {
        let word = toks.word(j);
        let grouped = toks.gap(j) == "," && is_digits(toks.word(j - 1)) && word.len() == 3;
        let scale = toks.joined(j) && toks.loose_in(j, &w.scales).is_some();
        if grouped || scale || (toks.joined(j) && and_number(w, word)) {
            j += 1;
        } else {
            return Some((prefix, j));
        }
    }
}
