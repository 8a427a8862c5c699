//! The related pane: ● saved / ○ not saved links with category or date, then "Linked from".

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{pane_block, theme};
use crate::app::{inner, App, OpenArticle, Pane, RelatedRow};
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
    let related = &open.loaded.related;
    match row {
        RelatedRow::Title { entry, text, first } => {
            let saved = related.get(*entry).is_none_or(|link| link.target.is_some());
            let (mark, style) = match (first, saved) {
                (false, _) => (" ", theme::saved()),
                (true, true) => (strings::SAVED_MARK, theme::saved()),
                (true, false) => (strings::UNSAVED_MARK, theme::unsaved()),
            };
            Line::from(vec![Span::styled(format!("{mark} "), style), Span::raw(text.clone())])
        }
        RelatedRow::Detail { entry } => {
            let detail = match related.get(*entry) {
                Some(link) => {
                    let saved = link.target.as_ref();
                    let category =
                        link.link.category.clone().or_else(|| saved.and_then(|s| s.category.clone()));
                    detail(category, link.link.published.or_else(|| saved.and_then(|s| s.published)))
                }
                None => {
                    let summary = &open.loaded.linked_from[entry - related.len()];
                    detail(summary.category.clone(), summary.published)
                }
            };
            Line::styled(format!("  {detail}"), theme::dim())
        }
        RelatedRow::Summary { text, .. } => Line::styled(format!("  {text}"), Style::new().italic()),
        RelatedRow::LinkedFromHeading => Line::styled(strings::LINKED_FROM, theme::heading()),
        RelatedRow::NoRelated => Line::styled(strings::NO_RELATED, theme::dim()),
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
