//! The body's parts on small pages written for these tests: tables, sub-headings, bios.

use std::path::Path;

use super::*;
use crate::article::BlockKind;

#[test]
fn a_table_of_cells_inside_the_body_keeps_the_body_going() {
    let text = "Trang chủ\nKinh tế\nXã hội\nThể thao\n\
Giá rau tại chợ đầu mối Nam Sơn giảm mạnh sau đợt nắng ráo\n\
Thứ Hai, 30/11/2026 06:20 (GMT+7)\n\
Nguồn rau từ các xã ven sông về chợ tăng gần gấp đôi trong tuần qua, kéo giá nhiều loại rau xuống thấp nhất từ đầu năm.\n\
Tiểu thương cho biết lượng khách mua sỉ vẫn ổn định, chủ yếu là các bếp ăn tập thể và nhà hàng trong thị xã.\n\
Giá rau tại chợ Nam Sơn sáng 30/11 (đồng/kg)\nLoại\nGiá hôm nay\nSo với tuần trước\n\
Cải ngọt\n8.000\n-4.000\nMuống\n6.000\n-3.000\nSu hào\n9.000\n-2.000\nCà chua\n14.000\n0\n\
Nguồn: Ban quản lý chợ Nam Sơn\n\
Ban quản lý chợ dự báo giá rau sẽ còn thấp đến giữa tháng 12, khi thời tiết chuyển lạnh và sản lượng giảm dần.\n\
Các hộ trồng rau được khuyến cáo gieo trồng rải vụ để tránh dồn hàng vào cùng một thời điểm.\n\
Xem nhiều\nLễ hội hoa cúc mở cửa đón khách\nĐường ven sông được chiếu sáng\nLiên hệ quảng cáo\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    let captions: Vec<&str> =
        article.body.iter().filter(|b| b.kind == BlockKind::Caption).map(|b| b.text.as_str()).collect();
    assert_eq!(captions, ["Giá rau tại chợ Nam Sơn sáng 30/11 (đồng/kg)"]);
    let table = article.body.iter().find(|b| b.text.starts_with("Loại")).expect("the table");
    assert!(table.text.contains("\nCà chua | 14.000 | 0"), "{}", table.text);
    assert!(article.body.last().unwrap().text.starts_with("Các hộ trồng rau"));
    assert!(!article.body.iter().any(|b| b.text.starts_with("Nguồn:")));
}

#[test]
fn each_author_of_two_has_a_bio_under_the_body() {
    let text = "Home\nNews\nInvestigations\nFerry inspections fell behind as the harbour board lost staff\n\
By Mara Quint and Tobias Renn\nMarch 3, 2026\n\
Inspections of the harbour's passenger ferries fell six months behind schedule last year, board records show.\n\
The board lost four of its nine inspectors in 2025 and has hired one, according to its annual report.\n\
A spokesperson said two new inspectors will start in April and the backlog should clear by autumn.\n\
Mara Quint is a staff writer covering transport. Tobias Renn is a data reporter.\n\
Tobias Renn contributed the analysis of the board's records for this story.\n\
Most read\nCouncil votes on the new bus depot\nHarbour tours return for summer\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    assert_eq!(article.author.as_deref(), Some("Mara Quint and Tobias Renn"));
    assert!(
        article.body.last().unwrap().text.starts_with("A spokesperson said"),
        "{:?}",
        article.body.last()
    );
}

#[test]
fn a_sub_heading_between_the_lead_and_the_first_paragraph_heads_the_body() {
    let text = "Trang chủ\nCông nghệ\nĐánh giá\nMáy đọc sách Lumo 7 màn hình lớn, pin dùng ba tuần\n\
12/11/2026 09:30\n\
Lumo 7 là máy đọc sách mới nhất của hãng, màn hình 7 inch và giá bán thấp hơn đời trước, nhắm tới người đọc nhiều.\n\
Thiết kế\n\
Máy có viền mỏng, mặt lưng nhám và nặng chưa tới 200 gram, cầm một tay trong thời gian dài vẫn không mỏi.\n\
Nút lật trang đặt ở cạnh phải, người thuận tay trái có thể đảo chiều màn hình trong phần cài đặt.\n\
Pin\n\
Với mức đọc hai giờ mỗi ngày, máy dùng được khoảng ba tuần trước khi phải sạc lại qua cổng USB-C.\n\
Tin liên quan\nĐiện thoại gập giá rẻ lên kệ\nTai nghe chống ồn mới cho học sinh\n";
    let article = parse(Path::new("a.txt"), text, None).unwrap();
    let headings: Vec<&str> =
        article.body.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text.as_str()).collect();
    assert_eq!(headings, ["Thiết kế", "Pin"]);
    assert!(article.lead.as_deref().unwrap().starts_with("Lumo 7 là"));
}
