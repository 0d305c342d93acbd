//! `file://` feeds: read under the same size limit, and "not modified" when
//! the file's modification time and length are those stored last time.

use super::error::{one_line, FetchError};
use super::fetched::{Content, Response, Validators};
use std::fs::File;
use std::io::Read;
use std::time::UNIX_EPOCH;
use url::Url;

pub fn read(url: &Url, limit: u64, validators: &Validators) -> Result<Response, FetchError> {
    let path = url
        .to_file_path()
        .map_err(|()| FetchError::BadUrl(url.to_string()))?;
    let shown = path.display().to_string();
    let fail = |reason: String| FetchError::File {
        path: shown.clone(),
        reason,
    };
    let file = File::open(&path).map_err(|e| fail(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| fail(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(fail("not a file".into()));
    }
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let tag = format!("\"file-{modified:x}-{:x}\"", meta.len());
    let validators_now = Validators {
        etag: Some(tag),
        last_modified: None,
    };
    let response = |content| Response {
        url: url.clone(),
        moved_to: None,
        validators: validators_now.clone(),
        content,
    };
    if validators.etag == validators_now.etag {
        return Ok(response(Content::NotModified));
    }
    if meta.len() > limit {
        return Err(FetchError::TooLarge { limit });
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(FetchError::TooLarge { limit });
    }
    Ok(response(Content::Body {
        bytes,
        content_type: None,
    }))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => one_line(&e.to_string()),
    }
}
