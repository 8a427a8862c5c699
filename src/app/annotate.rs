//! Highlights, notes and tags in the reader: the selection kept as a highlight, notes and tags
//! written in the one-line editor, jumps, delete and undo. Each change is made here at once
//! and handed to the session as an effect to store.

use std::ops::Range;

use super::editor::{LineEditor, Purpose};
use super::selection::{Selection, SelectionMove};
use super::{App, Document, Effect, Focus, Marks, OpenArticle, Pane};
use crate::store::{article_key, fresh_id, now_millis, Highlight, Passages, TagEdit};

/// A change for the store to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreChange {
    PutHighlight(Highlight),
    DeleteHighlight(String),
    ArticleNote {
        article: String,
        title: String,
        note: String,
    },
    Tags {
        article: String,
        edit: TagEdit,
    },
    /// Highlights found (`false`) or not found (`true`) since the store last heard.
    Detached(Vec<(String, bool)>),
}

impl OpenArticle {
    /// Finds every highlight in this version of the article.
    pub(super) fn anchor_all(&mut self) {
        self.passages = Passages::of(&self.loaded.article);
        let passages = &self.passages;
        self.anchors =
            self.loaded.annotations.highlights.iter().map(|h| passages.anchor(&h.quote, h.block)).collect();
    }

    /// The highlights whose being found changed since they were stored, marked anew here.
    pub(super) fn detached_changes(&mut self) -> Vec<(String, bool)> {
        let highlights = self.loaded.annotations.highlights.iter_mut();
        highlights
            .zip(&self.anchors)
            .filter(|(h, range)| h.detached != range.is_none())
            .map(|(h, range)| {
                h.detached = range.is_none();
                (h.id.clone(), h.detached)
            })
            .collect()
    }

    pub fn marks(&self) -> Marks {
        let anchored = self.loaded.annotations.highlights.iter().zip(&self.anchors);
        let notes = anchored
            .clone()
            .filter(|(h, _)| !h.note.is_empty())
            .filter_map(|(h, range)| {
                Some((self.passages.block_of(range.as_ref()?.end.saturating_sub(1)), h.note.clone()))
            })
            .collect::<Vec<_>>();
        // A read-it-later service's highlights, found by their text, after the reader's own (so
        // the reader's keep their places); read-only, as the library is.
        let quotes = self.loaded.article.shelf.iter().flat_map(|shelf| &shelf.highlights);
        let shelved: Vec<(Range<usize>, Option<&String>)> = quotes
            .filter_map(|quote| {
                let exact = crate::store::anchor::Quote { exact: quote.text.clone(), ..Default::default() };
                Some((self.passages.anchor(&exact, 0)?, quote.note.as_ref()))
            })
            .collect();
        let shelved_notes = shelved.iter().filter_map(|(range, note)| {
            Some((self.passages.block_of(range.end.saturating_sub(1)), (*note)?.clone()))
        });
        let notes = notes.into_iter().chain(shelved_notes).collect();
        Marks {
            passages: self
                .anchors
                .iter()
                .flatten()
                .cloned()
                .chain(shelved.iter().map(|(r, _)| r.clone()))
                .collect(),
            selection: self.selection.as_ref().map(Selection::range),
            notes,
            article_note: self.loaded.annotations.note.clone(),
            tags: self.loaded.annotations.tags.clone(),
            detached: self.anchors.iter().filter(|range| range.is_none()).count(),
        }
    }

    /// Lays the article out again with its marks.
    pub(super) fn relayout(&mut self, terms: &[String], width: usize, settings: &super::Settings) {
        self.doc = Document::build_marked(&self.loaded.article, terms, width, settings, &self.marks());
    }

    /// The index (in the article's highlights) of each anchored highlight with its first line,
    /// in the order they appear.
    fn highlight_lines(&self) -> Vec<(usize, usize)> {
        let anchored = self.anchors.iter().enumerate().filter(|(_, range)| range.is_some()).map(|(at, _)| at);
        let mut lines: Vec<(usize, usize)> =
            anchored.zip(&self.doc.passage_lines).filter_map(|(at, line)| Some((at, (*line)?))).collect();
        lines.sort_by_key(|&(at, line)| (line, at));
        lines
    }

    /// The highlight `a`, `d` act on: the one jumped to last while on screen, else the first
    /// on screen.
    fn current_highlight(&self, height: usize) -> Option<usize> {
        let visible = |line: usize| (self.scroll..self.scroll + height.max(1)).contains(&line);
        let lines = self.highlight_lines();
        let jumped =
            self.current_highlight.filter(|at| lines.iter().any(|&(h, line)| h == *at && visible(line)));
        jumped.or_else(|| lines.iter().find(|&&(_, line)| visible(line)).map(|&(at, _)| at))
    }
}

impl App {
    fn reader_height(&self) -> usize {
        super::inner(self.areas().reader).height as usize
    }

