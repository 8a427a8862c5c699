//! The `?` overlay, generated from the key table that dispatches the keys.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::theme;
use crate::app::{bindings, key_label, App, Scope};
use crate::strings;

/// Columns of the key column.
const KEYS_WIDTH: usize = 26;
/// Narrower than this, each key's help goes on its own line under the keys.
const TWO_COLUMNS_FROM: usize = 72;

pub fn help_lines(width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        lines.push(Line::styled(scope.title(), theme::heading()));
        for binding in bindings().iter().filter(|b| b.scope == scope) {
            let keys = binding.keys.iter().map(key_label).collect::<Vec<_>>().join(", ");
            if width >= TWO_COLUMNS_FROM {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<KEYS_WIDTH$}"), theme::key()),
                    Span::raw(binding.help),
                ]));
            } else {
                lines.push(Line::styled(format!("  {keys}"), theme::key()));
                lines.push(Line::raw(format!("      {}", binding.help)));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::raw(strings::keys::MOUSE));
    lines
}

pub fn draw(frame: &mut Frame, app: &App, whole: Rect) {
    let [column] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(whole);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(column);
    frame.render_widget(Clear, area);
    let block =
        Block::bordered().border_style(theme::border(true)).title(format!(" {} ", strings::HELP_TITLE));
    let width = area.width.saturating_sub(2) as usize;
    let scroll = app.help_scroll.min(u16::MAX as usize) as u16;
    let text = Paragraph::new(help_lines(width)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0));
    frame.render_widget(text, area);
}
