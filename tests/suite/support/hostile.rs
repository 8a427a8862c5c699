//! A hostile library, generated into a folder: broken encodings, binary and huge files, deep
//! and entity-heavy HTML, terminal escape sequences, bidi and zero-width characters, NFD text,
//! symlink loops, a named pipe, a directory named like a file, unreadable files, hostile names.
//! Each entry says what `newsdesk index` must make of it.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

use unicode_normalization::{char::compose, UnicodeNormalization};

#[derive(Debug, Clone)]
pub enum Expect {
    /// Indexed: searching the marker word finds this file and no other.
    Indexed { marker: &'static str },
    /// Reported as skipped, the reason containing this text.
    Skipped { reason: &'static str },
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Inside the library.
    pub path: PathBuf,
    pub what: &'static str,
    pub expect: Expect,
}

/// Vietnamese words every decoding of them must bring back (searched in NFC and NFD).
pub const VIETNAMESE: &str = "tiếng việt";
/// The file name carrying escape sequences (ESC ] 0 title, CSI 2J) and a bidi override.
pub const ESCAPE_NAME: &[u8] = b"\x1b]0;pwned\x07\x1b[2J\xe2\x80\xaename.txt";
/// A file name that is not UTF-8.
pub const NON_UTF8_NAME: &[u8] = b"bad-\xff\xfe-name.txt";

/// The size of the text file far over the 16 MB article limit.
pub const HUGE_BYTES: usize = 50 * 1024 * 1024;

struct Writer<'a> {
    root: &'a Path,
    entries: Vec<Entry>,
}

impl Writer<'_> {
    fn file(&mut self, relative: impl AsRef<Path>, bytes: &[u8], what: &'static str, expect: Expect) {
        let path = self.root.join(relative.as_ref());
        fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        fs::write(&path, bytes).expect("hostile file");
        self.entries.push(Entry { path: relative.as_ref().to_path_buf(), what, expect });
    }

    fn expect(&mut self, relative: &str, what: &'static str, expect: Expect) {
        self.entries.push(Entry { path: PathBuf::from(relative), what, expect });
    }
}

fn indexed(marker: &'static str) -> Expect {
    Expect::Indexed { marker }
}

fn skipped(reason: &'static str) -> Expect {
    Expect::Skipped { reason }
}

/// Writes the library; `unreadable` adds files whose open fails (for an unprivileged reader).
pub fn write_library(root: &Path, unreadable: bool) -> Vec<Entry> {
    let mut w = Writer { root, entries: Vec::new() };
    encodings(&mut w);
    sizes_and_binaries(&mut w);
    markup(&mut w);
    escapes(&mut w);
    filesystem_oddities(&mut w, unreadable);
    w.entries
}

/// The part of the library that is quick to parse in a debug build: encodings, escapes,
/// hostile names, links and pipes (no huge, binary or markup-monster files).
pub fn write_text_library(root: &Path) -> Vec<Entry> {
    let mut w = Writer { root, entries: Vec::new() };
    encodings(&mut w);
    escapes(&mut w);
    filesystem_oddities(&mut w, false);
    w.entries
}

fn vietnamese_article(marker: &str) -> String {
    format!(
        "Tiếng Việt trên báo {marker}\n\nBài viết bằng tiếng Việt có dấu: Hà Nội, Đà Nẵng, Huế.\n\n\
         Người dân đọc tin tức mỗi ngày, nghe đài và xem truyền hình.\n"
    )
}

fn encodings(w: &mut Writer) {
    let text = vietnamese_article("quokkawinviet");
    w.file("encodings/viet-1258.txt", &windows_1258(&text), "Windows-1258 bytes", indexed("quokkawinviet"));
    let latin =
        "Café crème brûlée quokkawinlatin\n\nDéjà vu à l'élève: naïve façade, 50 € ‹guillemets› “quotes”.\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(latin);
    assert!(!unmappable);
    w.file("encodings/cafe-1252.txt", &bytes, "Windows-1252 bytes (0x80, 0x9B)", indexed("quokkawinlatin"));
    let utf16 = |text: &str, big_endian: bool| -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    };
    let with_bom = [&[0xff, 0xfe][..], &utf16(&vietnamese_article("quokkasixteenle"), false)].concat();
    w.file("encodings/utf16-le-bom.txt", &with_bom, "UTF-16 LE with BOM", indexed("quokkasixteenle"));
    let without_bom = utf16(&vietnamese_article("quokkasixteenbe"), true);
    w.file("encodings/utf16-be.txt", &without_bom, "UTF-16 BE without BOM", indexed("quokkasixteenbe"));
    let nfd: String = vietnamese_article("quokkanfd").nfd().collect();
    w.file("encodings/viet-nfd.txt", nfd.as_bytes(), "Vietnamese in NFD", indexed("quokkanfd"));
    let nfc = vietnamese_article("quokkanfc");
    w.file("encodings/viet-nfc.txt", nfc.as_bytes(), "Vietnamese in NFC", indexed("quokkanfc"));
}

