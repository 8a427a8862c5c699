//! Reading the config file: every setting checked against what it takes, every problem kept
//! with its line, so `config check` lists them all and nothing starts on a half-read file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::Style;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::theme::{parse_colour, Palette, Role, ATTRIBUTES};
use super::{
    parse_key, position_of, resolve_path, Config, ConfigError, KeyError, KeySetting, LinksMode, Position,
    Problem,
};
use crate::strings::{self, fill, Lang, Strings};

const TOP_LEVEL: &[&str] = &[
    "language",
    "library",
    "cache_dir",
    "state_dir",
    "open_command",
    "links",
    "date_format",
    "time_format",
    "libraries",
    "layout",
    "theme",
    "keys",
];
const LAYOUT: &[&str] = &["list_width", "related_width", "related"];
pub const LIST_WIDTHS: (i64, i64) = (10, 45);
pub const RELATED_WIDTHS: (i64, i64) = (10, 40);

type Value<'i> = Spanned<DeValue<'i>>;

/// Reads `text`, the contents of `file`, over the defaults.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    let t = strings::text();
    let root = DeTable::parse(text).map_err(|err| {
        let at = err.span().map(|span| position_of(text, span.start));
        let why = err.message().lines().next().unwrap_or_default().to_string();
        ConfigError::new(file, vec![Problem { at, message: fill(t.config_not_toml, &[("why", &why)]) }])
    })?;
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut reader = Reader { text, base, t, problems: Vec::new() };
    let mut config = Config { file: Some(file.to_path_buf()), ..Config::default() };
    reader.root(root.get_ref(), &mut config);
    // Tables come sorted by name: the file's order is what a reader of it expects.
    config.keys.sort_by_key(|setting| setting.at);
    match reader.problems.is_empty() {
        true => Ok(config),
        false => Err(ConfigError::new(file, reader.problems)),
    }
}

