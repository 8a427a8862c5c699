//! Signals, on a thread of their own (signal-hook's iterator). The first terminating signal
//! asks the loop to stop: it restores the terminal and saves the reading state on its way out.
//! A second one, or a loop that has not ended within `GRACE`, restores the terminal here and
//! exits, however many signals arrive. SIGTSTP asks the loop to suspend; SIGCONT to take the
//! terminal again.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use signal_hook::consts::*;

use super::terminal::restore_and_exit;

/// Every signal whose default is to end the process and that a process may catch (the faults
/// SIGSEGV, SIGBUS, SIGILL, SIGFPE are left to their default; SIGPIPE is ignored by Rust).
const TERMINATING: &[i32] =
    &[SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ];

/// How long the loop has to end by itself after the first terminating signal.
const GRACE: Duration = Duration::from_secs(5);

#[derive(Clone, Default)]
pub struct Flags {
    /// The first terminating signal, 0 before one came.
    caught: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
}

impl Flags {
    /// The terminating signal that asked the reader to stop, if one did.
    pub fn stop_signal(&self) -> Option<i32> {
        Some(self.caught.load(Ordering::SeqCst)).filter(|signal| *signal != 0)
    }

    /// Whether SIGTSTP came since the last look.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether SIGCONT came since the last look.
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }

    fn terminating(&self, signal: i32) {
        match self.caught.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => {
                std::thread::spawn(move || {
                    std::thread::sleep(GRACE);
                    restore_and_exit(128 + signal)
                });
            }
            Err(first) => restore_and_exit(128 + first),
        }
    }
}

/// Starts handling the signals; the loop reads the returned flags.
pub fn listen() -> io::Result<Flags> {
    let flags = Flags::default();
    let mut signals = signal_hook::iterator::Signals::new(TERMINATING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let shared = flags.clone();
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => shared.suspend.store(true, Ordering::SeqCst),
                SIGCONT => shared.resumed.store(true, Ordering::SeqCst),
                terminating => shared.terminating(terminating),
            }
        }
    })?;
    Ok(flags)
}
