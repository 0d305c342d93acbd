//! A loopback HTTP/1.1 server for the feed tests, the feed benchmark and the
//! end-to-end runs that fetch: started on 127.0.0.1 port 0, it serves routes
//! (fixed bytes with ETag and Last-Modified honoured, or replies computed per
//! request), produces every fault a feed fetch must survive on demand
//! (redirects, statuses, endless or dripping bodies, silence, closed
//! connections), acts as an HTTP CONNECT proxy, logs every request, and
//! counts the requests in flight (per server and across a group of servers).
//!
//! Use it with `#[path = "support/feed_server.rs"] mod feed_server;`.
#![allow(dead_code)] // each user needs a different part

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Counts requests being answered at once, and the most ever seen.
#[derive(Debug, Default)]
pub struct Gauge {
    now: AtomicUsize,
    max: AtomicUsize,
}

impl Gauge {
    pub fn max(&self) -> usize {
        self.max.load(Ordering::SeqCst)
    }
    fn enter(&self) {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(n, Ordering::SeqCst);
    }
    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// What to send back.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Waited before answering (to hold a request in flight).
    pub delay: Duration,
}

pub enum Body {
    Bytes(Vec<u8>),
    /// Streamed; `len` is sent as Content-Length when known, else the
    /// connection's end marks the end.
    Stream {
        len: Option<u64>,
        reader: Box<dyn Read + Send>,
    },
    /// The bytes one at a time, `every` apart (after the headers).
    Drip {
        bytes: Vec<u8>,
        every: Duration,
    },
    /// Headers never come: the connection stays open, silent.
    Hang,
    /// The connection is closed without an answer.
    Close,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200)
            .header("Content-Type", content_type)
            .body(body)
    }
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Bytes(Vec::new()),
            delay: Duration::ZERO,
        }
    }
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = Body::Bytes(body.into());
        self
    }
    pub fn streamed(mut self, len: Option<u64>, reader: impl Read + Send + 'static) -> Reply {
        self.body = Body::Stream {
            len,
            reader: Box::new(reader),
        };
        self
    }
    pub fn with(mut self, body: Body) -> Reply {
        self.body = body;
        self
    }
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

struct Shared {
    routes: Mutex<HashMap<String, Handler>>,
    log: Mutex<Vec<Request>>,
    own: Gauge,
    group: Arc<Gauge>,
    /// For CONNECT: names this proxy resolves (others must be `ip:port`).
    hosts: Mutex<HashMap<String, SocketAddr>>,
    stop: AtomicBool,
    base: String,
}

/// A running server; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

/// A feed fixture from `tests/data/feeds`.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A news site: an RSS feed of summaries and two of its article pages (one
/// in windows-1256, declared only in the page's `<meta>`).
pub fn news_server() -> Server {
    let server = Server::start();
    server.resource("/rss.xml", "application/rss+xml", fixture("rss2_utf8.xml"));
    server.resource(
        "/articles/aid-convoy.html",
        "text/html; charset=utf-8",
        fixture("aid-convoy.html"),
    );
    server.resource(
        "/articles/market-close.html",
        "text/html",
        fixture("market-close.html"),
    );
    server
}

impl Server {
    pub fn start() -> Server {
        Server::start_in(Arc::new(Gauge::default()))
    }

