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
    /// For each article (by its place in the list), the place of the article its story's row shows.
    head: Vec<u32>,
}

/// No place yet.
const NOWHERE: u32 = u32::MAX;

impl Folding {
    /// Takes the index's stories of the listed articles.
    fn set_stories(&mut self, stories: ListStories) {
        self.stories = stories;
    }

    /// The number of the story of the article at `at` of `articles` among the stories, when it
    /// has copies and its stories are known.
    fn number(&self, articles: &Articles, at: usize) -> Option<u32> {
        let row = articles.row(at)?;
        self.stories.of(articles.listing()).then(|| self.stories.number(row)).flatten()
    }

    /// The story of the article at `at` of `articles`, when it has copies and its stories are known.
    fn story(&self, articles: &Articles, at: usize) -> Option<u64> {
        self.number(articles, at).map(|number| self.stories.id(number))
    }

    /// The rows of `articles` (in list order): each story once, at its first article, with its
    /// copies under it when expanded. Two passes over the list, a few numbers per story.
    fn fold(&mut self, articles: &Articles) {
        let known = self.stories.of(articles.listing());
        let count = if known { self.stories.count() } else { 0 };
        // Per story number: its first place in the list, and how many of its articles are listed.
        let (mut first, mut size) = (vec![NOWHERE; count], vec![0u32; count]);
        for at in 0..articles.len() {
            if let Some(number) = self.number(articles, at) {
                let number = number as usize;
                if first[number] == NOWHERE {
                    first[number] = at as u32;
                }
                size[number] += 1;
            }
        }
        // The stories shown expanded, by number; a story no longer listed is forgotten.
        let mut expanded = vec![false; count];
        if known && !self.expanded.is_empty() {
            let mut kept = HashSet::new();
            for number in 0..count {
                let story = self.stories.id(number as u32);
                if size[number] > 0 && self.expanded.contains(&story) {
                    expanded[number] = true;
                    kept.insert(story);
                }
            }
            self.expanded = kept;
        }
        // The copies of each expanded story, in list order.
        let mut copies: HashMap<u32, Vec<usize>> = HashMap::new();
        if expanded.contains(&true) {
            for at in 0..articles.len() {
                match self.number(articles, at) {
                    Some(number) if expanded[number as usize] && first[number as usize] != at as u32 => {
                        copies.entry(number).or_default().push(at)
                    }
                    _ => {}
                }
            }
        }
        self.rows.clear();
        self.head.clear();
        for at in 0..articles.len() {
            let Some(number) = self.number(articles, at) else {
                self.head.push(at as u32);
                self.rows.push(ListRow { article: at, kind: RowKind::Alone });
                continue;
            };
            let (head, articles) = (first[number as usize], size[number as usize] as usize);
            self.head.push(head);
            if articles == 1 {
                self.rows.push(ListRow { article: at, kind: RowKind::Alone });
            } else if head == at as u32 {
                let expanded = expanded[number as usize];
                self.rows.push(ListRow { article: at, kind: RowKind::Story { articles, expanded } });
                let shown = copies.get(&number).into_iter().flatten();
                self.rows.extend(shown.map(|copy| ListRow { article: *copy, kind: RowKind::Copy }));
            }
        }
    }

    /// The row showing article `at`: its own, or its story's when it is folded away.
    fn row_of(&self, at: usize) -> Option<usize> {
        let head = *self.head.get(at)? as usize;
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
        crate::timeline::span("app: fold stories", || self.fold_rows(selected));
    }

    /// The `copies` key: shows or hides the other copies of the selected row's story (in the
    /// search results, of the selected hit's).
    pub(super) fn toggle_copies(&mut self) {
        if self.search.is_active() {
            return self.toggle_hit_copies();
        }
        let Some(row) = self.folding.rows.get(self.list.selected).copied() else { return };
        let head = self.folding.head.get(row.article).map_or(row.article, |head| *head as usize);
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
