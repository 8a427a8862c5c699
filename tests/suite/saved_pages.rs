//! Pages saved by a browser inside a wrapper: MHTML (`.mhtml`, `.mht`) and Safari's
//! `.webarchive`, recognised by their content as well as their name, read through the HTML
//! extraction with the URL and date the wrapper knows.

use std::path::Path;

use newsdesk::article::Format;
use newsdesk::parse::{parse, SkipReason};

use crate::support::library::{hit_names, Library};

/// An MHTML file as Chrome writes it around one HTML part.
fn mhtml(part_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: <Saved by Blink>\r\n\
         Snapshot-Content-Location: https://tin.example.vn/xa-hoi/ben-pha-mo-lai.html\r\n\
         Subject: =?utf-8?Q?B=E1=BA=BFn_ph=C3=A0?=\r\n\
         Date: Wed, 10 Apr 2024 21:05:00 +0700\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--x1\"\r\n\r\n\r\n\
         ------B--x1\r\n{part_headers}\r\n\r\n{body}\r\n------B--x1--\r\n"
    )
    .into_bytes()
}

/// A page without a date or a canonical URL of its own.
const UNDATED_PAGE: &str =
    "<html><head><title>Bến phà An Hòa mở lại sau ba tháng sửa chữa</title></head><body><article>\
    <h1>Bến phà An Hòa mở lại sau ba tháng sửa chữa</h1>\
    <p>Sáng nay, chuyến phà đầu tiên rời bến lúc năm giờ, chở theo hơn bốn mươi xe máy và hai xe tải \
    nhỏ. Người dân hai bên sông nói rằng họ đã phải đi vòng gần hai mươi cây số trong thời gian sửa.</p>\
    <p>Ban quản lý bến cho biết phà sẽ chạy mười lăm phút một chuyến vào giờ cao điểm, và ba mươi \
    phút một chuyến vào các giờ còn lại trong ngày.</p></article></body></html>";

fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for (at, byte) in text.bytes().enumerate() {
        if byte.is_ascii_alphanumeric() || b" <>/.,\"'".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("={byte:02X}"));
        }
        if at % 60 == 59 {
            out.push_str("=\r\n");
        }
    }
    out
}

#[test]
fn an_mhtml_page_gets_its_url_and_saved_date_from_the_headers() {
    let headers = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable";
    let bytes = mhtml(headers, &quoted_printable(UNDATED_PAGE));
    let article = parse(Path::new("ben-pha.mhtml"), &bytes).unwrap();
    assert_eq!(article.format, Format::Mhtml);
    assert_eq!(article.title, "Bến phà An Hòa mở lại sau ba tháng sửa chữa");
    assert_eq!(article.url.as_deref(), Some("https://tin.example.vn/xa-hoi/ben-pha-mo-lai.html"));
    assert_eq!(article.published.map(|p| p.to_iso()).as_deref(), Some("2024-04-10T21:05:00+07:00"));
    assert!(
        article.warnings.iter().any(|w| w.contains("the date MHTML saved the page stands in")),
        "{:?}",
        article.warnings
    );
    assert!(article.body_text().contains("hơn bốn mươi xe máy"), "{}", article.body_text());
}

#[test]
fn a_base64_part_is_decoded_in_its_charset() {
    use base64::Engine;
    let page = "<html><body><article><h1>Caf\u{e9} owners count the cost</h1><p>The caf\u{e9} on the \
        corner has raised its prices twice this year, and its owner says a third rise is likely before \
        the summer, when the price of milk goes up again.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let body = base64::engine::general_purpose::STANDARD.encode(&latin1);
    let headers = "Content-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: base64";
    let article = parse(Path::new("cafe.mht"), &mhtml(headers, &body)).unwrap();
    assert_eq!(article.title, "Café owners count the cost");
    assert!(article.body_text().contains("The café on the corner"));
}

