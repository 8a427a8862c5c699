//! The real reader in a real terminal (tmux), where a terminal can go wrong: a long paste
//! (inserted at once, then the reader idles), typed input longer than crossterm's 1 KB reads,
//! signals arriving in pairs, Ctrl-Z / SIGTSTP and `fg`, `o` and `y` handing a link on, and no
//! terminal at all. CPU use is counted from /proc (ticks over an idle second), never timed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::process::Newsdesk;
use crate::support::tmux::{
    assert_restored, assert_restored_by_one_of, child_named, panes_shown, reader_script, reader_script_on,
    sample_library, Tmux, PROMPT, TTY_MODES,
};

/// CPU ticks (user + system, 1/100 s on Linux) the process has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// Ticks used over one second in which nothing happens. A reader spinning on its input used
/// about 100; an idle one wakes a few times a second. The bound is generous on purpose.
fn idle_ticks(pid: u32) -> u64 {
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    cpu_ticks(pid) - before
}
const IDLE_TICKS_AT_MOST: u64 = 25;

fn reader_pid(tmux: &Tmux) -> u32 {
    child_named(tmux.pane_pid(), "newsdesk").expect("the newsdesk process")
}

/// The search line: the screen's first line.
fn search_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// Pastes `text` as a terminal does (bracketed if the application asked for it).
fn paste(tmux: &Tmux, text: &str) {
    let file = tmux.work.path().join("paste.txt");
    std::fs::write(&file, text).unwrap();
    tmux.run(&["load-buffer", &file.display().to_string()]);
    tmux.run(&["paste-buffer", "-p", "-r", "-t", "t"]);
}

#[test]
fn a_long_paste_is_one_insertion_and_then_the_reader_idles() {
    let Some(tmux) = Tmux::start("paste", &["sh", "-c", &reader_script("")]) else { return };
    tmux.wait_for("three panes", panes_shown);
    let pid = reader_pid(&tmux);
    tmux.keys(&["/"]);
    // 4 KB in lines: pasted without brackets, each newline would be an Enter (open a hit).
    let text: String = (0..300).map(|n| format!("metro {n:03} ha\n")).collect();
    assert!(text.len() > 3 * 1024);
    paste(&tmux, &text);
    // One insertion: lines joined by spaces (unbracketed, each newline would be an Enter and
    // the words would run together), cut at the search line's 1,000 characters.
    let screen =
        tmux.wait_for("the paste in the search line", |screen| search_line(screen).contains("ha metro 0"));
    assert!(screen.contains("the rest of the paste was left out"), "{screen}");
    let used = idle_ticks(pid);
    assert!(used <= IDLE_TICKS_AT_MOST, "{used} CPU ticks in an idle second after a paste");
}

#[test]
fn typed_input_longer_than_a_read_is_taken_whole_and_then_the_reader_idles() {
    let Some(tmux) = Tmux::start("typed", &["sh", "-c", &reader_script("")]) else { return };
    tmux.wait_for("three panes", panes_shown);
    let pid = reader_pid(&tmux);
    tmux.keys(&["/"]);
    // 4 KB typed (no paste brackets), cleared now and then with Ctrl-U; the last word is what
    // the search line must end with once every byte was read.
    let mut typed = String::new();
    while typed.len() < 4096 {
        typed.push_str(&"ha noi metro ".repeat(30));
        typed.push('\u{15}');
    }
    typed.push_str("cuoicung");
    tmux.type_text(&typed);
    tmux.wait_for("the last typed word", |screen| search_line(screen).trim_end().ends_with("/ cuoicung"));
    let used = idle_ticks(pid);
    assert!(used <= IDLE_TICKS_AT_MOST, "{used} CPU ticks in an idle second after 4 KB of keys");
}

/// After the reader ended: a paste arrives without bracket codes (echoed by the cooked tty),
/// so bracketed paste is off again.
fn assert_paste_mode_off(tmux: &Tmux) {
    paste(tmux, "pastecheck");
    let screen = tmux.wait_for("the pasted word echoed", |screen| screen.contains("pastecheck"));
    assert!(!screen.contains("[200~"), "bracketed paste is still on:\n{screen}");
}

