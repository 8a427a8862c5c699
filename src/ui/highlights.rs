//! The `H` overlay: every highlight and note, grouped by article, with the filter typed so far.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::app::{text_width, App, HighlightsView};
use crate::config::Role;
use crate::shown::shown_text;
use crate::strings::{fill, SEARCH_PROMPT};

pub fn draw(frame: &mut Frame, app: &App, view: &HighlightsView, theme: &Theme, whole: Rect) {
    let [column] = Layout::horizontal([Constraint::Max(110)]).flex(Flex::Center).areas(whole);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(column);
    frame.render_widget(Clear, area);
    let t = app.settings.text;
    let rows = view.rows();
    let title = fill(t.highlights_title, &[("n", &rows.len())]);
    let block = Block::bordered()
        .border_style(theme.border(true))
        .title(format!(" {title} "))
        .style(theme.get(Role::Base));
    let inside = block.inner(area);
    frame.render_widget(block, area);
    if inside.height < 2 {
        return;
    }
    let filter = Line::from(vec![
        Span::styled(SEARCH_PROMPT, theme.get(Role::Key)),
        Span::raw(shown_text(&view.filter)),
    ]);
    frame.render_widget(Paragraph::new(filter), Rect { height: 1, ..inside });
    let x =
        inside.x + (text_width(SEARCH_PROMPT) + text_width(&view.filter)).min(inside.width as usize) as u16;
    frame.set_cursor_position((x.min(inside.right().saturating_sub(1)), inside.y));
    let list = Rect { y: inside.y + 1, height: inside.height - 1, ..inside };
    if rows.is_empty() {
        let empty = if view.all.is_empty() { t.highlights_empty } else { t.highlights_none_match };
        let text = if view.loaded || !view.all.is_empty() { empty } else { t.loading };
        frame.render_widget(Paragraph::new(text).style(theme.get(Role::Dim)), list);
        return;
    }
    // Each row: the article's title when it changes, the quote, the note if any. Only the rows
    // about the selection are laid out (a row takes at least one line).
    let width = list.width as usize;
    let height = list.height as usize;
    let first = view.cursor.selected.saturating_sub(height);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut article: Option<&str> = None;
    for (at, highlight) in rows.iter().enumerate().skip(first).take(2 * height + 1) {
        if article != Some(highlight.article.as_str()) {
            article = Some(&highlight.article);
            lines.push(Line::styled(cut(&shown_text(&highlight.title), width), theme.get(Role::Heading)));
        }
        let selected = at == view.cursor.selected;
        if selected {
            selected_line = lines.len();
        }
        let style = if selected { theme.get(Role::Selected) } else { theme.get(Role::Body) };
        let quote = shown_text(&highlight.quote.exact.replace('\n', " "));
        let detached = if highlight.detached { format!(" {}", t.detached_mark) } else { String::new() };
        lines.push(Line::styled(cut(&format!("  “{quote}”{detached}"), width), style));
        if !highlight.note.is_empty() {
            let note = shown_text(&highlight.note);
            lines.push(Line::styled(
                cut(&format!("    {}{note}", crate::app::NOTE_MARK), width),
                theme.get(Role::Note),
            ));
        }
    }
    let offset = (selected_line + 2).saturating_sub(height);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), list);
}

/// `text` cut to `width` columns, with an ellipsis when cut.
fn cut(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}
