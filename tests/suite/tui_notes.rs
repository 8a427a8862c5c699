//! Highlights, notes and tags in the reader, driven by keys into a TestBackend: `v` and the
//! selection keys, Enter keeps, `a` notes, `t` tags, `]h`/`[h` jump, `d` and `u`, the `H` view;
//! drawn in colour (underlined under NO_COLOR), found again at any width, kept in the store.

use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

use crate::support::reader::{ctrl, fixture, key, open, open_path, type_keys, Fixture, BUS, METRO};
use crate::support::tree::{assert_unchanged, snapshot};
use newsdesk::app::{Action, Focus, Pane, Settings};
use newsdesk::session::Session;
use newsdesk::store::{Store, TagEdit};

fn draw(session: &Session, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The text of the cells drawn with `background` (or, without colour, `modifier`), in order.
fn marked_text(buffer: &Buffer, marked: impl Fn(&ratatui::buffer::Cell) -> bool) -> String {
    let width = buffer.area.width as usize;
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        let mut line = String::new();
        for cell in row.iter().filter(|cell| marked(cell)) {
            line.push_str(cell.symbol());
        }
        if !line.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line.trim());
        }
    }
    out
}

fn annotated(buffer: &Buffer) -> String {
    marked_text(buffer, |cell| cell.bg == Color::Green)
}

fn stored(library: &Fixture) -> Store {
    Store::open_read_only(&library.state_file().with_file_name(newsdesk::store::FILE_NAME)).unwrap()
}

/// The metro article open in the reader pane, at the top.
fn reading_metro(library: &Fixture) -> Session {
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Reader));
    session
}

#[test]
fn selecting_by_words_and_keeping_draws_a_highlight_and_stores_its_quote() {
    let library = fixture();
    let before = snapshot(&library.library());
    let mut session = reading_metro(&library);
    type_keys(&mut session, "v");
    let selecting = draw(&session, (120, 40));
    let reversed =
        marked_text(&selecting, |cell| cell.modifier.contains(Modifier::REVERSED) && cell.bg != Color::Black);
    assert!(reversed.contains("Tuyến"), "the first word of the top text line is selected: {reversed:?}");
    type_keys(&mut session, "www");
    type_keys(&mut session, "b");
    session.press(key(KeyCode::Enter));
    assert_eq!(annotated(&draw(&session, (120, 40))), "Tuyến đường sắt");
    let highlights = stored(&library).all_highlights().unwrap();
    assert_eq!(highlights.len(), 1);
    let quote = &highlights[0].quote;
    assert_eq!((quote.prefix.as_str(), quote.exact.as_str()), ("", "Tuyến đường sắt"));
    assert!(quote.suffix.starts_with(" Nhổn – ga Hà Nội"), "{:?}", quote.suffix);
    assert_eq!(highlights[0].title, "Metro Nhổn – ga Hà Nội chạy thử đoạn trên cao");
    drop(session);
    assert_unchanged(&library.library(), &before, &[], "the library after highlighting");
}

#[test]
fn sentences_and_paragraphs_extend_the_selection_and_esc_drops_it() {
    let library = fixture();
    let mut session = reading_metro(&library);
    type_keys(&mut session, "v)");
    let open = session.app.open.as_ref().unwrap();
    let selection = open.selection.as_ref().unwrap();
    assert_eq!(
        &open.passages.text[selection.range()],
        "Tuyến đường sắt Nhổn – ga Hà Nội bắt đầu chạy thử đoạn trên cao từ sáng nay."
    );
    type_keys(&mut session, "}");
    let open = session.app.open.as_ref().unwrap();
    let text = &open.passages.text[open.selection.as_ref().unwrap().range()];
    assert!(text.ends_with("nhân viên vận hành."), "to the end of the next paragraph: {text:?}");
    session.press(key(KeyCode::Esc));
    assert!(session.app.open.as_ref().unwrap().selection.is_none());
    assert_eq!(annotated(&draw(&session, (120, 40))), "", "nothing kept");
    assert!(stored(&library).all_highlights().unwrap().is_empty());
}

#[test]
fn a_highlight_is_found_again_at_60_120_and_240_columns_and_after_a_restart() {
    let library = fixture();
    let mut session = reading_metro(&library);
    // A passage that wraps: the lead to its end, then the start of the first paragraph.
    type_keys(&mut session, "v)");
    type_keys(&mut session, "wwww");
    session.press(key(KeyCode::Enter));
    let exact = stored(&library).all_highlights().unwrap()[0].quote.exact.clone();
    let expected = exact.split_whitespace().collect::<Vec<_>>().join(" ");
    for width in [60u16, 120, 240] {
        session.dispatch(Action::Resize { width, height: 40 });
        let shown = annotated(&draw(&session, (width, 40)));
        assert_eq!(shown.split_whitespace().collect::<Vec<_>>().join(" "), expected, "at {width} columns");
    }
    drop(session);
    let session = reading_metro(&library);
    assert_eq!(
        annotated(&draw(&session, (120, 40))).split_whitespace().collect::<Vec<_>>().join(" "),
        expected
    );
}

