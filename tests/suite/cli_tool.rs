//! newsdesk as a terminal tool: `--version` with its commit, the config file and its
//! commands, a library by name, the interface's language, `index`'s progress lines, shell
//! completions and the man page.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::reader::fixture;

/// The binary on the built-in defaults, in English, with its cache and state in `work`.
fn newsdesk(work: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    crate::support::plain_defaults(&mut command)
        .env_remove("NEWSDESK_LIBRARY")
        .env("NEWSDESK_CACHE_DIR", work.join("cache"))
        .env("NEWSDESK_STATE_DIR", work.join("state"))
        .env("XDG_CONFIG_HOME", work.join("xdg-config"));
    command
}

fn run(command: &mut Command) -> (Output, String, String) {
    let output = command.output().unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    (output, out, err)
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let work = tempfile::tempdir().unwrap();
    let (output, out, _) = run(newsdesk(work.path()).arg("--version"));
    assert!(output.status.success());
    let pattern = regex::Regex::new(r"^newsdesk \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\n$").unwrap();
    let commit = pattern.captures(&out).unwrap_or_else(|| panic!("{out:?}"))[1].to_string();
    let head = Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "--short=12", "HEAD"])
        .output();
    if let Some(head) = head.ok().filter(|head| head.status.success()) {
        assert_eq!(commit, String::from_utf8_lossy(&head.stdout).trim(), "built in a git checkout: its HEAD");
    }
}

#[test]
fn config_path_default_and_check() {
    let work = tempfile::tempdir().unwrap();
    let (_, out, _) = run(newsdesk(work.path()).env_remove("NEWSDESK_CONFIG").args(["config", "path"]));
    assert_eq!(out.trim(), work.path().join("xdg-config/newsdesk/config.toml").display().to_string());
    let (_, out, _) =
        run(newsdesk(work.path()).args(["config", "path"]).env("NEWSDESK_CONFIG", "/etc/nd.toml"));
    assert_eq!(out.trim(), "/etc/nd.toml");
    let (_, out, _) = run(newsdesk(work.path()).args(["--config", "/x/y.toml", "config", "path"]));
    assert_eq!(out.trim(), "/x/y.toml", "--config comes before the environment");

    let (output, out, _) = run(newsdesk(work.path()).env_remove("NEWSDESK_CONFIG").args(["config", "check"]));
    assert!(output.status.success() && out.contains("no config file at"), "{out}");
    let (_, default, _) = run(newsdesk(work.path()).args(["config", "default"]));
    let file = work.path().join("config.toml");
    std::fs::write(&file, &default).unwrap();
    let (output, out, _) = run(newsdesk(work.path()).arg("--config").arg(&file).args(["config", "check"]));
    assert!(output.status.success(), "the default file checks: {out}");
    assert_eq!(out.trim(), format!("{}: valid", file.display()));

    std::fs::write(&file, "links = \"auto\"\n\ncolour = \"red\"\n[keys]\nquit = \"s\"\nsort = \"s\"\n")
        .unwrap();
    let (output, _, err) = run(newsdesk(work.path()).arg("--config").arg(&file).args(["config", "check"]));
    assert_eq!(output.status.code(), Some(1));
    let shown = file.display();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("{shown}:3:1: unknown setting `colour` (known here: language, library, cache_dir, state_dir, open_command, links, date_format, time_format, libraries, layout, theme, keys)"),
        ],
        "the file's own problems first; the keys are checked once it reads"
    );
    std::fs::write(&file, "[keys]\nquit = \"s\"\nsort = \"s\"\n").unwrap();
    let (output, _, err) = run(newsdesk(work.path()).arg("--config").arg(&file).args(["config", "check"]));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(err.trim(), format!("{shown}:3:8: s is bound to both `quit` (line 2) and `sort`"));
}

#[test]
fn nothing_starts_on_an_invalid_config() {
    let work = tempfile::tempdir().unwrap();
    let library = fixture();
    let file = work.path().join("config.toml");
    std::fs::write(&file, "[theme]\nname = \"light\"\nhighlight = \"yelow\"\n").unwrap();
    for args in [&["index"][..], &["search", "metro"], &["list"], &[]] {
        let (output, _, err) = run(newsdesk(work.path())
            .arg("--config")
            .arg(&file)
            .arg("--library")
            .arg(library.library())
            .args(args));
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            err.trim(),
            format!("newsdesk: {}:3:13: `yelow` is not a colour: use a name (red, light-blue, reset…), \"#rrggbb\" or a number 0–255", file.display())
        );
    }
    assert!(!work.path().join("cache").exists(), "no index was made");
    let missing = work.path().join("missing.toml");
    let (output, _, err) = run(newsdesk(work.path()).arg("--config").arg(&missing).arg("list"));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        err.starts_with(&format!("newsdesk: cannot read the config file {}", missing.display())),
        "{err}"
    );
}

