//! The `?` overlay, generated from the key map that dispatches the keys (as configured).

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::app::{key_label, App, Scope, Settings};
use crate::config::Role;
use crate::strings::fill;

/// Columns of the key column.
const KEYS_WIDTH: usize = 26;
/// Narrower than this, each key's help goes on its own line under the keys.
const TWO_COLUMNS_FROM: usize = 72;

pub fn help_lines(settings: &Settings, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let t = settings.text;
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        lines.push(Line::styled(scope.title(t), theme.get(Role::Heading)));
        for (binding, keys) in settings.keys.rows().filter(|(binding, _)| binding.scope == scope) {
            let keys = match keys.is_empty() {
                true => "—".to_string(),
                false => keys.iter().map(key_label).collect::<Vec<_>>().join(", "),
            };
            let help = (binding.help)(t);
            if width >= TWO_COLUMNS_FROM {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<KEYS_WIDTH$}"), theme.get(Role::Key)),
                    Span::raw(help),
                ]));
            } else {
                lines.push(Line::styled(format!("  {keys}"), theme.get(Role::Key)));
                lines.push(Line::raw(format!("      {help}")));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::raw(t.mouse_help));
    lines
}

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, whole: Rect) {
    let [column] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(whole);
    let [area] = Layout::vertical([Constraint::Percentage(90)]).flex(Flex::Center).areas(column);
    frame.render_widget(Clear, area);
    let keys = &app.settings.keys;
    let title = fill(
        app.settings.text.help_title,
        &[("help", &keys.label("help")), ("escape", &keys.label("leave_search"))],
    );
    let block = Block::bordered()
        .border_style(theme.border(true))
        .title(format!(" {title} "))
        .style(theme.get(Role::Base));
    let width = area.width.saturating_sub(2) as usize;
    let scroll = app.help_scroll.min(u16::MAX as usize) as u16;
    let lines = help_lines(&app.settings, theme, width);
    let text = Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0));
    frame.render_widget(text, area);
}
