//! Does the page-dump parser read structure, or the tuning pages' words and spacing? Each tuning
//! dump is read again in variants that leave every expectation true but change what a layout
//! the parser was not written against changes: the blank lines (some outlets separate every
//! block, most none), and the words of the furniture lines (a site's menu and widgets in words no
//! list holds). Prints the figures (`cargo test --test suite page_dump_variants -- --nocapture`)
//! and holds floors, so a rule that leans on one page's spacing or one site's words shows here.

use std::path::{Path, PathBuf};

use newsdesk::parse::{parse_in, ParseContext};

use crate::support::fidelity::{checks, expectations, Expected, Tally};

fn tuning() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/page_dumps/tuning")
}

/// Every tuning dump, changed by `variant` (text and expectations), parsed by the single-file
/// rules (a variant is one page of a site: nothing to learn from).
fn tally(variant: impl Fn(&str, &mut Expected) -> String) -> Tally {
    let mut tally = Tally::default();
    for (path, mut expected) in expectations(&tuning()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let changed = variant(&text, &mut expected);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let article = parse_in(Path::new(&name), changed.as_bytes(), ParseContext::default())
            .unwrap_or_else(|reason| panic!("{name}: {reason}"));
        tally.add(&name, &expected.outlet, checks(&expected, &article));
    }
    tally
}

fn as_is(text: &str, _: &mut Expected) -> String {
    text.to_string()
}

fn no_blank_lines(text: &str, _: &mut Expected) -> String {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect()
}

fn blank_between_all(text: &str, _: &mut Expected) -> String {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n\n")).collect()
}

/// A word of the same length and case made of other letters: "Most read" → "Vøbi luzg".
fn invented(word: &str, seed: u64) -> String {
    const LETTERS: &[char] = &['b', 'd', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 'v', 'z', 'o', 'u', 'a'];
    let mut state = seed;
    word.chars()
        .map(|c| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            if !c.is_alphabetic() {
                return c;
            }
            let letter = LETTERS[(state >> 33) as usize % LETTERS.len()];
            if c.is_uppercase() {
                letter.to_ascii_uppercase()
            } else {
                letter
            }
        })
        .collect()
}

/// The expectation's furniture lines that are whole lines of the page, in invented words (the
/// expected furniture renamed with them); lines that hold an expected field's text, the byline,
/// dates and the headers of blocks whose items are expected (what makes them related) stay.
fn invented_furniture(text: &str, expected: &mut Expected) -> String {
    let mut kept: Vec<String> = vec![expected.title.clone()];
    kept.extend(expected.category.clone());
    kept.extend(expected.tags.iter().cloned());
    kept.extend(expected.captions.iter().cloned());
    kept.extend(expected.related.iter().flat_map(|l| [Some(l.title.clone()), l.category.clone()]).flatten());
    let author = expected.author.clone().unwrap_or_default().to_lowercase();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // A block's header says what its items are (related or site-wide): that is words, kept.
    let heads_a_block = |f: &str| {
        let next = lines.iter().position(|l| *l == f).and_then(|at| lines.get(at + 1));
        next.is_some_and(|next| kept.iter().any(|k| next.contains(k.as_str())))
    };
    let renamed: Vec<(String, String)> = expected
        .furniture
        .iter()
        .enumerate()
        .filter(|(_, f)| text.lines().any(|l| l.trim() == f.as_str()))
        .filter(|(_, f)| !kept.iter().any(|k| k.contains(f.as_str()) || f.contains(k.as_str())))
        // Dates and names are kept: their shape is what the parser reads, not their words.
        .filter(|(_, f)| !f.chars().any(|c| c.is_ascii_digit()))
        .filter(|(_, f)| author.is_empty() || !f.to_lowercase().contains(&author))
        .filter(|(_, f)| !heads_a_block(f))
        .map(|(at, f)| {
            let words: Vec<String> =
                f.split(' ').enumerate().map(|(w, word)| invented(word, (at * 31 + w) as u64)).collect();
            (f.clone(), words.join(" "))
        })
        .collect();
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim();
            renamed.iter().find(|(from, _)| from == trimmed).map_or(line.to_string(), |(_, to)| to.clone())
        })
        .collect();
    for furniture in &mut expected.furniture {
        if let Some((_, to)) = renamed.iter().find(|(from, _)| from == furniture) {
            *furniture = to.clone();
        }
    }
    lines.join("\n") + "\n"
}

/// A variant: the page's text, changed, and its expectations changed with it.
type Variant = fn(&str, &mut Expected) -> String;

#[test]
fn tuning_dumps_read_alike_in_every_variant() {
    let variants: [(&str, Variant, f64); 4] = [
        ("as they are, single-file rules", as_is, 0.98),
        ("without blank lines", no_blank_lines, 0.98),
        ("a blank line after every line", blank_between_all, 0.98),
        ("furniture in invented words", invented_furniture, 0.92),
    ];
    for (label, variant, floor) in variants {
        let tally = tally(variant);
        println!("{}", tally.report(&format!("tuning dumps {label}")));
        assert!(tally.share() >= floor, "{label}: {:.3} of fields right, below {floor}", tally.share());
    }
}
