use super::*;
use crate::config::{Key, Palette, Role, ThemeSpec};
use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const FILE: &str = "/home/lan/.config/newsdesk/config.toml";

fn read(text: &str) -> Config {
    parse(text, Path::new(FILE)).unwrap_or_else(|err| panic!("{err}"))
}

/// The one problem of `text`, as printed.
fn problem(text: &str) -> String {
    let err = parse(text, Path::new(FILE)).expect_err("an invalid config");
    assert_eq!(err.problems.len(), 1, "{err}");
    err.to_string()
}

#[test]
fn an_empty_file_is_the_defaults_and_one_line_changes_one_thing() {
    let empty = read("");
    assert_eq!(empty, Config { file: Some(FILE.into()), ..Config::default() });
    let one = read("links = \"never\"\n");
    assert_eq!(one, Config { links: LinksMode::Never, ..empty.clone() });
    let theme = read("[theme]\nname = \"light\"\n");
    assert_eq!(
        theme,
        Config { theme: ThemeSpec { palette: Palette::Light, ..ThemeSpec::default() }, ..empty }
    );
}

#[test]
fn every_setting_is_read() {
    let config = read(
        r##"
language = "vi"
library = "~/tin/bai-bao"
cache_dir = "cache"
state_dir = "/var/tmp/nd-state"
open_command = "firefox --new-tab"
links = "always"
date_format = "%d/%m/%Y"
time_format = ""

[libraries]
work = "/srv/work-news"

[layout]
list_width = 35
related_width = 20
related = false

[theme]
name = "high-contrast"
highlight = { fg = "black", bg = "#ffcc00", bold = true, underline = false }
link = "light-blue"

[keys]
quit = ["Q", "ctrl-q"]
search = "f"
"##,
    );
    let home = std::env::var("HOME").unwrap();
    assert_eq!(config.language, Some(Lang::Vi));
    assert_eq!(config.library, Some(PathBuf::from(home).join("tin/bai-bao")));
    assert_eq!(
        config.cache_dir,
        Some(PathBuf::from("/home/lan/.config/newsdesk/cache")),
        "relative to the file"
    );
    assert_eq!(config.state_dir, Some(PathBuf::from("/var/tmp/nd-state")));
    assert_eq!(config.open_command.as_deref(), Some("firefox --new-tab"));
    assert_eq!(config.links, LinksMode::Always);
    assert_eq!((config.dates.date.as_str(), config.dates.time.as_str()), ("%d/%m/%Y", ""));
    assert_eq!(config.libraries, vec![("work".to_string(), PathBuf::from("/srv/work-news"))]);
    assert_eq!(
        config.layout,
        crate::config::LayoutSpec { list_width: 35, related_width: 20, related: false }
    );
    assert_eq!(config.theme.palette, Palette::HighContrast);
    let highlight = config.theme.overrides.iter().find(|(role, _)| *role == Role::Highlight).unwrap().1;
    assert_eq!((highlight.fg, highlight.bg), (Some(Color::Black), Some(Color::Rgb(0xff, 0xcc, 0))));
    assert!(
        highlight.add_modifier.contains(Modifier::BOLD)
            && highlight.sub_modifier.contains(Modifier::UNDERLINED)
    );
    let quit = config.keys.iter().find(|setting| setting.action == "quit").unwrap();
    assert_eq!(quit.keys.iter().map(|(key, _)| *key).collect::<Vec<_>>(), [Key::ch('Q'), Key::ctrl('q')]);
    assert_eq!(quit.at, Position { line: 25, column: 1 });
    let search = config.keys.iter().find(|setting| setting.action == "search").unwrap();
    assert_eq!(search.keys[0], (Key::plain(KeyCode::Char('f')), Position { line: 26, column: 10 }));
}

