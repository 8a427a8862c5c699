//! Bringing the index up to date: compare the library with the manifest kept in the index,
//! read, parse and turn into documents only what changed (on worker threads, while tantivy's
//! threads index), and commit once.
//! The manifest commits with the documents, so an interrupted refresh leaves the last complete
//! state and the next one finishes the work. Page dumps also feed the furniture model
//! (`learn`): the dumps of a site whose learned furniture changed are parsed again before the
//! commit, which names the model's file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

use tantivy::{IndexWriter, Searcher, Term};

use super::columns::{manifest, ManifestEntry};
use super::document::{self, relative_key, FileStamp};
use super::learn::Learning;
use super::pipeline::{Slots, Tracked};
use super::schema::Fields;
use super::storage::index_error;
use super::types::{IndexError, Phase, Progress, RefreshSummary};
use crate::article::Article;
use crate::guard;
use crate::parse::{self, FurnitureModel, ParseContext, SiteLines, SkipReason};
use crate::scan::{self, FileEntry, Skipped};

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

/// A file that must be read: new, or its size or modification time changed; or, in the second
/// pass, a page dump whose site's furniture changed.
#[derive(Clone)]
struct Job<'a> {
    file: &'a FileEntry,
    key: String,
    old: Option<&'a ManifestEntry>,
}

/// The first pass reads what changed; the second parses again the dumps of the sites whose
/// learned furniture changed (never reusing a stored article).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Changes,
    Furniture,
}

/// What reading a file found.
enum Read {
    Parsed(Box<Article>, FileStamp, Option<SiteLines>),
    /// Same content as an indexed document: reuse its stored article (a touched or renamed file).
    Reuse {
        from: ManifestEntry,
        old_key: String,
        stamp: FileStamp,
        lines: Option<SiteLines>,
    },
    Skipped(SkipReason, Option<FileStamp>),
}

/// A processed file, its document ready for the writer.
enum Outcome {
    Parsed(Tracked, Option<SiteLines>),
    Reused { doc: Tracked, old_key: String, lines: Option<SiteLines> },
    Skipped { reason: SkipReason, tombstone: Option<Tracked> },
}

pub struct Context<'a> {
    pub library: &'a Path,
    /// The index folder (the furniture model's file is kept there).
    pub dir: &'a Path,
    pub index: &'a tantivy::Index,
    pub searcher: Searcher,
    pub fields: &'a Fields,
}

/// What every worker shares in one pass.
struct Shared<'a> {
    ctx: &'a Context<'a>,
    pass: Pass,
    furniture: &'a FurnitureModel,
    by_hash: Mutex<HashMap<u64, Vec<(String, ManifestEntry)>>>,
    slots: std::sync::Arc<Slots>,
}

