//! The reader and a file of many articles: each WARC member opens, previews, links to another
//! member, goes back and keeps its own read mark and position.

use std::path::Path;

use crossterm::event::KeyCode;
use newsdesk::app::{Action, Focus, Pane};
use newsdesk::article::Address;
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::support::reader::key;
use crate::support::warc::{crawl_of, page, page_linking};

const TRAM_ID: &str = "urn:uuid:tram";
const MARKET_ID: &str = "urn:uuid:market";
const FERRY_ID: &str = "urn:uuid:ferry";
const MARKET_URL: &str = "https://news.example.com/market";

/// A crawl of three pages: the tram story (long, to scroll) links to the market story.
fn write_crawl(library: &Path) -> std::path::PathBuf {
    let tram = "Tuyến tàu điện mới chạy thử qua khu phố cổ, người dân đứng xem dọc hai bên đường \
                từ sáng sớm. "
        .repeat(40);
    let pages = [
        (
            TRAM_ID,
            "https://tin.example.vn/tau-dien",
            "2024-06-01T08:00:02Z",
            page_linking(
                "Tàu điện chạy thử qua phố cổ",
                &tram,
                &[(MARKET_URL, "The covered market reopens")],
            ),
        ),
        (
            MARKET_ID,
            MARKET_URL,
            "2024-06-01T09:30:00Z",
            page("The covered market reopens", "Forty stalls are back under the new roof of the market."),
        ),
        (
            FERRY_ID,
            "https://tin.example.vn/pha",
            "2024-05-20T07:00:00Z",
            page("Chuyến phà đêm cuối cùng", "Bến phà cũ đóng cửa sau khi cây cầu mới thông xe."),
        ),
    ];
    std::fs::create_dir_all(library).unwrap();
    let path = library.join("june.warc.gz");
    std::fs::write(&path, crawl_of(&pages)).unwrap();
    path
}

fn session(dir: &Path) -> Session {
    let mut session =
        Session::open(&dir.join("library"), &dir.join("index"), dir.join("state/reader-state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

/// Moves the list's selection onto `member` of the crawl.
fn select_member(session: &mut Session, member: &str) {
    let row = session.app.articles.iter().position(|a| a.member.as_deref() == Some(member)).expect("listed");
    session.app.focus = Focus::Pane(Pane::List);
    session.press(key(KeyCode::Char('g')));
    for _ in 0..row {
        session.press(key(KeyCode::Char('j')));
    }
}

fn open_address(session: &Session) -> Option<Address> {
    session.app.open.as_ref().map(|open| open.loaded.article.address())
}

#[test]
fn a_member_opens_follows_a_related_link_to_another_member_and_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = write_crawl(&dir.path().join("library"));
    let (tram, market, ferry) = (
        Address::member(&crawl, TRAM_ID),
        Address::member(&crawl, MARKET_ID),
        Address::member(&crawl, FERRY_ID),
    );
    let mut session = session(dir.path());
    assert_eq!(session.app.articles.len(), 3, "each member is listed");

    // The selection resting on a member previews it.
    select_member(&mut session, FERRY_ID);
    session.wait_for_preview();
    assert_eq!(open_address(&session), Some(ferry.clone()));
    assert!(session.app.open.as_ref().unwrap().preview);

    select_member(&mut session, TRAM_ID);
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(tram.clone()), "notice: {:?}", session.app.notice);
    assert_eq!(session.app.open.as_ref().unwrap().loaded.article.title, "Tàu điện chạy thử qua phố cổ");
    // Scrolled down a little, to be found there again.
    for _ in 0..5 {
        session.press(key(KeyCode::Char('j')));
    }
    let left_at = session.app.open.as_ref().unwrap().scroll;
    assert!(left_at > 0);

    let target = session.app.selected_related().and_then(|link| link.target.clone()).expect("resolved");
    assert_eq!(target.address(), market, "the link resolves to the other member of the same file");
    session.app.focus = Focus::Pane(Pane::Related);
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(market.clone()));
    let backlinks: Vec<Address> =
        session.app.open.as_ref().unwrap().loaded.linked_from.iter().map(|s| s.address()).collect();
    assert_eq!(backlinks, std::slice::from_ref(&tram), "linked from the member that links here");
    assert_eq!(session.app.history.back, std::slice::from_ref(&tram));

    session.dispatch(Action::Back);
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(tram.clone()));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, left_at, "back where it was left");
    assert_eq!(session.app.history.forward, std::slice::from_ref(&market));

    let marks = &session.app.read_state;
    assert!(marks.is_read(&tram) && marks.is_read(&market));
    assert!(!marks.is_read(&ferry), "previewed only");
    assert!(!marks.is_read(&crawl), "the file is not an article of its own");
}

#[test]
fn a_read_mark_on_one_member_marks_no_other_in_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = write_crawl(&dir.path().join("library"));
    let mut first = session(dir.path());
    select_member(&mut first, MARKET_ID);
    first.press(key(KeyCode::Enter));
    first.wait_for_article();
    first.dispatch(Action::Quit);

    let again = session(dir.path());
    let marks = &again.app.read_state;
    assert!(marks.is_read(Address::member(&crawl, MARKET_ID)));
    for other in [TRAM_ID, FERRY_ID] {
        assert!(!marks.is_read(Address::member(&crawl, other)), "{other} took the market's mark");
    }
    assert!(!marks.is_read(&crawl));
    // The list shows it: one title without the unread mark, two with it.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &again.app)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|cell| cell.symbol()).collect();
    let unread = newsdesk::strings::UNREAD_MARK;
    for (title, read) in
        [("The covered market", true), ("Tàu điện chạy thử", false), ("Chuyến phà đêm", false)]
    {
        let marked = screen.contains(&format!("{unread} {title}"));
        assert_eq!(marked, !read, "{title}: read {read}\n{screen}");
    }
}

/// The reader and an EPUB export: a chapter opens, its related link leads to the other
/// chapter, and back returns to the first.
#[test]
fn a_chapter_of_an_epub_opens_follows_its_link_to_another_chapter_and_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("library")).unwrap();
    let book = dir.path().join("library/wallabag.epub");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles/saved/wallabag-export.epub");
    std::fs::copy(sample, &book).unwrap();
    let (bus, library) = (Address::member(&book, "9b27d4c1.xhtml"), Address::member(&book, "3f1c0a7e.xhtml"));
    let mut session = session(dir.path());
    assert_eq!(session.app.articles.len(), 2, "each entry is listed, the notices are not");

    select_member(&mut session, "9b27d4c1.xhtml");
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(bus.clone()), "notice: {:?}", session.app.notice);
    assert_eq!(
        session.app.open.as_ref().unwrap().loaded.article.title,
        "The night bus returns to the valley"
    );

    let target = session.app.selected_related().and_then(|link| link.target.clone()).expect("resolved");
    assert_eq!(target.address(), library, "the link resolves to the other chapter of the book");
    session.app.focus = Focus::Pane(Pane::Related);
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(library.clone()));
    let opened = &session.app.open.as_ref().unwrap().loaded.article;
    assert_eq!(opened.title, "Thư viện xã mở cửa buổi tối cho công nhân");
    assert_eq!(opened.author.as_deref(), Some("Nguyễn Thu Hà"));

    session.dispatch(Action::Back);
    session.wait_for_article();
    assert_eq!(open_address(&session), Some(bus.clone()));
    assert!(session.app.read_state.is_read(&bus) && session.app.read_state.is_read(&library));
}
