use super::*;
use crate::config::{parse, parse_key, Problem};
use crate::strings::EN;
use std::path::Path;

fn configure(text: &str) -> Result<KeyMap, Vec<Problem>> {
    let config = parse(text, Path::new("/c/config.toml")).unwrap_or_else(|err| panic!("{err}"));
    KeyMap::configure(&config.keys, &EN)
}

fn keys(map: &KeyMap, name: &str) -> Vec<String> {
    map.keys_of(name).iter().map(crate::config::key_spelling).collect()
}

/// The one problem of a `[keys]` table: "line: message".
fn problem(text: &str) -> String {
    let problems = configure(text).expect_err("a bad [keys]");
    assert_eq!(problems.len(), 1, "{problems:?}");
    format!("{}: {}", problems[0].at.map_or(0, |at| at.line), problems[0].message)
}

#[test]
fn a_key_given_to_an_action_is_taken_from_the_one_that_had_it() {
    let map = configure("[keys]\nsearch = \"s\"\nquit = \"Q\"\n").unwrap();
    assert_eq!(keys(&map, "search"), ["s"]);
    assert_eq!(keys(&map, "quit"), ["Q"]);
    assert_eq!(keys(&map, "sort"), Vec::<String>::new(), "sort lost `s`");
    assert_eq!(keys(&map, "down"), ["j", "down"], "nothing else moved");
    // Restating a default takes nothing: Backspace still deletes in the search line.
    let map = configure("[keys]\nback = [\"backspace\", \"alt-left\"]\n").unwrap();
    assert_eq!(keys(&map, "delete_char"), ["backspace", "ctrl-h"]);
    assert_eq!(keys(&map, "back"), ["backspace", "alt-left"]);
}

#[test]
fn a_key_in_scopes_that_never_meet_stays_with_both() {
    // The search line and the related pane never look at each other's keys.
    let map = configure("[keys]\nopen_hit = [\"enter\", \"ctrl-o\"]\n").unwrap();
    assert_eq!(keys(&map, "open"), ["enter"]);
    assert_eq!(keys(&map, "back"), ["backspace", "alt-left"], "ctrl-o is taken from back (everywhere)");
}

#[test]
fn unknown_actions_double_bindings_typed_keys_and_a_lost_quit_are_errors() {
    let unknown = problem("[keys]\n\nfind = \"f\"\n");
    assert!(unknown.starts_with("3: unknown action `find` (actions: open_hit, leave_search,"), "{unknown}");
    let twice = problem("[keys]\nsearch = \"x\"\nsort = [\"o\", \"x\"]\n");
    assert_eq!(twice, "3: x is bound to both `search` (line 2) and `sort`");
    let typed = problem("[keys]\nclear_search = \"x\"\n");
    assert_eq!(
        typed,
        "2: x types text in the search line: give `clear_search` a key with ctrl or alt, or a named key"
    );
    let lost = problem("[keys]\nsearch = \"q\"\nhelp = \"ctrl-c\"\n");
    assert_eq!(lost, "3: no key is left for `quit`: bind one");
    assert!(configure("[keys]\nquit = []\n").is_err());
}

#[test]
fn the_remapped_keys_dispatch() {
    use crate::app::{Action, Focus, Pane};
    let map = configure("[keys]\nsearch = \"s\"\nquit = \"ctrl-x\"\n").unwrap();
    let event = |spelling: &str| {
        let key = parse_key(spelling).unwrap();
        crossterm::event::KeyEvent::new(key.code, key.modifiers)
    };
    let list = Focus::Pane(Pane::List);
    assert!(matches!(map.action_for_key(list, false, &event("s")), Some(Action::FocusSearch)));
    assert!(matches!(map.action_for_key(list, false, &event("ctrl-x")), Some(Action::Quit)));
    assert!(map.action_for_key(list, false, &event("q")).is_none(), "q no longer quits");
    assert!(matches!(map.action_for_key(Focus::Search, false, &event("s")), Some(Action::SearchInput('s'))));
    let hints = map.hints(crate::app::KeyContext::Normal { focus: list, show_help: false }, &EN);
    assert!(
        hints.contains(&("s".to_string(), EN.hint_search))
            && hints.contains(&("Ctrl-x".to_string(), EN.hint_quit))
    );
}

#[test]
fn a_sequence_binds_and_one_its_first_key_would_hide_is_refused() {
    use crate::app::{Action, Focus, KeyContext, Pane, Resolved};
    use crossterm::event::{KeyCode, KeyEvent};
    let map = configure("[keys]\ntop = [\"g g\", \"home\"]\nnext_highlight = \"]]\"\n").unwrap();
    assert_eq!(keys(&map, "top"), ["g g", "home"]);
    let reader = KeyContext::Normal { focus: Focus::Pane(Pane::Reader), show_help: false };
    let g = KeyEvent::from(KeyCode::Char('g'));
    let first = match map.resolve(reader, None, &g) {
        Resolved::Pending(first) => first,
        other => panic!("g starts a sequence: {other:?}"),
    };
    assert!(matches!(map.resolve(reader, Some(first), &g), Resolved::Action(Action::Top)));
    let esc = KeyEvent::from(KeyCode::Esc);
    assert!(matches!(map.resolve(reader, Some(first), &esc), Resolved::Nothing), "Esc cancels");
    let bracket = KeyEvent::from(KeyCode::Char(']'));
    let Resolved::Pending(first) = map.resolve(reader, None, &bracket) else { panic!("] waits") };
    assert!(matches!(map.resolve(reader, Some(first), &bracket), Resolved::Action(Action::NextHighlight)));
    // In the search line `g` is typed text, sequence or not.
    let search = KeyContext::Normal { focus: Focus::Search, show_help: false };
    assert!(matches!(map.resolve(search, None, &g), Resolved::Action(Action::SearchInput('g'))));
    assert_eq!(
        problem("[keys]\ntop = [\"g\", \"g g\"]\n"),
        "2: gg (top) can never be typed: its first key g is top's; give top another key or top another sequence"
    );
}