#[test]
fn no_color_underlines_a_highlight() {
    let library = fixture();
    let mut settings = Settings::default();
    settings.theme.no_color = true;
    let dir = library.dir.path();
    let mut session =
        Session::open_with(&library.library(), &dir.join("index"), library.state_file(), settings);
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    open(&mut session, &library.article(METRO));
    type_keys(&mut session, "vw");
    session.press(key(KeyCode::Enter));
    let buffer = draw(&session, (120, 40));
    let underlined = marked_text(&buffer, |cell| cell.modifier.contains(Modifier::UNDERLINED));
    assert!(underlined.contains("Tuyến đường"), "{underlined:?}");
    assert!(!underlined.contains("Tuyến đường sắt"), "only the passage: {underlined:?}");
}

#[test]
fn a_note_is_written_in_the_line_editor_shown_below_its_paragraph_and_esc_cancels() {
    let library = fixture();
    let mut session = reading_metro(&library);
    // `a` during a selection keeps it and opens the editor.
    type_keys(&mut session, "vwa");
    assert!(session.app.editor.is_some());
    type_keys(&mut session, "Đọc lại đoạn này xyz");
    session.press(ctrl('w'));
    session.dispatch(Action::Paste("sau\nnhé".into()));
    session.press(key(KeyCode::Enter));
    assert!(session.app.editor.is_none());
    let note = "Đọc lại đoạn này sau nhé";
    assert_eq!(stored(&library).all_highlights().unwrap()[0].note, note);
    let screen = text(&draw(&session, (120, 40)));
    assert!(screen.contains(&format!("✎ {note}")), "{screen}");
    // Editing it again and cancelling changes nothing.
    type_keys(&mut session, "a");
    assert_eq!(session.app.editor.as_ref().unwrap().text, note, "the editor starts from the note");
    session.press(ctrl('u'));
    type_keys(&mut session, "bỏ đi");
    session.press(key(KeyCode::Esc));
    assert_eq!(stored(&library).all_highlights().unwrap()[0].note, note);
    assert!(session.app.editor.is_none());
}

#[test]
fn tags_are_added_completed_and_removed() {
    let library = fixture();
    {
        let mut store = Store::open(library.state_file().parent().unwrap()).unwrap().store;
        store.edit_tags("/elsewhere.txt", &TagEdit::parse("giao-thông")).unwrap();
    }
    let mut session = reading_metro(&library);
    type_keys(&mut session, "t");
    type_keys(&mut session, "đọc-sau gia");
    session.press(key(KeyCode::Tab));
    assert_eq!(session.app.editor.as_ref().unwrap().text, "đọc-sau giao-thông");
    session.press(key(KeyCode::Enter));
    let key_of = newsdesk::store::article_key(&library.article(METRO).into());
    assert_eq!(stored(&library).tags_of(&key_of).unwrap(), ["giao-thông", "đọc-sau"]);
    assert!(text(&draw(&session, (120, 40))).contains("your tags: giao-thông · đọc-sau"));
    type_keys(&mut session, "t-đọc-sau");
    session.press(key(KeyCode::Enter));
    assert_eq!(stored(&library).tags_of(&key_of).unwrap(), ["giao-thông"]);
}

#[test]
fn brackets_jump_between_highlights_and_d_deletes_and_u_undoes() {
    let library = fixture();
    let mut session = reading_metro(&library);
    type_keys(&mut session, "vw");
    session.press(key(KeyCode::Enter));
    // A second highlight further down: the paragraph about Cầu Giấy.
    session.dispatch(Action::Down);
    for _ in 0..12 {
        session.press(key(KeyCode::Char('j')));
    }
    type_keys(&mut session, "v}");
    session.press(key(KeyCode::Enter));
    assert_eq!(stored(&library).all_highlights().unwrap().len(), 2);
    type_keys(&mut session, "g]h");
    let first_line = session.app.open.as_ref().unwrap().scroll;
    // `]` alone waits for the second key, and says so.
    type_keys(&mut session, "]");
    assert_eq!(session.app.open.as_ref().unwrap().scroll, first_line);
    let waiting = text(&draw(&session, (120, 40)));
    assert!(waiting.contains("]… (Esc cancels)") && waiting.contains("]h next highlight"), "{waiting}");
    type_keys(&mut session, "h");
    let second_line = session.app.open.as_ref().unwrap().scroll;
    assert!(second_line > first_line, "{first_line} then {second_line}");
    // Esc, or a key that finishes no sequence, cancels: nothing moves, and `j` is not taken.
    session.press(key(KeyCode::Char('[')));
    session.press(key(KeyCode::Esc));
    type_keys(&mut session, "[j");
    assert_eq!(session.app.open.as_ref().unwrap().scroll, second_line);
    assert!(session.app.pending_key.is_none());
    assert!(!text(&draw(&session, (120, 40))).contains("Esc cancels"));
    type_keys(&mut session, "[h");
    assert_eq!(session.app.open.as_ref().unwrap().scroll, first_line);
    type_keys(&mut session, "d");
    assert_eq!(stored(&library).all_highlights().unwrap().len(), 1);
    assert!(
        !annotated(&draw(&session, (120, 40))).contains("Tuyến"),
        "the first one is gone from the screen"
    );
    type_keys(&mut session, "u");
    assert_eq!(stored(&library).all_highlights().unwrap().len(), 2);
    assert!(annotated(&draw(&session, (120, 40))).starts_with("Tuyến đường"));
}

