//! How well page dumps from many outlets are read: every field of every dump in
//! tests/fixtures/page_dumps/tuning (and the page dumps of the sample library, and the seed when
//! it is beside the checkout) against its hand-written expectations. Prints the report
//! (`cargo test --test suite page_dump_fidelity -- --nocapture`) and holds a floor.
//! The held-out dumps are measured only when `NEWSDESK_FIDELITY_HELDOUT=1`, and then only their
//! aggregate and per-field figures are printed: they measure the parser, nobody tunes on them.

use std::path::{Path, PathBuf};

use newsdesk::article::{Article, BlockKind};
use newsdesk::parse::{read_article, read_article_in, ParseContext};

use crate::support::fidelity::{checks, expectations, learn_from, Check, Expected, ExpectedLink, Tally};

/// The share of fields the tuning set, the samples and the seed must get right.
const FLOOR: f64 = 0.99;
/// The share of fields of the first four spent held-out sets, together, that must be right.
const FLOOR_SPENT: f64 = 0.96;
/// `tuning2/`: the held-out sets of the first four rounds, measured and reported several times,
/// then given to the parser's author as tuning pages (one folder each, so each keeps its figure).
const SPENT: [&str; 4] = ["was_heldout", "was_heldout2", "was_heldout3", "was_heldout4"];
/// `tuning2/was_heldout5`: the fifth round's held-out set (24 layouts in no other folder), spent
/// after two runs (254/360), tuned on in the sixth round (341/360; 343 after the seventh; 340 once
/// the eighth removed the rules that served it alone), held at what it scores (its own floor: it
/// would hide in the others' total).
const SPENT5: &str = "was_heldout5";
const FLOOR_SPENT5: f64 = 0.94;
/// `tuning2/was_heldout6`: the sixth round's held-out set (24 more layouts in no other folder),
/// spent after two runs (276 and 293/360), tuned on in the seventh round (344/360; 339 once the
/// eighth removed the rules that served it alone); its own floor likewise.
const SPENT6: &str = "was_heldout6";
const FLOOR_SPENT6: f64 = 0.95;
/// `tuning2/was_heldout7`: the seventh round's held-out set (24 more layouts in no other folder),
/// spent after two runs (283 and 285/360), tuned on in the eighth round (308/360); its own floor
/// likewise.
const SPENT7: &str = "was_heldout7";
const FLOOR_SPENT7: f64 = 0.87;
/// `tuning2/was_heldout8`: the eighth round's held-out set (24 more layouts in no other folder),
/// spent after two runs (279 and 285/360), tuned on in the ninth round (333/360); its own floor
/// likewise.
const SPENT8: &str = "was_heldout8";
const FLOOR_SPENT8: f64 = 0.92;
/// `tuning2/was_heldout9`: the ninth round's held-out set (24 more layouts in no other folder),
/// spent after two runs (316 and 317/360), tuned on in the tenth round (351/360); its own floor
/// likewise.
const SPENT9: &str = "was_heldout9";
const FLOOR_SPENT9: f64 = 0.97;
/// `tuning2/was_heldout10`: the tenth round's held-out set (24 more layouts in no other folder),
/// spent after two runs (306 and 309/360), tuned on in the eleventh round (338/360; 335 once the
/// twelfth removed four rules that served one page of it alone); its own floor likewise.
const SPENT10: &str = "was_heldout10";
const FLOOR_SPENT10: f64 = 0.94;
/// `tuning2/was_heldout11`: the eleventh round's held-out set (24 more layouts in no other folder),
/// spent after two runs (293 and 296/360), tuned on with all the spent sets in the twelfth round
/// (299/360); its own floor likewise.
const SPENT11: &str = "was_heldout11";
const FLOOR_SPENT11: f64 = 0.84;
/// `tuning2/was_heldout12`: the twelfth round's held-out set (24 more layouts in no other folder),
/// spent after two runs (302 and 301/360); its own floor likewise.
const SPENT12: &str = "was_heldout12";
const FLOOR_SPENT12: f64 = 0.83;
/// `tuning2/was_heldout13`: the thirteenth round's held-out set (24 more layouts in no other
/// folder), spent after two runs (305 and 305/360); its own floor likewise.
const SPENT13: &str = "was_heldout13";
const FLOOR_SPENT13: f64 = 0.84;
/// `tuning2/was_heldout14`: the fourteenth round's held-out set (24 more layouts in no other
/// folder), spent after two runs (279 and 275/360); its own floor likewise.
const SPENT14: &str = "was_heldout14";
const FLOOR_SPENT14: f64 = 0.76;
/// `tuning2/was_heldout15`: the fifteenth round's held-out set (24 more layouts in no other
/// folder), spent after three runs (281/360 each); its own floor likewise.
const SPENT15: &str = "was_heldout15";
const FLOOR_SPENT15: f64 = 0.78;
/// `tuning2/was_heldout16`: the sixteenth round's held-out set (24 more layouts in no other
/// folder), spent after two runs (281 and 285/360); its own floor likewise.
const SPENT16: &str = "was_heldout16";
const FLOOR_SPENT16: f64 = 0.79;
/// `tuning2/was_heldout17`: the seventeenth round's held-out set (24 more layouts in no other
/// folder), spent after two runs (285/360 both); its own floor likewise.
const SPENT17: &str = "was_heldout17";
const FLOOR_SPENT17: f64 = 0.79;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn dumps(folder: &str) -> PathBuf {
    root().join("tests/fixtures/page_dumps").join(folder)
}

