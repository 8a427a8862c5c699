//! Keys as the config writes them (`ctrl-n`, `alt-right`, `shift-tab`, `space`, `f1`) and as
//! the help shows them (`Ctrl-n`, `Alt-→`, `Shift-Tab`, `Space`, `F1`).

use crossterm::event::{KeyCode, KeyModifiers};

/// One key press: a code and its Ctrl/Alt (Shift only with keys that are not characters:
/// a shifted character is its own character, `G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, modifiers: KeyModifiers::NONE }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
    }
    pub const fn alt(code: KeyCode) -> Key {
        Key { code, modifiers: KeyModifiers::ALT }
    }

    /// A character typed as text: no Ctrl, no Alt.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.modifiers.is_empty()
    }
}

/// Why a spelling is not a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    Empty,
    /// `g g`: sequences are not supported.
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

/// Parses one key as the config writes it.
pub fn parse_key(spelling: &str) -> Result<Key, KeyError> {
    if spelling == " " {
        return Ok(Key::ch(' '));
    }
    let mut rest = spelling.trim();
    if rest.is_empty() {
        return Err(KeyError::Empty);
    }
    if rest.contains(char::is_whitespace) {
        return Err(KeyError::Sequence);
    }
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
    Ok(shifted(Key { code, modifiers }))
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

/// The key as the config writes it: `ctrl-c`, `shift-tab`, `space`, `pagedown`.
pub fn key_spelling(key: &Key) -> String {
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
        assert_eq!(key("Ctrl-N"), Key { code: KeyCode::Char('N'), modifiers: KeyModifiers::CONTROL });
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
        assert_eq!(key("shift-up"), Key { code: KeyCode::Up, modifiers: KeyModifiers::SHIFT });
        assert_eq!(
            key("ctrl-alt-x"),
            Key { code: KeyCode::Char('x'), modifiers: KeyModifiers::CONTROL | KeyModifiers::ALT }
        );
    }

    #[test]
    fn what_is_not_a_key_says_why() {
        assert_eq!(parse_key(""), Err(KeyError::Empty));
        assert_eq!(parse_key("g g"), Err(KeyError::Sequence));
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
    }
}
