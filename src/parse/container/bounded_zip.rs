//! A zip archive read in memory, never unpacked to disk, with what it may cost bounded: the
//! archive's own size, how many entries it lists, the bytes one entry and all entries together
//! decompress to, how much the archive may expand, and how deep zips nest in zips. Each bound
//! counts bytes as they come out of the decompressor, never what a header claims. Read-it-later
//! exports use it; an EPUB (a zip too) can.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::Stopped;

/// What reading one archive (and the archives inside it) may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// The archive's own size, read into memory.
    pub archive_bytes: u64,
    /// Entries listed (past this, the rest are left with a reason).
    pub entries: usize,
    /// Bytes one entry may decompress to; a larger one is skipped.
    pub entry_bytes: u64,
    /// Bytes all entries together (nested archives included) may decompress to.
    pub total_bytes: u64,
    /// How many times its size the archive may expand to, once past [`UNCHECKED_BYTES`].
    pub ratio: u64,
    /// Zips inside zips: 0 reads none.
    pub depth: usize,
}

/// Below this, an archive may expand as it likes (a small export of repeated markup does).
pub const UNCHECKED_BYTES: u64 = 16 * 1024 * 1024;

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            archive_bytes: 256 << 20,
            entries: 100_000,
            entry_bytes: crate::parse::MAX_FILE_BYTES,
            total_bytes: 2 << 30,
            ratio: 100,
            depth: 2,
        }
    }
}

/// What decompressing has cost so far: shared by an archive and those nested in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spent {
    /// Bytes out of the decompressor.
    pub decompressed: u64,
    /// Bytes of the archives on disk (or in their parent) that they came from.
    pub compressed: u64,
}

/// Why an entry was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    /// Larger than [`ZipLimits::entry_bytes`] (this many bytes were read before giving up).
    TooLarge(u64),
    /// Damaged, encrypted or of a compression method not read: this entry alone is left.
    Unreadable(String),
    /// A zip deeper in zips than [`ZipLimits::depth`]: left unread.
    TooDeep(usize),
    /// The archive may be read no further.
    Stop(Stopped),
}

/// An entry of the archive: its position and name (a folder's entries are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub index: usize,
    pub name: String,
    /// What its header claims it decompresses to (checked as it is read, never trusted).
    pub claimed_size: u64,
}

pub struct BoundedZip {
    archive: ZipArchive<Cursor<Vec<u8>>>,
    limits: ZipLimits,
    depth: usize,
    /// The archive's own size: no entry is counted as more compressed bytes than this.
    size: u64,
    /// The entries past [`ZipLimits::entries`] were left.
    pub truncated: Option<Stopped>,
}

/// Whether `bytes` start as a zip archive does (a local file header, or an empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl BoundedZip {
    /// The archive read from `input`, no larger than [`ZipLimits::archive_bytes`].
    pub fn open(input: impl Read, limits: ZipLimits) -> Result<BoundedZip, EntryError> {
        let bytes = super::read_at_most(input, limits.archive_bytes)
            .map_err(|err| EntryError::Unreadable(err.to_string()))?
            .ok_or(EntryError::Stop(Stopped::TooManyBytes(limits.archive_bytes)))?;
        BoundedZip::from_bytes(bytes, limits, 0)
    }

    fn from_bytes(bytes: Vec<u8>, limits: ZipLimits, depth: usize) -> Result<BoundedZip, EntryError> {
        if !is_zip(&bytes) {
            return Err(EntryError::Unreadable(crate::strings::text().not_a_zip.into()));
        }
        let size = bytes.len() as u64;
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|err| EntryError::Unreadable(err.to_string()))?;
        let truncated = (archive.len() > limits.entries).then_some(Stopped::TooManyEntries(limits.entries));
        Ok(BoundedZip { archive, limits, depth, size, truncated })
    }

    /// The archive's files, in its order, at most [`ZipLimits::entries`] of them.
    pub fn entries(&mut self) -> Vec<Entry> {
        let count = self.archive.len().min(self.limits.entries);
        (0..count)
            .filter_map(|index| {
                let file = self.archive.by_index_raw(index).ok()?;
                let name = file.name().ok()?.into_owned();
                (!file.is_dir()).then_some(Entry { index, name, claimed_size: file.size() })
            })
            .collect()
    }

    /// The index of the entry named `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.archive.index_for_name(name)
    }

    /// The bytes of entry `index`, counted into `spent` as they are decompressed.
    pub fn read(&mut self, index: usize, spent: &mut Spent) -> Result<Vec<u8>, EntryError> {
        let limits = self.limits;
        let unreadable = |err: &dyn std::fmt::Display| EntryError::Unreadable(err.to_string());
        let mut file = self.archive.by_index(index).map_err(|err| unreadable(&err))?;
        // A header may claim any size: what the entry can have come from is in the archive.
        spent.compressed += file.compressed_size().min(self.size);
        let mut out = Vec::with_capacity(file.size().min(limits.entry_bytes).min(1 << 20) as usize);
        let mut chunk = vec![0; 64 * 1024];
        loop {
            let count = match file.read(&mut chunk) {
                Ok(0) => return Ok(out),
                Ok(count) => count,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(unreadable(&err)),
            };
            spent.decompressed += count as u64;
            if spent.decompressed > limits.total_bytes {
                return Err(EntryError::Stop(Stopped::TooManyBytes(limits.total_bytes)));
            }
            let expands = spent.decompressed > UNCHECKED_BYTES
                && spent.decompressed > limits.ratio.saturating_mul(spent.compressed.max(1));
            if expands {
                return Err(EntryError::Stop(Stopped::Expands(limits.ratio)));
            }
            if (out.len() + count) as u64 > limits.entry_bytes {
                return Err(EntryError::TooLarge(out.len() as u64 + count as u64));
            }
            out.extend_from_slice(&chunk[..count]);
        }
    }

    /// The archive inside entry `index`, one level deeper (within [`ZipLimits::depth`]).
    pub fn nested(&mut self, index: usize, spent: &mut Spent) -> Result<BoundedZip, EntryError> {
        if self.depth >= self.limits.depth {
            return Err(EntryError::TooDeep(self.limits.depth));
        }
        let bytes = self.read(index, spent)?;
        BoundedZip::from_bytes(bytes, self.limits, self.depth + 1)
    }
}
