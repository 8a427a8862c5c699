//! The reader's library list as columns: per listed article its document, its publication
//! instant and the rank of its title and source among all of them, read from fast columns
//! without building any row's strings. A row's summary (title, source, path…) is read
//! when it is shown; sorting is an order of row numbers by those ranks. A few dozen bytes an
//! article, whatever its title's length.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use super::document::{key_of, key_path};
use super::ranks::{dense_ranks, first_ords, rank_rows, term_ranks};
use super::schema::Fields;
use super::types::ArticleSummary;
use super::Index;
use crate::article::Address;

/// What the list's title order compares: the title folded (accents, case).
pub fn title_order(title: &str) -> String {
    crate::text::fold(title)
}

/// What the list's source order compares: the folded source, then the folded category; an
/// article without one comes after those with one.
pub fn source_order(source: &Option<String>, category: &Option<String>) -> String {
    let folded = |text: &Option<String>| crate::text::fold(text.as_deref().unwrap_or("\u{10ffff}"));
    // U+0001 sorts below any character a sanitised field can hold: "a" before "ab".
    format!("{}\u{1}{}", folded(source), folded(category))
}

/// The orders the reader's list is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    /// Newest first, undated last.
    Newest,
    Title,
    /// By source, then category, then newest first.
    Source,
}

/// Every listing gets its own number, so stories grouped for one are not applied to another.
static LISTINGS: AtomicU64 = AtomicU64::new(1);
/// An undated article's instant: after every dated one in newest-first order.
const UNDATED: i64 = i64::MIN;

/// The library's articles as the reader lists them (cheap to clone: shared).
#[derive(Clone)]
pub struct Listing(Arc<Rows>);

struct Rows {
    id: u64,
    source: Source,
    /// Each row's document, in (segment, document) order.
    docs: Vec<DocAddress>,
    /// Publication instant in seconds (`UNDATED`).
    published: Vec<i64>,
    title: Vec<u32>,
    /// Ranked on the first sort by source.
    source_rank: OnceLock<Vec<u32>>,
    /// Summaries read so far (tests count them).
    fetched: AtomicUsize,
    /// The rows read last (a frame reads the same rows as the one before it).
    recent: Mutex<HashMap<u32, ArticleSummary>>,
}

/// At most this many summaries are kept read: a few screens' worth.
const RECENT_ROWS: usize = 256;

enum Source {
    Index { searcher: Searcher, fields: Fields, library: PathBuf, segments: Vec<Columns> },
    Memory(Vec<ArticleSummary>),
}

/// One segment's string columns the list reads.
struct Columns {
    summary: Option<StrColumn>,
    path: Option<StrColumn>,
    source_order: Option<StrColumn>,
}

impl std::fmt::Debug for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listing").field("id", &self.0.id).field("rows", &self.len()).finish()
    }
}

impl Default for Listing {
    fn default() -> Self {
        Listing::from_summaries(Vec::new())
    }
}

impl Listing {
    /// A listing of summaries held in memory (an app without an index, tests).
    pub fn from_summaries(summaries: Vec<ArticleSummary>) -> Listing {
        let ranks = |key: &dyn Fn(&ArticleSummary) -> String| {
            dense_ranks(&summaries.iter().map(key).collect::<Vec<_>>())
        };
        let title = ranks(&|summary| title_order(&summary.title));
        let source_rank = OnceLock::from(ranks(&|summary| source_order(&summary.source, &summary.category)));
        let published = summaries.iter().map(|summary| seconds(summary.published)).collect();
        let docs = (0..summaries.len() as u32).map(|row| DocAddress::new(0, row)).collect();
        Listing::new(Source::Memory(summaries), docs, published, title, source_rank)
    }

    fn new(
        source: Source,
        docs: Vec<DocAddress>,
        published: Vec<i64>,
        title: Vec<u32>,
        source_rank: OnceLock<Vec<u32>>,
    ) -> Listing {
        let id = LISTINGS.fetch_add(1, Ordering::Relaxed);
        let (fetched, recent) = (AtomicUsize::new(0), Mutex::default());
        Listing(Arc::new(Rows { id, source, docs, published, title, source_rank, fetched, recent }))
    }

    /// This listing's number (unique in the process).
    pub fn id(&self) -> u64 {
        self.0.id
    }

    pub fn len(&self) -> usize {
        self.0.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.docs.is_empty()
    }

    /// How many rows' summaries were read so far.
    pub fn fetched(&self) -> usize {
        self.0.fetched.load(Ordering::Relaxed)
    }

    /// The summary of row `row` (read now, unless it was read lately).
    pub fn get(&self, row: u32) -> Option<ArticleSummary> {
        let mut recent = self.0.recent.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(summary) = recent.get(&row) {
            return Some(summary.clone());
        }
        let summary = self.read(row)?;
        if recent.len() >= RECENT_ROWS {
            recent.clear();
        }
        recent.insert(row, summary.clone());
        Some(summary)
    }

