//! Bringing the index up to date: compare the library with the manifest kept in the index,
//! read, parse and turn into documents only what changed (on worker threads, while tantivy's
//! threads index), and commit once.
//! The manifest commits with the documents, so an interrupted refresh leaves the last complete
//! state and the next one finishes the work. Page dumps also feed the furniture model
//! (`learn`): the dumps of a site whose learned furniture changed are parsed again before the
//! commit, which names the model's file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tantivy::{IndexWriter, Searcher, Term};

use super::document::relative_key;
use super::file_jobs::{apply, run, Job, Pass, Shared};
use super::fresh::is_under;
use super::learn::Learning;
use super::manifest::{Manifest, ManifestEntry};
use super::merges::BoundedMerges;
use super::pipeline::{Slots, Tracked};
use super::schema::Fields;
use super::storage::index_error;
use super::types::{IndexError, Phase, Progress, RefreshSummary};
use crate::parse::FurnitureModel;
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

/// Files read at a time while nothing indexed can be renamed or removed (a first build, a
/// rebuild): the walk hands them over as it finds them, so what a build holds per file is
/// bounded by this, not by the library's size.
const FILES_PER_BATCH: usize = if cfg!(test) { 8 } else { 2048 };

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
    let indexed =
        if rebuild { Manifest::default() } else { Manifest::read(&ctx.searcher).map_err(index_error)? };
    let learning = Learning::open(ctx.dir, ctx.index, rebuild || indexed.is_empty());
    // Rebuilding the furniture store takes every file: then the whole library is walked.
    let within = if learning.is_current() { within } else { &[] };
    let scopes: Vec<String> =
        within.iter().map(|path| relative_key(path.strip_prefix(ctx.library).unwrap_or(path))).collect();
    let in_scope = |key: &str| scopes.is_empty() || scopes.iter().any(|scope| is_under(key, scope));
    let mut reading = Reading::new(ctx, &files, rebuild, learning);
    // With nothing indexed, no file can be a rename or replace another: each batch is read as
    // the walk finds it. Otherwise the changed files wait for the end of the walk, when what
    // was removed (and may have been renamed) is known: they are the change, not the library.
    let streaming = indexed.is_empty();
    let before = reading.learning.model();
    let mut jobs: Vec<(FileEntry, String)> = Vec::new();
    let mut unchanged_files = Vec::new();
    let recovering = !reading.learning.is_current();
    // The indexed files still there, by their place in the manifest.
    let mut present = vec![false; indexed.len()];
    let mut failure = None;
    // Where the last file's key was in the manifest: the next one is usually beside it.
    let mut near = 0;
    let mut scan = files.walk_within(within, &mut |file| {
        reading.summary.seen += 1;
        let key = key_of(ctx, &file);
        let (found, next) = indexed.get_near(&key, near);
        near = next;
        let old = found.map(|(at, entry)| {
            present[at] = true;
            entry
        });
        match old {
            Some(entry) if entry.stamp.size == file.size && entry.stamp.modified_ns == file.modified_ns => {
                match &entry.skipped {
                    Some(reason) => {
                        reading.summary.skipped.push(Skipped { path: file.path, reason: (**reason).clone() })
                    }
                    None if recovering => {
                        reading.summary.unchanged += 1;
                        unchanged_files.push(file);
                    }
                    None => reading.summary.unchanged += 1,
                }
            }
            _ => jobs.push((file, key)),
        }
        if streaming && jobs.len() >= FILES_PER_BATCH {
            let batch = std::mem::take(&mut jobs);
            if let Err(err) = reading.read_changes(&batch, &indexed, &before, HashMap::new(), progress) {
                failure = Some(err);
                return false;
            }
        }
        true
    });
    if let Some(err) = failure {
        return Err(reading.failed(err));
    }
    let walked = Walked {
        scan: Scan {
            files: Vec::new(),
            skipped: scan.skipped.clone(),
            folders: std::mem::take(&mut scan.folders),
        },
        whole_library: within.is_empty(),
    };
    reading.summary.files_looked_at = reading.summary.seen + scan.skipped.len();
    reading.summary.skipped.extend(scan.skipped);
    let removed: Vec<(&str, &ManifestEntry)> = indexed
        .iter()
        .filter(|(at, key, _)| !present[*at] && in_scope(key))
        .map(|(_, key, entry)| (key, entry))
        .collect();
    drop(present);
    if reading.writer.is_none()
        && jobs.is_empty()
        && removed.is_empty()
        && !rebuild
        && reading.learning.is_current()
    {
        reading.summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        reading.summary.took = started.elapsed();
        return Ok((reading.summary, walked));
    }
    if recovering {
        let reading_now: HashSet<&str> = jobs.iter().map(|(_, key)| key.as_str()).collect();
        let unchanged =
            unchanged_files.iter().filter(|file| !reading_now.contains(key_of(ctx, file).as_str()));
        reading.learning.recover(ctx.library, unchanged);
    }
    drop(unchanged_files);
    // Removed articles by content hash, so a new file with the same content becomes a rename.
    let mut by_hash: HashMap<u64, Vec<(String, ManifestEntry)>> = HashMap::new();
    for (key, entry) in &removed {
        if entry.skipped.is_none() && !entry.container {
            by_hash.entry(entry.stamp.hash).or_default().push((key.to_string(), (*entry).clone()));
        }
    }
    if let Err(err) = reading.read_changes(&jobs, &indexed, &before, by_hash, progress) {
        return Err(reading.failed(err));
    }
    drop(jobs);
    for (key, _) in &removed {
        reading.learning.forget(key);
    }

    // The sites whose furniture changed: their dumps are parsed again with what was learned.
    let after = reading.learning.model();
    let keys = reading.learning.to_parse_again(&before, &after);
    for chunk in keys.chunks(FILES_PER_BATCH) {
        let paths: Vec<PathBuf> =
            chunk.iter().map(|key| ctx.library.join(super::document::key_path(key))).collect();
        let found = files.scan_within(&paths).files;
        let again: Vec<Job> = found
            .iter()
            .map(|file| {
                let key = key_of(ctx, file);
                Job { file, old: indexed.get(&key).map(|(_, entry)| entry), key }
            })
            .collect();
        if let Err(err) = reading.read(Pass::Furniture, &after, HashMap::new(), &again, progress) {
            return Err(reading.failed(err));
        }
    }

    let files_read = reading.summary.files_read;
    let (writer, mut summary, mut learning) = reading.finish()?;
    for (key, _) in removed.iter().filter(|(key, _)| !writer.renamed_from.contains(*key)) {
        writer.writer.delete_term(Term::from_field_text(ctx.fields.path, key));
        summary.removed += 1;
    }
    progress(Progress { phase: Phase::Committing, done: files_read, total: files_read });
    // The model's file first: a commit names only a file that is there.
    let payload = learning.save(ctx.dir)?;
    let Writing { mut writer, handing_back, .. } = writer;
    let mut commit = writer.prepare_commit().map_err(index_error)?;
    commit.set_payload(&payload);
    commit.commit().map_err(index_error)?;
    writer.wait_merging_threads().map_err(index_error)?;
    drop(handing_back);
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    summary.took = started.elapsed();
    Ok((summary, walked))
}

