//! Reading an article file's bytes: only a regular file, of a sane size, never waiting on a pipe.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::{format_hint, html, parse_in, read_members, size_limit, FormatHint, ParseContext, SkipReason};
use super::{ContainerKind, ContainerReport, Limits, SNIFF_BYTES};
use super::{MAX_FILE_BYTES, MAX_HTML_FILE_BYTES};
use crate::article::Article;

/// Reads and parses one file, refusing anything that is not a regular file of sane size.
/// Follows links: for a file the user names. Files of a library are read by
/// the scan layer's `Library`, which keeps to the library.
pub fn read_article(path: &Path) -> Result<Article, SkipReason> {
    read_article_in(path, ParseContext::default())
}

/// [`read_article`] with what the library knows (its furniture model).
pub fn read_article_in(path: &Path, context: ParseContext) -> Result<Article, SkipReason> {
    let bytes = read_file(path)?;
    parse_in(path, &bytes, context)
}

/// The bytes of an article file at `path` (following links): see [`read_regular_file`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, SkipReason> {
    format_hint(path)?;
    read_regular_file(path, LastLink::Follow)
}

/// Whether opening a file may follow a symbolic link as its last part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastLink {
    Follow,
    /// A link there is refused (the caller resolved the path itself).
    Refuse,
}

/// The bytes of the regular file at `path`, no larger than [`MAX_FILE_BYTES`]. Never waits on a
/// pipe or device: the file is opened without blocking, and its type and size are those of
/// what was opened (fstat), not of what a check found there a moment before (a file swapped
/// for a FIFO in between is refused, not read). A larger HTML page (up to
/// [`MAX_HTML_FILE_BYTES`]) is read in chunks through the filter that sets aside its inline
/// images, scripts and styles, so memory stays at the limit plus a chunk.
pub fn read_regular_file(path: &Path, links: LastLink) -> Result<Vec<u8>, SkipReason> {
    let unreadable = |err: std::io::Error| SkipReason::Unreadable(err.to_string());
    if let Ok(FormatHint::Container(_)) = format_hint(path) {
        return Err(SkipReason::Invalid(crate::strings::text().container_read_by_member.into()));
    }
    let (file, meta) = open_regular(path, links)?;
    let limit = format_hint(path).map_or(MAX_FILE_BYTES, size_limit);
    if meta.len() > limit {
        return Err(SkipReason::TooLarge(meta.len()));
    }
    // A large HTML page sheds its inline images on the way in; a browser's wrapper (MHTML, a
    // web archive) is read whole, and its page is stripped once taken out.
    if meta.len() > MAX_FILE_BYTES && format_hint(path) == Ok(FormatHint::Html) {
        return read_stripped(file);
    }
    // A regular file ignores O_NONBLOCK: reads block on the disk as usual.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while we read: never take more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(bytes)
}

/// The regular file at `path`, opened without blocking (see [`read_regular_file`]), and what
/// it is; an empty one is refused.
fn open_regular(path: &Path, links: LastLink) -> Result<(fs::File, fs::Metadata), SkipReason> {
    use std::os::unix::fs::OpenOptionsExt;
    let unreadable = |err: std::io::Error| SkipReason::Unreadable(err.to_string());
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if links == LastLink::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = fs::OpenOptions::new().read(true).custom_flags(flags).open(path).map_err(|err| {
        if err.raw_os_error() == Some(libc::ELOOP) && links == LastLink::Refuse {
            SkipReason::Unreadable("it changed into a symbolic link while being read".into())
        } else {
            unreadable(err)
        }
    })?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular);
    }
    if meta.len() == 0 {
        return Err(SkipReason::Empty);
    }
    Ok((file, meta))
}

/// The bytes of one file of an export folder, no more than `max`, opened as
/// [`read_regular_file`] opens a file whose path was checked (a link there is refused).
pub(crate) fn read_part(path: &Path, max: u64) -> Result<Vec<u8>, SkipReason> {
    let (file, _) = open_regular(path, LastLink::Refuse)?;
    super::container::read_at_most(file, max)
        .map_err(|err| SkipReason::Unreadable(err.to_string()))?
        .ok_or(SkipReason::TooLarge(max))
}

