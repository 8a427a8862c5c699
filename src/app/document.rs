//! An article laid out for a pane width: wrapped lines of toned, maybe highlighted, segments.
//! Built by the app (scrolling and n/N need line numbers) and drawn by `ui::reader`.

use std::ops::Range;

use crate::article::{Article, BlockKind};
use crate::index::highlight_ranges;

use super::reading::reading_time;
use super::wrap::{split_layers, wrap};
use super::Settings;
use crate::strings::fill;

/// Starts a note shown in the article.
pub const NOTE_MARK: &str = "✎ ";

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Meta,
    Tags,
    Lead,
    Heading,
    Body,
    Caption,
    Quote,
    Marker,
    /// The article's URL.
    Link,
    /// The reader's own notes and tags.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub tone: Tone,
    pub highlight: bool,
    /// The http(s) URL this text links to.
    pub link: Option<String>,
    /// In a passage the reader highlighted.
    pub annotated: bool,
    /// In the selection being made.
    pub selected: bool,
}

/// What the reader added, laid over the article: ranges of [`crate::store::Passages`] text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Highlighted passages (found in this version of the article).
    pub passages: Vec<Range<usize>>,
    pub selection: Option<Range<usize>>,
    /// Notes shown below a block: (block, note).
    pub notes: Vec<(usize, String)>,
    pub article_note: String,
    pub tags: Vec<String>,
    /// Highlights not found in this version.
    pub detached: usize,
}

impl Default for Segment {
    fn default() -> Self {
        Segment {
            text: String::new(),
            tone: Tone::Body,
            highlight: false,
            link: None,
            annotated: false,
            selected: false,
        }
    }
}

pub type DocLine = Vec<Segment>;

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub lines: Vec<DocLine>,
    /// Lines holding a query term, in order (n/N jump between them).
    pub match_lines: Vec<usize>,
    pub width: usize,
    pub terms: Vec<String>,
    /// For each line of the lead and body: the range of the passages' text it shows.
    pub sources: Vec<Option<Range<usize>>>,
    /// The first line of each of the marks' passages.
    pub passage_lines: Vec<Option<usize>>,
}

impl Document {
    /// The header (title; date, category, author, source, words and minutes to read; tags;
    /// the URL), then the lead and the body.
    pub fn build(article: &Article, terms: &[String], width: usize, settings: &Settings) -> Document {
        Document::build_marked(article, terms, width, settings, &Marks::default())
    }

    /// [`Document::build`] with the reader's highlights, selection, notes and tags.
    pub fn build_marked(
        article: &Article,
        terms: &[String],
        width: usize,
        settings: &Settings,
        marks: &Marks,
    ) -> Document {
        let mut doc = Document { width, terms: terms.to_vec(), ..Document::default() };
        doc.passage_lines = vec![None; marks.passages.len()];
        doc.add_text(&article.title, Tone::Title, "", "");
        doc.add_text(&meta_line(article, settings), Tone::Meta, "", "");
        if !article.tags.is_empty() {
            doc.add_text(&article.tags.join(" · "), Tone::Tags, "# ", "  ");
        }
        if let Some(url) = article.url.as_deref().filter(|url| !url.trim().is_empty()) {
            let first = doc.lines.len();
            doc.add_text(url, Tone::Link, "", "");
            let link = crate::text::web_url(url);
            for segment in doc.lines[first..].iter_mut().flatten() {
                segment.link = link.clone();
            }
        }
        let t = settings.text;
        if let Some(shelf) = &article.shelf {
            doc.add_text(&shelf_line(shelf, t), Tone::Meta, "", "");
        }
        if article.format == crate::article::Format::Reference {
            let key = settings.keys.label("open_url");
            doc.add_text(&fill(t.reference_not_saved, &[("key", &key)]), Tone::Note, "", "");
        }
        if !marks.tags.is_empty() {
            doc.add_text(&fill(t.your_tags, &[("tags", &marks.tags.join(" · "))]), Tone::Note, "", "");
        }
        if !marks.article_note.is_empty() {
            doc.add_text(&marks.article_note, Tone::Note, NOTE_MARK, "  ");
        }
        if marks.detached > 0 {
            let key = settings.keys.label("highlights");
            let detached = t.count(marks.detached, t.detached_one, t.detached_other);
            doc.add_text(&fill(&detached, &[("key", &key)]), Tone::Note, "", "");
        }
        let lead =
            article.lead.as_deref().filter(|lead| !lead.is_empty()).map(|lead| (lead, Tone::Lead, "", ""));
        let body = article.body.iter().map(|block| {
            let (tone, first, rest) = match block.kind {
                BlockKind::Paragraph => (Tone::Body, "", ""),
                BlockKind::Heading => (Tone::Heading, "", ""),
                BlockKind::Caption => (Tone::Caption, "", ""),
                BlockKind::Quote => (Tone::Quote, "│ ", "│ "),
                BlockKind::ListItem => (Tone::Body, "• ", "  "),
            };
            (block.text.as_str(), tone, first, rest)
        });
        // Offsets in the passages' text: blocks one after another, a separator between.
        let mut base = 0;
        for (number, (text, tone, first, rest)) in lead.into_iter().chain(body).enumerate() {
            doc.lines.push(Vec::new());
            doc.add_marked(text, tone, (first, rest), Some((base, marks)));
            for (_, note) in marks.notes.iter().filter(|(block, _)| *block == number) {
                doc.add_text(note, Tone::Note, NOTE_MARK, "  ");
            }
            base += text.len() + crate::store::anchor::BLOCK_SEPARATOR.len();
        }
        doc
    }

