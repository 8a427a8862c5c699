//! The `[theme]` of the config: a named palette, colours by role over it, and NO_COLOR.
//! `ui::theme` turns it into styles.

use ratatui::style::{Color, Modifier, Style};

/// The named palettes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// The terminal's own colours: its foreground and background, bold, reverse, the 16 ANSI
    /// colours. Reads on dark and light terminals alike.
    #[default]
    Terminal,
    Dark,
    Light,
    HighContrast,
}

impl Palette {
    pub const ALL: [Palette; 4] = [Palette::Terminal, Palette::Dark, Palette::Light, Palette::HighContrast];

    pub fn name(self) -> &'static str {
        match self {
            Palette::Terminal => "default",
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::HighContrast => "high-contrast",
        }
    }
}

macro_rules! roles {
    ($($(#[$doc:meta])* $variant:ident = $name:literal),* $(,)?) => {
        /// Each part of the screen a theme colours.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Role { $($(#[$doc])* $variant),* }

        impl Role {
            pub const ALL: &'static [Role] = &[$(Role::$variant),*];
            pub fn name(self) -> &'static str {
                match self { $(Role::$variant => $name),* }
            }
        }
    };
}

roles! {
    /// The base of the whole screen (a palette with its own background sets it).
    Base = "base",
    Border = "border",
    BorderFocused = "border_focused",
    PaneTitle = "pane_title",
    PaneTitleFocused = "pane_title_focused",
    Selected = "selected",
    /// Secondary text: dates, sources, snippets, hints.
    Dim = "dim",
    Unread = "unread",
    /// Search terms in results and articles.
    Highlight = "highlight",
    Saved = "saved",
    Unsaved = "unsaved",
    Heading = "heading",
    Error = "error",
    Status = "status",
    Key = "key",
    Notice = "notice",
    Tab = "tab",
    TabActive = "tab_active",
    ArticleTitle = "article_title",
    Meta = "meta",
    Tags = "tags",
    Lead = "lead",
    ArticleHeading = "article_heading",
    Body = "body",
    Caption = "caption",
    Quote = "quote",
    Marker = "marker",
    Link = "link",
}

impl Role {
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|role| role.name() == name)
    }
}

/// A role's style as the config gives it: laid over the palette's.
pub type StyleOverride = Style;

pub fn parse_colour(text: &str) -> Option<Color> {
    text.parse().ok()
}

/// The attributes a role's table may set, by name.
pub const ATTRIBUTES: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("dim", Modifier::DIM),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeSpec {
    pub palette: Palette,
    pub overrides: Vec<(Role, StyleOverride)>,
    /// `NO_COLOR` is set: bold, reverse, underline and the like only.
    pub no_color: bool,
}

impl ThemeSpec {
    /// no-color.org: `NO_COLOR` present and not empty.
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
    }
}
