//! EPUB books written by the tests: a package document, its spine and chapters,
//! and zips built to be hostile.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip of `entries` (name, bytes, stored or deflated), in that order.
pub fn zip_of(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, method) in entries {
        writer.start_file(*name, SimpleFileOptions::default().compression_method(*method)).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// An EPUB: `mimetype` first and stored, `container.xml`, a package document at
/// `OEBPS/book.opf` with `metadata` (Dublin Core elements) whose spine lists `chapters`
/// (href, XHTML) in order.
pub fn book(metadata: &str, chapters: &[(&str, &str)]) -> Vec<u8> {
    let items: String = chapters
        .iter()
        .enumerate()
        .map(|(n, (href, _))| {
            format!("<item id=\"c{n}\" href=\"{href}\" media-type=\"application/xhtml+xml\"/>")
        })
        .collect();
    let refs: String = (0..chapters.len()).map(|n| format!("<itemref idref=\"c{n}\"/>")).collect();
    let opf = format!(
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{metadata}</metadata>\
         <manifest>{items}</manifest><spine>{refs}</spine></package>"
    );
    let container = "<?xml version=\"1.0\"?><container version=\"1.0\" \
        xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>\
        <rootfile full-path=\"OEBPS/book.opf\" media-type=\"application/oebps-package+xml\"/>\
        </rootfiles></container>";
    let names: Vec<String> = chapters.iter().map(|(href, _)| format!("OEBPS/{href}")).collect();
    let mut entries: Vec<(&str, &[u8], CompressionMethod)> = vec![
        ("mimetype", b"application/epub+zip", CompressionMethod::Stored),
        ("META-INF/container.xml", container.as_bytes(), CompressionMethod::Deflated),
        ("OEBPS/book.opf", opf.as_bytes(), CompressionMethod::Deflated),
    ];
    for (name, (_, html)) in names.iter().zip(chapters) {
        entries.push((name, html.as_bytes(), CompressionMethod::Deflated));
    }
    zip_of(&entries)
}

/// A plain chapter: a title and paragraphs.
pub fn chapter(title: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">\
         <head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p><p>{text}</p></body></html>"
    )
}
