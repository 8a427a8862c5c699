//! The reader's terminal modes: raw mode, the alternate screen, mouse reporting and bracketed
//! paste; entering them, giving them back (on quit, panic, signal, suspend), and noticing that
//! the terminal has gone.

use std::io;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

pub fn setup() -> io::Result<Term> {
    enter()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Puts the terminal back as it was; safe to call more than once, from any thread, and from the
/// panic hook.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal and ends the process with `code`, from any thread. Holding stdout's
/// lock keeps the UI thread from drawing over the restored screen in between.
pub fn restore_and_exit(code: i32) -> ! {
    let _stdout = io::stdout().lock();
    restore();
    std::process::exit(code)
}

/// Ctrl-Z or SIGTSTP: gives the terminal back, stops the process as job control expects, and
/// when it is continued (`fg`) takes the terminal again and redraws all of it.
pub fn suspend(terminal: &mut Term) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    resume(terminal)
}

/// Enters the reader's modes again (after SIGCONT: whoever had the terminal meanwhile may have
/// changed them) and clears, so the next draw paints every cell.
pub fn resume(terminal: &mut Term) -> io::Result<()> {
    enter()?;
    terminal.clear()
}

/// True when the terminal is gone (the SSH connection or the window closed). Polls without
/// waiting, for a hang-up only: crossterm does not report one.
pub fn hung_up() -> bool {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    let stdin = rustix::stdio::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    match poll(&mut fds, Some(&Timespec { tv_sec: 0, tv_nsec: 0 })) {
        Ok(_) => fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(err) => err != rustix::io::Errno::INTR,
    }
}

/// A panic on the UI thread restores the terminal before its message is printed. Workers
/// catch theirs and report them in the status line (printing would draw over the screen).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread && !crate::guard::is_catching() {
            restore();
            previous(info);
        }
    }));
}
