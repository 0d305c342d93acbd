//! Publication dates as news files write them, normalised to RFC 3339.
//!
//! Understood: RFC 3339 (`2015-08-11T13:44:43+03:00`), RFC 2822 as in RSS
//! (`Tue, 11 Aug 2015 13:44:43 +0300`), `YYYY-MM-DD hh:mm[:ss]`,
//! `YYYY-MM-DD`, `YYYY/MM/DD`, Unix seconds (or milliseconds), and Arabic
//! forms such as «11 أغسطس 2015» or «الثلاثاء ١١ آب ٢٠١٥ 13:44» (month names
//! from `assets/calendar.json`, in every spelling it lists).
//!
//! What is stored: a date with a time and a zone as RFC 3339
//! (`2015-08-11T13:44:43+03:00`, UTC as `Z`); a time without a zone as
//! `2015-08-11T13:44:43` (no offset is invented); a date alone as
//! `2015-08-11`.

use crate::text::normalize::normalize;
use std::collections::HashMap;
use std::sync::OnceLock;

const CALENDAR: &str = include_str!("../../assets/calendar.json");

/// A date read from a file, normalised (see the module documentation), or
/// `None` when it is in none of the understood forms.
pub fn normalise_date(raw: &str) -> Option<String> {
    let text = ascii_digits(raw.trim());
    let s = text.as_str();
    iso(s)
        .or_else(|| slashed(s))
        .or_else(|| unix(s))
        .or_else(|| rfc2822(s))
        .or_else(|| arabic(s))
}

/// Is `line` a dateline (a short line that only dates the article, such as
/// «نشر في ٥ سبتمبر ٢٠٢٢» or «2 June 2021»)? At most eight words, one of
/// them a digit run and one a month name, or the whole line a date.
pub fn is_dateline(line: &str) -> bool {
    let text = ascii_digits(line);
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '،' | ',' | '-' | '|'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let digits = words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()));
    let month = words.iter().any(|w| {
        let lower = w.to_ascii_lowercase();
        arabic_months().contains_key(&normalize(w))
            || ENGLISH_MONTHS
                .iter()
                .any(|m| lower.starts_with(m) && lower.len() <= 9)
    });
    (digits && month) || normalise_date(line).is_some()
}

/// A Unix time in seconds (a JSON number) as a UTC timestamp.
pub fn from_unix_seconds(seconds: i64) -> Option<String> {
    // 1970 to 2100: anything else is more likely not a time at all.
    if !(0..=4_102_444_800).contains(&seconds) {
        return None;
    }
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// Arabic-Indic and Persian digits as ASCII ones.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn new(year: u32, month: u32, day: u32) -> Option<Day> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Day {
            year,
            month,
            day,
        })
    }

    fn show(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Time {
    hour: u32,
    minute: u32,
    second: u32,
    /// Offset from UTC in minutes; `None` when the text gives no zone.
    offset: Option<i32>,
}

fn stamp(day: Day, time: Option<Time>, fraction: &str) -> String {
    let Some(t) = time else { return day.show() };
    let zone = match t.offset {
        None => String::new(),
        Some(0) => "Z".into(),
        Some(o) => format!(
            "{}{:02}:{:02}",
            if o < 0 { '-' } else { '+' },
            o.abs() / 60,
            o.abs() % 60
        ),
    };
    format!(
        "{}T{:02}:{:02}:{:02}{fraction}{zone}",
        day.show(),
        t.hour,
        t.minute,
        t.second
    )
}

/// A run of ASCII digits of exactly `n` at the start of `s`.
fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let b = s.as_bytes();
    (b.len() >= n
        && b[..n].iter().all(u8::is_ascii_digit)
        && !b.get(n).is_some_and(u8::is_ascii_digit))
    .then(|| (s[..n].parse().ok(), &s[n..]))
    .and_then(|(v, rest)| Some((v?, rest)))
}

/// A number of one or two digits at the start of `s`.
fn small(s: &str) -> Option<(u32, &str)> {
    digits(s, 2).or_else(|| digits(s, 1))
}

/// `hh:mm[:ss][.frac]` at the start of `s`: the time, the fraction as
/// written (with its dot), and the rest.
fn clock(s: &str) -> Option<(Time, &str, &str)> {
    let (hour, rest) = small(s)?;
    let (minute, rest) = digits(rest.strip_prefix(':')?, 2)?;
    let (second, rest) = match rest.strip_prefix(':') {
        Some(r) => digits(r, 2)?,
        None => (0, rest),
    };
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            (&rest[..n + 1], &r[n..])
        }
        None => ("", rest),
    };
    (hour < 24 && minute < 60 && second < 61).then_some((
        Time {
            hour,
            minute,
            second,
            offset: None,
        },
        fraction,
        rest,
    ))
}

