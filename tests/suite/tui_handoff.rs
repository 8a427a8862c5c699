//! What `o` and `y` hand on, through the reader's session: a link that is not a parsed http(s)
//! URL is never handed to a program (a message says why), and what is copied is one sanitised,
//! bounded OSC 52 sequence.

use crate::support::library::Library;
use crate::support::reader::{key, open, type_keys};
use crossterm::event::KeyCode;
use newsdesk::app::{Action, Effect};
use newsdesk::handoff::osc52;
use newsdesk::session::Session;
use serde_json::json;

/// Links a saved page may carry, none of which may reach a browser.
const HOSTILE: &[&str] = &[
    "--gpu-launcher=xcalc",
    "-new-window",
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "java\nscript:alert(1)",
    "ftp://example.com/file",
    "//example.com/no-scheme",
];

/// A session on a library of one article per hostile link, as its own URL and as the URL of
/// its related link.
fn session_on(library: &Library) -> Session {
    for (number, url) in HOSTILE.iter().enumerate() {
        library.json(
            &format!("hostile-{number:02}.json"),
            &format!("Bài số {number}"),
            "Nội dung ngắn.",
            json!({"published": format!("2024-01-{:02}", 28 - number), "url": url,
                   "related": [{"title": format!("Liên quan {number:02}"), "url": url}]}),
        );
    }
    library.json(
        "idn.json",
        "Tên miền tiếng Việt",
        "Nội dung.",
        json!({"published": "2023-01-01",
        "url": "https://báo.việt.vn/tin"}),
    );
    let mut session =
        Session::open(library.root.path(), &library.index_dir(), library.cache.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

/// Opens the article on `row` of the library list; its title.
fn open_row(session: &mut Session, row: usize) -> String {
    let path = session.app.articles.get(row).expect("listed").path;
    open(session, &path);
    session.app.open.as_ref().expect("opened").loaded.article.title.clone()
}

#[test]
fn no_hostile_link_is_handed_to_a_browser_and_each_says_why() {
    let library = Library::new();
    let mut session = session_on(&library);
    for row in 0..HOSTILE.len() {
        let title = open_row(&mut session, row);
        let url = HOSTILE[number_in(&title)];
        assert_eq!(type_keys(&mut session, "o"), [], "{url:?} must not be opened");
        let notice = session.app.notice.clone().unwrap_or_default();
        assert!(notice.starts_with("not opened:"), "{url:?}: {notice}");
        assert!(!notice.contains('\u{1b}'), "the message carries no escape: {notice:?}");
        // The same link in the related pane.
        session.press(key(KeyCode::Tab));
        assert_eq!(type_keys(&mut session, "o"), [], "{url:?} as a related link");
        assert!(session.app.notice.as_deref().is_some_and(|n| n.starts_with("not opened:")));
    }
}

#[test]
fn an_international_link_opens_as_punycode_and_copies_as_one_sequence() {
    let library = Library::new();
    let mut session = session_on(&library);
    let title = open_row(&mut session, HOSTILE.len());
    assert_eq!(title, "Tên miền tiếng Việt");
    let effects = type_keys(&mut session, "o");
    let [Effect::OpenInBrowser(url)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(url.as_str(), "https://xn--bo-mia.xn--vit-5kz.vn/tin");
    assert!(session.app.notice.as_deref().is_some_and(|n| n.contains("xn--bo-mia")));
    let effects = type_keys(&mut session, "y");
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    let written = osc52(text);
    assert!(written.starts_with("\x1b]52;c;") && written.ends_with('\x07'));
    assert_eq!(written.matches(['\x1b', '\x07']).count(), 2, "only the sequence's own ESC and BEL");
}

#[test]
fn a_refused_link_can_still_be_copied_as_inert_text() {
    let library = Library::new();
    let mut session = session_on(&library);
    let title = open_row(&mut session, 0);
    assert_eq!(HOSTILE[number_in(&title)], "--gpu-launcher=xcalc");
    let effects = type_keys(&mut session, "y");
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(text.as_str(), "--gpu-launcher=xcalc");
    let written = osc52(text);
    assert_eq!(written.matches(['\x1b', '\x07']).count(), 2, "{written:?}");
}

/// The OSC 8 links of a frame: what a click would hand to the terminal's own opener.
fn clickable(session: &Session) -> Vec<String> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut links = Vec::new();
    terminal.draw(|frame| links = newsdesk::ui::draw_with_links(frame, &session.app)).unwrap();
    links.into_iter().map(|link| link.url).collect()
}

#[test]
fn only_web_links_are_clickable_and_in_their_normalised_form() {
    let library = Library::new();
    let mut session = session_on(&library);
    for row in 0..HOSTILE.len() {
        let title = open_row(&mut session, row);
        assert_eq!(clickable(&session), Vec::<String>::new(), "{:?}", HOSTILE[number_in(&title)]);
    }
    open_row(&mut session, HOSTILE.len());
    assert_eq!(clickable(&session), ["https://xn--bo-mia.xn--vit-5kz.vn/tin"]);
}

fn number_in(title: &str) -> usize {
    title.rsplit(' ').next().and_then(|word| word.parse().ok()).unwrap_or_else(|| panic!("{title}"))
}
