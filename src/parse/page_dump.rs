//! Page dumps: the visible text of a saved news page, furniture and all (tag, category and date
//! line, font widget, doubled captions, byline, related blocks). One parser serves every outlet:
//! it reads the header by what each line looks like, not by its position.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{find_date, FoundDate};
use super::related;
use super::SkipReason;
use crate::article::{Article, Block, BlockKind, Format, RelatedLink};

/// The header (title, date, lead…) is looked for in this many non-blank lines.
const HEADER_LINES: usize = 14;

static SOURCE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(([^()]{2,30})\)|([\p{Lu}][\p{Lu}\s.]{1,24}?))\s*[-–—]\s+").expect("source prefix")
});
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by|bởi|tác giả:?)\s+(.{2,60})$").expect("byline"));
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\(|\b)(?:ảnh|photo|photograph|image|picture|credit)\s*(?::|by\b)").expect("credit")
});
static TAG_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:tags?|từ khóa|từ khoá|chủ đề|topics?):\s*(.+)$").expect("tags"));

/// Whether a `.txt` reads as a saved page rather than plain text.
pub fn looks_like_page_dump(text: &str) -> bool {
    let top: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(HEADER_LINES).collect();
    if top.first().is_some_and(|first| is_tag_header(first)) {
        return true;
    }
    if top.iter().take(8).any(|line| is_font_widget(line) || date_line(line).is_some()) {
        return true;
    }
    // Headers are short: fold only the lines that could be one.
    text.lines().filter(|line| line.len() < 40).any(related::is_header)
}

#[derive(Default)]
struct Header {
    title: Option<String>,
    label: Option<String>,
    lead: Option<String>,
    /// Index of the first body line.
    body_start: usize,
}

pub fn parse(path: &Path, text: &str) -> Result<Article, SkipReason> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut article = Article::new(path, Format::PageDump, String::new());
    let start = read_tags(&lines, &mut article);
    let header = read_header(&lines, start, &mut article);
    article.title = header.title.unwrap_or_default();
    article.lead = header.lead;
    let section = lines[header.body_start..].iter().position(|l| related::is_header(l));
    let body_end = section.map_or(lines.len(), |at| header.body_start + at);
    read_body(&lines[header.body_start..body_end], &mut article);
    if let Some(at) = section {
        let block: Vec<&str> =
            lines[header.body_start + at..].iter().copied().filter(|l| !l.is_empty()).collect();
        article.related.extend(related::parse_block(&block));
    }
    Ok(article)
}

fn is_tag_header(line: &str) -> bool {
    matches!(line.to_lowercase().as_str(), "tag" | "tags" | "từ khóa" | "từ khoá")
}

/// "Tag" followed by tag lines up to the first blank line.
fn read_tags(lines: &[&str], article: &mut Article) -> usize {
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    if !lines.get(first).is_some_and(|l| is_tag_header(l)) {
        return first;
    }
    let mut index = first + 1;
    while let Some(line) = lines.get(index).filter(|l| !l.is_empty()) {
        article.tags.push(line.to_string());
        index += 1;
    }
    index
}

/// The "aa" / "A+ A-" font-size widget.
fn is_font_widget(line: &str) -> bool {
    line.len() <= 6 && line.to_lowercase().chars().all(|c| matches!(c, 'a' | '+' | '-' | ' '))
}

/// A line that is a date with little else: a category, a byline, a label.
fn date_line(line: &str) -> Option<FoundDate> {
    if line.chars().count() > 100 {
        return None;
    }
    let found = find_date(line)?;
    let extra = found.before.split_whitespace().count() + found.after.split_whitespace().count();
    (extra <= 4).then_some(found)
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')', '»']).ends_with(['.', '!', '?', '…', ':', ';'])
}

/// A paragraph rather than a title: a long line, or a sentence.
fn is_prose(line: &str) -> bool {
    let words = word_count(line);
    words >= 25 || (words >= 10 && ends_sentence(line))
}

/// "Hạnh Nguyên", "Jane Doe": 2–4 capitalised words and nothing else.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 40
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && line.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-')
}

/// A short label such as a category: at most three words, no sentence punctuation.
fn is_label(line: &str) -> bool {
    word_count(line) <= 3 && !ends_sentence(line) && line.chars().next().is_some_and(char::is_uppercase)
}

