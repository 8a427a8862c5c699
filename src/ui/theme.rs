//! Styles by role: a palette, the config's colours over it, and NO_COLOR over everything.
//! The default palette keeps to the terminal's own colours so it reads on dark and light
//! terminals; without colour the reader stays usable by bold, reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Tone;
use crate::config::{Palette, Role, ThemeSpec};

#[derive(Debug, Clone)]
pub struct Theme {
    styles: Vec<Style>,
}

const fn fg(colour: Color) -> Style {
    Style::new().fg(colour)
}
const fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}
const BOLD: Modifier = Modifier::BOLD;
const fn bold(style: Style) -> Style {
    style.add_modifier(BOLD)
}

/// The terminal's own colours: only its foreground and background, modifiers, and ANSI colours
/// that read on both dark and light backgrounds (or come with their own background).
fn terminal(role: Role) -> Style {
    use Color::*;
    match role {
        Role::Base | Role::Body => Style::new(),
        Role::Border | Role::Unsaved | Role::Marker => fg(DarkGray),
        Role::BorderFocused => fg(Cyan),
        Role::PaneTitle | Role::Heading | Role::Lead => bold(Style::new()),
        Role::PaneTitleFocused | Role::Unread | Role::Key | Role::ArticleTitle => bold(fg(Cyan)),
        Role::Selected => bold(Style::new().add_modifier(Modifier::REVERSED)),
        Role::Dim | Role::Meta | Role::Tab => Style::new().add_modifier(Modifier::DIM),
        Role::Highlight => Style::new().fg(Black).bg(Yellow),
        Role::Saved => fg(Green),
        Role::Error => fg(Red),
        Role::Status => Style::new().fg(Gray).bg(Black),
        Role::Notice => fg(Yellow),
        Role::TabActive => bold(Style::new().fg(Black).bg(Cyan)),
        Role::Tags => fg(Magenta),
        Role::ArticleHeading => Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
        Role::Caption => Style::new().add_modifier(Modifier::DIM.union(Modifier::ITALIC)),
        Role::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Role::Link => fg(Blue).add_modifier(Modifier::UNDERLINED),
    }
}

/// The colours of a palette that sets its own background.
struct Colours {
    background: Color,
    text: Color,
    muted: Color,
    faint: Color,
    accent: Color,
    selection: Color,
    highlight: Color,
    good: Color,
    bad: Color,
    warm: Color,
    tags: Color,
    link: Color,
    bar: Color,
}

const DARK: Colours = Colours {
    background: rgb(0x1e2127),
    text: rgb(0xd7dae0),
    muted: rgb(0x8b929e),
    faint: rgb(0x5c6370),
    accent: rgb(0x61afef),
    selection: rgb(0x3e4451),
    highlight: rgb(0xe5c07b),
    good: rgb(0x98c379),
    bad: rgb(0xe06c75),
    warm: rgb(0xe5c07b),
    tags: rgb(0xc678dd),
    link: rgb(0x56b6c2),
    bar: rgb(0x16181d),
};

const LIGHT: Colours = Colours {
    background: rgb(0xfafafa),
    text: rgb(0x383a42),
    muted: rgb(0x696c77),
    faint: rgb(0xa0a1a7),
    accent: rgb(0x2f5fd0),
    selection: rgb(0xd6dff5),
    highlight: rgb(0xffd866),
    good: rgb(0x3f8a3e),
    bad: rgb(0xc4392b),
    warm: rgb(0x8a5d00),
    tags: rgb(0x9a2a98),
    link: rgb(0x0a6fa0),
    bar: rgb(0xe5e5e6),
};

const HIGH_CONTRAST: Colours = Colours {
    background: Color::Black,
    text: Color::White,
    muted: Color::White,
    faint: Color::White,
    accent: Color::LightYellow,
    selection: Color::White,
    highlight: Color::LightYellow,
    good: Color::LightGreen,
    bad: Color::LightRed,
    warm: Color::LightYellow,
    tags: Color::LightCyan,
    link: Color::LightCyan,
    bar: Color::White,
};

/// A palette with its own background: every role from its colours.
fn coloured(c: &Colours, role: Role) -> Style {
    let on_accent = Style::new().fg(c.background).bg(c.accent);
    match role {
        Role::Base => Style::new().fg(c.text).bg(c.background),
        Role::Body => Style::new(),
        Role::Border | Role::Unsaved | Role::Marker => fg(c.faint),
        Role::BorderFocused => fg(c.accent),
        Role::PaneTitle | Role::Heading | Role::Lead => bold(fg(c.text)),
        Role::PaneTitleFocused | Role::Unread | Role::Key | Role::ArticleTitle => bold(fg(c.accent)),
        // High contrast selects by swapping text and background.
        Role::Selected if c.selection == c.text => bold(Style::new().fg(c.background).bg(c.text)),
        Role::Selected => bold(Style::new().fg(c.text).bg(c.selection)),
        Role::Dim | Role::Meta | Role::Tab => fg(c.muted),
        Role::Highlight => bold(Style::new().fg(c.background).bg(c.highlight)),
        Role::Saved => fg(c.good),
        Role::Error => bold(fg(c.bad)),
        Role::Status if c.bar == c.text => Style::new().fg(c.background).bg(c.bar),
        Role::Status => Style::new().fg(c.text).bg(c.bar),
        Role::Notice => bold(fg(c.warm)),
        Role::TabActive => bold(on_accent),
        Role::Tags => fg(c.tags),
        Role::ArticleHeading => bold(fg(c.text)).add_modifier(Modifier::UNDERLINED),
        Role::Caption => fg(c.muted).add_modifier(Modifier::ITALIC),
        Role::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Role::Link => fg(c.link).add_modifier(Modifier::UNDERLINED),
    }
}

