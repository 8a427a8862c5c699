//! The real binary in a real terminal (tmux) on `sample-articles/`: the panes appear, a search
//! finds an article, a related link opens a saved one, `q` gives the shell back, and SIGTERM /
//! SIGHUP restore the terminal. Screens are polled until a deadline (a timeout, not a timing).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::tmux::{
    assert_restored, child_named, panes_shown, reader_script, sample_library, Tmux, DEADLINE, PROMPT,
};
use newsdesk::index::Index;

/// The first characters of a title, as a pane shows them.
fn start_of(title: &str) -> String {
    title.chars().take(20).collect()
}

/// An article of the sample library with a related link that resolves to a saved article:
/// (its title, the link's position, the saved article's title).
fn article_with_saved_link(index_dir: &Path) -> (String, usize, String) {
    let (index, _) = Index::open(&sample_library(), index_dir).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    let article =
        newsdesk::parse::read_article(&sample_library().join("vi/metro-nhon-ga-ha-noi.txt")).unwrap();
    let related = index.resolve_related(&article);
    let (position, target) = related
        .iter()
        .enumerate()
        .find_map(|(position, link)| link.target.as_ref().map(|target| (position, target.title.clone())))
        .expect("a saved related article");
    (article.title, position, target)
}

#[test]
fn search_related_links_and_quit_in_a_real_terminal() {
    let Some(tmux) = Tmux::start("quit", &["sh", "-i"]) else { return };
    let (title, position, target) = article_with_saved_link(&tmux.work.path().join("probe-index"));
    tmux.wait_for("the shell prompt", |screen| screen.contains(PROMPT));
    let bin = env!("CARGO_BIN_EXE_newsdesk");
    tmux.type_text(&format!("{bin} {}", sample_library().display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("three panes and an indexed library", panes_shown);

    tmux.keys(&["/"]);
    let query = newsdesk::text::fold(&title).replace('"', " ");
    tmux.type_text(&format!("title:\"{query}\""));
    tmux.wait_for("the search results", |screen| {
        screen.contains("┌ Results") && screen.contains(&start_of(&title))
    });
    tmux.keys(&["Enter"]);
    // In the wide layout the article's first line sits right of the list's border.
    tmux.wait_for("the article", |screen| screen.contains(&format!("││{}", start_of(&title))));

    tmux.keys(&["Tab"]);
    for _ in 0..position {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("the saved related article", |screen| screen.contains(&format!("││{}", start_of(&target))));
    tmux.keys(&["BSpace"]);
    tmux.wait_for("back to the first article", |screen| screen.contains(&format!("││{}", start_of(&title))));

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the shell prompt again", |screen| {
        !screen.contains("┌ Library") && screen.lines().filter(|line| line.starts_with(PROMPT)).count() >= 2
    });
    assert!(screen.contains(bin), "the main screen is back with the command line:\n{screen}");
    assert_eq!(tmux.modes().trim(), "0 0 1", "alternate screen off, mouse off, cursor shown");
}

fn signal_restores_the_terminal(signal: &str, exit_code: u8) {
    let Some(tmux) = Tmux::start(signal, &["sh", "-c", &reader_script("")]) else { return };
    tmux.wait_for("three panes", panes_shown);
    let shell: u32 = tmux.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]).trim().parse().unwrap();
    let pid = child_named(shell, "newsdesk").expect("the newsdesk process");
    assert!(Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status().unwrap().success());
    assert_restored(&tmux, exit_code);
    assert!(child_named(shell, "newsdesk").is_none(), "no process left behind");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP", 129);
}

#[test]
fn a_panic_restores_the_terminal_and_its_message_stays_readable() {
    let env = format!("{}=1", newsdesk::tui::PANIC_TEST_VAR);
    let Some(tmux) = Tmux::start("panic", &["sh", "-c", &reader_script(&env)]) else { return };
    // Rust's exit code for a panic is 101.
    let screen = assert_restored(&tmux, 101);
    assert!(screen.contains("a panic after the first frame"), "the message on the main screen:\n{screen}");
}

/// The terminal disappears under the reader (tmux killed, as when an SSH connection drops
/// without a signal reaching the reader): the reader ends instead of spinning on the dead tty.
#[test]
fn a_vanished_terminal_ends_the_reader() {
    let Some(tmux) = Tmux::start("vanish", &["sh", "-c", &reader_script("")]) else { return };
    tmux.wait_for("three panes", panes_shown);
    let shell: u32 = tmux.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]).trim().parse().unwrap();
    let pid = child_named(shell, "newsdesk").expect("the newsdesk process");
    tmux.run(&["kill-server"]);
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.split(") ").nth(1).is_some_and(|rest| rest.starts_with('Z')) {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "the reader is still running after its terminal went away");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The reader under a config that speaks Vietnamese, paints the light theme and moves search
/// to `f` and quit to Ctrl-x: the new keys drive it, the old ones do not.
#[test]
fn a_config_remaps_quit_and_search_in_a_real_terminal() {
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("config.toml");
    let text = "language = \"vi\"\n[theme]\nname = \"light\"\n[keys]\nsearch = \"f\"\nquit = \"ctrl-x\"\n";
    std::fs::write(&config, text).unwrap();
    let env = format!("NEWSDESK_CONFIG={}", config.display());
    let Some(tmux) = Tmux::start("remap", &["sh", "-c", &reader_script(&env)]) else { return };
    let screen = tmux.wait_for("the panes in Vietnamese", |screen| {
        ["┌ Thư viện", "┌ Bài viết", "┌ Liên quan"].iter().all(|pane| screen.contains(pane))
            && screen.contains("chỉ mục")
            && !screen.contains("lập chỉ mục:")
    });
    assert!(
        screen.contains("nhấn f để tìm") && screen.contains("f tìm") && screen.contains("Ctrl-x thoát"),
        "{screen}"
    );
    let coloured = tmux.run(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(coloured.contains("48;2;250;250;250"), "the light theme's background is on screen");

    // q is not quit any more: the keys after it still reach the reader.
    tmux.keys(&["q", "f"]);
    tmux.type_text("metro");
    tmux.wait_for("the results of f", |screen| screen.contains("┌ Kết quả") && screen.contains("/ metro"));
    // Apart: Esc followed at once by a key reads as Alt and that key.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the library again", |screen| screen.contains("┌ Thư viện"));
    tmux.keys(&["C-x"]);
    assert_restored(&tmux, 0);
}
