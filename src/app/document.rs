//! An article laid out for a pane width: wrapped lines of toned, maybe highlighted, segments.
//! Built by the app (scrolling and n/N need line numbers) and drawn by `ui::reader`.

use std::ops::Range;

use crate::article::{Article, BlockKind};
use crate::index::highlight_ranges;

use super::reading::reading_time;
use super::wrap::{split_highlighted, wrap};
use super::Settings;

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub tone: Tone,
    pub highlight: bool,
    /// The http(s) URL this text links to.
    pub link: Option<String>,
}

pub type DocLine = Vec<Segment>;

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub lines: Vec<DocLine>,
    /// Lines holding a query term, in order (n/N jump between them).
    pub match_lines: Vec<usize>,
    pub width: usize,
    pub terms: Vec<String>,
}

impl Document {
    /// The header (title; date, category, author, source, words and minutes to read; tags;
    /// the URL), then the lead and the body.
    pub fn build(article: &Article, terms: &[String], width: usize, settings: &Settings) -> Document {
        let mut doc = Document { width, terms: terms.to_vec(), ..Document::default() };
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
        if let Some(lead) = article.lead.as_deref().filter(|lead| !lead.is_empty()) {
            doc.lines.push(Vec::new());
            doc.add_text(lead, Tone::Lead, "", "");
        }
        for block in &article.body {
            doc.lines.push(Vec::new());
            let (tone, first, rest) = match block.kind {
                BlockKind::Paragraph => (Tone::Body, "", ""),
                BlockKind::Heading => (Tone::Heading, "", ""),
                BlockKind::Caption => (Tone::Caption, "", ""),
                BlockKind::Quote => (Tone::Quote, "│ ", "│ "),
                BlockKind::ListItem => (Tone::Body, "• ", "  "),
            };
            doc.add_text(&block.text, tone, first, rest);
        }
        doc
    }

    /// Adds `text` wrapped to the width, the first line after `first` and the others after `rest`.
    fn add_text(&mut self, text: &str, tone: Tone, first: &str, rest: &str) {
        let highlights = self.highlights(text, tone);
        let indent = super::wrap::text_width(first).max(super::wrap::text_width(rest));
        for (number, line) in wrap(text, self.width.saturating_sub(indent)).into_iter().enumerate() {
            let mut segments = Vec::new();
            let marker = if number == 0 { first } else { rest };
            if !marker.is_empty() {
                segments.push(Segment {
                    text: marker.to_string(),
                    tone: Tone::Marker,
                    highlight: false,
                    link: None,
                });
            }
            let mut has_match = false;
            for (piece, highlight) in split_highlighted(text, line, &highlights) {
                has_match |= highlight;
                segments.push(Segment { text: piece.to_string(), tone, highlight, link: None });
            }
            if has_match {
                self.match_lines.push(self.lines.len());
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
}
