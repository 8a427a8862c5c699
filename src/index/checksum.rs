//! Verifying the index's files against the CRC32 tantivy keeps in each file's footer, by
//! reading them: tantivy's own check maps every file, which left 140 MB of index pages in the
//! reader's resident memory.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::storage::index_error;
use super::types::IndexError;

/// tantivy's footer: `body | footer JSON {version, crc} | u32 LE JSON length | u32 LE magic`.
const FOOTER_MAGIC: u32 = 1337;
/// tantivy refuses longer footers: a longer length is damage, not something to read.
const FOOTER_MAX_LEN: u64 = 50_000;
const READ_BUFFER: usize = 256 * 1024;

/// The files of the index's current segments whose body does not match their checksum.
pub fn damaged_files(index: &tantivy::Index, dir: &Path) -> Result<Vec<PathBuf>, IndexError> {
    let mut files: Vec<PathBuf> =
        index.load_metas().map_err(index_error)?.list_segment_files().into_iter().collect();
    files.sort();
    let mut damaged = Vec::new();
    for relative in files {
        match is_intact(&dir.join(&relative)) {
            Ok(true) => {}
            Ok(false) => damaged.push(relative),
            // A segment without deletions has no deletes file; any other file must be there.
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                if relative.extension().is_none_or(|ext| ext != "del") {
                    damaged.push(relative);
                }
            }
            Err(err) => return Err(IndexError::Io(err)),
        }
    }
    Ok(damaged)
}

fn is_intact(path: &Path) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let Some(tail_at) = len.checked_sub(8) else { return Ok(false) };
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(tail_at))?;
    file.read_exact(&mut tail)?;
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    let magic = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    let footer_fits = magic == FOOTER_MAGIC && footer_len <= FOOTER_MAX_LEN;
    let Some(body_len) = tail_at.checked_sub(footer_len).filter(|_| footer_fits) else {
        return Ok(false);
    };
    let mut footer = vec![0; footer_len as usize];
    file.seek(SeekFrom::Start(body_len))?;
    file.read_exact(&mut footer)?;
    let expected = serde_json::from_slice::<serde_json::Value>(&footer)
        .ok()
        .and_then(|footer| footer.get("crc")?.as_u64());
    let Some(expected) = expected else { return Ok(false) };
    file.seek(SeekFrom::Start(0))?;
    let mut body = file.take(body_len);
    let mut hasher = crc32fast::Hasher::new();
    let mut buffer = vec![0; READ_BUFFER];
    loop {
        match body.read(&mut buffer)? {
            0 => break,
            read => hasher.update(&buffer[..read]),
        }
    }
    Ok(u64::from(hasher.finalize()) == expected)
}
