use std::fs;

use super::FILES_PER_BATCH;
use crate::index::{Index, Phase, Progress};

/// A first build reads each batch as the walk finds it (its first report counts one batch
/// found), never the whole library listed first; and it indexes every file all the same.
#[test]
fn a_first_build_reads_while_the_walk_goes_on() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let count = FILES_PER_BATCH * 3 + 1;
    for n in 0..count {
        let folder = library.path().join(format!("nhom-{}", n % 2));
        fs::create_dir_all(&folder).unwrap();
        let body = format!("Bài số {n}\n\nNội dung bài viết số {n}, viết cho phép thử này.\n");
        fs::write(folder.join(format!("bai-{n:03}.txt")), body).unwrap();
    }
    let (index, _) = Index::open(library.path(), &cache.path().join("index")).unwrap();
    let mut totals = Vec::new();
    let mut progress = |step: Progress| {
        if step.phase == Phase::Parsing {
            totals.push((step.done, step.total));
        }
    };
    let summary = index.refresh(false, &mut progress).unwrap();
    assert_eq!((summary.seen, summary.added, summary.files_read), (count, count, count));
    assert_eq!(index.len(), count);
    assert_eq!(
        totals.first(),
        Some(&(1, FILES_PER_BATCH)),
        "the first batch is read before the rest is found"
    );
    assert!(totals.iter().all(|(done, total)| done <= total && *total <= count), "{totals:?}");

    // Nothing changed: nothing read; one file renamed: its content reused, not parsed.
    let again = index.refresh(false, &mut |_| {}).unwrap();
    assert_eq!((again.unchanged, again.files_read), (count, 0));
    let from = library.path().join("nhom-0/bai-000.txt");
    fs::rename(&from, library.path().join("nhom-1/doi-ten.txt")).unwrap();
    let renamed = index.refresh(false, &mut |_| {}).unwrap();
    assert_eq!((renamed.renamed, renamed.added, renamed.removed), (1, 0, 0));
    assert_eq!(index.len(), count);
}
