//! The default key table: every action the keys reach, by its config name, with its keys,
//! its help and maybe a one-word hint for the status line.
//!
//! Terminals send Ctrl-i as Tab unless they speak an extended keyboard protocol, so Tab moves
//! between panes and "forward" is also on Alt-→; Ctrl-i works where crossterm reports it as
//! Ctrl + 'i'.

use crossterm::event::KeyCode;

use super::Scope;
use crate::app::{Action, SelectionMove as Move};
use crate::config::Key;
use crate::strings::Strings;

pub type Text = fn(&Strings) -> &'static str;

#[derive(Debug)]
pub struct Binding {
    pub scope: Scope,
    /// The action's name in the config's `[keys]`; rows with one name share their keys.
    pub name: &'static str,
    pub action: Action,
    pub keys: &'static [Key],
    pub help: Text,
    /// A one-word hint for the status line, if this key is worth one.
    pub hint: Option<Text>,
}

const fn bind(scope: Scope, name: &'static str, keys: &'static [Key], action: Action, help: Text) -> Binding {
    Binding { scope, name, keys, action, help, hint: None }
}

const fn hinted(
    scope: Scope,
    name: &'static str,
    keys: &'static [Key],
    action: Action,
    help: Text,
    hint: Text,
) -> Binding {
    Binding { scope, name, keys, action, help, hint: Some(hint) }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up, F,
};
use Scope::{Editor, Everywhere, Highlights, List, Panes, Reader, Related, Search, Selecting};

