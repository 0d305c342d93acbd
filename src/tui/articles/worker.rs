//! The filter over the library, off the UI thread. The index answers a
//! query of one-word terms at once; the articles a phrase may match (or a
//! phrase may exclude) are checked against their text, in the list's
//! order, and sent on in pieces as they are confirmed, so the top of the
//! list is right first. A newer request stops the one in progress.

use super::Positions;
use crate::library::{Library, LibraryError};
use crate::search::{article_matches, Query};
use roaring::RoaringBitmap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Confirmed matches are sent at least this often.
const EVERY: Duration = Duration::from_millis(15);
/// A piece is sent as soon as it holds this many (a screenful and more).
const FIRST: usize = 128;

/// What the reader asks for.
#[derive(Debug, Clone)]
pub enum Request {
    /// The positions matching a filter.
    Filter { generation: u64, query: Query },
    /// The positions of the articles naming any of these names (each as a
    /// phrase): an entity's articles.
    Naming { generation: u64, names: Vec<String> },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Matching positions, ascending, after those sent before for the same
    /// generation; `done` on the last piece.
    Filter {
        generation: u64,
        positions: Vec<usize>,
        done: bool,
    },
    Naming {
        generation: u64,
        positions: Vec<usize>,
    },
    Failed {
        generation: u64,
        error: String,
    },
}

/// The list's order, as the worker needs it: position → number and back,
/// and every number.
pub struct Order {
    numbers: Arc<Vec<u32>>,
    position: Vec<u32>,
    all: RoaringBitmap,
}

impl Order {
    pub fn new(numbers: Arc<Vec<u32>>) -> Order {
        let top = numbers.iter().max().map_or(0, |&n| n as usize + 1);
        let mut position = vec![u32::MAX; top];
        for (p, &n) in numbers.iter().enumerate() {
            position[n as usize] = u32::try_from(p).unwrap_or(u32::MAX);
        }
        let mut sorted = numbers.as_ref().clone();
        sorted.sort_unstable();
        let all = RoaringBitmap::from_sorted_iter(sorted).unwrap_or_default();
        Order {
            numbers,
            position,
            all,
        }
    }

    fn positions(&self, numbers: &RoaringBitmap) -> Positions {
        let mut set = Positions::with_capacity(self.numbers.len());
        for n in numbers {
            if let Some(&p) = self.position.get(n as usize).filter(|&&p| p != u32::MAX) {
                set.insert(p as usize);
            }
        }
        set
    }
}

/// Does the article match (title and paragraphs, as every filter reads)?
fn matches(query: &Query, title: &str, paragraphs: &[String]) -> bool {
    let fields = std::iter::once(title).chain(paragraphs.iter().map(String::as_str));
    article_matches(fields, query)
}

/// The positions matching `query`, handed to `emit` in ascending pieces
/// (`true` on the last); `emit` returns `false` to stop.
pub fn filter(
    lib: &Library,
    order: &Order,
    query: &Query,
    mut emit: impl FnMut(Vec<usize>, bool) -> bool,
) -> Result<(), LibraryError> {
    let narrowed = lib.narrow(query, &order.all)?;
    let positions = order.positions(&narrowed.maybe);
    if narrowed.unsure.is_empty() {
        emit(positions.iter().collect(), true);
        return Ok(());
    }
    let (mut piece, mut sent) = (Vec::new(), Instant::now());
    for p in positions.iter() {
        let number = order.numbers[p];
        let mut keep = true;
        if narrowed.unsure.contains(number) {
            keep = false;
            lib.texts(&[number], |_, title, paragraphs| {
                keep = matches(query, title, paragraphs);
                true
            })?;
        }
        if keep {
            piece.push(p);
        }
        // Sent when there is a screenful, and often (maybe empty) so that a
        // newer request is noticed soon.
        if piece.len() >= FIRST || sent.elapsed() >= EVERY {
            if !emit(std::mem::take(&mut piece), false) {
                return Ok(());
            }
            sent = Instant::now();
        }
    }
    emit(piece, true);
    Ok(())
}

/// The positions of the articles naming any of `names`, ascending.
pub fn naming(lib: &Library, order: &Order, names: &[String]) -> Result<Vec<usize>, LibraryError> {
    let mut found = Positions::new();
    for name in names {
        let phrase = Query::parse(&format!("\"{}\"", name.replace('"', " ")));
        if phrase.is_empty() {
            continue;
        }
        filter(lib, order, &phrase, |piece, _| {
            piece.into_iter().for_each(|p| found.insert(p));
            true
        })?;
    }
    Ok(found.iter().collect())
}

/// Starts the worker on its own connection to the library at `path`; it
/// ends when the sender is dropped.
pub fn start(
    path: PathBuf,
    numbers: Arc<Vec<u32>>,
) -> Result<(Sender<Request>, Receiver<Answer>), LibraryError> {
    let lib = Library::open(&path)?;
    let (ask, requests) = mpsc::channel::<Request>();
    let (tell, answers) = mpsc::channel();
    std::thread::spawn(move || {
        let order = Order::new(numbers);
        let mut next = requests.recv().ok();
        while let Some(request) = next.take() {
            // Only the latest request matters.
            let request = requests.try_iter().last().unwrap_or(request);
            let answer = |generation, result: Result<(), LibraryError>| {
                result.err().map(|e| Answer::Failed {
                    generation,
                    error: e.to_string(),
                })
            };
            let failed = match request {
                Request::Filter { generation, query } => {
                    let result = filter(&lib, &order, &query, |positions, done| {
                        let sent = tell.send(Answer::Filter {
                            generation,
                            positions,
                            done,
                        });
                        next = requests.try_iter().last();
                        sent.is_ok() && next.is_none()
                    });
                    answer(generation, result)
                }
                Request::Naming { generation, names } => {
                    let result = naming(&lib, &order, &names).map(|positions| {
                        let _ = tell.send(Answer::Naming {
                            generation,
                            positions,
                        });
                    });
                    answer(generation, result)
                }
            };
            if let Some(failed) = failed {
                let _ = tell.send(failed);
            }
            if next.is_none() {
                next = requests.recv().ok();
            }
        }
    });
    Ok((ask, answers))
}

/// Starts the thread that writes read marks into the library's `read`
/// column on its own connection (a write waits for an import that is
/// writing, which must not freeze the screen). What failed comes back as
/// a message.
pub fn start_marks(path: PathBuf) -> Result<MarkWriter, LibraryError> {
    let lib = Library::open(&path)?;
    let (mark, marks) = mpsc::channel::<(String, bool)>();
    let (tell, failures) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        for (id, read) in marks {
            if let Err(e) = lib.set_read(&id, read) {
                let _ = tell.send(format!("read mark not saved: {e}"));
            }
        }
    });
    Ok(MarkWriter {
        marks: mark,
        failures,
        thread,
    })
}

/// The thread writing read marks: (article id, read) in, failures out.
pub struct MarkWriter {
    pub marks: Sender<(String, bool)>,
    pub failures: Receiver<String>,
    thread: std::thread::JoinHandle<()>,
}

impl MarkWriter {
    /// Waits for the marks sent so far to be written (every other sender
    /// must be gone); what failed.
    pub fn finish(self) -> Vec<String> {
        drop(self.marks);
        let _ = self.thread.join();
        self.failures.try_iter().collect()
    }
}