/// A zone after a time: `Z`, `±hh:mm`, `±hhmm`, `±hh`, `UTC`, `GMT`.
fn zone(s: &str) -> Option<i32> {
    let s = s.trim();
    match s {
        "Z" | "z" | "UT" | "UTC" | "GMT" => return Some(0),
        _ => {}
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let (h, m) = match rest.len() {
        2 => (digits(rest, 2)?.0, 0),
        4 => (digits(&rest[..2], 2)?.0, digits(&rest[2..], 2)?.0),
        5 if rest.as_bytes()[2] == b':' => (digits(&rest[..2], 2)?.0, digits(&rest[3..], 2)?.0),
        _ => return None,
    };
    (h < 24 && m < 60).then_some(sign * (h as i32 * 60 + m as i32))
}

/// `YYYY-MM-DD`, then optionally `T` or a space and a time with or
/// without a zone.
fn iso(s: &str) -> Option<String> {
    let (year, rest) = digits(s, 4)?;
    let (month, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let day = Day::new(year, month, day)?;
    if rest.is_empty() {
        return Some(day.show());
    }
    let rest = rest.strip_prefix(['T', 't', ' ']).map(str::trim_start)?;
    let (mut time, fraction, rest) = clock(rest)?;
    if !rest.trim().is_empty() {
        time.offset = Some(zone(rest)?);
    }
    Some(stamp(day, Some(time), fraction))
}

/// `YYYY/MM/DD`, optionally followed by a time.
fn slashed(s: &str) -> Option<String> {
    let (year, rest) = digits(s, 4)?;
    let (month, rest) = small(rest.strip_prefix('/')?)?;
    let (day, rest) = small(rest.strip_prefix('/')?)?;
    let day = Day::new(year, month, day)?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(day.show());
    }
    let (mut time, fraction, rest) = clock(rest)?;
    if !rest.trim().is_empty() {
        time.offset = Some(zone(rest)?);
    }
    Some(stamp(day, Some(time), fraction))
}

/// Unix seconds (9 to 10 digits) or milliseconds (12 to 13 digits).
fn unix(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    match s.len() {
        9 | 10 => from_unix_seconds(n),
        12 | 13 => from_unix_seconds(n / 1000),
        _ => None,
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// RFC 2822: `[Day, ]DD Mon YYYY hh:mm[:ss] zone`.
fn rfc2822(s: &str) -> Option<String> {
    let s = match s.split_once(',') {
        Some((day_name, rest)) if day_name.trim().len() <= 9 => rest.trim_start(),
        _ => s,
    };
    let mut words = s.split_whitespace();
    let day = words.next()?.parse().ok()?;
    let month_word = words.next()?.to_ascii_lowercase();
    let month = ENGLISH_MONTHS
        .iter()
        .position(|m| month_word.starts_with(m))? as u32
        + 1;
    let year = match words.next()? {
        y if y.len() == 4 => y.parse().ok()?,
        y if y.len() == 2 => 1900 + y.parse::<u32>().ok()? + if y < "50" { 100 } else { 0 },
        _ => return None,
    };
    let day = Day::new(year, month, day)?;
    let Some(clock_text) = words.next() else {
        return Some(day.show());
    };
    let (mut time, fraction, rest) = clock(clock_text)?;
    if !rest.is_empty() {
        return None;
    }
    time.offset = match words.next() {
        Some(z) => Some(zone(z).or_else(|| named_zone(z))?),
        None => None,
    };
    if words.next().is_some() {
        return None;
    }
    Some(stamp(day, Some(time), fraction))
}

/// The zone names RFC 2822 allows beside offsets.
fn named_zone(z: &str) -> Option<i32> {
    Some(match z {
        "EST" => -5 * 60,
        "EDT" => -4 * 60,
        "CST" => -6 * 60,
        "CDT" => -5 * 60,
        "MST" => -7 * 60,
        "MDT" => -6 * 60,
        "PST" => -8 * 60,
        "PDT" => -7 * 60,
        _ => return None,
    })
}

/// Month names from the calendar asset, normalised, to their numbers.
fn arabic_months() -> &'static HashMap<String, u32> {
    static MONTHS: OnceLock<HashMap<String, u32>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Calendar {
            months: Vec<Month>,
        }
        #[derive(serde::Deserialize)]
        struct Month {
            number: u32,
            names: Vec<String>,
        }
        // The asset is compiled in and checked by a unit test.
        let calendar: Calendar =
            serde_json::from_str(CALENDAR).unwrap_or(Calendar { months: Vec::new() });
        calendar
            .months
            .into_iter()
            .flat_map(|m| m.names.into_iter().map(move |n| (normalize(&n), m.number)))
            .collect()
    })
}

