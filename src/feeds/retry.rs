//! `Retry-After` (RFC 9110 §10.2.3): seconds, or an HTTP date.

use std::time::{Duration, SystemTime};

/// How long the server asks to wait, measured from `now`; `None` when the
/// value is neither form. A date in the past means "now".
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value)
        .ok()
        .or_else(|| parse_obsolete(value))?;
    let at = SystemTime::from(date.with_timezone(&chrono::Utc));
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The two obsolete forms HTTP still asks readers to accept: RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
fn parse_obsolete(value: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    use chrono::NaiveDateTime;
    let rfc850 = value
        .split_once(", ")
        .and_then(|(_, rest)| NaiveDateTime::parse_from_str(rest, "%d-%b-%y %H:%M:%S GMT").ok());
    let asctime = || {
        let squeezed = value.split_whitespace().collect::<Vec<_>>().join(" ");
        NaiveDateTime::parse_from_str(&squeezed, "%a %b %e %H:%M:%S %Y").ok()
    };
    rfc850
        .or_else(asctime)
        .map(|naive| naive.and_utc().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unix: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(unix)
    }

    #[test]
    fn seconds_and_dates() {
        let now = at(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            retry_after("Sun Nov  6 08:49:47 1994", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-5", now), None);
    }
}