const fn plain(code: KeyCode) -> Key {
    Key::plain(code)
}
const fn ch(c: char) -> Key {
    Key::ch(c)
}
const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}
const fn alt(code: KeyCode) -> Key {
    Key::alt(code)
}

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    hinted(Search, "open_hit", &[plain(Enter)], Action::Activate, |t| t.key_open_hit, |t| t.hint_open),
    hinted(Search, "leave_search", &[plain(Esc)], Action::Escape, |t| t.key_leave_search, |t| t.hint_library),
    bind(Search, "search_up", &[plain(Up), ctrl('p')], Action::Up, |t| t.key_up),
    bind(Search, "search_down", &[plain(Down), ctrl('n')], Action::Down, |t| t.key_down),
    bind(Search, "search_page_up", &[plain(PageUp)], Action::PageUp, |t| t.key_page_up),
    bind(Search, "search_page_down", &[plain(PageDown)], Action::PageDown, |t| t.key_page_down),
    bind(Search, "delete_char", &[plain(Backspace), ctrl('h')], Action::SearchDeleteChar, |t| t.key_delete_char),
    bind(Search, "delete_word", &[ctrl('w')], Action::SearchDeleteWord, |t| t.key_delete_word),
    bind(Search, "clear_search", &[ctrl('u')], Action::SearchClear, |t| t.key_clear_search),
    hinted(Reader, "next_match", &[ch('n')], Action::NextMatch, |t| t.key_next_match, |t| t.hint_next_match),
    bind(Reader, "previous_match", &[ch('N')], Action::PrevMatch, |t| t.key_previous_match),
    bind(Reader, "select", &[ch('v')], Action::StartSelection, |t| t.key_select),
    bind(Reader, "next_highlight", &[Key::chars(']', 'h')], Action::NextHighlight, |t| t.key_next_highlight),
    bind(Reader, "previous_highlight", &[Key::chars('[', 'h')], Action::PrevHighlight, |t| t.key_previous_highlight),
    bind(Reader, "note", &[ch('a')], Action::Annotate, |t| t.key_note),
    bind(Reader, "tags", &[ch('t')], Action::EditTags, |t| t.key_tags),
    bind(Reader, "delete_highlight", &[ch('d')], Action::DeleteHighlight, |t| t.key_delete_highlight),
    hinted(Selecting, "keep_highlight", &[plain(Enter)], Action::KeepSelection, |t| t.key_keep_highlight, |t| t.hint_keep),
    hinted(Selecting, "drop_selection", &[plain(Esc)], Action::DropSelection, |t| t.key_drop_selection, |t| t.hint_drop),
    bind(Selecting, "note", &[ch('a')], Action::Annotate, |t| t.key_keep_with_note),
    bind(Selecting, "select_word", &[ch('w')], Action::Extend(Move::Word), |t| t.key_select_word),
    bind(Selecting, "unselect_word", &[ch('b')], Action::Extend(Move::WordBack), |t| t.key_unselect_word),
    bind(Selecting, "select_line", &[ch('j'), plain(Down)], Action::Extend(Move::Line), |t| t.key_select_line),
    bind(Selecting, "unselect_line", &[ch('k'), plain(Up)], Action::Extend(Move::LineBack), |t| t.key_unselect_line),
    bind(Selecting, "select_sentence", &[ch(')')], Action::Extend(Move::Sentence), |t| t.key_select_sentence),
    bind(Selecting, "unselect_sentence", &[ch('(')], Action::Extend(Move::SentenceBack), |t| t.key_unselect_sentence),
    bind(Selecting, "select_paragraph", &[ch('}')], Action::Extend(Move::Paragraph), |t| t.key_select_paragraph),
    bind(Selecting, "unselect_paragraph", &[ch('{')], Action::Extend(Move::ParagraphBack), |t| t.key_unselect_paragraph),
    hinted(Editor, "edit_done", &[plain(Enter)], Action::EditCommit, |t| t.key_edit_done, |t| t.hint_save),
    hinted(Editor, "edit_cancel", &[plain(Esc)], Action::EditCancel, |t| t.key_edit_cancel, |t| t.hint_cancel),
    bind(Editor, "complete", &[plain(Tab)], Action::EditComplete, |t| t.key_complete),
    bind(Editor, "delete_char", &[plain(Backspace), ctrl('h')], Action::EditDeleteChar, |t| t.key_delete_char),
    bind(Editor, "delete_word", &[ctrl('w')], Action::EditDeleteWord, |t| t.key_delete_word),
    bind(Editor, "clear_line", &[ctrl('u')], Action::EditClear, |t| t.key_clear_line),
    hinted(Highlights, "open_highlight", &[plain(Enter)], Action::Activate, |t| t.key_open_highlight, |t| t.hint_open),
    hinted(Highlights, "close_highlights", &[plain(Esc)], Action::Escape, |t| t.key_close_highlights, |t| t.hint_close),
    bind(Highlights, "search_up", &[plain(Up), ctrl('p')], Action::Up, |t| t.key_up),
    bind(Highlights, "search_down", &[plain(Down), ctrl('n')], Action::Down, |t| t.key_down),
    bind(Highlights, "search_page_up", &[plain(PageUp)], Action::PageUp, |t| t.key_page_up),
    bind(Highlights, "search_page_down", &[plain(PageDown)], Action::PageDown, |t| t.key_page_down),
    hinted(Highlights, "delete_listed", &[plain(Delete)], Action::DeleteHighlight, |t| t.key_delete_listed, |t| t.hint_delete),
    bind(Highlights, "note_listed", &[ctrl('e'), plain(F(2))], Action::Annotate, |t| t.key_note_listed),
    bind(Highlights, "undo_listed", &[ctrl('z')], Action::Undo, |t| t.key_undo_listed),
    bind(Highlights, "delete_char", &[plain(Backspace), ctrl('h')], Action::EditDeleteChar, |t| t.key_delete_char),
    bind(Highlights, "delete_word", &[ctrl('w')], Action::EditDeleteWord, |t| t.key_delete_word),
    bind(Highlights, "clear_line", &[ctrl('u')], Action::EditClear, |t| t.key_clear_line),
    hinted(Related, "open", &[plain(Enter)], Action::Activate, |t| t.key_open_link, |t| t.hint_open),
    // No status hint: the status line would lose "quit" at 120 columns; a story's row says ×N ▸.
    bind(List, "copies", &[ch('c')], Action::ToggleCopies, |t| t.key_copies),
    hinted(Panes, "open", &[plain(Enter)], Action::Activate, |t| t.key_open_article, |t| t.hint_open),
    bind(Panes, "up", &[ch('k'), plain(Up)], Action::Up, |t| t.key_up),
    bind(Panes, "down", &[ch('j'), plain(Down)], Action::Down, |t| t.key_down),
    bind(Panes, "page_up", &[plain(PageUp), ch('b')], Action::PageUp, |t| t.key_page_up),
    bind(Panes, "page_down", &[plain(PageDown), ch(' ')], Action::PageDown, |t| t.key_page_down),
    bind(Panes, "top", &[ch('g'), plain(Home)], Action::Top, |t| t.key_top),
    bind(Panes, "bottom", &[ch('G'), plain(End)], Action::Bottom, |t| t.key_bottom),
    bind(Panes, "pane_left", &[ch('h'), plain(Left)], Action::FocusLeft, |t| t.key_pane_left),
    bind(Panes, "pane_right", &[ch('l'), plain(Right)], Action::FocusRight, |t| t.key_pane_right),
    bind(Panes, "sort", &[ch('s')], Action::CycleSort, |t| t.key_sort),
    bind(Panes, "toggle_related", &[ch('r')], Action::ToggleRelated, |t| t.key_toggle_related),
    bind(Panes, "open_url", &[ch('o')], Action::OpenUrl, |t| t.key_open_url),
    bind(Panes, "copy_url", &[ch('y')], Action::CopyUrl, |t| t.key_copy_url),
    bind(Panes, "switch_library", &[ch('L')], Action::SwitchLibrary, |t| t.key_switch_library),
    bind(Panes, "highlights", &[ch('H')], Action::ShowHighlights, |t| t.key_highlights),
    bind(Panes, "undo", &[ch('u')], Action::Undo, |t| t.key_undo),
    hinted(Everywhere, "search", &[ch('/')], Action::FocusSearch, |t| t.key_search, |t| t.hint_search),
    hinted(Everywhere, "next_pane", &[plain(Tab)], Action::FocusNext, |t| t.key_next_pane, |t| t.hint_pane),
    bind(Everywhere, "previous_pane", &[plain(BackTab)], Action::FocusPrev, |t| t.key_previous_pane),
    hinted(Everywhere, "back", &[plain(Backspace), ctrl('o'), alt(Left)], Action::Back, |t| t.key_back, |t| t.hint_back),
    bind(Everywhere, "forward", &[ctrl('i'), alt(Right)], Action::Forward, |t| t.key_forward),
    bind(Everywhere, "leave_search", &[plain(Esc)], Action::Escape, |t| t.key_leave_search),
    hinted(Everywhere, "help", &[ch('?'), plain(F(1))], Action::ToggleHelp, |t| t.key_help, |t| t.hint_help),
    hinted(Everywhere, "quit", &[ch('q'), ctrl('c')], Action::Quit, |t| t.key_quit, |t| t.hint_quit),
    bind(Everywhere, "suspend", &[ctrl('z')], Action::Suspend, |t| t.key_suspend),
];
