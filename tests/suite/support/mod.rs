//! Shared by the tests: fixture libraries and reader sessions, the real binary run under a
//! deadline (with its peak memory), snapshots of the library tree, generated libraries, and the
//! proptest strategies of hostile text.
#![allow(dead_code)]

pub mod epub;
pub mod fidelity;
pub mod generated;
pub mod hostile;
pub mod html_pages;
pub mod library;
pub mod mount;
pub mod process;
pub mod reader;
pub mod reference;
pub mod shapes;
pub mod strategies;
pub mod tmux;
pub mod tree;
pub mod warc;
pub mod zips;

/// The binary as the tests expect it, whoever runs them: in English, on the built-in defaults
/// (no user config file, no locale of the machine's).
pub fn plain_defaults(command: &mut std::process::Command) -> &mut std::process::Command {
    command
        .env("NEWSDESK_CONFIG", "/dev/null")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
}

/// A character no output of newsdesk may carry from a file: C0/C1 controls but newline, and
/// Unicode's default-ignorable characters (bidi controls, zero-width characters and joiners,
/// the soft hyphen, variation selectors, Hangul fillers, TAG characters), as the regex crate's
/// Unicode data has them (not newsdesk's own table).
pub fn is_forbidden(c: char) -> bool {
    static IGNORABLE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^\p{Default_Ignorable_Code_Point}$").unwrap());
    let mut buffer = [0u8; 4];
    (c.is_control() && c != '\n') || IGNORABLE.is_match(c.encode_utf8(&mut buffer))
}

/// Every string in a JSON value, joined: what a JSON consumer would print.
pub fn json_strings(value: &serde_json::Value) -> String {
    let mut out = String::new();
    collect_strings(value, &mut out);
    out
}

fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push_str(k);
            out.push('\n');
            collect_strings(v, out);
        }),
        _ => {}
    }
}

/// Panics naming the first forbidden character of `text` and where it is.
pub fn assert_no_forbidden(text: &str, what: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c)) {
        let context: String = text[at..].chars().take(40).collect();
        panic!("{what}: forbidden character {c:?} at byte {at}: {context:?}");
    }
}

/// Three damaged copies of a file newsdesk keeps beside the index: a byte flipped in the middle
/// (fails the checksum), the first third (fails the shape) and bytes of another kind.
pub fn damaged_copies(written: &[u8]) -> [Vec<u8>; 3] {
    let mut flipped = written.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x5a;
    [flipped, written[..written.len() / 3].to_vec(), b"not a file newsdesk keeps".to_vec()]
}

/// Damages an index the quiet way: one byte in the middle of each of its `.ext` files changed,
/// sizes kept. Only checksums (or tantivy failing to decode) tell.
pub fn flip_a_byte(index_dir: &std::path::Path, ext: &str) {
    for entry in std::fs::read_dir(index_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|found| found == ext) {
            // In place, the size kept: truncating a file that is mapped (an index still open in
            // this process, a merge thread) would kill the process with SIGBUS.
            use std::io::{Read, Seek, SeekFrom, Write};
            let mut file = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
            let middle = file.metadata().unwrap().len() / 2;
            let mut byte = [0u8];
            file.seek(SeekFrom::Start(middle)).unwrap();
            file.read_exact(&mut byte).unwrap();
            file.seek(SeekFrom::Start(middle)).unwrap();
            file.write_all(&[byte[0] ^ 0x5a]).unwrap();
        }
    }
}
