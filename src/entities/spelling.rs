//! One canonical form per name: spellings that differ only in what
//! [`normalize`] folds (alef forms, ى/ي, ة/ه, harakat, tatweel) name one
//! entity, shown under the first spelling met.

use super::{Kind, Mention};
use crate::text::normalize::normalize;
use std::collections::HashMap;
use std::sync::Arc;

/// The key two spellings of one name share.
pub fn spelling_key(kind: Kind, canonical: &str) -> (Kind, String) {
    (kind, normalize(canonical))
}

/// Gives every mention of a name the canonical form of its first mention.
pub(super) fn unify(mentions: &mut [Mention]) {
    let mut first: HashMap<(Kind, String), Arc<str>> = HashMap::new();
    for m in mentions {
        let shown = first
            .entry(spelling_key(m.kind, &m.canonical))
            .or_insert_with(|| m.canonical.clone());
        m.canonical = shown.clone();
    }
}
