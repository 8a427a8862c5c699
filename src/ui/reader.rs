//! The article pane: the laid-out document from its scroll position, with a position indicator.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{pane_block, theme};
use crate::app::{inner, App, DocLine, Pane};
use crate::strings;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let inside = inner(area);
    let previewing = app.open.as_ref().is_some_and(|open| open.preview);
    let title = match (app.loading.is_some(), previewing) {
        (true, _) => strings::READER_LOADING_TITLE,
        (false, true) => strings::PREVIEW_TITLE,
        (false, false) => strings::READER_TITLE,
    };
    let mut block = pane_block(app, Pane::Reader, title);
    let Some(open) = &app.open else {
        frame.render_widget(block, area);
        let waiting = app.preview.is_some() || app.loading.is_some();
        let text = if waiting { strings::LOADING } else { strings::NO_ARTICLE_OPEN };
        let hint = Paragraph::new(text).style(theme::dim()).wrap(Wrap { trim: true });
        frame.render_widget(hint, inside);
        return;
    };
    let height = inside.height as usize;
    let total = open.doc.lines.len();
    block =
        block.title_bottom(Line::from(format!(" {} ", position(open.scroll, height, total))).right_aligned());
    frame.render_widget(block, area);
    let lines: Vec<Line> = open.doc.lines.iter().skip(open.scroll).take(height).map(styled_line).collect();
    frame.render_widget(Paragraph::new(lines), inside);
}

fn styled_line(line: &DocLine) -> Line<'static> {
    Line::from(
        line.iter()
            .map(|segment| {
                let style = theme::tone(segment.tone);
                let style = if segment.highlight { style.patch(theme::highlight()) } else { style };
                Span::styled(segment.text.clone(), style)
            })
            .collect::<Vec<_>>(),
    )
}

/// "all", "top", "end" or how far down the view's bottom is, in percent.
pub fn position(scroll: usize, height: usize, total: usize) -> String {
    if total <= height {
        strings::POSITION_ALL.to_string()
    } else if scroll == 0 {
        strings::POSITION_TOP.to_string()
    } else if scroll + height >= total {
        strings::POSITION_END.to_string()
    } else {
        format!("{}%", (scroll + height) * 100 / total)
    }
}
