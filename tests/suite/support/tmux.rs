//! The real binary in a real terminal: a tmux server of its own per test, keys sent with
//! send-keys, the screen read with capture-pane, the tty's modes afterwards. Screens are polled
//! until a deadline (a guard against hanging, not a timing).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(60);
pub const PROMPT: &str = "nd-prompt$";

pub struct Tmux {
    socket: String,
    pub work: tempfile::TempDir,
}

impl Tmux {
    /// None (with a notice) when tmux is missing outside CI; in CI a missing tmux fails.
    pub fn start(name: &str, command: &[&str]) -> Option<Tmux> {
        Tmux::start_with(name, &[], command)
    }

    /// `start`, with more `NAME=value` settings in the pane's environment.
    pub fn start_with(name: &str, env: &[&str], command: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI (.ci/run installs it)");
            eprintln!("notice: tmux is not installed; skipping the terminal test {name}");
            return None;
        }
        let work = tempfile::tempdir().unwrap();
        let tmux = Tmux { socket: format!("newsdesk-test-{}-{name}", std::process::id()), work };
        let state = format!("NEWSDESK_STATE_DIR={}", tmux.work.path().join("state").display());
        let cache = format!("NEWSDESK_CACHE_DIR={}", tmux.work.path().join("cache").display());
        let prompt = format!("PS1={PROMPT} ");
        let mut args = vec!["new-session", "-d", "-x", "120", "-y", "40", "-s", "t"];
        // English, on the built-in defaults: no user config, no locale of the machine's (a test's
        // own settings come after, and win).
        let plain = ["NEWSDESK_CONFIG=/dev/null", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES="];
        let settings = [&state, &cache, &prompt, "TERM=xterm-256color"].into_iter().chain(plain);
        for setting in settings.chain(env.iter().copied()) {
            args.extend(["-e", setting]);
        }
        args.extend(command);
        tmux.run(&args);
        Some(tmux)
    }

    pub fn run(&self, args: &[&str]) -> String {
        let output =
            Command::new("tmux").args(["-L", &self.socket, "-f", "/dev/null"]).args(args).output().unwrap();
        assert!(output.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        self.run(&args);
    }

    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Polls the screen until `ready` holds on two captures in a row that are the same: a
    /// capture can land while tmux has read only part of a frame (new top rows, old status
    /// line), and what the test asserts next must be the whole frame. Fails with the last
    /// screen at the deadline.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut before: Option<String> = None;
        loop {
            let screen = self.screen();
            if ready(&screen) && before.as_ref() == Some(&screen) {
                return screen;
            }
            assert!(start.elapsed() < DEADLINE, "waited for {what}; the screen:\n{screen}");
            before = Some(screen);
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// tmux's view of the terminal modes: alternate screen, mouse reporting, cursor shown.
    pub fn modes(&self) -> String {
        self.run(&["display-message", "-p", "-t", "t", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"])
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

pub fn sample_library() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-articles")
}

impl Tmux {
    /// The pid of the pane's first process (the shell the test started).
    pub fn pane_pid(&self) -> u32 {
        self.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]).trim().parse().unwrap()
    }
}

pub fn panes_shown(screen: &str) -> bool {
    ["┌ Library", "┌ Article", "┌ Related"].iter().all(|pane| screen.contains(pane))
        && (screen.contains("index up to date") || screen.contains("index updated"))
}

/// The pid of the `newsdesk` process whose parent is `parent`.
pub fn child_named(parent: u32, name: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        let (comm, rest) = stat.split_once(") ")?;
        let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent && comm.ends_with(&format!("({name}"))).then_some(pid)
    })
}

/// The reader started by a shell script that reports its exit code and the tty's line
/// discipline afterwards (`icanon echo` when raw mode was undone).
pub fn reader_script(env: &str) -> String {
    reader_script_on(env, &sample_library())
}

/// `reader_script` on another library.
pub fn reader_script_on(env: &str, library: &Path) -> String {
    let bin = env!("CARGO_BIN_EXE_newsdesk");
    format!("{env} {bin} {}; echo newsdesk-exited-$?; echo tty: $({TTY_MODES}); sleep 600", library.display())
}

/// A shell pipeline printing the tty's line discipline: `icanon echo` when raw mode is off.
pub const TTY_MODES: &str =
    "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '";

/// Waits for the reader to exit with `exit_code` and checks the terminal is back as it was.
pub fn assert_restored(tmux: &Tmux, exit_code: u8) -> String {
    assert_restored_by_one_of(tmux, &[exit_code])
}

/// [`assert_restored`] where either of several signals may have come first (both sent at once:
/// the order in which a process takes two pending signals is not fixed).
pub fn assert_restored_by_one_of(tmux: &Tmux, exit_codes: &[u8]) -> String {
    let screen = tmux.wait_for("the reader to exit", |screen| screen.contains("tty:"));
    let exited = |code: &u8| screen.contains(&format!("newsdesk-exited-{code}"));
    assert!(exit_codes.iter().any(exited), "exit code one of {exit_codes:?}:\n{screen}");
    assert!(!screen.contains("┌ Library"), "the reader's screen is gone:\n{screen}");
    assert!(screen.contains("tty: icanon echo"), "raw mode is off:\n{screen}");
    assert_eq!(tmux.modes().trim(), "0 0 1", "alternate screen off, mouse off, cursor shown");
    screen
}
