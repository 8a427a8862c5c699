//! The status line: library size, index state, hits and query time, a notice, the key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::app::{text_width, App, IndexStatus, LibraryStatus};
use crate::config::Role;
use crate::index::Phase;
use crate::shown::shown_text;
use crate::strings::fill;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.settings.text;
    let loading =
        app.library_status == LibraryStatus::Loading && !matches!(app.index_status, IndexStatus::Failed(_));
    let count = match loading {
        true => t.loading.to_string(),
        false => t.count(app.articles.len(), t.article_count_one, t.article_count_other),
    };
    let mut parts = vec![count];
    match &app.index_status {
        IndexStatus::Idle => {}
        IndexStatus::Refreshing(None) => parts.push(fill(t.indexing_phase, &[("phase", &t.phase_scanning)])),
        IndexStatus::Refreshing(Some(progress)) => {
            let phase = match progress.phase {
                Phase::Scanning => t.phase_scanning,
                Phase::Parsing => t.phase_parsing,
                Phase::Committing => t.phase_committing,
            };
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("phase", &phase), ("done", &progress.done), ("total", &progress.total)];
            parts.push(fill(if progress.total == 0 { t.indexing_phase } else { t.indexing_progress }, &args));
        }
        IndexStatus::UpToDate(text) | IndexStatus::Failed(text) => parts.push(text.clone()),
    }
    if let Some(results) = app.hits() {
        let ms = format!("{:.1}", results.took.as_secs_f64() * 1000.0);
        let template = if results.total == 1 { t.hit_count_one } else { t.hit_count_other };
        parts.push(fill(template, &[("n", &results.total), ("ms", &ms)]));
    }
    // Errors and notices may quote file names and messages from outside: shown safely.
    let mut left = vec![Span::raw(format!(" {}", shown_text(&parts.join(" · "))))];
    if let Some(notice) = &app.notice {
        left.push(Span::styled(format!(" · {}", shown_text(notice)), theme.get(Role::Notice)));
    }
    let left = Line::from(left);
    frame.render_widget(Paragraph::new(left.clone()).style(theme.get(Role::Status)), area);

    // As many hints as fit after the left part, most specific first.
    let room = (area.width as usize).saturating_sub(text_width(&left.to_string()) + 2);
    let mut right = Vec::new();
    let mut used = 0;
    for (key, hint) in app.settings.keys.hints(app.focus, t) {
        let width = text_width(&key) + text_width(hint) + 3;
        if used + width > room {
            break;
        }
        used += width;
        right.push(Span::styled(key, theme.get(Role::Key)));
        right.push(Span::raw(format!(" {hint}  ")));
    }
    if used > 0 {
        let hints_area = Rect { x: area.right() - used as u16, width: used as u16, ..area };
        frame.render_widget(Paragraph::new(Line::from(right)), hints_area);
    }
}
