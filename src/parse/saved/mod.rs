//! Pages saved inside a wrapper by a browser: MHTML ("Save as… single file", `.mhtml`/`.mht`)
//! and Safari's `.webarchive`. Each wrapper gives back its HTML page, with the URL and the date
//! it knows; the page then goes through the HTML extraction like any other.

mod mhtml;
mod webarchive;

use super::html::single_file;
use super::{SkipReason, MAX_FILE_BYTES};
use crate::article::{Format, Published};

/// An HTML page taken out of its wrapper, and what the wrapper says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPage {
    pub html: String,
    pub provenance: Provenance,
}

/// What a wrapper (or SingleFile's header comment) says of the page it holds: fallbacks for the
/// page's own URL and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Who saved the page, as a warning names it ("SingleFile", "MHTML").
    pub saver: &'static str,
    pub url: Option<String>,
    pub saved: Option<Published>,
}

/// The wrappers newsdesk opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    Mhtml,
    WebArchive,
}

impl Wrapper {
    /// The wrapper `bytes` are, from their content alone.
    pub fn sniff(bytes: &[u8]) -> Option<Wrapper> {
        if webarchive::looks_like(bytes) {
            Some(Wrapper::WebArchive)
        } else if mhtml::looks_like(bytes) {
            Some(Wrapper::Mhtml)
        } else {
            None
        }
    }

    pub fn format(self) -> Format {
        match self {
            Wrapper::Mhtml => Format::Mhtml,
            Wrapper::WebArchive => Format::WebArchive,
        }
    }

    /// The page inside `bytes`. Its HTML is held to [`MAX_FILE_BYTES`] once inline images,
    /// scripts and styles are set aside, as a page saved whole is.
    pub fn open(self, bytes: &[u8]) -> Result<SavedPage, SkipReason> {
        let mut page = match self {
            Wrapper::Mhtml => mhtml::page(bytes)?,
            Wrapper::WebArchive => webarchive::page(bytes)?,
        };
        if page.html.len() as u64 > MAX_FILE_BYTES {
            page.html = String::from_utf8_lossy(&single_file::strip(page.html.as_bytes())).into_owned();
            if page.html.len() as u64 > MAX_FILE_BYTES {
                return Err(SkipReason::TooLarge(page.html.len() as u64));
            }
        }
        if page.html.trim().is_empty() {
            return Err(SkipReason::NoText);
        }
        Ok(page)
    }
}
