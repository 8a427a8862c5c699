//! The keys: a table of defaults (`table.rs`), laid over by the config's `[keys]`
//! (`configure.rs`). The one [`KeyMap`] dispatches keys and generates the help overlay, the
//! status hints and every "press … to" of the interface.

mod configure;
mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, Focus, Pane};
use crate::config::{key_label, Key};
use crate::strings::Strings;

pub use table::{Binding, BINDINGS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any focus; in the search line only keys that cannot be typed text.
    Everywhere,
    /// The list, article and related panes.
    Panes,
    /// The library list (before the panes' keys).
    List,
    Reader,
    Related,
    Search,
    /// While a selection is being made in the article (`v`).
    Selecting,
    /// The one-line editor of a note or of tags.
    Editor,
    /// The view of every highlight (`H`).
    Highlights,
}

/// What the keys act on now: the panes (by focus, maybe under the help), or one of the modes
/// that take the keys for themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    Normal { focus: Focus, show_help: bool },
    Selecting,
    Editor,
    Highlights,
}

impl Scope {
    pub const ALL: [Scope; 9] = [
        Scope::Everywhere,
        Scope::Panes,
        Scope::List,
        Scope::Reader,
        Scope::Related,
        Scope::Search,
        Scope::Selecting,
        Scope::Editor,
        Scope::Highlights,
    ];

    /// Scopes where a character without Ctrl or Alt is typed text.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search | Scope::Editor | Scope::Highlights)
    }

    pub fn title(self, t: &Strings) -> &'static str {
        match self {
            Scope::Everywhere => t.scope_everywhere,
            Scope::Panes => t.scope_panes,
            Scope::List => t.scope_list,
            Scope::Reader => t.scope_reader,
            Scope::Related => t.scope_related,
            Scope::Search => t.scope_search,
            Scope::Selecting => t.scope_selecting,
            Scope::Editor => t.scope_editor,
            Scope::Highlights => t.scope_highlights,
        }
    }

    /// Whether some focus looks a key up in both scopes.
    pub fn overlaps(self, other: Scope) -> bool {
        use Scope::*;
        let modal = |scope| matches!(scope, Editor | Highlights);
        self == other
            || ((self == Everywhere || other == Everywhere) && !modal(self) && !modal(other))
            || matches!((self, other), (Panes, Reader | Related | List) | (Reader | Related | List, Panes))
    }

    /// Whether one key in both scopes leaves one of its actions out of reach: the same scope,
    /// or the panes and everywhere (outside the panes there is only the search line, where a
    /// character is typed text). A more specific scope that hides a key only in its own focus
    /// (the search line's Backspace over "back") is layering, not a clash.
    pub fn clashes(self, other: Scope) -> bool {
        use Scope::*;
        self == other || matches!((self, other), (Panes, Everywhere) | (Everywhere, Panes))
    }
}

/// The scopes that apply in a context, most specific first.
fn scopes(context: KeyContext) -> &'static [Scope] {
    use Scope::*;
    match context {
        KeyContext::Normal { show_help: true, .. } => &[Panes, Everywhere],
        KeyContext::Normal { focus: Focus::Search, .. } => &[Search, Everywhere],
        KeyContext::Normal { focus: Focus::Pane(Pane::Reader), .. } => &[Reader, Panes, Everywhere],
        KeyContext::Normal { focus: Focus::Pane(Pane::Related), .. } => &[Related, Panes, Everywhere],
        KeyContext::Normal { focus: Focus::Pane(Pane::List), .. } => &[List, Panes, Everywhere],
        KeyContext::Selecting => &[Selecting, Everywhere],
        KeyContext::Editor => &[Editor],
        KeyContext::Highlights => &[Highlights],
    }
}

/// The keys of every row of [`BINDINGS`]: the defaults, or what the config gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    keys: Vec<Vec<Key>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap { keys: BINDINGS.iter().map(|binding| binding.keys.to_vec()).collect() }
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

impl KeyMap {
    /// Every row of the table with its keys now.
    pub fn rows(&self) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        BINDINGS.iter().zip(self.keys.iter().map(Vec::as_slice))
    }

    /// The keys of an action, by its config name.
    pub fn keys_of(&self, name: &str) -> &[Key] {
        self.rows().find(|(binding, _)| binding.name == name).map_or(&[], |(_, keys)| keys)
    }

    /// How the help shows the first key of an action ("—" when it has none).
    pub fn label(&self, name: &str) -> String {
        self.keys_of(name).first().map_or_else(|| "—".to_string(), key_label)
    }

    /// The action of a key press for the current focus, if any.
    pub fn action_for_key(&self, focus: Focus, show_help: bool, event: &KeyEvent) -> Option<Action> {
        self.action_in(KeyContext::Normal { focus, show_help }, event)
    }

    /// The action of a key press in a context: its most specific scope's keys first, then
    /// typed text where that scope takes it, then the other scopes.
    pub fn action_in(&self, context: KeyContext, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = normalise(event);
        let scopes = scopes(context);
        for (number, &scope) in scopes.iter().enumerate() {
            let mut rows = self.rows().filter(|(binding, _)| binding.scope == scope);
            if let Some((binding, _)) = rows.find(|(_, keys)| keys.contains(&key)) {
                return Some(binding.action.clone());
            }
            if let (0, KeyCode::Char(c), true) = (number, key.code, key.is_text()) {
                match scopes[0] {
                    Scope::Search => return Some(Action::SearchInput(c)),
                    Scope::Editor | Scope::Highlights => return Some(Action::EditInput(c)),
                    _ => {}
                }
            }
        }
        None
    }

    /// "Enter open", "/ search"… for the status line of a focus.
    pub fn hints(&self, context: KeyContext, t: &Strings) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(String, &'static str)> = Vec::new();
        for &scope in scopes(context) {
            for (binding, keys) in self.rows().filter(|(binding, _)| binding.scope == scope) {
                let (Some(hint), Some(key)) = (binding.hint, keys.first()) else { continue };
                let hint = hint(t);
                if !hints.iter().any(|(_, seen)| *seen == hint) {
                    hints.push((key_label(key), hint));
                }
            }
        }
        hints
    }
}

/// Every action name of the table, once each, in table order.
pub fn action_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for binding in BINDINGS {
        if !names.contains(&binding.name) {
            names.push(binding.name);
        }
    }
    names
}
