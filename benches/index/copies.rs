//! The large library of the scale figures: a corpus folder copied `copies` times, each copy's
//! article bodies with their sentences shuffled (copy 0 as it is), so no two copies share a
//! file's content and every copy is indexed as new articles.

use std::fs;
use std::path::Path;

/// Written last: a folder holding it is a complete library of that many copies, reused.
const DONE_FILE: &str = ".copies-done";

/// Builds `copies` copies of the corpus's files under `out` (`out/copy-NN/…`), unless a complete
/// build of the same count is already there. Returns the number of files written or found.
pub fn build(corpus: &Path, out: &Path, copies: usize) -> usize {
    let done = out.join(DONE_FILE);
    if let Ok(text) = fs::read_to_string(&done) {
        if let Some((count, files)) = text.trim().split_once(' ') {
            if count.parse() == Ok(copies) {
                return files.parse().unwrap_or(0);
            }
        }
    }
    let mut names: Vec<_> = fs::read_dir(corpus)
        .expect("corpus folder")
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name())
        .filter(|name| !name.to_string_lossy().starts_with('.'))
        .collect();
    names.sort();
    let mut written = 0;
    for copy in 0..copies {
        let folder = out.join(format!("copy-{copy:02}"));
        fs::create_dir_all(&folder).expect("copy folder");
        for (number, name) in names.iter().enumerate() {
            let bytes = fs::read(corpus.join(name)).expect("corpus file");
            let text = match String::from_utf8(bytes) {
                Ok(text) if copy > 0 => shuffled(&text, seed(copy, number)),
                Ok(text) => text,
                Err(not_utf8) => {
                    fs::write(folder.join(name), not_utf8.as_bytes()).expect("write");
                    written += 1;
                    continue;
                }
            };
            fs::write(folder.join(name), text).expect("write");
            written += 1;
        }
    }
    fs::write(&done, format!("{copies} {written}\n")).expect("done file");
    written
}

fn seed(copy: usize, number: usize) -> u64 {
    (copy as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (number as u64).wrapping_mul(0xD1B5_4A32_D192_ED03)
        | 1
}

/// The first two lines (title, lead) as they are; every later line's sentences in another order.
fn shuffled(text: &str, mut seed: u64) -> String {
    let mut next = move |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let mut out = String::with_capacity(text.len() + 2);
    for (number, line) in text.split('\n').enumerate() {
        if number > 0 {
            out.push('\n');
        }
        if number < 2 {
            out.push_str(line);
            continue;
        }
        let mut sentences: Vec<&str> = line.split_inclusive(". ").collect();
        for at in (1..sentences.len()).rev() {
            sentences.swap(at, next(at + 1));
        }
        for sentence in sentences {
            out.push_str(sentence.trim_end());
            out.push(' ');
        }
        out.pop();
    }
    out
}
