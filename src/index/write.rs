//! Bringing the index up to date: compare the library with the manifest kept in the index,
//! read, parse and turn into documents only what changed (on worker threads, while tantivy's
//! threads index), and commit once.
//! The manifest commits with the documents, so an interrupted refresh leaves the last complete
//! state and the next one finishes the work. Page dumps also feed the furniture model
//! (`learn`): the dumps of a site whose learned furniture changed are parsed again before the
//! commit, which names the model's file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use tantivy::{IndexWriter, Searcher, Term};

use super::columns::{manifest, ManifestEntry};
use super::document::relative_key;
use super::file_jobs::{apply, run, Job, Pass, Shared};
use super::fresh::is_under;
use super::learn::Learning;
use super::merges::BoundedMerges;
use super::pipeline::{Slots, Tracked};
use super::schema::Fields;
use super::storage::index_error;
use super::types::{IndexError, Phase, Progress, RefreshSummary};
use crate::scan::{self, FileEntry, Scan, Skipped};

/// The writer's memory budget, shared by its indexing threads: a 35k-article library makes a
/// handful of segments (no merging during the build), within the 150 MB peak-RSS budget with
/// the workers running beside it.
const WRITER_HEAP_BYTES: usize = 80 * 1024 * 1024;
/// Indexing (tokens into posting lists) takes about half the work: on 2 cores, one indexing
/// thread was the critical path (6 s of 11 s CPU on vn_news); two share it. More would only
/// split the heap into more, smaller segments.
const MAX_INDEXING_THREADS: usize = 2;
/// Documents built but not yet indexed: enough to keep the indexing threads busy.
pub(super) const DOCUMENTS_IN_FLIGHT: usize = 256;

pub struct Context<'a> {
    pub library: &'a Path,
    /// The index folder (the furniture model's file is kept there).
    pub dir: &'a Path,
    pub links: scan::LinkPolicy,
    pub index: &'a tantivy::Index,
    pub searcher: Searcher,
    pub fields: &'a Fields,
}

/// What a refresh's walk saw: its folders and the files it passed over (no article files), and
/// whether that was the whole library.
pub struct Walked {
    pub scan: Scan,
    pub whole_library: bool,
}

