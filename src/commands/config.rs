//! `newsdesk config path|default|check`: where the config file is, the whole default file
//! (every setting commented out, with its default), and a check that lists every problem.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::app::{action_names, Scope, Settings};
use crate::cli::ConfigAction;
use crate::config::{
    config_path, key_spelling, Config, Role, ThemeSpec, DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT,
};
use crate::shown::shown_path;
use crate::strings::{fill, text, Lang, Strings};

pub fn run(action: ConfigAction, flag: Option<&Path>) -> crate::CommandResult {
    let mut out = std::io::stdout().lock();
    match action {
        ConfigAction::Path => writeln!(out, "{}", shown_path(&config_path(flag).0))?,
        ConfigAction::Default => {
            // The comments speak the language the file would choose (the locale's by default).
            let lang = Config::load(flag).ok().map_or_else(Lang::from_env, |config| config.lang());
            out.write_all(default_file(lang.text()).as_bytes())?;
        }
        ConfigAction::Check => return check(flag, &mut out),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(flag: Option<&Path>, out: &mut impl Write) -> crate::CommandResult {
    let (path, _) = config_path(flag);
    let checked = Config::load(flag).and_then(|config| {
        crate::strings::set_process_language(config.lang());
        Settings::from_config(&config).map(|_| config)
    });
    let t = text();
    match checked {
        Ok(config) if config.file.is_none() => {
            writeln!(out, "{}", fill(t.config_no_file, &[("file", &shown_path(&path))]))?
        }
        Ok(_) => writeln!(out, "{}", fill(t.config_valid, &[("file", &shown_path(&path))]))?,
        Err(err) => {
            say!("{err}");
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `# text` lines of a comment that may span lines.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

fn setting(out: &mut String, doc: &str, line: &str) {
    comment(out, doc);
    let _ = writeln!(out, "# {line}\n");
}

fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// A path as a TOML string, under the home folder written from `~`.
fn quoted_path(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.as_deref().and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) => quoted(&format!("~/{}", rest.display())),
        None => quoted(&path.display().to_string()),
    }
}

/// `words` joined with ", " in lines of at most `width` columns.
fn wrapped(words: &[&str], width: usize) -> String {
    let mut lines = vec![String::new()];
    for word in words {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + word.len() + 2 > width {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        line.push(',');
    }
    let text = lines.join("\n");
    text.strip_suffix(',').unwrap_or(&text).to_string()
}

/// The default config file, commented in `t`'s language. Uncommenting every `# name = value`
/// line gives the defaults again (a test checks it).
pub fn default_file(t: &Strings) -> String {
    let mut out = String::new();
    comment(&mut out, t.doc_header);
    out.push('\n');
    setting(&mut out, t.doc_language, "language = \"auto\"");
    let library = crate::paths::default_library(&Config::default());
    setting(&mut out, t.doc_library, &format!("library = {}", quoted_path(&library)));
    let cache = crate::paths::cache_dir(&Config::default());
    setting(&mut out, t.doc_cache_dir, &format!("cache_dir = {}", quoted_path(&cache)));
    let state = crate::paths::state_dir(&Config::default());
    setting(&mut out, t.doc_state_dir, &format!("state_dir = {}", quoted_path(&state)));
    comment(&mut out, t.doc_open_command);
    out.push_str("# open_command = \"xdg-open\"\n\n");
    setting(&mut out, t.doc_links, "links = \"auto\"");
    setting(&mut out, t.doc_date_format, &format!("date_format = {}", quoted(DEFAULT_DATE_FORMAT)));
    setting(&mut out, t.doc_time_format, &format!("time_format = {}", quoted(DEFAULT_TIME_FORMAT)));

    comment(&mut out, t.doc_libraries);
    out.push_str("[libraries]\n\n");

    comment(&mut out, t.doc_layout);
    out.push_str("[layout]\n");
    let layout = crate::config::LayoutSpec::default();
    setting(&mut out, t.doc_list_width, &format!("list_width = {}", layout.list_width));
    setting(&mut out, t.doc_related_width, &format!("related_width = {}", layout.related_width));
    setting(&mut out, t.doc_related, &format!("related = {}", layout.related));

    comment(&mut out, t.doc_theme);
    out.push_str("[theme]\n");
    setting(&mut out, t.doc_theme_name, &format!("name = {}", quoted(ThemeSpec::default().palette.name())));
    let roles: Vec<&str> = Role::ALL.iter().map(|role| role.name()).collect();
    comment(&mut out, &fill(t.doc_theme_roles, &[("roles", &wrapped(&roles, 96))]));
    out.push('\n');

    comment(&mut out, t.doc_keys);
    out.push_str("[keys]\n");
    let keys = crate::app::KeyMap::default();
    // In the help's order: each action at its most general scope, those first.
    let scope_rank = |scope: Scope| Scope::ALL.iter().position(|known| *known == scope).unwrap_or(0);
    let mut actions: Vec<_> = action_names()
        .into_iter()
        .filter_map(|name| {
            let rows = keys.rows().filter(|(binding, _)| binding.name == name);
            rows.min_by_key(|(binding, _)| scope_rank(binding.scope))
        })
        .collect();
    actions.sort_by_key(|(binding, _)| scope_rank(binding.scope));
    for (binding, bound) in actions {
        let spellings: Vec<String> = bound.iter().map(|key| quoted(&key_spelling(key))).collect();
        let _ = writeln!(out, "# {} = [{}]  # {}", binding.name, spellings.join(", "), (binding.help)(t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::{EN, VI};

    /// The default file with every setting uncommented.
    fn uncommented(file: &str) -> String {
        let setting = regex::Regex::new(r"^# ([a-z_]+ = .*)$").unwrap();
        file.lines()
            .map(|line| setting.captures(line).map_or(line.to_string(), |c| c[1].to_string()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_default_file_read_back_is_the_defaults() {
        for t in [&EN, &VI] {
            let file = default_file(t);
            let empty =
                crate::config::parse(&file, Path::new("/c/config.toml")).expect("the commented file reads");
            assert_eq!(empty.keys, vec![], "every line is commented out");
            let text = uncommented(&file);
            let config = crate::config::parse(&text, Path::new("/c/config.toml"))
                .unwrap_or_else(|err| panic!("{err}\n{text}"));
            assert_eq!(config.language, None);
            assert_eq!(
                (config.links, &config.dates, config.layout),
                (Default::default(), &Default::default(), Default::default())
            );
            assert_eq!(config.theme, ThemeSpec::default());
            let settings = Settings::from_config(&config).unwrap();
            assert_eq!(
                settings.keys,
                crate::app::KeyMap::default(),
                "the [keys] lines are the default table"
            );
            assert_eq!(config.keys.len(), action_names().len());
        }
    }

    #[test]
    fn the_comments_speak_the_language() {
        assert!(default_file(&VI).contains("Ngôn ngữ giao diện"));
        assert!(default_file(&EN).contains("# quit = [\"q\", \"ctrl-c\"]  # quit"));
        assert!(default_file(&VI).contains("# quit = [\"q\", \"ctrl-c\"]  # thoát"));
    }
}
