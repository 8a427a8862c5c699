//! Bytes → clean text: BOMs, UTF-16, legacy encodings, binary detection.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::SkipReason;
use crate::text::clean;

/// Decoded, sanitised, NFC text and what was odd about the bytes.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, SkipReason> {
    let mut warnings = Vec::new();
    let text: Cow<str> = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!("invalid {} sequences replaced with �", encoding.name()));
        }
        text
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        warnings.push(format!("no byte-order mark: decoded as {}", encoding.name()));
        encoding.decode_without_bom_handling(bytes).0
    } else if looks_binary(bytes) {
        return Err(SkipReason::Binary);
    } else {
        // Every byte of every file is validated here: simdutf8 does it several times faster.
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => Cow::Owned(decode_legacy(bytes, &mut warnings)),
        }
    };
    Ok(Decoded { text: clean(&text), warnings })
}

/// Mostly UTF-8 with a few bad bytes stays UTF-8; otherwise guess the legacy code page.
fn decode_legacy(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > 0 && multibyte >= invalid {
        warnings.push(format!("not valid UTF-8: {invalid} invalid byte sequence(s) replaced with �"));
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    warnings.push(format!("not valid UTF-8: decoded as {} (guessed)", encoding.name()));
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-16 without a BOM shows as NULs in every other byte (for Latin and Vietnamese text).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let mostly = |zeros: usize| zeros * 10 >= pairs * 4;
    let hardly = |zeros: usize| zeros * 20 <= pairs;
    if mostly(zeros_odd) && hardly(zeros_even) {
        Some(UTF_16LE)
    } else if mostly(zeros_even) && hardly(zeros_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NULs or many control bytes in the first 8 KB mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let decoded = decode("\u{feff}Tin mới".as_bytes()).unwrap();
        assert_eq!(decoded.text, "Tin mới");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let utf16: Vec<u8> = "Hà Nội hôm nay".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let with_bom = [&[0xff, 0xfe][..], &utf16].concat();
        assert_eq!(decode(&with_bom).unwrap().text, "Hà Nội hôm nay");
        let without = decode(&utf16).unwrap();
        assert_eq!(without.text, "Hà Nội hôm nay");
        assert_eq!(without.warnings.len(), 1);
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").unwrap_err(),
            SkipReason::Binary
        );
    }

    #[test]
    fn legacy_code_page_is_guessed_with_a_warning() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Café crème, déjà vu à Paris élève");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Café crème, déjà vu à Paris élève");
        assert!(decoded.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn a_stray_bad_byte_keeps_the_utf8_text() {
        let decoded = decode(b"Vi\xe1\xbb\x87t Nam \xff ok").unwrap();
        assert_eq!(decoded.text, "Việt Nam � ok");
    }
}
