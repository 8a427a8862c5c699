//! The parser on small pages written for these tests; the fixtures in tests/fixtures/page_dumps
//! measure it on whole pages of many outlets.

use std::path::Path;

use super::*;
use crate::article::{Article, BlockKind};

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
    let article = parse(Path::new("a.txt"), V1, None).unwrap();
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
    let text =
        "Cyclists get a riverside lane\nThe city will open a protected lane along the river next spring, \
after two years of consultation with residents.\nBy Jane Holloway\nThu 14 Apr 2022 17.06 BST\n\n\
Work on the lane starts in June and is due to take eight months, the council said on Thursday.\n\n\
Read more: Bridge repairs close the east crossing\n\nMore on this story\n\nBus fares frozen for a year\n\
Fares stay at current prices until next April, the transport authority said.\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
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
    // Short lines are a poem's; lines of one to three words in a run are a menu.
    let poem =
        "Mùa thu ở phố\n\nLá vàng rơi trên mái ngói\nGió heo may qua ngõ nhỏ\nNgười đi chợ sớm về muộn\n\
Quán nước đầu hẻm còn đông\nTiếng rao bánh mì buổi tối\nĐèn đường vàng như năm cũ\nMẹ gọi con về ăn cơm\n\
Phố vẫn là phố ngày xưa\nChỉ người đi xa chưa về\n";
    assert!(!looks_like_page_dump(poem));
    let menu = "Trang chủ\nThời sự\nThế giới\nKinh doanh\nGiải trí\nThể thao\nPháp luật\nGiáo dục\n\
Tiêu đề một bài báo không có ngày đăng\nĐoạn văn đầu tiên của bài báo này đủ dài để thành một đoạn.\n";
    assert!(looks_like_page_dump(menu));
    // An image's alt text over its caption reads as a saved page; a plain article that shows its
    // title twice at the top does not.
    let paragraph = "Chiếc cầu gỗ bắc qua con lạch sau làng đã được thay bằng cầu bê tông trong tháng này.";
    let captioned = format!(
        "Cầu mới qua lạch Bến Sen\n{paragraph}\nNgười dân đi trên cầu mới sáng sớm\n\
Người dân đi trên cầu mới sáng sớm.\n{paragraph}\n"
    );
    assert!(looks_like_page_dump(&captioned));
    let title_twice =
        format!("Cầu mới qua lạch Bến Sen mở cửa\nCầu mới qua lạch Bến Sen mở cửa.\n{paragraph}\n");
    assert!(!looks_like_page_dump(&title_twice));
}

fn related_titles(article: &Article) -> Vec<&str> {
    article.related.iter().map(|l| l.title.as_str()).collect()
}

fn texts(article: &Article, kind: BlockKind) -> Vec<&str> {
    article.body.iter().filter(|b| b.kind == kind).map(|b| b.text.as_str()).collect()
}