/// Vietnamese as Windows-1258 writes it: letters with circumflex, breve or horn precomposed,
/// tone marks as separate combining bytes.
fn windows_1258(text: &str) -> Vec<u8> {
    let is_tone = |c: char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let mut letters = String::new();
    let mut tones = String::new();
    for c in text.nfd() {
        if is_tone(c) {
            tones.push(c);
        } else if let Some(composed) = letters.chars().last().and_then(|base| compose(base, c)) {
            letters.pop();
            letters.push(composed);
        } else {
            letters.push_str(&tones);
            tones.clear();
            letters.push(c);
        }
    }
    letters.push_str(&tones);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&letters);
    assert!(!unmappable, "not representable in Windows-1258: {letters}");
    bytes.into_owned()
}

fn sizes_and_binaries(w: &mut Writer) {
    let blob: Vec<u8> = (0..64 * 1024).map(|i| (i * 7 % 256) as u8).collect();
    w.file("binary/blob.txt", &blob, "binary with NULs", skipped("binary"));
    let png = [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &blob[..4096]].concat();
    w.file("binary/image.html", &png, "a PNG named .html", skipped("binary"));
    w.file("empty.txt", b"", "0-byte file", skipped("empty file"));
    let line = "The quick brown fox jumps over the lazy dog. ";
    let huge = line.repeat(HUGE_BYTES / line.len() + 1);
    w.file("huge.txt", huge.as_bytes(), "a 50 MB text file", skipped("too large"));
    let mut long = String::from("quokkalongline ");
    while long.len() < 1024 * 1024 {
        long.push_str("lorem ipsum dolor sit amet ");
    }
    w.file("one-line.txt", long.as_bytes(), "a 1 MB line without newline", indexed("quokkalongline"));
}

