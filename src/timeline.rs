//! Timing spans for profiling the reader's start and a command's process: written to the file
//! `NEWSDESK_TIMELINE` names (appended, one line a span), nothing at all when it is not set. A
//! file, not stderr: the reader owns the terminal. The first line gives the wall clock of the
//! timeline's zero, so a harness that noted when it started the process can place the spans.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

/// The variable naming the file spans are written to.
pub const VARIABLE: &str = "NEWSDESK_TIMELINE";

struct Sink {
    started: Instant,
    file: std::sync::Mutex<std::fs::File>,
}

fn sink() -> Option<&'static Sink> {
    static SINK: OnceLock<Option<Sink>> = OnceLock::new();
    SINK.get_or_init(|| {
        let path = std::env::var_os(VARIABLE)?;
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).ok()?;
        let started = Instant::now();
        let unix = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let _ = writeln!(file, "# pid {} zero at unix {:.6}", std::process::id(), unix.as_secs_f64());
        Some(Sink { started, file: std::sync::Mutex::new(file) })
    })
    .as_ref()
}

/// Runs `work`; with a timeline, writes when it started and ended (ms since the first span
/// of the process), its wall and thread CPU time, and on which thread.
pub fn span<T>(label: &str, work: impl FnOnce() -> T) -> T {
    let Some(sink) = sink() else { return work() };
    let (began, cpu_began) = (sink.started.elapsed(), thread_cpu_ms());
    let out = work();
    let (ended, cpu) = (sink.started.elapsed(), thread_cpu_ms() - cpu_began);
    let thread = std::thread::current();
    let line = format!(
        "{:9.1} {:9.1} wall {:8.1} cpu {cpu:8.1} {:<7} {label}\n",
        began.as_secs_f64() * 1e3,
        ended.as_secs_f64() * 1e3,
        (ended - began).as_secs_f64() * 1e3,
        thread.name().unwrap_or("worker"),
    );
    if let Ok(mut file) = sink.file.lock() {
        let _ = file.write_all(line.as_bytes());
    }
    out
}

/// A point in time, as a span of nothing.
pub fn mark(label: &str) {
    span(label, || ());
}

/// This thread's CPU time so far, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as f64 * 1e3 + now.tv_nsec as f64 / 1e6
}
