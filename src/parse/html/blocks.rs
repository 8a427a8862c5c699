//! An HTML subtree → the body's blocks, in page order, in one walk: headings, paragraphs, list
//! items, quotes, captions, and tables as rows of cells joined by " | ". Text outside any
//! paragraph (old pages separate paragraphs with `<br><br>`) becomes paragraphs too. Furniture
//! (see [`super::furniture`]) is skipped with everything under it.

use dom_query::NodeRef;

use super::furniture;
use crate::article::{Block, BlockKind};

/// The kind of block an element starts, if it starts one.
fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "p" | "div" | "section" | "article" | "main" | "header" | "pre" | "ul" | "ol" | "dl" | "figure"
        | "table" | "tr" | "h1" | "address" | "center" | "details" | "summary" | "hr" | "td" | "th" => {
            BlockKind::Paragraph
        }
        _ => return None,
    })
}

/// Elements whose content is never article text.
pub(super) fn is_invisible(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "button"
            | "head"
            | "title"
            | "meta"
            | "link"
    )
}

/// Builds blocks while the walk goes: the text of the block being read, and what it is.
struct Builder {
    blocks: Vec<Block>,
    text: String,
    /// Kinds of the open block elements, innermost last.
    open: Vec<BlockKind>,
    /// Open tables, counted so cells and rows join inside them.
    tables: usize,
}

impl Builder {
    /// The kind the innermost open element gives what is read now: a quote or a list item
    /// keeps its kind for the paragraphs inside it.
    fn kind(&self) -> BlockKind {
        let mut kind = BlockKind::Paragraph;
        for open in &self.open {
            match open {
                BlockKind::Paragraph => {}
                other if kind == BlockKind::Paragraph || *other != BlockKind::Quote => kind = *other,
                _ => {}
            }
        }
        kind
    }

    /// A word break without a space ("a<b>b</b>" stays "ab"; "a <b>b</b>" is two words).
    fn push_inline(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let leading = text.starts_with(char::is_whitespace);
        let trailing = text.ends_with(char::is_whitespace);
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() {
            if !self.text.is_empty() && !self.text.ends_with(['\n', ' ']) {
                self.text.push(' ');
            }
            return;
        }
        if leading && !self.text.is_empty() && !self.text.ends_with(['\n', ' ']) {
            self.text.push(' ');
        }
        self.text.push_str(&words.join(" "));
        if trailing {
            self.text.push(' ');
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        self.text.push('\n');
    }

    /// Ends the block being read. Inside a table a block ends a cell or a row, not the table.
    fn flush(&mut self) {
        if self.tables > 0 {
            return;
        }
        let kind = self.kind();
        let text = std::mem::take(&mut self.text);
        // Two line breaks in a row (`<br><br>`) separate paragraphs.
        for part in text.split("\n\n") {
            let lines: Vec<&str> = part.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if !lines.is_empty() {
                self.blocks.push(Block::new(kind, lines.join("\n")));
            }
        }
    }
}

/// The blocks under `root`, `root` itself included.
pub fn blocks(root: &NodeRef) -> Vec<Block> {
    let mut builder = Builder { blocks: Vec::new(), text: String::new(), open: Vec::new(), tables: 0 };
    // (node, entering): an explicit stack, so depth costs no native stack.
    let mut stack = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        if node.is_text() {
            builder.push_inline(&node.text());
            continue;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            continue;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if entering {
            if is_invisible(&name) || (node.is_element() && furniture::is_furniture(&node)) {
                continue;
            }
            match name.as_str() {
                "br" => {
                    builder.line_break();
                    continue;
                }
                "td" | "th"
                    if builder.tables > 0 && !builder.text.is_empty() && !builder.text.ends_with('\n') =>
                {
                    builder.text.truncate(builder.text.trim_end().len());
                    builder.text.push_str(" | ");
                }
                "img" => {
                    continue;
                }
                _ => {}
            }
            if let Some(kind) = block_kind(&name) {
                if builder.tables == 0 || name == "table" {
                    builder.flush();
                }
                builder.open.push(kind);
                if name == "table" {
                    builder.tables += 1;
                }
            }
            stack.push((node, false));
            let mut children: Vec<NodeRef> = node.children_it(true).collect();
            stack.extend(children.drain(..).map(|child| (child, true)));
        } else if block_kind(&name).is_some() {
            match name.as_str() {
                "table" => {
                    builder.tables -= 1;
                    builder.open.pop();
                    builder.flush();
                }
                "tr" | "caption" if builder.tables > 0 => {
                    builder.text.truncate(builder.text.trim_end_matches([' ', '|']).len());
                    builder.line_break();
                    builder.open.pop();
                }
                _ => {
                    if builder.tables == 0 {
                        builder.flush();
                    } else if !builder.text.ends_with('\n') && !builder.text.ends_with(' ') {
                        builder.text.push(' ');
                    }
                    builder.open.pop();
                }
            }
        }
    }
    builder.flush();
    builder.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn read(html: &str) -> Vec<(BlockKind, String)> {
        let document = Document::from(html);
        let root = document.select("body").nodes().first().cloned().expect("body");
        blocks(&root).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn keeps_structure_in_order() {
        let got = read(
            "<body><h2>Head</h2><p>One <b>bold</b>word.</p><ul><li>A</li><li><p>B</p></li></ul>\
             <blockquote><p>Said.</p></blockquote><figure><img src=x><figcaption>Cap</figcaption></figure></body>",
        );
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "Head".into()),
                (BlockKind::Paragraph, "One boldword.".into()),
                (BlockKind::ListItem, "A".into()),
                (BlockKind::ListItem, "B".into()),
                (BlockKind::Quote, "Said.".into()),
                (BlockKind::Caption, "Cap".into()),
            ]
        );
    }

    #[test]
    fn tables_are_rows_of_cells() {
        let got = read(
            "<body><table><caption>Prices</caption><tr><th>A</th><th>B</th></tr>\
             <tr><td>1</td><td><p>2</p></td></tr></table></body>",
        );
        assert_eq!(got, [(BlockKind::Paragraph, "Prices\nA | B\n1 | 2".into())]);
    }

    #[test]
    fn double_breaks_split_paragraphs() {
        let got = read("<body><div>First line<br>goes on.<br><br>Second.</div></body>");
        assert_eq!(
            got,
            [(BlockKind::Paragraph, "First line\ngoes on.".into()), (BlockKind::Paragraph, "Second.".into())]
        );
    }
}
