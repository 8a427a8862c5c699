//! The terminal side of the reader: setup and restore (also on panic, SIGTERM and SIGHUP), the
//! event loop, and the effects only a terminal can do (browser, OSC 52 clipboard).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::{action_for_key, Action, Effect};
use crate::cli::LibraryArgs;
use crate::paths::Locations;
use crate::session::{state_file, Session};
use crate::strings;
use crate::ui;

/// How long the loop waits for input before it looks at signals and background work again.
const IDLE_POLL: Duration = Duration::from_millis(250);
const BUSY_POLL: Duration = Duration::from_millis(50);

pub fn run(args: &LibraryArgs) -> crate::CommandResult {
    let Locations { library, index_dir } = Locations::for_index(args)?;
    // Absolute, so read marks match whatever folder the reader is started from.
    let library = library.canonicalize().unwrap_or(library);
    let stop = Arc::new(AtomicBool::new(false));
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        // A second signal while the first is being handled ends the process at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
        signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
    }
    let links = crate::scan::LinkPolicy::following(args.follow_links);
    let mut session = Session::open_with_links(&library, &index_dir, state_file::default_path(), links);
    install_panic_hook();
    let mut terminal = match setup() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore();
            return Err(err.into());
        }
    };
    let result = event_loop(&mut terminal, &mut session, &stop);
    restore();
    // Where the reader was left is saved on the way out too (signals included).
    session.dispatch(Action::Quit);
    result?;
    // Killed by a signal: the shell's convention, 128 + its number.
    Ok(match caught.load(Ordering::SeqCst) {
        0 => std::process::ExitCode::SUCCESS,
        signal => std::process::ExitCode::from((128 + signal).min(255) as u8),
    })
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

fn setup() -> io::Result<Term> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, event::EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was; safe to call more than once and from the panic hook.
fn restore() {
    let _ = execute!(io::stdout(), event::DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
}

/// A panic on the UI thread restores the terminal before its message is printed. Workers
/// catch theirs and report them in the status line (printing would draw over the screen).
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread && !crate::guard::is_catching() {
            restore();
            previous(info);
        }
    }));
}

/// Set, the reader panics after its first frame: the terminal test checks the restore with it.
pub const PANIC_TEST_VAR: &str = "NEWSDESK_TEST_PANIC";

fn event_loop(terminal: &mut Term, session: &mut Session, stop: &AtomicBool) -> io::Result<()> {
    let size = terminal.size()?;
    session.dispatch(Action::Resize { width: size.width, height: size.height });
    terminal.draw(|frame| ui::draw(frame, &session.app))?;
    if std::env::var_os(PANIC_TEST_VAR).is_some() {
        panic!("{PANIC_TEST_VAR} is set: a panic after the first frame");
    }
    session.start_refresh();
    while !session.app.quit && !stop.load(Ordering::SeqCst) {
        let base = if session.is_refreshing() { BUSY_POLL } else { IDLE_POLL };
        let timeout = session.wake_within(Instant::now()).map_or(base, |soon| soon.min(base));
        // Search as you type: take every queued event, then run the query once (in settle).
        // Wait on the tty ourselves: crossterm's own wait spins forever on a hung-up tty.
        if terminal_gone(timeout) {
            break;
        }
        if event::poll(Duration::ZERO)? {
            loop {
                handle_event(session, event::read()?);
                if session.app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        for effect in session.settle() {
            perform(session, effect);
        }
        session.tick(Instant::now());
        terminal.draw(|frame| ui::draw(frame, &session.app))?;
    }
    Ok(())
}

/// Waits up to `timeout` for input; true when the terminal is gone (the SSH connection or the
/// window closed). crossterm does not report a hang-up: its poll spins on the dead tty, reading
/// nothing, and never returns, so a dropped connection would leave the reader spinning.
fn terminal_gone(timeout: Duration) -> bool {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    let stdin = rustix::stdio::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let wait = Timespec { tv_sec: timeout.as_secs() as i64, tv_nsec: i64::from(timeout.subsec_nanos()) };
    match poll(&mut fds, Some(&wait)) {
        Ok(_) => fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(err) => err != rustix::io::Errno::INTR,
    }
}

fn handle_event(session: &mut Session, event: Event) {
    let action = match event {
        Event::Key(key) => action_for_key(session.app.focus, session.app.show_help, &key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::Click { column: mouse.column, row: mouse.row })
            }
            MouseEventKind::ScrollDown => {
                Some(Action::Wheel { column: mouse.column, row: mouse.row, down: true })
            }
            MouseEventKind::ScrollUp => {
                Some(Action::Wheel { column: mouse.column, row: mouse.row, down: false })
            }
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    };
    if let Some(action) = action {
        session.app.update(action);
    }
}

fn perform(session: &mut Session, effect: Effect) {
    match effect {
        Effect::OpenInBrowser(url) => {
            if let Err(why) = open_in_browser(&url, std::env::var("BROWSER").ok()) {
                session.app.update(Action::Notice(strings::open_failed(&why)));
            }
        }
        Effect::Copy(text) => {
            let mut out = io::stdout();
            let _ = out.write_all(osc52(&text).as_bytes()).and_then(|()| out.flush());
        }
        Effect::LoadArticle(_) | Effect::Preview(_) => {}
    }
}

/// OSC 52 "set clipboard": the terminal (also over SSH, and tmux with set-clipboard on) copies it.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

/// Starts `browser` (`$BROWSER`: its first entry, first word the program) or `xdg-open`, detached
/// in its own process group with no stdio, so nothing it prints reaches the screen; a thread reaps it.
fn open_in_browser(url: &str, browser: Option<String>) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let browser = browser.filter(|b| !b.trim().is_empty());
    let command_line = browser.unwrap_or_else(|| "xdg-open".to_string());
    let mut words = command_line.split(':').next().unwrap_or_default().split_whitespace();
    let program = words.next().ok_or("empty $BROWSER")?;
    let child = Command::new(program)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|err| format!("{program}: {err}"))?;
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("Hà Nội"), "\x1b]52;c;SMOgIE7hu5lp\x07");
    }

    #[test]
    fn the_browser_gets_the_url_and_a_missing_one_is_reported() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (script, out) = (dir.path().join("browser"), dir.path().join("opened"));
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho chatter\necho \"$1\" > {}.tmp\nmv {0}.tmp {0}\n", out.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        open_in_browser("https://example.com/a?b=1", Some(script.display().to_string())).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !out.exists() {
            assert!(Instant::now() < deadline, "the browser never ran");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "https://example.com/a?b=1\n");
        let missing = open_in_browser("https://example.com", Some("/nonexistent/browser --new".into()));
        assert!(missing.is_err_and(|why| why.contains("/nonexistent/browser")));
    }
}
