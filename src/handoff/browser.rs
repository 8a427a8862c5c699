//! Which program opens a link, with which arguments. Only a parsed `http:`/`https:` URL ever
//! reaches a browser, as one argument of its own, and never through a shell.

use url::Url;

/// Longer links are refused: no page needs one, and an argv element has a kernel limit.
const MAX_URL_BYTES: usize = 32 * 1024;

/// A link that may be handed to a browser: an absolute `http:` or `https:` URL with a host,
/// normalised by the `url` crate (host lower-cased and IDNA-encoded, path percent-encoded). Its
/// text starts with `http`, so no program can take it for an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(Url);

/// Why a link is not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Another scheme (`javascript`, `file`, `data`…): never handed to a program.
    Scheme(String),
    /// Not an absolute URL (`--gpu-launcher=…`, a relative path, garbage).
    NotAUrl,
    /// Control characters inside: a link that hides part of itself.
    Controls,
    TooLong(usize),
}

impl WebUrl {
    pub fn parse(text: &str) -> Result<WebUrl, Refusal> {
        let text = text.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        if text.len() > MAX_URL_BYTES {
            return Err(Refusal::TooLong(text.len()));
        }
        // The URL standard silently drops tabs and newlines inside a URL ("java\nscript:"):
        // a link that needs that is refused rather than repaired.
        if text.chars().any(char::is_control) {
            return Err(Refusal::Controls);
        }
        let url = Url::parse(text).map_err(|_| Refusal::NotAUrl)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refusal::Scheme(url.scheme().to_string()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(Refusal::NotAUrl);
        }
        Ok(WebUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// Chromium-family browsers: they read `--` as the end of their switches (and are the family
/// `--gpu-launcher=CMD` would abuse). Others are given no `--`: xdg-open rejects it as an
/// unknown option and Firefox skips the argument after it, so the link would not open; a
/// `WebUrl` starts with `http`, so for them it can never be an option anyway.
const END_OF_OPTIONS_PROGRAMS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "chrome",
    "google-chrome",
    "google-chrome-stable",
    "google-chrome-beta",
    "google-chrome-unstable",
    "brave",
    "brave-browser",
    "microsoft-edge",
    "microsoft-edge-stable",
    "vivaldi",
    "vivaldi-stable",
    "opera",
];

/// The commands to try in turn, each an argv, for `$BROWSER` (`browser`) as its convention
/// says: a `:`-separated list of commands; in each, `%s` is replaced by the URL and `%%` by `%`;
/// without `%s` the URL is appended. Words are split on whitespace (no shell, so no quoting).
/// With no `$BROWSER` (or an empty one): `xdg-open URL`.
pub fn browser_commands(url: &WebUrl, browser: Option<&str>) -> Vec<Vec<String>> {
    let commands: Vec<Vec<String>> =
        browser.unwrap_or_default().split(':').filter_map(|entry| command(entry, url.as_str())).collect();
    if commands.is_empty() {
        return vec![vec!["xdg-open".to_string(), url.as_str().to_string()]];
    }
    commands
}

fn command(entry: &str, url: &str) -> Option<Vec<String>> {
    let mut placed = false;
    let mut argv: Vec<String> = entry
        .split_whitespace()
        .map(|word| {
            let (word, has_url) = substitute(word, url);
            placed |= has_url;
            word
        })
        .collect();
    let program = argv.first()?.rsplit('/').next().unwrap_or_default();
    if !placed {
        if END_OF_OPTIONS_PROGRAMS.contains(&program) {
            argv.push("--".to_string());
        }
        argv.push(url.to_string());
    }
    Some(argv)
}

/// `%s` → the URL, `%%` → `%`; any other `%` stays. Returns whether the URL went in.
fn substitute(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut placed = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('%', Some('s')) => {
                chars.next();
                out.push_str(url);
                placed = true;
            }
            ('%', Some('%')) => {
                chars.next();
                out.push('%');
            }
            _ => out.push(c),
        }
    }
    (out, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Refusal {
        WebUrl::parse(text).expect_err(text)
    }

    fn opened(text: &str) -> String {
        WebUrl::parse(text).unwrap_or_else(|why| panic!("{text}: {why:?}")).as_str().to_string()
    }

    #[test]
    fn only_http_and_https_links_are_opened() {
        assert_eq!(refused("--gpu-launcher=xcalc"), Refusal::NotAUrl);
        assert_eq!(refused("-new-tab"), Refusal::NotAUrl);
        assert_eq!(refused("--"), Refusal::NotAUrl);
        assert_eq!(refused("javascript:alert(1)"), Refusal::Scheme("javascript".into()));
        assert_eq!(refused("JavaScript:alert(1)"), Refusal::Scheme("javascript".into()));
        assert_eq!(refused("file:///etc/passwd"), Refusal::Scheme("file".into()));
        assert_eq!(refused("data:text/html,<script>x</script>"), Refusal::Scheme("data".into()));
        assert_eq!(refused("vbscript:msgbox(1)"), Refusal::Scheme("vbscript".into()));
        assert_eq!(refused("ftp://example.com/a"), Refusal::Scheme("ftp".into()));
        assert_eq!(refused("/relative/path"), Refusal::NotAUrl);
        assert_eq!(refused("example.com/page"), Refusal::NotAUrl);
        assert_eq!(refused(""), Refusal::NotAUrl);
        assert_eq!(refused("https://"), Refusal::NotAUrl);
        assert_eq!(opened("https://example.com/a?b=1#c"), "https://example.com/a?b=1#c");
        assert_eq!(opened("HTTP://Example.COM"), "http://example.com/", "normalised");
    }

    #[test]
    fn whitespace_and_control_tricks_are_refused_or_trimmed() {
        assert_eq!(opened("  https://example.com/a \n"), "https://example.com/a", "surrounding space");
        assert_eq!(refused(" \u{0}javascript:alert(1)"), Refusal::Scheme("javascript".into()));
        assert_eq!(refused("java\nscript:alert(1)"), Refusal::Controls);
        assert_eq!(refused("java\tscript:alert(1)"), Refusal::Controls);
        assert_eq!(refused("https://exa\u{1b}[31mmple.com"), Refusal::Controls);
        assert_eq!(refused("https://example.com/\u{85}x"), Refusal::Controls, "a C1 control");
        // A space inside is only text: percent-encoded in the path, refused in the host.
        assert_eq!(opened("https://example.com/a b"), "https://example.com/a%20b");
        assert_eq!(refused("https://exa mple.com/"), Refusal::NotAUrl);
        // The bidi override stays visible as %E2%80%AE; it cannot reorder what the user reads.
        assert_eq!(opened("https://example.com/\u{202e}gpj.exe"), "https://example.com/%E2%80%AEgpj.exe");
        assert_eq!(refused(&format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES))), {
            Refusal::TooLong(MAX_URL_BYTES + "https://example.com/".len())
        });
    }

    #[test]
    fn international_domain_names_go_out_as_punycode() {
        assert_eq!(opened("https://bücher.example/tin"), "https://xn--bcher-kva.example/tin");
        // (Checked against Python's own IDNA codec.)
        assert_eq!(opened("https://báo.việt.vn/"), "https://xn--bo-mia.xn--vit-5kz.vn/");
        // Cyrillic "а" in a Latin-looking name is encoded, not shown as the look-alike.
        assert_eq!(opened("https://ex\u{0430}mple.com/"), "https://xn--exmple-4nf.com/");
        assert_eq!(refused("https://xn--/"), Refusal::NotAUrl, "invalid punycode");
    }

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn the_default_is_xdg_open_with_the_url_alone() {
        let url = WebUrl::parse("https://example.com/a").unwrap();
        let xdg = vec![argv(&["xdg-open", "https://example.com/a"])];
        assert_eq!(browser_commands(&url, None), xdg);
        assert_eq!(browser_commands(&url, Some("")), xdg);
        assert_eq!(browser_commands(&url, Some(" : :")), xdg, "only empty entries");
    }

    #[test]
    fn browser_lists_placeholders_and_end_of_options() {
        let url = WebUrl::parse("https://example.com/a?b=50%25").unwrap();
        let u = url.as_str();
        assert_eq!(browser_commands(&url, Some("firefox")), vec![argv(&["firefox", u])]);
        assert_eq!(
            browser_commands(&url, Some("chromium --incognito")),
            vec![argv(&["chromium", "--incognito", "--", u])],
            "chromium reads -- as the end of its switches"
        );
        assert_eq!(
            browser_commands(&url, Some("/usr/bin/google-chrome-stable")),
            vec![argv(&["/usr/bin/google-chrome-stable", "--", u])]
        );
        assert_eq!(
            browser_commands(&url, Some("w3m -o x=100%% %s:lynx:chromium --app=%s")),
            vec![
                argv(&["w3m", "-o", "x=100%", u]),
                argv(&["lynx", u]),
                argv(&["chromium", &format!("--app={u}")]),
            ],
            "entries in order; %s placed, %% a percent sign; a placed URL gets no --"
        );
        assert_eq!(browser_commands(&url, Some("echo %d %")), vec![argv(&["echo", "%d", "%", u])]);
        // A $BROWSER that looks like shell is not run by a shell: its words are plain arguments.
        assert_eq!(
            browser_commands(&url, Some("sh -c 'touch /tmp/x' %s;rm")),
            vec![argv(&["sh", "-c", "'touch", "/tmp/x'", &format!("{u};rm")])]
        );
    }

    #[test]
    fn no_argument_made_from_a_link_starts_with_a_dash() {
        for hostile in ["--gpu-launcher=xcalc", " -x", "\u{2010}https://a.b", "https://-a.example/-b"] {
            let Ok(url) = WebUrl::parse(hostile) else { continue };
            for command in browser_commands(&url, Some("firefox:chromium:x-www-browser %s")) {
                let last = command.last().unwrap();
                assert!(last.starts_with("http"), "{hostile:?} → {command:?}");
            }
        }
    }
}