    /// Adds `text` wrapped to the width, the first line after `first` and the others after `rest`.
    fn add_text(&mut self, text: &str, tone: Tone, first: &str, rest: &str) {
        self.add_marked(text, tone, (first, rest), None);
    }

    /// [`Document::add_text`] for a block of the passages' text starting at `base`, with the
    /// marks that fall in it.
    fn add_marked(
        &mut self,
        text: &str,
        tone: Tone,
        (first, rest): (&str, &str),
        source: Option<(usize, &Marks)>,
    ) {
        let highlights = self.highlights(text, tone);
        let local = |range: &Range<usize>, base: usize| {
            range.start.max(base).saturating_sub(base)..range.end.min(base + text.len()).saturating_sub(base)
        };
        let (passages, selection): (Vec<Range<usize>>, Vec<Range<usize>>) = match source {
            Some((base, marks)) => (
                marks.passages.iter().map(|range| local(range, base)).collect(),
                marks.selection.iter().map(|range| local(range, base)).collect(),
            ),
            None => Default::default(),
        };
        let indent = super::wrap::text_width(first).max(super::wrap::text_width(rest));
        for (number, line) in wrap(text, self.width.saturating_sub(indent)).into_iter().enumerate() {
            let mut segments = Vec::new();
            let marker = if number == 0 { first } else { rest };
            if !marker.is_empty() {
                segments.push(Segment { text: marker.to_string(), tone: Tone::Marker, ..Segment::default() });
            }
            let mut has_match = false;
            for (piece, layers) in split_layers(text, line.clone(), &[&highlights, &passages, &selection]) {
                let highlight = layers & 1 != 0;
                has_match |= highlight;
                let (annotated, selected) = (layers & 2 != 0, layers & 4 != 0);
                segments.push(Segment {
                    text: piece.to_string(),
                    tone,
                    highlight,
                    link: None,
                    annotated,
                    selected,
                });
            }
            if has_match {
                self.match_lines.push(self.lines.len());
            }
            if let Some((base, _)) = source {
                self.sources.resize(self.lines.len(), None);
                self.sources.push(Some(base + line.start..base + line.end));
                for (at, passage) in passages.iter().enumerate() {
                    let starts_here = passage.start < passage.end && line.contains(&passage.start);
                    if starts_here && self.passage_lines[at].is_none() {
                        self.passage_lines[at] = Some(self.lines.len());
                    }
                }
            }
            self.lines.push(segments);
        }
    }

    fn highlights(&self, text: &str, tone: Tone) -> Vec<Range<usize>> {
        if self.terms.is_empty() || matches!(tone, Tone::Meta | Tone::Tags | Tone::Link) {
            return Vec::new();
        }
        highlight_ranges(text, &self.terms)
    }
}

