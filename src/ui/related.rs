//! The related pane: ● saved / ○ not saved links with category or date, then the same story's
//! other copies, similar saved articles and "Linked from".

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{add_link, pane_block, Hyperlink, Theme};
use crate::app::{inner, text_width, App, Entry, OpenArticle, Pane, RelatedRow, Section, Settings};
use crate::article::Published;
use crate::config::Role;
use crate::strings;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, links: &mut Vec<Hyperlink>) {
    if area.is_empty() {
        return;
    }
    frame.render_widget(pane_block(app, theme, Pane::Related, app.settings.text.related_title), area);
    let inside = inner(area);
    let Some(open) = &app.open else { return };
    let selected = open.related.selected;
    let rows: Vec<RelatedRow> = open
        .related_rows(inside.width as usize)
        .into_iter()
        .skip(open.related.offset)
        .take(inside.height as usize)
        .collect();
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| {
            let line = row_line(open, row, theme, &app.settings);
            if row.entry() == Some(selected) && app.focus == crate::app::Focus::Pane(Pane::Related) {
                line.style(theme.get(Role::Selected))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
    for (number, row) in rows.iter().enumerate() {
        let RelatedRow::Title { entry, text, .. } = row else { continue };
        let url = open.loaded.related.get(*entry).and_then(|link| link.link.url.as_deref());
        if let Some(url) = url.and_then(crate::text::web_url) {
            // After the two-column mark.
            add_link(links, &url, inside.x + 2, inside.y + number as u16, text_width(text), inside);
        }
    }
}

fn row_line(open: &OpenArticle, row: &RelatedRow, theme: &Theme, settings: &Settings) -> Line<'static> {
    let t = settings.text;
    match row {
        RelatedRow::Title { entry, text, first } => {
            let saved = match open.entry(*entry) {
                Some(Entry::Link(link)) => link.target.is_some(),
                _ => true,
            };
            let (mark, style) = match (first, saved) {
                (false, _) => (" ", theme.get(Role::Saved)),
                (true, true) => (strings::SAVED_MARK, theme.get(Role::Saved)),
                (true, false) => (strings::UNSAVED_MARK, theme.get(Role::Unsaved)),
            };
            Line::from(vec![Span::styled(format!("{mark} "), style), Span::raw(text.clone())])
        }
        RelatedRow::Detail { entry } => {
            let detail = match open.entry(*entry) {
                Some(Entry::Link(link)) => {
                    let saved = link.target.as_ref();
                    let category =
                        link.link.category.clone().or_else(|| saved.and_then(|s| s.category.clone()));
                    let published = link.link.published.or_else(|| saved.and_then(|s| s.published));
                    detail(category, published, settings)
                }
                // Copies of one story differ by outlet: the source says whose it is.
                Some(Entry::Saved(summary, Section::SameStory)) => {
                    let source = summary.source.clone().or_else(|| summary.category.clone());
                    detail(source, summary.published, settings)
                }
                Some(Entry::Saved(summary, _)) => {
                    detail(summary.category.clone(), summary.published, settings)
                }
                None => String::new(),
            };
            Line::styled(format!("  {detail}"), theme.get(Role::Dim))
        }
        RelatedRow::Summary { text, .. } => Line::styled(format!("  {text}"), Style::new().italic()),
        RelatedRow::Heading(section) => {
            let heading = match section {
                Section::SameStory => t.same_story,
                Section::Similar => t.similar,
                Section::LinkedFrom => t.linked_from,
            };
            Line::styled(heading, theme.get(Role::Heading))
        }
        RelatedRow::NoRelated => Line::styled(t.no_related, theme.get(Role::Dim)),
        RelatedRow::SimilarPending => Line::styled(t.similar_pending, theme.get(Role::Dim)),
        RelatedRow::NoSimilar => Line::styled(t.no_similar, theme.get(Role::Dim)),
        RelatedRow::NoLinkedFrom => Line::styled(t.no_linked_from, theme.get(Role::Dim)),
        RelatedRow::Blank => Line::raw(""),
    }
}

/// "Category · 2024-03-01", whichever is known.
fn detail(category: Option<String>, published: Option<Published>, settings: &Settings) -> String {
    [category, published.map(|p| settings.dates.show_date(&p))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}
