//! Words and minutes to read, by the article's language: Vietnamese writes each syllable apart,
//! so its "words" are syllables and it reads more of them a minute.

use crate::article::Article;

/// Silent reading of non-fiction in English: 238 words a minute (Brysbaert, 2019).
const ENGLISH_WORDS_PER_MINUTE: usize = 238;
/// Vietnamese, in syllables: about 1.4 of them make a word, so English's rate is some 330 a
/// minute; 300 is an estimate, not a measured figure.
const VIETNAMESE_SYLLABLES_PER_MINUTE: usize = 300;
/// Vietnamese when at least this share of the words carries a letter only Vietnamese uses.
const VIETNAMESE_SHARE_PERCENT: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingTime {
    pub words: usize,
    pub minutes: usize,
}

/// Letters of Vietnamese that other Latin-script languages do not use: ă đ ĩ ũ ơ ư and the
/// toned vowels of Latin Extended Additional (ạ ả ấ … ỹ), in NFC.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1ea0}'..='\u{1ef9}'
    )
}

pub fn reading_time(article: &Article) -> ReadingTime {
    let texts =
        article.lead.iter().map(String::as_str).chain(article.body.iter().map(|block| block.text.as_str()));
    let (mut words, mut vietnamese) = (0, 0);
    for word in texts.flat_map(str::split_whitespace).filter(|word| word.chars().any(char::is_alphanumeric)) {
        words += 1;
        vietnamese += usize::from(word.chars().any(is_vietnamese_letter));
    }
    let rate = if vietnamese * 100 >= words * VIETNAMESE_SHARE_PERCENT && words > 0 {
        VIETNAMESE_SYLLABLES_PER_MINUTE
    } else {
        ENGLISH_WORDS_PER_MINUTE
    };
    ReadingTime { words, minutes: words.div_ceil(rate).max(1) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format};

    fn article(body: &str, times: usize) -> Article {
        let mut article = Article::new("/a.txt", Format::Plain, "Tiêu đề");
        article.body = vec![Block::paragraph(vec![body; times].join(" "))];
        article
    }

    #[test]
    fn english_reads_at_words_a_minute() {
        let time = reading_time(&article("The ferry leaves at nine.", 100));
        assert_eq!(time, ReadingTime { words: 500, minutes: 3 });
        assert_eq!(reading_time(&article("One", 1)), ReadingTime { words: 1, minutes: 1 });
    }

    #[test]
    fn vietnamese_reads_more_syllables_a_minute() {
        // 10 syllables, 7 of them with letters only Vietnamese uses (ữ, ế, đ, ạ, ư, ố, ớ).
        let time = reading_time(&article("Những chuyến tàu đầu tiên chạy qua đường phố mới.", 60));
        assert_eq!(time.words, 600);
        assert_eq!(time.minutes, 2, "600 syllables at 300 a minute");
        // Accents that French or Spanish share (é, à) do not make a text Vietnamese.
        let french = reading_time(&article("Le café à côté est fermé pour les fêtes.", 60));
        assert_eq!(french.minutes, 3, "540 words at 238 a minute");
    }

    #[test]
    fn an_empty_article_takes_a_minute_and_no_words() {
        assert_eq!(reading_time(&article("", 1)), ReadingTime { words: 0, minutes: 1 });
    }
}
