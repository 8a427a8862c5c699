//! `App::update`: the one place the reader's state changes.

use super::related::Target;
use super::{
    inner, Action, App, Document, Effect, Focus, History, IndexStatus, LibraryStatus, LoadedArticle,
    OpenArticle, Pane, RefreshOutcome, StoreChange, MAX_SEARCH_CHARS,
};
use crate::article::Address;
use crate::strings::fill;

/// Columns the document is laid out for while the reader pane is not on screen.
const HIDDEN_READER_WIDTH: usize = 80;

impl App {
    pub fn update(&mut self, action: Action) {
        if is_from_user(&action) {
            self.notice = None;
        }
        if self.show_help && self.update_help(&action) {
            return;
        }
        let wheel = matches!(action, Action::Wheel { .. });
        let taken = self.update_editor(&action) || self.update_highlights_view(&action);
        match action {
            _ if taken => {}
            Action::Quit => {
                self.remember_position();
                self.quit = true;
            }
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ToggleHelp => {
                self.show_help = !self.show_help;
                self.help_scroll = 0;
            }
            Action::FocusNext => self.cycle_focus(1, true),
            Action::FocusPrev => self.cycle_focus(-1, true),
            Action::FocusRight => self.cycle_focus(1, false),
            Action::FocusLeft => self.cycle_focus(-1, false),
            Action::FocusSearch => self.focus = Focus::Search,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_size() as isize)),
            Action::PageDown => self.move_by(self.page_size() as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Activate => self.activate(),
            Action::Escape => self.escape(),
            Action::Back => self.travel(false),
            Action::Forward => self.travel(true),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::CycleSort => self.cycle_sort(),
            Action::ToggleCopies => self.toggle_copies(),
            Action::ToggleRelated => self.toggle_related(),
            Action::OpenUrl => self.open_url(),
            Action::CopyUrl => self.copy_url(),
            Action::SwitchLibrary => self.switch_library(),
            Action::SearchInput(c) => {
                self.focus = Focus::Search;
                self.search.insert(c.encode_utf8(&mut [0; 4]));
            }
            Action::Paste(text) => {
                self.focus = Focus::Search;
                if self.search.insert(&text) {
                    self.notice = Some(fill(self.settings.text.search_cut, &[("max", &MAX_SEARCH_CHARS)]));
                }
            }
            Action::SearchDeleteChar => {
                self.search.text.pop();
            }
            Action::SearchDeleteWord => super::editor::delete_word(&mut self.search.text),
            Action::SearchClear => self.search.text.clear(),
            Action::Click { column, row } => {
                self.click(column, row);
                self.press_at(column, row);
            }
            Action::Drag { column, row } => self.drag_to(column, row),
            Action::MouseUp => self.drag_from = None,
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Resize { width, height } => self.size = ratatui::layout::Rect::new(0, 0, width, height),
            Action::LibraryLoaded(articles) => self.library_loaded(articles),
            Action::StoriesGrouped(stories) => self.stories_grouped(stories),
            Action::LibraryMissing => self.library_status = LibraryStatus::Missing,
            Action::SearchDone { query, limit, results } => self.search_done(query, limit, results),
            // Only the article asked for last: an older request that finished late is dropped.
            Action::ArticleLoaded(loaded)
                if self.loading.as_ref().is_some_and(|at| loaded.article.is_at(at)) =>
            {
                self.show_article(*loaded, false)
            }
            Action::ArticleLoaded(_) => {}
            Action::PreviewLoaded(loaded) => self.preview_loaded(*loaded),
            Action::SimilarFound { address, same_story, similar } => {
                if let Some(open) = self.open.as_mut().filter(|open| open.loaded.article.address() == address)
                {
                    open.loaded.same_story = same_story;
                    open.loaded.similar = Some(similar);
                }
            }
            Action::ArticleFailed { address, message } => {
                if self.loading.as_ref() == Some(&address) {
                    self.loading = None;
                }
                if self.preview.as_ref() == Some(&address) {
                    self.preview = None;
                }
                let (path, why) = (address.shown(), crate::shown::shown_text(&message));
                let args: [(&str, &dyn std::fmt::Display); 2] = [("path", &path), ("why", &why)];
                self.notice = Some(fill(self.settings.text.article_failed, &args));
            }
            Action::RefreshProgress(progress) => self.index_status = IndexStatus::Refreshing(Some(progress)),
            Action::RefreshDone(outcome) => self.refresh_done(outcome),
            Action::StateLoaded(state) => self.read_state = state,
            Action::Notice(text) => self.notice = Some(text),
            Action::StartSelection => self.start_selection(),
            Action::Extend(how) => self.extend_selection(how),
            Action::KeepSelection => {
                self.keep_selection();
            }
            Action::DropSelection => self.drop_selection(),
            Action::NextHighlight => self.jump_to_highlight(true),
            Action::PrevHighlight => self.jump_to_highlight(false),
            Action::Annotate => self.annotate(),
            Action::EditTags => self.edit_tags(),
            Action::DeleteHighlight => self.delete_current_highlight(),
            Action::Undo => self.undo_delete(),
            Action::ShowHighlights => self.show_highlights(),
            Action::TagsKnown(tags) => self.known_tags = tags,
            // Editor keys with no editor open, a list for a view since closed.
            Action::EditInput(_)
            | Action::EditDeleteChar
            | Action::EditDeleteWord
            | Action::EditClear
            | Action::EditComplete
            | Action::EditCommit
            | Action::EditCancel
            | Action::HighlightsListed(_) => {}
        }
        if !self.search.is_active() {
            self.search.ran = None;
            self.search.results = None;
        }
        self.sync_views();
        self.follow_selection(wheel || matches!(self.focus, Focus::Search | Focus::Pane(Pane::List)));
        self.open_preview_on_focus();
    }

    /// While the help overlay is up, keys scroll or close it. True when the action was used.
    fn update_help(&mut self, action: &Action) -> bool {
        match action {
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down => self.help_scroll += 1,
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
            Action::PageDown => self.help_scroll += 10,
            Action::Escape | Action::ToggleHelp | Action::Click { .. } => self.show_help = false,
            Action::Quit => return false,
            action if is_from_user(action) => {}
            _ => return false,
        }
        true
    }

    /// Lays the document out again when the width or the query changed; keeps every selection
    /// and scroll position inside what is shown.
    pub(super) fn sync_views(&mut self) {
        let areas = self.areas();
        let list_rows = inner(areas.list).height as usize / self.list_item_height();
        let len = self.list_len();
        self.list_cursor_mut().clamp(len, list_rows);
        let reader = inner(areas.reader);
        let terms = self.terms().to_vec();
        if let Some(open) = self.open.as_mut() {
            let width = if reader.width > 0 { reader.width as usize } else { open.doc.width };
            if width != open.doc.width || terms != open.doc.terms {
                let before = open.doc.lines.len().max(1);
                open.relayout(&terms, width, &self.settings);
                open.scroll = open.scroll * open.doc.lines.len() / before;
                open.current_match = None;
            }
            open.scroll = open.scroll.min(open.doc.lines.len().saturating_sub(reader.height as usize));
        }
        self.keep_related_in_view();
        self.want_more_hits();
        // Narrow help puts each key on two lines; a bound keeps it from scrolling away.
        self.help_scroll = self.help_scroll.min(super::BINDINGS.len() * 2 + 12);
    }

    fn page_size(&self) -> usize {
        let areas = self.areas();
        let rows = match self.focus {
            Focus::Pane(Pane::Reader) => inner(areas.reader).height as usize,
            Focus::Pane(Pane::Related) => inner(areas.related).height as usize / 2,
            _ => inner(areas.list).height as usize / self.list_item_height(),
        };
        rows.saturating_sub(1).max(1)
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Search | Focus::Pane(Pane::List) => {
                let len = self.list_len();
                self.list_cursor_mut().step(delta, len);
            }
            Focus::Pane(Pane::Reader) => self.scroll_reader(delta),
            Focus::Pane(Pane::Related) => {
                if let Some(open) = self.open.as_mut() {
                    let len = open.related_len();
                    open.related.step(delta, len);
                }
            }
        }
    }

    pub(super) fn scroll_reader(&mut self, delta: isize) {
        if let Some(open) = self.open.as_mut() {
            open.scroll = open.scroll.saturating_add_signed(delta);
            open.current_match = None;
            open.current_highlight = None;
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Focus::Search | Focus::Pane(Pane::List) => {
                if let Some(address) = self.selected_summary().map(|s| s.address()) {
                    self.open_address(address, true);
                }
            }
            Focus::Pane(Pane::Related) => self.activate_related(),
            Focus::Pane(Pane::Reader) => {}
        }
    }

    fn activate_related(&mut self) {
        let Some(open) = self.open.as_ref() else { return };
        match open.target(open.related.selected) {
            Some(Target::Saved(address)) => self.open_address(address, true),
            Some(Target::Unsaved { title }) => {
                self.notice = Some(fill(self.settings.text.searching_title, &[("title", &title)]));
                self.search.text = title.to_string();
                if self.areas().mode == super::Mode::Narrow {
                    self.focus = Focus::Pane(Pane::List);
                }
            }
            None => {}
        }
    }

    /// Opens an article (Enter, a related link, the history); `push` records the one opened
    /// before in the history. A preview of it already shown is opened without loading it again.
    pub(super) fn open_address(&mut self, address: Address, push: bool) {
        self.focus = Focus::Pane(Pane::Reader);
        self.preview = None;
        if self.open_is(&address) {
            self.open_preview(push);
            return;
        }
        self.visit(address.clone(), push);
        self.loading = Some(address.clone());
        self.effects.push(Effect::LoadArticle(address));
    }

    /// Puts a loaded article in the reader pane, where it was left; an opened one (not a
    /// `preview`) is marked read.
    pub(super) fn show_article(&mut self, loaded: LoadedArticle, preview: bool) {
        self.remember_position();
        let address = loaded.article.address();
        if self.loading.as_ref() == Some(&address) {
            self.loading = None;
        }
        let width = match inner(self.areas().reader).width as usize {
            0 => HIDDEN_READER_WIDTH,
            width => width,
        };
        let mut open = OpenArticle {
            loaded,
            doc: Document::default(),
            scroll: 0,
            related: Default::default(),
            current_match: None,
            preview,
            passages: Default::default(),
            anchors: Vec::new(),
            selection: None,
            current_highlight: None,
        };
        open.anchor_all();
        let detached = open.detached_changes();
        if !detached.is_empty() {
            self.effects.push(Effect::Store(StoreChange::Detached(detached)));
        }
        open.relayout(self.terms(), width, &self.settings);
        open.scroll = self.read_state.position(&address).line_in(open.doc.lines.len());
        if !preview {
            let position = open.position();
            self.remember(&address, position);
        }
        self.open = Some(open);
        if !preview {
            self.scroll_to_pending_passage();
        }
    }

    /// Marks `address` read at `position`; the session saves it.
    pub(super) fn remember(&mut self, address: &Address, position: super::Position) {
        if self.read_state.remember(address, position) {
            self.unsaved_marks.insert(crate::store::article_key(address));
        }
    }

    /// Stores where the open article was left.
    fn remember_position(&mut self) {
        if let Some(open) = self.open.as_ref().filter(|open| !open.preview) {
            let (address, position) = (open.loaded.article.address(), open.position());
            self.remember(&address, position);
        }
    }

    fn escape(&mut self) {
        if self.open.as_ref().is_some_and(|open| open.selection.is_some()) {
            self.drop_selection();
            return;
        }
        if self.focus == Focus::Search || self.search.is_active() {
            self.search.text.clear();
            self.focus = Focus::Pane(Pane::List);
        }
    }

    /// Back (or forward) in the history: the current article goes onto the other stack.
    fn travel(&mut self, forward: bool) {
        let History { back, forward: ahead, current } = &mut self.history;
        let (from, to) = if forward { (ahead, back) } else { (back, ahead) };
        match from.pop() {
            Some(address) => {
                to.extend(current.take());
                self.open_address(address, false);
            }
            None => {
                let t = self.settings.text;
                let edge = if forward { t.history_end } else { t.history_start };
                self.notice = Some(edge.into());
            }
        }
    }

    fn refresh_done(&mut self, outcome: Result<RefreshOutcome, String>) {
        let t = self.settings.text;
        self.index_status = match outcome {
            Ok(RefreshOutcome { added: 0, updated: 0, removed: 0, skipped }) => {
                self.skipped_notice(skipped);
                IndexStatus::UpToDate(t.index_up_to_date.into())
            }
            Ok(outcome) => {
                self.skipped_notice(outcome.skipped);
                let RefreshOutcome { added, updated, removed, .. } = outcome;
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("added", &added), ("updated", &updated), ("removed", &removed)];
                IndexStatus::UpToDate(fill(t.index_updated, &args))
            }
            Err(why) => IndexStatus::Failed(fill(t.index_failed, &[("why", &why)])),
        };
    }

    fn skipped_notice(&mut self, skipped: usize) {
        if skipped > 0 && self.notice.is_none() {
            let t = self.settings.text;
            self.notice = Some(t.count(skipped, t.skipped_files_one, t.skipped_files_other));
        }
    }
}

/// Actions that come from a key or the mouse (as opposed to results of work).
pub(super) fn is_from_user(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize { .. }
            | Action::LibraryLoaded(_)
            | Action::StoriesGrouped(_)
            | Action::LibraryMissing
            | Action::SearchDone { .. }
            | Action::ArticleLoaded(_)
            | Action::PreviewLoaded(_)
            | Action::SimilarFound { .. }
            | Action::ArticleFailed { .. }
            | Action::RefreshProgress(_)
            | Action::RefreshDone(_)
            | Action::StateLoaded(_)
            | Action::Notice(_)
            | Action::HighlightsListed(_)
            | Action::TagsKnown(_)
    )
}