/// Whether `path` is a folder (following a link there only when `links` allows).
fn is_folder(path: &Path, links: LastLink) -> bool {
    let meta = match links {
        LastLink::Follow => fs::metadata(path),
        LastLink::Refuse => fs::symlink_metadata(path),
    };
    meta.is_ok_and(|meta| meta.is_dir())
}

/// The articles of the container at `path` (a regular file, opened as [`read_regular_file`]
/// opens one, or an export's folder), streamed to `visit` (see [`read_members`]). What a file
/// is comes from its first bytes, and from its name when they do not tell.
pub fn read_members_at(
    path: &Path,
    links: LastLink,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    use std::io::BufRead;
    if is_folder(path, links) {
        return super::container::folder::read(path, context, limits, visit);
    }
    let (file, _) = open_regular(path, links)?;
    let mut input = std::io::BufReader::with_capacity(64 * 1024, file);
    let head = input.fill_buf().map_err(|err| SkipReason::Unreadable(err.to_string()))?;
    let not_a_container = || SkipReason::Invalid(crate::strings::text().not_a_container.into());
    let kind = ContainerKind::sniff(head).or_else(|| ContainerKind::of(path)).ok_or_else(not_a_container)?;
    read_members(path, kind, input, context, limits, visit)
}

/// The container the file at `path` is, by its name or else its first bytes (a WARC or an
/// EPUB under another name); `None` for a file of one article. A folder is one when it holds
/// an export.
pub fn container_kind_at(path: &Path, links: LastLink) -> Result<Option<ContainerKind>, SkipReason> {
    if is_folder(path, links) {
        let export = super::container::folder::ExportFolder::open(path, Limits::default().entries);
        return Ok(export.map(|_| ContainerKind::ExportFolder));
    }
    if let Some(kind) = ContainerKind::of(path) {
        return Ok(Some(kind));
    }
    let (file, _) = open_regular(path, links)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|err| SkipReason::Unreadable(err.to_string()))?;
    Ok(ContainerKind::sniff(&head))
}

/// The article at an address: the file's own, or with `member` that member of the container.
pub fn read_address(
    path: &Path,
    member: Option<&str>,
    links: LastLink,
    context: ParseContext,
) -> Result<Article, SkipReason> {
    let Some(member) = member else {
        return parse_in(path, &read_regular_file(path, links)?, context);
    };
    let mut found = None;
    read_members_at(path, links, context, Limits::default(), &mut |article| {
        let wanted = article.member.as_deref() == Some(member);
        if wanted {
            found = Some(article);
        }
        !wanted
    })?;
    let quoted = format!("{member:?}");
    let missing = || crate::strings::fill(crate::strings::text().no_such_member, &[("member", &quoted)]);
    found.ok_or_else(|| SkipReason::Invalid(missing()))
}

/// A large HTML page through [`html::single_file::Stripper`], chunk by chunk.
fn read_stripped(file: fs::File) -> Result<Vec<u8>, SkipReason> {
    let mut stripper = html::single_file::Stripper::new();
    let mut kept = Vec::new();
    let mut chunk = vec![0; 256 * 1024];
    let (mut reader, mut read_total) = (file.take(MAX_HTML_FILE_BYTES + 1), 0u64);
    loop {
        let count = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(count) => count,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(SkipReason::Unreadable(err.to_string())),
        };
        read_total += count as u64;
        stripper.feed(&chunk[..count], &mut kept);
        if read_total > MAX_HTML_FILE_BYTES {
            return Err(SkipReason::TooLarge(read_total));
        }
        if kept.len() as u64 > MAX_FILE_BYTES {
            return Err(SkipReason::TooLarge(kept.len() as u64));
        }
    }
    if kept.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(kept)
}
