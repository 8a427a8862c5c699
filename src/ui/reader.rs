//! The article pane: the laid-out document from its scroll position, with a position indicator.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{add_link, pane_block, Hyperlink, Theme};
use crate::app::{inner, text_width, App, DocLine, Pane};
use crate::config::Role;
use crate::strings::{fill, Strings};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, links: &mut Vec<Hyperlink>) {
    if area.is_empty() {
        return;
    }
    let t = app.settings.text;
    let inside = inner(area);
    let previewing = app.open.as_ref().is_some_and(|open| open.preview);
    let open_key = app.settings.keys.label("open");
    let title = match (app.loading.is_some(), previewing) {
        (true, _) => t.reader_loading_title.to_string(),
        (false, true) => fill(t.preview_title, &[("key", &open_key)]),
        (false, false) => t.reader_title.to_string(),
    };
    let mut block = pane_block(app, theme, Pane::Reader, &title);
    let Some(open) = &app.open else {
        frame.render_widget(block, area);
        let waiting = app.preview.is_some() || app.loading.is_some();
        let text = match waiting {
            true => t.loading.to_string(),
            false => fill(t.no_article_open, &[("key", &open_key)]),
        };
        let hint = Paragraph::new(text).style(theme.get(Role::Dim)).wrap(Wrap { trim: true });
        frame.render_widget(hint, inside);
        return;
    };
    let height = inside.height as usize;
    let total = open.doc.lines.len();
    let position = position(t, open.scroll, height, total);
    block = block.title_bottom(Line::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, area);
    let shown = open.doc.lines.iter().skip(open.scroll).take(height);
    let lines: Vec<Line> = shown.clone().map(|line| styled_line(line, theme)).collect();
    frame.render_widget(Paragraph::new(lines), inside);
    for (row, line) in shown.enumerate() {
        let mut x = inside.x;
        for segment in line {
            let width = text_width(&segment.text);
            if let Some(url) = &segment.link {
                add_link(links, url, x, inside.y + row as u16, width, inside);
            }
            x = x.saturating_add(width as u16);
        }
    }
}

fn styled_line(line: &DocLine, theme: &Theme) -> Line<'static> {
    Line::from(
        line.iter()
            .map(|segment| {
                let style = theme.tone(segment.tone);
                let style = if segment.highlight { style.patch(theme.get(Role::Highlight)) } else { style };
                Span::styled(segment.text.clone(), style)
            })
            .collect::<Vec<_>>(),
    )
}

/// "all", "top", "end" or how far down the view's bottom is, in percent.
pub fn position(t: &Strings, scroll: usize, height: usize, total: usize) -> String {
    if total <= height {
        t.position_all.to_string()
    } else if scroll == 0 {
        t.position_top.to_string()
    } else if scroll + height >= total {
        t.position_end.to_string()
    } else {
        format!("{}%", (scroll + height) * 100 / total)
    }
}
