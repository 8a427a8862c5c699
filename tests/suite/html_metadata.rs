//! Headline, byline and date on small pages of the project's own (`tests/fixtures/html_gold/metadata`),
//! one or more per way real pages disagree with themselves: a `<title>` with the site's name, an
//! `<h1>` that is the logo, an `og:title` rewritten for sharing, an author with a role, several
//! authors, a modified date beside the published one, a date shown only under the headline; a
//! byline only as a link to the writer's page or only in the author box, a name written twice,
//! a date only in an element whose class names it or after a "Published on" label, the page's
//! one `<h1>` against fields rewritten for search, an `<h1>` in capitals; several authors joined
//! as the page's byline joins them, an `<h1>` ending with the site's name, a logo `<h1>` above
//! the headline's, a "Published" label without "on" far below the headline; an `<h1>` under a
//! `<body>` whose class has a furniture word, a date in the story's wrapper so named, a
//! "Published" label in an element of its own, the date shown against a field that says
//! otherwise, a JSON-LD `WebPage` date beside an undated `Article`, a name only in an author box;
//! the headline's `<h1>` in a wrapper whose class reads as furniture, a long name repeated for
//! two layouts and cut in the middle of its second copy, the writer's role in a byline element
//! beside the name's.
//! Each `NAME.html` has a `NAME.json` with the `title`, `author` and `published` it must give
//! (null: none) and the `class` of disagreement it stands for.

use std::path::PathBuf;

use crate::support::html_pages::page_and_answer;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html_gold/metadata")
}

#[test]
fn metadata_pages_give_their_title_author_and_date() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_string_lossy().strip_suffix(".html").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 19, "{names:?}");
    let mut wrong = Vec::new();
    for name in &names {
        let (article, want) = page_and_answer(&dir(), name);
        let published = article.published.map(|p| p.date.format("%Y-%m-%d").to_string());
        let fields = [
            ("title", Some(article.title.clone())),
            ("author", article.author.clone()),
            ("published", published),
        ];
        for (field, got) in fields {
            let expected = want[field].as_str().map(str::to_string);
            if expected != got {
                wrong.push(format!("{name} ({}): {field} want {expected:?}, got {got:?}", want["class"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
