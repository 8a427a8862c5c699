//! Refreshing under a guard: an index found damaged (tantivy fails or panics reading it, or a
//! checksum does not match) is confirmed under the writer lock, moved aside and rebuilt in
//! place, so a reader holding this `Index` goes on with the new one.

use std::sync::PoisonError;

use tantivy::TantivyDocument;

use super::types::{IndexError, Progress, RefreshSummary};
use super::{checksum, schema, storage, write, Handles, Index};
use crate::guard;

/// The smallest writer tantivy allows, taken only to hold the lock while damage is confirmed.
const WRITER_PROBE_BYTES: usize = 15_000_000;

impl Index {
    pub(super) fn refresh_verified(
        &self,
        rebuild: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        if let Some(why) = &self.read_only {
            return Err(IndexError::ReadOnly(why.clone()));
        }
        let _one_at_a_time = self.refreshing.lock().unwrap_or_else(PoisonError::into_inner);
        let cause = match guard::catch(|| self.refresh_checked(rebuild, true, progress)) {
            Ok(Err(IndexError::Damaged(why))) => why,
            Ok(result) => return result,
            Err(panic) => crate::strings::fill(crate::strings::text().reading_failed, &[("why", &panic)]),
        };
        if !guard::catch(|| self.damage_confirmed()).unwrap_or(Ok(true))? {
            // Intact files: another process was replacing them, or newsdesk has a bug. Once
            // more, and if that fails too, say so without touching the index.
            return match guard::catch(|| self.refresh_checked(rebuild, false, progress)) {
                Ok(result) => result,
                Err(panic) => {
                    let args: [(&str, &dyn std::fmt::Display); 2] = [("cause", &cause), ("why", &panic)];
                    Err(IndexError::Tantivy(crate::strings::fill(crate::strings::text().damage_then, &args)))
                }
            };
        }
        let aside = storage::move_aside(&self.dir, "broken")?;
        let note = storage::damaged_note(&cause, &aside);
        let rebuilt = storage::create(&self.dir, &schema::Fields::build().0, Vec::new()).and_then(|opened| {
            *self.handles.write().unwrap_or_else(PoisonError::into_inner) =
                Handles { index: opened.index, reader: opened.reader };
            guard::catch(|| self.refresh_checked(true, false, progress)).map_err(IndexError::Tantivy)?
        });
        match rebuilt {
            Ok(mut summary) => {
                summary.notes.push(note);
                Ok(summary)
            }
            Err(err) => {
                let args: [(&str, &dyn std::fmt::Display); 2] = [("note", &note), ("why", &err)];
                Err(IndexError::Tantivy(crate::strings::fill(crate::strings::text().rebuild_failed, &args)))
            }
        }
    }

    /// Whether the index's files are really damaged, checked while holding the writer lock (no
    /// other process can replace files meanwhile). `Busy` when another process holds it.
    fn damage_confirmed(&self) -> Result<bool, IndexError> {
        let (index, reader) = self.current();
        // Only damage counts: a busy lock, a full disk or a permission error is reported as
        // such, and the index stays where it is.
        let damaged = |err: IndexError| match err {
            IndexError::Damaged(_) => Ok(true),
            other => Err(other),
        };
        let _lock = match index.writer::<TantivyDocument>(WRITER_PROBE_BYTES).map_err(storage::index_error) {
            Ok(writer) => writer,
            Err(err) => return damaged(err),
        };
        if let Err(err) = reader.reload().map_err(storage::index_error) {
            return damaged(err);
        }
        match checksum::damaged_files(&index, &self.dir) {
            Ok(files) => Ok(!files.is_empty()),
            Err(err) => damaged(err),
        }
    }

    fn refresh_checked(
        &self,
        rebuild: bool,
        verify: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        let (index, reader) = self.current();
        // See what another process may have committed since we last looked.
        reader.reload().map_err(storage::index_error)?;
        if verify {
            let damaged = checksum::damaged_files(&index, &self.dir)?;
            if !damaged.is_empty() {
                let files: Vec<String> = damaged.iter().map(|path| crate::shown::shown_path(path)).collect();
                let files = files.join(", ");
                let why =
                    crate::strings::fill(crate::strings::text().checksum_mismatch, &[("files", &files)]);
                return Err(IndexError::Damaged(why));
            }
        }
        let context = write::Context {
            library: &self.library,
            dir: &self.dir,
            links: self.links,
            index: &index,
            searcher: reader.searcher(),
            fields: &self.fields,
        };
        let summary = write::refresh(&context, rebuild, progress)?;
        reader.reload().map_err(storage::index_error)?;
        Ok(summary)
    }
}