struct Reader<'a> {
    text: &'a str,
    base: PathBuf,
    t: &'static Strings,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn at(&self, span: Range<usize>) -> Position {
        position_of(self.text, span.start)
    }

    fn problem(&mut self, span: Range<usize>, message: String) {
        let at = Some(self.at(span));
        self.problems.push(Problem { at, message });
    }

    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<str>>, known: &[&str]) {
        let message =
            fill(self.t.config_unknown_setting, &[("key", &key.get_ref()), ("known", &known.join(", "))]);
        self.problem(key.span(), message);
    }

    fn wrong_type(&mut self, name: &str, value: &Value, expected: &str) {
        let message = fill(self.t.config_wrong_type, &[("key", &name), ("expected", &expected)]);
        self.problem(value.span(), message);
    }

    fn string<'v>(&mut self, name: &str, value: &'v Value) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(text) => Some(text.as_ref()),
            _ => {
                self.wrong_type(name, value, self.t.type_string);
                None
            }
        }
    }

    fn path(&mut self, name: &str, value: &Value) -> Option<PathBuf> {
        let written = self.string(name, value)?;
        if written.trim().is_empty() {
            let message = fill(self.t.config_empty_path, &[("key", &name)]);
            self.problem(value.span(), message);
            return None;
        }
        Some(resolve_path(written, &self.base))
    }

    /// One of `choices` by name.
    fn choice<T: Copy>(&mut self, name: &str, value: &Value, choices: &[(&str, T)]) -> Option<T> {
        let written = self.string(name, value)?;
        let found = choices.iter().find(|(choice, _)| *choice == written).map(|(_, item)| *item);
        if found.is_none() {
            let names: Vec<String> = choices.iter().map(|(choice, _)| format!("\"{choice}\"")).collect();
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("key", &name), ("value", &format!("\"{written}\"")), ("choices", &names.join(", "))];
            let message = fill(self.t.config_not_one_of, &args);
            self.problem(value.span(), message);
        }
        found
    }

    fn integer(&mut self, name: &str, value: &Value, (min, max): (i64, i64)) -> Option<u16> {
        let DeValue::Integer(number) = value.get_ref() else {
            self.wrong_type(name, value, self.t.type_integer);
            return None;
        };
        let parsed = i64::from_str_radix(number.as_str(), number.radix()).ok();
        match parsed.filter(|n| (min..=max).contains(n)) {
            Some(n) => Some(n as u16),
            None => {
                let args: [(&str, &dyn std::fmt::Display); 4] =
                    [("key", &name), ("value", &number.as_str()), ("min", &min), ("max", &max)];
                let message = fill(self.t.config_out_of_range, &args);
                self.problem(value.span(), message);
                None
            }
        }
    }

    fn boolean(&mut self, name: &str, value: &Value) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(*flag),
            _ => {
                self.wrong_type(name, value, self.t.type_bool);
                None
            }
        }
    }

    fn table<'v, 'i>(&mut self, name: &str, value: &'v Value<'i>) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.wrong_type(name, value, self.t.type_table);
                None
            }
        }
    }

    /// A strftime format that formats `sample` without failing (chrono fails, and `to_string`
    /// panics, on a time field in a date format and the like).
    fn format<T: SampleFormat>(&mut self, name: &str, value: &Value) -> Option<String> {
        let written = self.string(name, value)?;
        match T::try_format(written) {
            Ok(()) => Some(written.to_string()),
            Err(bad) => {
                let why = match bad {
                    BadFormat::UnknownField => self.t.format_unknown_field,
                    BadFormat::MissingField => self.t.format_missing_field,
                };
                let message = fill(self.t.config_bad_date_format, &[("key", &name), ("why", &why)]);
                self.problem(value.span(), message);
                None
            }
        }
    }

    fn root(&mut self, root: &DeTable, config: &mut Config) {
        for (key, value) in root.iter() {
            let name = key.get_ref().as_ref();
            match name {
                "language" => {
                    let choices = [("auto", None), ("vi", Some(Lang::Vi)), ("en", Some(Lang::En))];
                    if let Some(lang) = self.choice(name, value, &choices) {
                        config.language = lang;
                    }
                }
                "library" => config.library = self.path(name, value).or(config.library.take()),
                "cache_dir" => config.cache_dir = self.path(name, value).or(config.cache_dir.take()),
                "state_dir" => config.state_dir = self.path(name, value).or(config.state_dir.take()),
                "open_command" => {
                    config.open_command =
                        self.string(name, value).map(str::to_string).filter(|c| !c.trim().is_empty())
                }
                "links" => {
                    let choices: Vec<(&str, LinksMode)> =
                        LinksMode::ALL.iter().map(|m| (m.name(), *m)).collect();
                    config.links = self.choice(name, value, &choices).unwrap_or(config.links);
                }
                "date_format" => {
                    config.dates.date =
                        self.format::<chrono::NaiveDate>(name, value).unwrap_or(config.dates.date.clone())
                }
                "time_format" => {
                    config.dates.time =
                        self.format::<chrono::NaiveTime>(name, value).unwrap_or(config.dates.time.clone())
                }
                "libraries" => self.libraries(value, config),
                "layout" => self.layout(value, config),
                "theme" => self.theme(value, config),
                "keys" => self.keys(value, config),
                _ => self.unknown(key, TOP_LEVEL),
            }
        }
    }

    fn libraries(&mut self, value: &Value, config: &mut Config) {
        let Some(table) = self.table("libraries", value) else { return };
        let mut entries: Vec<_> = table.iter().collect();
        // In the file's order: the reader's switch key goes through them so.
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in entries {
            let name = key.get_ref().to_string();
            if let Some(path) = self.path(&format!("libraries.{name}"), value) {
                config.libraries.push((name, path));
            }
        }
    }

    fn layout(&mut self, value: &Value, config: &mut Config) {
        let Some(table) = self.table("layout", value) else { return };
        for (key, value) in table.iter() {
            let layout = &mut config.layout;
            match key.get_ref().as_ref() {
                "list_width" => {
                    layout.list_width =
                        self.integer("layout.list_width", value, LIST_WIDTHS).unwrap_or(layout.list_width)
                }
                "related_width" => {
                    layout.related_width = self
                        .integer("layout.related_width", value, RELATED_WIDTHS)
                        .unwrap_or(layout.related_width)
                }
                "related" => layout.related = self.boolean("layout.related", value).unwrap_or(layout.related),
                _ => self.unknown(key, LAYOUT),
            }
        }
    }

    fn theme(&mut self, value: &Value, config: &mut Config) {
        let Some(table) = self.table("theme", value) else { return };
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if name == "name" {
                let choices: Vec<(&str, Palette)> = Palette::ALL.iter().map(|p| (p.name(), *p)).collect();
                config.theme.palette =
                    self.choice("theme.name", value, &choices).unwrap_or(config.theme.palette);
                continue;
            }
            let Some(role) = Role::from_name(name) else {
                let mut known = vec!["name"];
                known.extend(Role::ALL.iter().map(|role| role.name()));
                self.unknown(key, &known);
                continue;
            };
            if let Some(style) = self.style(&format!("theme.{name}"), value) {
                config.theme.overrides.push((role, style));
            }
        }
    }

    fn colour(&mut self, value: &Value) -> Option<ratatui::style::Color> {
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type("colour", value, self.t.type_colour);
            return None;
        };
        let colour = parse_colour(text);
        if colour.is_none() {
            let message = fill(self.t.config_bad_colour, &[("value", &text)]);
            self.problem(value.span(), message);
        }
        colour
    }

    /// `"red"` (the foreground) or `{ fg = "black", bg = "yellow", bold = true }`.
    fn style(&mut self, name: &str, value: &Value) -> Option<Style> {
        match value.get_ref() {
            DeValue::String(_) => self.colour(value).map(|colour| Style::new().fg(colour)),
            DeValue::Table(table) => {
                let mut style = Style::new();
                for (key, value) in table.iter() {
                    let field = key.get_ref().as_ref();
                    match field {
                        "fg" => style.fg = self.colour(value).or(style.fg),
                        "bg" => style.bg = self.colour(value).or(style.bg),
                        _ => match ATTRIBUTES.iter().find(|(attribute, _)| *attribute == field) {
                            Some((_, modifier)) => match self.boolean(&format!("{name}.{field}"), value) {
                                Some(true) => style = style.add_modifier(*modifier),
                                Some(false) => style = style.remove_modifier(*modifier),
                                None => {}
                            },
                            None => {
                                let mut known = vec!["fg", "bg"];
                                known.extend(ATTRIBUTES.iter().map(|(attribute, _)| *attribute));
                                self.unknown(key, &known);
                            }
                        },
                    }
                }
                Some(style)
            }
            _ => {
                self.wrong_type(name, value, self.t.type_colour);
                None
            }
        }
    }

    fn keys(&mut self, value: &Value, config: &mut Config) {
        let Some(table) = self.table("keys", value) else { return };
        for (action, value) in table.iter() {
            let name = format!("keys.{}", action.get_ref());
            let spellings: Vec<&Value> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(items) => items.iter().collect(),
                _ => {
                    self.wrong_type(&name, value, self.t.type_keys);
                    continue;
                }
            };
            let mut keys = Vec::new();
            for item in spellings {
                let DeValue::String(spelling) = item.get_ref() else {
                    self.wrong_type(&name, item, self.t.type_keys);
                    continue;
                };
                match parse_key(spelling) {
                    Ok(key) => keys.push((key, self.at(item.span()))),
                    Err(err) => {
                        let why = match err {
                            KeyError::Empty => self.t.key_empty.to_string(),
                            KeyError::Sequence => self.t.key_sequence.to_string(),
                            KeyError::UnknownName(unknown) => {
                                fill(self.t.key_unknown_name, &[("name", &unknown)])
                            }
                        };
                        let message = fill(self.t.config_bad_key, &[("key", &spelling), ("why", &why)]);
                        self.problem(item.span(), message);
                    }
                }
            }
            let at = self.at(action.span());
            config.keys.push(KeySetting { action: action.get_ref().to_string(), at, keys });
        }
    }
}

/// A chrono type a format is tried on.
trait SampleFormat {
    fn try_format(format: &str) -> Result<(), BadFormat>;
}

/// Why a format does not format.
enum BadFormat {
    UnknownField,
    MissingField,
}

fn try_items(format: &str, write: impl FnOnce(&mut String) -> std::fmt::Result) -> Result<(), BadFormat> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(BadFormat::UnknownField);
    }
    let mut out = String::new();
    write(&mut out).map_err(|_| BadFormat::MissingField)
}

impl SampleFormat for chrono::NaiveDate {
    fn try_format(format: &str) -> Result<(), BadFormat> {
        use std::fmt::Write;
        let sample = chrono::NaiveDate::from_ymd_opt(2024, 3, 2).unwrap_or_default();
        try_items(format, |out| write!(out, "{}", sample.format(format)))
    }
}

impl SampleFormat for chrono::NaiveTime {
    fn try_format(format: &str) -> Result<(), BadFormat> {
        use std::fmt::Write;
        let sample = chrono::NaiveTime::from_hms_opt(8, 15, 0).unwrap_or_default();
        try_items(format, |out| write!(out, "{}", sample.format(format)))
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
