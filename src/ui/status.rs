//! The status line: library size, index state, hits and query time, a notice, the key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme;
use crate::app::{hints, text_width, App, IndexStatus, LibraryStatus};
use crate::index::Phase;
use crate::shown::shown_text;
use crate::strings;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let loading =
        app.library_status == LibraryStatus::Loading && !matches!(app.index_status, IndexStatus::Failed(_));
    let count =
        if loading { strings::LIST_LOADING.to_string() } else { strings::article_count(app.articles.len()) };
    let mut parts = vec![count];
    match &app.index_status {
        IndexStatus::Idle => {}
        IndexStatus::Refreshing(None) => parts.push(strings::indexing(strings::PHASE_SCANNING, 0, 0)),
        IndexStatus::Refreshing(Some(progress)) => {
            let phase = match progress.phase {
                Phase::Scanning => strings::PHASE_SCANNING,
                Phase::Parsing => strings::PHASE_PARSING,
                Phase::Committing => strings::PHASE_COMMITTING,
            };
            parts.push(strings::indexing(phase, progress.done, progress.total));
        }
        IndexStatus::UpToDate(text) | IndexStatus::Failed(text) => parts.push(text.clone()),
    }
    if let Some(results) = app.hits() {
        parts.push(strings::hit_count(results.total, results.took.as_secs_f64() * 1000.0));
    }
    // Errors and notices may quote file names and messages from outside: shown safely.
    let mut left = vec![Span::raw(format!(" {}", shown_text(&parts.join(" · "))))];
    if let Some(notice) = &app.notice {
        left.push(Span::styled(format!(" · {}", shown_text(notice)), theme::notice()));
    }
    let left = Line::from(left);
    frame.render_widget(Paragraph::new(left.clone()).style(theme::status_bar()), area);

    // As many hints as fit after the left part, most specific first.
    let room = (area.width as usize).saturating_sub(text_width(&left.to_string()) + 2);
    let mut right = Vec::new();
    let mut used = 0;
    for (key, hint) in hints(app.focus) {
        let width = text_width(&key) + text_width(hint) + 3;
        if used + width > room {
            break;
        }
        used += width;
        right.push(Span::styled(key, theme::key()));
        right.push(Span::raw(format!(" {hint}  ")));
    }
    if used > 0 {
        let hints_area = Rect { x: area.right() - used as u16, width: used as u16, ..area };
        frame.render_widget(Paragraph::new(Line::from(right)), hints_area);
    }
}
