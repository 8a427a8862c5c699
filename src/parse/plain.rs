//! Plain text: the title on the first line, the lead and paragraphs after it.

use std::path::Path;

use super::SkipReason;
use crate::article::{Article, Block, Format};

pub fn parse(path: &Path, text: &str) -> Result<Article, SkipReason> {
    let mut paragraphs = paragraphs(text);
    if paragraphs.is_empty() {
        return Err(SkipReason::NoText);
    }
    let title = paragraphs.remove(0);
    let mut article = Article::new(path, Format::Plain, title);
    if !paragraphs.is_empty() {
        article.lead = Some(paragraphs.remove(0));
    }
    article.body = paragraphs.into_iter().map(Block::paragraph).collect();
    Ok(article)
}

/// Non-empty lines, each one paragraph (saved text puts one paragraph on a line; a blank line
/// between them is optional).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_lead_and_paragraphs() {
        let article = parse(Path::new("a.txt"), "Tựa đề\n\nĐoạn mở đầu.\n\nĐoạn một.\nĐoạn hai.\n").unwrap();
        assert_eq!(article.title, "Tựa đề");
        assert_eq!(article.lead.as_deref(), Some("Đoạn mở đầu."));
        assert_eq!(article.body, vec![Block::paragraph("Đoạn một."), Block::paragraph("Đoạn hai.")]);
    }
}