/// The month named by the first one or two of `words`, and how many.
fn month_at(words: &[&str]) -> Option<(u32, usize)> {
    let months = arabic_months();
    if let [first, second, ..] = words {
        if let Some(&m) = months.get(&normalize(&format!("{first} {second}"))) {
            return Some((m, 2));
        }
    }
    months.get(&normalize(words.first()?)).map(|&m| (m, 1))
}

/// `[day name[،]] D month YYYY[م] [[-،] hh:mm[:ss]]`, with Arabic month
/// names in any spelling of the calendar asset.
fn arabic(s: &str) -> Option<String> {
    let cleaned = s.replace(['،', ','], " ");
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–" | "|"))
        .collect();
    let at = words
        .iter()
        .position(|w| w.bytes().all(|b| b.is_ascii_digit()))?;
    // At most a day name before the day.
    if at > 1 || words[at].len() > 2 {
        return None;
    }
    let day: u32 = words[at].parse().ok()?;
    let (month, used) = month_at(&words[at + 1..])?;
    let mut rest = words[at + 1 + used..].iter();
    let (year, suffix) = digits(rest.next()?, 4)?;
    // «2015م»: the era letter.
    if !matches!(suffix, "" | "م" | "م.") {
        return None;
    }
    let day = Day::new(year, month, day)?;
    let time = match rest.next() {
        None => None,
        Some(t) => match clock(t)? {
            (time, "", "") => Some(time),
            _ => return None,
        },
    };
    rest.next().is_none().then(|| stamp(day, time, ""))
}

/// (year, month, day) of a day count since 1970-01-01 (H. Hinnant's
/// algorithm for the proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_the_issue_lists() {
        let cases = [
            ("2022-11-11T10:00:00Z", "2022-11-11T10:00:00Z"),
            ("2022-11-11T10:00:00.5+03:00", "2022-11-11T10:00:00.5+03:00"),
            ("2022-11-11t10:00:00+0300", "2022-11-11T10:00:00+03:00"),
            ("2015-08-11 13:44:43", "2015-08-11T13:44:43"),
            ("2015-08-11 13:44", "2015-08-11T13:44:00"),
            ("2015-08-11", "2015-08-11"),
            ("2015/08/11", "2015-08-11"),
            ("2015/8/1 09:05", "2015-08-01T09:05:00"),
            (
                "Tue, 11 Aug 2015 13:44:43 +0300",
                "2015-08-11T13:44:43+03:00",
            ),
            ("11 Aug 2015 13:44:43 GMT", "2015-08-11T13:44:43Z"),
            ("Tue, 11 Aug 2015 08:44:43 EST", "2015-08-11T08:44:43-05:00"),
            ("1439300683", "2015-08-11T13:44:43Z"),
            ("1439300683000", "2015-08-11T13:44:43Z"),
            ("11 أغسطس 2015", "2015-08-11"),
            ("١١ آب ٢٠١٥", "2015-08-11"),
            ("الثلاثاء، 11 اغسطس 2015 - 13:44", "2015-08-11T13:44:00"),
            ("3 تشرين الأول 2019", "2019-10-03"),
            ("29 فبراير 2024", "2024-02-29"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise_date(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "yesterday",
            "2022-13-01",
            "2023-02-29",
            "11/11/2022",
            "2022-11-11T25:00",
            "31 أغسطس",
            "29 فبراير 2023",
            "12345",
            "Tue, 11 Foo 2015 13:44:43 +0300",
            "2015-08-11 13:44:43 زمن",
        ] {
            assert_eq!(normalise_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn datelines() {
        for line in [
            "٢ يونيو/ حزيران ٢٠٢١",
            "نشر في ٥ سبتمبر ٢٠٢٢",
            "2021-06-02",
            "June 2, 2021",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "وصل الوفد في ٥ سبتمبر ٢٠٢٢ إلى العاصمة بعد رحلة طويلة استغرقت يومين كاملين",
            "قتل 5 أشخاص",
            "مايو",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn unix_epoch_days() {
        assert_eq!(
            from_unix_seconds(0).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            from_unix_seconds(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(from_unix_seconds(-1), None);
    }

    #[test]
    fn the_calendar_asset_gives_every_month() {
        let months: std::collections::BTreeSet<u32> = arabic_months().values().copied().collect();
        assert_eq!(months.len(), 12);
    }
}
