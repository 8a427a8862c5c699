//! The related pane: ● saved / ○ not saved links with category or date, then the same story's
//! other copies, similar saved articles and "Linked from".

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{pane_block, theme};
use crate::app::{inner, App, Entry, OpenArticle, Pane, RelatedRow, Section};
use crate::article::Published;
use crate::strings;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    frame.render_widget(pane_block(app, Pane::Related, strings::RELATED_TITLE), area);
    let inside = inner(area);
    let Some(open) = &app.open else { return };
    let selected = open.related.selected;
    let lines: Vec<Line> = open
        .related_rows(inside.width as usize)
        .into_iter()
        .skip(open.related.offset)
        .take(inside.height as usize)
        .map(|row| {
            let line = row_line(open, &row);
            if row.entry() == Some(selected) && app.focus == crate::app::Focus::Pane(Pane::Related) {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
}

fn row_line(open: &OpenArticle, row: &RelatedRow) -> Line<'static> {
    match row {
        RelatedRow::Title { entry, text, first } => {
            let saved = match open.entry(*entry) {
                Some(Entry::Link(link)) => link.target.is_some(),
                _ => true,
            };
            let (mark, style) = match (first, saved) {
                (false, _) => (" ", theme::saved()),
                (true, true) => (strings::SAVED_MARK, theme::saved()),
                (true, false) => (strings::UNSAVED_MARK, theme::unsaved()),
            };
            Line::from(vec![Span::styled(format!("{mark} "), style), Span::raw(text.clone())])
        }
        RelatedRow::Detail { entry } => {
            let detail = match open.entry(*entry) {
                Some(Entry::Link(link)) => {
                    let saved = link.target.as_ref();
                    let category =
                        link.link.category.clone().or_else(|| saved.and_then(|s| s.category.clone()));
                    detail(category, link.link.published.or_else(|| saved.and_then(|s| s.published)))
                }
                // Copies of one story differ by outlet: the source says whose it is.
                Some(Entry::Saved(summary, Section::SameStory)) => {
                    detail(summary.source.clone().or_else(|| summary.category.clone()), summary.published)
                }
                Some(Entry::Saved(summary, _)) => detail(summary.category.clone(), summary.published),
                None => String::new(),
            };
            Line::styled(format!("  {detail}"), theme::dim())
        }
        RelatedRow::Summary { text, .. } => Line::styled(format!("  {text}"), Style::new().italic()),
        RelatedRow::Heading(section) => {
            let heading = match section {
                Section::SameStory => strings::SAME_STORY,
                Section::Similar => strings::SIMILAR,
                Section::LinkedFrom => strings::LINKED_FROM,
            };
            Line::styled(heading, theme::heading())
        }
        RelatedRow::NoRelated => Line::styled(strings::NO_RELATED, theme::dim()),
        RelatedRow::SimilarPending => Line::styled(strings::SIMILAR_PENDING, theme::dim()),
        RelatedRow::NoSimilar => Line::styled(strings::NO_SIMILAR, theme::dim()),
        RelatedRow::NoLinkedFrom => Line::styled(strings::NO_LINKED_FROM, theme::dim()),
        RelatedRow::Blank => Line::raw(""),
    }
}

/// "Category · 2024-03-01", whichever is known.
fn detail(category: Option<String>, published: Option<Published>) -> String {
    [category, published.map(|p| p.date.format("%Y-%m-%d").to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}
