//! Finding things by the ids people type: the exact id, or failing that a
//! prefix that only one id starts with (as `git` does with hashes).

/// The item whose `id` is `wanted`, else the only one whose id starts with
/// it; `None` when nothing or more than one item fits.
pub fn by_id_or_prefix<'a, T>(
    items: &'a [T],
    wanted: &str,
    id: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    if let Some(item) = items.iter().find(|i| id(i) == wanted) {
        return Some(item);
    }
    let mut prefixed = items.iter().filter(|i| id(i).starts_with(wanted));
    match (prefixed.next(), prefixed.next()) {
        (Some(item), None) if !wanted.is_empty() => Some(item),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::by_id_or_prefix;

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
}
