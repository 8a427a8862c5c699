//! The status line: library size, index state, hits and query time, a notice, the key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::app::{text_width, App, IndexStatus, KeyContext, LibraryStatus, LineEditor, Purpose};
use crate::config::{key_label, Key, Role};
use crate::index::Phase;
use crate::shown::shown_text;
use crate::strings::fill;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.settings.text;
    if let Some(editor) = &app.editor {
        draw_editor(frame, app, editor, theme, area);
        return;
    }
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
    let pending =
        app.pending_key.map(|first| Key { code: first.code, modifiers: first.modifiers, after: None });
    if let Some(first) = &pending {
        left.push(Span::styled(
            format!(" · {}", fill(t.key_pending, &[("key", &key_label(first))])),
            theme.get(Role::Key),
        ));
    } else if let Some(notice) = &app.notice {
        left.push(Span::styled(format!(" · {}", shown_text(notice)), theme.get(Role::Notice)));
    }
    let left = Line::from(left);
    frame.render_widget(Paragraph::new(left.clone()).style(theme.get(Role::Status)), area);

    // As many hints as fit after the left part, most specific first.
    let room = (area.width as usize).saturating_sub(text_width(&left.to_string()) + 2);
    let mut right = Vec::new();
    let mut used = 0;
    // Under the help overlay: the hints of the pane it covers.
    let context = match app.key_context() {
        KeyContext::Normal { focus, .. } => KeyContext::Normal { focus, show_help: false },
        other => other,
    };
    let hints = match app.pending_key {
        // After a sequence's first key: what the second can finish.
        Some(first) => app.settings.keys.continuations(context, first, t),
        None => app.settings.keys.hints(context, t),
    };
    for (key, hint) in hints {
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

/// The note or tag line in the status line's place: its prompt, the text's end in view, a cursor.
fn draw_editor(frame: &mut Frame, app: &App, editor: &LineEditor, theme: &Theme, area: Rect) {
    let t = app.settings.text;
    let prompt = match editor.purpose {
        Purpose::HighlightNote(_) => t.prompt_note,
        Purpose::ArticleNote => t.prompt_article_note,
        Purpose::Tags => t.prompt_tags,
    };
    let room = (area.width as usize).saturating_sub(text_width(prompt) + 3);
    // The end of a long line: as many of its last characters as fit.
    let mut shown: Vec<char> = Vec::new();
    let mut used = 0;
    for c in editor.text.chars().rev() {
        used += crate::app::text_width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        shown.push(c);
    }
    let shown: String = shown.into_iter().rev().collect();
    let line = Line::from(vec![
        Span::styled(format!(" {prompt}"), theme.get(Role::Key)),
        Span::raw(shown.clone()),
        Span::styled(" ", theme.get(Role::Selection)),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.get(Role::Status)), area);
    let x = area.x + (1 + text_width(prompt) + text_width(&shown)).min(area.width as usize) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}
