//! An EPUB's zip, held in memory and read entry by entry within [`Limits`]: the count of its
//! files is read from its end record before the zip reader lists them, every entry is read to
//! at most the member limit, and the bytes all entries decompress to are counted against the
//! total and the ratio to the file's size.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::super::{Limits, Stopped};
use crate::parse::SkipReason;
use crate::strings::{fill, text};

pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    on_disk: u64,
    limits: Limits,
    /// Bytes decompressed so far, every entry read counted.
    pub decompressed: u64,
}

/// What reading one entry gave.
pub enum Entry {
    Bytes(Vec<u8>),
    /// No such entry, or one that cannot be read (damaged, encrypted, another compression).
    Missing,
    /// Larger than the member limit: left after that many bytes.
    TooLarge,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Archive<'a>, SkipReason> {
        let too_many = || SkipReason::Invalid(fill(text().epub_too_many_files, &[("n", &limits.entries)]));
        if declared_entries(bytes).is_some_and(|count| count > limits.entries as u64) {
            return Err(too_many());
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|err| SkipReason::Invalid(fill(text().epub_unreadable, &[("why", &err)])))?;
        if zip.len() > limits.entries {
            return Err(too_many());
        }
        Ok(Archive { zip, on_disk: bytes.len() as u64, limits, decompressed: 0 })
    }

    /// The names of the entries, in the zip's order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(Result::ok).map(|name| name.into_owned()).collect()
    }

    /// The entry `name`, decompressed within the limits. `Err` when reading must stop (the
    /// total or the ratio is passed).
    pub fn entry(&mut self, name: &str) -> Result<Entry, Stopped> {
        let max = self.limits.member_bytes;
        let mut bytes = Vec::new();
        let read = match self.zip.by_name(name) {
            Ok(file) => file.take(max + 1).read_to_end(&mut bytes).map(|_| ()),
            Err(ZipError::FileNotFound) => return Ok(Entry::Missing),
            Err(_) => Err(std::io::ErrorKind::InvalidData.into()),
        };
        self.decompressed += bytes.len() as u64;
        self.limits.check(self.decompressed, self.on_disk, true)?;
        Ok(match read {
            Err(_) => Entry::Missing,
            Ok(()) if bytes.len() as u64 > max => Entry::TooLarge,
            Ok(()) => Entry::Bytes(bytes),
        })
    }

    /// The entry `name` as text, `None` when it cannot be had.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Stopped> {
        Ok(match self.entry(name)? {
            Entry::Bytes(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Entry::Missing | Entry::TooLarge => None,
        })
    }
}

/// How many files the zip's end record says it holds (its ZIP64 record's count when it has
/// one), `None` when no end record is found.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const END: &[u8] = b"PK\x05\x06";
    const END_LEN: usize = 22;
    // The end record is the last 22 bytes, unless a comment (at most 64 KB) follows it.
    let search_from = bytes.len().saturating_sub(END_LEN + u16::MAX as usize);
    let at = search_from + bytes[search_from..].windows(END.len()).rposition(|window| window == END)?;
    let record = bytes.get(at..at + END_LEN)?;
    let count = u16::from_le_bytes([record[10], record[11]]);
    if count != u16::MAX {
        return Some(u64::from(count));
    }
    // ZIP64: a locator just before the end record gives where its own end record is.
    let locator = bytes.get(at.checked_sub(20)?..at)?;
    if &locator[..4] != b"PK\x06\x07" {
        return Some(u64::from(count));
    }
    let offset = u64::from_le_bytes(locator[8..16].try_into().ok()?);
    let record = bytes.get(usize::try_from(offset).ok()?..)?.get(..56)?;
    (&record[..4] == b"PK\x06\x06").then(|| u64::from_le_bytes(record[32..40].try_into().unwrap_or_default()))
}