    pub(super) fn relayout_open(&mut self) {
        let terms = self.terms().to_vec();
        let settings = self.settings.clone();
        if let Some(open) = self.open.as_mut() {
            let width = open.doc.width;
            open.relayout(&terms, width, &settings);
        }
    }

    pub(super) fn start_selection(&mut self) {
        let Some(open) = self.open.as_mut() else { return };
        let first = open.doc.sources.iter().skip(open.scroll).flatten().next().map(|line| line.start);
        match first.and_then(|at| Selection::at_word(&open.passages.text, at)) {
            Some(selection) => {
                open.selection = Some(selection);
                self.relayout_open();
            }
            None => self.notice = Some(self.settings.text.nothing_to_select.into()),
        }
    }

    pub(super) fn extend_selection(&mut self, how: SelectionMove) {
        let height = self.reader_height();
        let Some(open) = self.open.as_mut() else { return };
        let lines: Vec<Range<usize>> = open.doc.sources.iter().flatten().cloned().collect();
        let Some(selection) = open.selection.as_mut() else { return };
        selection.extend(&open.passages, &lines, how);
        let end = selection.end;
        self.relayout_open();
        // Keep the selection's end on screen.
        if let Some(open) = self.open.as_mut() {
            let line = open.doc.sources.iter().position(|line| line.as_ref().is_some_and(|l| l.end >= end));
            if let Some(line) = line.filter(|&line| line >= open.scroll + height.max(1)) {
                open.scroll = line + 1 - height.max(1);
            }
        }
    }