#[test]
fn bad_toml_names_the_file_the_line_and_the_column() {
    let message = problem("links = \"auto\"\n[theme\nname = \"dark\"\n");
    assert!(message.starts_with(&format!("{FILE}:2:")), "{message}");
    assert!(message.contains("not valid TOML"), "{message}");
    let twice = problem("links = \"auto\"\nlinks = \"never\"\n");
    assert!(twice.starts_with(&format!("{FILE}:2:1: not valid TOML")), "{twice}");
}

#[test]
fn each_mistake_says_what_is_wrong_where() {
    let cases: &[(&str, &str)] = &[
        ("\n\ncolour = \"red\"\n", "3:1: unknown setting `colour` (known here: language, library,"),
        ("[layout]\nlist_witdh = 30\n", "2:1: unknown setting `list_witdh` (known here: list_width, related_width, related)"),
        ("[layout]\nlist_width = \"wide\"\n", "2:14: `layout.list_width` takes a whole number"),
        ("[layout]\nlist_width = 90\n", "2:14: `layout.list_width` is 90; it takes 10 to 45"),
        ("[layout]\nrelated = \"yes\"\n", "2:11: `layout.related` takes true or false"),
        ("links = \"sometimes\"\n", "1:9: `links` is \"sometimes\"; it takes one of \"auto\", \"always\", \"never\""),
        ("language = \"fr\"\n", "1:12: `language` is \"fr\"; it takes one of \"auto\", \"vi\", \"en\""),
        ("library = \"\"\n", "1:11: `library` is an empty path"),
        ("layout = 3\n", "1:10: `layout` takes a table"),
        ("date_format = \"%Y-%m-%d %H:%M\"\n", "1:15: `date_format` cannot be used (a field this value does not have"),
        ("time_format = \"%Q\"\n", "1:15: `time_format` cannot be used (an unknown %-field)"),
        ("[theme]\nname = \"solarized\"\n", "2:8: `theme.name` is \"solarized\"; it takes one of \"default\", \"dark\", \"light\", \"high-contrast\""),
        ("[theme]\nhighlight = \"yellowish\"\n", "2:13: `yellowish` is not a colour: use a name (red, light-blue, reset…), \"#rrggbb\" or a number 0–255"),
        ("[theme]\nhighlight = { fg = \"#12345\" }\n", "2:20: `#12345` is not a colour"),
        ("[theme]\nhighlight = { blink = true }\n", "2:15: unknown setting `blink` (known here: fg, bg, bold, italic, underline, reverse, dim)"),
        ("[theme]\nsidebar = \"red\"\n", "2:1: unknown setting `sidebar` (known here: name, base, border,"),
        ("[keys]\nquit = \"g g x\"\n", "2:8: `g g x` is not a key: a key sequence is at most two keys"),
        ("[keys]\nquit = \"] foo\"\n", "2:8: `] foo` is not a key: unknown key name `foo`"),
        ("[keys]\nquit = [\"q\", \"ctrl-qq\"]\n", "2:14: `ctrl-qq` is not a key: unknown key name `qq`"),
        ("[keys]\nquit = 7\n", "2:8: `keys.quit` takes a key or a list of keys"),
    ];
    for (text, expected) in cases {
        let message = problem(text);
        let expected = format!("{FILE}:{expected}");
        assert!(message.starts_with(&expected), "{text:?}\n  said: {message}\nwanted: {expected}");
    }
}

#[test]
fn every_problem_is_listed_in_the_order_of_the_file() {
    let err = parse("[theme]\nname = \"x\"\n[layout]\nrelated = 1\n", Path::new(FILE)).unwrap_err();
    let lines: Vec<usize> = err.problems.iter().map(|problem| problem.at.unwrap().line).collect();
    assert_eq!(lines, [2, 4]);
    assert_eq!(err.to_string().lines().count(), 2);
}

#[test]
fn a_name_quoted_from_the_file_cannot_reach_the_terminal_raw() {
    let message = problem("\"col\\u001b]0;x\\u0007our\\nX\" = 1\n");
    assert!(message.contains("col\\u{1b}]0;x\\u{7}our\\u{a}X"), "{message}");
    assert!(!message.chars().any(|c| c.is_control()), "{message:?}");
}
