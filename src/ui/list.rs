//! The list pane: the library (newest first, unread marked) or the search hits with snippets.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use std::ops::Range;

use super::{highlighted_spans, pane_block, Theme};
use crate::app::{inner, row_article, text_width, App, HitRow, IndexStatus, LibraryStatus, Pane, RowKind};
use crate::config::Role;
use crate::index::{ArticleSummary, Snippet};
use crate::strings::{self, fill};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.settings.text;
    let title = if app.search.is_active() { t.results_title } else { t.list_title };
    frame.render_widget(pane_block(app, theme, Pane::List, title), area);
    let inside = inner(area);
    if let (true, Some(Err(error))) = (app.search.is_active(), &app.search.results) {
        let message =
            Paragraph::new(error.to_string()).style(theme.get(Role::Error)).wrap(Wrap { trim: true });
        frame.render_widget(message, inside);
        return;
    }
    let cursor = app.list_cursor();
    let visible = (inside.height as usize / app.list_item_height()).max(1);
    let items = if app.search.is_active() {
        hit_items(app, theme, cursor.offset, visible)
    } else {
        library_items(app, theme, cursor.offset, visible)
    };
    if items.is_empty() {
        let empty = match (&app.search.results, app.search.is_active(), &app.index_status) {
            (Some(_), true, _) => t.no_hits,
            // No index to list from: say why here too, not only in the status line.
            (_, false, IndexStatus::Failed(why)) => why.as_str(),
            _ if app.library_status == LibraryStatus::Loading => t.loading,
            (_, false, IndexStatus::Refreshing(_)) => t.list_indexing,
            _ => "",
        };
        let empty = Paragraph::new(empty).style(theme.get(Role::Dim)).wrap(Wrap { trim: true });
        frame.render_widget(empty, inside);
        return;
    }
    let mut state = ListState::default().with_selected(cursor.selected.checked_sub(cursor.offset));
    let list = List::new(items).highlight_style(theme.get(Role::Selected));
    frame.render_stateful_widget(list, inside, &mut state);
}

/// "2024-03-01 · Source / Category"
fn meta(app: &App, summary: &ArticleSummary) -> String {
    let date = summary.published.map(|p| app.settings.dates.show(&p));
    let origin = match (&summary.source, &summary.category) {
        (Some(source), Some(category)) => Some(format!("{source} / {category}")),
        (source, category) => source.clone().or_else(|| category.clone()),
    };
    // A link kept without its page: said so, as a related link not saved is marked.
    let reference = (summary.format == crate::article::Format::Reference)
        .then(|| format!("{} {}", strings::UNSAVED_MARK, app.settings.text.list_not_saved));
    [reference, date, origin].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

fn title_line(app: &App, theme: &Theme, summary: &ArticleSummary) -> Line<'static> {
    let mark = if app.read_state.is_read(summary.address()) {
        Span::raw("  ")
    } else {
        Span::styled(format!("{} ", strings::UNREAD_MARK), theme.get(Role::Unread))
    };
    Line::from(vec![mark, Span::styled(summary.title.clone(), theme.get(Role::Heading))])
}

/// Only the items in view are built: a library can hold 35k articles.
fn library_items(app: &App, theme: &Theme, offset: usize, count: usize) -> Vec<ListItem<'static>> {
    let rows = app.folding.rows.iter().skip(offset).take(count);
    rows.filter_map(|row| {
        let (title, meta) = story_lines(app, theme, &app.articles.get(row.article)?, row.kind);
        Some(ListItem::new(vec![title, meta]))
    })
    .collect()
}

/// An article's title and meta lines as a row of `kind`. A story's row says how many articles
/// it holds before its title (▸ folded, ▾ its copies shown under it, each marked ↳).
fn story_lines(
    app: &App,
    theme: &Theme,
    summary: &ArticleSummary,
    kind: RowKind,
) -> (Line<'static>, Line<'static>) {
    let dim = theme.get(Role::Dim);
    let mut title = title_line(app, theme, summary);
    let mut indent = "  ";
    match kind {
        RowKind::Alone => {}
        RowKind::Story { articles, expanded } => {
            let fold = if expanded { strings::COPIES_SHOWN } else { strings::COPIES_FOLDED };
            let count = fill(app.settings.text.story_copies, &[("n", &articles)]);
            // Before the title: a long title is cut at the pane's edge.
            title.spans.insert(1, Span::styled(format!("{count} {fold} "), dim));
        }
        RowKind::Copy => {
            title.spans.insert(1, Span::styled(format!("{} ", strings::COPY_MARK), dim));
            indent = "    ";
        }
    }
    (title, Line::styled(format!("{indent}{}", meta(app, summary)), dim))
}