    /// A server whose in-flight requests also count in `group`.
    pub fn start_in(group: Arc<Gauge>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            routes: Mutex::default(),
            log: Mutex::default(),
            own: Gauge::default(),
            group,
            hosts: Mutex::default(),
            stop: AtomicBool::new(false),
            base: format!("http://{addr}"),
        });
        let accept = shared.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = accept.clone();
                thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        Server { addr, shared }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        self.shared.base.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.shared.base)
    }

    /// Answers `target` (a path, or a path with its query) with `handler`.
    pub fn route(&self, target: &str, handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) {
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert(target.to_string(), Arc::new(handler));
    }

    /// Serves fixed bytes as a well-behaved server does: with an ETag and a
    /// Last-Modified date, answering 304 to a request that carries either.
    /// `{{BASE}}` in the body becomes this server's base URL.
    pub fn resource(&self, target: &str, content_type: &str, body: impl Into<Vec<u8>>) {
        let body = self.with_base(body.into());
        let etag = format!("\"{:016x}\"", fnv(&body));
        let modified = "Tue, 14 May 2024 08:30:00 GMT".to_string();
        let content_type = content_type.to_string();
        self.route(target, move |req| {
            let fresh = req.header("if-none-match") == Some(etag.as_str())
                || (req.header("if-none-match").is_none()
                    && req.header("if-modified-since") == Some(modified.as_str()));
            let reply = if fresh {
                Reply::status(304)
            } else {
                Reply::ok(&content_type, body.clone())
            };
            reply
                .header("ETag", &etag)
                .header("Last-Modified", &modified)
        });
    }

    /// Serves bytes with no validators at all.
    pub fn plain(&self, target: &str, content_type: &str, body: impl Into<Vec<u8>>) {
        let body = self.with_base(body.into());
        let content_type = content_type.to_string();
        self.route(target, move |_| Reply::ok(&content_type, body.clone()));
    }

    /// As a CONNECT proxy, send `name` to `addr`.
    pub fn proxy_host(&self, name: &str, addr: SocketAddr) {
        self.shared
            .hosts
            .lock()
            .unwrap()
            .insert(name.to_string(), addr);
    }

    /// Every request so far, in arrival order.
    pub fn log(&self) -> Vec<Request> {
        self.shared.log.lock().unwrap().clone()
    }

    /// The requests for `path` (query ignored).
    pub fn hits(&self, path: &str) -> Vec<Request> {
        self.log()
            .into_iter()
            .filter(|r| r.path() == path)
            .collect()
    }

    /// The most requests this server answered at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.own.max()
    }

    fn with_base(&self, body: Vec<u8>) -> Vec<u8> {
        replace_all(&body, b"{{BASE}}", self.shared.base.as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wakes the accept loop
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_millis(200)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let Some(request) = read_head(&mut reader, shared)? else {
            return Ok(());
        };
        shared.log.lock().unwrap().push(request.clone());
        if request.method == "CONNECT" {
            return tunnel(&request, reader, out, shared);
        }
        shared.own.enter();
        shared.group.enter();
        let keep = answer(&request, &mut out, shared);
        shared.own.leave();
        shared.group.leave();
        let client_closes = request
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"));
        if !keep? || client_closes {
            let _ = out.shutdown(Shutdown::Both);
            return Ok(());
        }
    }
}

/// Reads a request head; `None` when the client closed or the server stops.
fn read_head(reader: &mut BufReader<TcpStream>, shared: &Shared) -> io::Result<Option<Request>> {
    let mut lines = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if shared.stop.load(Ordering::SeqCst) {
                    return Ok(None);
                }
                continue;
            }
            Err(e) => return Err(e),
        }
        let trimmed = line.trim_end().to_string();
        if trimmed.is_empty() {
            if lines.is_empty() {
                continue;
            }
            break;
        }
        lines.push(trimmed);
    }
    let mut first = lines[0].split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers = lines[1..]
        .iter()
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(Some(Request {
        method,
        target,
        headers,
        at: Instant::now(),
    }))
}

