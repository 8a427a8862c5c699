//! The one key table: it dispatches keys and generates the help overlay and the status hints.
//!
//! Terminals send Ctrl-i as Tab unless they speak an extended keyboard protocol, so Tab moves
//! between panes and "forward" is also on Alt-→; Ctrl-i works where crossterm reports it as
//! Ctrl + 'i'.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, Focus, Pane};
use crate::strings::keys as help;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any focus; in the search line only keys that cannot be typed text.
    Everywhere,
    /// The list, article and related panes.
    Panes,
    Reader,
    Related,
    Search,
}

impl Scope {
    pub const ALL: [Scope; 5] =
        [Scope::Everywhere, Scope::Panes, Scope::Reader, Scope::Related, Scope::Search];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Everywhere => help::SCOPE_EVERYWHERE,
            Scope::Panes => help::SCOPE_PANES,
            Scope::Reader => help::SCOPE_READER,
            Scope::Related => help::SCOPE_RELATED,
            Scope::Search => help::SCOPE_SEARCH,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}
const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

#[derive(Debug)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// A one-word hint for the status line, if this key is worth one.
    pub hint: Option<&'static str>,
}

const fn bind(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { scope, keys, action, help, hint: None }
}
const fn hinted(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding { scope, keys, action, help, hint: Some(hint) }
}

use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up, F};
use Scope::{Everywhere, Panes, Reader, Related, Search};

static BINDINGS: &[Binding] = &[
    hinted(Search, &[plain(Enter)], Action::Activate, help::RUN_SEARCH, help::HINT_OPEN),
    hinted(Search, &[plain(Esc)], Action::Escape, help::LEAVE_SEARCH, help::HINT_LIBRARY),
    bind(Search, &[plain(Up), ctrl('p')], Action::Up, help::UP),
    bind(Search, &[plain(Down), ctrl('n')], Action::Down, help::DOWN),
    bind(Search, &[plain(PageUp)], Action::PageUp, help::PAGE_UP),
    bind(Search, &[plain(PageDown)], Action::PageDown, help::PAGE_DOWN),
    bind(Search, &[plain(Backspace), ctrl('h')], Action::SearchDeleteChar, help::DELETE_CHAR),
    bind(Search, &[ctrl('w')], Action::SearchDeleteWord, help::DELETE_WORD),
    bind(Search, &[ctrl('u')], Action::SearchClear, help::CLEAR_SEARCH),
    hinted(Reader, &[ch('n')], Action::NextMatch, help::NEXT_MATCH, help::HINT_NEXT_MATCH),
    bind(Reader, &[ch('N')], Action::PrevMatch, help::PREV_MATCH),
    hinted(Related, &[plain(Enter)], Action::Activate, help::OPEN, help::HINT_OPEN),
    hinted(Panes, &[plain(Enter)], Action::Activate, help::OPEN_ARTICLE, help::HINT_OPEN),
    bind(Panes, &[ch('k'), plain(Up)], Action::Up, help::UP),
    bind(Panes, &[ch('j'), plain(Down)], Action::Down, help::DOWN),
    bind(Panes, &[plain(PageUp), ch('b')], Action::PageUp, help::PAGE_UP),
    bind(Panes, &[plain(PageDown), ch(' ')], Action::PageDown, help::PAGE_DOWN),
    bind(Panes, &[ch('g'), plain(Home)], Action::Top, help::TOP),
    bind(Panes, &[ch('G'), plain(End)], Action::Bottom, help::BOTTOM),
    bind(Panes, &[ch('h'), plain(Left)], Action::FocusLeft, help::LEFT_PANE),
    bind(Panes, &[ch('l'), plain(Right)], Action::FocusRight, help::RIGHT_PANE),
    bind(Panes, &[ch('s')], Action::CycleSort, help::SORT),
    bind(Panes, &[ch('r')], Action::ToggleRelated, help::TOGGLE_RELATED),
    bind(Panes, &[ch('o')], Action::OpenUrl, help::OPEN_URL),
    bind(Panes, &[ch('y')], Action::CopyUrl, help::COPY_URL),
    hinted(Everywhere, &[ch('/')], Action::FocusSearch, help::SEARCH, help::HINT_SEARCH),
    hinted(Everywhere, &[plain(Tab)], Action::FocusNext, help::NEXT_PANE, help::HINT_PANE),
    bind(Everywhere, &[plain(BackTab)], Action::FocusPrev, help::PREV_PANE),
    hinted(Everywhere, &[plain(Backspace), ctrl('o'), alt(Left)], Action::Back, help::BACK, help::HINT_BACK),
    bind(Everywhere, &[ctrl('i'), alt(Right)], Action::Forward, help::FORWARD),
    bind(Everywhere, &[plain(Esc)], Action::Escape, help::LEAVE_SEARCH),
    hinted(Everywhere, &[ch('?'), plain(F(1))], Action::ToggleHelp, help::HELP, help::HINT_HELP),
    hinted(Everywhere, &[ch('q'), ctrl('c')], Action::Quit, help::QUIT, help::HINT_QUIT),
    bind(Everywhere, &[ctrl('z')], Action::Suspend, help::SUSPEND),
];

pub fn bindings() -> &'static [Binding] {
    BINDINGS
}

/// The scopes that apply to a focus, most specific first.
fn scopes(focus: Focus, show_help: bool) -> &'static [Scope] {
    match (show_help, focus) {
        (true, _) => &[Panes, Everywhere],
        (false, Focus::Search) => &[Search, Everywhere],
        (false, Focus::Pane(Pane::Reader)) => &[Reader, Panes, Everywhere],
        (false, Focus::Pane(Pane::Related)) => &[Related, Panes, Everywhere],
        (false, Focus::Pane(Pane::List)) => &[Panes, Everywhere],
    }
}

/// Shift is part of the character ('G'), and of BackTab, so it is not compared there.
fn normalise(event: &KeyEvent) -> Key {
    let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key { code: event.code, modifiers }
}

fn is_typed_text(key: &Key) -> bool {
    matches!(key.code, KeyCode::Char(_)) && key.modifiers.is_empty()
}

/// The action of a key press for the current focus, if any.
pub fn action_for_key(focus: Focus, show_help: bool, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = normalise(event);
    let typing = focus == Focus::Search && !show_help;
    for &scope in scopes(focus, show_help) {
        if typing && scope == Everywhere && is_typed_text(&key) {
            if let KeyCode::Char(c) = key.code {
                return Some(Action::SearchInput(c));
            }
        }
        if let Some(binding) = BINDINGS.iter().find(|b| b.scope == scope && b.keys.contains(&key)) {
            return Some(binding.action.clone());
        }
    }
    None
}

/// "Enter open", "/ search"… for the status line of a focus.
pub fn hints(focus: Focus) -> Vec<(String, &'static str)> {
    let mut seen = Vec::new();
    let mut hints = Vec::new();
    for &scope in scopes(focus, false) {
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            let (Some(hint), Some(key)) = (binding.hint, binding.keys.first()) else { continue };
            if seen.contains(&hint) {
                continue;
            }
            seen.push(hint);
            hints.push((key_label(key), hint));
        }
    }
    hints
}

pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        label.push_str("Alt-");
    }
    label + &name
}
