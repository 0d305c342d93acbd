//! A big file read through a memory map, as ripgrep reads one: the pages
//! come from the page cache without being copied into the process, and a
//! block is a range of the map instead of a buffer of its own.
//!
//! A mapped file that is cut short while it is read makes the next access
//! beyond its new end a bus error (SIGBUS). Between blocks the reader looks
//! at the file's size and goes on by reading when it changed; within a
//! block, a bus error in a mapped range ends the process with a message
//! instead of a crash dump ([`guard_bus_errors`]). A bus error anywhere else
//! is left to the handler that was there before.

use memmap2::Mmap;
use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Files smaller than this are read: a map costs more than it saves.
pub const MAP_AT_LEAST: u64 = 1 << 20;

/// A block's bytes: read into a buffer, or a range of a mapped file.
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(Arc<Mapping>, Range<usize>),
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(map, range) => &map.map[range.clone()],
        }
    }
}

/// A file's map, registered with the bus-error guard while it lives.
pub struct Mapping {
    map: Mmap,
    slot: Option<usize>,
}

impl Mapping {
    /// Maps `file` (a regular file of `len` bytes); `None` when the file is
    /// small or cannot be mapped (it is then read).
    pub fn of(file: &std::fs::File, len: u64) -> Option<Arc<Mapping>> {
        if len < MAP_AT_LEAST || usize::try_from(len).is_err() {
            return None;
        }
        // SAFETY: the map is only read. Another process may change the file
        // meanwhile: changed bytes are read as they are (the text is
        // validated as it would be when read), and a file cut short is
        // handled as the module says.
        let map = unsafe { Mmap::map(file) }.ok()?;
        if map.len() as u64 != len {
            return None;
        }
        let _ = map.advise(memmap2::Advice::Sequential);
        guard_bus_errors();
        let slot = register(map.as_ptr() as usize, map.len());
        Some(Arc::new(Mapping { map, slot }))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// Gives back the memory of the whole pages in `range` once they have
    /// been read (so the process never holds the file whole); touching them
    /// again reads them back from the file.
    pub fn release(&self, range: Range<usize>) {
        let page = page_size();
        let start = range.start / page * page;
        let end = range.end / page * page;
        if end > start {
            // SAFETY: the pages are of a read-only file map; dropping them
            // loses nothing, since they are read back from the file.
            let _ = unsafe {
                self.map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    start,
                    end - start,
                )
            };
        }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            SLOTS[slot].1.store(0, Ordering::SeqCst);
            SLOTS[slot].0.store(0, Ordering::SeqCst);
        }
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size)
        .ok()
        .filter(|&s| s > 0)
        .unwrap_or(4096)
}

/// The address ranges of the live maps, for the signal handler (which may
/// only read atomics). A map finding no free slot is simply not guarded.
#[allow(clippy::declare_interior_mutable_const)]
const FREE: (AtomicUsize, AtomicUsize) = (AtomicUsize::new(0), AtomicUsize::new(0));
static SLOTS: [(AtomicUsize, AtomicUsize); 16] = [FREE; 16];

fn register(start: usize, len: usize) -> Option<usize> {
    SLOTS.iter().position(|(s, l)| {
        let taken = s
            .compare_exchange(0, start, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok();
        if taken {
            l.store(len, Ordering::SeqCst);
        }
        taken
    })
}

fn in_a_map(address: usize) -> bool {
    SLOTS.iter().any(|(s, l)| {
        let start = s.load(Ordering::SeqCst);
        start != 0 && address >= start && address - start < l.load(Ordering::SeqCst)
    })
}

/// The handler that was there before ours, for faults outside the maps.
static PREVIOUS: std::sync::OnceLock<libc::sigaction> = std::sync::OnceLock::new();

/// Installs (once) the handler that turns a bus error inside a map into a
/// message and exit status 2.
fn guard_bus_errors() {
    PREVIOUS.get_or_init(|| {
        // SAFETY: a plain sigaction call with a zeroed, then filled, struct;
        // the handler only reads atomics and calls async-signal-safe
        // functions (write, _exit, sigaction).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_bus_error as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGBUS, &action, &mut previous);
            previous
        }
    });
}

extern "C" fn on_bus_error(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel hands a valid siginfo to an SA_SIGINFO handler.
    let address = unsafe { (*info).si_addr() } as usize;
    if in_a_map(address) {
        const MESSAGE: &[u8] =
            b"sahifa: error: a file was cut short while it was being read; stopped\n";
        // SAFETY: write and _exit are async-signal-safe.
        unsafe {
            libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
            libc::_exit(2);
        }
    }
    // Not ours: put the previous handler back; returning re-runs the
    // faulting access, which then reaches it.
    if let Some(previous) = PREVIOUS.get() {
        // SAFETY: restoring a sigaction saved from the kernel.
        unsafe { libc::sigaction(libc::SIGBUS, previous, std::ptr::null_mut()) };
    }
}
