//! Dates: «21 سبتمبر», «فبراير/شباط 2022», «25 شوال 1436 هـ», «1436هـ»,
//! «يوم الخميس», «أمس الاثنين», «عام 2014», scanned by hand over normalised
//! words; and the one canonical form of each date, so that «أغسطس»,
//! «اغسطس» and «آب» name the same month and «هـ» marks a Hijri year.

use super::numbers::Found;
use super::scan::{is_digits, loose_in, loose_match, strip_al, Tokens};
use super::words::WordLists;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Gregorian,
    Hijri,
}

/// A month name at a word.
#[derive(Debug, Clone, Copy)]
struct Month {
    prefix: usize,
    words: usize,
    ambiguous: bool,
    calendar: Calendar,
    number: u8,
}

fn month_at(w: &WordLists, toks: &Tokens, i: usize) -> Option<Month> {
    let lists = [
        (Calendar::Gregorian, &w.months, &w.month_index),
        (Calendar::Hijri, &w.hijri_months, &w.hijri_index),
    ];
    let (calendar, number, (prefix, words)) = lists
        .into_iter()
        .flat_map(|(cal, months, index)| {
            index
                .candidates(toks, i)
                .into_iter()
                .filter_map(move |k| months[k].0.at(toks, i).map(|m| (cal, months[k].1, m)))
        })
        .max_by_key(|&(_, _, (_, n))| n)?;
    let word = toks.word(i);
    let ambiguous = words == 1
        && (loose_in(word, &w.ambiguous_months).is_some()
            || (calendar == Calendar::Hijri && loose_in(word, &w.ambiguous_hijri).is_some()));
    Some(Month {
        prefix,
        words,
        ambiguous,
        calendar,
        number,
    })
}

/// A four-digit year, with an era marker attached («1436هـ») or not.
fn year_word(w: &WordLists, word: &str) -> Option<(u32, Option<Calendar>)> {
    let digits = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (number, era) = word.split_at(digits);
    if number.len() != 4 || !is_digits(number) {
        return None;
    }
    let year = number.parse().ok()?;
    match era {
        "" => Some((year, None)),
        e => era_of(w, e).map(|c| (year, Some(c))),
    }
}

fn era_of(w: &WordLists, word: &str) -> Option<Calendar> {
    if w.hijri_era.contains(word) {
        Some(Calendar::Hijri)
    } else if w.gregorian_era.contains(word) {
        Some(Calendar::Gregorian)
    } else {
        None
    }
}

/// A year at word `j` (1000–2100) and an era marker after it: the end and
/// the era, if one was written.
fn year_at(w: &WordLists, toks: &Tokens, j: usize) -> Option<(usize, Option<Calendar>)> {
    let (year, era) = year_word(w, toks.word(j))?;
    if !(1000..=2100).contains(&year) {
        return None;
    }
    if era.is_none() && toks.joined(j + 1) {
        if let Some(c) = era_of(w, toks.word(j + 1)) {
            return Some((j + 2, Some(c)));
        }
    }
    Some((j + 1, era))
}

/// After a month ending before word `j`: «/ شباط» and a year.
fn month_tail(w: &WordLists, toks: &Tokens, mut j: usize) -> (usize, bool) {
    let mut confirmed = false;
    if toks.gap(j).trim() == "/" {
        if let Some(m) = month_at(w, toks, j).filter(|m| m.prefix == 0) {
            j += m.words;
            confirmed = true;
        }
    }
    if toks.joined(j) {
        if let Some((end, _)) = year_at(w, toks, j) {
            j = end;
            confirmed = true;
        }
    }
    (j, confirmed)
}

/// «21 سبتمبر» (and its tail) starting at word `i`: the end word.
fn day_month(w: &WordLists, toks: &Tokens, i: usize) -> Option<usize> {
    let day: u32 = toks.word(i).parse().ok()?;
    if !(1..=31).contains(&day) || !toks.joined(i + 1) {
        return None;
    }
    let m = month_at(w, toks, i + 1)?;
    (m.prefix == 0).then(|| month_tail(w, toks, i + 1 + m.words).0)
}

/// A date starting at word `i`.
pub(super) fn date_at(w: &WordLists, toks: &Tokens, i: usize) -> Option<Found> {
    let word = toks.word(i);
    if let Some(p) = toks.loose_in(i, &w.days) {
        let after = day_month(w, toks, i + 1).filter(|_| toks.joined(i + 1));
        let context = i > 0 && toks.loose_in(i - 1, &w.day_context).is_some();
        if toks.loose_in(i, &w.day_needs_yawm).is_some() && !context && after.is_none() {
            return None; // «الاثنين» is also «the two»
        }
        return Some((p, after.unwrap_or(i + 1)));
    }
    if let Some(p) = toks.loose_in(i, &w.year_words) {
        let year = toks
            .joined(i + 1)
            .then(|| year_at(w, toks, i + 1))
            .flatten();
        return year.map(|(end, _)| (p, end));
    }
    if let Some(end) = day_month(w, toks, i) {
        return Some((0, end));
    }
    if let Some(m) = month_at(w, toks, i) {
        let (end, confirmed) = month_tail(w, toks, i + m.words);
        return (!m.ambiguous || confirmed).then_some((m.prefix, end));
    }
    if let Some((end, Some(_))) = year_at(w, toks, i) {
        return Some((0, end)); // «1436 هـ», «2015م»
    }
    let year = year_word(w, word).is_some_and(|(y, _)| (1900..=2099).contains(&y));
    let context = i > 0 && toks.loose_in(i - 1, &w.year_context).is_some();
    (year && context).then_some((0, i + 1))
}

/// The canonical form of the date in words `start..end`: weekday, day,
/// month (the calendar's first spelling), year, «هـ» for a Hijri year.
/// `None` when the words hold none of these.
pub(super) fn canonical(w: &WordLists, toks: &Tokens, start: usize, end: usize) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut calendar = None;
    let mut have_month = false;
    let mut j = start;
    while j < end {
        let word = toks.word(j);
        if let Some((_, name)) = w
            .day_names
            .iter()
            .find(|(norm, _)| loose_match(word, strip_al(norm).1).is_some())
        {
            parts.push(name.clone());
        } else if let Some(m) = month_at(w, toks, j) {
            if !have_month {
                let names = match m.calendar {
                    Calendar::Gregorian => &w.month_names,
                    Calendar::Hijri => &w.hijri_names,
                };
                parts.extend(names.get(usize::from(m.number) - 1).cloned());
                calendar = calendar.or(Some(m.calendar));
                have_month = true;
            }
            j += m.words;
            continue;
        } else if let Some((year, era)) = year_word(w, word) {
            let era = era.or_else(|| era_of(w, toks.word(j + 1)).filter(|_| j + 1 < end));
            parts.push(year.to_string());
            if era == Some(Calendar::Hijri) || (era.is_none() && calendar == Some(Calendar::Hijri))
            {
                parts.push("هـ".to_string());
            }
        } else if is_digits(word) && word.len() <= 2 {
            parts.push(word.trim_start_matches('0').to_string());
        }
        j += 1;
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
