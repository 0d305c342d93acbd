//! One canonical form per name: spellings that differ only in what
//! [`normalize`] folds (alef forms, ى/ي, ة/ه, harakat, tatweel) name one
//! entity, shown under the first spelling met; and within an article a
//! person named once in full («ليزا موركوفسكي») and then by surname alone
//! («موركوفسكي») is one person.

use super::{Kind, Mention};
use crate::text::normalize::normalize;
use std::collections::HashMap;
use std::sync::Arc;

/// The key two spellings of one name share.
pub fn spelling_key(kind: Kind, canonical: &str) -> (Kind, String) {
    (kind, normalize(canonical))
}

/// Gives every mention of a name the canonical form of its first mention,
/// and a lone surname the full name it belongs to when the article names
/// exactly one person with that surname.
pub(super) fn unify(mentions: &mut [Mention]) {
    let mut full: HashMap<String, Option<Arc<str>>> = HashMap::new();
    for m in mentions.iter().filter(|m| m.kind == Kind::Person) {
        let norm = normalize(&m.canonical);
        if let Some((_, last)) = norm.rsplit_once(' ') {
            let slot = full
                .entry(last.to_string())
                .or_insert_with(|| Some(m.canonical.clone()));
            if slot.as_ref().is_some_and(|c| normalize(c) != norm) {
                *slot = None; // two people share it: leave it alone
            }
        }
    }
    let mut first: HashMap<(Kind, String), Arc<str>> = HashMap::new();
    for m in mentions {
        if m.kind == Kind::Person {
            if let Some(Some(name)) = full.get(&normalize(&m.canonical)) {
                m.canonical = name.clone();
            }
        }
        let shown = first
            .entry(spelling_key(m.kind, &m.canonical))
            .or_insert_with(|| m.canonical.clone());
        m.canonical = shown.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> Mention {
        Mention {
            field: 1,
            range: 0..1,
            canonical: Arc::from(name),
            kind: Kind::Person,
        }
    }

    #[test]
    fn a_surname_joins_its_full_name_and_spellings_join() {
        let mut m = vec![
            person("ليزا موركوفسكي"),
            person("موركوفسكي"),
            person("أسامة"),
            person("اسامة"),
        ];
        unify(&mut m);
        let names: Vec<&str> = m.iter().map(|m| &*m.canonical).collect();
        assert_eq!(
            names,
            ["ليزا موركوفسكي", "ليزا موركوفسكي", "أسامة", "أسامة"]
        );
        // Two people with one surname: the surname stays as it is.
        let mut m = vec![person("جو بايدن"), person("هانتر بايدن"), person("بايدن")];
        unify(&mut m);
        assert_eq!(&*m[2].canonical, "بايدن");
    }
}
