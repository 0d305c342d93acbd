//! Number phrases («300 ألف», «نحو مليون و151 ألفا و70», «عشرات») and dates
//! («21 سبتمبر», «فبراير/شباط 2022», «يوم الخميس», «عام 2014»), scanned by
//! hand over normalised words. The words themselves come from the data files.

use super::scan::{is_digits, loose_in, strip_al, Tokens, AL};
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
fn number_head(w: &WordLists, word: &str) -> Option<usize> {
    digits_prefix(word)
        .or_else(|| loose_in(word, &w.units))
        .or_else(|| loose_in(word, &w.scales))
        .or_else(|| loose_in(word, &w.vague))
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
    let head = number_head(w, toks.word(j))?;
    let prefix = if j == i { head } else { prefix };
    j += 1;
    loop {
        let word = toks.word(j);
        let grouped = toks.gap(j) == "," && is_digits(toks.word(j - 1)) && word.len() == 3;
        let scale = toks.joined(j) && loose_in(word, &w.scales).is_some();
        if grouped || scale || (toks.joined(j) && and_number(w, word)) {
            j += 1;
        } else {
            return Some((prefix, j));
        }
    }
}

fn year_value(word: &str) -> Option<u32> {
    (word.len() == 4 && is_digits(word))
        .then(|| word.parse().ok())
        .flatten()
}

/// A month name at word `i`: (prefix, words, ambiguous).
fn month_at(w: &WordLists, toks: &Tokens, i: usize) -> Option<(usize, usize, bool)> {
    let (p, n) = w
        .month_index
        .candidates(toks, i)
        .into_iter()
        .filter_map(|k| w.months[k].0.at(toks, i))
        .max_by_key(|&(_, n)| n)?;
    let ambiguous = n == 1 && loose_in(toks.word(i), &w.ambiguous_months).is_some();
    Some((p, n, ambiguous))
}

/// After a month ending before word `j`: «/ شباط» and a year.
fn month_tail(w: &WordLists, toks: &Tokens, mut j: usize) -> (usize, bool) {
    let mut confirmed = false;
    if toks.gap(j).trim() == "/" {
        if let Some((0, n, _)) = month_at(w, toks, j) {
            j += n;
            confirmed = true;
        }
    }
    if toks.joined(j) && year_value(toks.word(j)).is_some_and(|y| (1000..=2100).contains(&y)) {
        j += 1;
        confirmed = true;
    }
    (j, confirmed)
}

/// A date starting at word `i`.
pub(super) fn date_at(w: &WordLists, toks: &Tokens, i: usize) -> Option<Found> {
    let word = toks.word(i);
    if let Some(p) = loose_in(word, &w.days) {
        let after_yawm = i > 0 && strip_al(toks.word(i - 1)).1 == "يوم";
        if loose_in(word, &w.day_needs_yawm).is_some() && !after_yawm {
            return None;
        }
        let end = day_month(w, toks, i + 1).filter(|_| toks.joined(i + 1));
        return Some((p, end.unwrap_or(i + 1)));
    }
    if let Some(p) = loose_in(word, &w.year_words) {
        let year = toks.joined(i + 1) && year_value(toks.word(i + 1)).is_some();
        return year.then_some((p, i + 2));
    }
    if let Some(end) = day_month(w, toks, i) {
        return Some((0, end));
    }
    if let Some((p, n, ambiguous)) = month_at(w, toks, i) {
        let (end, confirmed) = month_tail(w, toks, i + n);
        return (!ambiguous || confirmed).then_some((p, end));
    }
    let year = year_value(word).is_some_and(|y| (1900..=2099).contains(&y));
    let context = i > 0 && loose_in(toks.word(i - 1), &w.year_context).is_some();
    (year && context).then_some((0, i + 1))
}

/// «21 سبتمبر» (and its tail) starting at word `i`: the end word.
fn day_month(w: &WordLists, toks: &Tokens, i: usize) -> Option<usize> {
    let day: u32 = toks.word(i).parse().ok()?;
    if !(1..=31).contains(&day) || !toks.joined(i + 1) {
        return None;
    }
    let (p, n, _) = month_at(w, toks, i + 1)?;
    (p == 0).then(|| month_tail(w, toks, i + 1 + n).0)
}