/// date · category · author · source, whichever the article has, then words and minutes to read.
pub fn meta_line(article: &Article, settings: &Settings) -> String {
    let t = settings.text;
    let date = article.published.map(|p| settings.dates.show(&p));
    let time = reading_time(article);
    let words = t.count(time.words, t.words_one, t.words_other);
    let minutes = t.count(time.minutes, t.minutes_one, t.minutes_other);
    [date.as_deref(), article.category.as_deref(), article.author.as_deref(), article.source.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .chain([words.as_str(), minutes.as_str()])
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Where a read-it-later service kept the article, and in what state: `pocket: archived ·
/// starred · saved 2024-10-03`.
fn shelf_line(shelf: &crate::article::Shelf, t: &crate::strings::Strings) -> String {
    let mut states = Vec::new();
    if shelf.archived {
        states.push(t.shelf_archived.to_string());
    } else {
        states.push(t.shelf_unread.to_string());
    }
    if shelf.starred {
        states.push(t.shelf_starred.to_string());
    }
    if let Some(saved) = shelf.saved {
        states.push(fill(t.shelf_saved, &[("date", &saved.date)]));
    }
    fill(t.shelf_state, &[("service", &shelf.service), ("state", &states.join(" · "))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format};

    fn sample() -> Article {
        let mut article = Article::new("/lib/a.txt", Format::Plain, "Metro Nhổn – ga Hà Nội");
        article.category = Some("Giao thông".into());
        article.author = Some("Lan Anh".into());
        article.tags = vec!["metro".into(), "Hà Nội".into()];
        article.lead = Some("Tuyến metro chạy thử.".into());
        article.body = vec![
            Block::new(BlockKind::Heading, "Lịch chạy"),
            Block::paragraph("Đoàn tàu đầu tiên rời ga lúc sáu giờ sáng."),
            Block::new(BlockKind::ListItem, "một hai ba bốn năm sáu"),
            Block::new(BlockKind::Caption, "Ảnh: tàu ở ga"),
        ];
        article
    }

    fn plain(line: &DocLine) -> String {
        line.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn lays_out_title_meta_tags_lead_and_blocks() {
        let doc = Document::build(&sample(), &[], 60, &Settings::default());
        let text: Vec<String> = doc.lines.iter().map(plain).collect();
        assert_eq!(text[0], "Metro Nhổn – ga Hà Nội");
        assert_eq!(text[1], "Giao thông · Lan Anh · 26 words · 1 min read");
        assert_eq!(text[2], "# metro · Hà Nội");
        assert_eq!(doc.lines[4][0].tone, Tone::Lead);
        assert_eq!(doc.lines[6][0].tone, Tone::Heading);
        assert_eq!(text[10], "• một hai ba bốn năm sáu");
        assert_eq!(doc.lines[12][0].tone, Tone::Caption);
        assert!(doc.match_lines.is_empty());
    }

    #[test]
    fn list_items_indent_their_continuation_lines() {
        let doc = Document::build(&sample(), &[], 12, &Settings::default());
        let text: Vec<String> = doc.lines.iter().map(plain).collect();
        let item = text.iter().position(|line| line.starts_with("• ")).unwrap();
        assert_eq!(text[item], "• một hai ba");
        assert_eq!(text[item + 1], "  bốn năm");
        assert_eq!(text[item + 2], "  sáu");
    }

    #[test]
    fn a_phrase_lights_where_it_occurs_whole_and_its_words_alone_do_not() {
        let doc = Document::build(&sample(), &["ga hà nội".to_string()], 60, &Settings::default());
        let lit: Vec<(usize, &str)> = doc
            .lines
            .iter()
            .enumerate()
            .flat_map(|(at, line)| line.iter().filter(|s| s.highlight).map(move |s| (at, s.text.as_str())))
            .collect();
        // "ga" alone in the body ("rời ga", "tàu ở ga") stays plain.
        assert_eq!(lit, [(0, "ga Hà Nội")]);
        assert_eq!(doc.match_lines, [0]);
    }
}