#[test]
fn sighup_then_sigterm_restore_the_terminal() {
    let Some(tmux) = Tmux::start("hupterm", &["sh", "-c", &reader_script("")]) else { return };
    tmux.wait_for("three panes", panes_shown);
    let pid = reader_pid(&tmux).to_string();
    // Both at once, as a closing terminal and then its supervisor send them.
    let sent =
        Command::new("sh").args(["-c", &format!("kill -HUP {pid}; kill -TERM {pid}")]).status().unwrap();
    assert!(sent.success());
    // The first signal taken ends it: SIGHUP (129) or SIGTERM (143), whichever the kernel
    // delivered first; the second must not leave the terminal raw.
    assert_restored_by_one_of(&tmux, &[129, 143]);
    assert_paste_mode_off(&tmux);
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws_everything() {
    let Some(tmux) = Tmux::start("suspend", &["sh", "-i"]) else { return };
    tmux.wait_for("the shell prompt", |screen| screen.contains(PROMPT));
    let bin = env!("CARGO_BIN_EXE_newsdesk");
    tmux.type_text(&format!("{bin} {}", sample_library().display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("three panes", panes_shown);
    let pid = reader_pid(&tmux);
    for (how, stop) in [("Ctrl-Z", None), ("SIGTSTP", Some("-TSTP"))] {
        match stop {
            None => tmux.keys(&["C-z"]),
            Some(signal) => {
                assert!(Command::new("kill").args([signal, &pid.to_string()]).status().unwrap().success())
            }
        }
        let screen = tmux.wait_for("the shell after the stop", |screen| {
            !screen.contains("┌ Library") && screen.lines().any(|line| line.contains("Stopped"))
        });
        assert_eq!(tmux.modes().trim(), "0 0 1", "{how}: alternate screen and mouse off:\n{screen}");
        tmux.type_text(&format!("{TTY_MODES}; echo modes-shown"));
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for("the tty modes", |screen| {
            screen.lines().any(|line| line.ends_with("modes-shown") && !line.contains("stty"))
        });
        assert!(screen.contains("icanon echo"), "{how}: the shell gets a cooked tty:\n{screen}");
        tmux.run(&["send-keys", "-t", "t", "clear", "Enter"]);
        tmux.type_text("fg");
        tmux.keys(&["Enter"]);
        // Every pane is back, not only the cells that changed.
        tmux.wait_for("the whole reader again", panes_shown);
        // Raw mode again: a key acts without Enter.
        tmux.keys(&["?"]);
        tmux.wait_for("the help overlay", |screen| screen.contains("Keys (? or Esc to close)"));
        tmux.keys(&["Escape"]);
        tmux.wait_for("the help closed", |screen| !screen.contains("Keys (? or Esc to close)"));
    }
    tmux.keys(&["q"]);
    tmux.wait_for("the shell prompt again", |screen| !screen.contains("┌ Library"));
    assert_eq!(tmux.modes().trim(), "0 0 1");
}

/// A library of two articles: the newest links to `--gpu-launcher=…`, the other to a web page.
fn link_library(dir: &Path, marker: &Path) -> std::path::PathBuf {
    let library = dir.join("library");
    std::fs::create_dir_all(&library).unwrap();
    let hostile = serde_json::json!({"title": "Trang có liên kết độc", "published": "2024-05-02",
        "url": format!("--gpu-launcher=touch {}", marker.display()), "body": "Nội dung."});
    let web = serde_json::json!({"title": "Trang bình thường", "published": "2024-05-01",
        "url": "https://example.com/tin?a=1", "body": "Nội dung."});
    std::fs::write(library.join("a.json"), hostile.to_string()).unwrap();
    std::fs::write(library.join("b.json"), web.to_string()).unwrap();
    library
}

#[test]
fn o_starts_the_browser_only_for_a_web_link_and_y_copies_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (marker, record) = (dir.path().join("pwned"), dir.path().join("argv"));
    // Named like a Chromium browser: it gets `--` before the URL.
    let browser = dir.path().join("chromium");
    std::fs::write(&browser, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\n", record.display())).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let library = link_library(dir.path(), &marker);
    let env = format!("BROWSER={}", browser.display());
    let Some(tmux) = Tmux::start_with("browser", &[&env], &["sh", "-c", &reader_script_on("", &library)])
    else {
        return;
    };
    tmux.run(&["set-option", "-s", "set-clipboard", "on"]);
    tmux.wait_for("three panes", panes_shown);
    tmux.keys(&["g", "Enter"]);
    tmux.wait_for("the hostile article", |screen| screen.contains("││Trang có liên kết độc"));
    tmux.keys(&["o"]);
    tmux.wait_for("the refusal", |screen| screen.contains("not opened: not a web address"));
    tmux.keys(&["h", "j", "Enter"]);
    tmux.wait_for("the web article", |screen| screen.contains("││Trang bình thường"));
    tmux.keys(&["o"]);
    tmux.wait_for("the browser started", |screen| screen.contains("opening https://example.com/tin?a=1"));
    let deadline = std::time::Instant::now() + crate::support::tmux::DEADLINE;
    while std::fs::read_to_string(&record).map_or(true, |argv| !argv.ends_with('\n')) {
        assert!(std::time::Instant::now() < deadline, "the browser never ran");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(std::fs::read_to_string(&record).unwrap(), "--\nhttps://example.com/tin?a=1\n");
    assert!(!marker.exists(), "the hostile link ran nothing");
    tmux.keys(&["y"]);
    tmux.wait_for("the copy", |screen| screen.contains("URL copied"));
    assert_eq!(tmux.run(&["show-buffer"]), "https://example.com/tin?a=1");
    tmux.keys(&["q"]);
    assert_restored(&tmux, 0);
}

#[test]
fn without_a_terminal_the_reader_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let newsdesk = Newsdesk::new(&sample_library(), &index_dir);
    // stdin from /dev/null, stdout a pipe.
    let finished = newsdesk.run::<&str>(&[]);
    assert_eq!(finished.status.code(), Some(1), "{finished:?}");
    assert!(
        finished.stderr.contains("the reader needs a terminal; use `newsdesk list`"),
        "{}",
        finished.stderr
    );
    // stdin from a pipe.
    let mut piped = newsdesk.command::<&str>(&["read"]);
    let output = piped.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs a terminal"));
    assert!(!index_dir.exists(), "nothing was opened or made");
}
