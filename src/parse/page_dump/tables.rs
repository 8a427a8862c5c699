//! Tables as a browser copies them: one cell a line ("Mã", "Giá", "TKS", "28.350", …), or one row
//! a line with its cells parted by " | ". A table of cells is found by its period: a column of
//! figures that comes back every `k` lines beside a column of words, for rows on end, a header
//! row of words over them. One pass per column count over each run of short lines: linear.

use super::classify::{Class, Reading, Rule};
use super::credits::opens_with_source;
use super::lines::{Line, Page};

/// Columns a table of cells may have.
const COLUMNS: std::ops::RangeInclusive<usize> = 2..=8;
/// Rows of figures a table needs, its header aside: two could be any pair of labelled numbers.
const MIN_ROWS: usize = 3;
/// Words a cell has at most, alone on its line or in a row with bars.
const CELL_WORDS: usize = 8;
const ROW_CELL_WORDS: usize = 12;

/// Where a page's tables are.
pub struct Tables {
    /// Each table's first and last line.
    pub spans: Vec<(usize, usize)>,
    /// The table each line is a row or a cell of.
    of_line: Vec<Option<usize>>,
    /// Cells a row has, per table (1 when each line is a row already).
    columns: Vec<usize>,
}

impl Tables {
    pub fn find(page: &Page) -> Tables {
        let mut spans = Vec::new();
        let mut columns = Vec::new();
        let n = page.len();
        // Each line's cells when it is a row with bars, read once.
        let rows: Vec<Option<usize>> = page.lines.iter().map(|line| cells_of_row(line.text)).collect();
        let mut at = 0;
        while at < n {
            let cell = |at: usize| is_cell(&page.lines[at]);
            let piped = |at: usize| rows[at];
            if let Some(count) = piped(at) {
                let mut end = at + 1;
                while end < n && piped(end) == Some(count) {
                    end += 1;
                }
                // Rows of figures, a header of words over them maybe.
                if end - at >= 2 && (at..end).any(|row| has_figure(page.lines[row].text)) {
                    spans.push((at, end - 1));
                    columns.push(1);
                }
                at = end;
            } else if cell(at) {
                let mut end = at + 1;
                while end < n && cell(end) && piped(end).is_none() {
                    end += 1;
                }
                let kinds: Vec<Kind> = (at..end).map(|i| Kind::of(page.lines[i].text)).collect();
                if let Some((start, last, k)) = table_of_cells(&kinds) {
                    spans.push((at + start, at + last));
                    columns.push(k);
                }
                at = end;
            } else {
                at += 1;
            }
        }
        let mut of_line = vec![None; n];
        for (table, &(first, last)) in spans.iter().enumerate() {
            of_line[first..=last].fill(Some(table));
        }
        Tables { spans, of_line, columns }
    }

    /// The table line `at` is part of.
    pub fn of(&self, at: usize) -> Option<usize> {
        self.of_line.get(at).copied().flatten()
    }

    /// Whether a table's first line is line `at`.
    pub fn starts_at(&self, at: usize) -> bool {
        self.of(at).is_some_and(|table| self.spans[table].0 == at)
    }

    /// Table `table` as text: a row a line, its cells parted by " | " (as the HTML reader
    /// writes tables).
    pub fn text(&self, page: &Page, table: usize) -> String {
        let (first, last) = self.spans[table];
        let cells: Vec<&str> = (first..=last).map(|at| page.text(at)).collect();
        let rows: Vec<String> = cells.chunks(self.columns[table]).map(|row| row.join(" | ")).collect();
        rows.join("\n")
    }
}

/// A table in the body: its rows are a paragraph (its first line holds them all), the line over
/// it that titles it is its caption ("Bảng giá … (đồng/kg)", not a paragraph that ends in a
/// colon), and a credit under it ("Nguồn: …") is its source, neither caption nor body.
pub fn read_in_body(reading: &mut Reading, at: usize, end: usize) -> Option<usize> {
    let titles = |line: &Line| !line.ends_sentence() && !line.text.ends_with(':') && line.words <= 20;
    if let Some(table) = reading.tables.of(at) {
        let (first, last) = reading.tables.spans[table];
        let last = last.min(end.saturating_sub(1));
        reading.set(at, Class::Paragraph, if at == first { Rule::TableStart } else { Rule::TableCell });
        for cell in at + 1..=last {
            reading.set(cell, Class::Paragraph, Rule::TableCell);
        }
        let source =
            reading.page.get(last + 1).is_some_and(|next| opens_with_source(next.text) && last + 1 < end);
        if source {
            reading.set(last + 1, Class::Furniture, Rule::TableSource);
        }
        return Some(last + 1 - at + usize::from(source));
    }
    let opens_table = at + 1 < end && reading.tables.starts_at(at + 1);
    if opens_table && titles(&reading.page.lines[at]) {
        reading.set(at, Class::Caption, Rule::TableTitle);
        return Some(1);
    }
    None
}