    fn read(&self, row: u32) -> Option<ArticleSummary> {
        let rows = &self.0;
        let doc = *rows.docs.get(row as usize)?;
        rows.fetched.fetch_add(1, Ordering::Relaxed);
        match &rows.source {
            Source::Memory(summaries) => summaries.get(row as usize).cloned(),
            Source::Index { library, segments, .. } => {
                let columns = segments.get(doc.segment_ord as usize)?;
                let summary = string_of(columns.summary.as_ref()?, doc.doc_id)?;
                let path = string_of(columns.path.as_ref()?, doc.doc_id)?;
                let stored: ArticleSummary = serde_json::from_str(&summary).ok()?;
                Some(ArticleSummary { path: library.join(key_path(&path)), ..stored })
            }
        }
    }

    /// The row of the article at `address`, if it is listed.
    pub fn row_of(&self, address: &Address) -> Option<u32> {
        match &self.0.source {
            Source::Memory(summaries) => summaries
                .iter()
                .position(|summary| summary.path == address.path && summary.member == address.member)
                .map(|row| row as u32),
            Source::Index { searcher, fields, library, .. } => {
                let key = key_of(library, &address.path)?;
                let doc = super::build::document_at(searcher, fields, &key, address.member.as_deref())?;
                self.0.docs.binary_search(&doc).ok().map(|row| row as u32)
            }
        }
    }

    /// The rows in `order`; ties are broken by newest and title, then by the row (the
    /// document's place in the index).
    pub fn order(&self, order: ListOrder) -> Vec<u32> {
        let rows = &self.0;
        // Newest first, undated last, as one number that sorts ascending.
        let newest = |row: &u32| match rows.published[*row as usize] {
            UNDATED => u64::MAX,
            seconds => !((seconds as u64) ^ (1 << 63)),
        };
        let title = |row: &u32| rows.title[*row as usize];
        let mut sorted: Vec<u32> = (0..rows.docs.len() as u32).collect();
        // Stable radix sorts, the last key first: each keeps the order of the ones before it
        // among its ties, and the row order is the last tie-break. Linear in the rows.
        match order {
            ListOrder::Newest => {
                radsort::sort_by_key(&mut sorted, title);
                radsort::sort_by_key(&mut sorted, newest);
            }
            ListOrder::Title => {
                radsort::sort_by_key(&mut sorted, newest);
                radsort::sort_by_key(&mut sorted, title);
            }
            ListOrder::Source => {
                let source = rows.source_rank.get_or_init(|| self.rank_sources());
                radsort::sort_by_key(&mut sorted, title);
                radsort::sort_by_key(&mut sorted, newest);
                radsort::sort_by_key(&mut sorted, |row| source[*row as usize]);
            }
        }
        sorted
    }

    fn rank_sources(&self) -> Vec<u32> {
        let Source::Index { segments, .. } = &self.0.source else { return vec![0; self.len()] };
        let columns: Vec<Option<&StrColumn>> = segments.iter().map(|s| s.source_order.as_ref()).collect();
        let mut ranks = vec![0; self.len()];
        let mut docs = Vec::new();
        for (segment, column) in columns.iter().enumerate() {
            let Some(column) = column else { continue };
            // A segment's rows are one run of the listing (rows are in document order).
            let start = self.0.docs.partition_point(|doc| (doc.segment_ord as usize) < segment);
            let end = self.0.docs.partition_point(|doc| (doc.segment_ord as usize) <= segment);
            docs.clear();
            docs.extend(self.0.docs[start..end].iter().map(|doc| doc.doc_id));
            first_ords(column, &docs, &mut ranks[start..end]);
        }
        match term_ranks(&columns) {
            Ok(by_ord) => rank_rows(&self.0.docs, &by_ord, &mut ranks),
            Err(_) => ranks.fill(0),
        }
        ranks
    }
}

