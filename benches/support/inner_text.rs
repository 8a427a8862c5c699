//! The text a browser's "select all, copy" gives of a page (its `innerText`), approximated
//! without CSS: what the page hides in its markup is left out, block elements end lines, inline
//! text runs on with its white space collapsed, images give nothing (no alt text).

use dom_query::{Document, NodeRef};

/// Elements whose content is never shown.
const UNSEEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "video", "audio", "canvas",
    "select", "textarea", "map",
];
/// Elements that end the line before and after them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];
/// Elements set apart by a blank line (their margins), as `innerText` does for `<p>`.
const PARAGRAPHS: &[&str] = &["p"];

/// The page's visible text: one line per block, at most one blank line in a row.
pub fn inner_text(html: &str) -> String {
    let document = Document::from(html);
    let mut out = Text::default();
    let root = document.root();
    out.walk(&root);
    out.end_line();
    let mut text = String::new();
    for line in out.lines.iter().skip_while(|line| line.is_empty()) {
        text.push_str(line);
        text.push('\n');
    }
    text.trim_end().to_string() + "\n"
}

#[derive(Default)]
struct Text {
    lines: Vec<String>,
    line: String,
}

impl Text {
    /// Depth-first, with a stack of its own: some pages nest deeper than a thread's stack allows.
    fn walk(&mut self, root: &NodeRef) {
        enum Step<'a> {
            Enter(NodeRef<'a>),
            Leave(bool),
        }
        let mut stack = vec![Step::Enter(*root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Leave(paragraph) => {
                    self.end_block(paragraph);
                    continue;
                }
                Step::Enter(node) => node,
            };
            if node.is_text() {
                self.push(&node.text());
                continue;
            }
            if !(node.is_element() || node.is_document()) {
                continue;
            }
            let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            if node.is_element() && (UNSEEN.contains(&name.as_str()) || hidden(&node)) {
                continue;
            }
            if name == "br" {
                self.end_line();
                continue;
            }
            let paragraph = PARAGRAPHS.contains(&name.as_str());
            let block = paragraph || BLOCKS.contains(&name.as_str());
            if block {
                self.end_block(paragraph);
                stack.push(Step::Leave(paragraph));
            } else if matches!(name.as_str(), "td" | "th") {
                self.line.push(' ');
            }
            for child in node.children_it(true) {
                stack.push(Step::Enter(child));
            }
        }
    }

    fn push(&mut self, text: &str) {
        self.line.push_str(text);
    }

    fn end_line(&mut self) {
        let line = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line.clear();
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn end_block(&mut self, paragraph: bool) {
        self.end_line();
        if paragraph && self.lines.last().is_some_and(|last| !last.is_empty()) {
            self.lines.push(String::new());
        }
    }
}

/// Hidden by its markup: `hidden`, `aria-hidden="true"`, or an inline `display:none` or
/// `visibility:hidden`.
fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node.attr("aria-hidden").is_some_and(|value| value.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}
