//! Keys as the config writes them (`ctrl-n`, `alt-right`, `shift-tab`, `space`, `f1`, and
//! sequences of two: `] h`, `]h`, `g g`) and as the help shows them (`Ctrl-n`, `Alt-→`,
//! `Shift-Tab`, `Space`, `F1`, `]h`).

use crossterm::event::{KeyCode, KeyModifiers};

/// One key press: a code and its Ctrl/Alt (Shift only with keys that are not characters:
/// a shifted character is its own character, `G`); for a sequence, the press before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    /// The first press of a sequence of two (`]` of `]h`): this key counts only after it.
    pub after: Option<Press>,
}

/// One press on its own: what [`Key::after`] waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Press {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, modifiers: KeyModifiers::NONE, after: None }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL, after: None }
    }
    pub const fn alt(code: KeyCode) -> Key {
        Key { code, modifiers: KeyModifiers::ALT, after: None }
    }
    /// `first` then `second`, two characters (`]h`).
    pub const fn chars(first: char, second: char) -> Key {
        let after = Press { code: KeyCode::Char(first), modifiers: KeyModifiers::NONE };
        Key { code: KeyCode::Char(second), modifiers: KeyModifiers::NONE, after: Some(after) }
    }

    /// The press that starts it: its first for a sequence.
    pub fn first(&self) -> Press {
        self.after.unwrap_or(Press { code: self.code, modifiers: self.modifiers })
    }

    /// The last press alone.
    pub fn last(&self) -> Key {
        Key { after: None, ..*self }
    }

    /// Starts with a character typed as text: no Ctrl, no Alt.
    pub fn is_text(&self) -> bool {
        let first = self.first();
        matches!(first.code, KeyCode::Char(_)) && first.modifiers.is_empty()
    }
}

/// Why a spelling is not a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    Empty,
    /// `g g x`: a sequence is at most two keys.
    Sequence,
    UnknownName(String),
}

/// Named keys: every spelling the config accepts, the first one is what `config default` writes.
const NAMES: &[(&[&str], KeyCode)] = &[
    (&["space"], KeyCode::Char(' ')),
    (&["enter", "return"], KeyCode::Enter),
    (&["esc", "escape"], KeyCode::Esc),
    (&["tab"], KeyCode::Tab),
    (&["backtab"], KeyCode::BackTab),
    (&["backspace", "bs"], KeyCode::Backspace),
    (&["delete", "del"], KeyCode::Delete),
    (&["insert", "ins"], KeyCode::Insert),
    (&["up"], KeyCode::Up),
    (&["down"], KeyCode::Down),
    (&["left"], KeyCode::Left),
    (&["right"], KeyCode::Right),
    (&["home"], KeyCode::Home),
    (&["end"], KeyCode::End),
    (&["pageup", "pgup", "page-up", "page_up"], KeyCode::PageUp),
    (&["pagedown", "pgdn", "page-down", "page_down"], KeyCode::PageDown),
];

const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("control-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("meta-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

/// Parses one key, or a sequence of two, as the config writes it: two keys apart (`] h`,
/// `ctrl-x ctrl-s`), or two characters together (`]h`, `gg`) where they name no key.
pub fn parse_key(spelling: &str) -> Result<Key, KeyError> {
    if spelling == " " {
        return Ok(Key::ch(' '));
    }
    let trimmed = spelling.trim();
    let parts: Vec<&str> = trimmed.split_whitespace().collect();
    let (first, second) = match parts[..] {
        [] => return Err(KeyError::Empty),
        [one] => match one_key(one) {
            Err(KeyError::UnknownName(name)) => match one.chars().collect::<Vec<_>>()[..] {
                [first, second] => (Key::ch(first), Key::ch(second)),
                _ => return Err(KeyError::UnknownName(name)),
            },
            result => return result,
        },
        [first, second] => (one_key(first)?, one_key(second)?),
        _ => return Err(KeyError::Sequence),
    };
    let first = shifted(first).first();
    Ok(Key { after: Some(first), ..second })
}

/// One key press.
fn one_key(spelling: &str) -> Result<Key, KeyError> {
    let mut rest = spelling;
    let mut modifiers = KeyModifiers::NONE;
    'prefixes: loop {
        for (prefix, modifier) in MODIFIERS {
            let lower = rest.get(..prefix.len()).map(str::to_ascii_lowercase);
            // "ctrl--" is Ctrl with '-': a prefix needs something after it.
            if lower.as_deref() == Some(*prefix) && rest.len() > prefix.len() {
                modifiers |= *modifier;
                rest = &rest[prefix.len()..];
                continue 'prefixes;
            }
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest).ok_or_else(|| KeyError::UnknownName(rest.to_string()))?,
    };
    Ok(shifted(Key { code, modifiers, after: None }))
}

fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(number) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=24).contains(&number).then_some(KeyCode::F(number));
    }
    NAMES.iter().find(|(spellings, _)| spellings.contains(&lower.as_str())).map(|(_, code)| *code)
}