/// A line a table's cell can be: a few words or a figure, no sentence.
fn is_cell(line: &Line) -> bool {
    line.words <= CELL_WORDS && !line.ends_sentence() && !line.text.ends_with(':')
}

/// "8 | Nhà lớp học | 21,8": how many cells a row copied with its bars has (a caption's long
/// words before " | CREDIT" are no cell).
fn cells_of_row(text: &str) -> Option<usize> {
    let cells: Vec<&str> = text.split(" | ").collect();
    let short = cells.iter().all(|cell| cell.split_whitespace().count() <= ROW_CELL_WORDS);
    (cells.len() >= 2 && short && !text.ends_with('.')).then_some(cells.len())
}

fn has_figure(text: &str) -> bool {
    text.split(" | ").any(|cell| Kind::of(cell) == Kind::Figure)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Figures ("28.350", "+6,97", "7.600-7.800", "46"), a unit's letter or two allowed.
    Figure,
    Words,
}

impl Kind {
    fn of(text: &str) -> Kind {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if digits > 0 && letters <= 2 {
            Kind::Figure
        } else {
            Kind::Words
        }
    }
}

/// The table in a run of cells: its first and last line (offsets in `kinds`) and its columns.
/// The rows are the longest stretch where each line's kind is the kind `k` lines on, with a
/// column of figures and one of words, under a header: a row of words that names the columns.
fn table_of_cells(kinds: &[Kind]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for k in COLUMNS {
        if kinds.len() < k * MIN_ROWS {
            break;
        }
        let mut from = 0;
        while from + k < kinds.len() {
            let mut to = from;
            while to + k < kinds.len() && kinds[to] == kinds[to + k] {
                to += 1;
            }
            // The rows start where a header of words stands over them, else at the stretch's start.
            let header_over = |o: usize| o >= k && kinds[o - k..o].iter().all(|&kind| kind == Kind::Words);
            let first_row = (from..(from + k).min(to + 1)).find(|&o| header_over(o)).unwrap_or(from);
            // Whole rows: the stretch's lines and the last row they point to.
            let rows = (to + k - first_row) / k;
            let row = &kinds[first_row..first_row + k];
            let mixed = row.contains(&Kind::Figure) && row.contains(&Kind::Words);
            // A header names the columns: figures and labels taking turns without one are a
            // widget's ("You will save per year", "$7,000", …).
            if rows >= MIN_ROWS && mixed && to > from && header_over(first_row) {
                let start = first_row - k;
                let last = first_row + rows * k - 1;
                if best.is_none_or(|(s, l, _)| last - start > l - s) {
                    best = Some((start, last, k));
                }
            }
            from = to.max(from + 1);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<String> {
        let page = Page::new(text);
        let tables = Tables::find(&page);
        (0..tables.spans.len()).map(|table| tables.text(&page, table)).collect()
    }

    #[test]
    fn cells_a_line_make_rows_under_their_header() {
        let text =
            "Giá cá tại chợ đầu mối sáng nay tăng nhẹ so với tuần trước.\nBảng giá cá\nLoại\nGiá\nĐổi\n\
                    Cá lóc\n72.000\n+2.000\nCá rô\n55.000\n0\nCá trê\n48.000\n-1.000\nNguồn: chợ Bình Điền\n\
                    Thương lái cho biết giá sẽ còn tăng đến cuối tháng.";
        assert_eq!(
            tables(text),
            ["Loại | Giá | Đổi\nCá lóc | 72.000 | +2.000\nCá rô | 55.000 | 0\nCá trê | 48.000 | -1.000"]
        );
    }

    #[test]
    fn a_menu_of_words_or_two_figures_is_no_table() {
        assert!(tables("Home\nNews\nSport\nWeather\nTravel\nCulture\nAbout us").is_empty());
        assert!(tables("Lượt xem\n412\nBình luận\n3\nChia sẻ").is_empty());
    }

    #[test]
    fn rows_with_bars_are_a_table() {
        let text = "Gói thầu được đăng tải hôm qua trên hệ thống mạng đấu thầu quốc gia.\n\
                    STT | Hạng mục | Giá (tỷ đồng)\n1 | Nhà lớp học | 21,8\n2 | Nhà ăn | 6,4";
        assert_eq!(
            tables(text),
            ["STT | Hạng mục | Giá (tỷ đồng)\n1 | Nhà lớp học | 21,8\n2 | Nhà ăn | 6,4"]
        );
    }
}