/// Without colour: what marks a role when only attributes are left.
fn attributes_only(role: Role, style: Style) -> Style {
    let bare = Style { fg: None, bg: None, underline_color: None, ..style };
    let extra = match role {
        Role::Selected | Role::TabActive | Role::PaneTitleFocused => Modifier::REVERSED | BOLD,
        // Inside a selected (reversed) row a reversed match would not show.
        Role::Highlight => BOLD | Modifier::UNDERLINED,
        Role::Unread | Role::Key | Role::BorderFocused | Role::Error | Role::Notice => BOLD,
        Role::Link => Modifier::UNDERLINED,
        Role::Status => Modifier::REVERSED,
        _ => Modifier::empty(),
    };
    let style = bare.add_modifier(extra);
    if role == Role::Highlight {
        style.remove_modifier(Modifier::REVERSED)
    } else {
        style
    }
}

impl Theme {
    pub fn new(spec: &ThemeSpec) -> Theme {
        let styles = Role::ALL
            .iter()
            .map(|&role| {
                let mut style = match spec.palette {
                    Palette::Terminal => terminal(role),
                    Palette::Dark => coloured(&DARK, role),
                    Palette::Light => coloured(&LIGHT, role),
                    Palette::HighContrast => coloured(&HIGH_CONTRAST, role),
                };
                for (_, over) in spec.overrides.iter().filter(|(over, _)| *over == role) {
                    style = style.patch(*over);
                }
                if spec.no_color {
                    style = attributes_only(role, style);
                }
                style
            })
            .collect();
        Theme { styles }
    }

    pub fn get(&self, role: Role) -> Style {
        let at = Role::ALL.iter().position(|known| *known == role).unwrap_or(0);
        self.styles[at]
    }

    pub fn border(&self, focused: bool) -> Style {
        self.get(if focused { Role::BorderFocused } else { Role::Border })
    }

    pub fn pane_title(&self, focused: bool) -> Style {
        self.get(if focused { Role::PaneTitleFocused } else { Role::PaneTitle })
    }

    pub fn tab(&self, active: bool) -> Style {
        self.get(if active { Role::TabActive } else { Role::Tab })
    }

    pub fn tone(&self, tone: Tone) -> Style {
        self.get(match tone {
            Tone::Title => Role::ArticleTitle,
            Tone::Meta => Role::Meta,
            Tone::Tags => Role::Tags,
            Tone::Lead => Role::Lead,
            Tone::Heading => Role::ArticleHeading,
            Tone::Body => Role::Body,
            Tone::Caption => Role::Caption,
            Tone::Quote => Role::Quote,
            Tone::Marker => Role::Marker,
            Tone::Link => Role::Link,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_leaves_no_colour_and_keeps_roles_apart() {
        for palette in Palette::ALL {
            let spec = ThemeSpec { palette, no_color: true, overrides: vec![(Role::Error, fg(Color::Red))] };
            let theme = Theme::new(&spec);
            for &role in Role::ALL {
                let style = theme.get(role);
                assert_eq!(
                    (style.fg, style.bg, style.underline_color),
                    (None, None, None),
                    "{palette:?} {role:?}"
                );
            }
            let selected = theme.get(Role::Selected).add_modifier;
            assert!(selected.contains(Modifier::REVERSED));
            let lit = theme.get(Role::Highlight);
            assert_ne!(
                theme.get(Role::Selected).patch(lit).add_modifier,
                selected,
                "a match shows in a selected row"
            );
        }
    }

    #[test]
    fn the_config_colours_a_role_over_the_palette() {
        let spec = ThemeSpec {
            overrides: vec![(Role::Highlight, Style::new().bg(Color::Magenta))],
            ..ThemeSpec::default()
        };
        let style = Theme::new(&spec).get(Role::Highlight);
        assert_eq!((style.fg, style.bg), (Some(Color::Black), Some(Color::Magenta)));
    }

    #[test]
    fn palettes_with_a_background_give_every_text_role_a_readable_colour() {
        for palette in [Palette::Dark, Palette::Light, Palette::HighContrast] {
            let theme = Theme::new(&ThemeSpec { palette, ..ThemeSpec::default() });
            let base = theme.get(Role::Base);
            assert!(base.fg.is_some() && base.bg.is_some(), "{palette:?} sets its background");
            for &role in Role::ALL {
                let style = base.patch(theme.get(role));
                assert_ne!(style.fg, style.bg, "{palette:?} {role:?}: text the colour of its background");
            }
        }
    }
}