fn read_header(lines: &[&str], start: usize, article: &mut Article) -> Header {
    let mut header = Header { body_start: start, ..Header::default() };
    let mut seen = 0;
    let mut previous_was_lead = false;
    let mut index = start;
    while index < lines.len() && seen < HEADER_LINES {
        let line = lines[index];
        if line.is_empty() {
            previous_was_lead = false;
            index += 1;
            continue;
        }
        seen += 1;
        let just_after_lead = std::mem::take(&mut previous_was_lead);
        if is_font_widget(line) {
        } else if let Some(found) = date_line(line).filter(|_| article.published.is_none()) {
            article.published = Some(found.published);
            take_date_context(&found, article);
        } else if let Some(name) =
            BYLINE.captures(line).filter(|_| header.lead.is_some() || header.title.is_some())
        {
            article.author = Some(name[1].trim().to_string());
        } else if let Some(category) = breadcrumb(line) {
            article.category.get_or_insert(category);
        } else if header.title.is_none() {
            if is_prose(line) && header.label.is_some() {
                // The label was a short title, and this is the lead.
                header.title = header.label.take();
                header.lead = Some(take_source(line, article));
                previous_was_lead = true;
            } else if is_label(line)
                && header.label.is_none()
                && article.category.is_none()
                && !next_is_prose(lines, index)
            {
                header.label = Some(line.to_string());
            } else {
                header.title = Some(line.to_string());
            }
        } else if header.lead.is_none() && is_prose(line) {
            header.lead = Some(take_source(line, article));
            previous_was_lead = true;
        } else if just_after_lead && !ends_sentence(line) && word_count(line) >= 4 {
            let rest_of_page = rest_of_page(lines, index);
            for title in related::split_run_together(line, &rest_of_page) {
                article.related.push(RelatedLink::titled(title));
            }
        } else {
            break;
        }
        index += 1;
        header.body_start = index;
    }
    if let Some(label) = header.label.take() {
        match header.title {
            None => header.title = Some(label),
            Some(_) => {
                article.category.get_or_insert(label);
            }
        }
    }
    header
}

fn next_is_prose(lines: &[&str], index: usize) -> bool {
    lines[index + 1..].iter().find(|l| !l.is_empty()).is_some_and(|l| is_prose(l))
}