/// Every dump of `dir` against its expectations, parsed as `index` would: with the furniture
/// learned from the folder's dumps (`learn`), or by the single-file rules alone.
fn tally_folder(dir: &Path, learn: bool, tally: &mut Tally) {
    let set = expectations(dir);
    assert!(!set.is_empty(), "no dumps in {}", dir.display());
    let model = learn.then(|| learn_from(set.iter().map(|(path, _)| path.as_path())));
    let context = ParseContext { furniture: model.as_ref(), ..Default::default() };
    for (path, expected) in set {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let article = read_article_in(&path, context).unwrap_or_else(|reason| panic!("{name}: {reason}"));
        tally.add(&name, &expected.outlet, checks(&expected, &article));
    }
}

/// The sample library's page dumps, with the fields their expectations pin.
fn tally_samples(tally: &mut Tally) {
    let samples = crate::samples::expectations();
    for sample in samples.into_iter().filter(|s| s.format == "page_dump") {
        let expected = Expected {
            outlet: "sample library".into(),
            title: sample.title,
            published: sample.published,
            category: sample.category,
            author: sample.author,
            source: sample.source,
            tags: sample.tags,
            lead: sample.lead,
            headings: sample.headings,
            captions: sample.captions,
            related: sample
                .related
                .into_iter()
                .map(|l| ExpectedLink {
                    title: l.title,
                    category: l.category,
                    published: None,
                    summary: l.summary,
                })
                .collect(),
            body_first: None,
            body_last: None,
            furniture: sample.body_must_not_contain,
            unpinned: vec!["body first", "body last"],
            furniture_in_body_only: true,
        };
        let article = read_article(&root().join("sample-articles").join(&sample.path)).unwrap();
        tally.add(&sample.path, &expected.outlet, checks(&expected, &article));
    }
}

/// The seed page, by the checks of tests/suite/seed.rs (its text stays outside the repository).
fn seed_checks(article: &Article) -> Vec<Check> {
    let texts =
        |kind| article.body.iter().filter(|b| b.kind == kind).map(|b| b.text.as_str()).collect::<Vec<_>>();
    let yes = |field, right: bool| Check {
        field,
        right,
        want: "as tests/suite/seed.rs says".into(),
        got: format!("{right}"),
    };
    let related = &article.related;
    vec![
        yes(
            "title",
            article.title.starts_with("Lựa chọn các hoạt động trọng tâm")
                && article.title.ends_with("vai trò Mặt trận"),
        ),
        yes("date", article.published.map(|p| p.to_iso()).as_deref() == Some("2022-04-14T17:06:00")),
        yes("author", article.author.as_deref() == Some("Hạnh Nguyên")),
        yes("source", article.source.as_deref() == Some("TTTĐ")),
        yes("category", article.category.as_deref() == Some("Tin tức")),
        yes("tags", article.tags == ["Chủ tịch Ủy ban MTTQ Việt Nam TP Hà Nội"]),
        yes("lead", article.lead.as_deref().is_some_and(|l| l.starts_with("Nửa đầu nhiệm kỳ"))),
        yes("headings", texts(BlockKind::Heading).len() == 3),
        yes(
            "captions",
            texts(BlockKind::Caption).len() == 3 && texts(BlockKind::Caption)[0] == "Quang cảnh hội nghị",
        ),
        yes(
            "related titles",
            related.len() == 13
                && related[0].title.starts_with("Rà soát, bồi dưỡng")
                && related[1].title.starts_with("Đổi mới nội dung,")
                && related[2].title.starts_with("Khẳng định rõ hơn")
                && related[3].title.starts_with("Hà Nội triển khai")
                && related[12].title.starts_with("Văn phòng Chính phủ"),
        ),
        yes("related count", related.len() == 13),
        yes(
            "related details",
            related.len() == 13
                && related[3..]
                    .iter()
                    .all(|l| l.category.as_deref() == Some("Tin tức") && l.summary.is_some()),
        ),
        yes(
            "furniture kept out",
            article
                .body
                .iter()
                .all(|b| b.text != "aa" && b.text != article.title && !b.text.contains("Rà soát, bồi dưỡng")),
        ),
    ]
}

