//! `config.toml`: built-in defaults with the user's file laid over them. The file is found at
//! `--config FILE`, else `$NEWSDESK_CONFIG`, else the XDG config directory's
//! `newsdesk/config.toml`; a missing default file means the defaults. An invalid file is an
//! error naming the file, the line and what is wrong, and nothing starts on it.

mod keys;
mod parse;
mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::article::Published;
use crate::shown::{shown_path, shown_text};
use crate::strings::{self, Lang};

pub use keys::{key_label, key_spelling, parse_key, Key, KeyError, Press};
pub use parse::parse;
pub use theme::{parse_colour, Palette, Role, StyleOverride, ThemeSpec, ATTRIBUTES};

pub const CONFIG_ENV: &str = "NEWSDESK_CONFIG";
pub const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinksMode {
    /// Where the terminal is known to support OSC 8.
    #[default]
    Auto,
    Always,
    Never,
}

impl LinksMode {
    pub const ALL: [LinksMode; 3] = [LinksMode::Auto, LinksMode::Always, LinksMode::Never];
    pub fn name(self) -> &'static str {
        match self {
            LinksMode::Auto => "auto",
            LinksMode::Always => "always",
            LinksMode::Never => "never",
        }
    }
}

/// How dates (and times, when an article has one) are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateStyle {
    pub date: String,
    /// After the date, when the article has a time; empty hides times.
    pub time: String,
}

pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";
pub const DEFAULT_TIME_FORMAT: &str = "%H:%M";

impl Default for DateStyle {
    fn default() -> Self {
        DateStyle { date: DEFAULT_DATE_FORMAT.into(), time: DEFAULT_TIME_FORMAT.into() }
    }
}

impl DateStyle {
    /// `published` as configured; formats are checked when the config is read.
    pub fn show(&self, published: &Published) -> String {
        let date = published.date.format(&self.date).to_string();
        match published.time.filter(|_| !self.time.is_empty()) {
            Some(time) => format!("{date} {}", time.format(&self.time)),
            None => date,
        }
    }

    /// Only the date.
    pub fn show_date(&self, published: &Published) -> String {
        published.date.format(&self.date).to_string()
    }
}

/// Pane sizes of the three-column layout, in percent; the two-column layout follows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutSpec {
    pub list_width: u16,
    pub related_width: u16,
    /// The related pane is shown at start.
    pub related: bool,
}

impl Default for LayoutSpec {
    fn default() -> Self {
        LayoutSpec { list_width: 30, related_width: 25, related: true }
    }
}

/// Where something was written in the config file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// `[keys]`: an action and the keys the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    pub action: String,
    pub at: Position,
    pub keys: Vec<(Key, Position)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The file this was read from; `None` for the built-in defaults.
    pub file: Option<PathBuf>,
    /// `None`: from the locale.
    pub language: Option<Lang>,
    pub library: Option<PathBuf>,
    /// Named libraries, by name.
    pub libraries: Vec<(String, PathBuf)>,
    pub cache_dir: Option<PathBuf>,
    pub state_dir: Option<PathBuf>,
    pub open_command: Option<String>,
    pub links: LinksMode,
    pub dates: DateStyle,
    pub layout: LayoutSpec,
    pub theme: ThemeSpec,
    pub keys: Vec<KeySetting>,
}

impl Config {
    /// The interface language: the config's, else the locale's.
    pub fn lang(&self) -> Lang {
        self.language.unwrap_or_else(Lang::from_env)
    }

    /// Finds and reads the config; see the module's documentation.
    pub fn load(flag: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, explicit) = config_path(flag);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config { theme: ThemeSpec::default_from_env(), ..Config::default() })
            }
            Err(err) => return Err(ConfigError::unreadable(&path, &err.to_string())),
        };
        let mut config = parse(&text, &path)?;
        config.theme.no_color = ThemeSpec::no_color_from_env();
        Ok(config)
    }
}

impl ThemeSpec {
    fn default_from_env() -> ThemeSpec {
        ThemeSpec { no_color: ThemeSpec::no_color_from_env(), ..ThemeSpec::default() }
    }
}

/// The config file to read, and whether it was asked for (`--config`, `$NEWSDESK_CONFIG`): a
/// file asked for must exist.
pub fn config_path(flag: Option<&Path>) -> (PathBuf, bool) {
    if let Some(path) = flag {
        return (path.to_path_buf(), true);
    }
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return (PathBuf::from(path), true);
    }
    let dir = crate::paths::config_dir();
    (dir.join(FILE_NAME), false)
}

/// One thing wrong in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<Position>,
    pub message: String,
}

/// Everything wrong in a config file, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
}

impl ConfigError {
    pub fn unreadable(file: &Path, why: &str) -> ConfigError {
        let text = strings::text();
        let message = strings::fill(text.config_unreadable, &[("file", &shown_path(file)), ("why", &why)]);
        ConfigError { file: file.to_path_buf(), problems: vec![Problem { at: None, message }] }
    }

    pub fn new(file: &Path, mut problems: Vec<Problem>) -> ConfigError {
        problems.sort_by_key(|problem| problem.at);
        ConfigError { file: file.to_path_buf(), problems }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = strings::text();
        for (number, problem) in self.problems.iter().enumerate() {
            if number > 0 {
                f.write_str("\n")?;
            }
            // A message may quote the file (a key's name): shown safely, one line each.
            let message = shown_text(&problem.message);
            match problem.at {
                Some(at) => f.write_str(&strings::fill(
                    text.config_error,
                    &[
                        ("file", &shown_path(&self.file)),
                        ("line", &at.line),
                        ("column", &at.column),
                        ("message", &message),
                    ],
                ))?,
                None => f.write_str(&message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// The line and column of a byte offset of `text`.
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    Position { line, column }
}

/// `~/x` from the home folder; a relative path from `base` (the config file's folder).
pub fn resolve_path(written: &str, base: &Path) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if written == "~" {
        if let Some(home) = home() {
            return home;
        }
    }
    if let Some(rest) = written.strip_prefix("~/") {
        if let Some(home) = home() {
            return home.join(rest);
        }
    }
    let path = PathBuf::from(written);
    if path.is_absolute() {
        path
    } else {
        base.join(path)
    }
}
