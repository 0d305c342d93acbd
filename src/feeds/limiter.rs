//! At most so many requests at once to one host, and in all; and a host
//! that asked to be left alone (`Retry-After`) gets no request before the
//! time it gave. Every request holds a [`Permit`] while it talks to the
//! server, its body included.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Limiter {
    per_host: usize,
    total: usize,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    total: usize,
    hosts: HashMap<String, usize>,
    not_before: HashMap<String, Instant>,
}

/// A request's place; given back when dropped.
#[derive(Debug)]
pub struct Permit<'a> {
    limiter: &'a Limiter,
    host: String,
}

impl Limiter {
    pub fn new(per_host: usize, total: usize) -> Self {
        Limiter {
            per_host: per_host.max(1),
            total: total.max(1),
            state: Mutex::default(),
            freed: Condvar::new(),
        }
    }

    /// Waits for a place for a request to `host` (`name:port`); `None` when
    /// `cancel` is set while waiting.
    pub fn acquire(&self, host: &str, cancel: &AtomicBool) -> Option<Permit<'_>> {
        let mut state = self.lock();
        loop {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let now = Instant::now();
            let wait_until = state.not_before.get(host).copied().filter(|t| *t > now);
            let busy = state.total >= self.total
                || state.hosts.get(host).copied().unwrap_or(0) >= self.per_host;
            if wait_until.is_none() && !busy {
                state.total += 1;
                *state.hosts.entry(host.to_string()).or_default() += 1;
                return Some(Permit {
                    limiter: self,
                    host: host.to_string(),
                });
            }
            // Wake at the deferral's end, and now and then to see `cancel`.
            let nap = wait_until.map_or(Duration::from_millis(100), |t| {
                (t - now).min(Duration::from_millis(100))
            });
            state = match self.freed.wait_timeout(state, nap) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    /// Whether a request to `host` could start now.
    pub fn has_room(&self, host: &str) -> bool {
        let state = self.lock();
        let deferred = state
            .not_before
            .get(host)
            .is_some_and(|t| *t > Instant::now());
        !deferred
            && state.total < self.total
            && state.hosts.get(host).copied().unwrap_or(0) < self.per_host
    }

    /// No request to `host` starts before `until`.
    pub fn defer(&self, host: &str, until: Instant) {
        let mut state = self.lock();
        let slot = state.not_before.entry(host.to_string()).or_insert(until);
        *slot = (*slot).max(until);
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is counters only; a panic elsewhere leaves them usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.limiter.lock();
        state.total = state.total.saturating_sub(1);
        if let Some(n) = state.hosts.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                state.hosts.remove(&self.host);
            }
        }
        drop(state);
        self.limiter.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn places_per_host_and_in_all() {
        let l = Limiter::new(2, 3);
        let go = AtomicBool::new(false);
        let a1 = l.acquire("a:80", &go).unwrap();
        let _a2 = l.acquire("a:80", &go).unwrap();
        assert!(!l.has_room("a:80"));
        assert!(l.has_room("b:80"));
        let _b1 = l.acquire("b:80", &go).unwrap();
        assert!(!l.has_room("c:80"), "three in all");
        drop(a1);
        assert!(l.has_room("a:80") && l.has_room("c:80"));
    }

    #[test]
    fn waiting_threads_never_exceed_the_limits() {
        let l = Arc::new(Limiter::new(2, 8));
        let (now, max) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let threads: Vec<_> = (0..12)
            .map(|_| {
                let (l, now, max) = (l.clone(), now.clone(), max.clone());
                std::thread::spawn(move || {
                    let _p = l.acquire("one:80", &AtomicBool::new(false)).unwrap();
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    max.fetch_max(n, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    now.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(max.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_deferred_host_waits_and_cancel_stops_waiting() {
        let l = Limiter::new(2, 8);
        let go = AtomicBool::new(false);
        let start = Instant::now();
        l.defer("slow:80", start + Duration::from_millis(150));
        assert!(!l.has_room("slow:80"));
        drop(l.acquire("slow:80", &go).unwrap());
        assert!(start.elapsed() >= Duration::from_millis(150));
        l.defer("slow:80", Instant::now() + Duration::from_secs(600));
        let stop = AtomicBool::new(true);
        assert!(l.acquire("slow:80", &stop).is_none());
    }
}
