//! Zip archives made in memory for the tests: exports, archives of pages, and zip bombs.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip of `files` (name, bytes), deflated.
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A zip whose one entry is `size` zero bytes, deflated (about a thousandth of its size).
pub fn zeros_zip(name: &str, size: u64) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).large_file(true);
    writer.start_file(name, options).unwrap();
    let chunk = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let step = left.min(chunk.len() as u64) as usize;
        writer.write_all(&chunk[..step]).unwrap();
        left -= step as u64;
    }
    writer.finish().unwrap().into_inner()
}

/// A zip of `copies` entries, each the one compressed entry of `single` copied raw (so making
/// it costs no compression): many small entries that expand a thousandfold.
pub fn many_copies(single: &[u8], copies: usize) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(Cursor::new(single)).unwrap();
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for copy in 0..copies {
        let entry = source.by_index_raw(0).unwrap();
        writer.raw_copy_file_rename(entry, format!("page-{copy}.html")).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
