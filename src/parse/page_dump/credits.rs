//! Photo credits: what makes a line a caption ("… Ảnh: Hoài Thương", "… Photograph: …",
//! "REUTERS/…", "… | Helen Ruiz/AP Photo", "… Kelsey Marr, USA TODAY NETWORK") or a credit on
//! its own line ("Credit...Jane Doe", "Corinne Vasquez/CNN").

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{all_caps, ends_sentence};

/// A photo credit: a credit word ("Ảnh minh họa" too) then a colon, "by" or a slash, or "Credit…" (the word's start
/// is checked apart: a leading `\b` keeps the regex from looking for its words first).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:ảnh(?: minh h(?:ọa|oạ))?|photo|photograph|photographer|illustration|image|picture|pic|credit)(?:\s*(?::|by\b|/)|\.\.\.|…|\s+courtesy\b)",
    )
        .expect("credit")
});
/// A source named as a credit, at the line's start or after its last sentence: "… xã Hùng Mỹ.
/// Nguồn: Nhóm nghiên cứu", "Source: HOSE, HNX" ("the source: a pipe" inside a sentence is none).
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[.!?”)]\s+)(nguồn|source)\s*:").expect("source credit"));
/// An agency's photo credit: "REUTERS/Kim Thu".
static AGENCY_PHOTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\p{Lu}{2,}/\p{Lu}").expect("agency"));
/// A credit that ends the caption: "… | Helen Ruiz/AP Photo", "… (AP Photo)", "… Lakeside. Post
/// File Photo".
static PHOTO_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:[/(|][^/(|]{0,30}\bphoto\)?$)|[.!?”] (?:\p{Lu}[\p{L}.'’-]*\s){1,3}(?i:photo)$")
        .expect("photo at end")
});
/// A credit after the caption's last sentence: "… in March 2020. Kelsey Marr, USA TODAY NETWORK".
static NAME_AND_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”\)] (?:\p{Lu}[\p{L}'’.-]*\s){1,3}?\p{Lu}[\p{L}'’.-]*, \p{Lu}[\p{Lu}&\s]{1,30}$")
        .expect("name and outlet")
});
/// A credit in brackets that ends the caption: "… on Tuesday. (Marcus Bell/The Washington Post)",
/// "… (ABC Gippsland: Kate Dillon)", "… Wadi Sarrah [File: Yasmin Haddad/Al Jazeera]", or
/// capitalised words after a full stop: "… Minnesota. (Northern Grid Lab)".
static BRACKETED_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:([.!?”]) )?[(\[](\p{Lu}[\p{L}\p{M}\d.'’&-]*(?:[\s/:,]+\p{Lu}[\p{L}\p{M}\d.'’&-]*){1,7})[)\]]$",
    )
    .expect("bracketed")
});
/// A credit word in brackets, after capitalised words, that ends the caption: "… near
/// Ballykeeran (File image)", "… (PA Archive)", "… at the front. (Ho Wei Ling pic)".
static CREDIT_WORD_IN_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:\p{Lu}[\p{L}\p{M}.'’-]*\s){1,4}(?i:pic|picture|image|photo|file|archive|handout)\)$")
        .expect("credit word in brackets")
});
/// A credit after the caption's last sentence: "… evening run. — VNS Photo Thu Trang", "… cotton
/// © Ben Farrant/FT". (A credit after a bar, "… | Bloomberg | Getty Images", looks like a link
/// bar, "… | Today's Paper | Subscribe": left to be one.)
static TAIL_AFTER_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[.!?”] [—–] \p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){1,5}| © \p{Lu}[^©\d]{2,40})$")
        .expect("tail credit")
});
/// A photographer working for an outlet, after the caption's last sentence: "… in 2021. Sam
/// Deller for Vox".
static FOR_OUTLET_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”] ((?:\p{Lu}[\p{L}'’.-]*\s){1,2}\p{Lu}[\p{L}'’.-]* for(?:\s\p{Lu}[\p{L}'’.&-]*){1,5})$")
        .expect("for outlet at end")
});
/// A photographer and outlet after the caption's last sentence: "… Oregon. Noor Halvorsen/Slate",
/// "… in 2021. Tomás Ibarra/Getty Images", "… on May 30. Dana Crewe / NBC News", or after a
/// bar: "… Alabama. Marlon Teague | Bloomberg | Getty Images" (a link bar has no sentence before).
static PHOTOGRAPHER_AND_OUTLET_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"(?:\p{Lu}[\p{L}'’.-]*\s){1,3}\p{Lu}[\p{L}'’.-]*";
    let outlet = r"\p{Lu}[\p{L}'’.&-]*(?:\s\p{Lu}[\p{L}'’.&-]*){0,3}";
    Regex::new(&format!(r"[.!?”] ({name}(?: ?/ ?{outlet}| \| {outlet}(?: \| {outlet})?))$"))
        .expect("photographer and outlet at end")
});
/// A photographer's credit in capitals after the caption: "… from September GARETH LOWRY FOR
/// THE TIMES" (two or more words in capitals after lower-case text).
static CAPITALS_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Ll}[,.]? (\p{Lu}{2,}[’'\p{Lu}]*(?: \p{Lu}{2,}[’'\p{Lu}]*){1,6})$")
        .expect("capitals at end")
});

