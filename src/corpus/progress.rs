//! How far a load has got, shared with whoever shows it or wants to stop it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Shared with whoever shows progress or wants to stop the load.
#[derive(Debug, Default)]
pub struct Progress {
    pub done_bytes: AtomicU64,
    pub total_bytes: AtomicU64,
    /// Set to stop loading; the load then returns `LoadError::Cancelled`.
    pub cancel: AtomicBool,
}

impl Progress {
    pub(crate) fn add(&self, bytes: u64) {
        self.done_bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}