/// A wire story: share widgets, a photo with its credit and a "Read More" button, the dateline
/// prefix, advert labels in the body, the "___" separator, then the wire's other stories.
#[test]
fn reads_a_wire_layout() {
    let text = "Skip to main content\nMenu\nWorld\nU.S.\nPolitics\nSports\nBusiness\nScience\nSearch\n\
Ferry service returns to Lake Ardin after two dry summers\nBy DEREK ANSAH\nPublished 5:06 PM EDT, June 9, 2022\n\
Share\nCopy\nLink copied\nEmail\nFacebook\nX\nPrint\n\
The ferry Marigold leaves the pier at Braden, Mich., on Wednesday. (AP Photo/Lena Ortiz)\nRead More\n\
BRADEN, Mich. (AP) — The ferry across Lake Ardin carried its first passengers in two years on Wednesday after spring rains lifted the water high enough for the boat to reach the northern pier.\n\
The crossing takes 40 minutes and saves drivers a trip of nearly 60 miles around the lake.\n\
ADVERTISEMENT\n\
Captain Mara Holt said the boat was fully booked for the first week.\n\
County officials said the service would run until October if the water holds.\n\
___\nAssociated Press writer Tom Birch contributed to this report.\n\
ADVERTISEMENT\nMost read\nStocks slide as oil prices climb for a third day\nCopyright 2022 The Associated Press. All Rights Reserved.\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.title, "Ferry service returns to Lake Ardin after two dry summers");
    assert_eq!(article.author.as_deref(), Some("Derek Ansah"));
    assert_eq!(article.published.unwrap().to_iso(), "2022-06-09T17:06:00-04:00");
    assert_eq!(article.source.as_deref(), Some("AP"));
    assert!(article.lead.as_deref().unwrap().starts_with("The ferry across Lake Ardin"));
    assert_eq!(texts(&article, BlockKind::Caption).len(), 1);
    let paragraphs = texts(&article, BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(paragraphs[2].starts_with("County officials"));
    assert!(article.related.is_empty(), "{:?}", related_titles(&article));
}

/// A long-form layout: a masthead date, advert labels, a standfirst, a caption with its credit,
/// a byline with where it was reported from, the print-edition note and a topics line.
#[test]
fn reads_a_long_form_layout() {
    let text = "Skip to content\nSkip to site index\nSearch & Section Navigation\nSECTIONS\nSubscribe for $1/week\nLog in\n\
Monday, June 13, 2022\nToday's Paper\nAdvertisement\nSKIP ADVERTISEMENT\nSupported by\nSKIP ADVERTISEMENT\n\
In a Town of 900, the Last Bookshop Finds a New Owner\n\
The shop's founder had planned to close it in the spring. Then a retired teacher made an offer.\n\
Ellen Ruiz in the shop on Main Street last week.Credit...Paul Mendez for The Daily Ledger\n\
By Clara Whitfield\nReporting from Ashby Falls, Ore.\nJune 9, 2022\n\
Ashby Falls has one traffic light, two churches and, for 41 more days at least, one bookshop.\n\
Ellen Ruiz, 67, taught English at the high school for three decades before she retired last year.\n\
Advertisement\nSKIP ADVERTISEMENT\n\
She takes over the shop on July 1 and plans to keep its name, its cat and its Sunday hours.\n\
A version of this article appears in print on June 10, 2022, Section A, Page 14 of the edition with the headline: Last Bookshop Finds a Buyer. Order Reprints | Today's Paper | Subscribe\n\
See more on: Ashby Falls, Bookstores\nRelated Content\nSmall-Town Libraries Extend Their Hours\nAdvertisement\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.title, "In a Town of 900, the Last Bookshop Finds a New Owner");
    assert!(article.lead.as_deref().unwrap().starts_with("The shop's founder"));
    assert_eq!(article.author.as_deref(), Some("Clara Whitfield"));
    assert_eq!(article.published.unwrap().to_iso(), "2022-06-09");
    assert_eq!(article.tags, ["Ashby Falls", "Bookstores"]);
    assert_eq!(
        texts(&article, BlockKind::Caption),
        ["Ellen Ruiz in the shop on Main Street last week.Credit...Paul Mendez for The Daily Ledger"]
    );
    let paragraphs = texts(&article, BlockKind::Paragraph);
    assert_eq!(
        paragraphs.first().copied(),
        Some("Ashby Falls has one traffic light, two churches and, for 41 more days at least, one bookshop.")
    );
    assert_eq!(
        paragraphs.last().copied(),
        Some("She takes over the shop on July 1 and plans to keep its name, its cat and its Sunday hours.")
    );
    assert_eq!(related_titles(&article), ["Small-Town Libraries Extend Their Hours"]);
}

/// A Vietnamese layout with the date under the title, the source prefix "LĐO |", related links
/// between paragraphs, the author in capitals and a "Tin mới nhất" list that is not related.
#[test]
fn reads_a_vietnamese_layout_with_the_author_at_the_end_in_capitals() {
    let text = "Thời sự\nXã hội\nKinh tế\nVăn hóa\nThể thao\nXã hội\n\
Xã cù lao có cây cầu đầu tiên nối vào đất liền\nThứ Năm, 14/04/2022 - 08:15\n\
LĐO | Sau hai năm thi công, cây cầu dài 420 m nối xã cù lao Tân Hòa với đất liền đã thông xe sáng nay, người dân không còn phải đi đò.\n\
Cầu được khởi công từ đầu năm 2020 với tổng vốn gần 300 tỉ đồng, do tỉnh và huyện cùng bố trí.\n\
Tin liên quan\nĐò ngang vẫn là lối đi duy nhất của học sinh cù lao\nHuyện đề xuất xây cầu thứ hai qua sông Tiền\n\
Bà Phạm Thị Mai, 70 tuổi, nói cả đời bà đi đò, nay mới được đi xe máy qua sông. “Tôi mừng lắm”, bà nói.\n\
HOÀI THƯƠNG\nTin mới nhất\nGiá xăng giảm nhẹ từ chiều nay\nĐề xuất tăng lương tối thiểu vùng từ năm sau\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.title, "Xã cù lao có cây cầu đầu tiên nối vào đất liền");
    assert_eq!(article.category.as_deref(), Some("Xã hội"));
    assert_eq!(article.published.unwrap().to_iso(), "2022-04-14T08:15:00");
    assert_eq!(article.source.as_deref(), Some("LĐO"));
    assert_eq!(article.author.as_deref(), Some("Hoài Thương"));
    assert_eq!(texts(&article, BlockKind::Paragraph).len(), 2);
    assert_eq!(
        related_titles(&article),
        [
            "Đò ngang vẫn là lối đi duy nhất của học sinh cù lao",
            "Huyện đề xuất xây cầu thứ hai qua sông Tiền"
        ]
    );
}

/// A headline may hold a date; the date line under it is the publication's.
#[test]
fn a_headline_that_holds_a_date_is_still_the_title() {
    let text = "Thời sự\nThời tiết hôm nay 7/2/2023: không khí lạnh tràn về\nThứ ba, 07/02/2023 08:00\n\
Không khí lạnh tăng cường khiến nhiệt độ ở các tỉnh phía bắc giảm mạnh từ chiều nay, vùng núi có nơi dưới 5 độ.\n\
Cơ quan khí tượng cho biết đợt lạnh kéo dài đến cuối tuần, sau đó nhiệt độ tăng dần trở lại.\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.title, "Thời tiết hôm nay 7/2/2023: không khí lạnh tràn về");
    assert_eq!(article.published.unwrap().to_iso(), "2023-02-07T08:00:00");
    assert_eq!(article.category.as_deref(), Some("Thời sự"));
}

#[test]
fn a_site_list_between_paragraphs_lets_the_body_go_on() {
    let paragraph = "The county library board voted on Tuesday to stop charging fines for overdue books, \
                     after a year in which fines brought in less than one per cent of its budget.";
    let text = format!(
        "Library ends late fines\nBy Jane Holloway\nJune 14, 2023\n{paragraph}\n{paragraph} Two.\n\
         Trending\nHarbour crane collapses in storm\nFerry timetable changes next week\n\
         {paragraph} Three.\n{paragraph} Four.\nMost read\nCouncil tax rises again\nNew bus lanes open\n"
    );
    let article = parse(Path::new("a.txt"), &text, None).unwrap();
    let last = article.body.last().unwrap();
    assert!(last.text.ends_with("Four."), "{:?}", article.body);
    assert!(article.body.iter().all(|b| !b.text.contains("Harbour crane")));
}

#[test]
fn a_related_item_on_the_last_line_is_read_without_a_line_under_it() {
    // Found by the parse properties: an item that ends the file has no line to be its date.
    let text = "Đọc thêm\nÀ À À\nTin tức 14/04/2022 17:06\nÀ a a";
    assert!(explain(text, None).len() >= 4);
    let _ = parse(Path::new("a.txt"), text, None);
}

#[test]
fn a_menu_item_after_the_body_is_no_author() {
    let paragraph = "The harbour board agreed on Tuesday to dredge the old channel before spring, after \
                     a winter in which two fishing boats ran aground at low tide near the north pier.";
    let body = format!(
        "Harbour to dredge old channel\nMarch 3, 2025\n{paragraph}\n{paragraph} Two.\n{paragraph} Three.\n"
    );
    let menu =
        format!("{body}Visit Us\nOld Pier Road 12\nOpening Hours\nOur Boats\nGift Vouchers\nAbout Us\n");
    let article = parse(Path::new("a.txt"), &menu, None).unwrap();
    assert_eq!(article.author, None);
    let signed = format!("{body}Nora Pellew\nShare\nTweet\nOpening Hours\nOur Boats\n");
    let article = parse(Path::new("a.txt"), &signed, None).unwrap();
    assert_eq!(article.author.as_deref(), Some("Nora Pellew"));
}

#[test]
fn a_sub_heading_over_the_body_gives_way_to_the_headline_over_the_byline() {
    let paragraph = "The ferry company said on Monday that the night crossing would run again from April, \
                     after a winter in which the islanders had asked the council for a later boat home.";
    let text = format!(
        "Home\nNews\nIsland ferry brings back its night crossing\nShare\nSave\nMarch 3, 2025\n\
         Contents\nWhy the boat stopped\nWhat the islanders asked for\nWhy the boat stopped running\n\
         {paragraph}\n{paragraph} Two.\n{paragraph} Three.\n"
    );
    let article = parse(Path::new("a.txt"), &text, None).unwrap();
    assert_eq!(article.title, "Island ferry brings back its night crossing");
}

/// An update time is the publication's only when the page gives no other, above the title as
/// below it (a select-all copy of many blogs puts "Last updated" over the headline).
#[test]
fn an_update_time_above_the_title_dates_the_article_when_it_is_the_only_one() {
    let page = |dates: &str| {
        format!(
            "Home\nGuides\nContact\n\n{dates}\nHow a small library doubled its winter visitors\n\n\
The reading room stayed open until nine on weekdays, and the staff ran a soup evening every Friday.\n\n\
Visitors rose from four hundred to nine hundred a month, the librarian said in her yearly report.\n\n\
About us\nPrivacy\n"
        )
    };
    let only_update = parse(Path::new("a.txt"), &page("Last updated:\nDec 12, 2025\n"), None).unwrap();
    assert_eq!(only_update.title, "How a small library doubled its winter visitors");
    assert_eq!(only_update.published.unwrap().to_iso(), "2025-12-12");
    let both = parse(Path::new("a.txt"), &page("Published Nov 3, 2025\nLast updated: Dec 12, 2025\n"), None)
        .unwrap();
    assert_eq!(both.published.unwrap().to_iso(), "2025-11-03");
}

/// Comments under the article — a name, a date, the comment's text, again and again — are no
/// part of its body, with no header over them; a chronology inside the article (a heading or a
/// paragraph, then a date over the next paragraph) is.
#[test]
fn a_thread_of_stamped_entries_ends_the_body() {
    let article = "Home\nNews\n\nRiver ferry returns after a winter of repairs\nMarch 2, 2024\n\n\
The old ferry between the two market towns carried its first passengers of the year on Saturday morning.\n\n\
Its engine was rebuilt over the winter by a crew of four, who worked in a shed beside the landing.\n\n\
The crossing takes eleven minutes, and the ferry now runs every half hour until dusk.\n\n\
Timeline of the works\n\nNovember 4, 2023\nThe hull was lifted out of the water and moved into the shed for the winter.\n\n\
January 9, 2024\nThe rebuilt engine was fitted and tested on the slipway for two full days.\n\n\
Tickets cost the same as last year, and children under five still travel free on every crossing.\n\n";
    let comments = "mariel_k\nMarch 2, 2024, 9:14 am\nWe crossed this morning and the new engine is so much quieter than before.\n\n\
Tom Aske\nMarch 2, 2024, 10:02 am\nGood to see it back. The bridge detour added half an hour to my commute.\n\n\
riverwatcher\nMarch 3, 2024, 7:45 pm\nDoes anyone know whether the evening crossings will run in summer too?\n\n\
About\nPrivacy\n";
    let parsed = parse(Path::new("a.txt"), &format!("{article}{comments}"), None).unwrap();
    let body: Vec<&str> = parsed.body.iter().map(|block| block.text.as_str()).collect();
    assert!(body.iter().any(|text| text.starts_with("The hull was lifted")), "{body:#?}");
    assert!(body.iter().any(|text| text.starts_with("Tickets cost the same")), "{body:#?}");
    assert!(!body.iter().any(|text| text.contains("quieter") || text.contains("commute")), "{body:#?}");
}

#[test]
fn the_headline_opens_the_header_over_its_dek_and_a_heading_is_no_author() {
    let paragraph = "The parish council said on Thursday that the footbridge over the mill stream would \
                     reopen in May, after a survey found the old oak beams sound enough to keep.";
    let text = format!(
        "Home\nVillage\nRoads\nMill stream footbridge to reopen in May\nTamsin Orrell\n4 min read\n\
         Updated March 3, 2025\nContents\nWhat the survey found\nWhen the path reopens\n\
         Walk the valley with our free trail guide\n{paragraph}\n{paragraph} Two.\n{paragraph} Three.\n"
    );
    let article = parse(Path::new("a.txt"), &text, None).unwrap();
    assert_eq!(article.title, "Mill stream footbridge to reopen in May");
    assert_eq!(article.author.as_deref(), Some("Tamsin Orrell"));
    let bare = format!(
        "Home\nVillage\nMill stream footbridge to reopen in May\nMarch 3, 2025\nShare\nSave\nPrint\n\
         Key Takeaways\n{paragraph}\n{paragraph} Two.\n{paragraph} Three.\n"
    );
    let article = parse(Path::new("a.txt"), &bare, None).unwrap();
    assert_eq!(article.author, None);
}

#[test]
fn short_lines_under_the_body_that_it_writes_are_its_tags() {
    let text = "Night buses return to the Tân Cảng route\n14/04/2022 08:15\n\n\
The Tân Cảng depot will run night buses again from May, after the ferry pier reopened last week.\n\n\
Drivers said the minibus shuttles that replaced them were often full before midnight, the depot said.\n\n\
Mai Lan Phương\nTân Cảng\nminibus\nferry pier\nComments\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.tags, ["Tân Cảng", "minibus", "ferry pier"]);
    // A menu's words are short lines too, but the article does not write them.
    let menu = text.replace("Tân Cảng\nminibus\nferry pier\n", "News\nSport\nWeather\n");
    assert!(parse(Path::new("a.txt"), &menu, None).unwrap().tags.is_empty());
}

#[test]
fn a_title_case_heading_under_the_menu_is_the_title_and_a_name_under_it_the_byline() {
    let paragraph =
        "Gardeners in Ashcombe say a weekly hour of weeding keeps the beds clear through the summer, \
                     and the allotment society now lends its tools to anyone who asks at the gate.";
    let text = format!(
        "Home\nAllotments\nOpening hours\nContact us\nKeep Your Beds Tidy\nMarch 3, 2025\n\
         {paragraph}\n{paragraph} Two.\n{paragraph} Three.\n"
    );
    let article = parse(Path::new("a.txt"), &text, None).unwrap();
    assert_eq!(article.title, "Keep Your Beds Tidy");
    assert_eq!(article.author, None);
    // Under a headline, the same shape is its byline.
    let bylined = text
        .replace("Keep Your Beds Tidy\n", "Weeding once a week keeps the allotment clear\nOrla Pennick\n");
    let article = parse(Path::new("a.txt"), &bylined, None).unwrap();
    assert_eq!(article.title, "Weeding once a week keeps the allotment clear");
    assert_eq!(article.author.as_deref(), Some("Orla Pennick"));
}
