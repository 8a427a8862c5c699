//! Loading one article for the reader: parse it, resolve its links; a panic becomes a message.

use std::path::Path;

use crate::app::{Action, LoadedArticle};
use crate::index::Index;

pub(crate) fn load_article(index: Option<&Index>, path: &Path) -> Action {
    let furniture = index.and_then(Index::furniture);
    let context = crate::parse::ParseContext { furniture: furniture.as_deref() };
    match crate::parse::read_article_in(path, context) {
        Ok(article) => {
            let (related, linked_from) = match index {
                Some(index) => (index.resolve_related(&article), index.linked_from(&article)),
                None => (Vec::new(), Vec::new()),
            };
            let related = if related.is_empty() && index.is_none() {
                article.related.iter().map(crate::index::ResolvedLink::unresolved).collect()
            } else {
                related
            };
            Action::ArticleLoaded(Box::new(LoadedArticle { article, related, linked_from }))
        }
        Err(reason) => Action::ArticleFailed { path: path.to_path_buf(), message: reason.to_string() },
    }
}

/// Runs `work`, turning a panic into its message: a worker reports it instead of dying silently.
pub(crate) fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    crate::guard::catch(work).map_err(|message| format!("internal error: {message}"))
}
