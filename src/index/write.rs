//! Bringing the index up to date: compare the library with the manifest kept in the index,
//! read, parse and turn into documents only what changed (on worker threads, while tantivy's
//! threads index), and commit once.
//! The manifest commits with the documents, so an interrupted refresh leaves the last complete
//! state and the next one finishes the work.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

use tantivy::{IndexWriter, Searcher, Term};

use super::columns::{manifest, ManifestEntry};
use super::document::{self, relative_key, FileStamp};
use super::fresh::is_under;
use super::pipeline::{Slots, Tracked};
use super::schema::Fields;
use super::storage::index_error;
use super::types::{IndexError, Phase, Progress, RefreshSummary};
use crate::article::Article;
use crate::guard;
use crate::parse::{self, SkipReason};
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
const DOCUMENTS_IN_FLIGHT: usize = 256;

/// A file that must be read: new, or its size or modification time changed.
#[derive(Clone)]
struct Job<'a> {
    file: &'a FileEntry,
    key: String,
    old: Option<&'a ManifestEntry>,
}

/// What reading a file found.
enum Read {
    Parsed(Box<Article>, FileStamp),
    /// Same content as an indexed document: reuse its stored article (a touched or renamed file).
    Reuse {
        from: ManifestEntry,
        old_key: String,
        stamp: FileStamp,
    },
    Skipped(SkipReason, Option<FileStamp>),
}

/// A processed file, its document ready for the writer.
enum Outcome {
    Parsed(Tracked),
    Reused { doc: Tracked, old_key: String },
    Skipped { reason: SkipReason, tombstone: Option<Tracked> },
}

pub struct Context<'a> {
    pub library: &'a Path,
    pub links: scan::LinkPolicy,
    pub index: &'a tantivy::Index,
    pub searcher: Searcher,
    pub fields: &'a Fields,
}

