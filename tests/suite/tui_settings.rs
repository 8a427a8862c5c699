//! The reader as the config sets it up: in Vietnamese, with remapped keys, without colour
//! (NO_COLOR), in the light theme. Drawn into a `TestBackend` and compared with insta snapshots
//! (the themed ones with their styles), besides what the tests check themselves.

use std::path::Path;

use crate::support::reader::{ctrl, fixture, key, open, type_keys, Fixture, METRO};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdesk::app::{Action, Settings};
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

/// The reader's settings from a config file's text.
fn settings(config: &str) -> Settings {
    let config =
        newsdesk::config::parse(config, Path::new("/home/lan/.config/newsdesk/config.toml")).unwrap();
    Settings::from_config(&config).unwrap()
}

/// A session on the test library with `settings`, indexed, at 120×40.
fn session(library: &Fixture, settings: Settings) -> Session {
    let dir = library.dir.path();
    let mut session =
        Session::open_with(&library.library(), &dir.join("index"), dir.join("state.json"), settings);
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

fn draw(session: &Session, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_reader_speaks_vietnamese() {
    let library = fixture();
    let mut session = session(&library, settings("language = \"vi\"\n"));
    open(&mut session, &library.article(METRO));
    let screen = text(&draw(&session, (120, 40)));
    for shown in [
        "┌ Thư viện",
        "┌ Bài viết",
        "┌ Liên quan",
        "3 bài",
        "đã cập nhật chỉ mục: +3",
        "396 chữ · 2 phút đọc",
        "/ tìm",
    ] {
        assert!(screen.contains(shown), "{shown:?} is not on the screen:\n{screen}");
    }
    insta::assert_snapshot!("vi_article_120x40", text(&draw(&session, (120, 40))));
    session.dispatch(Action::Resize { width: 60, height: 20 });
    insta::assert_snapshot!("vi_article_60x20", text(&draw(&session, (60, 20))));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.press(key(KeyCode::Char('?')));
    let help = text(&draw(&session, (120, 40)));
    assert!(help.contains("Phím (? hoặc Esc để đóng)") && help.contains("thoát"), "{help}");
    insta::assert_snapshot!("vi_help_120x40", help);
}

#[test]
fn remapped_keys_drive_the_reader_and_show_in_its_help() {
    let library = fixture();
    let config = "[keys]\nsearch = \"f\"\nquit = \"ctrl-x\"\nhelp = \"f2\"\n";
    let mut session = session(&library, settings(config));
    let screen = text(&draw(&session, (120, 40)));
    assert!(screen.contains("press f to search"), "the placeholder names the key:\n{screen}");
    assert!(
        screen.contains("f search") && screen.contains("Ctrl-x quit") && screen.contains("F2 help"),
        "{screen}"
    );
    session.press(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    let help = text(&draw(&session, (120, 40)));
    assert!(help.contains("Keys (F2 or Esc to close)"), "{help}");
    insta::assert_snapshot!("remapped_help_120x40", help);
    session.press(key(KeyCode::Esc));
    type_keys(&mut session, "f");
    assert_eq!(session.app.focus, newsdesk::app::Focus::Search, "f opens the search line");
    type_keys(&mut session, "metro q");
    assert_eq!(session.app.search.text, "metro q", "in the search line f and q are typed");
    session.press(key(KeyCode::Esc));
    session.press(key(KeyCode::Char('q')));
    assert!(!session.app.quit, "q no longer quits");
    session.press(ctrl('x'));
    assert!(session.app.quit, "Ctrl-x quits");
}

#[test]
fn no_color_leaves_no_colour_in_the_buffer_and_marks_by_attributes() {
    let library = fixture();
    let mut no_color = settings("");
    no_color.theme.no_color = true;
    let mut session = session(&library, no_color);
    open(&mut session, &library.article(METRO));
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "metro");
    // Query times vary from run to run; the snapshot shows a fixed one.
    if let Some(Ok(results)) = session.app.search.results.as_mut() {
        results.took = std::time::Duration::ZERO;
    }
    let buffer = draw(&session, (120, 40));
    for cell in &buffer.content {
        assert_eq!(
            (cell.fg, cell.bg, cell.underline_color),
            (Color::Reset, Color::Reset, Color::Reset),
            "{cell:?}"
        );
    }
    let reversed = buffer.content.iter().filter(|cell| cell.modifier.contains(Modifier::REVERSED)).count();
    let underlined =
        buffer.content.iter().filter(|cell| cell.modifier.contains(Modifier::UNDERLINED)).count();
    assert!(reversed > 0, "the selection shows by reverse video");
    assert!(underlined > 0, "the matches and the URL show by underline");
    insta::assert_debug_snapshot!("no_color_search_120x40", buffer);
}

#[test]
fn the_light_theme_paints_the_whole_screen() {
    let library = fixture();
    let mut session = session(&library, settings("[theme]\nname = \"light\"\n"));
    open(&mut session, &library.article(METRO));
    let buffer = draw(&session, (120, 40));
    assert!(
        buffer.content.iter().all(|cell| cell.bg != Color::Reset),
        "every cell has the theme's background"
    );
    insta::assert_debug_snapshot!("light_article_120x40", buffer);
    session.press(key(KeyCode::Char('?')));
    let help = draw(&session, (120, 40));
    assert!(help.content.iter().all(|cell| cell.bg != Color::Reset), "the help overlay too");
}

/// The switch key goes through the config's libraries in turn; each opens with its index in the
/// config's cache, and one whose index would fall inside it is refused with a notice.
#[test]
fn the_switch_key_opens_the_next_library_of_the_config() {
    let (first, second) = (fixture(), crate::support::library::Library::new());
    second.json("tin.json", "Bản tin của thư viện thứ hai", "Nội dung ngắn.", serde_json::json!({}));
    let canonical = |path: &Path| path.canonicalize().unwrap();
    let (first_at, second_at) = (canonical(&first.library()), canonical(second.root.path()));
    let config_text = |cache: &Path| {
        format!(
            "library = {:?}\ncache_dir = {:?}\n[libraries]\nwork = {:?}\n",
            first_at.display().to_string(),
            cache.display().to_string(),
            second_at.display().to_string()
        )
    };
    let config_at = |cache: &Path| {
        let file = Path::new("/home/lan/.config/newsdesk/config.toml");
        newsdesk::config::parse(&config_text(cache), file).unwrap()
    };
    let config = config_at(second.cache.path());
    let dir = first.dir.path();
    let settings = Settings::from_config(&config).unwrap();
    let mut session = Session::open_with(&first_at, &dir.join("index"), dir.join("state.json"), settings);
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    assert_eq!(session.app.articles.len(), 3);

    let effects = type_keys(&mut session, "L");
    assert_eq!(effects, [newsdesk::app::Effect::SwitchLibrary("work".into(), second_at.clone())]);
    session.switch_to("work", &second_at, &config);
    session.wait_for_refresh();
    assert_eq!(session.app.library, second_at);
    let titles: Vec<String> = session.app.articles.iter().map(|a| a.title).collect();
    assert_eq!(titles, ["Bản tin của thư viện thứ hai"]);
    assert!(second.cache.path().join("indexes").is_dir(), "its index is in the config's cache");
    assert_eq!(session.app.size.width, 120, "the screen stays");

    let effects = type_keys(&mut session, "L");
    assert_eq!(effects, [newsdesk::app::Effect::SwitchLibrary("default".into(), first_at.clone())]);
    // $NEWSDESK_CACHE_DIR comes before the config's cache_dir, so it decides where indexes go.
    if std::env::var_os("NEWSDESK_CACHE_DIR").is_none() {
        session.switch_to("default", &first_at, &config_at(&first_at.join("cache")));
        assert_eq!(session.app.library, second_at, "refused: the index would be inside the library");
        let notice = session.app.notice.clone().unwrap_or_default();
        assert!(notice.contains("is inside the library"), "{notice}");
    }
}
