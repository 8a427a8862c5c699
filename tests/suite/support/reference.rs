//! A library's complete state, as a clean build of the generated library gives it, and the
//! state an index holds: what the crash and fault tests compare.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::index::Index;

use super::generated::{write_library, QUERIES};
use super::process::Newsdesk;

/// More than any generated library holds: `search --json` returns every hit.
const SEARCH_LIMIT: usize = 100_000;

/// What the index holds and answers: every article's path and title, and per query the total
/// and the best hit.
#[derive(Debug, PartialEq, Eq)]
pub struct State {
    pub articles: BTreeSet<(PathBuf, String)>,
    pub answers: Vec<(usize, Option<PathBuf>)>,
}

/// The state of the index in `index_dir`, read in this process without refreshing it; also
/// asserts it opened without anything to repair.
pub fn state(library: &Path, index_dir: &Path) -> State {
    let (index, notes) = Index::open(library, index_dir).expect("the index opens");
    assert!(notes.is_empty(), "opening needed repairs: {notes:?}");
    let answers = QUERIES
        .iter()
        .map(|query| {
            let results = index.search(query, 1).expect("search");
            (results.total, results.hits.into_iter().next().map(|hit| hit.article.path))
        })
        .collect();
    let articles = index.articles().into_iter().map(|summary| (summary.path, summary.title)).collect();
    State { articles, answers }
}

/// The same answers as `newsdesk search --json` gives them.
pub fn searched_by_binary(newsdesk: &Newsdesk) -> Vec<(usize, BTreeSet<PathBuf>)> {
    QUERIES
        .iter()
        .map(|query| {
            let results = newsdesk.search_json(query, SEARCH_LIMIT);
            let hits = results["hits"].as_array().expect("hits");
            let paths = hits.iter().map(|hit| PathBuf::from(hit["path"].as_str().expect("path"))).collect();
            (results["total"].as_u64().expect("total") as usize, paths)
        })
        .collect()
}

pub struct Reference {
    pub library: tempfile::TempDir,
    pub cache: tempfile::TempDir,
    pub state: State,
    /// Every query's total and hits as `search --json` printed them.
    pub searched: Vec<(usize, BTreeSet<PathBuf>)>,
    /// How long a clean build took here: the window the kills are spread over.
    pub build_time: Duration,
}

pub fn clean_build(articles: usize) -> Reference {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write_library(library.path(), articles);
    let newsdesk = Newsdesk::new(library.path(), &cache.path().join("reference"));
    let started = Instant::now();
    newsdesk.run(&["index"]).assert_success("clean build");
    let build_time = started.elapsed();
    let state = state(library.path(), &newsdesk.index_dir);
    assert_eq!(state.articles.len(), articles);
    assert!(state.answers.iter().all(|(total, _)| *total > 0), "every query finds something");
    let searched = searched_by_binary(&newsdesk);
    Reference { library, cache, state, searched, build_time }
}
