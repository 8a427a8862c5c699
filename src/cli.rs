//! Command-line arguments: `newsdesk [DIR]` opens the reader; subcommands script the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// `newsdesk --version`: the package version and the git commit it was built from (see build.rs).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("NEWSDESK_COMMIT"), ")");

#[derive(Debug, Parser)]
#[command(name = "newsdesk", version = VERSION, about = "Read and search news articles saved on disk", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Library folder to open in the reader (same as --library).
    #[arg(value_name = "DIR", conflicts_with = "library_name")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Config file (default: $NEWSDESK_CONFIG, else config.toml in the user's config directory).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

/// Where the library and its index are.
#[derive(Debug, Clone, Default, Args)]
pub struct LibraryArgs {
    /// Library folder (default: $NEWSDESK_LIBRARY, else the config's library, else
    /// ~/.local/share/newsdesk/articles).
    #[arg(long, value_name = "DIR", global = true)]
    pub library: Option<PathBuf>,
    /// A library named in the config's [libraries].
    #[arg(long, value_name = "NAME", global = true, conflicts_with = "library")]
    pub library_name: Option<String>,
    /// Index folder (default: one per library in the user's cache directory).
    #[arg(long, value_name = "DIR", global = true)]
    pub index_dir: Option<PathBuf>,
    /// Follow symbolic links that lead out of the library (by default they are skipped).
    #[arg(long, global = true)]
    pub follow_links: bool,
    /// Before answering, look at every file for changes, not only in the folders whose time
    /// changed (a file edited in place keeps its folder's time).
    #[arg(long, global = true)]
    pub refresh: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the reader (the default when no command is given).
    Read {
        /// Library folder (same as --library).
        #[arg(conflicts_with = "library_name")]
        dir: Option<PathBuf>,
    },
    /// Print one saved article as parsed.
    Show {
        /// A saved article (page dump, text, Markdown, HTML or JSON).
        file: PathBuf,
        /// The article inside a file of many (a WARC record id, as `list` shows it).
        #[arg(long)]
        member: Option<String>,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Every line of a page dump with the class it got and the rule that decided it.
        #[arg(long, conflicts_with = "json")]
        explain: bool,
    },
    /// List every article of the library, newest first.
    List {
        /// One JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Bring the search index up to date: the files in the folders whose time changed (a file
    /// edited in place keeps its folder's time: `--refresh` looks at every file).
    Index {
        /// Throw the index away and build it anew.
        #[arg(long)]
        rebuild: bool,
        /// Check every file of the index against its checksum first.
        #[arg(long)]
        verify: bool,
        /// Then follow the library: each change saved is brought into the index within a second.
        #[arg(long)]
        watch: bool,
    },
    /// Search the library (ranked; accents optional).
    Search {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// How many hits to print.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Words, "phrases", -excluded, OR, title:/author:/tag:/category:/source:, after:/before:/on: dates.
        #[arg(required = true, allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// The saved articles most like FILE (its own words, weighed), best first.
    Similar {
        /// A saved article.
        file: PathBuf,
        /// The article inside a file of many (a WARC record id, as `list` shows it).
        #[arg(long)]
        member: Option<String>,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How many to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// An article's related links, resolved to saved articles, and what links to it.
    Links {
        /// A saved article.
        file: PathBuf,
        /// The article inside a file of many (a WARC record id, as `list` shows it).
        #[arg(long)]
        member: Option<String>,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every highlight and note you made, newest first, grouped by article.
    Highlights {
        /// One JSON array instead of text.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Markdown: a heading per article, each passage quoted, its note below.
        #[arg(long)]
        markdown: bool,
        /// Only highlights whose passage, note or article title holds these words (accents optional).
        #[arg(allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// One article with your highlights (==marked==), notes and tags, for a notes folder.
    Export {
        /// A saved article.
        file: PathBuf,
        /// The article inside a file of many (a WARC record id, as `list` shows it).
        #[arg(long)]
        member: Option<String>,
        /// Markdown with front matter (the default).
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// One JSON object: the article and what you added to it.
        #[arg(long)]
        json: bool,
    },
    /// The config file: where it is, the defaults, or a check of it.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `newsdesk man | man -l -`).
    Man,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigAction {
    /// Print where the config file is looked for.
    Path,
    /// Print the whole default config file, every setting commented out.
    Default,
    /// Read the config file and report every problem in it.
    Check,
}

/// The query of `search` takes words starting with `-` (exclusions), so clap hands over any
/// flag typed after it as a query word: `newsdesk search hà nội --limit 5`. Takes them back.
pub fn take_trailing_flags(
    words: Vec<String>,
    json: &mut bool,
    limit: &mut usize,
    library: &mut LibraryArgs,
) -> Result<Vec<String>, String> {
    let mut query = Vec::new();
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (word.clone(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| words.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--json" if inline.is_none() => *json = true,
            "--refresh" if inline.is_none() => library.refresh = true,
            "--limit" => {
                let text = value("--limit")?;
                *limit = text.parse().map_err(|_| format!("--limit takes a number, not {text:?}"))?;
            }
            "--library" => library.library = Some(PathBuf::from(value("--library")?)),
            "--index-dir" => library.index_dir = Some(PathBuf::from(value("--index-dir")?)),
            "--" => {}
            _ => query.push(word),
        }
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn flags_after_the_query_are_flags() {
        let (mut json, mut limit, mut library) = (false, 20, LibraryArgs::default());
        let query = take_trailing_flags(
            words("hà nội -bão --limit 5 --json --refresh --library=/tmp/x"),
            &mut json,
            &mut limit,
            &mut library,
        )
        .unwrap();
        assert_eq!(query, ["hà", "nội", "-bão"]);
        assert!(json);
        assert_eq!(limit, 5);
        assert!(library.refresh);
        assert_eq!(library.library, Some(PathBuf::from("/tmp/x")));
        let err =
            take_trailing_flags(words("x --limit many"), &mut json, &mut limit, &mut library).unwrap_err();
        assert!(err.contains("number"));
    }
}
