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

use crate::app::{App, Areas, Focus, IndexStatus, LibraryStatus, Mode, Pane, MIN_HEIGHT, MIN_WIDTH};
use crate::config::Role;
use crate::strings::fill;

pub use help::help_lines;
pub use theme::Theme;

/// Text on screen that links to a URL: the cells of each run, for the terminal to wrap in OSC 8
/// once the frame is drawn (escape codes inside the text would throw ratatui's widths off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub url: String,
    /// One rectangle a row.
    pub runs: Vec<Rect>,
}

/// Adds a run of `width` cells at (`x`, `y`) linking to `url`, kept inside `within`. Only a
/// link `o` would open becomes clickable (a parsed http(s) URL, in its normalised ASCII form):
/// a click hands it to the terminal's own opener, past newsdesk's checks.
fn add_link(links: &mut Vec<Hyperlink>, url: &str, x: u16, y: u16, width: usize, within: Rect) {
    let right = within.right().min(x.saturating_add(width.min(u16::MAX as usize) as u16));
    if x >= right || !(within.top()..within.bottom()).contains(&y) {
        return;
    }
    let Ok(url) = crate::handoff::WebUrl::parse(url) else { return };
    let url = url.as_str();
    let run = Rect::new(x, y, right - x, 1);
    match links.iter_mut().find(|link| link.url == url) {
        Some(link) => link.runs.push(run),
        None => links.push(Hyperlink { url: url.to_string(), runs: vec![run] }),
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    draw_with_links(frame, app);
}

/// Draws the frame and says where its links are.
pub fn draw_with_links(frame: &mut Frame, app: &App) -> Vec<Hyperlink> {
    let theme = Theme::new(&app.settings.theme);
    let t = app.settings.text;
    frame.render_widget(Block::new().style(theme.get(Role::Base)), frame.area());
    let areas = Areas::compute(frame.area(), app.shown_pane(), app.related_hidden, &app.settings.layout);
    let mut links = Vec::new();
    if areas.mode == Mode::TooSmall {
        let text = fill(t.too_small, &[("width", &MIN_WIDTH), ("height", &MIN_HEIGHT)]);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), areas.whole);
        return links;
    }
    search_box::draw(frame, app, &theme, areas.search);
    status::draw(frame, app, &theme, areas.status);
    if shows_empty_library(app) {
        let body =
            Rect { y: areas.search.bottom(), height: areas.status.y - areas.search.bottom(), ..areas.whole };
        list::draw_empty_library(frame, app, &theme, body);
        return links;
    }
    draw_tabs(frame, app, &theme, areas.tabs);
    list::draw(frame, app, &theme, areas.list);
    reader::draw(frame, app, &theme, areas.reader, &mut links);
    related::draw(frame, app, &theme, areas.related, &mut links);
    if app.show_help {
        help::draw(frame, app, &theme, areas.whole);
        // The overlay covers the panes: their links are not on screen.
        links.clear();
    }
    links
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
fn pane_block(app: &App, theme: &Theme, pane: Pane, title: &str) -> Block<'static> {
    let focused = app.focus == Focus::Pane(pane) || (pane == Pane::List && app.focus == Focus::Search);
    Block::bordered()
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {title} "), theme.pane_title(focused)))
}

/// The tab line of the one-pane layout: three equal cells, so clicks map back by thirds.
fn draw_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.settings.text;
    let cells = Layout::horizontal([Constraint::Ratio(1, 3); 3]).split(area);
    let names = [t.tab_list, t.tab_article, t.tab_related];
    for ((pane, name), cell) in Pane::ALL.into_iter().zip(names).zip(cells.iter()) {
        let active = app.shown_pane() == pane;
        let line = Line::styled(name, theme.tab(active)).centered();
        frame.render_widget(Paragraph::new(line).style(theme.tab(active)), *cell);
    }
}

/// Pieces of `text` with the highlighted ones styled.
fn highlighted_spans(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    base: ratatui::style::Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    crate::app::split_highlighted(text, 0..text.len(), highlights)
        .into_iter()
        .map(|(piece, lit)| {
            Span::styled(piece.to_string(), if lit { base.patch(theme.get(Role::Highlight)) } else { base })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_become_clickable_in_their_normalised_form() {
        let within = Rect::new(0, 0, 40, 5);
        let mut links = Vec::new();
        for refused in ["javascript:alert(1)", "file:///etc/passwd", "--gpu-launcher=x", "data:text/html,x"] {
            add_link(&mut links, refused, 0, 0, 10, within);
        }
        assert!(links.is_empty(), "{links:?}");
        add_link(&mut links, "https://Báo.VN/tin mới", 0, 1, 10, within);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "https://xn--bo-mia.vn/tin%20m%E1%BB%9Bi");
        assert_eq!(links[0].runs, [Rect::new(0, 1, 10, 1)]);
    }
}
