//! WARC records written by the tests: a crawl's responses, their pages, gzipped per record.

use std::io::Write;

use flate2::write::GzEncoder;

/// One WARC record.
pub fn record(kind: &str, id: &str, uri: &str, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: {date}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

pub fn response(id: &str, uri: &str, date: &str, status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 {status}\r\n{headers}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    record("response", id, uri, date, "application/http; msgtype=response", &block)
}

pub fn page(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>\
         <p>{text}</p></article></body></html>"
    )
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A page with a related block linking to `links` (URL, title).
pub fn page_linking(title: &str, text: &str, links: &[(&str, &str)]) -> String {
    let anchors: String =
        links.iter().map(|(url, title)| format!("<li><a href=\"{url}\">{title}</a></li>")).collect();
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>\
         <p>{text}</p></article><div class=\"related\"><h2>Related</h2><ul>{anchors}</ul></div></body></html>"
    )
}

/// A `.warc.gz` of one HTML response per page: (record id, URL, date, page).
pub fn crawl_of(pages: &[(&str, &str, &str, String)]) -> Vec<u8> {
    pages
        .iter()
        .flat_map(|(id, url, date, html)| {
            gzip(&response(
                id,
                url,
                date,
                "200 OK",
                "Content-Type: text/html; charset=utf-8",
                html.as_bytes(),
            ))
        })
        .collect()
}
