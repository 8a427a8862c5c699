//! The search line on top: "/ query", with the cursor while it has the focus.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::app::{text_width, App, Focus};
use crate::config::Role;
use crate::strings::{self, fill};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Search;
    let prompt = Span::styled(strings::SEARCH_PROMPT, theme.get(Role::Key));
    let line = if app.search.text.is_empty() && !focused {
        let placeholder =
            fill(app.settings.text.search_placeholder, &[("key", &app.settings.keys.label("search"))]);
        Line::from(vec![prompt, Span::styled(placeholder, theme.get(Role::Dim))])
    } else {
        // Keep the end of a long query in view.
        let room = (area.width as usize).saturating_sub(text_width(strings::SEARCH_PROMPT) + 1);
        Line::from(vec![prompt, Span::raw(tail(&app.search.text, room).to_string())])
    };
    frame.render_widget(Paragraph::new(line), area);
    if focused {
        let shown = tail(&app.search.text, (area.width as usize).saturating_sub(3));
        let x = area.x as usize + text_width(strings::SEARCH_PROMPT) + text_width(shown);
        let x = x.min(area.right().saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The end of `text` that fits in `width` columns.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (index, c) in text.char_indices().rev() {
        used += crate::app::text_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            return &text[index + c.len_utf8()..];
        }
    }
    text
}
