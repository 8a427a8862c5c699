//! A page's metadata: title, author, date, category, tags, canonical URL and site name, from
//! JSON-LD, OpenGraph and `article:` meta, `<title>`, `<h1>`, `<time>`, bylines and the URL.

use super::furniture::is_furniture;
use super::json_ld::LinkedData;
use crate::article::{Article, Published};
use crate::parse::dates;
use crate::text::collapse_spaces;
use dom_query::Document;

/// How far up a headline is checked for furniture (a logo `<h1>` in the site's header).
const MAX_ANCESTORS: usize = 64;
/// Headings looked at per selector when choosing the headline.
const MAX_HEADINGS: usize = 8;

const AUTHOR_SELECTOR: &str =
    "[rel=author], .author-name, .byline__name, [itemprop=author] [itemprop=name], \
    [itemprop=author], .author, .byline";

pub fn meta(document: &Document, name: &str) -> Option<String> {
    let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]");
    document
        .select(&selector)
        .iter()
        .find_map(|m| m.attr("content").map(|c| collapse_spaces(&c)).filter(|c| !c.is_empty()))
}

fn meta_all(document: &Document, name: &str) -> Vec<String> {
    let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
    document
        .select(&selector)
        .iter()
        .filter_map(|m| m.attr("content").map(|c| collapse_spaces(&c)))
        .filter(|c| !c.is_empty())
        .collect()
}

pub fn first_text(document: &Document, selector: &str) -> Option<String> {
    document.select(selector).iter().map(|s| collapse_spaces(&s.text())).find(|t| !t.is_empty())
}

pub fn read(document: &Document, ld: &LinkedData, article: &mut Article) {
    article.source = meta(document, "og:site_name").or_else(|| ld.publisher.clone());
    article.url = document
        .select("link[rel=canonical]")
        .iter()
        .find_map(|link| link.attr("href").map(|h| h.trim().to_string()).filter(|h| h.contains("://")))
        .or_else(|| meta(document, "og:url"))
        .or_else(|| ld.url.clone());
    article.title = title(document, ld, article.source.as_deref());
    article.published = published(document, ld, article.url.as_deref());
    article.category = meta(document, "article:section")
        .or_else(|| ld.section.clone())
        .or_else(|| meta(document, "parsely-section"))
        .or_else(|| first_text(document, ".section-label, [itemprop=articleSection]"))
        .or_else(|| {
            let crumbs = document.select(".breadcrumb a, .breadcrumbs a, [class*=breadcrumb] a");
            crumbs.iter().last().map(|a| collapse_spaces(&a.text())).filter(|t| !t.is_empty())
        });
    article.tags = meta_all(document, "article:tag");
    if article.tags.is_empty() {
        article.tags = meta(document, "parsely-tags").map(|k| split_list(&k)).unwrap_or_default();
    }
    if article.tags.is_empty() {
        article.tags = if ld.keywords.is_empty() {
            meta(document, "keywords").map(|k| split_list(&k)).unwrap_or_default()
        } else {
            ld.keywords.clone()
        };
    }
    article.author = author(document, ld);
}

/// The headline: the page's own heading (an `<h1>`, else an `<h2>`; in the article first; not
/// in furniture) when it agrees with a headline field (JSON-LD, OpenGraph, `<title>`), else the
/// first of those fields, without the site's name; the `<h1>` alone when there is no field.
fn title(document: &Document, ld: &LinkedData, site: Option<&str>) -> String {
    let fields: Vec<String> =
        [ld.headline.clone(), meta(document, "og:title"), first_text(document, "head title, title")]
            .into_iter()
            .flatten()
            .map(|t| strip_site_name(&decode_entities(&t), site))
            .collect();
    let headings = visible_headings(document, site);
    let agreeing = headings.iter().find(|heading| fields.iter().any(|field| agree(heading, field)));
    agreeing.or(fields.first()).or(headings.first()).cloned().unwrap_or_default()
}

