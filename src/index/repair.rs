//! Refreshing under a guard: an index found damaged (tantivy fails or panics reading it, or a
//! checksum does not match) is confirmed under the writer lock, moved aside and rebuilt in
//! place, so a reader holding this `Index` goes on with the new one.

use std::sync::PoisonError;

use tantivy::TantivyDocument;

use super::fresh::{self, Changes, Marker, Seen};
use super::types::{IndexError, Progress, RefreshOptions, RefreshSummary, Scope};
use super::{checksum, schema, storage, write, Handles, Index};
use crate::guard;

/// The smallest writer tantivy allows, taken only to hold the lock while damage is confirmed.
const WRITER_PROBE_BYTES: usize = 15_000_000;

impl Index {
    pub(super) fn refresh_verified(
        &self,
        options: &RefreshOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        if let Some(why) = &self.read_only {
            return Err(IndexError::ReadOnly(why.clone()));
        }
        let _one_at_a_time = self.refreshing.lock().unwrap_or_else(PoisonError::into_inner);
        let verify =
            options.verify || crate::timeline::span("fresh: verified?", || self.needs_verification());
        let cause = match guard::catch(|| self.refresh_checked(options, verify, progress)) {
            Ok(Err(IndexError::Damaged(why))) => why,
            Ok(Err(err @ IndexError::Io(_))) => {
                // After an I/O error, the next refresh verifies what was written.
                fresh::forget_verified(&self.dir);
                return Err(err);
            }
            Ok(result) => return result,
            Err(panic) => crate::strings::fill(crate::strings::text().reading_failed, &[("why", &panic)]),
        };
        fresh::forget_verified(&self.dir);
        if !guard::catch(|| self.damage_confirmed()).unwrap_or(Ok(true))? {
            // Intact files: another process was replacing them, or newsdesk has a bug. Once
            // more, and if that fails too, say so without touching the index.
            let again = RefreshOptions { verify: false, scope: Scope::Everything, ..options.clone() };
            return match guard::catch(|| self.refresh_checked(&again, false, progress)) {
                Ok(result) => result,
                Err(panic) => {
                    let args: [(&str, &dyn std::fmt::Display); 2] = [("cause", &cause), ("why", &panic)];
                    Err(IndexError::Tantivy(crate::strings::fill(crate::strings::text().damage_then, &args)))
                }
            };
        }
        let aside = storage::move_aside(&self.dir, "broken")?;
        let note = storage::damaged_note(&cause, &aside);
        let learn = || super::pairs::learn_from_library(&self.library);
        let rebuilt =
            storage::create(&self.dir, &schema::Fields::build().0, Vec::new(), &learn).and_then(|opened| {
                *self.handles.write().unwrap_or_else(PoisonError::into_inner) =
                    Handles { index: opened.index, reader: opened.reader, pairs: opened.pairs };
                let anew = RefreshOptions { rebuild: true, verify: false, scope: Scope::Everything };
                guard::catch(|| self.refresh_checked(&anew, false, progress)).map_err(IndexError::Tantivy)?
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

    /// Whether the index's files must be verified before they are trusted: a refresh did not
    /// end cleanly, or they changed since they were last known intact.
    pub fn needs_verification(&self) -> bool {
        if self.read_only.is_some() {
            return false;
        }
        let (index, _) = self.current();
        fresh::unclean(&self.dir) || !fresh::still_verified(&self.dir, &segment_files(&index))
    }

    fn refresh_checked(
        &self,
        options: &RefreshOptions,
        verify: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        let started = std::time::Instant::now();
        let (index, reader) = self.current();
        // See what another process may have committed since we last looked.
        crate::timeline::span("fresh: reload", || reload_if_committed(&index, &reader))
            .map_err(storage::index_error)?;
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
        let previous = crate::timeline::span("fresh: seen loaded", || Seen::load(&self.dir));
        let within = match (&options.scope, options.rebuild || fresh::unclean(&self.dir)) {
            (_, true) | (Scope::Everything, _) => Vec::new(),
            (Scope::Paths(paths), _) => paths.clone(),
            (Scope::Changed, _) => {
                let changes = || previous.as_ref().map(|seen| seen.changes(&self.library, self.links));
                match crate::timeline::span("fresh: folders stat-ed", changes) {
                    Some(Changes::None) => {
                        if verify {
                            fresh::record_verified(&self.dir, &segment_files(&index));
                        }
                        let summary = crate::timeline::span("fresh: summary", || {
                            self.as_it_is(&reader.searcher(), previous.as_ref(), started)
                        });
                        return Ok(RefreshSummary { verified: verify, ..summary });
                    }
                    Some(Changes::Folders(folders)) => folders,
                    Some(Changes::Unknown) | None => Vec::new(),
                }
            }
        };
        let marker = Marker::start(&self.dir);
        let context = write::Context {
            library: &self.library,
            dir: &self.dir,
            links: self.links,
            index: &index,
            searcher: reader.searcher(),
            fields: &self.fields,
        };
        let scan_started = fresh::started_ns();
        let (mut summary, walked) = match write::refresh(&context, options.rebuild, &within, progress) {
            Err(IndexError::Busy) => {
                if let Some(marker) = marker {
                    marker.finish();
                }
                return Err(IndexError::Busy);
            }
            other => other?,
        };
        reader.reload().map_err(storage::index_error)?;
        let partial = !walked.whole_library;
        let walked_within = if partial { within.as_slice() } else { &[] };
        let previous = previous.filter(|_| partial);
        Seen::of_scan(&self.library, self.links, &walked.scan, walked_within, previous, scan_started)
            .save(&self.dir);
        fresh::record_verified(&self.dir, &segment_files(&index));
        if let Some(marker) = marker {
            marker.finish();
        }
        summary.verified = verify;
        summary.every_file = !partial;
        if partial {
            let everything = self.as_it_is(&reader.searcher(), Seen::load(&self.dir).as_ref(), started);
            summary.seen = everything.seen;
            summary.unchanged =
                everything.unchanged.saturating_sub(summary.added + summary.updated + summary.renamed);
            summary.skipped = everything.skipped;
        }
        Ok(summary)
    }

    /// The files that are not articles, with why: those the last walk passed over and those
    /// indexed as such, by path.
    pub fn skipped(&self) -> Vec<crate::scan::Skipped> {
        let read = || self.skipped_in(&self.searcher(), Seen::load(&self.dir).as_ref());
        guard::catch(read).unwrap_or_default()
    }

    fn skipped_in(&self, searcher: &tantivy::Searcher, seen: Option<&Seen>) -> Vec<crate::scan::Skipped> {
        let mut skipped = seen.map(|seen| seen.skipped(&self.library)).unwrap_or_default();
        skipped.extend(super::columns::tombstones(searcher, &self.library).unwrap_or_default());
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        skipped
    }

    /// The summary of a refresh that found nothing to do: the index as it is.
    fn as_it_is(
        &self,
        searcher: &tantivy::Searcher,
        seen: Option<&Seen>,
        started: std::time::Instant,
    ) -> RefreshSummary {
        let skipped = self.skipped_in(searcher, seen);
        let passed_over = seen.map_or(0, |seen| seen.skipped(&self.library).len());
        let files = searcher.num_docs() as usize;
        // Every indexed file is an article or a tombstone.
        let unchanged = files.saturating_sub(skipped.len() - passed_over);
        RefreshSummary {
            seen: files,
            unchanged,
            skipped,
            took: started.elapsed(),
            ..RefreshSummary::default()
        }
    }
}

/// Reloads `reader` when the index's last commit is not the state its searcher sees (another
/// process committed since): a reload opens every segment again, most of what a query costs
/// beside its own work when nothing changed (a segment's deletions only grow: their count
/// names them).
fn reload_if_committed(index: &tantivy::Index, reader: &tantivy::IndexReader) -> tantivy::Result<()> {
    let mut committed: Vec<_> =
        (index.searchable_segment_metas()?.iter()).map(|meta| (meta.id(), meta.num_deleted_docs())).collect();
    let searcher = reader.searcher();
    let mut seen: Vec<_> = (searcher.segment_readers().iter())
        .map(|segment| (segment.segment_id(), segment.num_deleted_docs()))
        .collect();
    committed.sort_unstable();
    seen.sort_unstable();
    if committed != seen {
        reader.reload()?;
    }
    Ok(())
}

/// The names of the index's current files.
fn segment_files(index: &tantivy::Index) -> Vec<String> {
    let Ok(metas) = index.load_metas() else { return Vec::new() };
    metas.list_segment_files().iter().map(|path| path.to_string_lossy().into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, ReloadPolicy, Term};

    use super::reload_if_committed;

    #[test]
    fn a_reader_is_reloaded_only_when_a_commit_changed_what_it_sees() {
        let mut schema = Schema::builder();
        let name = schema.add_text_field("name", STRING);
        let index = tantivy::Index::create_in_ram(schema.build());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().unwrap();
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(doc!(name => "a")).unwrap();
        writer.add_document(doc!(name => "b")).unwrap();
        writer.commit().unwrap();
        let generation = |reader: &tantivy::IndexReader| reader.searcher().generation().generation_id();

        reload_if_committed(&index, &reader).unwrap();
        assert_eq!(reader.searcher().num_docs(), 2, "a new segment");
        let seen = generation(&reader);
        reload_if_committed(&index, &reader).unwrap();
        assert_eq!(generation(&reader), seen, "nothing committed: the same searcher");

        writer.delete_term(Term::from_field_text(name, "a"));
        writer.commit().unwrap();
        reload_if_committed(&index, &reader).unwrap();
        assert_eq!(reader.searcher().num_docs(), 1, "a deletion in the same segment");
    }
}