#[test]
fn the_highlights_view_lists_filters_and_opens_the_article_at_the_passage() {
    let library = fixture();
    let mut session = reading_metro(&library);
    for _ in 0..40 {
        session.press(key(KeyCode::Char('j')));
    }
    type_keys(&mut session, "v)");
    session.press(key(KeyCode::Enter));
    let passage = stored(&library).all_highlights().unwrap()[0].quote.exact.clone();
    let first_words: Vec<&str> = passage.split_whitespace().take(3).collect();
    session.press(key(KeyCode::Char('g')));
    open(&mut session, &library.article(BUS));
    type_keys(&mut session, "vwwa");
    type_keys(&mut session, "thẻ chung");
    session.press(key(KeyCode::Enter));
    type_keys(&mut session, "H");
    let screen = text(&draw(&session, (120, 40)));
    assert!(screen.contains("Highlights and notes (2)"), "{screen}");
    assert!(screen.contains("✎ thẻ chung"));
    // Newest first: the bus article's highlight leads.
    let bus_at = screen.find("Hà Nội mở thêm tuyến buýt").unwrap();
    let metro_at = screen.find("Metro Nhổn – ga Hà Nội").unwrap();
    assert!(bus_at < metro_at);
    type_keys(&mut session, &newsdesk::text::fold(&first_words.join(" ")));
    let filtered = text(&draw(&session, (120, 40)));
    assert!(filtered.contains("Highlights and notes (1)"), "accents aside:\n{filtered}");
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert!(session.app.highlights_view.is_none());
    assert_eq!(open_path(&session).as_deref(), Some(library.article(METRO).as_path()));
    let shown = annotated(&draw(&session, (120, 40)));
    assert!(shown.starts_with(&first_words.join(" ")), "the passage is on screen: {shown:?}");
    assert!(session.app.open.as_ref().unwrap().scroll > 0);
}

#[test]
fn a_highlight_whose_passage_was_edited_away_is_kept_and_said_detached() {
    let library = fixture();
    let mut session = reading_metro(&library);
    type_keys(&mut session, "vw");
    session.press(key(KeyCode::Enter));
    drop(session);
    let path = library.article(METRO);
    let edited = std::fs::read_to_string(&path).unwrap().replace("Tuyến đường sắt", "Tuyến tàu điện");
    std::fs::write(&path, edited).unwrap();
    let mut session = reading_metro(&library);
    let screen = text(&draw(&session, (120, 40)));
    assert!(screen.contains("1 highlight is no longer found in this article (H"), "{screen}");
    let kept = stored(&library).all_highlights().unwrap();
    assert_eq!(kept.len(), 1, "kept, never dropped");
    assert!(kept[0].detached, "stored as detached");
    type_keys(&mut session, "H");
    let listed = text(&draw(&session, (120, 40)));
    assert!(listed.contains("“Tuyến đường” (not found in the article now)"), "{listed}");
    drop(session);
    // The passage put back: found again, and no longer said detached.
    let restored = std::fs::read_to_string(&path).unwrap().replace("Tuyến tàu điện", "Tuyến đường sắt");
    std::fs::write(&path, restored).unwrap();
    let session = reading_metro(&library);
    assert!(!text(&draw(&session, (120, 40))).contains("no longer found"));
    assert!(!stored(&library).all_highlights().unwrap()[0].detached);
}

fn text(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_search_line_finds_notes_at_once_and_ranks_annotated_articles_higher() {
    let library = fixture();
    let mut session = library.session();
    let score_of = |session: &Session, path: &std::path::Path| {
        let hits = &session.app.hits().expect("results").hits;
        hits.iter().find(|hit| hit.article.path == path).map(|hit| hit.score)
    };
    let bus = library.article(BUS);
    type_keys(&mut session, "/metro");
    let before = score_of(&session, &bus).expect("the bus article mentions metro");
    session.press(key(KeyCode::Esc));
    open(&mut session, &bus);
    // The bus article's body: "Hành khách dùng một thẻ cho cả buýt và metro." — highlight its lead.
    type_keys(&mut session, "v)a");
    type_keys(&mut session, "nối metro với khu dân cư");
    session.press(key(KeyCode::Enter));
    type_keys(&mut session, "/metro");
    let after = score_of(&session, &bus).unwrap();
    assert!(after > before, "{before} then {after}");
    session.press(key(KeyCode::Esc));
    type_keys(&mut session, "/note:dan cu");
    let hits = &session.app.hits().expect("results").hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article.path, bus);
}