fn tally_seed(tally: &mut Tally) {
    if let Some(path) = crate::seed::seed() {
        let article = read_article(&path).unwrap();
        tally.add("seed", "seed (city paper)", seed_checks(&article));
    }
}

#[test]
fn tuning_dumps_samples_and_seed_reach_the_floor() {
    let mut tally = Tally::default();
    tally_folder(&dumps("tuning"), true, &mut tally);
    tally_samples(&mut tally);
    tally_seed(&mut tally);
    println!("{}", tally.report("page dumps: tuning + samples + seed"));
    assert!(tally.share() >= FLOOR, "{:.3} of fields right, below the floor {FLOOR}", tally.share());
}

/// The spent held-out sets, scored as tuning pages: per folder, per field, every failure.
#[test]
fn spent_heldout_dumps_reach_their_floor() {
    let mut all = Tally::default();
    for folder in SPENT {
        let mut tally = Tally::default();
        tally_folder(&dumps("tuning2").join(folder), true, &mut tally);
        println!("{}", tally.report(&format!("page dumps: tuning2/{folder}")));
        tally_folder(&dumps("tuning2").join(folder), true, &mut all);
    }
    println!("{}", all.summary("page dumps: tuning2 (all four)"));
    assert!(all.share() >= FLOOR_SPENT, "{:.3} of fields right, below the floor {FLOOR_SPENT}", all.share());
    for (folder, floor) in [
        (SPENT5, FLOOR_SPENT5),
        (SPENT6, FLOOR_SPENT6),
        (SPENT7, FLOOR_SPENT7),
        (SPENT8, FLOOR_SPENT8),
        (SPENT9, FLOOR_SPENT9),
        (SPENT10, FLOOR_SPENT10),
        (SPENT11, FLOOR_SPENT11),
        (SPENT12, FLOOR_SPENT12),
        (SPENT13, FLOOR_SPENT13),
        (SPENT14, FLOOR_SPENT14),
        (SPENT15, FLOOR_SPENT15),
        (SPENT16, FLOOR_SPENT16),
        (SPENT17, FLOOR_SPENT17),
    ] {
        let mut tally = Tally::default();
        tally_folder(&dumps("tuning2").join(folder), true, &mut tally);
        println!("{}", tally.report(&format!("page dumps: tuning2/{folder}")));
        let share = tally.share();
        assert!(share >= floor, "{folder}: {share:.3} of fields right, below the floor {floor}");
    }
}

/// The five dumps of one invented site: its menu, widgets and footer use words no list holds,
/// so only the furniture learned from the folder reads all five right.
#[test]
fn a_sites_furniture_is_learned_from_its_dumps() {
    let mut alone = Tally::default();
    tally_folder(&dumps("site_learned"), false, &mut alone);
    let mut learned = Tally::default();
    tally_folder(&dumps("site_learned"), true, &mut learned);
    println!("{}", alone.report("site_learned, single-file rules"));
    println!("{}", learned.report("site_learned, learned furniture"));
    assert!(learned.failures.is_empty(), "{}", learned.report("site_learned, learned furniture"));
    assert!(
        !alone.failures.is_empty(),
        "the single-file rules alone were expected to miss the invented furniture"
    );
}

/// Any folder of dumps with expectations (`NEWSDESK_FIDELITY_DIR=DIR`), as the fidelity bench
/// reads it, without a release build. Held-out folders are refused here: they have their own test.
#[test]
fn a_folder_when_asked() {
    let Some(dir) = std::env::var_os("NEWSDESK_FIDELITY_DIR").map(PathBuf::from) else { return };
    let held_out = dir.components().any(|part| part.as_os_str().to_string_lossy().starts_with("heldout"));
    assert!(!held_out, "{} is held out: use NEWSDESK_FIDELITY_HELDOUT=1", dir.display());
    let mut tally = Tally::default();
    tally_folder(&dir, true, &mut tally);
    println!("{}", tally.report(&dir.display().to_string()));
}

/// The held-out dumps, measured once, at the end of a piece of work: aggregate and per-field
/// figures only, never a file's result.
#[test]
fn heldout_dumps_when_asked() {
    if std::env::var_os("NEWSDESK_FIDELITY_HELDOUT").is_none() {
        return;
    }
    // Whatever held-out folders the checkout has (the spent ones moved to tuning2/).
    let mut folders: Vec<String> = std::fs::read_dir(dumps(""))
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("heldout"))
        .collect();
    folders.sort();
    for folder in folders {
        let mut tally = Tally::default();
        tally_folder(&dumps(&folder), true, &mut tally);
        println!("{}", tally.summary(&format!("page dumps: {folder}")));
    }
}
