//! Tests of `dates`: the forms news pages write dates in.

use super::*;

fn iso(line: &str) -> String {
    find_date(line).map(|found| found.published.to_iso()).unwrap_or_default()
}

#[test]
fn vietnamese_forms_are_day_first() {
    assert_eq!(iso("Tin tức 14/04/2022 17:06"), "2022-04-14T17:06:00");
    assert_eq!(iso("Thứ năm, 14/4/2022, 17:06 (GMT+7)"), "2022-04-14T17:06:00+07:00");
    assert_eq!(iso("Thứ hai, ngày 3 tháng 5 năm 2021"), "2021-05-03");
    assert_eq!(iso("Thứ năm, 15 tháng 06 năm 2023 | 05:15"), "2023-06-15T05:15:00");
    assert_eq!(iso("03/05/2021 - 08h30"), "2021-05-03T08:30:00");
}

#[test]
fn english_forms() {
    assert_eq!(iso("14 April 2022"), "2022-04-14");
    assert_eq!(iso("Thu 14 Apr 2022 17.06 BST"), "2022-04-14T17:06:00+01:00");
    assert_eq!(iso("April 14, 2022 5:06 pm"), "2022-04-14T17:06:00");
    assert_eq!(iso("2022-04-14T17:06:00+07:00"), "2022-04-14T17:06:00+07:00");
    assert_eq!(iso("April 14, 2022 — 5.00am"), "2022-04-14T05:00:00");
    assert_eq!(iso("Apr 14, 2022 5:45 PM PHT"), "2022-04-14T17:45:00+08:00");
    assert_eq!(iso("June 14, 2023 / 11:05 AM EDT"), "2023-06-14T11:05:00-04:00");
}

#[test]
fn keeps_the_text_around_the_date() {
    let found = find_date("Tin tức 14/04/2022 17:06").unwrap();
    assert_eq!(found.before, "Tin tức");
    let found = find_date("Lan Anh - 02/03/2023 - 09:15").unwrap();
    assert_eq!((found.before.as_str(), found.after.as_str()), ("Lan Anh", ""));
    let found = find_date("Thứ năm, 14/4/2022, 17:06 (GMT+7)").unwrap();
    assert_eq!((found.before.as_str(), found.after.as_str()), ("", ""));
}

#[test]
fn times_on_their_own_line_and_before_the_date() {
    let (time, offset) = find_time("9:42 PM GMT+7").unwrap();
    assert_eq!((time.to_string(), offset.map(|o| o.to_string())), ("21:42:00".into(), Some("+07:00".into())));
    assert!(find_time("Updated 5 hours ago").is_none());
    assert_eq!(iso("08:15 14/04/2022"), "2022-04-14T08:15:00");
    assert_eq!(iso("Published 5:06 PM EDT, June 9, 2022"), "2022-06-09T17:06:00-04:00");
    assert_eq!(iso("Published 4:15 PM EDT, Thu April 14, 2022"), "2022-04-14T16:15:00-04:00");
    assert_eq!(iso("Updated 4:31 PM GMT+7, April 14, 2022"), "2022-04-14T16:31:00+07:00");
    assert_eq!(iso("April 14, 2022, 5:06 p.m. ET"), "2022-04-14T17:06:00-04:00");
    assert_eq!(iso("January 9, 2023 10:00 AM ET"), "2023-01-09T10:00:00-05:00");
    assert_eq!(iso("April 14, 2022 5:06 PM GMT+7 Updated 2 days ago"), "2022-04-14T17:06:00+07:00");
    assert_eq!(iso("April 14, 2023, 6 AM ET"), "2023-04-14T06:00:00-04:00");
    assert_eq!(iso("April 14, 2022 5 AM PT"), "2022-04-14T05:00:00-07:00");
    assert_eq!(iso("November 29, 20235:02 AM ET"), "2023-11-29T05:02:00-05:00");
    assert_eq!(iso("Posted at 5:42 PM, Nov 29, 2023"), "2023-11-29T17:42:00");
    assert_eq!(iso("Thứ Năm, 14/04/2022, 07:30 [GMT+7]"), "2022-04-14T07:30:00+07:00");
    assert_eq!(iso("Cập nhật: 14-04-2022 05:46:12 | Xã hội"), "2022-04-14T05:46:12");
    assert_eq!(iso("Cập nhật lúc 07:40, Thứ năm, 14/04/2022 (GMT+7)"), "2022-04-14T07:40:00+07:00");
    assert_eq!(iso("Posted: Apr 14, 2022 4:00 AM ADT"), "2022-04-14T04:00:00-03:00");
    assert_eq!(iso("by Cole Brennan - 04/14/22 6:00 AM ET"), "2022-04-14T06:00:00-04:00");
    assert_eq!(find_date("by Cole Brennan - 04/14/22 6:00 AM ET").unwrap().before, "by Cole Brennan");
    assert!(find_date("Tỷ lệ 3/4/22 học sinh").is_none());
}

/// Two elements of a page copied without a space between them: the first date is read, and what
/// ran into its year is the text after it.
#[test]
fn a_year_run_into_the_next_word() {
    assert_eq!(iso("Posted on March 3, 2021April 9, 2022"), "2021-03-03");
    assert_eq!(find_date("Posted on March 3, 2021April 9, 2022").unwrap().after, "April 9, 2022");
    assert_eq!(find_date("May 5, 2019Tomas Berg").unwrap().after, "Tomas Berg");
    assert_eq!(iso("Đăng ngày 14/04/2022Đọc 5 phút"), "2022-04-14");
    // A decade, a fifth digit, a code: no year runs on there.
    assert!(find_date("The 2020s began with 12020Kg of cargo").is_none());
}

#[test]
fn impossible_dates_are_not_dates() {
    assert!(find_date("31/02/2022").is_none());
    assert!(find_date("số 1234 và 56").is_none());
}
