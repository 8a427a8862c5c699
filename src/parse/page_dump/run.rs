//! The edges of the article's body. The largest run of prose may take in, at either end, short
//! sentences that stand alone between labels and widgets: a sidebar's disclosure, a sponsor's
//! line, a newsletter's call. A body's paragraphs sit together (or beside their images); a
//! short sentence cut off from the run by furniture on both sides, much shorter than the run's
//! paragraphs, is not the body's first or last paragraph. Linear in the run.

use super::bylines::by_line;
use super::classify::Reading;
use super::patterns::asks_to_subscribe;

/// How far into the run a byline or date line is looked for.
const HEADER_REACH: usize = 8;

/// A trimmed edge line is shorter than this share of the run's median paragraph.
const SHORT_SHARE: usize = 2;
/// Trimming stops with this many paragraphs left.
const KEEP: usize = 3;

/// `run` without the isolated short sentences at its ends.
pub fn trim_edges(reading: &Reading, run: (usize, usize)) -> (usize, usize) {
    let prose: Vec<usize> = (run.0..=run.1).filter(|&at| reading.is_prose(at)).collect();
    if prose.len() <= KEEP {
        return run;
    }
    let mut lengths: Vec<usize> = prose.iter().map(|&at| reading.page.lines[at].text.len()).collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    let short = |at: usize| reading.page.lines[at].text.len() * SHORT_SHARE < median;
    // Cut off from the paragraph on `side`: furniture, not its image's caption, stands between.
    let apart = |at: usize, neighbour: usize| {
        let between = if neighbour > at { at + 1 } else { at - 1 };
        between != neighbour && !reading.page.lines[between].credit
    };
    let (mut first, mut last) = (0, prose.len() - 1);
    while last - first + 1 > KEEP && short(prose[first]) && apart(prose[first], prose[first + 1]) {
        first += 1;
    }
    while last - first + 1 > KEEP && short(prose[last]) && apart(prose[last], prose[last - 1]) {
        last -= 1;
    }
    // "Thanks for reading. If someone forwarded this to you, you can subscribe here.": a call to
    // subscribe at either end of the run is the site's, however it stands.
    let call = |at: usize| reading.page.lines[at].words <= 40 && asks_to_subscribe(reading.page.text(at));
    while last - first + 1 > KEEP && call(prose[last]) {
        last -= 1;
    }
    while last - first + 1 > KEEP && call(prose[first]) {
        first += 1;
    }
    // "Do you like the content of this article?", "Will you support Vox today?": a short question
    // with at most one paragraph after it at the run's end is the site's appeal, not the body's.
    let appeal = (prose[first]..=prose[last]).rev().find(|&at| reader_question(reading, at));
    if let Some(question) = appeal {
        let kept = prose[first..=last].iter().filter(|&&at| at < question).count();
        let after = prose[first..=last].iter().filter(|&&at| at > question).count();
        if after <= 1 && kept >= KEEP {
            last = first + kept - 1;
        }
    }
    (prose[first], prose[last])
}

/// A question of a few words, no quote, alone on its line.
fn reader_question(reading: &Reading, at: usize) -> bool {
    let line = &reading.page.lines[at];
    line.words <= 10
        && line.text.ends_with('?')
        && line.inner_sentences() == 0
        && !line.text.contains(['“', '”', '"'])
}

/// The run without the header it began with: a byline or a date line a few lines into it means
/// the lines above them (a headline that ends with a question mark, a standfirst, the feature
/// image's caption) are the header's, and the body starts after them.
pub fn after_header(reading: &Reading, run: (usize, usize)) -> (usize, usize) {
    let reach = (run.0 + HEADER_REACH).min(run.1);
    let header_line = |at: usize| {
        let line = &reading.page.lines[at];
        line.date.is_some() || by_line(line.text).is_some() || headline_twice(reading, at)
    };
    let Some(last) = (run.0..=reach).rev().find(|&at| header_line(at)) else { return run };
    let before = (run.0..last).filter(|&at| reading.is_prose(at)).count();
    let after: Vec<usize> = (last + 1..=run.1).filter(|&at| reading.is_prose(at)).collect();
    // A sub-heading is shown twice too (a table of contents' entry): a doubled line opens the
    // run only where no paragraph stands above its first copy.
    let above = if headline_twice(reading, last) { 1 } else { KEEP };
    if before <= above && after.len() >= KEEP {
        (after[0], run.1)
    } else {
        run
    }
}

/// The headline printed twice in a row (a sticky header's copy, a browser's copy of the
/// heading and its link): the second copy of a line of a few words without a full stop (a
/// question may end it), under its first.
fn headline_twice(reading: &Reading, at: usize) -> bool {
    let line = &reading.page.lines[at];
    at > 0
        && reading.page.text(at - 1) == line.text
        && (3..=20).contains(&line.words)
        && line.starts_upper()
        && !line.text.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', ':', ';', ','])
}

#[cfg(test)]
mod tests {
    use super::super::classify::Reading;

    #[test]
    fn short_sentences_cut_off_at_the_edges_leave_the_run() {
        let paragraph =
            "Đây là một đoạn văn dài của bài báo, kể lại việc đã xảy ra ở phường bên sông với đủ chi tiết \
                         để dài hơn hẳn những câu ngắn đứng một mình bên lề trang.";
        let text = format!(
            "Tác giả nhận tài trợ từ một quỹ khoa học.\nĐối tác\nMột trường đại học là thành viên của trang.\n\
             Đăng lại bài\n{paragraph}\n{paragraph} Hai.\n{paragraph} Ba.\n{paragraph} Bốn.\n\
             Nhận bản tin của chúng tôi mỗi sáng.\nĐăng ký\n"
        );
        let mut reading = Reading::new(&text, None);
        reading.classify();
        let paragraphs: Vec<usize> =
            (0..reading.page.len()).filter(|&at| reading.class[at].name() == "paragraph").collect();
        assert_eq!(paragraphs, [4, 5, 6, 7]);
    }

    #[test]
    fn a_short_question_at_the_end_is_the_sites_appeal() {
        let paragraph = "The council voted on Monday to keep the ferry running through the winter, after \
                         a month of meetings in which islanders said the boat was their only way to work.";
        let text = format!(
            "{paragraph}\n{paragraph} Two.\n{paragraph} Three.\n{paragraph} Four.\nWill you support us today?\n\
             We believe everyone deserves to understand the world they live in, and we keep it free.\nDonate\n"
        );
        let mut reading = Reading::new(&text, None);
        reading.classify();
        let paragraphs: Vec<usize> =
            (0..reading.page.len()).filter(|&at| reading.class[at].name() == "paragraph").collect();
        assert_eq!(paragraphs, [0, 1, 2, 3]);
    }
}