#[test]
fn a_library_by_name_from_the_config() {
    let work = tempfile::tempdir().unwrap();
    let library = fixture();
    let file = work.path().join("config.toml");
    std::fs::write(&file, format!("[libraries]\nnews = {:?}\n", library.library().display().to_string()))
        .unwrap();
    let (output, out, _) =
        run(newsdesk(work.path()).arg("--config").arg(&file).args(["--library-name", "news", "list"]));
    assert!(output.status.success());
    assert_eq!(out.lines().count(), 3, "the named library's three articles:\n{out}");
    let (output, _, err) =
        run(newsdesk(work.path()).arg("--config").arg(&file).args(["--library-name", "work", "list"]));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        err.contains(&format!("no library named `work` (the config {} names: news)", file.display())),
        "{err}"
    );
}

#[test]
fn the_commands_speak_the_locale_or_the_config_language() {
    let work = tempfile::tempdir().unwrap();
    let library = fixture();
    let index = |lang: &str, config: &str| {
        let file = work.path().join("lang.toml");
        std::fs::write(&file, config).unwrap();
        let mut command = newsdesk(work.path());
        command.env("LANG", lang).arg("--library").arg(library.library()).arg("--config").arg(&file);
        run(command.arg("index"))
    };
    let (_, out, err) = index("vi_VN.UTF-8", "");
    assert!(out.contains(": thấy 3 tệp, thêm 3, cập nhật 0"), "{out}");
    assert!(err.contains("đang quét thư viện…"), "{err}");
    let (_, out, _) = index("vi_VN.UTF-8", "language = \"en\"\n");
    assert!(out.contains(": 3 files seen, 0 added"), "{out}");
    // A file that does not read cannot choose the language of its own errors: the locale's.
    let (_, _, err) = index("en_US.UTF-8", "language = \"vi\"\n[layout]\nrelated = 3\n");
    assert!(err.contains(":3:11: `layout.related` takes true or false"), "{err}");
    let (_, _, err) = index("vi_VN.UTF-8", "[layout]\nrelated = 3\n");
    assert!(err.contains(":2:11: `layout.related` cần true hoặc false"), "{err}");
}

#[test]
fn index_writes_plain_progress_lines_when_stderr_is_not_a_terminal() {
    let work = tempfile::tempdir().unwrap();
    let library = fixture();
    let (output, _, err) = run(newsdesk(work.path()).arg("--library").arg(library.library()).arg("index"));
    assert!(output.status.success());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.first(), Some(&"scanning the library…"), "{err}");
    assert!(lines.contains(&"indexing: 3/3 files read"), "{err}");
    assert!(lines.contains(&"saving the index…"), "{err}");
    assert!(!err.contains('\r') && !err.contains('\x1b'), "no bar drawing: {err:?}");
}

#[test]
fn bash_completes_a_subcommand() {
    let work = tempfile::tempdir().unwrap();
    let (_, script, _) = run(newsdesk(work.path()).args(["completions", "bash"]));
    let file = work.path().join("newsdesk.bash");
    std::fs::write(&file, script).unwrap();
    let complete = |line: &str| {
        let words = line.split(' ').collect::<Vec<_>>();
        let script = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _newsdesk newsdesk {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display(),
            line,
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let output = Command::new("bash").args(["--norc", "--noprofile", "-c", &script]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete("newsdesk se"), ["search"]);
    assert_eq!(complete("newsdesk config ch"), ["check"]);
    assert!(complete("newsdesk --lib").contains(&"--library-name".to_string()));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (output, script, _) = run(newsdesk(work.path()).args(["completions", shell]));
        assert!(output.status.success() && script.contains("search"), "{shell}");
    }
}

#[test]
fn the_man_page_renders_without_warnings() {
    if Command::new("man").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "man is required in CI (.ci/run installs man-db)");
        eprintln!("notice: man is not installed; skipping the man page test");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (output, page, _) = run(newsdesk(work.path()).arg("man"));
    assert!(output.status.success() && page.starts_with(".ie"), "roff: {}", &page[..page.len().min(80)]);
    let file = work.path().join("newsdesk.1");
    std::fs::write(&file, &page).unwrap();
    let rendered = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    // man formats bold by overstriking ("N\bN") when it writes to a pipe.
    let overstrike = regex::Regex::new(".\u{8}").unwrap();
    let text = overstrike.replace_all(&String::from_utf8_lossy(&rendered.stdout), "").into_owned();
    assert!(rendered.status.success());
    assert_eq!(String::from_utf8_lossy(&rendered.stderr), "", "man -l warns");
    for shown in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "newsdesk search",
        "newsdesk config check",
        "NEWSDESK_CONFIG",
        "NO_COLOR",
    ] {
        assert!(text.contains(shown), "{shown} is not in the page:\n{text}");
    }
}
