//! Every user-facing string, one table per language: [`EN`] and [`VI`]. A parameter is written
//! `{name}` and filled by [`fill`]; a count picks its `_one` or `_other` form with
//! [`Strings::count`] (Vietnamese has one form, English two).
//!
//! The reader carries its table in its state (tests draw both languages side by side); the
//! commands and the layers below the reader use the process's table, [`text`], which `main`
//! sets once from the config or the locale.

mod en;
mod vi;

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

pub use en::EN;
pub use vi::VI;

pub const APP_NAME: &str = "newsdesk";
pub const SEARCH_PROMPT: &str = "/ ";
pub const SAVED_MARK: &str = "●";
pub const UNSAVED_MARK: &str = "○";
pub const UNREAD_MARK: &str = "•";
/// After a story's count in the list: its copies folded into its row, or shown under it.
pub const COPIES_FOLDED: &str = "▸";
pub const COPIES_SHOWN: &str = "▾";
/// Before the title of a story's copy shown under it.
pub const COPY_MARK: &str = "↳";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    pub fn text(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The locale's language (`LC_ALL`, else `LC_MESSAGES`, else `LANG`): Vietnamese when it
    /// starts with `vi`, English otherwise.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(locale) if locale.starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }

    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }
}

static PROCESS_LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of [`text`] for the whole process (`main` does, once).
pub fn set_process_language(lang: Lang) {
    PROCESS_LANG.store(lang as u8, Ordering::Relaxed);
}

/// The process's table: the commands' and the index's messages.
pub fn text() -> &'static Strings {
    match PROCESS_LANG.load(Ordering::Relaxed) {
        1 => &VI,
        _ => &EN,
    }
}

/// `template` with each `{name}` replaced by its value. A name without a value stays as it is
/// (a test checks every template's names against its callers' in both languages).
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(key, _)| *key == name).map(|(_, value)| (close, value))
        });
        match value {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{parameters}` of a template, in order.
pub fn parameters(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

/// Declares the table: one `&'static str` per entry, and the list of them for the tests.
macro_rules! table {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// One language's strings. Adding an entry means writing it in every language.
        #[derive(Debug)]
        pub struct Strings {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl Strings {
            /// Every entry with its name.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name)),*]
            }
        }
    };
}

mod entries;
pub use entries::Strings;

impl Strings {
    /// `one` or `other` by `n`, with `{n}` filled.
    pub fn count(&self, n: usize, one: &str, other: &str) -> String {
        fill(if n == 1 { one } else { other }, &[("n", &n)])
    }

    /// The template `template` of this table with `args`.
    pub fn fill(&self, template: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(template, args)
    }

    /// Why `o` did not open a link.
    pub fn refusal(&self, refusal: &crate::handoff::Refusal) -> String {
        use crate::handoff::Refusal;
        match refusal {
            Refusal::Scheme(scheme) => {
                let scheme: String = scheme.chars().take(20).collect();
                fill(self.refused_scheme, &[("scheme", &scheme)])
            }
            Refusal::NotAUrl => self.refused_not_url.to_string(),
            Refusal::Controls => self.refused_controls.to_string(),
            Refusal::TooLong(bytes) => fill(self.refused_too_long, &[("bytes", bytes)]),
        }
    }

    /// The empty-library screen: where to put articles.
    pub fn empty_library(&self, library: &str, missing: bool, quit_key: &str) -> Vec<String> {
        let first = if missing { self.library_missing } else { self.library_empty };
        vec![
            fill(first, &[("library", &library)]),
            String::new(),
            self.empty_howto_put.into(),
            self.empty_howto_open.into(),
            String::new(),
            "    newsdesk path/to/articles".into(),
            "    newsdesk --library path/to/articles".into(),
            "    NEWSDESK_LIBRARY=path/to/articles newsdesk".into(),
            String::new(),
            fill(self.press_to_quit, &[("key", &quit_key)]),
        ]
    }
}

#[cfg(test)]
mod tests;
