//! Names the git commit a binary was built from, for `newsdesk --version`. A build outside a
//! git checkout (a release tarball, a vendored copy) says "unknown" instead of failing.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

/// A missing file would make cargo run this script, and rebuild the crate, every time: a branch
/// kept only in `packed-refs` is watched through that file.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // Only this package's own checkout counts: a tarball unpacked inside another repository
    // must not report that repository's commit.
    let own_checkout = git(&["-C", &manifest, "rev-parse", "--show-toplevel"])
        .is_some_and(|top| Path::new(&top).canonicalize().ok() == Path::new(&manifest).canonicalize().ok());
    let commit = own_checkout.then(|| git(&["-C", &manifest, "rev-parse", "--short=12", "HEAD"])).flatten();
    println!("cargo:rustc-env=NEWSDESK_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
    // Built again when HEAD moves: HEAD itself, the branch it points to, and packed refs.
    if own_checkout {
        for name in ["HEAD", "packed-refs"] {
            if let Some(path) = git(&["-C", &manifest, "rev-parse", "--git-path", name]) {
                watch(&Path::new(&manifest).join(path));
            }
        }
        if let Some(branch) = git(&["-C", &manifest, "symbolic-ref", "-q", "HEAD"]) {
            if let Some(path) = git(&["-C", &manifest, "rev-parse", "--git-path", &branch]) {
                watch(&Path::new(&manifest).join(path));
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
