//! The terminal side of the reader: setup and restore (also on panic, signals and suspend), the
//! event loop, and the effects only a terminal can do (browser, OSC 52 clipboard).

mod effects;
mod signals;
mod terminal;

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::app::{Action, App, Effect, Settings};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::hyperlinks::LinkWriter;
use crate::paths::Locations;
use crate::session::{state_file, Session};
use crate::strings::fill;
use crate::ui;
use terminal::Term;

/// How long the loop waits for input before it looks at signals and background work again.
const IDLE_POLL: Duration = Duration::from_millis(250);
const BUSY_POLL: Duration = Duration::from_millis(50);
/// While draining input: how long to wait for the next queued event. crossterm's reader (on
/// the tty itself, level-triggered) only looks at the tty with a non-zero wait.
const DRAIN_POLL: Duration = Duration::from_millis(1);

/// What the loop needs besides the session: the config (the open command, where libraries'
/// indexes are) and the OSC 8 link writer when the terminal takes links.
struct LoopConfig<'a> {
    config: &'a Config,
    links: Option<LinkWriter>,
}

pub fn run(args: &LibraryArgs, config: &Config, settings: Settings) -> crate::CommandResult {
    // Without a terminal there is nothing to draw on and no keys to read.
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(settings.text.needs_a_terminal.into());
    }
    let Locations { library, index_dir, state_dir } = Locations::for_index(args, config)?;
    // Absolute, so read marks match whatever folder the reader is started from.
    let library = library.canonicalize().unwrap_or(library);
    let signals = signals::listen()?;
    let links = crate::scan::LinkPolicy::following(args.follow_links);
    let state_file = state_dir.join(state_file::FILE_NAME);
    let mut session = Session::open_configured(&library, &index_dir, state_file, settings, links);
    let hyperlinks = crate::hyperlinks::enabled(config.links, |name| std::env::var(name).ok());
    let mut outside = LoopConfig { config, links: hyperlinks.then(LinkWriter::default) };
    terminal::install_panic_hook();
    let mut terminal = match terminal::setup() {
        Ok(terminal) => terminal,
        Err(err) => {
            terminal::restore();
            return Err(err.into());
        }
    };
    let result = event_loop(&mut terminal, &mut session, &signals, &mut outside);
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

/// Draws a frame, then its links (OSC 8) when the terminal takes them.
fn draw(terminal: &mut Term, app: &App, links: &mut Option<LinkWriter>) -> io::Result<()> {
    let mut found = Vec::new();
    let completed = terminal.draw(|frame| found = ui::draw_with_links(frame, app))?;
    if let Some(writer) = links {
        let pending = writer.prepare(completed.buffer, &found);
        LinkWriter::write(terminal.backend_mut(), pending)?;
    }
    Ok(())
}

fn event_loop(
    terminal: &mut Term,
    session: &mut Session,
    signals: &signals::Flags,
    outside: &mut LoopConfig,
) -> io::Result<()> {
    let size = terminal.size()?;
    session.dispatch(Action::Resize { width: size.width, height: size.height });
    draw(terminal, &session.app, &mut outside.links)?;
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
            perform(terminal, session, signals, outside.config, effect)?;
        }
        session.tick(Instant::now());
        draw(terminal, &session.app, &mut outside.links)?;
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
        Event::Key(key) => session.app.action_for_key(&key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::Click { column: mouse.column, row: mouse.row })
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                Some(Action::Drag { column: mouse.column, row: mouse.row })
            }
            MouseEventKind::Up(MouseButton::Left) => Some(Action::MouseUp),
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
    config: &Config,
    effect: Effect,
) -> io::Result<()> {
    match effect {
        Effect::OpenInBrowser(url) => {
            if let Err(why) = effects::open_in_browser(&url, config.open_command.as_deref()) {
                session
                    .app
                    .update(Action::Notice(fill(session.app.settings.text.open_failed, &[("why", &why)])));
            }
        }
        Effect::SwitchLibrary(name, library) => session.switch_to(&name, &library, config),
        Effect::Copy(text) => effects::copy(&text),
        Effect::Suspend => suspend(terminal, session, signals)?,
        Effect::LoadArticle(_)
        | Effect::Preview(_)
        | Effect::Store(_)
        | Effect::ListHighlights
        | Effect::ListTags => {}
    }
    Ok(())
}
