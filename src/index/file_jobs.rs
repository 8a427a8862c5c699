//! The work of one pass over the files that must be read: workers read, parse and build the
//! documents (a panic on one file skips that file), and this thread adds them to the writer,
//! counts them and records what they give furniture learning.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use tantivy::{IndexWriter, Term};

use super::document::{self, FileStamp};
use super::learn::Learning;
use super::manifest::ManifestEntry;
use super::pipeline::{Slots, Tracked};
use super::storage::index_error;
use super::types::{IndexError, Phase, Progress, RefreshSummary};
use super::write::{Context, DOCUMENTS_IN_FLIGHT};
use crate::article::Article;
use crate::guard;
use crate::parse::{self, FurnitureModel, ParseContext, SiteLines, SkipReason};
use crate::scan::{self, FileEntry, Skipped};

/// A file that must be read: new, or its size or modification time changed; or, in the second
/// pass, a page dump whose site's furniture changed.
#[derive(Clone)]
pub(super) struct Job<'a> {
    pub(super) file: &'a FileEntry,
    pub(super) key: String,
    pub(super) old: Option<&'a ManifestEntry>,
}

/// The first pass reads what changed; the second parses again the dumps of the sites whose
/// learned furniture changed (never reusing a stored article).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
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
    /// A file of many articles under a name that does not say so (a renamed WARC or EPUB).
    Container,
}

/// A processed file, its document ready for the writer.
pub(super) enum Outcome {
    Parsed(Tracked, Option<SiteLines>),
    /// A file of many articles, its documents already added (as they were read).
    Container {
        added: usize,
        stopped: Option<parse::Stopped>,
        tombstone: Option<(SkipReason, Tracked)>,
    },
    Reused {
        doc: Tracked,
        old_key: String,
        lines: Option<SiteLines>,
    },
    Skipped {
        reason: SkipReason,
        tombstone: Option<Tracked>,
    },
}

/// What every worker shares in one pass.
pub(super) struct Shared<'a> {
    pub(super) ctx: &'a Context<'a>,
    /// The library's files, read by its link policy.
    pub(super) files: &'a scan::Library,
    pub(super) pass: Pass,
    pub(super) furniture: &'a FurnitureModel,
    pub(super) by_hash: Mutex<HashMap<u64, Vec<(String, ManifestEntry)>>>,
    pub(super) slots: std::sync::Arc<Slots>,
    /// A container's documents go to it as they are read (never all held at once).
    pub(super) writer: &'a IndexWriter<Tracked>,
}

pub(super) type Tally<'t> =
    dyn FnMut(&Job, Outcome, &mut RefreshSummary, &mut Learning) -> Result<(), IndexError> + 't;

/// Reads, parses and builds the documents of `jobs` on worker threads while the writer's
/// threads index them; `tally` adds each one, in this thread.
pub(super) fn run(
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
                    let why = crate::strings::fill(crate::strings::text().failed_on_file, &[("why", &panic)]);
                    let reason = SkipReason::Invalid(why);
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
    let bytes = match shared.files.read_file(&job.file.path) {
        Ok(bytes) if parse::ContainerKind::sniff(&bytes).is_some() => return Read::Container,
        Ok(bytes) => bytes,
        // Its name refused it (or its size for that name), or it is a folder: what the walk
        // took it for.
        Err(SkipReason::UnsupportedExtension(_) | SkipReason::TooLarge(_) | SkipReason::NotRegular)
            if matches!(shared.files.container_kind(&job.file.path), Ok(Some(_))) =>
        {
            return Read::Container
        }
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
    let context = ParseContext { furniture: Some(shared.furniture), ..Default::default() };
    match parse::parse_for_index(&job.file.path, &bytes, context, true) {
        Ok(parsed) => Read::Parsed(Box::new(parsed.article), stamp, parsed.site_lines),
        Err(reason) => Read::Skipped(reason, Some(stamp)),
    }
}

/// Reads one file and builds its document. Runs on a worker thread.
fn prepare(shared: &Shared, job: &Job) -> Outcome {
    let ctx = shared.ctx;
    let relative = Path::new(&job.key);
    if matches!(parse::format_hint(relative), Ok(parse::FormatHint::Container(_))) {
        return container(shared, job);
    }
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
        Read::Container => container(shared, job),
        Read::Skipped(reason, stamp) => {
            let tombstone = stamp
                .map(|stamp| shared.slots.admit(document::tombstone(ctx.fields, relative, stamp, &reason)));
            Outcome::Skipped { reason, tombstone }
        }
    }
}

/// Streams a file of many articles into the writer, a document per member: its old documents
/// (all under its path) are deleted first, as a delete applies to what was added before it.
/// Container documents carry no content hash (0): a touched container is read again.
fn container(shared: &Shared, job: &Job) -> Outcome {
    let ctx = shared.ctx;
    let relative = Path::new(&job.key);
    if job.old.is_some() {
        shared.writer.delete_term(Term::from_field_text(ctx.fields.path, &job.key));
    }
    let stamp = FileStamp { size: job.file.size, modified_ns: job.file.modified_ns, hash: 0 };
    let context = ParseContext { furniture: Some(shared.furniture), ..Default::default() };
    let (mut added, mut failed) = (0, None);
    let mut add = |mut article: Article| {
        article.path = relative.to_path_buf();
        let doc = shared.slots.admit(document::build(ctx.fields, stamp, &article));
        match shared.writer.add_document(doc) {
            Ok(_) => added += 1,
            Err(err) => failed = Some(err.to_string()),
        }
        failed.is_none()
    };
    let read = shared.files.read_members(&job.file.path, context, &mut add);
    let (reason, stopped) = match (read, failed) {
        (_, Some(err)) => (
            Some(SkipReason::Unreadable(crate::strings::fill(
                crate::strings::text().index_refused,
                &[("why", &err)],
            ))),
            None,
        ),
        (Err(reason), None) => (Some(reason), None),
        (Ok(report), None) if report.members == 0 => (Some(SkipReason::NoText), report.stopped),
        (Ok(report), None) => (None, report.stopped),
    };
    let tombstone = reason.map(|reason| {
        let doc = document::tombstone(ctx.fields, relative, stamp, &reason);
        (reason, shared.slots.admit(doc))
    });
    Outcome::Container { added, stopped, tombstone }
}

/// Adds the document for one processed file, counts it and records what it gave learning.
pub(super) fn apply(
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
    // A container replaced its own, before adding the new ones.
    let container = matches!(outcome, Outcome::Container { .. });
    if !container && (job.old.is_some() || shared.pass == Pass::Furniture) {
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
        Outcome::Container { added, stopped, tombstone } => {
            learning.forget(&job.key);
            if let Some(stopped) = stopped {
                let (t, shown) = (crate::strings::text(), crate::shown::shown_path(&job.file.path));
                let template =
                    if added == 1 { t.container_read_in_part_one } else { t.container_read_in_part_other };
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("path", &shown), ("n", &added), ("why", &stopped)];
                summary.notes.push(crate::strings::fill(template, &args));
            }
            match tombstone {
                Some((reason, doc)) => {
                    summary.skipped.push(Skipped { path: job.file.path.clone(), reason });
                    doc
                }
                None => {
                    match job.old {
                        Some(_) => summary.updated += 1,
                        None => summary.added += 1,
                    }
                    return Ok(());
                }
            }
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
