//! Drawing: `&App` in, a frame out; nothing here changes state. One file per pane.

mod help;
mod list;
mod reader;
mod related;
mod search_box;
mod status;
mod theme;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use crate::app::{App, Areas, Focus, IndexStatus, LibraryStatus, Mode, Pane};
use crate::strings;

pub fn draw(frame: &mut Frame, app: &App) {
    let areas = Areas::compute(frame.area(), app.shown_pane(), app.related_hidden);
    if areas.mode == Mode::TooSmall {
        let notice = Paragraph::new(strings::TOO_SMALL).wrap(Wrap { trim: true });
        frame.render_widget(notice, areas.whole);
        return;
    }
    search_box::draw(frame, app, areas.search);
    status::draw(frame, app, areas.status);
    if shows_empty_library(app) {
        let body =
            Rect { y: areas.search.bottom(), height: areas.status.y - areas.search.bottom(), ..areas.whole };
        list::draw_empty_library(frame, app, body);
        return;
    }
    draw_tabs(frame, app, areas.tabs);
    list::draw(frame, app, areas.list);
    reader::draw(frame, app, areas.reader);
    related::draw(frame, app, areas.related);
    if app.show_help {
        help::draw(frame, app, areas.whole);
    }
}

/// The library folder is missing, or indexed and empty.
fn shows_empty_library(app: &App) -> bool {
    match app.library_status {
        LibraryStatus::Missing => true,
        LibraryStatus::Ready => {
            app.articles.is_empty() && !matches!(app.index_status, IndexStatus::Refreshing(_))
        }
        LibraryStatus::Loading => false,
    }
}

/// A bordered pane block, its border coloured by focus.
fn pane_block(app: &App, pane: Pane, title: &str) -> Block<'static> {
    let focused = app.focus == Focus::Pane(pane) || (pane == Pane::List && app.focus == Focus::Search);
    Block::bordered()
        .border_style(theme::border(focused))
        .title(Span::styled(format!(" {title} "), theme::pane_title(focused)))
}

/// The tab line of the one-pane layout: three equal cells, so clicks map back by thirds.
fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let cells = Layout::horizontal([Constraint::Ratio(1, 3); 3]).split(area);
    for ((pane, name), cell) in Pane::ALL.into_iter().zip(strings::TAB_NAMES).zip(cells.iter()) {
        let active = app.shown_pane() == pane;
        let line = Line::styled(name, theme::tab(active)).centered();
        frame.render_widget(Paragraph::new(line).style(theme::tab(active)), *cell);
    }
}

/// Pieces of `text` with the highlighted ones styled.
fn highlighted_spans(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    base: ratatui::style::Style,
) -> Vec<Span<'static>> {
    crate::app::split_highlighted(text, 0..text.len(), highlights)
        .into_iter()
        .map(|(piece, lit)| {
            Span::styled(piece.to_string(), if lit { base.patch(theme::highlight()) } else { base })
        })
        .collect()
}