pub fn refresh(
    ctx: &Context,
    rebuild: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<RefreshSummary, IndexError> {
    let started = Instant::now();
    progress(Progress { phase: Phase::Scanning, done: 0, total: 0 });
    let scan = scan::scan_library(ctx.library)?;
    let indexed = if rebuild { HashMap::new() } else { manifest(&ctx.searcher).map_err(index_error)? };
    let mut summary = RefreshSummary { seen: scan.files.len(), skipped: scan.skipped, ..Default::default() };

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
    let removed: HashMap<&String, &ManifestEntry> =
        indexed.iter().filter(|(key, _)| !present.contains(*key)).collect();
    let mut learning = Learning::open(ctx.dir, ctx.index, rebuild || indexed.is_empty());
    if jobs.is_empty() && removed.is_empty() && !rebuild && learning.is_current() {
        summary.took = started.elapsed();
        return Ok(summary);
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let indexing_threads = threads.min(MAX_INDEXING_THREADS);
    let mut writer: IndexWriter<Tracked> =
        ctx.index.writer_with_num_threads(indexing_threads, WRITER_HEAP_BYTES).map_err(index_error)?;
    if rebuild {
        writer.delete_all_documents().map_err(index_error)?;
    }
    let reading: HashSet<&str> = jobs.iter().map(|job| job.key.as_str()).collect();
    learning.recover(
        ctx.library,
        scan.files.iter().filter(|file| {
            let key = relative_key(file.path.strip_prefix(ctx.library).unwrap_or(&file.path));
            !reading.contains(key.as_str()) && indexed.get(&key).is_some_and(|entry| entry.skipped.is_none())
        }),
    );
    // Removed articles by content hash, so a new file with the same content becomes a rename.
    let mut by_hash: HashMap<u64, Vec<(String, ManifestEntry)>> = HashMap::new();
    for (key, entry) in &removed {
        if entry.skipped.is_none() {
            by_hash.entry(entry.stamp.hash).or_default().push(((*key).clone(), (*entry).clone()));
        }
    }
    let before = learning.model();
    let shared = Shared {
        ctx,
        pass: Pass::Changes,
        furniture: &before,
        by_hash: Mutex::new(by_hash),
        slots: Slots::new(DOCUMENTS_IN_FLIGHT),
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
    let files: HashMap<String, &FileEntry> = scan
        .files
        .iter()
        .map(|file| (relative_key(file.path.strip_prefix(ctx.library).unwrap_or(&file.path)), file))
        .collect();
    let again: Vec<Job> = learning
        .to_parse_again(&before, &after)
        .into_iter()
        .filter_map(|key| Some(Job { file: files.get(&key)?, old: indexed.get(&key), key }))
        .collect();
    if !again.is_empty() {
        let shared = Shared {
            ctx,
            pass: Pass::Furniture,
            furniture: &after,
            by_hash: Mutex::default(),
            slots: shared.slots,
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
    Ok(summary)
}

/// A dead indexing worker leaves add_document a vague "writer was killed"; joining the workers
/// gives its cause (a full disk, say). Nothing is committed either way.
fn failed(mut writer: IndexWriter<Tracked>, err: IndexError) -> IndexError {
    match writer.prepare_commit() {
        Err(cause) => index_error(cause),
        Ok(_) => err,
    }
}

type Tally<'t> = dyn FnMut(&Job, Outcome, &mut RefreshSummary, &mut Learning) -> Result<(), IndexError> + 't;

/// Reads, parses and builds the documents of `jobs` on worker threads while the writer's
/// threads index them; `tally` adds each one, in this thread.
fn run(
    shared: &Shared,
    jobs: &[Job],
    summary: &mut RefreshSummary,
    learning: &mut Learning,
    tally: &mut Tally,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), IndexError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let total = jobs.len();
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, Outcome)>(DOCUMENTS_IN_FLIGHT);
    let mut failure = None;
    std::thread::scope(|scope| {
        // Parsing and building documents take about as long as indexing them: as many workers
        // as cores, beside the indexing threads; the slots keep the workers from running ahead.
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(at) else { break };
                // A panic on one file (a parser bug) skips that file, not the whole refresh.
                let outcome = guard::catch(|| prepare(shared, job)).unwrap_or_else(|panic| {
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
            if let Err(err) = tally(&jobs[at], outcome, summary, learning) {
                failure = Some(err);
                next.store(jobs.len(), Ordering::Relaxed);
                shared.slots.close();
                continue;
            }
            if shared.pass == Pass::Changes && (done % 64 == 0 || done + 1 == total) {
                progress(Progress { phase: Phase::Parsing, done: done + 1, total });
            }
        }
    });
    match failure {
        None => Ok(()),
        Some(err) => Err(err),
    }
}

/// Reads, hashes and (when the content is new, or in the second pass) parses one file.
fn read(shared: &Shared, job: &Job) -> Read {
    let bytes = match parse::read_file(&job.file.path) {
        Ok(bytes) => bytes,
        Err(reason) => return Read::Skipped(reason, None),
    };
    let stamp = FileStamp {
        size: job.file.size,
        modified_ns: job.file.modified_ns,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    let reuse = |from: ManifestEntry, old_key: String| {
        let lines = parse::site_lines(&job.file.path, &bytes);
        Read::Reuse { from, old_key, stamp, lines }
    };
    match job.old {
        _ if shared.pass == Pass::Furniture => {}
        Some(old) if old.stamp.hash == stamp.hash && old.skipped.is_none() => {
            return reuse(old.clone(), job.key.clone());
        }
        Some(_) => {}
        None => {
            let mut candidates = shared.by_hash.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some((old_key, from)) = candidates.get_mut(&stamp.hash).and_then(Vec::pop) {
                drop(candidates);
                return reuse(from, old_key);
            }
        }
    }
    let context = ParseContext { furniture: Some(shared.furniture) };
    match parse::parse_for_index(&job.file.path, &bytes, context, true) {
        Ok(parsed) => Read::Parsed(Box::new(parsed.article), stamp, parsed.site_lines),
        Err(reason) => Read::Skipped(reason, Some(stamp)),
    }
}

/// Reads one file and builds its document. Runs on a worker thread.
fn prepare(shared: &Shared, job: &Job) -> Outcome {
    let ctx = shared.ctx;
    let relative = Path::new(&job.key);
    let document = |mut article: Article, stamp| {
        article.path = relative.to_path_buf();
        shared.slots.admit(document::build(ctx.fields, stamp, &article))
    };
    match read(shared, job) {
        Read::Parsed(article, stamp, lines) => Outcome::Parsed(document(*article, stamp), lines),
        Read::Reuse { from, old_key, stamp, lines } => {
            match document::stored::<Article>(&ctx.searcher, ctx.fields, from.address, Path::new("")) {
                Some(article) => Outcome::Reused { doc: document(article, stamp), old_key, lines },
                // The stored copy is unreadable: parse the file after all.
                None => {
                    let again = Shared { by_hash: Mutex::default(), slots: shared.slots.clone(), ..*shared };
                    prepare(&again, &Job { old: None, ..job.clone() })
                }
            }
        }
        Read::Skipped(reason, stamp) => {
            let tombstone = stamp
                .map(|stamp| shared.slots.admit(document::tombstone(ctx.fields, relative, stamp, &reason)));
            Outcome::Skipped { reason, tombstone }
        }
    }
}

/// Adds the document for one processed file, counts it and records what it gave learning.
fn apply(
    shared: &Shared,
    writer: &IndexWriter<Tracked>,
    job: &Job,
    outcome: Outcome,
    summary: &mut RefreshSummary,
    learning: &mut Learning,
    renamed_from: &mut HashSet<String>,
) -> Result<(), IndexError> {
    let ctx = shared.ctx;
    // The document it replaces (the second pass replaces one the first pass may have added).
    if job.old.is_some() || shared.pass == Pass::Furniture {
        writer.delete_term(Term::from_field_text(ctx.fields.path, &job.key));
    }
    let doc = match outcome {
        Outcome::Parsed(doc, lines) => {
            learning.record(&job.key, lines);
            match (shared.pass, job.old) {
                (Pass::Furniture, _) => summary.relearned += 1,
                (Pass::Changes, Some(_)) => summary.updated += 1,
                (Pass::Changes, None) => summary.added += 1,
            }
            doc
        }
        Outcome::Reused { doc, old_key, lines } => {
            learning.forget(&old_key);
            learning.record(&job.key, lines);
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
            learning.forget(&job.key);
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
