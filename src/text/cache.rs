//! A cache of laid-out paragraphs so that scrolling never lays out again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use super::{layout_paragraph, LayoutOptions, ParagraphLayout};

/// Laid-out paragraphs keyed by a caller-chosen key (for example article id
/// and paragraph index) together with the layout options, width included.
///
/// When the cache holds `capacity` entries and a new one is needed, it is
/// emptied first; this is crude but keeps memory bounded and costs only a
/// fresh layout of what is on screen.
#[derive(Debug)]
pub struct LayoutCache<K> {
    map: HashMap<(K, LayoutOptions), Arc<ParagraphLayout>>,
    capacity: usize,
}

impl<K: Hash + Eq> LayoutCache<K> {
    /// An empty cache holding at most `capacity` layouts (at least one).
    pub fn new(capacity: usize) -> Self {
        LayoutCache {
            map: HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    /// The layout of `text` under `opts`, computed only if `key` has not been
    /// laid out with these options before. The caller promises that the same
    /// key always comes with the same text.
    pub fn get_or_layout(
        &mut self,
        key: K,
        text: &str,
        opts: &LayoutOptions,
    ) -> Arc<ParagraphLayout> {
        let k = (key, *opts);
        if let Some(hit) = self.map.get(&k) {
            return Arc::clone(hit);
        }
        if self.map.len() >= self.capacity {
            self.map.clear();
        }
        let layout = Arc::new(layout_paragraph(text, opts));
        self.map.insert(k, Arc::clone(&layout));
        layout
    }

    /// Forgets every layout (for example when the article text changes).
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// Number of layouts held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
