//! A page's metadata: title, author, date, category, tags, canonical URL and site name, from
//! JSON-LD, OpenGraph and `article:` meta, `<title>`, `<h1>`, `<time>`, bylines and the URL.

use super::author::{self, domain_name, squash};
use super::dateline;
use super::json_ld::LinkedData;
use crate::article::{Article, Published};
use crate::parse::dates;
use crate::text::collapse_spaces;
use dom_query::Document;

/// Headings looked at per selector when choosing the headline.
const MAX_HEADINGS: usize = 8;

pub fn meta(document: &Document, name: &str) -> Option<String> {
    let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]");
    document
        .select(&selector)
        .iter()
        .find_map(|m| m.attr("content").map(|c| collapse_spaces(&c)).filter(|c| !c.is_empty()))
}

pub fn meta_all(document: &Document, name: &str) -> Vec<String> {
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
    article.title = title(document, ld, article.source.as_deref(), article.url.as_deref());
    article.published = published(document, ld, &article.title, article.url.as_deref());
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
    article.author =
        author::author(document, ld, &article.title, article.source.as_deref(), article.url.as_deref());
}

/// The headline: the page's own heading (an `<h1>`, in the article first; not
/// in furniture) when it agrees with a headline field (JSON-LD, OpenGraph, `<title>`), else the
/// first of those fields, without the site's name; the `<h1>` alone when there is no field.
fn title(document: &Document, ld: &LinkedData, site: Option<&str>, url: Option<&str>) -> String {
    let names: Vec<String> = site.into_iter().chain(ld.publisher.as_deref()).map(squash).collect();
    let domain = url.and_then(domain_name);
    let fields: Vec<String> = [
        ld.headline.clone(),
        meta(document, "og:title"),
        meta(document, "twitter:title"),
        first_text(document, "head title, title"),
    ]
    .into_iter()
    .flatten()
    .map(|t| strip_site_name(&plain_headline(&t), &names, domain.as_deref()))
    .filter(|t| !t.is_empty())
    .collect();
    // An `<h1>` that carries the site's name as a tail ("Title – Outlet"), as `<title>` does.
    let headings: Vec<String> = visible_headings(document, site)
        .into_iter()
        .map(|heading| if names.is_empty() { heading } else { strip_site_name(&heading, &names, None) })
        .collect();
    let agreeing = headings.iter().find(|heading| fields.iter().any(|field| agree(heading, field)));
    if let Some(heading) = agreeing {
        return cased_like_field(heading, &fields);
    }
    // The page's one `<h1>` of a sentence's length, which no field agrees with, is the headline
    // the reader sees; the fields were rewritten for search and sharing.
    let h1s = document.select("h1");
    let single_h1 = h1s.length() == 1
        && one_text(&h1s)
        && headings.first().is_some_and(|h| *h == decode_entities(&collapse_spaces(&h1s.text())));
    match headings.first() {
        Some(heading) if single_h1 && heading.split_whitespace().count() >= MIN_HEADLINE_WORDS => {
            heading.clone()
        }
        _ => fields.first().or(headings.first()).cloned().unwrap_or_default(),
    }
}

/// A heading written as one text: not a title and a subtitle split by `<br>` or a block.
fn one_text(heading: &dom_query::Selection) -> bool {
    let nodes = heading.nodes();
    let texts =
        nodes.iter().flat_map(|h| h.descendants_it()).filter(|n| n.is_text() && !n.text().trim().is_empty());
    texts.count() == 1
}

/// Words of an `<h1>` that reads as a headline rather than a label.
const MIN_HEADLINE_WORDS: usize = 4;