/// The writer, opened when there is something to write.
struct Writing {
    writer: IndexWriter<Tracked>,
    /// The pages its merges read, handed back as they go (see `mapped`), until the writer's
    /// last merge is waited for.
    handing_back: super::mapped::HandingBack,
    /// The indexed files whose content turned up under another name.
    renamed_from: HashSet<String>,
}

impl Writing {
    fn open(ctx: &Context, rebuild: bool) -> Result<Writing, IndexError> {
        let writer = open_writer(ctx, rebuild)?;
        Ok(Writing {
            writer,
            renamed_from: HashSet::new(),
            handing_back: super::mapped::HandingBack::start(),
        })
    }
}

/// One refresh's reading: the files read so far, the summary and what they taught.
struct Reading<'a> {
    ctx: &'a Context<'a>,
    files: &'a scan::Library,
    rebuild: bool,
    writer: Option<Writing>,
    slots: Arc<Slots>,
    summary: RefreshSummary,
    learning: Learning,
}

impl<'a> Reading<'a> {
    fn new(ctx: &'a Context<'a>, files: &'a scan::Library, rebuild: bool, learning: Learning) -> Reading<'a> {
        Reading {
            ctx,
            files,
            rebuild,
            writer: None,
            slots: Slots::new(DOCUMENTS_IN_FLIGHT),
            summary: RefreshSummary::default(),
            learning,
        }
    }

    /// Reads the new and changed files of the first pass.
    fn read_changes(
        &mut self,
        jobs: &[(FileEntry, String)],
        indexed: &Manifest,
        furniture: &FurnitureModel,
        by_hash: HashMap<u64, Vec<(String, ManifestEntry)>>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        let jobs: Vec<Job> = jobs
            .iter()
            .map(|(file, key)| Job { file, key: key.clone(), old: indexed.get(key).map(|(_, entry)| entry) })
            .collect();
        self.summary.files_read += jobs.len();
        self.read(Pass::Changes, furniture, by_hash, &jobs, progress)
    }

    /// Reads `jobs` into the writer (opened on first use). Progress counts every file read
    /// so far against every file found so far.
    fn read(
        &mut self,
        pass: Pass,
        furniture: &FurnitureModel,
        by_hash: HashMap<u64, Vec<(String, ManifestEntry)>>,
        jobs: &[Job],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        if jobs.is_empty() && self.writer.is_some() {
            return Ok(());
        }
        let Writing { writer, renamed_from, .. } = match &mut self.writer {
            Some(writing) => writing,
            empty => empty.insert(Writing::open(self.ctx, self.rebuild)?),
        };
        let shared = Shared {
            ctx: self.ctx,
            files: self.files,
            pass,
            furniture,
            by_hash: Mutex::new(by_hash),
            slots: Arc::clone(&self.slots),
            writer,
        };
        // The first pass's files were counted before reading them (the second pass reports nothing).
        let read_before = match pass {
            Pass::Changes => self.summary.files_read - jobs.len(),
            Pass::Furniture => self.summary.files_read,
        };
        let found = self.summary.seen;
        let mut counted = |step: Progress| {
            let done = read_before + step.done;
            progress(Progress { done, total: found.max(done), ..step })
        };
        // The second pass's renames are not the first's (it reads each file where it is).
        let mut again = HashSet::new();
        let renamed_from = if pass == Pass::Changes { renamed_from } else { &mut again };
        let mut tally = |job: &Job, outcome, summary: &mut RefreshSummary, learning: &mut Learning| {
            apply(&shared, writer, job, outcome, summary, learning, renamed_from)
        };
        run(&shared, jobs, &mut self.summary, &mut self.learning, &mut tally, &mut counted)
    }

    /// The writer (opened now if nothing was read: a rebuild of an empty library, a removal),
    /// the summary and the learning, for the commit.
    fn finish(self) -> Result<(Writing, RefreshSummary, Learning), IndexError> {
        let writing = match self.writer {
            Some(writing) => writing,
            None => Writing::open(self.ctx, self.rebuild)?,
        };
        Ok((writing, self.summary, self.learning))
    }

    /// The error of a failed read, with its cause when the writer died of it.
    fn failed(self, err: IndexError) -> IndexError {
        match self.writer {
            Some(writing) => failed(writing.writer, err),
            None => err,
        }
    }
}

/// The writer with its memory budget, threads and merge policy; a rebuild starts by deleting
/// every document (committed only with the rest).
fn open_writer(ctx: &Context, rebuild: bool) -> Result<IndexWriter<Tracked>, IndexError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let indexing_threads = threads.min(MAX_INDEXING_THREADS);
    // One merge at a time, each of bounded size (see `merges`): what merges map stays bounded.
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(indexing_threads)
        .memory_budget_per_thread(WRITER_HEAP_BYTES / indexing_threads)
        .num_merge_threads(1)
        .build();
    let writer: IndexWriter<Tracked> = ctx.index.writer_with_options(options).map_err(index_error)?;
    writer.set_merge_policy(Box::new(BoundedMerges::new(ctx.dir.to_path_buf())));
    if rebuild {
        writer.delete_all_documents().map_err(index_error)?;
    }
    Ok(writer)
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

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
