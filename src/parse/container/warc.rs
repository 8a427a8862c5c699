//! WARC (ISO 28500) crawls, as ArchiveBox, wget and browsertrix write them: a `response`
//! record whose HTTP status is 200 and whose body is HTML is a member (its `WARC-Record-ID`
//! the member's name, `WARC-Target-URI` its URL, `WARC-Date` the fallback for its date);
//! requests, revisits, metadata and other bodies are passed over. Read record by record from a
//! stream: plain, or gzipped (a gzip member per record, read as one stream).

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::{ContainerReport, Counting, Limits, Stopped};
use crate::article::{Article, Format, Published};
use crate::parse::saved::Provenance;
use crate::parse::{page_article, ParseContext, SkipReason};

/// A header line longer than this, or a header block of more lines, is not WARC or HTTP.
const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADER_LINES: usize = 1000;

pub fn read(
    path: &Path,
    input: impl Read,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    let on_disk = Rc::new(Cell::new(0));
    let mut raw = BufReader::new(Counting { inner: input, count: on_disk.clone() });
    let gzipped = raw.fill_buf().map_err(unreadable)?.starts_with(&[0x1f, 0x8b]);
    let plain: Box<dyn Read> = if gzipped { Box::new(MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    let decompressed = Rc::new(Cell::new(0));
    let mut stream = Stream {
        reader: BufReader::with_capacity(256 * 1024, Counting { inner: plain, count: decompressed.clone() }),
        on_disk,
        decompressed,
        gzipped,
        limits,
    };
    let mut report = ContainerReport::default();
    report.stopped = loop {
        let record = match stream.record_header() {
            Ok(Some(record)) => record,
            Ok(None) => break None,
            Err(Problem::Stop(stopped)) => break Some(stopped),
            Err(Problem::NotWarc) if report.records == 0 => {
                return Err(SkipReason::Invalid(crate::strings::text().not_a_warc.into()));
            }
            Err(Problem::NotWarc) => {
                break Some(Stopped::Broken("a record that does not start with WARC/".into()))
            }
        };
        report.records += 1;
        let wanted = record.is_response() && record.length <= limits.member_bytes + MAX_LINE;
        let block = match if wanted {
            stream.block(record.length)
        } else {
            stream.skip(record.length).map(|()| None)
        } {
            Ok(block) => block,
            Err(problem) => break Some(problem.stopped()),
        };
        let Some(page) = block.and_then(|block| http_page(&block, limits.member_bytes)) else { continue };
        let provenance = Provenance { saver: "WARC", url: record.target, saved: record.date };
        match page_article(path, &page, Some(provenance), Format::Warc, context) {
            Ok(mut article) => {
                article.member = Some(record.id.unwrap_or_else(|| format!("record-{}", report.records)));
                report.members += 1;
                if !visit(article) {
                    break None;
                }
                if report.members >= limits.members {
                    break Some(Stopped::TooManyMembers(report.members));
                }
            }
            Err(_) => report.skipped += 1,
        }
    };
    report.decompressed = stream.decompressed.get();
    Ok(report)
}

fn unreadable(err: io::Error) -> SkipReason {
    SkipReason::Unreadable(err.to_string())
}

/// Why a record could not be read.
enum Problem {
    NotWarc,
    Stop(Stopped),
}

impl Problem {
    fn stopped(self) -> Stopped {
        match self {
            Problem::Stop(stopped) => stopped,
            Problem::NotWarc => Stopped::Broken("a record that does not start with WARC/".into()),
        }
    }
}

impl From<io::Error> for Problem {
    fn from(err: io::Error) -> Problem {
        Problem::Stop(Stopped::Broken(err.to_string()))
    }
}

/// What a record's header says.
struct Record {
    kind: String,
    content_type: String,
    id: Option<String>,
    target: Option<String>,
    date: Option<Published>,
    length: u64,
}

impl Record {
    fn is_response(&self) -> bool {
        self.kind.eq_ignore_ascii_case("response")
            && self.content_type.to_ascii_lowercase().starts_with("application/http")
    }
}

struct Stream<R> {
    reader: BufReader<Counting<R>>,
    on_disk: Rc<Cell<u64>>,
    decompressed: Rc<Cell<u64>>,
    gzipped: bool,
    limits: Limits,
}

impl<R: Read> Stream<R> {
    /// The header of the next record, `None` at the end of the file.
    fn record_header(&mut self) -> Result<Option<Record>, Problem> {
        let first = loop {
            match read_line(&mut self.reader)? {
                None => return Ok(None),
                Some(line) if line.trim().is_empty() => continue,
                Some(line) => break line,
            }
        };
        if !first.starts_with("WARC/") {
            return Err(Problem::NotWarc);
        }
        let mut record = Record {
            kind: String::new(),
            content_type: String::new(),
            id: None,
            target: None,
            date: None,
            length: 0,
        };
        let mut length = None;
        for (name, value) in header_fields(&mut self.reader)? {
            match name.to_ascii_lowercase().as_str() {
                "warc-type" => record.kind = value,
                "content-type" => record.content_type = value,
                "warc-record-id" => {
                    record.id = Some(value.trim_matches(|c| c == '<' || c == '>').to_string())
                }
                "warc-target-uri" => {
                    record.target = Some(value.trim_matches(|c| c == '<' || c == '>').to_string())
                }
                "warc-date" => record.date = Published::parse_iso(&value),
                "content-length" => length = value.parse::<u64>().ok(),
                _ => {}
            }
        }
        record.length = length
            .ok_or_else(|| Problem::Stop(Stopped::Broken("a record without a Content-Length".into())))?;
        Ok(Some(record))
    }

    /// The record's block, read whole (its length is within the member limit).
    fn block(&mut self, length: u64) -> Result<Option<Vec<u8>>, Problem> {
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        (&mut self.reader).take(length).read_to_end(&mut block)?;
        self.check()?;
        if (block.len() as u64) < length {
            return Err(Problem::Stop(Stopped::Broken("the last record is cut off".into())));
        }
        Ok(Some(block))
    }

    /// Passes over a record's block, chunk by chunk, within the limits.
    fn skip(&mut self, mut length: u64) -> Result<(), Problem> {
        while length > 0 {
            let available = self.reader.fill_buf()?.len();
            if available == 0 {
                return Err(Problem::Stop(Stopped::Broken("the last record is cut off".into())));
            }
            let step = length.min(available as u64);
            self.reader.consume(step as usize);
            length -= step;
            self.check()?;
        }
        Ok(())
    }

    /// Whether the stream may go on: within the bytes it may decompress to, and its ratio.
    fn check(&self) -> Result<(), Problem> {
        let (decompressed, on_disk) = (self.decompressed.get(), self.on_disk.get());
        self.limits.check(decompressed, on_disk, self.gzipped).map_err(Problem::Stop)
    }
}

/// The start of a WARC file: a record's version line, plain or in a gzip member.
pub fn looks_like(head: &[u8]) -> bool {
    const VERSION: &[u8] = b"WARC/1.";
    if head.starts_with(VERSION) {
        return true;
    }
    if !head.starts_with(&[0x1f, 0x8b]) {
        return false;
    }
    // The head may end inside the member: read only as far as the version line.
    let mut start = [0u8; VERSION.len()];
    let mut decoder = flate2::read::GzDecoder::new(head);
    let mut filled = 0;
    while filled < start.len() {
        match decoder.read(&mut start[filled..]) {
            Ok(0) | Err(_) => return false,
            Ok(read) => filled += read,
        }
    }
    start == VERSION
}

/// One line without its line ending, `None` at the end of the stream; at most [`MAX_LINE`].
fn read_line(reader: &mut impl BufRead) -> Result<Option<String>, Problem> {
    let mut line = Vec::new();
    reader.take(MAX_LINE).read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Ok(None);
    }
    if line.last() != Some(&b'\n') && line.len() as u64 >= MAX_LINE {
        return Err(Problem::Stop(Stopped::Broken("a header line too long".into())));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// `Name: value` lines up to a blank line (a folded line continues the one before).
fn header_fields(reader: &mut impl BufRead) -> Result<Vec<(String, String)>, Problem> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        let Some(line) = read_line(reader)? else { return Ok(fields) };
        if line.is_empty() {
            return Ok(fields);
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Err(Problem::Stop(Stopped::Broken("a header of too many lines".into())))
}

/// The HTML body of an HTTP response block: status 200, an HTML content type, de-chunked and
/// decompressed (within `max` bytes). `None` for anything else.
fn http_page(block: &[u8], max: u64) -> Option<Vec<u8>> {
    let mut reader = block;
    let status = read_line(&mut reader).ok()??;
    let mut words = status.split_whitespace();
    if !words.next()?.starts_with("HTTP/") || words.next()? != "200" {
        return None;
    }
    let fields = header_fields(&mut reader).ok()?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.to_ascii_lowercase())
    };
    let content_type = field("content-type").unwrap_or_default();
    if !(content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")) {
        return None;
    }
    let mut body = reader.to_vec();
    if field("transfer-encoding").is_some_and(|coding| coding.contains("chunked")) {
        body = dechunk(&body)?;
    }
    let decoded = match field("content-encoding").as_deref().map(str::trim) {
        None | Some("" | "identity") => body,
        Some("gzip" | "x-gzip") => bounded(MultiGzDecoder::new(&body[..]), max)?,
        Some("deflate") => bounded(ZlibDecoder::new(&body[..]), max)?,
        Some(_) => return None,
    };
    (decoded.len() as u64 <= max).then_some(decoded)
}

/// All of `reader`, if it is no more than `max` bytes.
fn bounded(reader: impl Read, max: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(max + 1).read_to_end(&mut out).ok()?;
    (out.len() as u64 <= max).then_some(out)
}

/// An HTTP body in chunked transfer coding, joined (a cut-off one keeps what came).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    while let Ok(Some(line)) = read_line(&mut body) {
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            break;
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        let _ = read_line(&mut body);
    }
    Some(out)
}
