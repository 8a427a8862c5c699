//! A small cross-linked library written by the tests, and a reader session opened on it.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdesk::app::{Action, Effect};
use newsdesk::session::Session;
use serde_json::json;
use tempfile::TempDir;

pub const METRO: &str = "vi/metro.json";
pub const BUS: &str = "vi/buyt.json";
pub const CYCLING: &str = "en/cycling.json";

pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    pub fn library(&self) -> PathBuf {
        self.dir.path().join("library")
    }
    pub fn article(&self, name: &str) -> PathBuf {
        self.library().join(name)
    }
    pub fn state_file(&self) -> PathBuf {
        self.dir.path().join("state/reader-state.json")
    }
    /// A session on the library, with its index brought up to date.
    pub fn session(&self) -> Session {
        self.session_with_state(&self.state_file())
    }
    pub fn session_with_state(&self, state_file: &Path) -> Session {
        let mut session =
            Session::open(&self.library(), &self.dir.path().join("index"), state_file.to_path_buf());
        session.dispatch(Action::Resize { width: 120, height: 40 });
        session.start_refresh();
        session.wait_for_refresh();
        session
    }
}

fn paragraph(text: &str, times: usize) -> String {
    vec![text; times].join(" ")
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(library.join("vi")).unwrap();
    std::fs::create_dir_all(library.join("en")).unwrap();
    let metro = json!({
        "title": "Metro Nhổn – ga Hà Nội chạy thử đoạn trên cao",
        "published": "2024-05-02T08:30:00+07:00",
        "category": "Giao thông", "source": "NSTĐ", "author": "Minh Châu",
        "tags": ["Đường sắt đô thị Hà Nội", "metro"],
        "url": "https://nstd.example.vn/metro-nhon",
        "lead": "Tuyến đường sắt Nhổn – ga Hà Nội bắt đầu chạy thử đoạn trên cao từ sáng nay.",
        "body": [
            {"kind": "paragraph", "text": paragraph("Đoàn tàu đầu tiên rời ga Nhổn lúc sáu giờ sáng, chở kỹ sư và nhân viên vận hành.", 6)},
            {"kind": "heading", "text": "Lịch chạy thử"},
            {"kind": "paragraph", "text": paragraph("Trong ba tháng chạy thử, tàu chạy mười chuyến mỗi ngày qua Cầu Giấy.", 8)},
            {"kind": "paragraph", "text": paragraph("Người dân Hà Nội có thể đi thử vào cuối tuần.", 3)},
            {"kind": "caption", "text": "Tàu metro trên cầu cạn."},
            {"kind": "paragraph", "text": paragraph("Ban quản lý dự án cho biết các ga ngầm sẽ hoàn thành sau.", 8)},
        ],
        "related": [
            {"title": "Hà Nội mở thêm tuyến buýt nối ga metro", "url": "https://nstd.example.vn/buyt-noi-metro", "category": "Giao thông"},
            {"title": "Giá vé metro sẽ được công bố tháng sau", "category": "Giao thông", "published": "2024-06-01",
             "summary": "Sở Giao thông cho biết giá vé sẽ được công bố sau khi lấy ý kiến người dân."}
        ]
    });
    let bus = json!({
        "title": "Hà Nội mở thêm tuyến buýt nối ga metro",
        "published": "2024-05-10", "category": "Giao thông", "source": "NSTĐ",
        "url": "https://nstd.example.vn/buyt-noi-metro",
        "lead": "Ba tuyến buýt mới sẽ nối các ga metro với khu dân cư.",
        "body": "Các tuyến buýt mới chạy từ năm giờ sáng.\n\nHành khách dùng một thẻ cho cả buýt và metro.",
        "related": [{"title": "Metro Nhổn – ga Hà Nội chạy thử đoạn trên cao", "url": "https://nstd.example.vn/metro-nhon"}]
    });
    let cycling = json!({
        "title": "City opens new cycling lanes along the river",
        "published": "2023-09-14", "category": "City", "source": "Daily Example",
        "body": "The council opened four kilometres of protected cycling lanes.\n\nRiders welcomed the change."
    });
    for (name, article) in [(METRO, metro), (BUS, bus), (CYCLING, cycling)] {
        std::fs::write(library.join(name), serde_json::to_string_pretty(&article).unwrap()).unwrap();
    }
    Fixture { dir }
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses each key of `keys` (characters), collecting the effects.
pub fn type_keys(session: &mut Session, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| session.press(key(KeyCode::Char(c)))).collect()
}

/// Selects the library row of `path` (the list gets the keyboard).
pub fn select(session: &mut Session, path: &Path) {
    let row = session.app.articles.iter().position(|a| a.path == path).expect("article in the list");
    session.app.focus = newsdesk::app::Focus::Pane(newsdesk::app::Pane::List);
    session.press(key(KeyCode::Char('g')));
    for _ in 0..row {
        session.press(key(KeyCode::Char('j')));
    }
}

/// Selects the library row of `path` and opens it.
pub fn open(session: &mut Session, path: &Path) {
    select(session, path);
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_path(session).as_deref(), Some(path));
}

pub fn open_path(session: &Session) -> Option<PathBuf> {
    session.app.open.as_ref().map(|open| open.loaded.article.path.clone())
}
