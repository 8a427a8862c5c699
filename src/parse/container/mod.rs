//! Files that hold many articles: a WARC crawl (`.warc`, `.warc.gz`), a zip (`.zip`: an export
//! or saved pages), an EPUB (`.epub`), a one-file export (a CSV, wallabag's JSON, bookmarks)
//! and an export unpacked into a folder. Each article gets an address inside its file, a
//! `member` (the WARC record's id, the zip entry's name, the EPUB chapter's href). A WARC or a
//! zip is read as a stream, an EPUB in memory; none is unpacked to disk or written, and what it
//! may cost is bounded ([`Limits`]): the bytes it decompresses to, how much it may expand, how
//! many files and members it holds, and the size of each member. Past a bound reading stops,
//! with the reason, and what was read stays.

pub mod bounded_zip;
mod epub;
pub mod folder;
mod warc;
mod zip;

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::{ParseContext, SkipReason, MAX_FILE_BYTES};
use crate::article::Article;

/// The kinds of container newsdesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// A WARC file, plain or gzipped (a gzip member per record, or one for the whole file).
    Warc,
    /// A zip archive: a read-it-later export, or saved pages (see [`bounded_zip`]).
    Zip,
    /// An export that is one file: Pocket's `part_*.csv`, Instapaper's CSV, wallabag's JSON, a
    /// browser's bookmarks (see [`crate::parse::exports`]).
    ExportFile,
    /// An EPUB book: a chapter per article (wallabag, Shiori and Readeck export them).
    Epub,
    /// An export unpacked into a folder (see [`folder`]).
    ExportFolder,
}

impl ContainerKind {
    /// The container a file's name says it is: `.warc`, `.warc.gz`, `.zip`, `.csv`, `.epub`.
    pub fn of(path: &Path) -> Option<ContainerKind> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return Some(ContainerKind::Warc);
        }
        if name.ends_with(".csv") {
            return Some(ContainerKind::ExportFile);
        }
        if name.ends_with(".epub") {
            return Some(ContainerKind::Epub);
        }
        name.ends_with(".zip").then_some(ContainerKind::Zip)
    }

    /// The container the first bytes of a file show, whatever its name: a WARC record (plain
    /// or gzipped), a zip whose first entry is an EPUB's `mimetype`, or an export known by its
    /// start (wallabag's JSON, a browser's bookmarks). [`SNIFF_BYTES`] is enough.
    pub fn sniff(head: &[u8]) -> Option<ContainerKind> {
        if warc::looks_like(head) {
            Some(ContainerKind::Warc)
        } else if epub::looks_like(head) {
            Some(ContainerKind::Epub)
        } else {
            crate::parse::exports::sniff(head).map(|_| ContainerKind::ExportFile)
        }
    }
}

/// How much of a file's start [`ContainerKind::sniff`] needs.
pub const SNIFF_BYTES: usize = 4096;

/// What reading a container may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Members read from one file; the rest are left with a reason.
    pub members: usize,
    /// Bytes the file may decompress to (all records, articles or not).
    pub total_bytes: u64,
    /// How many times its size on disk a compressed file may expand to, once past 16 MB.
    pub ratio: u64,
    /// Bytes of one member (its record's block, its zip entry); a larger one is skipped.
    pub member_bytes: u64,
    /// Files a zip may hold (its central directory is read whole).
    pub entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            members: 200_000,
            total_bytes: 64 << 30,
            ratio: 100,
            member_bytes: MAX_FILE_BYTES,
            entries: 100_000,
        }
    }
}

/// Below this, a compressed file may expand as it likes (a small file of repeated markup does).
const MAX_EXPANDED_UNCHECKED: u64 = 16 * 1024 * 1024;

impl Limits {
    /// Whether reading may go on, `decompressed` bytes out of `on_disk` (`compressed`: whether
    /// they were compressed at all): within the total and, past 16 MB, the ratio.
    fn check(&self, decompressed: u64, on_disk: u64, compressed: bool) -> Result<(), Stopped> {
        if decompressed > self.total_bytes {
            return Err(Stopped::TooManyBytes(self.total_bytes));
        }
        if compressed && decompressed > MAX_EXPANDED_UNCHECKED && decompressed / on_disk.max(1) > self.ratio {
            return Err(Stopped::Expands(self.ratio));
        }
        Ok(())
    }
}