/// Whether two headlines share most of their words (a page's `<h1>` and its `og:title` with a
/// tail, say).
fn agree(heading: &str, field: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(heading), words(field));
    let shared = a.intersection(&b).count();
    !a.is_empty() && shared * 2 >= a.len().max(b.len()).min(a.len() * 2)
}

/// The page's `<h1>`s, then `<h2>`s (in the article first), not in furniture, not the site's name.
fn visible_headings(document: &Document, site: Option<&str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for selector in ["article h1, main h1, [role=main] h1", "h1", "article h2, main h2", "h2"] {
        for heading in document.select(selector).nodes().iter().take(MAX_HEADINGS) {
            if heading.ancestors_it(Some(MAX_ANCESTORS)).any(|a| a.is_element() && is_furniture(&a)) {
                continue;
            }
            let text = decode_entities(&collapse_spaces(&heading.text()));
            let words = text.split_whitespace().count();
            let is_site = site.is_some_and(|site| site.eq_ignore_ascii_case(&text));
            if (1..=40).contains(&words) && !is_site && !found.contains(&text) {
                found.push(text);
            }
        }
    }
    found
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// "Title | Outlet" → "Title" when the outlet is the site's name (or, without one, any tail
/// shorter than the head).
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let tail = tail.trim();
            let is_site = match site {
                Some(site) => tail.eq_ignore_ascii_case(site.trim()),
                None => tail.split_whitespace().count() <= 4 && tail.len() < head.len(),
            };
            if is_site {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Meta names for the date of publication, besides `article:published_time`.
const PUBLISHED_META: &[&str] = &[
    "datePublished",
    "og:published_time",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "dc.date.issued",
    "DC.date.issued",
    "dcterms.created",
    "dc.date",
    "DC.date",
    "date",
];

fn published(document: &Document, ld: &LinkedData, url: Option<&str>) -> Option<Published> {
    let from_meta = || {
        PUBLISHED_META.iter().find_map(|name| meta(document, name)).or_else(|| {
            document
                .select("[itemprop=datePublished], time[pubdate], article time[datetime], time[datetime]")
                .iter()
                .find_map(|t| t.attr("datetime").or_else(|| t.attr("content")).map(|d| d.to_string()))
        })
    };
    let from_fields =
        meta(document, "article:published_time").or_else(|| ld.date_published.clone()).or_else(from_meta);
    from_fields
        .and_then(|date| Published::parse_iso(&date).or_else(|| dates::find_date(&date).map(|f| f.published)))
        .or_else(|| date_near_headline(document))
        .or_else(|| url.and_then(date_in_url))
}

/// A date written just after the `<h1>` (a dateline "June 12, 2025 · 5 min read"): the next
/// few elements after it, and after its parents, each read up to a line's length.
fn date_near_headline(document: &Document) -> Option<Published> {
    let h1 = document.select("h1").nodes().first().cloned()?;
    let mut level = Some(h1);
    for _ in 0..3 {
        let node = level?;
        let mut sibling = node.next_sibling();
        for _ in 0..6 {
            let Some(current) = sibling else { break };
            let text = current.text();
            let head: String = text.chars().take(200).collect();
            if let Some(found) = dates::find_date(&head) {
                return Some(Published::date(found.published.date));
            }
            sibling = current.next_sibling();
        }
        level = node.parent();
    }
    None
}

/// `/2023/05/17/` in a URL.
fn date_in_url(url: &str) -> Option<Published> {
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let (year, month, day) = (w[0].parse::<i32>().ok()?, w[1].parse::<u32>().ok()?, w[2].get(..2)?);
        let day = day.parse::<u32>().ok()?;
        (1990..=2100).contains(&year).then_some(())?;
        chrono::NaiveDate::from_ymd_opt(year, month, day).map(Published::date)
    })
}

