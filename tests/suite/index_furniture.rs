//! Furniture learned per site while indexing: the invented site of
//! tests/fixtures/page_dumps/site_learned loses its menu, advert label and footer once three of
//! its dumps are in the library; only a site whose learned lines change has its dumps parsed
//! again; the model's file beside the index is rebuilt when it is damaged or foreign; and
//! `show` reads a library's file with what its index learned.

use std::fs;
use std::path::PathBuf;

use newsdesk::index::{load_furniture, FURNITURE_FILE};
use newsdesk::parse::{read_article_in, ParseContext};

use crate::support::library::{hit_names, refresh, Library};
use crate::support::process::Newsdesk;

const SITE: [&str; 5] =
    ["banh-mi-nua-dem", "cho-hoa-dong-van", "doi-bong-phuong", "gia-thue-tro-tang", "tram-xe-dap-cong-cong"];

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/page_dumps/site_learned");
    fs::read_to_string(path.join(format!("{name}.txt"))).unwrap()
}

/// The five dumps of the site under `brawm/`, and a plain text of another kind.
fn library() -> Library {
    let library = Library::new();
    for name in SITE {
        library.write(&format!("brawm/{name}.txt"), &fixture(name));
    }
    library.write("notes/plain.txt", "Một ghi chép\n\nĐoạn văn đầu tiên của ghi chép này.\n");
    library
}

#[test]
fn a_sites_furniture_is_learned_and_only_its_dumps_are_parsed_again() {
    let library = library();
    let (index, _) = library.open();
    let first = refresh(&index);
    assert_eq!(
        (first.added, first.relearned),
        (6, 5),
        "every dump of the site read again with what was learned"
    );
    // The advert label between two paragraphs is no heading, so it is not searchable text.
    assert!(hit_names(&index, "Quơnlia").is_empty(), "{:?}", hit_names(&index, "Quơnlia"));
    assert_eq!(hit_names(&index, "bánh mì nửa đêm"), ["banh-mi-nua-dem.txt"]);

    // Nothing changed: no work. Another file: the site's furniture is the same.
    assert_eq!(refresh(&index).relearned, 0);
    library.write("notes/second.txt", "Ghi chép thứ hai\n\nMột đoạn văn khác của ghi chép.\n");
    let other = refresh(&index);
    assert_eq!((other.added, other.relearned), (1, 0));

    // Three dumps fewer: two are not enough to learn from, so the two left are read again.
    for name in &SITE[..3] {
        fs::remove_file(library.path(&format!("brawm/{name}.txt"))).unwrap();
    }
    let fewer = refresh(&index);
    assert_eq!((fewer.removed, fewer.relearned), (3, 2));
    assert!(load_furniture(&library.index_dir()).is_none());
    assert_eq!(
        hit_names(&index, "Quơnlia").len(),
        2,
        "single-file rules take the advert label for a heading"
    );
}

/// A headline that several pages of a site link to (and one is) recurs too: it must not be
/// learned as furniture. The sample library has two such sites.
#[test]
fn the_sample_library_reads_the_same_with_what_its_index_learned() {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-articles");
    let cache = tempfile::tempdir().unwrap();
    let (index, _) = newsdesk::index::Index::open(&samples, &cache.path().join("index")).unwrap();
    assert!(refresh(&index).relearned > 0, "the sample library has sites to learn from");
    let model = load_furniture(&cache.path().join("index")).unwrap();
    for file in newsdesk::scan::scan_library(&samples).unwrap().files {
        let learned = articles_of(&file.path, ParseContext { furniture: Some(&model), ..Default::default() });
        let alone = articles_of(&file.path, ParseContext::default());
        assert_eq!(learned, alone, "{}", file.path.display());
    }
}

/// The article of a file, or every member of a file of many.
fn articles_of(path: &std::path::Path, context: ParseContext) -> Vec<newsdesk::article::Article> {
    use newsdesk::parse::{container_kind_at, read_members_at, LastLink, Limits};
    if !matches!(container_kind_at(path, LastLink::Follow), Ok(Some(_))) {
        return vec![read_article_in(path, context).unwrap()];
    }
    let mut members = Vec::new();
    read_members_at(path, LastLink::Follow, context, Limits::default(), &mut |article| {
        members.push(article);
        true
    })
    .unwrap();
    members
}

#[test]
fn a_damaged_or_foreign_model_file_is_rebuilt() {
    let library = library();
    let (index, _) = library.open();
    refresh(&index);
    let model_file = library.index_dir().join(FURNITURE_FILE);
    let intact = fs::read(&model_file).unwrap();

    let mut damaged = intact.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x01;
    fs::write(&model_file, &damaged).unwrap();
    assert!(load_furniture(&library.index_dir()).is_none(), "a damaged file is not trusted");
    let repaired = refresh(&index);
    assert_eq!((repaired.unchanged, repaired.relearned), (6, 5));
    assert_eq!(fs::read(&model_file).unwrap(), intact);

    // An intact model file of another library: not the one this index was committed with.
    let other = Library::new();
    other.write("x/one.txt", &fixture(SITE[0]));
    other.indexed();
    fs::copy(other.index_dir().join(FURNITURE_FILE), &model_file).unwrap();
    assert_eq!(refresh(&index).relearned, 5);
    assert_eq!(fs::read(&model_file).unwrap(), intact);
    assert!(hit_names(&index, "Quơnlia").is_empty());
}

#[test]
fn show_reads_a_library_file_with_what_its_index_learned() {
    let library = library();
    library.indexed();
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    let file = library.path("brawm/cho-hoa-dong-van.txt");
    let shown = newsdesk.run(&["show", "--json", file.to_str().unwrap()]);
    shown.assert_success("show --json");
    let article: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(article["related"].as_array().unwrap().len(), 2, "{}", shown.stdout);
    assert!(!shown.stdout.contains("Quơnlia"), "{}", shown.stdout);

    let explained = newsdesk.run(&["show", "--explain", file.to_str().unwrap()]);
    explained.assert_success("show --explain");
    let header = explained.stdout.lines().next().unwrap_or_default();
    assert!(header.ends_with(" lines, read with the furniture learned from the library"), "{header}");
    let advert = explained.stdout.lines().find(|line| line.ends_with("Rao Quơnlia")).unwrap();
    assert!(advert.contains("furniture") && advert.contains("learned"), "{advert}");
    assert!(explained
        .stdout
        .lines()
        .any(|line| line.contains(" title ") && line.ends_with("tiểu thương lo vắng khách")));

    // Outside the library, the same file is read by the single-file rules alone.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.txt");
    fs::copy(&file, &copy).unwrap();
    let alone = newsdesk.run(&["show", "--json", copy.to_str().unwrap()]);
    assert!(alone.stdout.contains("Quơnlia"), "{}", alone.stdout);
    // Alone, the invented newsletter line under the related box reads as one more related link.
    assert!(read_article_in(&copy, ParseContext::default()).unwrap().related.len() > 2);
}
