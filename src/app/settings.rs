//! What the config decides for the reader: language, keys, theme, layout, dates, libraries.

use std::path::PathBuf;

use super::KeyMap;
use crate::config::{Config, ConfigError, DateStyle, LayoutSpec, ThemeSpec};
use crate::strings::{Strings, EN};

#[derive(Debug, Clone)]
pub struct Settings {
    pub text: &'static Strings,
    pub keys: KeyMap,
    pub theme: ThemeSpec,
    pub layout: LayoutSpec,
    pub dates: DateStyle,
    /// The libraries the switch key goes through: (name, folder).
    pub libraries: Vec<(String, PathBuf)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text: &EN,
            keys: KeyMap::default(),
            theme: ThemeSpec::default(),
            layout: LayoutSpec::default(),
            dates: DateStyle::default(),
            libraries: Vec::new(),
        }
    }
}

impl Settings {
    /// The reader's settings from a config; its `[keys]` are checked here.
    pub fn from_config(config: &Config) -> Result<Settings, ConfigError> {
        let text = config.lang().text();
        let keys = KeyMap::configure(&config.keys, text).map_err(|problems| {
            let file = config.file.clone().unwrap_or_default();
            ConfigError::new(&file, problems)
        })?;
        Ok(Settings {
            text,
            keys,
            theme: config.theme.clone(),
            layout: config.layout,
            dates: config.dates.clone(),
            libraries: crate::paths::switchable_libraries(config),
        })
    }
}
