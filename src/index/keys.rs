//! Keys that decide whether a related link and a saved article are the same: a normalised URL
//! and a folded title.

use crate::text;

/// Query parameters that only track where a click came from.
fn is_tracking_param(name: &str) -> bool {
    name.starts_with("utm_") || matches!(name, "fbclid" | "gclid" | "amp" | "outputtype")
}

/// The URL with what does not change the page taken away: scheme, `www.`/`m.`/`amp.` hosts,
/// AMP path forms (`/amp`, `.amp`), a trailing slash, the fragment, tracking parameters.
/// Lower-cased; the remaining parameters sorted. `None` for an empty URL.
pub fn url_key(url: &str) -> Option<String> {
    let url = url.trim().to_lowercase();
    let url = url.split('#').next().unwrap_or_default();
    let rest = match url.find("://") {
        Some(at) => &url[at + 3..],
        None => url.trim_start_matches("//"),
    };
    let (location, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = location.split_once('/').unwrap_or((location, ""));
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(host);
    let mut host = host;
    while let Some(shorter) =
        ["www.", "m.", "amp."].iter().find_map(|prefix| host.strip_prefix(prefix)).filter(|h| h.contains('.'))
    {
        host = shorter;
    }
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty() && *segment != "amp")
        .map(|segment| segment.strip_suffix(".amp").unwrap_or(segment))
        .collect();
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|param| !param.is_empty())
        .filter(|param| !is_tracking_param(param.split('=').next().unwrap_or_default()))
        .collect();
    params.sort_unstable();
    if host.is_empty() {
        return None;
    }
    let mut key = host.to_string();
    for segment in segments {
        key.push('/');
        key.push_str(segment);
    }
    if !params.is_empty() {
        key.push('?');
        key.push_str(&params.join("&"));
    }
    Some(key)
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
    fn title_key_folds_and_collapses() {
        assert_eq!(title_key("  Hà Nội:  MƯA to!! "), "ha noi mua to");
        assert_eq!(title_key("Đà Nẵng — \"lễ hội\""), title_key("da nang lễ hội"));
    }
}
