//! Reading a response body: undoing `Content-Encoding` (gzip, deflate,
//! brotli) while counting, so that neither a huge body nor a small one
//! that decompresses to gigabytes (a "gzip bomb") is ever held in memory
//! beyond the limit.

use super::error::FetchError;
use std::io::{self, BufRead, BufReader, Read};

/// Reads `raw` (the bytes on the wire) through the decoders `encodings`
/// names (the `Content-Encoding` header, in the order they were applied)
/// and returns at most `limit` bytes; more on the wire or after decoding is
/// [`FetchError::TooLarge`]. I/O errors of `raw` go through `io_error`.
pub fn read_body(
    raw: impl Read,
    encodings: Option<&str>,
    limit: u64,
    io_error: &dyn Fn(io::Error) -> FetchError,
) -> Result<Vec<u8>, FetchError> {
    let codings = parse_encodings(encodings)?;
    // The wire is capped too: a stream of empty compressed blocks would
    // otherwise be read forever without the decoded limit ever being hit.
    let wire = Capped {
        inner: raw,
        left: limit,
    };
    let mut reader: Box<dyn Read + '_> = Box::new(wire);
    for coding in codings.iter().rev() {
        reader = coding.decoder(reader);
    }
    let mut body = Vec::new();
    let read = reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| classify(e, &codings, limit, io_error));
    read?;
    if body.len() as u64 > limit {
        return Err(FetchError::TooLarge { limit });
    }
    Ok(body)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Gzip => "gzip",
            Coding::Deflate => "deflate",
            Coding::Brotli => "brotli",
        }
    }

    fn decoder<'a>(self, inner: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
        match self {
            Coding::Gzip => Box::new(flate2::read::MultiGzDecoder::new(inner)),
            Coding::Deflate => Box::new(Deflate::new(inner)),
            Coding::Brotli => Box::new(brotli_decompressor::Decompressor::new(inner, 16 * 1024)),
        }
    }
}

fn parse_encodings(header: Option<&str>) -> Result<Vec<Coding>, FetchError> {
    let mut codings = Vec::new();
    for token in header.unwrap_or("").split(',') {
        let token = token.trim().to_ascii_lowercase();
        codings.push(match token.as_str() {
            "" | "identity" => continue,
            "gzip" | "x-gzip" => Coding::Gzip,
            "deflate" => Coding::Deflate,
            "br" => Coding::Brotli,
            _ => return Err(FetchError::UnknownEncoding(token)),
        });
    }
    Ok(codings)
}

/// `deflate` is meant to be zlib-wrapped (RFC 9110), but some servers send
/// raw deflate; the first two bytes tell which.
enum Deflate<'a> {
    Pending(Option<BufReader<Box<dyn Read + 'a>>>),
    Zlib(flate2::read::ZlibDecoder<BufReader<Box<dyn Read + 'a>>>),
    Raw(flate2::read::DeflateDecoder<BufReader<Box<dyn Read + 'a>>>),
}

impl<'a> Deflate<'a> {
    fn new(inner: Box<dyn Read + 'a>) -> Self {
        Deflate::Pending(Some(BufReader::new(inner)))
    }
}

impl Read for Deflate<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Deflate::Pending(slot) = self {
            let Some(mut inner) = slot.take() else {
                return Ok(0);
            };
            let head = inner.fill_buf()?;
            let zlib = head.len() >= 2
                && head[0] & 0x0f == 8
                && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
            *self = if zlib {
                Deflate::Zlib(flate2::read::ZlibDecoder::new(inner))
            } else {
                Deflate::Raw(flate2::read::DeflateDecoder::new(inner))
            };
        }
        match self {
            Deflate::Zlib(d) => d.read(buf),
            Deflate::Raw(d) => d.read(buf),
            Deflate::Pending(_) => Ok(0),
        }
    }
}

/// Marks the wire limit being passed, so it is told apart from a decoder's
/// own errors.
#[derive(Debug)]
struct WireLimit;

impl std::fmt::Display for WireLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("body over the limit")
    }
}

impl std::error::Error for WireLimit {}

