//! The effects only a terminal can do: start a browser, put text on the clipboard (OSC 52).
//! What runs and what is written is decided in `handoff`; this only does it.

use std::io::{self, Write};

use crate::handoff::{self, ClipboardText, WebUrl};

/// Opens `url` with the config's `open_command`, else `$BROWSER` (its entries in turn), else
/// xdg-open; the error says why none started. Both take the same form (`%s` for the URL).
pub fn open_in_browser(url: &WebUrl, open_command: Option<&str>) -> Result<(), String> {
    // A $BROWSER that is not UTF-8 cannot hold a usable command: the default is used.
    start_first(&commands(url, open_command, std::env::var("BROWSER").ok()))
}

/// The argvs to try: `open_command` in `$BROWSER`'s place, through the same checks.
fn commands(url: &WebUrl, open_command: Option<&str>, browser: Option<String>) -> Vec<Vec<String>> {
    let browser = open_command.map(str::to_string).or(browser);
    handoff::browser_commands(url, browser.as_deref())
}

pub fn copy(text: &ClipboardText) {
    let mut out = io::stdout();
    let _ = out.write_all(handoff::osc52(text).as_bytes()).and_then(|()| out.flush());
}

/// Starts the first of `commands` (argvs) that can be started, detached in its own process
/// group with no stdio, so nothing it prints reaches the screen; a thread reaps it. No shell.
fn start_first(commands: &[Vec<String>]) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let mut failures = Vec::new();
    for argv in commands {
        let Some((program, args)) = argv.split_first() else { continue };
        let started = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        match started {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(err) => failures.push(format!("{program}: {err}")),
        }
    }
    Err(failures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn open_command_stands_in_for_browser_with_its_rules() {
        let url = WebUrl::parse("https://example.vn/a b").unwrap();
        let u = url.as_str();
        let firefox = Some("firefox".to_string());
        assert_eq!(commands(&url, None, firefox.clone()), [argv(&["firefox", u])]);
        assert_eq!(
            commands(&url, Some("chromium --incognito"), firefox),
            [argv(&["chromium", "--incognito", "--", u])]
        );
        assert_eq!(commands(&url, None, None), [argv(&["xdg-open", u])]);
    }

    #[test]
    fn the_first_browser_that_starts_gets_the_url_and_failures_are_reported() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (script, out) = (dir.path().join("browser"), dir.path().join("opened"));
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho chatter\necho \"$@\" > {}.tmp\nmv {0}.tmp {0}\n", out.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let script = script.display().to_string();
        let commands =
            [argv(&["/nonexistent/browser", "x"]), argv(&[&script, "--", "https://example.com/a?b=1"])];
        start_first(&commands).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !out.exists() {
            assert!(Instant::now() < deadline, "the browser never ran");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "-- https://example.com/a?b=1\n");
        let missing = start_first(&[argv(&["/nonexistent/browser", "--new"])]);
        assert!(missing.is_err_and(|why| why.contains("/nonexistent/browser")));
    }
}