    pub(super) fn drop_selection(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.selection = None;
        }
        self.relayout_open();
    }

    /// Keeps the selection as a highlight; its id.
    pub(super) fn keep_selection(&mut self) -> Option<String> {
        let open = self.open.as_mut()?;
        let selection = open.selection.take()?;
        let (quote, block) = open.passages.quote(selection.range());
        let now = now_millis();
        let article = &open.loaded.article;
        let highlight = Highlight {
            id: fresh_id(),
            article: article_key(&article.address()),
            title: article.title.clone(),
            quote,
            block,
            note: String::new(),
            created: now,
            updated: now,
            detached: false,
        };
        let id = highlight.id.clone();
        open.loaded.annotations.highlights.push(highlight.clone());
        open.anchors.push(Some(selection.range()));
        open.current_highlight = Some(open.anchors.len() - 1);
        self.effects.push(Effect::Store(StoreChange::PutHighlight(highlight)));
        self.notice = Some(self.settings.text.highlight_kept.into());
        self.relayout_open();
        Some(id)
    }

    /// `a`: a note on the selection (kept first), the current highlight, or the article.
    pub(super) fn annotate(&mut self) {
        if self.open.as_ref().is_some_and(|open| open.selection.is_some()) {
            if let Some(id) = self.keep_selection() {
                self.editor = Some(LineEditor::new(Purpose::HighlightNote(id), ""));
            }
            return;
        }
        let height = self.reader_height();
        let Some(open) = self.open.as_ref() else { return };
        let annotations = &open.loaded.annotations;
        self.editor = Some(match open.current_highlight(height) {
            Some(at) => {
                let highlight = &annotations.highlights[at];
                LineEditor::new(Purpose::HighlightNote(highlight.id.clone()), &highlight.note)
            }
            None => LineEditor::new(Purpose::ArticleNote, &annotations.note),
        });
    }

    pub(super) fn edit_tags(&mut self) {
        if self.open.is_some() {
            self.editor = Some(LineEditor::new(Purpose::Tags, ""));
            self.effects.push(Effect::ListTags);
        }
    }

    /// Enter in the editor: the note or tags applied here and handed to the store.
    pub(super) fn commit_editor(&mut self) {
        let Some(editor) = self.editor.take() else { return };
        let text = editor.text.trim().to_string();
        match editor.purpose {
            Purpose::HighlightNote(id) => self.set_highlight_note(&id, text),
            Purpose::ArticleNote => {
                let Some(open) = self.open.as_mut() else { return };
                open.loaded.annotations.note = text.clone();
                let (article, title) =
                    (article_key(&open.loaded.article.address()), open.loaded.article.title.clone());
                self.effects.push(Effect::Store(StoreChange::ArticleNote { article, title, note: text }));
            }
            Purpose::Tags => {
                let Some(open) = self.open.as_mut() else { return };
                let edit = TagEdit::parse(&text);
                let tags = &mut open.loaded.annotations.tags;
                tags.retain(|tag| !edit.remove.contains(tag));
                tags.extend(edit.add.iter().cloned());
                tags.sort();
                tags.dedup();
                let article = article_key(&open.loaded.article.address());
                self.effects.push(Effect::Store(StoreChange::Tags { article, edit }));
            }
        }
        self.relayout_open();
    }

    fn set_highlight_note(&mut self, id: &str, note: String) {
        let in_open = self
            .open
            .as_mut()
            .and_then(|open| open.loaded.annotations.highlights.iter_mut().find(|h| h.id == id));
        let in_view = self.highlights_view.as_mut().and_then(|view| view.all.iter_mut().find(|h| h.id == id));
        let mut changed = None;
        for highlight in [in_open, in_view].into_iter().flatten() {
            highlight.note = note.clone();
            highlight.updated = now_millis();
            changed = Some(highlight.clone());
        }
        if let Some(view) = self.highlights_view.as_mut() {
            view.reindex();
        }
        if let Some(highlight) = changed {
            self.effects.push(Effect::Store(StoreChange::PutHighlight(highlight)));
        }
    }

    /// `]` / `[`: scrolls to the next (or previous) highlight.
    pub(super) fn jump_to_highlight(&mut self, forward: bool) {
        let Some(open) = self.open.as_mut() else { return };
        let lines = open.highlight_lines();
        let here =
            open.current_highlight.and_then(|at| lines.iter().find(|(h, _)| *h == at).map(|&(_, line)| line));
        let target = match (forward, here) {
            (true, Some(line)) => lines.iter().find(|&&(_, l)| l > line),
            (true, None) => lines.iter().find(|&&(_, l)| l >= open.scroll),
            (false, Some(line)) => lines.iter().rev().find(|&&(_, l)| l < line),
            (false, None) => lines.iter().rev().find(|&&(_, l)| l < open.scroll),
        };
        match target {
            Some(&(at, line)) => {
                open.current_highlight = Some(at);
                open.scroll = line.saturating_sub(2);
            }
            None => self.notice = Some(self.settings.text.no_more_highlights.into()),
        }
    }

    /// `d` in the article: deletes the current highlight (`u` brings it back).
    pub(super) fn delete_current_highlight(&mut self) {
        let height = self.reader_height();
        let Some(open) = self.open.as_mut() else { return };
        let Some(at) = open.current_highlight(height) else {
            self.notice = Some(self.settings.text.no_highlight_here.into());
            return;
        };
        let highlight = open.loaded.annotations.highlights.remove(at);
        open.anchors.remove(at);
        open.current_highlight = None;
        self.deleted(highlight);
    }

    /// A highlight deleted here or in the view: from the store, the open article and the view.
    pub(super) fn deleted(&mut self, highlight: Highlight) {
        if let Some(open) = self.open.as_mut() {
            if let Some(at) = open.loaded.annotations.highlights.iter().position(|h| h.id == highlight.id) {
                open.loaded.annotations.highlights.remove(at);
                open.anchors.remove(at);
            }
        }
        if let Some(view) = self.highlights_view.as_mut() {
            view.all.retain(|h| h.id != highlight.id);
            view.reindex();
        }
        self.effects.push(Effect::Store(StoreChange::DeleteHighlight(highlight.id.clone())));
        let undo = if self.highlights_view.is_some() { "undo_listed" } else { "undo" };
        let key = self.settings.keys.label(undo);
        self.notice = Some(crate::strings::fill(self.settings.text.highlight_deleted, &[("key", &key)]));
        self.undo = Some(highlight);
        self.relayout_open();
    }

    /// `u`: the last deleted highlight back.
    pub(super) fn undo_delete(&mut self) {
        let Some(highlight) = self.undo.take() else {
            self.notice = Some(self.settings.text.nothing_to_undo.into());
            return;
        };
        if let Some(open) =
            self.open.as_mut().filter(|open| article_key(&open.loaded.article.address()) == highlight.article)
        {
            open.loaded.annotations.highlights.push(highlight.clone());
            open.anchors.push(open.passages.anchor(&highlight.quote, highlight.block));
        }
        if let Some(view) = self.highlights_view.as_mut() {
            view.all.push(highlight.clone());
            view.all.sort_by(|a, b| (b.created, &b.id).cmp(&(a.created, &a.id)));
            view.reindex();
        }
        self.effects.push(Effect::Store(StoreChange::PutHighlight(highlight)));
        self.notice = Some(self.settings.text.highlight_restored.into());
        self.relayout_open();
    }

    /// After an article is shown: the passage asked for (from the highlights view) on screen.
    pub(super) fn scroll_to_pending_passage(&mut self) {
        let Some(id) = self.pending_passage.take() else { return };
        let Some(open) = self.open.as_mut() else { return };
        let Some(at) = open.loaded.annotations.highlights.iter().position(|h| h.id == id) else { return };
        if let Some(&(_, line)) = open.highlight_lines().iter().find(|(h, _)| *h == at) {
            open.scroll = line.saturating_sub(2);
            open.current_highlight = Some(at);
        }
        self.focus = Focus::Pane(Pane::Reader);
    }
}