/// Shift folded the way terminals report it: Shift-a is `A`, Shift-Tab is BackTab.
fn shifted(mut key: Key) -> Key {
    if !key.modifiers.contains(KeyModifiers::SHIFT) {
        return key;
    }
    match key.code {
        KeyCode::Char(c) => {
            key.code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyCode::Tab | KeyCode::BackTab => {
            key.code = KeyCode::BackTab;
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        _ => {}
    }
    key
}

fn modifier_prefixes(key: &Key, names: [&'static str; 3]) -> String {
    let mut text = String::new();
    for (modifier, name) in
        [KeyModifiers::CONTROL, KeyModifiers::ALT, KeyModifiers::SHIFT].into_iter().zip(names)
    {
        if key.modifiers.contains(modifier) {
            text.push_str(name);
        }
    }
    text
}

/// The key as the config writes it: `ctrl-c`, `shift-tab`, `space`, `pagedown`, `] h`.
pub fn key_spelling(key: &Key) -> String {
    if let Some(first) = key.after {
        let first = Key { code: first.code, modifiers: first.modifiers, after: None };
        return format!("{} {}", key_spelling(&first), key_spelling(&key.last()));
    }
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "shift-tab".to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMES
            .iter()
            .find(|(_, named)| *named == code)
            .map_or_else(|| format!("{code:?}").to_lowercase(), |(spellings, _)| spellings[0].to_string()),
    };
    modifier_prefixes(key, ["ctrl-", "alt-", "shift-"]) + &name
}

/// The key as the help shows it: `Ctrl-c`, `Shift-Tab`, `Space`, `↑`, `PgDn`.
pub fn key_label(key: &Key) -> String {
    use KeyCode::*;
    if let Some(first) = key.after {
        let first = Key { code: first.code, modifiers: first.modifiers, after: None };
        // Two characters read as one word (`]h`, `gg`); anything else apart (`Ctrl-x Ctrl-s`).
        let apart = if first.is_text() && key.last().is_text() && first.code != Char(' ') { "" } else { " " };
        return format!("{}{apart}{}", key_label(&first), key_label(&key.last()));
    }
    let name = match key.code {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        BackTab => "Shift-Tab".into(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    modifier_prefixes(key, ["Ctrl-", "Alt-", "Shift-"]) + &name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_spellings_parse() {
        let key = |s| parse_key(s).unwrap();
        assert_eq!(key("ctrl-n"), Key::ctrl('n'));
        assert_eq!(
            key("Ctrl-N"),
            Key { code: KeyCode::Char('N'), modifiers: KeyModifiers::CONTROL, after: None }
        );
        assert_eq!(key("alt-right"), Key::alt(KeyCode::Right));
        assert_eq!(key("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("space"), Key::ch(' '));
        assert_eq!(key(" "), Key::ch(' '));
        assert_eq!(key("F1"), Key::plain(KeyCode::F(1)));
        assert_eq!(key("shift-g"), Key::ch('G'));
        assert_eq!(key("G"), Key::ch('G'));
        assert_eq!(key("-"), Key::ch('-'));
        assert_eq!(key("ctrl--"), Key::ctrl('-'));
        assert_eq!(key("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(key("shift-up"), Key { code: KeyCode::Up, modifiers: KeyModifiers::SHIFT, after: None });
        assert_eq!(
            key("ctrl-alt-x"),
            Key {
                code: KeyCode::Char('x'),
                modifiers: KeyModifiers::CONTROL | KeyModifiers::ALT,
                after: None
            }
        );
    }

    #[test]
    fn what_is_not_a_key_says_why() {
        assert_eq!(parse_key(""), Err(KeyError::Empty));
        assert_eq!(parse_key("g g x"), Err(KeyError::Sequence));
        assert_eq!(parse_key("]hx"), Err(KeyError::UnknownName("]hx".into())));
        assert_eq!(parse_key("] foo"), Err(KeyError::UnknownName("foo".into())));
        assert_eq!(parse_key("ctrl-foo"), Err(KeyError::UnknownName("foo".into())));
        assert_eq!(parse_key("f25"), Err(KeyError::UnknownName("f25".into())));
        assert_eq!(parse_key("ctrl-"), Err(KeyError::UnknownName("ctrl-".into())));
    }

    #[test]
    fn spelling_reads_back_and_labels_read_well() {
        for spelling in ["ctrl-c", "shift-tab", "space", "pagedown", "alt-left", "f12", "G", "/", "backspace"]
        {
            assert_eq!(key_spelling(&parse_key(spelling).unwrap()), spelling);
        }
        assert_eq!(key_label(&parse_key("ctrl-o").unwrap()), "Ctrl-o");
        assert_eq!(key_label(&parse_key("alt-left").unwrap()), "Alt-←");
        assert_eq!(key_label(&parse_key("shift-tab").unwrap()), "Shift-Tab");
        assert_eq!(key_label(&parse_key("space").unwrap()), "Space");
        assert_eq!(key_label(&parse_key("] h").unwrap()), "]h");
        assert_eq!(key_label(&parse_key("ctrl-x ctrl-s").unwrap()), "Ctrl-x Ctrl-s");
        assert_eq!(key_spelling(&parse_key("gg").unwrap()), "g g");
    }

    #[test]
    fn two_keys_make_a_sequence_apart_or_as_two_characters() {
        let key = |s| parse_key(s).unwrap();
        assert_eq!(key("] h"), Key::chars(']', 'h'));
        assert_eq!(key("]h"), Key::chars(']', 'h'));
        assert_eq!(key("g g"), Key::chars('g', 'g'));
        assert_eq!(key("gg"), key("g g"));
        // A name stays a name, and Shift folds in the first key too.
        assert_eq!(key("up"), Key::plain(KeyCode::Up));
        assert_eq!(key("shift-g g").after.unwrap().code, KeyCode::Char('G'));
        let saved = key("ctrl-x ctrl-s");
        assert_eq!((saved.first().code, saved.last()), (KeyCode::Char('x'), Key::ctrl('s')));
        assert!(key("]h").is_text() && !saved.is_text());
    }
}