/// A caption with its photo credit ("… Ảnh: Hoài Thương", "… Photograph: …", "REUTERS/…").
pub fn has_credit(text: &str) -> bool {
    text.split_whitespace().count() <= 70 && credit_at(text).is_some()
}

/// Where the first photo credit of `text` starts.
fn credit_at(text: &str) -> Option<usize> {
    let word_start = |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
    let credit = CREDIT.find_iter(text).map(|found| found.start()).find(|&at| word_start(at));
    let agency = || text.contains('/').then(|| AGENCY_PHOTO.find(text).map(|found| found.start())).flatten();
    // Both look at the line's end: tried only when it could match there.
    let photo_end = || {
        let tail = text.trim_end_matches(')');
        tail.len() > 5
            && tail.is_char_boundary(tail.len() - 5)
            && tail[tail.len() - 5..].eq_ignore_ascii_case("photo")
    };
    let capital_end = || text.chars().next_back().is_some_and(char::is_uppercase) && text.contains(", ");
    let at_end = || {
        let found = if photo_end() { PHOTO_AT_END.find(text) } else { None };
        let found = found.or_else(|| capital_end().then(|| NAME_AND_OUTLET.find(text)).flatten());
        found.map(|found| found.start() + 1)
    };
    let source = || SOURCE.captures(text).and_then(|found| found.get(1)).map(|found| found.start());
    credit.or_else(source).or_else(agency).or_else(at_end).or_else(|| credit_at_end(text))
}

/// "Nguồn: …", "Source: …" opening a line: a table's or a chart's source.
pub fn opens_with_source(text: &str) -> bool {
    SOURCE.find(text).is_some_and(|found| found.start() == 0)
}

/// A credit that closes the line: in brackets, after a dash or ©, or in capitals. Tried
/// only on lines of some words whose last character could end one.
fn credit_at_end(text: &str) -> Option<usize> {
    if text.split_whitespace().count() < 5 {
        return None;
    }
    let last = text.chars().next_back()?;
    if matches!(last, ')' | ']') {
        if let Some(found) = CREDIT_WORD_IN_BRACKETS.find(text) {
            return Some(found.start());
        }
        let found = BRACKETED_AT_END.captures(text)?;
        let inner = found.get(2)?.as_str();
        // Without a sentence before it, a slash or colon must say it is a credit.
        let marked = found.get(1).is_some() || inner.contains(['/', ':']);
        return marked.then(|| found.get(0).map_or(0, |m| m.start()));
    }
    if last.is_alphabetic() {
        // The regexes are tried only when the line could end in a credit: a dash or © in it, or
        // its last two words in capitals (most lines end in neither).
        let marked = text.contains('©') || text.contains(" — ") || text.contains(" – ");
        let tail = || marked.then(|| TAIL_AFTER_SENTENCE.find(text).map(|found| found.start() + 1)).flatten();
        let capitals = || {
            let mut words = text.split_whitespace().rev();
            let caps = |word: Option<&str>| word.is_some_and(|w| w.chars().count() >= 2 && all_caps(w));
            (caps(words.next()) && caps(words.next()))
                .then(|| CAPITALS_AT_END.captures(text).and_then(|c| c.get(1)).map(|found| found.start()))
                .flatten()
        };
        let for_outlet = || {
            text.contains(" for ")
                .then(|| FOR_OUTLET_AT_END.captures(text).and_then(|c| c.get(1)).map(|found| found.start()))
                .flatten()
        };
        let photographer = || {
            text.contains(['/', '|'])
                .then(|| {
                    PHOTOGRAPHER_AND_OUTLET_AT_END
                        .captures(text)
                        .and_then(|c| c.get(1))
                        .map(|found| found.start())
                })
                .flatten()
        };
        return tail().or_else(capitals).or_else(for_outlet).or_else(photographer);
    }
    None
}

/// A credit on a line of its own ("Ảnh: Hoài Thương", "Credit...Jane Doe").
pub fn is_credit_only(text: &str) -> bool {
    credit_at(text).is_some_and(|at| at <= 1) && text.split_whitespace().count() <= 8
}

/// A credit on a line of its own, whatever its form: "Credit...Jane Doe", "Corinne Vasquez/CNN",
/// "Owen Park for NPR": the line above it is the image's caption.
pub fn is_credit_line(text: &str) -> bool {
    // "Image:" alone labels the caption under it.
    let label = text.ends_with(':');
    !label && (is_slash_credit(text) || is_for_credit(text) || (has_credit(text) && is_credit_only(text)))
}