/// What reading a container did: how many records it saw and members it gave, and why it
/// stopped early, if it did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerReport {
    pub records: usize,
    pub members: usize,
    /// Records that would be members but could not be read (too large, no text, invalid).
    pub skipped: usize,
    /// Bytes read after decompression (the file's own size when it is not compressed).
    pub decompressed: u64,
    pub stopped: Option<Stopped>,
}

/// Why a container was not read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    TooManyMembers(usize),
    TooManyBytes(u64),
    Expands(u64),
    /// The file is cut off or malformed past this point (what came before is kept).
    Broken(String),
    /// A zip listing more entries than this: the rest are left.
    TooManyEntries(usize),
    /// A zip inside zips deeper than this: not opened.
    TooDeep(usize),
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = crate::strings::text();
        let fill = crate::strings::fill;
        f.write_str(&match self {
            Stopped::TooManyMembers(count) => fill(t.stopped_too_many_members, &[("n", count)]),
            Stopped::TooManyBytes(bytes) => fill(t.stopped_too_many_bytes, &[("mb", &(bytes / 1_048_576))]),
            Stopped::Expands(ratio) => fill(t.stopped_expands, &[("ratio", ratio)]),
            Stopped::Broken(why) => fill(t.stopped_broken, &[("why", why)]),
            Stopped::TooManyEntries(count) => fill(t.stopped_too_many_entries, &[("n", count)]),
            Stopped::TooDeep(depth) => fill(t.stopped_too_deep, &[("depth", depth)]),
        })
    }
}

/// Reads the container `kind` at `path` from `input`, handing each article to `visit` (which
/// returns `false` to stop). A file that is not the container its name says is skipped.
pub fn read_members(
    path: &Path,
    kind: ContainerKind,
    input: impl Read,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    match kind {
        ContainerKind::Warc => warc::read(path, input, context, limits, visit),
        ContainerKind::Zip => zip::read(path, input, context, limits, visit),
        ContainerKind::ExportFile => export_file(path, input, context, limits, visit),
        ContainerKind::Epub => epub::read(path, input, context, limits, visit),
        // A folder is no stream: see `read_members_at`.
        ContainerKind::ExportFolder => Err(SkipReason::NotRegular),
    }
}

/// The articles of an export made of several files (a zip's entries, a folder's files), each
/// a member of the container at `path`, named after `prefix`, counted into `report`. Says so
/// when it stopped at [`Limits::members`].
#[allow(clippy::too_many_arguments)]
fn read_export(
    export: crate::parse::exports::Archive,
    files: &mut dyn crate::parse::exports::Files,
    path: &Path,
    prefix: &str,
    context: ParseContext,
    limits: Limits,
    report: &mut ContainerReport,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Option<Stopped> {
    let members = &mut report.members;
    let mut emit = |mut article: Article| {
        article.path = path.to_path_buf();
        article.member = article.member.map(|member| format!("{prefix}{member}"));
        *members += 1;
        visit(article) && *members < limits.members
    };
    let outcome = export.read(files, context, &mut emit);
    report.skipped += outcome.skipped;
    (report.members >= limits.members).then_some(Stopped::TooManyMembers(limits.members))
}

/// An export that is one file (a CSV), read whole within [`Limits::member_bytes`].
fn export_file(
    path: &Path,
    input: impl Read,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    let bytes = read_at_most(input, limits.member_bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?
        .ok_or(SkipReason::TooLarge(limits.member_bytes))?;
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let export = crate::parse::exports::file_export(&name, &bytes)
        .ok_or_else(|| SkipReason::Invalid(crate::strings::text().not_an_export.into()))?;
    let mut report = ContainerReport { decompressed: bytes.len() as u64, ..ContainerReport::default() };
    let mut emit = |mut article: Article| {
        article.path = path.to_path_buf();
        report.members += 1;
        visit(article) && report.members < limits.members
    };
    let outcome = export.read(&name, &bytes, context, &mut emit);
    report.skipped = outcome.skipped;
    report.records = report.members + report.skipped;
    if report.members >= limits.members {
        report.stopped = Some(Stopped::TooManyMembers(limits.members));
    }
    Ok(report)
}

/// All of `input` if it is no more than `max` bytes (`None` when it is more).
pub(crate) fn read_at_most(input: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Counts what passes through, so a decompressed stream can be held to [`Limits`].
struct Counting<R> {
    inner: R,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.count.set(self.count.get() + read as u64);
        Ok(read)
    }
}
