//! Colours and text styles, in one place. Works on 16-colour terminals.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Tone;

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn pane_title(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

pub fn selected() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::DIM)
}

pub fn unread() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn highlight() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

pub fn saved() -> Style {
    Style::new().fg(Color::Green)
}

pub fn unsaved() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn status_bar() -> Style {
    Style::new().bg(Color::Black).fg(Color::Gray)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn notice() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn tab(active: bool) -> Style {
    if active {
        Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Gray)
    }
}

pub fn tone(tone: Tone) -> Style {
    match tone {
        Tone::Title => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        Tone::Meta => dim(),
        Tone::Tags => Style::new().fg(Color::Magenta),
        Tone::Lead => Style::new().add_modifier(Modifier::BOLD),
        Tone::Heading => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Tone::Body => Style::new(),
        Tone::Caption => Style::new().fg(Color::Gray).add_modifier(Modifier::DIM | Modifier::ITALIC),
        Tone::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Tone::Marker => Style::new().fg(Color::DarkGray),
    }
}
