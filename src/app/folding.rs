//! The library list folded by story: one row per story, with how many articles it holds, and
//! the `copies` key showing a story's other copies under it. A story's row is where its first
//! article in the sort order is, so sorting moves stories whole; read marks stay per article.

use std::collections::{HashMap, HashSet};

use super::{App, Articles};
use crate::article::Address;
use crate::index::ListStories;

/// What a row of the library list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An article with no other copy in the list.
    Alone,
    /// The first article of a story of `articles` articles (itself counted), its other copies
    /// shown under it or folded into it.
    Story { articles: usize, expanded: bool },
    /// Another copy of the story above it, shown because that story is expanded.
    Copy,
}

/// A row of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRow {
    /// Its article: an index into [`App::articles`].
    pub article: usize,
    pub kind: RowKind,
}

/// The stories of the listed articles and the rows they fold into.
#[derive(Debug, Clone, Default)]
pub struct Folding {
    /// The story of every listed article that has copies (as the index grouped them).
    stories: ListStories,
    /// Stories whose copies are shown.
    expanded: HashSet<u64>,
    pub rows: Vec<ListRow>,
    /// For each article (by its place in the list), the article its story's row shows.
    head: Vec<usize>,
}

impl Folding {
    /// Takes the index's stories of the listed articles.
    fn set_stories(&mut self, stories: ListStories) {
        self.stories = stories;
    }

    /// The story of the article at `at` of `articles`, when it has copies and its stories are known.
    fn story(&self, articles: &Articles, at: usize) -> Option<u64> {
        let row = articles.row(at)?;
        self.stories.of(articles.listing()).then(|| self.stories.story(row)).flatten()
    }

    /// The rows of `articles` (in list order): each story once, at its first article, with its
    /// copies under it when expanded.
    fn fold(&mut self, articles: &Articles) {
        let mut numbers: HashMap<u64, usize> = HashMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let story_at: Vec<Option<usize>> = (0..articles.len())
            .map(|at| {
                let story = self.story(articles, at)?;
                let number = *numbers.entry(story).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                });
                members[number].push(at);
                Some(number)
            })
            .collect();
        if self.stories.of(articles.listing()) {
            self.expanded.retain(|story| numbers.contains_key(story));
        }
        let expanded: Vec<bool> = {
            let mut by_number = vec![false; members.len()];
            for (story, number) in &numbers {
                by_number[*number] = self.expanded.contains(story);
            }
            by_number
        };
        self.rows.clear();
        self.head = (0..articles.len()).collect();
        for (at, story) in story_at.iter().enumerate() {
            let Some(number) = *story else {
                self.rows.push(ListRow { article: at, kind: RowKind::Alone });
                continue;
            };
            let story = &members[number];
            self.head[at] = story[0];
            match story.len() {
                1 => self.rows.push(ListRow { article: at, kind: RowKind::Alone }),
                _ if story[0] != at => {}
                articles => {
                    let expanded = expanded[number];
                    self.rows.push(ListRow { article: at, kind: RowKind::Story { articles, expanded } });
                    if expanded {
                        self.rows.extend(
                            story[1..].iter().map(|copy| ListRow { article: *copy, kind: RowKind::Copy }),
                        );
                    }
                }
            }
        }
    }

    /// The row showing article `at`: its own, or its story's when it is folded away.
    fn row_of(&self, at: usize) -> Option<usize> {
        let head = *self.head.get(at)?;
        let position = |wanted: usize| self.rows.iter().position(|row| row.article == wanted);
        position(at).or_else(|| position(head))
    }
}

impl App {
    /// The list's rows again (after a new list, a new order, new stories or a story opened or
    /// closed), the selection kept on `selected` or on the story row that holds it.
    pub(super) fn fold_rows(&mut self, selected: Option<Address>) {
        self.folding.fold(&self.articles);
        if let Some(address) = selected {
            let at = self.articles.position(&address);
            self.list.selected = at.and_then(|at| self.folding.row_of(at)).unwrap_or(0);
        }
    }

    /// The address of the article on the library list's selected row.
    pub(super) fn selected_in_library(&self) -> Option<Address> {
        let row = self.folding.rows.get(self.list.selected)?;
        self.articles.address(row.article)
    }

    pub(super) fn stories_grouped(&mut self, stories: ListStories) {
        let selected = self.selected_in_library();
        self.folding.set_stories(stories);
        self.fold_rows(selected);
    }

    /// The `copies` key: shows or hides the other copies of the selected row's story (in the
    /// search results, of the selected hit's).
    pub(super) fn toggle_copies(&mut self) {
        if self.search.is_active() {
            return self.toggle_hit_copies();
        }
        let Some(row) = self.folding.rows.get(self.list.selected).copied() else { return };
        let head = self.folding.head.get(row.article).copied().unwrap_or(row.article);
        let story = self.folding.story(&self.articles, head);
        let Some(story) = story.filter(|_| row.kind != RowKind::Alone) else {
            self.notice = Some(self.settings.text.no_copies.into());
            return;
        };
        if !self.folding.expanded.remove(&story) {
            self.folding.expanded.insert(story);
        }
        let selected = self.articles.address(head);
        self.fold_rows(selected);
    }
}