/// The text of `doc`'s value in a string column.
fn string_of(column: &StrColumn, doc: u32) -> Option<String> {
    let ord = column.term_ords(doc).next()?;
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

fn seconds(published: Option<crate::article::Published>) -> i64 {
    published.map_or(UNDATED, |published| published.to_utc().timestamp())
}

/// Reads the listing of what `searcher` sees, leaving out `hidden` documents: each segment's
/// columns read in blocks of documents, nothing allocated per row but the row's numbers.
fn read(index: &Index, searcher: Searcher, hidden: &HashSet<DocAddress>) -> tantivy::Result<Listing> {
    const BLOCK: usize = 1024;
    let (mut docs, mut published, mut title) = (Vec::new(), Vec::new(), Vec::new());
    let mut segments = Vec::new();
    let mut titles = Vec::new();
    let (mut alive, mut summaries, mut dates, mut title_ords) =
        (Vec::with_capacity(BLOCK), [None; BLOCK], [None; BLOCK], [0u32; BLOCK]);
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let columns = Columns {
            summary: fast.str("summary")?,
            path: fast.str("path")?,
            source_order: fast.str("source_order")?,
        };
        let published_column = fast.date("published")?;
        let title_column = fast.str("title_order")?;
        if let Some(summary) = &columns.summary {
            let mut ids = segment.doc_ids_alive();
            loop {
                alive.clear();
                alive.extend(ids.by_ref().take(BLOCK));
                if alive.is_empty() {
                    break;
                }
                let block = alive.len();
                summaries[..block].fill(None);
                summary.ords().first_vals(&alive, &mut summaries[..block]);
                dates[..block].fill(None);
                published_column.first_vals(&alive, &mut dates[..block]);
                match &title_column {
                    Some(column) => first_ords(column, &alive, &mut title_ords[..block]),
                    None => title_ords[..block].fill(0),
                }
                for at in 0..block {
                    let address = DocAddress::new(ordinal as u32, alive[at]);
                    if summaries[at].is_none() || (!hidden.is_empty() && hidden.contains(&address)) {
                        continue;
                    }
                    docs.push(address);
                    published.push(dates[at].map_or(UNDATED, |date| date.into_timestamp_secs()));
                    title.push(title_ords[at]);
                }
            }
        }
        titles.push(title_column);
        segments.push(columns);
    }
    crate::timeline::mark("listing: columns read");
    crate::timeline::span("listing: title ranks", || {
        let columns: Vec<Option<&StrColumn>> = titles.iter().map(Option::as_ref).collect();
        let writable = index.read_only.is_none();
        let by_ord = super::ranks_file::title_ranks(&index.dir, writable, &searcher, &columns)?;
        rank_rows(&docs, &by_ord, &mut title);
        std::io::Result::Ok(())
    })?;
    let source = Source::Index { searcher, fields: index.fields, library: index.library.clone(), segments };
    Ok(Listing::new(source, docs, published, title, OnceLock::new()))
}

/// The story of each row of a listing that has other copies in it (as the index grouped
/// them), for the listing it was grouped for: a number per row (4 bytes), the stories' ids
/// once each.
#[derive(Debug, Clone, Default)]
pub struct ListStories {
    listing: u64,
    /// Per row: its story's number, or `ALONE`.
    numbers: Vec<u32>,
    /// Per story number: the story's id.
    ids: Vec<u64>,
}

/// A row with no other copy.
const ALONE: u32 = u32::MAX;

impl ListStories {
    /// Whether these are the stories of `listing`'s rows.
    pub fn of(&self, listing: &Listing) -> bool {
        self.listing == listing.id()
    }

    /// The story of `row`, when it has copies.
    pub fn story(&self, row: u32) -> Option<u64> {
        self.number(row).map(|number| self.ids[number as usize])
    }

    /// The number of `row`'s story among these (0 up to [`ListStories::count`]), when it has copies.
    pub fn number(&self, row: u32) -> Option<u32> {
        self.numbers.get(row as usize).copied().filter(|number| *number != ALONE)
    }

    /// The id of story number `number`.
    pub fn id(&self, number: u32) -> u64 {
        self.ids[number as usize]
    }

    /// How many stories with copies there are.
    pub fn count(&self) -> usize {
        self.ids.len()
    }
}

impl Index {
    /// The library's articles as the reader lists them, from fast columns (see [`Listing`]);
    /// a reference that attaches to a saved copy is left out, as in [`Index::articles`].
    pub fn listing(&self) -> Listing {
        let read = || {
            let searcher = self.searcher();
            let attached = crate::timeline::span("listing: references", || {
                super::shelves::attached(&searcher, &self.fields)
            });
            read(self, searcher, &attached)
        };
        crate::guard::catch(read).ok().and_then(Result::ok).unwrap_or_default()
    }

    /// The stories of `listing`'s rows (grouped once per state of the index).
    pub fn list_stories(&self, listing: &Listing) -> ListStories {
        let alone = || ListStories { listing: listing.id(), numbers: Vec::new(), ids: Vec::new() };
        let Source::Index { searcher, .. } = &listing.0.source else { return alone() };
        let group = || {
            let stories = self.stories_of(searcher);
            let mut numbers: HashMap<u64, u32> = HashMap::new();
            let mut ids = Vec::new();
            let mut number = |doc: &DocAddress| {
                let story = stories.story(*doc).filter(|_| stories.copies(*doc).len() > 1);
                story.map_or(ALONE, |story| {
                    *numbers.entry(story).or_insert_with(|| {
                        ids.push(story);
                        ids.len() as u32 - 1
                    })
                })
            };
            let numbers = listing.0.docs.iter().map(&mut number).collect();
            ListStories { listing: listing.id(), numbers, ids }
        };
        crate::guard::catch(group).unwrap_or_else(|_| alone())
    }
}