/// Passes at most `left` bytes, then fails with [`WireLimit`].
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte past the limit is asked for, to tell "exactly at" from "over".
        let want = buf
            .len()
            .min(usize::try_from(self.left + 1).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            return Err(io::Error::other(WireLimit));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn classify(
    e: io::Error,
    codings: &[Coding],
    limit: u64,
    io_error: &dyn Fn(io::Error) -> FetchError,
) -> FetchError {
    let inner = e.get_ref();
    if inner.is_some_and(|i| i.is::<WireLimit>()) {
        return FetchError::TooLarge { limit };
    }
    let from_decoder = matches!(
        e.kind(),
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput
    ) && inner.is_none_or(|i| !i.is::<ureq::Error>());
    match codings.first() {
        Some(&coding) if from_decoder => FetchError::Decompress {
            encoding: coding.name(),
            reason: super::error::one_line(&e.to_string()),
        },
        _ => io_error(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    fn network(e: io::Error) -> FetchError {
        FetchError::Network(e.to_string())
    }

    fn read(raw: &[u8], encodings: Option<&str>, limit: u64) -> Result<Vec<u8>, FetchError> {
        read_body(raw, encodings, limit, &network)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// A valid brotli stream made of stored (uncompressed) meta-blocks.
    fn brotli_stored(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut bits = Bits::default();
        bits.push(0, 1); // WBITS = 16
        for chunk in data.chunks(65536) {
            bits.push(0, 1); // ISLAST
            bits.push(0, 2); // MNIBBLES = 4
            bits.push((chunk.len() - 1) as u32, 16);
            bits.push(1, 1); // ISUNCOMPRESSED
            bits.flush(&mut out);
            out.extend_from_slice(chunk);
        }
        bits.push(1, 1); // ISLAST
        bits.push(1, 1); // ISLASTEMPTY
        bits.flush(&mut out);
        out
    }

    #[derive(Default)]
    struct Bits {
        acc: u32,
        n: u32,
    }

    impl Bits {
        fn push(&mut self, value: u32, count: u32) {
            for i in 0..count {
                self.acc |= ((value >> i) & 1) << self.n;
                self.n += 1;
            }
        }
        fn flush(&mut self, out: &mut Vec<u8>) {
            while self.n > 0 {
                out.push(self.acc as u8);
                self.acc >>= 8;
                self.n = self.n.saturating_sub(8);
            }
            self.acc = 0;
        }
    }

    const TEXT: &[u8] = "<rss><channel><title>أخبار</title></channel></rss>".as_bytes();

    #[test]
    fn every_coding_gives_back_the_text() {
        assert_eq!(read(TEXT, None, 1000).unwrap(), TEXT);
        assert_eq!(read(TEXT, Some("identity"), 1000).unwrap(), TEXT);
        assert_eq!(read(&gzip(TEXT), Some("gzip"), 1000).unwrap(), TEXT);
        assert_eq!(read(&gzip(TEXT), Some("X-GZIP"), 1000).unwrap(), TEXT);
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(TEXT).unwrap();
        assert_eq!(
            read(&z.finish().unwrap(), Some("deflate"), 1000).unwrap(),
            TEXT
        );
        let mut d = DeflateEncoder::new(Vec::new(), Compression::default());
        d.write_all(TEXT).unwrap();
        let raw_deflate = d.finish().unwrap();
        assert_eq!(read(&raw_deflate, Some("deflate"), 1000).unwrap(), TEXT);
        assert_eq!(read(&brotli_stored(TEXT), Some("br"), 1000).unwrap(), TEXT);
        // Applied gzip first, then brotli: undone in reverse.
        let both = brotli_stored(&gzip(TEXT));
        assert_eq!(read(&both, Some("gzip, br"), 1000).unwrap(), TEXT);
    }

    #[test]
    fn the_limit_is_inclusive() {
        assert_eq!(read(TEXT, None, TEXT.len() as u64).unwrap(), TEXT);
        let over = read(TEXT, None, TEXT.len() as u64 - 1).unwrap_err();
        assert!(matches!(over, FetchError::TooLarge { limit } if limit == TEXT.len() as u64 - 1));
        let zipped = gzip(TEXT);
        let over = read(&zipped, Some("gzip"), TEXT.len() as u64 - 1).unwrap_err();
        assert!(matches!(over, FetchError::TooLarge { .. }), "{over:?}");
    }

    #[test]
    fn an_endless_body_stops_at_the_limit() {
        let endless = io::repeat(b'x');
        let err = read_body(endless, None, 10 * 1024 * 1024, &network).unwrap_err();
        assert!(matches!(err, FetchError::TooLarge { .. }));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        // A terabyte of zeros, compressed as it is read: it cannot have been
        // held in memory, so stopping proves reading is bounded.
        let bomb = flate2::read::GzEncoder::new(io::repeat(0).take(1 << 40), Compression::fast());
        let err = read_body(bomb, Some("gzip"), 10 * 1024 * 1024, &network).unwrap_err();
        assert_eq!(err.to_string(), "larger than 10 MB; stopped reading there");
    }

    #[test]
    fn damaged_or_unknown_codings_are_named() {
        let mut zipped = gzip(TEXT);
        let mid = zipped.len() / 2;
        zipped[mid..].iter_mut().for_each(|b| *b = !*b);
        let err = read(&zipped, Some("gzip"), 1000).unwrap_err();
        assert!(
            matches!(
                err,
                FetchError::Decompress {
                    encoding: "gzip",
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read(b"not brotli at all, just text", Some("br"), 1000).unwrap_err();
        assert!(
            matches!(
                err,
                FetchError::Decompress {
                    encoding: "brotli",
                    ..
                }
            ),
            "{err:?}"
        );
        let err = read(TEXT, Some("zstd"), 1000).unwrap_err();
        assert_eq!(err.to_string(), "unsupported Content-Encoding «zstd»");
    }

    #[test]
    fn a_cut_gzip_stream_is_not_taken_as_whole() {
        let zipped = gzip(&TEXT.repeat(50));
        let err = read(&zipped[..zipped.len() / 2], Some("gzip"), 100_000).unwrap_err();
        assert!(!matches!(err, FetchError::TooLarge { .. }), "{err:?}");
    }
}
