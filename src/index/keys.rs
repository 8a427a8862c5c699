//! Keys that decide whether a related link and a saved article are the same: a normalised URL
//! and a folded title.

use url::Url;

use crate::text;

/// Query parameters that only track where a click came from.
fn is_tracking_param(name: &str) -> bool {
    name.starts_with("utm_") || matches!(name, "fbclid" | "gclid" | "amp" | "outputtype")
}

/// `text` parsed as a web address (WHATWG, the `url` crate): scheme-less addresses
/// (`//host/x`, `host.tld/x`) read as http; site-relative paths, `mailto:`, `javascript:` and the
/// like are no address of a page.
fn parse_address(text: &str) -> Option<Url> {
    match Url::parse(text) {
        Ok(url) => url.host_str().is_some().then_some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) if text.starts_with("//") => {
            Url::parse(&format!("http:{text}")).ok()
        }
        Err(url::ParseError::RelativeUrlWithoutBase) if !text.starts_with('/') => {
            let url = Url::parse(&format!("http://{text}")).ok()?;
            url.host_str().is_some_and(|host| host.contains('.')).then_some(url)
        }
        Err(_) => None,
    }
}

/// The URL with what does not change the page taken away: scheme, default port, `www.`/`m.`/
/// `amp.` hosts, AMP path forms (`/amp`, `.amp`), a trailing slash, the fragment, tracking
/// parameters. Hosts in their ASCII (IDN) form, paths percent-encoded the one WHATWG way; then
/// lower-cased, the remaining parameters sorted. `None` for what is not a page's address.
pub fn url_key(url: &str) -> Option<String> {
    let parsed = parse_address(url.trim())?;
    let mut host = parsed.host_str()?;
    while let Some(shorter) =
        ["www.", "m.", "amp."].iter().find_map(|prefix| host.strip_prefix(prefix)).filter(|h| h.contains('.'))
    {
        host = shorter;
    }
    let mut key = host.to_string();
    if let Some(port) = parsed.port() {
        key.push_str(&format!(":{port}"));
    }
    let segments = parsed.path_segments().into_iter().flatten();
    for segment in segments.filter(|segment| !segment.is_empty() && *segment != "amp") {
        key.push('/');
        key.push_str(segment.strip_suffix(".amp").unwrap_or(segment));
    }
    let mut params: Vec<&str> = parsed
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|param| !param.is_empty())
        .filter(|param| !is_tracking_param(&param.split('=').next().unwrap_or_default().to_lowercase()))
        .collect();
    params.sort_unstable_by_key(|param| param.to_lowercase());
    if !params.is_empty() {
        key.push('?');
        key.push_str(&params.join("&"));
    }
    Some(key.to_lowercase())
}

/// Case- and accent-folded, punctuation and spaces collapsed: "Hà Nội: mưa to!" → "ha noi mua to".
pub fn title_key(title: &str) -> String {
    let folded = text::fold(&text::clean(title));
    let spaced: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    text::collapse_spaces(&spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_share_one_key() {
        let key = url_key("https://vnexpress.net/the-thao/bai-viet-123.html").unwrap();
        for variant in [
            "http://www.vnexpress.net/the-thao/bai-viet-123.html/",
            "https://m.vnexpress.net/the-thao/bai-viet-123.html#comments",
            "https://vnexpress.net/amp/the-thao/bai-viet-123.html?utm_source=fb&fbclid=x1",
            "HTTPS://VNEXPRESS.NET/the-thao/bai-viet-123.html?gclid=abc",
            "https://amp.vnexpress.net/the-thao/bai-viet-123.html",
        ] {
            assert_eq!(url_key(variant).as_deref(), Some(key.as_str()), "{variant}");
        }
        assert_eq!(url_key("https://www.bbc.co.uk/news/x.amp").unwrap(), "bbc.co.uk/news/x");
    }

    #[test]
    fn meaningful_differences_stay() {
        let key = |url| url_key(url).unwrap();
        assert_ne!(key("https://example.com/a?id=1"), key("https://example.com/a?id=2"));
        assert_ne!(key("https://example.com/a"), key("https://example.org/a"));
        assert_eq!(key("https://example.com/a?b=2&a=1"), key("https://example.com/a?a=1&b=2&utm_medium=x"));
        assert_eq!(url_key("   "), None);
    }

    #[test]
    fn whatwg_parsing_joins_what_is_written_differently() {
        let key = |url| url_key(url).unwrap();
        // IDN hosts in their ASCII form, percent-encoding one way, default ports dropped.
        assert_eq!(key("https://báo.example.vn/tin"), key("https://xn--bo-mia.example.vn/tin"));
        assert_eq!(key("https://example.vn/tin mới"), key("https://example.vn/tin%20m%E1%BB%9Bi"));
        assert_eq!(key("https://example.vn:443/a"), key("http://example.vn:80/a"));
        assert_eq!(key("https://user@example.vn/a"), key("https://example.vn/a"));
        assert_eq!(key("//example.vn/a"), key("https://example.vn/a"));
        assert_eq!(key("example.vn/a/"), key("https://example.vn/a"));
        assert_ne!(
            key("https://example.vn:8080/a"),
            key("https://example.vn/a"),
            "another port, another site"
        );
    }

    #[test]
    fn what_is_not_a_page_address_has_no_key() {
        for not_a_page in [
            "/the-thao/bai-viet.html",
            "mailto:toa-soan@example.vn",
            "javascript:void(0)",
            "bai-viet",
            "http://",
        ] {
            assert_eq!(url_key(not_a_page), None, "{not_a_page}");
        }
    }

    #[test]
    fn title_key_folds_and_collapses() {
        assert_eq!(title_key("  Hà Nội:  MƯA to!! "), "ha noi mua to");
        assert_eq!(title_key("Đà Nẵng — \"lễ hội\""), title_key("da nang lễ hội"));
    }
}
