//! Finding things by the ids people type: the exact id, or failing that a
//! prefix that only one id starts with (as `git` does with hashes). A
//! prefix that several ids start with is reported as ambiguous, with them.

/// Why no single item was found for an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No id is or starts with `wanted`.
    #[error("no {noun} with id \"{wanted}\"")]
    NotFound { noun: &'static str, wanted: String },
    /// `count` ids start with `wanted`; `candidates` are the first of them.
    #[error(
        "ambiguous: {count} {noun}s start with {wanted}: {}{}",
        candidates.join(", "),
        if *count > candidates.len() { ", …" } else { "" }
    )]
    Ambiguous {
        noun: &'static str,
        wanted: String,
        count: usize,
        candidates: Vec<String>,
    },
}

/// How many candidates an ambiguity lists.
pub const SHOWN: usize = 8;

/// The item whose `id` is `wanted`, else the only one whose id starts with
/// it. `noun` names the items in the error ("article", "bookmark").
pub fn find<'a, T>(
    items: &'a [T],
    wanted: &str,
    id: impl Fn(&T) -> &str,
    noun: &'static str,
) -> Result<&'a T, LookupError> {
    if let Some(item) = items.iter().find(|i| id(i) == wanted) {
        return Ok(item);
    }
    let not_found = || LookupError::NotFound {
        noun,
        wanted: wanted.to_string(),
    };
    if wanted.is_empty() {
        return Err(not_found());
    }
    let mut prefixed = items.iter().filter(|i| id(i).starts_with(wanted));
    let Some(first) = prefixed.next() else {
        return Err(not_found());
    };
    let Some(second) = prefixed.next() else {
        return Ok(first);
    };
    let mut candidates = vec![id(first).to_string(), id(second).to_string()];
    let mut count = 2;
    for item in prefixed {
        if candidates.len() < SHOWN {
            candidates.push(id(item).to_string());
        }
        count += 1;
    }
    Err(LookupError::Ambiguous {
        noun,
        wanted: wanted.to_string(),
        count,
        candidates,
    })
}

/// The item whose `id` is `wanted`, else the only one whose id starts with
/// it; `None` when nothing or more than one item fits (see [`find`] for
/// which).
pub fn by_id_or_prefix<'a, T>(
    items: &'a [T],
    wanted: &str,
    id: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    find(items, wanted, id, "item").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_unique_prefix() {
        let ids = ["003", "0031", "004x"];
        let find = |w: &str| by_id_or_prefix(&ids, w, |s| s).copied();
        assert_eq!(find("003"), Some("003"), "exact wins over prefix");
        assert_eq!(find("004"), Some("004x"));
        assert_eq!(find("00"), None, "ambiguous");
        assert_eq!(find(""), None);
        assert_eq!(find("9"), None);
    }

    #[test]
    fn ambiguity_names_the_candidates() {
        let ids = ["000a", "001b", "002c", "003d", "004e", "1"];
        let err = find(&ids, "00", |s| s, "article").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ambiguous: 5 articles start with 00: 000a, 001b, 002c, 003d, 004e"
        );
        let many: Vec<String> = (0..20).map(|i| format!("x{i:02}")).collect();
        let err = find(&many, "x", String::as_str, "bookmark").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ambiguous: 20 bookmarks start with x: x00, x01, x02, x03, x04, x05, x06, x07, …"
        );
        let err = find(&ids, "9", |s| s, "article").unwrap_err();
        assert_eq!(err.to_string(), "no article with id \"9\"");
    }
}