/// Brings the parts of the library at `within` (all of it when empty) into the index. Returns
/// the summary and what the walk saw.
pub fn refresh(
    ctx: &Context,
    rebuild: bool,
    within: &[PathBuf],
    progress: &mut dyn FnMut(Progress),
) -> Result<(RefreshSummary, Walked), IndexError> {
    let started = Instant::now();
    progress(Progress { phase: Phase::Scanning, done: 0, total: 0 });
    let files = scan::Library::open(ctx.library, ctx.links)?;
    let indexed = if rebuild { HashMap::new() } else { manifest(&ctx.searcher).map_err(index_error)? };
    let mut learning = Learning::open(ctx.dir, ctx.index, rebuild || indexed.is_empty());
    // Rebuilding the furniture store takes every file: then the whole library is walked.
    let within = if learning.is_current() { within } else { &[] };
    let scopes: Vec<String> =
        within.iter().map(|path| relative_key(path.strip_prefix(ctx.library).unwrap_or(path))).collect();
    let in_scope = |key: &str| scopes.is_empty() || scopes.iter().any(|scope| is_under(key, scope));
    let mut scan = files.scan_within(within);
    let walked = Walked {
        scan: Scan {
            files: Vec::new(),
            skipped: scan.skipped.clone(),
            folders: std::mem::take(&mut scan.folders),
        },
        whole_library: within.is_empty(),
    };
    let files_looked_at = scan.files.len() + scan.skipped.len();
    let mut summary = RefreshSummary {
        seen: scan.files.len(),
        skipped: scan.skipped,
        files_looked_at,
        ..Default::default()
    };

    let mut jobs = Vec::new();
    // The indexed files still there (borrowed from the manifest: nothing per file is copied).
    let mut present: HashSet<&str> = HashSet::new();
    for file in &scan.files {
        let key = key_of(ctx, file);
        let old = indexed.get_key_value(&key).map(|(indexed_key, entry)| {
            present.insert(indexed_key.as_str());
            entry
        });
        match old {
            Some(entry) if entry.stamp.size == file.size && entry.stamp.modified_ns == file.modified_ns => {
                match &entry.skipped {
                    Some(reason) => {
                        summary.skipped.push(Skipped { path: file.path.clone(), reason: reason.clone() })
                    }
                    None => summary.unchanged += 1,
                }
            }
            _ => jobs.push(Job { file, key, old }),
        }
    }
    summary.files_read = jobs.len();
    let removed: HashMap<&String, &ManifestEntry> =
        indexed.iter().filter(|(key, _)| in_scope(key) && !present.contains(key.as_str())).collect();
    if jobs.is_empty() && removed.is_empty() && !rebuild && learning.is_current() {
        summary.took = started.elapsed();
        return Ok((summary, walked));
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let indexing_threads = threads.min(MAX_INDEXING_THREADS);
    // One merge at a time, each of bounded size (see `merges`): what merges map stays bounded.
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(indexing_threads)
        .memory_budget_per_thread(WRITER_HEAP_BYTES / indexing_threads)
        .num_merge_threads(1)
        .build();
    let mut writer: IndexWriter<Tracked> = ctx.index.writer_with_options(options).map_err(index_error)?;
    writer.set_merge_policy(Box::new(BoundedMerges::new(ctx.dir.to_path_buf())));
    if rebuild {
        writer.delete_all_documents().map_err(index_error)?;
    }
    if !learning.is_current() {
        let reading: HashSet<&str> = jobs.iter().map(|job| job.key.as_str()).collect();
        learning.recover(
            ctx.library,
            scan.files.iter().filter(|file| {
                let key = key_of(ctx, file);
                !reading.contains(key.as_str())
                    && indexed.get(&key).is_some_and(|entry| entry.skipped.is_none())
            }),
        );
    }
    // Removed articles by content hash, so a new file with the same content becomes a rename.
    let mut by_hash: HashMap<u64, Vec<(String, ManifestEntry)>> = HashMap::new();
    for (key, entry) in &removed {
        if entry.skipped.is_none() && !entry.container {
            by_hash.entry(entry.stamp.hash).or_default().push(((*key).clone(), (*entry).clone()));
        }
    }
    let before = learning.model();
    let shared = Shared {
        ctx,
        files: &files,
        pass: Pass::Changes,
        furniture: &before,
        by_hash: Mutex::new(by_hash),
        slots: Slots::new(DOCUMENTS_IN_FLIGHT),
        writer: &writer,
    };
    let mut renamed_from = HashSet::new();
    let first = {
        let mut tally = |job: &Job, outcome, summary: &mut RefreshSummary, learning: &mut Learning| {
            apply(&shared, &writer, job, outcome, summary, learning, &mut renamed_from)
        };
        run(&shared, &jobs, &mut summary, &mut learning, &mut tally, progress)
    };
    if let Err(err) = first {
        return Err(failed(writer, err));
    }
    for key in removed.keys() {
        learning.forget(key);
    }

    // The sites whose furniture changed: their dumps are parsed again with what was learned.
    let after = learning.model();
    let keys = learning.to_parse_again(&before, &after);
    if !keys.is_empty() {
        // Those outside the folders walked are looked at one by one.
        let walked_keys: HashSet<String> = scan.files.iter().map(|file| key_of(ctx, file)).collect();
        let outside: Vec<PathBuf> = keys
            .iter()
            .filter(|key| !walked_keys.contains(*key))
            .map(|key| ctx.library.join(super::document::key_path(key)))
            .collect();
        let outside = if outside.is_empty() { Scan::default() } else { files.scan_within(&outside) };
        let mut by_key: HashMap<String, &FileEntry> =
            scan.files.iter().chain(&outside.files).map(|file| (key_of(ctx, file), file)).collect();
        let again: Vec<Job> = keys
            .into_iter()
            .filter_map(|key| Some(Job { file: by_key.remove(&key)?, old: indexed.get(&key), key }))
            .collect();
        let shared = Shared {
            ctx,
            files: &files,
            pass: Pass::Furniture,
            furniture: &after,
            by_hash: Mutex::default(),
            slots: shared.slots,
            writer: &writer,
        };
        let second = {
            let mut tally = |job: &Job, outcome, summary: &mut RefreshSummary, learning: &mut Learning| {
                apply(&shared, &writer, job, outcome, summary, learning, &mut HashSet::new())
            };
            run(&shared, &again, &mut summary, &mut learning, &mut tally, progress)
        };
        if let Err(err) = second {
            return Err(failed(writer, err));
        }
    }

    for key in removed.keys().filter(|key| !renamed_from.contains(**key)) {
        writer.delete_term(Term::from_field_text(ctx.fields.path, key));
        summary.removed += 1;
    }
    progress(Progress { phase: Phase::Committing, done: jobs.len(), total: jobs.len() });
    // The model's file first: a commit names only a file that is there.
    let payload = learning.save(ctx.dir)?;
    let mut commit = writer.prepare_commit().map_err(index_error)?;
    commit.set_payload(&payload);
    commit.commit().map_err(index_error)?;
    writer.wait_merging_threads().map_err(index_error)?;
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    summary.took = started.elapsed();
    Ok((summary, walked))
}

/// A file's key: its path inside the library.
fn key_of(ctx: &Context, file: &FileEntry) -> String {
    relative_key(file.path.strip_prefix(ctx.library).unwrap_or(&file.path))
}

/// A dead indexing worker leaves add_document a vague "writer was killed"; joining the workers
/// gives its cause (a full disk, say). Nothing is committed either way.
fn failed(mut writer: IndexWriter<Tracked>, err: IndexError) -> IndexError {
    match writer.prepare_commit() {
        Err(cause) => index_error(cause),
        Ok(_) => err,
    }
}
