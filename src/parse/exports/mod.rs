//! Read-it-later exports, recognised by the names and shapes of their files, never by the
//! archive's name: Omnivore (`metadata_*.json`, `content/<slug>.html`, `highlights/<slug>.md`)
//! and Pocket (`part_*.csv`, `annotations/*.json`) by the files they are made of; wallabag's
//! JSON, Instapaper's CSV and a browser's bookmarks (Netscape HTML) by one file's content.
//! Exports that carry an article's text give articles ([`Format::Export`]); entries with only a
//! URL give references ([`Format::Reference`]), which the index attaches to a saved copy of
//! the same URL or lists as not saved.

mod bookmarks;
mod fields;
mod instapaper;
mod omnivore;
mod pocket;
mod wallabag;

use crate::article::{Article, Format, Published, Shelf};
use crate::parse::ParseContext;

/// An export's files, as a zip holds them: their names, and each one's bytes (`None` when it
/// cannot be read, or reading must stop).
pub trait Files {
    fn names(&self) -> &[String];
    fn read(&mut self, name: &str) -> Option<Vec<u8>>;
}

/// An export made of several files, recognised by their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archive {
    Omnivore,
    Pocket,
}

/// An export that is one file, recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleFile {
    Wallabag,
    Instapaper,
    Bookmarks,
    /// One of Pocket's `part_*.csv`, found alone (without its annotations).
    PocketPart,
}

/// What reading an export did besides the articles it gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Entries that could not be read (no title and no URL, a content file that was not HTML).
    pub skipped: usize,
}

impl Outcome {
    /// Hands an entry's article to `emit`, or counts the entry as skipped when it could not be
    /// read; `false` when `emit` asked to stop.
    pub fn offer(&mut self, article: Option<Article>, emit: &mut Emit) -> bool {
        match article {
            Some(article) => emit(article),
            None => {
                self.skipped += 1;
                true
            }
        }
    }
}

/// Hands each article to its caller; `false` stops reading.
pub type Emit<'a> = dyn FnMut(Article) -> bool + 'a;

/// The file name without its folders.
fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The export several files make, by their names (in a zip, or in a folder).
pub fn recognise(names: &[String]) -> Option<Archive> {
    [Archive::Omnivore, Archive::Pocket]
        .into_iter()
        .find(|archive| names.iter().any(|name| archive.is_list(base_name(name))))
}

impl Archive {
    /// Whether a file (its name without folders) is one of the export's lists: Omnivore's
    /// `metadata_*.json`, Pocket's `part_*.csv`.
    pub fn is_list(self, base: &str) -> bool {
        match self {
            Archive::Omnivore => base.starts_with("metadata_") && base.ends_with(".json"),
            Archive::Pocket => base.starts_with("part_") && base.ends_with(".csv"),
        }
    }

    /// Whether `relative` (a name in the export's folder, `/` between names) is the export's:
    /// one of its lists, one of its folders, or inside one.
    pub fn claims(self, relative: &str) -> bool {
        match relative.split_once('/') {
            Some((folder, _)) => self.folders().contains(&folder),
            None => self.is_list(relative) || self.folders().contains(&relative),
        }
    }

    /// The folders beside its lists that hold the rest of the export.
    pub fn folders(self) -> &'static [&'static str] {
        match self {
            Archive::Omnivore => &["content", "highlights"],
            Archive::Pocket => &["annotations"],
        }
    }

    pub fn read(self, files: &mut dyn Files, context: ParseContext, emit: &mut Emit) -> Outcome {
        match self {
            Archive::Omnivore => omnivore::read(files, context, emit),
            Archive::Pocket => pocket::read(files, emit),
        }
    }
}

/// The export a file is: a CSV by its name's ending and its header, the others by the shape
/// of their start alone (see [`sniff`]).
pub fn single_file(name: &str, bytes: &[u8]) -> Option<SingleFile> {
    let head = head_text(bytes);
    if name.to_lowercase().ends_with(".csv") && instapaper::looks_like(&head) {
        return Some(SingleFile::Instapaper);
    }
    sniff(bytes)
}

/// The export a file's first bytes show, whatever its name: wallabag's JSON, a browser's
/// bookmarks. [`crate::parse::SNIFF_BYTES`] are enough.
pub fn sniff(head: &[u8]) -> Option<SingleFile> {
    let head = head_text(head);
    if wallabag::looks_like(&head) {
        return Some(SingleFile::Wallabag);
    }
    bookmarks::looks_like(&head).then_some(SingleFile::Bookmarks)
}

fn head_text(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(crate::parse::SNIFF_BYTES)]);
    head.trim_start_matches('\u{feff}').to_string()
}

impl SingleFile {
    /// The articles of the export `name`, their members `name#n`.
    pub fn read(self, name: &str, bytes: &[u8], context: ParseContext, emit: &mut Emit) -> Outcome {
        let text = crate::text::clean(&String::from_utf8_lossy(bytes));
        match self {
            SingleFile::Wallabag => wallabag::read(name, &text, context, emit),
            SingleFile::Instapaper => instapaper::read(name, &text, emit),
            SingleFile::Bookmarks => bookmarks::read(name, &text, emit),
            SingleFile::PocketPart => pocket::read_part(name, &text, &Default::default(), emit),
        }
    }
}

/// The export a file of its own is: any [`single_file`], or one part of Pocket's.
pub fn file_export(name: &str, bytes: &[u8]) -> Option<SingleFile> {
    let pocket = recognise(&[name.to_string()]) == Some(Archive::Pocket);
    single_file(name, bytes).or(pocket.then_some(SingleFile::PocketPart))
}

/// A link kept without its text: its title (the URL when it has none), URL, tags and the date
/// it was saved (shown as its date in the list).
pub(crate) fn reference(
    member: String,
    service: &str,
    title: &str,
    url: &str,
    tags: Vec<String>,
    saved: Option<Published>,
) -> Option<Article> {
    let url = url.trim();
    if url.is_empty() && title.trim().is_empty() {
        return None;
    }
    let title = if title.trim().is_empty() { url } else { title };
    let mut article = Article::new("", Format::Reference, title);
    article.member = Some(member);
    article.url = (!url.is_empty()).then(|| url.to_string());
    article.tags = tags;
    article.published = saved;
    article.shelf = Some(Shelf { service: service.into(), saved, ..Shelf::default() });
    crate::parse::finish(&mut article, true).ok()?;
    Some(article)
}

/// An article from an export's HTML, through the HTML extraction, with what the export knew.
pub(crate) fn with_text(
    member: String,
    html: &str,
    url: Option<String>,
    context: ParseContext,
) -> Option<Article> {
    let provenance = crate::parse::saved::Provenance { saver: "export", url, saved: None };
    let mut article = crate::parse::page_article(
        std::path::Path::new(&member),
        html.as_bytes(),
        Some(provenance),
        Format::Export,
        context,
    )
    .ok()?;
    article.member = Some(member);
    Some(article)
}
