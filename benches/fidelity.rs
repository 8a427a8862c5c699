//! Fidelity of the page-dump parser on any folder of dumps with `.expected.json` files
//! (format in tests/fixtures/page_dumps/README.md):
//!
//! ```text
//! cargo bench --bench fidelity -- DIR [--single-file] [--heldout]
//! ```
//!
//! Parses every dump as `index` would, with the furniture learned from the folder (or, with
//! `--single-file`, by the single-file rules alone), and prints fields right / checked per field,
//! per outlet, and every failed check. A held-out folder (a path with a folder named `heldout…` in it)
//! measures a parser that was not written against it: it is read only with `--heldout`, and then
//! only its aggregate and per-field figures are printed, never a file's result.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../tests/suite/support/fidelity.rs"]
mod fidelity;

use fidelity::{checks, expectations, learn_from, unread, Tally};
use newsdesk::parse::{read_article_in, ParseContext};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| arg != "--bench").collect();
    let flag = |name: &str| args.iter().any(|arg| arg == name);
    let Some(dir) = args.iter().find(|arg| !arg.starts_with("--")).map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench fidelity -- DIR [--single-file] [--heldout]");
        return ExitCode::from(2);
    };
    let held_out = dir.components().any(|part| part.as_os_str().to_string_lossy().starts_with("heldout"));
    if held_out && !flag("--heldout") {
        eprintln!(
            "{} is a held-out set: it is measured once, with --heldout, and only its aggregate is printed",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let set = expectations(&dir);
    if set.is_empty() {
        eprintln!("no .expected.json files in {}", dir.display());
        return ExitCode::from(2);
    }
    let learn = !flag("--single-file");
    let model = learn.then(|| learn_from(set.iter().map(|(path, _)| path.as_path())));
    let context = ParseContext { furniture: model.as_ref(), ..Default::default() };
    let mut tally = Tally::default();
    for (path, expected) in &set {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match read_article_in(path, context) {
            Ok(article) => tally.add(&name, &expected.outlet, checks(expected, &article)),
            Err(reason) => tally.add(&name, &expected.outlet, unread(expected, &reason.to_string())),
        }
    }
    let how = if learn { "with the furniture learned from the folder" } else { "by the single-file rules" };
    let label = format!("{} ({} dumps, {how})", dir.display(), set.len());
    if held_out {
        print!("{}", tally.summary(&label));
    } else {
        print!("{}", tally.report(&label));
    }
    ExitCode::SUCCESS
}