/// A photographer working for an outlet: "Owen Park for NPR", "Marco Ybarra for The New York
/// Times" (a name of two or three words, "for", capitalised words).
fn is_for_credit(text: &str) -> bool {
    let Some((name, outlet)) = text.split_once(" for ") else { return false };
    let capitalised = |part: &str, most: usize| {
        let words: Vec<&str> = part.split_whitespace().collect();
        !words.is_empty() && words.len() <= most && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    let name_words = name.split_whitespace().count();
    (2..=3).contains(&name_words) && capitalised(name, 3) && capitalised(outlet, 5) && !ends_sentence(text)
}

/// A photographer and outlet on a line of their own: "Corinne Vasquez/CNN".
pub fn is_slash_credit(text: &str) -> bool {
    let Some((name, outlet)) = text.rsplit_once('/') else { return false };
    let capitalised = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        !words.is_empty() && words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    capitalised(name) && capitalised(outlet) && !ends_sentence(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_in_and_beside_captions() {
        assert!(
            has_credit("Cảnh sát phân luồng. Ảnh: Hoài Thương") && has_credit("Tàu ở cảng. REUTERS/Kim Thu")
        );
        assert!(!has_credit("Giá 90.000 đồng/kg, thấp nhất từ đầu mùa"));
        assert!(
            has_credit("Kho hạt giống của xã Hùng Mỹ. Nguồn: Nhóm nghiên cứu") && has_credit("Source: HOSE")
        );
        assert!(!has_credit("Officials traced the source: a cracked pipe under the bridge."));
        assert!(is_credit_only("Credit...Jane Doe") && !is_credit_only("Tàu ở cảng. Ảnh: X"));
        assert!(is_slash_credit("Corinne Vasquez/CNN") && !is_slash_credit("Giá 90.000 đồng/kg"));
        assert!(
            is_credit_line("Owen Park for NPR")
                && is_credit_line("Credit...Marco Ybarra for The New York Times")
        );
        assert!(!is_credit_line("Search for Jobs") && !is_credit_line("A plan for The Town"));
        assert!(has_credit("A port in Maine. | Helen Ruiz/AP Photo"));
        assert!(has_credit("Sandbags in March 2020. Kelsey Marr, USA TODAY NETWORK"));
        assert!(has_credit("The crane fell at 3am. Pic: Pellham Port Authority"));
        assert!(!has_credit("He said it was the best photo"));
        assert!(!has_credit("Fares rise in May. Transport for London, TFL"));
        assert!(has_credit("A bus uses the lane on Tuesday. (Marcus Bell/The Washington Post)"));
        assert!(has_credit("Trainee Mia Sorensen, 17, on the deck. (ABC Gippsland: Kate Dillon)"));
        assert!(has_credit(
            "Farmers check a panel beside a well in Wadi Sarrah [File: Yasmin Haddad/Al Jazeera]"
        ));
        assert!(has_credit("The outdoor unit at one of the test homes. (Northern Grid Lab)"));
        assert!(has_credit("The ferry on its first evening run. — VNS Photo Thu Trang"));
        assert!(has_credit("The warehouses were built to store cotton © Ben Farrant/FT"));
        assert!(has_credit("Pupils will have Fridays off from September GARETH LOWRY FOR THE TIMES"));
        assert!(has_credit("Container stacks at the port. Photographer: Li Wen Hao/Bloomberg"));
        assert!(has_credit(
            "A parking lot in Carrow Falls. It dropped its minimums in 2021. Sam Deller for Vox"
        ));
        assert!(!has_credit("The mayor said it was time. Voters decide for themselves"));
        assert!(has_credit("A dimmed street in Kettering Falls, Oregon. Noor Halvorsen/Slate"));
        assert!(!has_credit("The vote was close. Some said it was a yes/no question"));
        assert!(has_credit("Illustration by Tomás Riera. Sources: Getty; Dana Fell."));
        // Prose that ends in brackets or capitals, and a footer's ©, are no credits.
        assert!(!has_credit("The council met on Monday and said it would decide (in March)"));
        assert!(!has_credit("The agency said it would report to the WHO"));
        assert!(!has_credit("Tăng cường phối hợp với đại biểu HĐND"));
        assert!(!has_credit("Rain fell all day on the town, officials said. (AP)"));
        assert!(!has_credit("© 2023 The New York Times Company"));
        assert!(!has_credit("Rain fell all day on the town, officials said. (Reuters)"));
        // A credit's other forms: a spaced slash, a bar after a sentence, a credit word in brackets.
        assert!(has_credit("A ferry leaves the pier at dawn. Minh Lưu / Tin Cảng"));
        assert!(has_credit("Cranes over the new wharf in Dorrow. Pia Lund | Harbour Press | Getty Images"));
        assert!(!has_credit("Home | News | Sport | Weather"));
        assert!(has_credit("The old bridge over the Tam river (File image)"));
        assert!(has_credit("A queue outside the clinic on Monday. (Lan Hò pic)"));
        assert!(!has_credit("The plan was filed last year (see the archive)"));
        assert!(has_credit("A boat at the quay in Tiên Sa. Harbour File Photo"));
        assert!(has_credit("Mặt bằng dự án đang thi công. Ảnh minh họa: Ngọc Lan"));
        assert!(has_credit("A tanker in the yard on Friday. (Sipho Dube/Cape News24)"));
        assert!(!has_credit("He said the photo. It was his best photo"));
    }
}
