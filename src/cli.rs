//! Command-line arguments: `newsdesk [DIR]` opens the reader; subcommands script the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "newsdesk", version, about = "Read and search news articles saved on disk", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Library folder to open in the reader (same as --library).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// Where the library and its index are.
#[derive(Debug, Clone, Default, Args)]
pub struct LibraryArgs {
    /// Library folder (default: $NEWSDESK_LIBRARY, else ~/.local/share/newsdesk/articles).
    #[arg(long, value_name = "DIR", global = true)]
    pub library: Option<PathBuf>,
    /// Index folder (default: one per library in the user's cache directory).
    #[arg(long, value_name = "DIR", global = true)]
    pub index_dir: Option<PathBuf>,
    /// Follow symbolic links that lead out of the library (by default they are skipped).
    #[arg(long, global = true)]
    pub follow_links: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the reader (the default when no command is given).
    Read {
        /// Library folder (same as --library).
        dir: Option<PathBuf>,
    },
    /// Print one saved article as parsed.
    Show {
        file: PathBuf,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Every line of a page dump with the class it got and the rule that decided it.
        #[arg(long, conflicts_with = "json")]
        explain: bool,
    },
    /// List every article of the library, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bring the search index up to date.
    Index {
        /// Throw the index away and build it anew.
        #[arg(long)]
        rebuild: bool,
    },
    /// Search the library (ranked; accents optional).
    Search {
        #[arg(long)]
        json: bool,
        /// How many hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Words, "phrases", -excluded, OR, title:/author:/tag:/category:/source:, after:/before:/on: dates.
        #[arg(required = true, allow_hyphen_values = true)]
        query: Vec<String>,
    },
    /// The saved articles most like FILE (its own words, weighed), best first.
    Similar {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// How many to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// An article's related links, resolved to saved articles, and what links to it.
    Links {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
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
            words("hà nội -bão --limit 5 --json --library=/tmp/x"),
            &mut json,
            &mut limit,
            &mut library,
        )
        .unwrap();
        assert_eq!(query, ["hà", "nội", "-bão"]);
        assert!(json);
        assert_eq!(limit, 5);
        assert_eq!(library.library, Some(PathBuf::from("/tmp/x")));
        let err =
            take_trailing_flags(words("x --limit many"), &mut json, &mut limit, &mut library).unwrap_err();
        assert!(err.contains("number"));
    }
}
