//! A zip archive of articles: a read-it-later service's export (recognised by the names and
//! shapes of its files, see [`crate::parse::exports`]), or any zip of saved pages, each entry
//! an article whose member is the entry's name. A zip inside it is read the same way, its
//! entries named `inner.zip/entry`, as deep as [`ZipLimits::depth`] allows.

use std::io::Read;
use std::path::Path;

use super::bounded_zip::{BoundedZip, EntryError, Spent, ZipLimits};
use super::{read_export, ContainerReport, Limits, Stopped};
use crate::article::Article;
use crate::parse::exports::{self, Files};
use crate::parse::{format_hint, parse_in, FormatHint, ParseContext, SkipReason};

pub fn read(
    path: &Path,
    input: impl Read,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    let zip_limits = ZipLimits {
        entry_bytes: limits.member_bytes,
        total_bytes: limits.total_bytes.min(ZipLimits::default().total_bytes),
        ratio: limits.ratio,
        ..ZipLimits::default()
    };
    let mut zip = BoundedZip::open(input, zip_limits).map_err(|err| match err {
        EntryError::Stop(stopped) => SkipReason::Invalid(stopped.to_string()),
        EntryError::Unreadable(why) => SkipReason::Invalid(why),
        EntryError::TooLarge(size) => SkipReason::TooLarge(size),
        EntryError::TooDeep(depth) => SkipReason::Invalid(Stopped::TooDeep(depth).to_string()),
    })?;
    let mut reading =
        Reading { path, context, limits, spent: Spent::default(), report: ContainerReport::default() };
    let stopped = reading.archive(&mut zip, "", visit);
    reading.report.stopped = reading.report.stopped.take().or(stopped).or(zip.truncated.take());
    reading.report.decompressed = reading.spent.decompressed;
    Ok(reading.report)
}

struct Reading<'a> {
    path: &'a Path,
    context: ParseContext<'a>,
    limits: Limits,
    spent: Spent,
    report: ContainerReport,
}

/// Whether reading goes on after an entry.
enum Next {
    Go,
    Halt(Option<Stopped>),
}

impl Reading<'_> {
    /// Every article of `zip`, its members' names starting with `prefix`; why it stopped early.
    fn archive(
        &mut self,
        zip: &mut BoundedZip,
        prefix: &str,
        visit: &mut dyn FnMut(Article) -> bool,
    ) -> Option<Stopped> {
        let entries = zip.entries();
        self.report.records += entries.len();
        let names: Vec<String> = entries.iter().map(|entry| entry.name.clone()).collect();
        if let Some(export) = exports::recognise(&names) {
            let mut files = ZipFiles { zip, names: &names, spent: &mut self.spent, stopped: None };
            let (path, context, limits) = (self.path, self.context, self.limits);
            let over =
                read_export(export, &mut files, path, prefix, context, limits, &mut self.report, visit);
            return files.stopped.or(over);
        }
        for entry in entries {
            match self.entry(zip, &entry.index, &entry.name, prefix, visit) {
                Next::Go => {}
                Next::Halt(stopped) => return stopped,
            }
        }
        None
    }

    fn entry(
        &mut self,
        zip: &mut BoundedZip,
        index: &usize,
        name: &str,
        prefix: &str,
        visit: &mut dyn FnMut(Article) -> bool,
    ) -> Next {
        let member = format!("{prefix}{name}");
        if name.to_lowercase().ends_with(".zip") {
            return match zip.nested(*index, &mut self.spent) {
                Ok(mut inner) => {
                    let stopped = self.archive(&mut inner, &format!("{member}/"), visit);
                    self.report.stopped = self.report.stopped.take().or(inner.truncated.take());
                    stopped.map_or(Next::Go, |stopped| Next::Halt(Some(stopped)))
                }
                Err(EntryError::Stop(stopped)) => Next::Halt(Some(stopped)),
                Err(EntryError::TooDeep(depth)) => {
                    self.report.skipped += 1;
                    self.report.stopped.get_or_insert(Stopped::TooDeep(depth));
                    Next::Go
                }
                Err(_) => {
                    self.report.skipped += 1;
                    Next::Go
                }
            };
        }
        // Only what newsdesk reads as an article, and CSV (an export); a WARC is not read here.
        let csv = name.to_lowercase().ends_with(".csv");
        match format_hint(Path::new(name)) {
            Ok(FormatHint::Container(_)) => return Next::Go,
            Err(_) if !csv => return Next::Go,
            _ => {}
        }
        let bytes = match zip.read(*index, &mut self.spent) {
            Ok(bytes) => bytes,
            Err(EntryError::Stop(stopped)) => return Next::Halt(Some(stopped)),
            Err(_) => {
                self.report.skipped += 1;
                return Next::Go;
            }
        };
        if let Some(export) = exports::single_file(name, &bytes) {
            return self.single_file(export, &member, &bytes, visit);
        }
        if csv {
            return Next::Go;
        }
        match parse_in(Path::new(name), &bytes, self.context) {
            Ok(mut article) => {
                article.path = self.path.to_path_buf();
                article.member = Some(member);
                self.report.members += 1;
                if !visit(article) {
                    return Next::Halt(None);
                }
                if self.report.members >= self.limits.members {
                    return Next::Halt(Some(Stopped::TooManyMembers(self.limits.members)));
                }
                Next::Go
            }
            Err(_) => {
                self.report.skipped += 1;
                Next::Go
            }
        }
    }
}

impl Reading<'_> {
    /// The articles of an export that is one entry of the zip (named `member`).
    fn single_file(
        &mut self,
        export: exports::SingleFile,
        member: &str,
        bytes: &[u8],
        visit: &mut dyn FnMut(Article) -> bool,
    ) -> Next {
        let (path, limits) = (self.path, self.limits);
        let report = &mut self.report;
        let mut halted = false;
        let mut emit = |mut article: Article| {
            article.path = path.to_path_buf();
            report.members += 1;
            halted = !visit(article) || report.members >= limits.members;
            !halted
        };
        let outcome = export.read(member, bytes, self.context, &mut emit);
        self.report.skipped += outcome.skipped;
        match halted {
            false => Next::Go,
            true if self.report.members >= limits.members => {
                Next::Halt(Some(Stopped::TooManyMembers(limits.members)))
            }
            true => Next::Halt(None),
        }
    }
}

/// A zip's entries as an export reads them; the first bound it meets stops every later read.
struct ZipFiles<'a> {
    zip: &'a mut BoundedZip,
    names: &'a [String],
    spent: &'a mut Spent,
    stopped: Option<Stopped>,
}

impl Files for ZipFiles<'_> {
    fn names(&self) -> &[String] {
        self.names
    }

    fn read(&mut self, name: &str) -> Option<Vec<u8>> {
        if self.stopped.is_some() {
            return None;
        }
        let index = self.zip.find(name)?;
        match self.zip.read(index, self.spent) {
            Ok(bytes) => Some(bytes),
            Err(EntryError::Stop(stopped)) => {
                self.stopped = Some(stopped);
                None
            }
            Err(_) => None,
        }
    }
}
