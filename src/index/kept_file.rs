//! Files newsdesk keeps beside the index for one state of it (the stories, the titles' ranks):
//! a magic, the state's key, a body and a checksum of all that. Written whole to a temporary
//! name and renamed; trusted only when the checksum, the magic and the state all agree.

use std::fs;
use std::io;
use std::path::Path;

use tantivy::Searcher;
use xxhash_rust::xxh3::xxh3_64;

/// The state a kept file belongs to: every segment's id, size and deletions (a segment's
/// deletions only grow, so their count names them).
pub fn state_key(searcher: &Searcher) -> u64 {
    let mut text = String::new();
    for segment in searcher.segment_readers() {
        let id = segment.segment_id().uuid_string();
        text.push_str(&format!("{id}:{}:{};", segment.max_doc(), segment.num_deleted_docs()));
    }
    xxh3_64(text.as_bytes())
}

/// A kept file's start, for the state `searcher` sees; the body is appended to it.
pub fn header(magic: &[u8; 8], searcher: &Searcher) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend(state_key(searcher).to_le_bytes());
    out
}

/// Seals `bytes` (a [`header`] and a body) with its checksum and keeps it as `name` in `dir`.
pub fn write(dir: &Path, name: &str, mut bytes: Vec<u8>) -> io::Result<()> {
    let checksum = xxh3_64(&bytes);
    bytes.extend(checksum.to_le_bytes());
    replace(dir, name, &bytes)
}

/// Writes `name` in `dir` whole: a temporary name (`NAME.tmp-PID`, which ownership knows as
/// newsdesk's), then a rename, the temporary file removed when the rename fails.
pub fn replace(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let temporary = dir.join(format!("{name}.tmp-{}", std::process::id()));
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, dir.join(name)).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// The body of a kept file's `bytes` when its checksum, its `magic` and the state `searcher`
/// sees all agree.
pub fn body<'a>(bytes: &'a [u8], magic: &[u8; 8], searcher: &Searcher) -> Option<&'a [u8]> {
    let (sealed, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    let (head, body) = sealed.split_first_chunk::<16>()?;
    let trusted = xxh3_64(sealed).to_le_bytes() == checksum
        && head[..8] == magic[..]
        && head[8..] == state_key(searcher).to_le_bytes();
    trusted.then_some(body)
}