/// Writes the reply; returns whether the connection may be kept.
fn answer(request: &Request, out: &mut TcpStream, shared: &Shared) -> io::Result<bool> {
    let handler = {
        let routes = shared.routes.lock().unwrap();
        routes
            .get(&request.target)
            .or_else(|| routes.get(request.path()))
            .cloned()
    };
    let reply = match handler {
        Some(h) => h(request),
        None => Reply::status(404)
            .header("Content-Type", "text/plain")
            .body("not found"),
    };
    sleep_unless_stopped(reply.delay, shared);
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match reply.body {
        Body::Bytes(bytes) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", bytes.len()));
            out.write_all(head.as_bytes())?;
            if request.method != "HEAD" {
                out.write_all(&bytes)?;
            }
            Ok(true)
        }
        Body::Stream { len, mut reader } => {
            match len {
                Some(n) => head.push_str(&format!("Content-Length: {n}\r\n")),
                None => head.push_str("Connection: close\r\n"),
            }
            head.push_str("\r\n");
            out.write_all(head.as_bytes())?;
            io::copy(&mut reader, out)?;
            Ok(false)
        }
        Body::Drip { bytes, every } => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", bytes.len()));
            out.write_all(head.as_bytes())?;
            for b in bytes {
                sleep_unless_stopped(every, shared);
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                out.write_all(&[b])?;
            }
            Ok(false)
        }
        Body::Hang => {
            while !shared.stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
                // Stop once the client has gone.
                let mut probe = [0u8; 1];
                out.set_nonblocking(true)?;
                let gone = matches!(out.peek(&mut probe), Ok(0));
                out.set_nonblocking(false)?;
                if gone {
                    break;
                }
            }
            Ok(false)
        }
        Body::Close => Ok(false),
    }
}

/// CONNECT host:port: answers 200 and relays both ways.
fn tunnel(
    request: &Request,
    reader: BufReader<TcpStream>,
    mut out: TcpStream,
    shared: &Shared,
) -> io::Result<()> {
    let (name, port) = request
        .target
        .rsplit_once(':')
        .unwrap_or((&request.target, "80"));
    let known = shared.hosts.lock().unwrap().get(name).copied();
    let target = match known {
        Some(mut addr) => {
            addr.set_port(port.parse().unwrap_or(80));
            Some(addr)
        }
        None => request.target.parse().ok(),
    };
    let Some(upstream) = target.and_then(|a| TcpStream::connect(a).ok()) else {
        out.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")?;
        return Ok(());
    };
    out.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let mut client_side = reader.into_inner();
    client_side.set_read_timeout(None)?;
    let mut up_read = upstream.try_clone()?;
    let mut up_write = upstream;
    let relay = thread::spawn(move || {
        let _ = io::copy(&mut up_read, &mut out);
        let _ = out.shutdown(Shutdown::Both);
    });
    let _ = io::copy(&mut client_side, &mut up_write);
    let _ = up_write.shutdown(Shutdown::Both);
    let _ = relay.join();
    Ok(())
}

fn sleep_unless_stopped(total: Duration, shared: &Shared) {
    let end = Instant::now() + total;
    while Instant::now() < end && !shared.stop.load(Ordering::SeqCst) {
        thread::sleep((end - Instant::now()).min(Duration::from_millis(20)));
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// A valid brotli stream holding `data` in stored (uncompressed) blocks:
/// enough to check the `br` path without a brotli compressor.
pub fn brotli_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u64, 0u32);
    let mut push = |out: &mut Vec<u8>, value: u64, count: u32, flush: bool| {
        acc |= value << n;
        n += count;
        while n >= 8 || (flush && n > 0) {
            out.push(acc as u8);
            acc >>= 8;
            n = n.saturating_sub(8);
        }
    };
    push(&mut out, 0, 1, false); // WBITS = 16
    for chunk in data.chunks(65536) {
        // ISLAST 0, MNIBBLES 4 (0b00), MLEN-1 in 16 bits, ISUNCOMPRESSED 1
        push(
            &mut out,
            ((chunk.len() as u64 - 1) << 3) | (1 << 19),
            20,
            true,
        );
        out.extend_from_slice(chunk);
    }
    push(&mut out, 0b11, 2, true); // ISLAST, ISLASTEMPTY
    out
}

/// gzip of `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip in memory");
    e.finish().expect("gzip in memory")
}

/// A listening port that never accepts, with its queue filled, so a new
/// connection to it hangs in connect: a host that does not answer.
/// Keep the returned value alive while it is used.
pub fn unanswering_port() -> (TcpListener, Vec<TcpStream>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    let mut queued = Vec::new();
    for _ in 0..4096 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(stream) => queued.push(stream),
            Err(_) => return (listener, queued),
        }
    }
    panic!("the listen queue of {addr} never filled");
}