/// Brings the parts of the library at `within` (all of it when empty) into the index. Returns
/// the summary and what the walk saw (its folders and the files it passed over; no files).
pub fn refresh(
    ctx: &Context,
    rebuild: bool,
    within: &[PathBuf],
    progress: &mut dyn FnMut(Progress),
) -> Result<(RefreshSummary, Scan), IndexError> {
    let started = Instant::now();
    progress(Progress { phase: Phase::Scanning, done: 0, total: 0 });
    let files = scan::Library::open(ctx.library, ctx.links)?;
    let mut scan = files.scan_within(within);
    let mut indexed = if rebuild { HashMap::new() } else { manifest(&ctx.searcher).map_err(index_error)? };
    if !within.is_empty() {
        let scopes: Vec<String> =
            within.iter().map(|path| relative_key(path.strip_prefix(ctx.library).unwrap_or(path))).collect();
        indexed.retain(|key, _| scopes.iter().any(|scope| is_under(key, scope)));
    }
    let walked =
        Scan { files: Vec::new(), skipped: scan.skipped.clone(), folders: std::mem::take(&mut scan.folders) };
    let scan = scan;
    let files_looked_at = scan.files.len() + scan.skipped.len();
    let mut summary = RefreshSummary {
        seen: scan.files.len(),
        skipped: scan.skipped,
        files_looked_at,
        ..Default::default()
    };

    let mut jobs = Vec::new();
    let mut present = HashSet::with_capacity(scan.files.len());
    for file in &scan.files {
        let key = relative_key(file.path.strip_prefix(ctx.library).unwrap_or(&file.path));
        let old = indexed.get(&key);
        match old {
            Some(entry) if entry.stamp.size == file.size && entry.stamp.modified_ns == file.modified_ns => {
                match &entry.skipped {
                    Some(reason) => {
                        summary.skipped.push(Skipped { path: file.path.clone(), reason: reason.clone() })
                    }
                    None => summary.unchanged += 1,
                }
            }
            _ => jobs.push(Job { file, key: key.clone(), old }),
        }
        present.insert(key);
    }
    summary.files_read = jobs.len();
    let removed: HashMap<&String, &ManifestEntry> =
        indexed.iter().filter(|(key, _)| !present.contains(*key)).collect();
    if jobs.is_empty() && removed.is_empty() && !rebuild {
        summary.took = started.elapsed();
        return Ok((summary, walked));
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let indexing_threads = threads.min(MAX_INDEXING_THREADS);
    let mut writer: IndexWriter<Tracked> =
        ctx.index.writer_with_num_threads(indexing_threads, WRITER_HEAP_BYTES).map_err(index_error)?;
    if rebuild {
        writer.delete_all_documents().map_err(index_error)?;
    }
    // Removed articles by content hash, so a new file with the same content becomes a rename.
    let mut by_hash: HashMap<u64, Vec<(String, ManifestEntry)>> = HashMap::new();
    for (key, entry) in &removed {
        if entry.skipped.is_none() {
            by_hash.entry(entry.stamp.hash).or_default().push(((*key).clone(), (*entry).clone()));
        }
    }
    let by_hash = Mutex::new(by_hash);
    let slots = Slots::new(DOCUMENTS_IN_FLIGHT);
    let mut renamed_from = HashSet::new();
    let total = jobs.len();
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, Outcome)>(DOCUMENTS_IN_FLIGHT);
    let mut failure = None;
    std::thread::scope(|scope| {
        // Parsing and building documents take about as long as indexing them: as many workers
        // as cores, beside the indexing threads; the slots keep the workers from running ahead.
        for _ in 0..threads {
            let sender = sender.clone();
            let (jobs, next, by_hash, slots, files) = (&jobs, &next, &by_hash, &slots, &files);
            scope.spawn(move || loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(at) else { break };
                // A panic on one file (a parser bug) skips that file, not the whole refresh.
                let outcome =
                    guard::catch(|| prepare(ctx, files, job, by_hash, slots)).unwrap_or_else(|panic| {
                        let reason = SkipReason::Invalid(format!("newsdesk failed on it: {panic}"));
                        Outcome::Skipped { reason, tombstone: None }
                    });
                if sender.send((at, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (done, (at, outcome)) in receiver.into_iter().enumerate() {
            if failure.is_some() {
                // Drain what the workers hold (each document holds a slot they may wait for).
                continue;
            }
            let job = &jobs[at];
            if job.old.is_some() {
                writer.delete_term(Term::from_field_text(ctx.fields.path, &job.key));
            }
            let added = apply(ctx, &writer, job, outcome, &mut summary, &mut renamed_from);
            if let Err(err) = added {
                failure = Some(err);
                next.store(jobs.len(), Ordering::Relaxed);
                slots.close();
                continue;
            }
            if done % 64 == 0 || done + 1 == total {
                progress(Progress { phase: Phase::Parsing, done: done + 1, total });
            }
        }
    });
    if let Some(err) = failure {
        // A dead indexing worker leaves add_document a vague "writer was killed"; joining the
        // workers gives its cause (a full disk, say). Nothing is committed either way.
        return Err(match writer.prepare_commit() {
            Err(cause) => index_error(cause),
            Ok(_) => err,
        });
    }
    for key in removed.keys().filter(|key| !renamed_from.contains(**key)) {
        writer.delete_term(Term::from_field_text(ctx.fields.path, key));
        summary.removed += 1;
    }
    progress(Progress { phase: Phase::Committing, done: total, total });
    writer.commit().map_err(index_error)?;
    writer.wait_merging_threads().map_err(index_error)?;
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    summary.took = started.elapsed();
    Ok((summary, walked))
}

/// Reads, hashes and (when the content is new) parses one file.
fn read(
    files: &scan::Library,
    job: &Job,
    by_hash: &Mutex<HashMap<u64, Vec<(String, ManifestEntry)>>>,
) -> Read {
    let bytes = match files.read_file(&job.file.path) {
        Ok(bytes) => bytes,
        Err(reason) => return Read::Skipped(reason, None),
    };
    let stamp = FileStamp {
        size: job.file.size,
        modified_ns: job.file.modified_ns,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    match job.old {
        Some(old) if old.stamp.hash == stamp.hash && old.skipped.is_none() => {
            return Read::Reuse { from: old.clone(), old_key: job.key.clone(), stamp };
        }
        Some(_) => {}
        None => {
            let mut candidates = by_hash.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some((old_key, from)) = candidates.get_mut(&stamp.hash).and_then(Vec::pop) {
                return Read::Reuse { from, old_key, stamp };
            }
        }
    }
    match parse::parse(&job.file.path, &bytes) {
        Ok(article) => Read::Parsed(Box::new(article), stamp),
        Err(reason) => Read::Skipped(reason, Some(stamp)),
    }
}

/// Reads one file and builds its document. Runs on a worker thread.
fn prepare(
    ctx: &Context,
    files: &scan::Library,
    job: &Job,
    by_hash: &Mutex<HashMap<u64, Vec<(String, ManifestEntry)>>>,
    slots: &std::sync::Arc<Slots>,
) -> Outcome {
    let relative = Path::new(&job.key);
    let document = |mut article: Article, stamp| {
        article.path = relative.to_path_buf();
        slots.admit(document::build(ctx.fields, stamp, &article))
    };
    match read(files, job, by_hash) {
        Read::Parsed(article, stamp) => Outcome::Parsed(document(*article, stamp)),
        Read::Reuse { from, old_key, stamp } => {
            match document::stored::<Article>(&ctx.searcher, ctx.fields, from.address, Path::new("")) {
                Some(article) => Outcome::Reused { doc: document(article, stamp), old_key },
                // The stored copy is unreadable: parse the file after all.
                None => {
                    prepare(ctx, files, &Job { old: None, ..job.clone() }, &Mutex::new(HashMap::new()), slots)
                }
            }
        }
        Read::Skipped(reason, stamp) => {
            let tombstone =
                stamp.map(|stamp| slots.admit(document::tombstone(ctx.fields, relative, stamp, &reason)));
            Outcome::Skipped { reason, tombstone }
        }
    }
}

/// Adds the document for one processed file and counts it.
fn apply(
    ctx: &Context,
    writer: &IndexWriter<Tracked>,
    job: &Job,
    outcome: Outcome,
    summary: &mut RefreshSummary,
    renamed_from: &mut HashSet<String>,
) -> Result<(), IndexError> {
    let doc = match outcome {
        Outcome::Parsed(doc) => {
            if job.old.is_some() {
                summary.updated += 1;
            } else {
                summary.added += 1;
            }
            doc
        }
        Outcome::Reused { doc, old_key } => {
            if old_key == job.key {
                summary.unchanged += 1;
            } else {
                writer.delete_term(Term::from_field_text(ctx.fields.path, &old_key));
                renamed_from.insert(old_key);
                summary.renamed += 1;
            }
            doc
        }
        Outcome::Skipped { reason, tombstone } => {
            summary.skipped.push(Skipped { path: job.file.path.clone(), reason });
            match tombstone {
                Some(doc) => doc,
                None => return Ok(()),
            }
        }
    };
    writer.add_document(doc).map_err(index_error)?;
    Ok(())
}
