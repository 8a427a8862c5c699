//! The parser on small pages written for these tests; the fixtures in tests/fixtures/page_dumps
//! measure it on whole pages of many outlets.

use std::path::Path;

use super::*;
use crate::article::BlockKind;

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
}
