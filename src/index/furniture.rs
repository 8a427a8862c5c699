//! The furniture model beside the index: what each page dump of the library gives learning
//! (its site and the hashes of its short lines), in one versioned file of the index folder.
//! The file is written whole to a temporary name and renamed (a reader never sees half of it),
//! and ends with a checksum; the index's commit names that checksum, so a file that is damaged,
//! foreign, or not the one the committed index was built with is ignored and rebuilt.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use crate::parse::{FurnitureModel, SiteLines};

pub const MODEL_FILE: &str = "furniture-model";
const MAGIC: &[u8] = b"newsdesk furniture model\n";
const VERSION: u32 = 1;
/// Bounds a file must keep to be read at all (the parser keeps at most 600 lines a dump).
const MAX_LINES_PER_DUMP: u32 = 4096;
const MAX_KEY_BYTES: u32 = 64 * 1024;
const MAX_FILE_BYTES: u64 = 1 << 30;

/// Every page dump's site lines, by its path inside the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    pub dumps: BTreeMap<String, SiteLines>,
}

impl Store {
    pub fn model(&self) -> FurnitureModel {
        FurnitureModel::learn(self.dumps.values())
    }

    /// The file's bytes; the last eight are the checksum of the rest.
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.dumps.len() * 256);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.dumps.len() as u64).to_le_bytes());
        for (key, dump) in &self.dumps {
            out.extend_from_slice(&(key.len() as u32).to_le_bytes());
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(&dump.site.to_le_bytes());
            out.extend_from_slice(&(dump.lines.len() as u32).to_le_bytes());
            for hash in &dump.lines {
                out.extend_from_slice(&hash.to_le_bytes());
            }
        }
        let checksum = xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// The store and its checksum, or `None` for anything but an intact file of this version.
    fn decode(bytes: &[u8]) -> Option<(Store, u64)> {
        let body = bytes.get(..bytes.len().checked_sub(8)?)?;
        let checksum = u64::from_le_bytes(bytes[body.len()..].try_into().ok()?);
        if xxh3_64(body) != checksum {
            return None;
        }
        let mut reader = Reader { bytes: body.strip_prefix(MAGIC)? };
        if reader.u32()? != VERSION {
            return None;
        }
        let count = reader.u64()?;
        let mut dumps = BTreeMap::new();
        for _ in 0..count {
            let key_len = reader.u32()?;
            if key_len > MAX_KEY_BYTES {
                return None;
            }
            let key = std::str::from_utf8(reader.take(key_len as usize)?).ok()?.to_string();
            let site = reader.u64()?;
            let lines = reader.u32()?;
            if lines > MAX_LINES_PER_DUMP {
                return None;
            }
            let lines = (0..lines).map(|_| reader.u64()).collect::<Option<Vec<u64>>>()?;
            dumps.insert(key, SiteLines { site, lines });
        }
        reader.bytes.is_empty().then_some((Store { dumps }, checksum))
    }

    /// Reads the store of the index in `dir`: `None` when there is none, or it cannot be trusted.
    pub fn load(dir: &Path) -> Option<(Store, u64)> {
        let path = dir.join(MODEL_FILE);
        if fs::metadata(&path).ok()?.len() > MAX_FILE_BYTES {
            return None;
        }
        Store::decode(&fs::read(path).ok()?)
    }

    /// Writes the store beside the index (a temporary file, then a rename); returns its checksum.
    pub fn save(&self, dir: &Path) -> io::Result<u64> {
        let bytes = self.encode();
        let checksum = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap_or_default());
        super::kept_file::replace(dir, MODEL_FILE, &bytes)?;
        Ok(checksum)
    }
}

/// How the index commit names the store it was built with.
pub fn payload(checksum: u64) -> String {
    format!("furniture-model {checksum:016x}")
}

/// The learned model of the index in `dir`, for reading one file of its library.
pub fn load_model(dir: &Path) -> Option<FurnitureModel> {
    let (store, _) = Store::load(dir)?;
    let model = store.model();
    (!model.is_empty()).then_some(model)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let mut store = Store::default();
        store.dumps.insert("a/b.txt".into(), SiteLines { site: 7, lines: vec![1, 2, 3] });
        store.dumps.insert("c.txt".into(), SiteLines { site: 7, lines: vec![] });
        store
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let dir = tempfile::tempdir().unwrap();
        let checksum = store().save(dir.path()).unwrap();
        assert_eq!(Store::load(dir.path()), Some((store(), checksum)));
        let path = dir.path().join(MODEL_FILE);
        let mut bytes = fs::read(&path).unwrap();
        for at in [0, MAGIC.len() + 2, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 0x20;
            fs::write(&path, &bytes).unwrap();
            assert_eq!(Store::load(dir.path()), None, "byte {at} flipped");
            bytes[at] ^= 0x20;
        }
        fs::write(&path, b"{\"some\": \"other file\"}").unwrap();
        assert_eq!(Store::load(dir.path()), None);
        fs::write(&path, &bytes[..bytes.len() - 9]).unwrap();
        assert_eq!(Store::load(dir.path()), None);
    }
}
