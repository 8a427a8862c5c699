use super::*;
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Everything written to the terminal, kept to look at.
#[derive(Clone, Default)]
struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Tape {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Tape {
    fn len(&self) -> usize {
        self.0.borrow().len()
    }
    fn since(&self, start: usize) -> String {
        String::from_utf8_lossy(&self.0.borrow()[start..]).into_owned()
    }
}

/// A 30×3 terminal that writes onto a tape.
fn terminal() -> (Terminal<CrosstermBackend<Tape>>, Tape) {
    let tape = Tape::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 30, 3)) };
    (Terminal::with_options(CrosstermBackend::new(tape.clone()), options).unwrap(), tape)
}

fn screen(tape: &Tape) -> vt100::Parser {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut screen = vt100::Parser::new(size(3), size(30), 0);
    screen.process(&tape.0.borrow());
    screen
}

fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
}

#[test]
fn auto_links_only_where_the_terminal_is_known_to_support_them() {
    let auto = |pairs: &[(&str, &str)]| enabled(LinksMode::Auto, env(pairs));
    assert!(auto(&[("TERM_PROGRAM", "WezTerm"), ("TERM", "xterm-256color")]));
    assert!(auto(&[("TERM", "xterm-kitty")]));
    assert!(auto(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]));
    assert!(auto(&[("TERM_PROGRAM", "tmux"), ("TERM_PROGRAM_VERSION", "3.4")]));
    assert!(!auto(&[("TERM_PROGRAM", "tmux"), ("TERM_PROGRAM_VERSION", "3.3a"), ("VTE_VERSION", "7600")]));
    assert!(!auto(&[("TERM", "xterm-256color")]), "an unknown terminal gets no links");
    assert!(!auto(&[("TERM", "screen-256color"), ("VTE_VERSION", "7600")]));
    assert!(!auto(&[("TERM", "xterm-256color"), ("VTE_VERSION", "4800")]));
    assert!(enabled(LinksMode::Always, env(&[("TERM", "dumb")])));
    assert!(!enabled(LinksMode::Never, env(&[("TERM", "xterm-kitty")])));
}

const URL: &str = "https://example.vn/tin-m%E1%BB%9Bi";

/// Draws `text` at the top-left of a 30×3 terminal, links `width` cells from column `from`,
/// and returns the bytes the terminal got for the links alone, and the screen after all.
fn draw_and_link(text: &str, from: u16, width: u16, writer: &mut LinkWriter) -> (String, vt100::Parser) {
    let (mut terminal, tape) = terminal();
    let completed = terminal.draw(|frame| frame.render_widget(Paragraph::new(text), frame.area())).unwrap();
    let links = [Hyperlink { url: URL.into(), runs: vec![Rect::new(from, 0, width, 1)] }];
    let pending = writer.prepare(completed.buffer, &links);
    let frame_bytes = tape.len();
    LinkWriter::write(terminal.backend_mut(), pending).unwrap();
    (tape.since(frame_bytes), screen(&tape))
}

/// The text the terminal got between the OSC 8 opening and closing, escape sequences dropped.
fn linked_text(written: &str) -> String {
    let open = format!("\x1b]8;;{URL}\x1b\\");
    let start = written.find(&open).expect("an OSC 8 opening") + open.len();
    let end = written[start..].find("\x1b]8;;\x1b\\").expect("an OSC 8 closing") + start;
    let mut text = String::new();
    let mut rest = &written[start..end];
    while let Some(at) = rest.find('\x1b') {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        // CSI sequences end at a letter.
        let stop = after.find(|c: char| c.is_ascii_alphabetic()).map_or(after.len(), |i| i + 1);
        rest = &after[stop..];
    }
    text + rest
}

#[test]
fn the_link_wraps_exactly_its_cells_and_the_screen_is_unchanged() {
    let mut writer = LinkWriter::default();
    let (written, screen) = draw_and_link("xem Hà Nội ngay", 4, 6, &mut writer);
    assert!(written.starts_with("\x1b7") && written.ends_with("\x1b8"), "the cursor is saved and restored");
    assert_eq!(linked_text(&written), "Hà Nội");
    assert_eq!(screen.screen().contents().lines().next(), Some("xem Hà Nội ngay"));
}

#[test]
fn a_wide_character_is_written_once_not_over_its_second_half() {
    let mut writer = LinkWriter::default();
    let (written, screen) = draw_and_link("ab 東京の地下鉄 cd", 3, 12, &mut writer);
    assert_eq!(linked_text(&written), "東京の地下鉄");
    assert_eq!(screen.screen().contents().lines().next(), Some("ab 東京の地下鉄 cd"));
}

#[test]
fn a_link_gone_from_the_frame_is_written_again_without_one() {
    let mut writer = LinkWriter::default();
    draw_and_link("xem Hà Nội ngay", 4, 6, &mut writer);
    let (mut terminal, tape) = terminal();
    let completed =
        terminal.draw(|frame| frame.render_widget(Paragraph::new("xem Hà Nội ngay"), frame.area())).unwrap();
    let buffer = completed.buffer.clone();
    let pending = writer.prepare(&buffer, &[]);
    let start = tape.len();
    LinkWriter::write(terminal.backend_mut(), pending).unwrap();
    let written = tape.since(start);
    assert!(!written.contains("\x1b]8;;https"), "no link opened: {written:?}");
    assert!(written.contains("Hà") && written.contains("Nội"), "the cells are written again: {written:?}");
    let pending = writer.prepare(&buffer, &[]);
    assert!(pending.groups.is_empty(), "and only once");
}

#[test]
fn a_url_with_a_control_character_is_never_written() {
    let (mut terminal, _) = terminal();
    let completed = terminal.draw(|frame| frame.render_widget(Paragraph::new("link"), frame.area())).unwrap();
    let links = [Hyperlink { url: "https://x/\x1b]0;pwned\x07".into(), runs: vec![Rect::new(0, 0, 4, 1)] }];
    let pending = LinkWriter::default().prepare(completed.buffer, &links);
    assert!(pending.groups.is_empty());
}