fn markup(w: &mut Writer) {
    let depth = 10_000;
    let deep = format!(
        "<html><head><title>Deep quokkadeephtml</title></head><body>{}<p>Nested words deep down.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    w.file("deep.html", deep.as_bytes(), "HTML nested 10,000 deep", indexed("quokkadeephtml"));
    let unclosed = format!("<html><body><p>quokkaunclosed {}", "<span><b><i>".repeat(depth / 3));
    w.file("unclosed.html", unclosed.as_bytes(), "10,000 unclosed inline tags", indexed("quokkaunclosed"));
    // Entities that decode to controls and bidi overrides, a million of them.
    const ENTITIES: [&str; 8] =
        ["&amp;", "&#27;", "&#x9b;", "&#x202E;", "&nbsp;", "&eacute;", "&#0;", "&lt;"];
    let mut page = String::from("<html><head><title>Entities quokkaentities</title></head><body><p>");
    for i in 0..1_000_000 {
        page.push_str(ENTITIES[i % ENTITIES.len()]);
        if i % 1000 == 999 {
            page.push_str(" word</p><p>");
        }
    }
    page.push_str("</p></body></html>");
    w.file("entities.html", page.as_bytes(), "an HTML page of a million entities", indexed("quokkaentities"));
    let quotes = format!("# Deep quote quokkadeepmd\n\n{} nested quote\n", ">".repeat(depth));
    w.file("deep.md", quotes.as_bytes(), "Markdown quotes nested 10,000 deep", indexed("quokkadeepmd"));
    let arrays =
        format!("{{\"title\": \"quokkadeepjson\", \"body\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    w.file("deep.json", arrays.as_bytes(), "JSON arrays nested 10,000 deep", skipped("invalid"));
}

/// CSI 2J (clear), OSC 0 (title), OSC 8 (hyperlink), OSC 52 (clipboard), C1 CSI, bidi overrides
/// and zero-width characters, with words before, inside and after them that must survive.
const ESCAPES: &str = "Escapes quokkaescapes \u{1b}[2J\u{1b}]0;pwned title\u{7} end\n\n\
    Click \u{1b}]8;;https://evil.example/\u{1b}\\quokkalinktext\u{1b}]8;;\u{1b}\\ now.\n\
    Copy \u{1b}]52;c;cm0gLXJmIH4K\u{7}quokkaafterclip and \u{9b}31mred\u{9b}0m text.\n\
    Bidi \u{202e}desrever\u{202c} and \u{2066}isolated\u{2069}, zero\u{200b}width, joi\u{200d}ner, \u{feff}bom.\n\
    Unterminated \u{1b}]0;never ends quokkaunterminated";

fn escapes(w: &mut Writer) {
    w.file("escapes/escapes.txt", ESCAPES.as_bytes(), "escape sequences in text", indexed("quokkaescapes"));
    let json = serde_json::json!({
        "title": "JSON \u{1b}[2J quokkajsonescapes \u{202e}",
        "author": "\u{1b}]0;author\u{7}Ann",
        "body": ESCAPES.replace("quokka", "jsonquokka"),
        "related": [{"title": "\u{9b}1mlink\u{1b}]8;;x\u{1b}\\", "url": "https://e.example/\u{1b}[2J"}],
    });
    w.file(
        "escapes/escapes.json",
        json.to_string().as_bytes(),
        "escapes in JSON strings",
        indexed("quokkajsonescapes"),
    );
    let html = format!(
        "<html><head><title>\u{1b}]0;t\u{7}HTML quokkahtmlescapes</title></head><body><article><p>{}</p>\
         <p>&#27;[2J&#x1b;]52;c;eA==&#7; entity escapes &#x202e;</p></article></body></html>",
        ESCAPES.replace("quokka", "htmlquokka").replace('\n', "</p><p>")
    );
    w.file(
        "escapes/escapes.html",
        html.as_bytes(),
        "escapes in HTML, raw and as entities",
        indexed("quokkahtmlescapes"),
    );
    let markdown = format!(
        "---\ntitle: \"\u{202e}Bidi quokkabidimd\u{202c}\"\ntags: [\"\u{200b}x\"]\n---\n\n{}\n",
        ESCAPES.replace("quokka", "mdquokka")
    );
    w.file(
        "escapes/bidi.md",
        markdown.as_bytes(),
        "bidi and zero-width in Markdown",
        indexed("quokkabidimd"),
    );
    w.file(
        OsStr::from_bytes(ESCAPE_NAME),
        b"Hostile name quokkaescapename\n\nText.\n",
        "escapes in a file name",
        indexed("quokkaescapename"),
    );
    w.file(
        OsStr::from_bytes(NON_UTF8_NAME),
        b"Bad name quokkabadname\n\nText.\n",
        "a file name that is not UTF-8",
        indexed("quokkabadname"),
    );
}

fn filesystem_oddities(w: &mut Writer, unreadable: bool) {
    let root = w.root.to_path_buf();
    fs::create_dir_all(root.join("loops")).expect("loops");
    symlink("self.txt", root.join("loops/self.txt")).expect("symlink");
    w.expect("loops/self.txt", "a symlink to itself", skipped("cannot read"));
    symlink("b.txt", root.join("loops/a.txt")).expect("symlink");
    symlink("a.txt", root.join("loops/b.txt")).expect("symlink");
    w.expect("loops/a.txt", "two symlinks in a loop", skipped("cannot read"));
    w.expect("loops/b.txt", "two symlinks in a loop", skipped("cannot read"));
    symlink("..", root.join("loops/up")).expect("symlink");
    symlink(".", root.join("loops/here")).expect("symlink");
    let fifo = std::ffi::CString::new(root.join("pipe.txt").as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    w.expect("pipe.txt", "a named pipe", skipped("not a regular file"));
    w.file(
        "x.txt/inside.json",
        br#"{"title": "Inside quokkainside"}"#,
        "in a directory named x.txt",
        indexed("quokkainside"),
    );
    if unreadable {
        w.file(
            "secret.txt",
            b"Secret quokkasecret\n",
            "a file that cannot be opened",
            skipped("cannot read"),
        );
        fs::set_permissions(root.join("secret.txt"), fs::Permissions::from_mode(0o000)).expect("chmod");
        w.file(
            "locked/hidden.txt",
            b"Hidden quokkalocked\n",
            "in a folder that cannot be listed",
            skipped("cannot read"),
        );
        w.entries.pop();
        w.expect("locked", "a folder that cannot be listed", skipped("cannot read"));
        fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).expect("chmod");
    }
}
