//! The terminal side of the reader: setup and restore (also on panic, signals and suspend), the
//! event loop, and the effects only a terminal can do (browser, OSC 52 clipboard).

mod effects;
mod signals;
mod terminal;

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::app::{action_for_key, Action, Effect};
use crate::cli::LibraryArgs;
use crate::paths::Locations;
use crate::session::{state_file, Session};
use crate::strings;
use crate::ui;
use terminal::Term;

/// How long the loop waits for input before it looks at signals and background work again.
const IDLE_POLL: Duration = Duration::from_millis(250);
const BUSY_POLL: Duration = Duration::from_millis(50);
/// While draining input: how long to wait for the next queued event. crossterm's reader (on
/// the tty itself, level-triggered) only looks at the tty with a non-zero wait.
const DRAIN_POLL: Duration = Duration::from_millis(1);

pub fn run(args: &LibraryArgs) -> crate::CommandResult {
    // Without a terminal there is nothing to draw on and no keys to read.
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(strings::NEEDS_A_TERMINAL.into());
    }
    let Locations { library, index_dir } = Locations::for_index(args)?;
    // Absolute, so read marks match whatever folder the reader is started from.
    let library = library.canonicalize().unwrap_or(library);
    let signals = signals::listen()?;
    let links = crate::scan::LinkPolicy::following(args.follow_links);
    let mut session = Session::open_with_links(&library, &index_dir, state_file::default_path(), links);
    terminal::install_panic_hook();
    let mut terminal = match terminal::setup() {
        Ok(terminal) => terminal,
        Err(err) => {
            terminal::restore();
            return Err(err.into());
        }
    };
    let result = event_loop(&mut terminal, &mut session, &signals);
    terminal::restore();
    // Where the reader was left is saved on the way out too (signals included).
    session.dispatch(Action::Quit);
    result?;
    // Stopped by a signal: the shell's convention, 128 + its number.
    Ok(match signals.stop_signal() {
        None => std::process::ExitCode::SUCCESS,
        Some(signal) => std::process::ExitCode::from((128 + signal).clamp(0, 255) as u8),
    })
}

/// Set, the reader panics after its first frame: the terminal test checks the restore with it.
pub const PANIC_TEST_VAR: &str = "NEWSDESK_TEST_PANIC";

fn event_loop(terminal: &mut Term, session: &mut Session, signals: &signals::Flags) -> io::Result<()> {
    let size = terminal.size()?;
    session.dispatch(Action::Resize { width: size.width, height: size.height });
    terminal.draw(|frame| ui::draw(frame, &session.app))?;
    if std::env::var_os(PANIC_TEST_VAR).is_some() {
        panic!("{PANIC_TEST_VAR} is set: a panic after the first frame");
    }
    session.start_refresh();
    session.start_watch();
    while !session.app.quit && signals.stop_signal().is_none() {
        if signals.take_suspend() {
            suspend(terminal, session, signals)?;
        }
        if signals.take_resumed() {
            terminal::resume(terminal)?;
            redrawn(terminal, session)?;
        }
        if terminal::hung_up() {
            break;
        }
        let base = if session.is_refreshing() { BUSY_POLL } else { IDLE_POLL };
        let timeout = session.wake_within(Instant::now()).map_or(base, |soon| soon.min(base));
        // Wait on crossterm's own reader, then take every queued event before the search runs
        // once (in settle): a long paste is read in one go, not a kilobyte per wake.
        match event::poll(timeout) {
            Ok(true) => drain_input(session)?,
            Ok(false) => {}
            Err(_) if terminal::hung_up() => break,
            Err(err) => return Err(err),
        }
        for effect in session.settle() {
            perform(terminal, session, signals, effect)?;
        }
        session.tick(Instant::now());
        terminal.draw(|frame| ui::draw(frame, &session.app))?;
    }
    Ok(())
}

/// Handles the event `event::poll` found and every one queued behind it.
fn drain_input(session: &mut Session) -> io::Result<()> {
    loop {
        handle_event(session, event::read()?);
        if session.app.quit || !event::poll(DRAIN_POLL)? {
            return Ok(());
        }
    }
}

/// Ctrl-Z or SIGTSTP: stopped until `fg`, then everything is drawn again.
fn suspend(terminal: &mut Term, session: &mut Session, signals: &signals::Flags) -> io::Result<()> {
    terminal::suspend(terminal)?;
    // The SIGCONT that continued the reader is this resume's own.
    signals.take_resumed();
    redrawn(terminal, session)
}

/// After the terminal was given back: its size may have changed meanwhile.
fn redrawn(terminal: &mut Term, session: &mut Session) -> io::Result<()> {
    let size = terminal.size()?;
    session.dispatch(Action::Resize { width: size.width, height: size.height });
    Ok(())
}

fn handle_event(session: &mut Session, event: Event) {
    let action = match event {
        Event::Key(key) => action_for_key(session.app.focus, session.app.show_help, &key),
        Event::Paste(text) => Some(Action::Paste(text)),
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

fn perform(
    terminal: &mut Term,
    session: &mut Session,
    signals: &signals::Flags,
    effect: Effect,
) -> io::Result<()> {
    match effect {
        Effect::OpenInBrowser(url) => {
            if let Err(why) = effects::open_in_browser(&url) {
                session.app.update(Action::Notice(strings::open_failed(&why)));
            }
        }
        Effect::Copy(text) => effects::copy(&text),
        Effect::Suspend => suspend(terminal, session, signals)?,
        Effect::LoadArticle(_) | Effect::Preview(_) => {}
    }
    Ok(())
}
