//! The real `newsdesk` binary as a child process: run under a deadline (a hang fails the test
//! instead of blocking CI), its peak RSS from `wait4`, killed with SIGKILL on demand, and run
//! with dropped privileges when the tests run as root.

use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Longer than any healthy run on a loaded 2-core machine; only a hang reaches it.
pub const DEADLINE: Duration = Duration::from_secs(300);

/// The uid/gid the tests drop to when they run as root (nobody).
pub const UNPRIVILEGED_ID: u32 = 65534;

/// `newsdesk` pointed at one library and one index folder.
#[derive(Debug, Clone)]
pub struct Newsdesk {
    pub library: PathBuf,
    pub index_dir: PathBuf,
    /// Run as an unprivileged user (when the tests run as root), so permissions apply.
    pub unprivileged: bool,
}

impl Newsdesk {
    pub fn new(library: &Path, index_dir: &Path) -> Newsdesk {
        Newsdesk { library: library.to_path_buf(), index_dir: index_dir.to_path_buf(), unprivileged: false }
    }

    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let binary = env!("CARGO_BIN_EXE_newsdesk");
        let mut command = if self.unprivileged && running_as_root() {
            let mut setpriv = Command::new("setpriv");
            let id = UNPRIVILEGED_ID;
            setpriv.args([format!("--reuid={id}"), format!("--regid={id}"), "--clear-groups".into()]);
            setpriv.arg("--").arg(binary);
            setpriv
        } else {
            Command::new(binary)
        };
        // The flags go first: a query's words may start with '-'.
        command.arg("--library").arg(&self.library).arg("--index-dir").arg(&self.index_dir).args(args);
        super::plain_defaults(command.env_remove("NEWSDESK_LIBRARY").env("NO_COLOR", "1"));
        command
    }

    /// Runs to the end (or the deadline) and returns what it printed.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Finished {
        run(self.command(args))
    }

    /// Parses `search --json QUERY` (the run must succeed).
    pub fn search_json(&self, query: &str, limit: usize) -> serde_json::Value {
        let limit = limit.to_string();
        let finished = self.run(&["search", "--json", "--limit", &limit, "--", query]);
        finished.assert_success(&format!("search {query:?}"));
        serde_json::from_str(&finished.stdout)
            .unwrap_or_else(|err| panic!("search {query:?}: not JSON ({err}): {}", finished.stdout))
    }
}

pub fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("Uid:"))?;
            line.split_whitespace().nth(2).map(|effective| effective == "0")
        })
        .unwrap_or(false)
}

#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The child's peak resident set size, in KiB.
    pub peak_rss_kib: u64,
}

impl Finished {
    pub fn assert_success(&self, what: &str) {
        assert!(self.status.success(), "{what} failed ({}):\n{}\n{}", self.status, self.stdout, self.stderr);
    }

    /// A Rust panic exits with 101 and says so; a crash ends by a signal.
    pub fn assert_no_panic_or_crash(&self, what: &str) {
        assert!(
            self.status.code().is_some_and(|code| code != 101) && !self.stderr.contains("panicked at"),
            "{what} panicked or crashed ({}):\n{}",
            self.status,
            self.stderr
        );
    }
}

pub fn run(command: Command) -> Finished {
    let (mut child, stdout, stderr) = spawn(command);
    let (status, peak_rss_kib) = wait(&mut child, DEADLINE);
    Finished { status, stdout: joined(stdout), stderr: joined(stderr), peak_rss_kib }
}

/// A started child and the threads draining its output (so a full pipe never blocks it).
pub struct Running {
    child: Child,
    stdout: JoinHandle<String>,
    stderr: JoinHandle<String>,
}

pub fn start(command: Command) -> Running {
    let (child, stdout, stderr) = spawn(command);
    Running { child, stdout, stderr }
}

/// How a run that may have been killed ended.
pub enum Ended {
    Killed,
    Finished(Finished),
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits at most `deadline`; past it the child is killed and `None` returned (it hung).
    pub fn finish_within(mut self, deadline: Duration) -> Option<Finished> {
        let started = Instant::now();
        let pid = self.child.id() as libc::pid_t;
        loop {
            if let Some((status, peak_rss_kib)) = try_wait(pid) {
                let (stdout, stderr) = (joined(self.stdout), joined(self.stderr));
                return Some(Finished { status, stdout, stderr, peak_rss_kib });
            }
            if started.elapsed() > deadline {
                let _ = self.child.kill();
                let _ = wait(&mut self.child, DEADLINE);
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn finish(mut self) -> Finished {
        let (status, peak_rss_kib) = wait(&mut self.child, DEADLINE);
        Finished { status, stdout: joined(self.stdout), stderr: joined(self.stderr), peak_rss_kib }
    }

    /// SIGKILL now, unless the child has already exited.
    pub fn kill(mut self) -> Ended {
        let pid = self.child.id() as libc::pid_t;
        if let Some((status, peak_rss_kib)) = try_wait(pid) {
            let (stdout, stderr) = (joined(self.stdout), joined(self.stderr));
            return Ended::Finished(Finished { status, stdout, stderr, peak_rss_kib });
        }
        self.child.kill().expect("SIGKILL");
        let (status, peak_rss_kib) = wait(&mut self.child, DEADLINE);
        if status.signal() == Some(libc::SIGKILL) {
            return Ended::Killed;
        }
        // It exited on its own between the check above and the signal.
        assert!(status.code().is_some(), "killed child ended otherwise: {status}");
        Ended::Finished(Finished {
            status,
            stdout: joined(self.stdout),
            stderr: joined(self.stderr),
            peak_rss_kib,
        })
    }
}

fn spawn(mut command: Command) -> (Child, JoinHandle<String>, JoinHandle<String>) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {command:?}: {err}"));
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    (child, stdout, stderr)
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn joined(handle: JoinHandle<String>) -> String {
    handle.join().expect("output reader")
}

/// Reaps the child if it has exited: its status and peak RSS (KiB).
fn try_wait(pid: libc::pid_t) -> Option<(ExitStatus, u64)> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own unreaped child; status and usage outlive the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
    assert!(reaped >= 0, "wait4: {}", std::io::Error::last_os_error());
    (reaped == pid).then(|| (ExitStatus::from_raw(status), usage.ru_maxrss as u64))
}

/// Waits for the child; past `deadline` it is killed and the test fails: it hung.
fn wait(child: &mut Child, deadline: Duration) -> (ExitStatus, u64) {
    let started = Instant::now();
    let pid = child.id() as libc::pid_t;
    loop {
        if let Some(ended) = try_wait(pid) {
            return ended;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = try_wait(pid);
            panic!("newsdesk still running after {deadline:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