/// A hit's row: title, meta and snippet. A hit with copies of its story that matched too says
/// how many articles it folds before its title, as the library list's story rows do (▸ folded,
/// ▾ shown under it); a copy shown is marked ↳, with its own read mark and no snippet.
fn hit_items(app: &App, theme: &Theme, offset: usize, count: usize) -> Vec<ListItem<'static>> {
    let Some(results) = app.hits() else { return Vec::new() };
    let dim = theme.get(Role::Dim);
    // The snippet line's room: the list's inside less the indent.
    let width = (inner(app.areas().list).width as usize).saturating_sub(2);
    let rows = app.search.rows.iter().skip(offset).take(count);
    rows.filter_map(|row| {
        let hit = results.hits.get(row.hit())?;
        let HitRow::Hit { expanded, .. } = *row else {
            let copy = row_article(results, *row)?;
            let (title, meta) = story_lines(app, theme, copy, RowKind::Copy);
            return Some(ListItem::new(vec![title, meta, Line::raw("")]));
        };
        let kind = match hit.copies.len() {
            0 => RowKind::Alone,
            copies => RowKind::Story { articles: copies + 1, expanded },
        };
        let (title, meta) = story_lines(app, theme, &hit.article, kind);
        let (text, highlights) = snippet_in_view(&hit.snippet, width);
        let mut snippet = vec![Span::raw("  ")];
        snippet.extend(highlighted_spans(&text, &highlights, dim, theme));
        Some(ListItem::new(vec![title, meta, Line::from(snippet)]))
    })
    .collect()
}

/// At most this many columns of text are kept before a snippet's first match.
const CONTEXT_BEFORE_MATCH: usize = 12;

/// The snippet on one line of `width` columns, cut at a word so its first match shows: the
/// context kept before it is at most half of what the match leaves of the line.
fn snippet_in_view(snippet: &Snippet, width: usize) -> (String, Vec<Range<usize>>) {
    let text = snippet.text.replace('\n', " ");
    let first = snippet.highlights.iter().min_by_key(|h| h.start).cloned();
    let Some(first) = first.filter(|h| text.get(h.clone()).is_some()) else {
        return (text, snippet.highlights.clone());
    };
    let room = width.saturating_sub(text_width(&text[first.clone()]) + text_width(ELLIPSIS));
    let before = CONTEXT_BEFORE_MATCH.min(room / 2);
    let first = first.start;
    if text_width(&text[..first]) <= before {
        return (text, snippet.highlights.clone());
    }
    let mut cut = first;
    for (index, c) in text[..first].char_indices().rev() {
        if text_width(&text[index..first]) > before {
            break;
        }
        if c == ' ' {
            cut = index + 1;
        }
    }
    let shown = format!("{ELLIPSIS}{}", &text[cut..]);
    let shift = |at: usize| (at + ELLIPSIS.len()).saturating_sub(cut);
    let highlights =
        snippet.highlights.iter().filter(|h| h.start >= cut).map(|h| shift(h.start)..shift(h.end)).collect();
    (shown, highlights)
}

const ELLIPSIS: &str = "…";

/// The friendly screen of a missing or empty library: where to put articles.
pub fn draw_empty_library(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let missing = app.library_status == crate::app::LibraryStatus::Missing;
    let library = crate::shown::shown_path(&app.library);
    let quit = app.settings.keys.label("quit");
    let lines: Vec<Line> = app
        .settings
        .text
        .empty_library(&library, missing, &quit)
        .into_iter()
        .enumerate()
        .map(|(number, text)| match number {
            0 => Line::styled(text, theme.get(Role::Heading)),
            _ => Line::raw(text),
        })
        .collect();
    let block = ratatui::widgets::Block::bordered().title(format!(" {} ", strings::APP_NAME));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlight is the case under test
mod tests {
    use super::*;

    #[test]
    fn a_late_match_is_brought_into_view_at_a_word() {
        let text = "one two three four five six seven Hà Nội eight";
        let start = text.find("Hà").unwrap();
        let snippet = Snippet { text: text.into(), highlights: [start..start + "Hà Nội".len()].to_vec() };
        let (shown, highlights) = snippet_in_view(&snippet, 40);
        assert_eq!(shown, "…six seven Hà Nội eight");
        assert_eq!(&shown[highlights[0].clone()], "Hà Nội");
        let early = Snippet { text: "Hà Nội".into(), highlights: [0..3].to_vec() };
        assert_eq!(snippet_in_view(&early, 40), ("Hà Nội".to_string(), [0..3].to_vec()));
    }

    #[test]
    fn a_narrow_column_keeps_less_context_so_the_match_fits() {
        let text = "a long run of words before the place where Hồ Chí Minh appears at last";
        let start = text.find("Hồ").unwrap();
        let snippet =
            Snippet { text: text.into(), highlights: [start..start + "Hồ Chí Minh".len()].to_vec() };
        for width in [14, 18, 24, 30] {
            let (shown, highlights) = snippet_in_view(&snippet, width);
            let end = highlights[0].end;
            assert_eq!(&shown[highlights[0].clone()], "Hồ Chí Minh");
            assert!(text_width(&shown[..end]) <= width, "{shown:?} hides its match at {width} columns");
        }
        let (shown, _) = snippet_in_view(&snippet, 14);
        assert!(shown.starts_with("…Hồ"), "no room for context: {shown:?}");
    }
}
