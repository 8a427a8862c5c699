//! The two XML files that say what an EPUB holds: `META-INF/container.xml` (where the package
//! document is) and the package document itself (OPF: the book's Dublin Core metadata, the
//! manifest of its files and the spine, the order its chapters are read in).

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// What the package document says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Package {
    pub title: Option<String>,
    pub creators: Vec<String>,
    pub date: Option<String>,
    /// The chapters, in reading order: the manifest's href (relative to the package document)
    /// of every spine item that is an XHTML or HTML document, and is read in line.
    pub chapters: Vec<String>,
}

/// The package document's path in the zip, from `container.xml`'s first `rootfile`.
pub fn rootfile(container_xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(container_xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(tag) | Event::Empty(tag) if tag.local_name().as_ref() == "rootfile" => {
                if let Some(path) = attribute(&tag, "full-path").filter(|path| !path.is_empty()) {
                    return Some(path);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// One manifest entry.
struct Item {
    id: String,
    href: String,
    media_type: String,
    /// The EPUB 3 navigation document: the book's table of contents, not a chapter.
    nav: bool,
}

/// Reads a package document. Malformed XML ends the reading where it is: what came before
/// stays (a book with no spine has no chapters).
pub fn package(opf: &str) -> Package {
    let mut reader = Reader::from_str(opf);
    let (mut package, mut items, mut spine) = (Package::default(), Vec::new(), Vec::new());
    // The Dublin Core element whose text is being read, and the text so far.
    let mut field: Option<(String, String)> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(tag) if field.is_none() && is_dublin_core(&tag) => {
                field = Some((tag.local_name().as_ref().to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, value)) = field.as_mut() {
                    value.push_str(&text.xml10_content());
                }
            }
            Event::CData(text) => {
                if let Some((_, value)) = field.as_mut() {
                    value.push_str(&text);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some((_, value)) = field.as_mut() {
                    value.push_str(&entity(&reference));
                }
            }
            Event::End(tag) => {
                let closes = field.as_ref().is_some_and(|(name, _)| name == tag.local_name().as_ref());
                if closes {
                    let (name, value) = field.take().unwrap_or_default();
                    keep(&mut package, &name, value.trim());
                }
            }
            Event::Start(tag) | Event::Empty(tag) => match tag.local_name().as_ref() {
                "item" => items.extend(item(&tag)),
                "itemref" if attribute(&tag, "linear").as_deref() != Some("no") => {
                    spine.extend(attribute(&tag, "idref"));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    package.chapters = spine
        .iter()
        .filter_map(|idref| items.iter().find(|item| &item.id == idref))
        .filter(|item| !item.nav && is_document(&item.media_type))
        .map(|item| item.href.clone())
        .collect();
    package
}

fn item(tag: &BytesStart) -> Option<Item> {
    Some(Item {
        id: attribute(tag, "id")?,
        href: attribute(tag, "href")?,
        media_type: attribute(tag, "media-type").unwrap_or_default().to_ascii_lowercase(),
        nav: attribute(tag, "properties").is_some_and(|properties| properties.split(' ').any(|p| p == "nav")),
    })
}

fn is_document(media_type: &str) -> bool {
    matches!(media_type, "application/xhtml+xml" | "text/html" | "application/xml" | "")
}

/// `dc:title`, `dc:creator`, `dc:date`: the metadata a chapter may fall back on.
fn is_dublin_core(tag: &BytesStart) -> bool {
    let name = tag.name();
    let prefixed = name.prefix().is_some_and(|prefix| prefix.as_ref() == "dc");
    prefixed && matches!(tag.local_name().as_ref(), "title" | "creator" | "date")
}

fn keep(package: &mut Package, name: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    match name {
        "title" if package.title.is_none() => package.title = Some(value.to_string()),
        "creator" => package.creators.push(value.to_string()),
        "date" if package.date.is_none() => package.date = Some(value.to_string()),
        _ => {}
    }
}

/// An attribute's value, its escapes resolved.
fn attribute(tag: &BytesStart, name: &str) -> Option<String> {
    let found = tag.attributes().flatten().find(|attribute| attribute.key.local_name().as_ref() == name)?;
    let value = found.normalized_value(quick_xml::XmlVersion::Implicit1_0);
    Some(value.map_or_else(|_| found.value.to_string(), |value| value.into_owned()))
}

/// A character or entity reference in text: `&amp;`, `&#233;`. An unknown one stays as written.
fn entity(reference: &quick_xml::events::BytesRef) -> Cow<'static, str> {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return Cow::Owned(character.to_string());
    }
    let written = format!("&{};", &**reference);
    match quick_xml::escape::unescape(&written) {
        Ok(resolved) => Cow::Owned(resolved.into_owned()),
        Err(_) => Cow::Owned(written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spine_gives_the_chapters_in_order_without_the_table_of_contents() {
        let opf = r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>Tin đã lưu &amp; đọc sau</dc:title>
    <dc:creator>Lan</dc:creator><dc:creator>Minh</dc:creator>
    <dc:date>2024-06-02</dc:date>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="b" href="b%20two.xhtml" media-type="application/xhtml+xml"/>
    <item id="a" href="a.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="p.png" media-type="image/png"/>
    <item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="nav"/><itemref idref="a"/><itemref idref="img"/>
    <itemref idref="b"/><itemref idref="notes" linear="no"/><itemref idref="missing"/></spine>
</package>"#;
        let package = package(opf);
        assert_eq!(package.title.as_deref(), Some("Tin đã lưu & đọc sau"));
        assert_eq!(package.creators, ["Lan", "Minh"]);
        assert_eq!(package.date.as_deref(), Some("2024-06-02"));
        assert_eq!(package.chapters, ["a.xhtml", "b%20two.xhtml"]);
    }

    #[test]
    fn container_xml_names_the_package_document() {
        let xml = r#"<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
            <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
            </rootfiles></container>"#;
        assert_eq!(rootfile(xml).as_deref(), Some("OEBPS/content.opf"));
        assert_eq!(rootfile("<container><rootfiles/></container>"), None);
        assert_eq!(rootfile("<container"), None);
    }
}
