//! Learning each site's furniture while the index is brought up to date. Parsing a page dump
//! gives its site lines beside its article; the store of every dump's lines (beside the index)
//! is updated with what changed, the model is learned again, and only the dumps of the sites
//! whose learned lines changed are parsed again. A store that cannot be trusted (missing,
//! damaged, or not the one the committed index names) is rebuilt from the library's text files,
//! and then every page dump is parsed again.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use super::furniture::{payload, Store};
use crate::parse::{self, FormatHint, FurnitureModel, SiteLines};
use crate::scan::FileEntry;

pub struct Learning {
    store: Store,
    /// The store matches the committed index.
    current: bool,
    /// Every page dump must be parsed again (the store was rebuilt).
    all_stale: bool,
    /// The store's checksum as last saved, and whether it changed since.
    saved: Option<u64>,
    changed: bool,
}

impl Learning {
    /// The store of the index in `dir`. `fresh`: nothing is indexed (or everything is rebuilt),
    /// so an empty store is the right one.
    pub fn open(dir: &Path, index: &tantivy::Index, fresh: bool) -> Learning {
        if fresh {
            return Learning {
                store: Store::default(),
                current: true,
                all_stale: false,
                saved: None,
                changed: true,
            };
        }
        let committed = index.load_metas().ok().and_then(|metas| metas.payload);
        match Store::load(dir) {
            Some((store, checksum)) if committed.as_deref() == Some(payload(checksum).as_str()) => {
                Learning { store, current: true, all_stale: false, saved: Some(checksum), changed: false }
            }
            _ => Learning {
                store: Store::default(),
                current: false,
                all_stale: true,
                saved: None,
                changed: true,
            },
        }
    }

    /// Whether the store on disk is the one the committed index was built with.
    pub fn is_current(&self) -> bool {
        self.current
    }

    /// Rebuilds the store's entries for the files that will not be read this time: reads each
    /// text file (only when the store could not be trusted).
    pub fn recover<'a>(&mut self, library: &Path, unchanged: impl Iterator<Item = &'a FileEntry>) {
        if self.current {
            return;
        }
        for file in unchanged {
            if parse::format_hint(&file.path) != Ok(FormatHint::Text) {
                continue;
            }
            let Ok(bytes) = parse::read_file(&file.path) else { continue };
            let key = super::document::relative_key(file.path.strip_prefix(library).unwrap_or(&file.path));
            self.record(&key, parse::site_lines(&file.path, &bytes));
        }
    }

    pub fn model(&self) -> FurnitureModel {
        self.store.model()
    }

    /// What a file gave learning (`None`: not a page dump, or no longer one).
    pub fn record(&mut self, key: &str, lines: Option<SiteLines>) {
        let before = match lines {
            Some(lines) => self.store.dumps.insert(key.to_string(), lines),
            None => self.store.dumps.remove(key),
        };
        if before.as_ref() != self.store.dumps.get(key) {
            self.changed = true;
        }
    }

    pub fn forget(&mut self, key: &str) {
        if self.store.dumps.remove(key).is_some() {
            self.changed = true;
        }
    }

    /// The dumps to parse again: those of every site whose learned lines changed.
    pub fn to_parse_again(&self, before: &FurnitureModel, after: &FurnitureModel) -> Vec<String> {
        let sites: HashSet<u64> = self.store.dumps.values().map(|dump| dump.site).collect();
        let changed: HashSet<u64> =
            sites.into_iter().filter(|site| before.fingerprint(*site) != after.fingerprint(*site)).collect();
        self.store
            .dumps
            .iter()
            .filter(|(_, dump)| self.all_stale || changed.contains(&dump.site))
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// Saves the store when it changed; returns the commit payload that names it.
    pub fn save(&mut self, dir: &Path) -> io::Result<String> {
        let checksum = match self.saved {
            Some(checksum) if !self.changed => checksum,
            _ => self.store.save(dir)?,
        };
        self.saved = Some(checksum);
        self.changed = false;
        Ok(payload(checksum))
    }
}