/// A heading in capitals or in lower case only (the style sheet sets the case) takes the case
/// of the field that has the same words.
fn cased_like_field(heading: &str, fields: &[String]) -> String {
    let one_case =
        |text: &str| !text.chars().any(char::is_lowercase) || !text.chars().any(char::is_uppercase);
    let same = fields.iter().find_map(|field| {
        let head = field.get(..heading.len())?;
        let whole =
            field.len() == heading.len() || !field[heading.len()..].starts_with(char::is_alphanumeric);
        (whole && head.to_lowercase() == heading.to_lowercase()).then(|| head.to_string())
    });
    match same {
        Some(field) if one_case(heading) && !one_case(&field) => field,
        _ => heading.to_string(),
    }
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

/// The page's `<h1>`s (in the article first), not the site's name. Wherever they sit: a page
/// has one `<h1>` or two, and a class that reads as furniture on their wrapper ("ad-container",
/// a theme's "header-widget") names a layout, not a box beside the article; a logo `<h1>` loses
/// to the headline by disagreeing with every field (each choice checked part by part on the
/// tuning pages, left out in turn). Not its `<h2>`s: on a page without an `<h1>` they are
/// sections and teasers more often than the headline.
fn visible_headings(document: &Document, site: Option<&str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for selector in ["article h1, main h1, [role=main] h1", "h1"] {
        for heading in document.select(selector).nodes().iter().take(MAX_HEADINGS) {
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

/// Separators between a headline and the site's name.
const SITE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", ": "];

/// "Title | Outlet" or "Outlet: Title" → "Title" when the outlet is the site's (`names`: its
/// name and publisher, squashed; `domain`: its domain's name); with no name known, a short
/// tail after a separator other than a colon.
pub fn strip_site_name(title: &str, names: &[String], domain: Option<&str>) -> String {
    let is_owner = |part: &str, loose: bool| {
        let part = squash(part);
        let named = names.contains(&part);
        let in_domain = domain.is_some_and(|d| d.len() >= 4 && (d == part || (loose && part.contains(d))));
        !part.is_empty() && (named || in_domain)
    };
    for separator in SITE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let short = separator != ": " && tail.split_whitespace().count() <= 4 && tail.len() < head.len();
            if is_owner(tail, true) || (names.is_empty() && short) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(separator) {
            if is_owner(head, false) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Meta names for the date of publication, after `article:published_time` and JSON-LD
/// (compared without case: `DC.Date`, `dc.date`).
const PUBLISHED_META: &[&str] = &[
    "datePublished",
    "og:published_time",
    "published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "date",
];

/// Elements that carry the date of publication in an attribute.
const PUBLISHED_ELEMENTS: &str =
    "[itemprop=datePublished], time[pubdate], article time[datetime], header time[datetime], time[datetime]";

/// The date shown with the headline, else the first of the page's publication-date fields that
/// reads as a date (a field holding something else does not hide the next one); then the URL;
/// then a date element elsewhere on the page. The field stands over the date shown when that is
/// the same day (the field has the time), the modified date (an update line under the
/// headline) or the field's day and month swapped (a numeric date read the other way round).
fn published(document: &Document, ld: &LinkedData, title: &str, url: Option<&str>) -> Option<Published> {
    let metas = PUBLISHED_META.iter().filter_map(|name| {
        let selector =
            format!("meta[property=\"{name}\" i], meta[name=\"{name}\" i], meta[itemprop=\"{name}\" i]");
        document.select(&selector).iter().find_map(|m| m.attr("content").map(|c| c.to_string()))
    });
    let elements = document.select(PUBLISHED_ELEMENTS);
    let attributes = elements.iter().filter_map(|element| {
        ["datetime", "content", "title"].iter().find_map(|name| element.attr(name).map(|v| v.to_string()))
    });
    let field = meta(document, "article:published_time")
        .into_iter()
        .chain(ld.date_published.clone())
        .chain(metas)
        .chain(attributes)
        .find_map(|field| read_date(&field));
    let shown = dateline::shown_date(document, title);
    let modified = meta(document, "article:modified_time")
        .into_iter()
        .chain(ld.date_modified.clone())
        .find_map(|field| read_date(&field));
    match (field, shown) {
        (Some(field), Some(shown)) => {
            // What the reader sees wins: fields are rewritten by sitemaps and republishing, and
            // are in UTC where the page shows its own zone's day.
            let updated = modified.is_some_and(|m| m.date == shown.date);
            // The same day: the field, with its time and zone.
            let same = field.date == shown.date;
            Some(if same || updated || swapped(field.date, shown.date) { field } else { shown })
        }
        (Some(field), None) => Some(field),
        (None, Some(shown)) => Some(shown),
        (None, None) => url.and_then(date_in_url).or_else(|| dateline::date_element(document)),
    }
}

/// Whether two dates are one numeric date read day-first and month-first ("10/12/2023").
fn swapped(a: chrono::NaiveDate, b: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    a != b && a.year() == b.year() && a.day() == b.month() && a.month() == b.day()
}

/// An ISO date or date-time, one that starts with `YYYY-MM-DD` ("2025-12-17UTC07:30"), or a
/// date written out.
fn read_date(field: &str) -> Option<Published> {
    let field = field.trim();
    Published::parse_iso(field)
        .or_else(|| {
            let day = field.get(..10)?;
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(Published::date)
        })
        .or_else(|| dates::find_date(field).map(|found| found.published))
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

/// A headline field as text: entities decoded, a Markdown heading mark ("## ") or emphasis
/// ("*Title*") some sites leave in their fields taken off.
fn plain_headline(field: &str) -> String {
    let text = decode_entities(field);
    let text = text.trim_start_matches('#').trim();
    let emphasised = text.len() > 2 && text.starts_with('*') && text.matches('*').count() == 2;
    if emphasised {
        text.replacen('*', "", 2)
    } else {
        text.to_string()
    }
}

/// Text that still carries entities (`&amp;`, `&#8211;`) because the page escaped them twice.
pub fn decode_entities(text: &str) -> String {
    if !(text.contains('&') && text.contains(';')) {
        return text.to_string();
    }
    let fragment = Document::from(format!("<p>{}</p>", text.replace('<', "&lt;")));
    let decoded = collapse_spaces(&fragment.select("p").text());
    // Escaped twice over ("&amp;#8230;"): once more.
    if decoded.contains("&#") && decoded.contains(';') {
        let again = Document::from(format!("<p>{}</p>", decoded.replace('<', "&lt;")));
        return collapse_spaces(&again.select("p").text());
    }
    decoded
}

#[cfg(test)]
#[path = "metadata_tests.rs"]
mod tests;
