//! Article ids made unique across a load: later duplicates get `-2`, `-3`, …

use super::error::{Warning, WarningKind};
use std::collections::HashMap;

/// The ids seen so far; later duplicates get `-2`, `-3`, … (with a warning).
#[derive(Default)]
pub struct UniqueIds {
    seen: HashMap<String, usize, foldhash::fast::FixedState>,
}

impl UniqueIds {
    /// Renames the duplicates among `ids` (each with its article's source).
    pub fn apply<'a>(
        &mut self,
        ids: impl Iterator<Item = (&'a mut String, &'a str)>,
        warnings: &mut Vec<Warning>,
    ) {
        for (id, source) in ids {
            let count = self.seen.entry(id.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                continue;
            }
            let mut n = *count;
            let mut fresh = format!("{id}-{n}");
            while self.seen.contains_key(&fresh) {
                n += 1;
                fresh = format!("{id}-{n}");
            }
            warnings.push(Warning::of(
                WarningKind::DuplicateId,
                source,
                format!("duplicate id \"{id}\"; renamed to \"{fresh}\""),
            ));
            self.seen.insert(fresh.clone(), 1);
            *id = fresh;
        }
    }
}