#[test]
fn wrappers_are_recognised_by_content_under_another_name() {
    let headers = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable";
    let bytes = mhtml(headers, &quoted_printable(UNDATED_PAGE));
    for name in ["saved.html", "saved.txt", "saved.mht"] {
        let article = parse(Path::new(name), &bytes).unwrap();
        assert_eq!(article.format, Format::Mhtml, "{name}");
        assert!(!article.body_text().contains("Content-Transfer-Encoding"), "{name}");
    }
    let archive = webarchive(UNDATED_PAGE.as_bytes(), Some("UTF-8"), "https://tin.example.vn/a");
    assert_eq!(parse(Path::new("saved.html"), &archive).unwrap().format, Format::WebArchive);
    // A file named .mhtml that holds plain HTML is read as the HTML it is.
    let article = parse(Path::new("plain.mhtml"), UNDATED_PAGE.as_bytes()).unwrap();
    assert_eq!(article.title, "Bến phà An Hòa mở lại sau ba tháng sửa chữa");
}

fn webarchive(data: &[u8], encoding: Option<&str>, url: &str) -> Vec<u8> {
    use plist::{Dictionary, Value};
    let mut main = Dictionary::new();
    main.insert("WebResourceData".into(), Value::Data(data.to_vec()));
    main.insert("WebResourceMIMEType".into(), Value::String("text/html".into()));
    main.insert("WebResourceURL".into(), Value::String(url.into()));
    if let Some(encoding) = encoding {
        main.insert("WebResourceTextEncodingName".into(), Value::String(encoding.into()));
    }
    let mut archive = Dictionary::new();
    archive.insert("WebMainResource".into(), Value::Dictionary(main));
    let mut bytes = Vec::new();
    Value::Dictionary(archive).to_writer_binary(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_web_archive_is_read_in_its_encoding_with_its_url() {
    let page = "<html><body><article><h1>Na\u{ef}ve plans for the pier</h1><p>The council's first \
        drawings for the pier were called na\u{ef}ve by the engineers who surveyed it last winter, and \
        the plans have been drawn again with a shorter deck.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let bytes = webarchive(&latin1, Some("windows-1252"), "https://news.example.com/pier?utm_medium=x");
    let article = parse(Path::new("pier.webarchive"), &bytes).unwrap();
    assert_eq!(article.format, Format::WebArchive);
    assert_eq!(article.title, "Naïve plans for the pier");
    assert_eq!(article.url.as_deref(), Some("https://news.example.com/pier?utm_medium=x"));
    assert_eq!(article.published, None);
}

#[test]
fn broken_wrappers_are_skipped_with_a_reason() {
    let not_a_plist = parse(Path::new("x.webarchive"), b"bplist00 WebMainResource garbage");
    assert!(
        matches!(&not_a_plist, Err(SkipReason::Invalid(why)) if why.contains("web archive")),
        "{not_a_plist:?}"
    );
    let no_html = mhtml("Content-Type: image/png\r\nContent-Transfer-Encoding: base64", "iVBORw0KGgo=");
    let skipped = parse(Path::new("x.mhtml"), &no_html);
    assert!(matches!(&skipped, Err(SkipReason::Invalid(why)) if why.contains("HTML part")), "{skipped:?}");
    let image = webarchive(b"\x89PNG", None, "https://e.com/a.png");
    let image = String::from_utf8_lossy(&image).replace("text/html", "image/png");
    assert!(parse(Path::new("x.webarchive"), image.as_bytes()).is_err());
}

#[test]
fn the_sample_wrappers_are_listed_and_searchable() {
    let library = Library::new();
    for name in ["cho-noi-cai-rang-hop-som.mhtml", "island-ferry-early-sailing.webarchive"] {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles/saved").join(name);
        std::fs::copy(sample, library.path(name)).unwrap();
    }
    let index = library.indexed();
    assert_eq!(index.len(), 2);
    assert_eq!(hit_names(&index, "cho noi cai rang"), ["cho-noi-cai-rang-hop-som.mhtml"]);
    assert_eq!(hit_names(&index, "ferry commuters"), ["island-ferry-early-sailing.webarchive"]);
}