fn author(document: &Document, ld: &LinkedData) -> Option<String> {
    let meta_authors = || -> Vec<String> {
        meta_all(document, "article:author").into_iter().filter(|a| !a.contains("://")).collect()
    };
    let candidates = [
        ld.authors.clone(),
        meta_authors(),
        meta(document, "author").into_iter().collect(),
        meta(document, "parsely-author").into_iter().collect(),
        document.select(AUTHOR_SELECTOR).iter().map(|s| collapse_spaces(&s.text())).take(8).collect(),
    ];
    candidates.into_iter().find_map(|names| {
        let mut names: Vec<String> = names
            .iter()
            .flat_map(|n| n.split(" and ").map(str::to_string).collect::<Vec<_>>())
            .filter_map(|n| clean_author(&n))
            .collect();
        names.dedup();
        (!names.is_empty()).then(|| names.join(", "))
    })
}

/// A byline as a name: "By Jane Doe - June 12, 2025" → "Jane Doe"; `None` for what is not a
/// name (markup, a URL, a login, a form label).
pub fn clean_author(raw: &str) -> Option<String> {
    let mut name = decode_entities(&collapse_spaces(raw));
    for prefix in ["written by", "posted by", "author:", "by:", "by ", "bởi ", "tác giả:", "author "] {
        if name.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)) {
            name = name[prefix.len()..].trim().to_string();
        }
    }
    // "BySummer Swann": "By" run into the name.
    if let Some(rest) = name.strip_prefix("By").filter(|r| r.starts_with(char::is_uppercase)) {
        name = rest.to_string();
    }
    // What follows the name on a byline: a date, a separator, a role after "|".
    for separator in [" | ", " • ", " · ", " on ", " - ", "- ", " – "] {
        if let Some((head, _)) = name.split_once(separator) {
            name = head.trim().to_string();
        }
    }
    if let Some(found) = dates::find_date(&name) {
        name = found.before;
    }
    // "Hattie Grove, community reporter": a role in lower case after the name.
    if let Some((head, role)) = name.split_once(", ") {
        if role.starts_with(char::is_lowercase) {
            name = head.to_string();
        }
    }
    let name =
        name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ':' | '|')).to_string();
    let words = name.split_whitespace().count();
    let looks_like_name = (1..=8).contains(&words)
        && name.len() <= 80
        && name.chars().any(char::is_uppercase)
        && !name.contains(['{', '}', '<', '>', '*', '@', '/', '='])
        && !name.eq_ignore_ascii_case("author")
        && !name.eq_ignore_ascii_case("undefined");
    looks_like_name.then_some(name)
}

/// Text that still carries entities (`&amp;`, `&#8211;`) because the page escaped them twice.
pub fn decode_entities(text: &str) -> String {
    if !(text.contains('&') && text.contains(';')) {
        return text.to_string();
    }
    let fragment = Document::from(format!("<p>{}</p>", text.replace('<', "&lt;")));
    collapse_spaces(&fragment.select("p").text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_site_name_from_titles() {
        assert_eq!(strip_site_name("Tin mới | Báo A", Some("Báo A")), "Tin mới");
        assert_eq!(strip_site_name("A - B", Some("C")), "A - B");
    }

    #[test]
    fn bylines_become_names() {
        assert_eq!(clean_author("By Jane Doe - June 12, 2025").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_author("BySummer Swann").as_deref(), Some("Summer Swann"));
        assert_eq!(clean_author("Hlín Eyjólfsdóttir").as_deref(), Some("Hlín Eyjólfsdóttir"));
        assert_eq!(clean_author("Maria &amp; Katerina").as_deref(), Some("Maria & Katerina"));
        assert_eq!(clean_author("brandon-peaktwo"), None);
        assert_eq!(clean_author("https://example.com/user/a"), None);
        assert_eq!(clean_author(".css-1{margin:0} Trevor"), None);
    }

    #[test]
    fn finds_dates_in_urls() {
        assert_eq!(
            date_in_url("https://x.example/2023/05/17/story").map(|p| p.to_iso()).as_deref(),
            Some("2023-05-17")
        );
        assert_eq!(date_in_url("https://x.example/a/1234/99/17/"), None);
    }
}