/// Everything but line `skip`, to learn how the page writes its words.
fn rest_of_page(lines: &[&str], skip: usize) -> String {
    let mut text = String::new();
    for (index, line) in lines.iter().enumerate() {
        if index != skip {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// The words beside a date: "Tin tức 14/04/2022" names the category, "Lan Anh - 14/04/2022" the author.
fn take_date_context(found: &FoundDate, article: &mut Article) {
    let before = found.before.as_str();
    if before.is_empty() || is_update_label(before) {
        return;
    }
    if is_name(before) && article.author.is_none() {
        article.author = Some(before.to_string());
    } else if article.category.is_none() {
        article.category = Some(before.to_string());
    }
}

fn is_update_label(text: &str) -> bool {
    let folded = crate::text::fold(text);
    ["cap nhat", "updated", "published", "posted", "ngay dang", "dang luc"]
        .iter()
        .any(|l| folded.starts_with(l))
}

/// "Xã hội > Giao thông" → "Xã hội".
fn breadcrumb(line: &str) -> Option<String> {
    let parts: Vec<&str> = line.split(['>', '›', '»']).map(str::trim).collect();
    (parts.len() >= 2 && parts.iter().all(|p| (1..=4).contains(&word_count(p)))).then(|| parts[0].to_string())
}

/// Splits "TTTĐ - …" / "(Tin Phố) - …" into the source and the lead.
fn take_source(line: &str, article: &mut Article) -> String {
    if let Some(found) = SOURCE_PREFIX.captures(line) {
        let source = found.get(1).or_else(|| found.get(2)).map(|m| m.as_str().trim()).unwrap_or_default();
        if !source.is_empty() {
            article.source.get_or_insert_with(|| source.to_string());
            return line[found.get(0).map_or(0, |m| m.end())..].to_string();
        }
    }
    line.to_string()
}

/// Body lines → blocks: captions (doubled, after an alt text that repeats the title, or with a
/// photo credit), sub-headings, inline "Read more:" links, tag lines, and the byline at the end.
fn read_body(lines: &[&str], article: &mut Article) {
    // Found once: asking "is there prose after this line?" of every line made the body quadratic.
    let last_prose = lines.iter().rposition(|l| is_prose(l));
    let mut next_is_caption = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let next = lines.get(index + 1).copied().unwrap_or("");
        index += 1;
        if line.is_empty() || is_font_widget(line) {
            continue;
        }
        if line == article.title {
            next_is_caption = true;
            continue;
        }
        if line == next {
            article.body.push(Block::new(BlockKind::Caption, line));
            index += 1;
            continue;
        }
        if std::mem::take(&mut next_is_caption) || (PHOTO_CREDIT.is_match(line) && word_count(line) <= 60) {
            article.body.push(Block::new(BlockKind::Caption, line));
        } else if let Some(title) = related::inline_link(line) {
            article.related.push(RelatedLink::titled(title));
        } else if let Some(tags) = TAG_LINE.captures(line) {
            article.tags.extend(tags[1].split([',', ';']).map(|t| t.trim().to_string()));
        } else if is_heading(line, next, last_prose.is_some_and(|at| at >= index)) {
            article.body.push(Block::new(BlockKind::Heading, line));
        } else {
            article.body.push(Block::paragraph(line));
        }
    }
    take_closing_byline(article);
}

/// A short standalone line without sentence punctuation, with more text after it.
fn is_heading(line: &str, next: &str, more_follows: bool) -> bool {
    next.is_empty()
        && more_follows
        && word_count(line) <= 15
        && !ends_sentence(line)
        && !line.ends_with(',')
        && line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// The author's name alone on the body's last line ("Hạnh Nguyên", "By Jane Doe").
fn take_closing_byline(article: &mut Article) {
    let Some(last) = article.body.last().filter(|b| b.kind != BlockKind::Caption) else { return };
    let name = BYLINE.captures(&last.text).map(|c| c[1].trim().to_string());
    let name = name.or_else(|| is_name(&last.text).then(|| last.text.clone()));
    if let Some(name) = name {
        article.body.pop();
        article.author.get_or_insert(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "Tag\nPhố sách Hà Nội\n\nPhố sách mở thêm không gian đọc ngoài trời\n\nVăn hóa 02/06/2023 08:45\naa\n\
NSTĐ - Sau một năm thử nghiệm, phố sách Hà Nội mở thêm không gian đọc ngoài trời cho thiếu nhi và người cao tuổi vào mỗi cuối tuần.\n\
Trao giải cuộc thi viết về sách Mở rộng giờ đón khách dịp hè\n\n\
Ban quản lý phố sách cho biết không gian mới rộng gần 300 mét vuông, có mái che và ghế ngồi, mở rộng chỗ đọc cho các gia đình.\n\n\
Góc đọc cho thiếu nhi\nGóc đọc cho thiếu nhi\n\nHoạt động cuối tuần\n\n\
Mỗi sáng thứ bảy, các nhà văn trẻ sẽ đọc truyện cho thiếu nhi và trò chuyện về nghề viết với phụ huynh.\n\n\
Phố sách mở thêm không gian đọc ngoài trời\nNgười dân đọc sách bên hồ\n\n\
Ban quản lý cũng cho biết sẽ trao giải cho những bài viết hay nhất và mở rộng giờ đón khách vào tháng sau.\n\nMinh Thư\n\n\
Đọc thêm\n\nHội sách mùa thu khai mạc Văn hóa\n\nHội sách mùa thu khai mạc\n\nHơn 50 nhà sách tham gia hội sách năm nay.\n\
Thư viện quận mở cửa buổi tối Xã hội\n\nThư viện quận mở cửa buổi tối\n\nThư viện phục vụ bạn đọc đến 21 giờ.\nXem thêm";

    #[test]
    fn reads_the_seed_layout() {
        let article = parse(Path::new("a.txt"), V1).unwrap();
        assert_eq!(article.tags, ["Phố sách Hà Nội"]);
        assert_eq!(article.title, "Phố sách mở thêm không gian đọc ngoài trời");
        assert_eq!(article.category.as_deref(), Some("Văn hóa"));
        assert_eq!(article.published.unwrap().to_iso(), "2023-06-02T08:45:00");
        assert_eq!(article.source.as_deref(), Some("NSTĐ"));
        assert!(article.lead.as_deref().unwrap().starts_with("Sau một năm"));
        assert_eq!(article.author.as_deref(), Some("Minh Thư"));
        let kinds: Vec<BlockKind> = article.body.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Paragraph, Caption, Heading, Paragraph, Caption, Paragraph]);
        let titles: Vec<&str> = article.related.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Trao giải cuộc thi viết về sách",
                "Mở rộng giờ đón khách dịp hè",
                "Hội sách mùa thu khai mạc",
                "Thư viện quận mở cửa buổi tối"
            ]
        );
        assert_eq!(article.related[3].category.as_deref(), Some("Xã hội"));
        assert_eq!(article.related[3].summary.as_deref(), Some("Thư viện phục vụ bạn đọc đến 21 giờ."));
    }

    #[test]
    fn reads_an_english_layout_with_byline_under_the_lead() {
        let text = "Cyclists get a riverside lane\nThe city will open a protected lane along the river next spring, \
after two years of consultation with residents.\nBy Jane Holloway\nThu 14 Apr 2022 17.06 BST\n\n\
Work on the lane starts in June and is due to take eight months, the council said on Thursday.\n\n\
Read more: Bridge repairs close the east crossing\n\nMore on this story\n\nBus fares frozen for a year\n\
Fares stay at current prices until next April, the transport authority said.\n";
        let article = parse(Path::new("a.txt"), text).unwrap();
        assert_eq!(article.title, "Cyclists get a riverside lane");
        assert_eq!(article.author.as_deref(), Some("Jane Holloway"));
        assert_eq!(article.published.unwrap().to_iso(), "2022-04-14T17:06:00+01:00");
        assert_eq!(article.body.len(), 1);
        assert_eq!(article.related.len(), 2);
        assert!(article.related[1].summary.is_some());
    }

    #[test]
    fn plain_text_is_not_a_page_dump() {
        assert!(!looks_like_page_dump("Tựa đề\nĐoạn mở đầu dài.\nĐoạn thân bài.\n"));
        assert!(looks_like_page_dump(V1));
    }
}
