//! Bytes of a text table to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! GBK/GB18030, which is what Excel writes as "CSV" on a Chinese Windows.
//!
//! A file that is not UTF-8 is decoded as GB18030 (a superset of GBK) only when every byte
//! sequence is valid there; the user is told, because a wrong guess would silently garble
//! headers. Anything else is refused with a hint to re-save as UTF-8.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// How the bytes were decoded, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Decoded {
    /// The warning to show the user, if any: silent only for UTF-8.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            Decoded::Utf8 => None,
            Decoded::Utf16Le => Some("decoded as UTF-16 LE"),
            Decoded::Utf16Be => Some("decoded as UTF-16 BE"),
            Decoded::Gb18030 => Some("decoded as GB18030 (the file is not UTF-8)"),
        }
    }
}

/// Decodes a text file. A UTF-8 BOM is dropped, so offsets index the returned text.
pub fn decode(bytes: &[u8]) -> Result<(String, Decoded), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), Decoded::Utf8))
            .map_err(|e| {
                format!(
                    "the file starts with a UTF-8 byte order mark but is not valid UTF-8 (byte {})",
                    e.valid_up_to() + 3
                )
            });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, rest, "UTF-16 LE").map(|s| (s, Decoded::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, rest, "UTF-16 BE").map(|s| (s, Decoded::Utf16Be));
    }
    if bytes.contains(&0) {
        return Err(
            "the file holds NUL bytes: it is binary, or UTF-16 without a byte order mark".into(),
        );
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Decoded::Utf8));
    }
    strict(GB18030, bytes, "GB18030").map(|s| (s, Decoded::Gb18030))
}

/// [`decode`] of bytes the caller no longer needs: UTF-8 becomes the text without a copy, so a
/// large file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, Decoded), String> {
    let utf8 =
        !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") && !bytes.contains(&0);
    if !utf8 {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok((s, Decoded::Utf8))
        }
        Err(e) => decode(e.as_bytes()),
    }
}

fn strict(enc: &'static Encoding, bytes: &[u8], what: &str) -> Result<String, String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        Err(format!(
            "the file is neither UTF-8 nor valid {what}; save it as \"CSV UTF-8\" and try again"
        ))
    } else {
        Ok(text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"a,b").unwrap(), ("a,b".into(), Decoded::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFa").unwrap(),
            ("a".into(), Decoded::Utf8)
        );
    }

    #[test]
    fn gbk_and_utf16() {
        // 地区 in GBK is B5 D8 C7 F8.
        let (text, how) = decode(b"\xB5\xD8\xC7\xF8,1").unwrap();
        assert_eq!((text.as_str(), how), ("地区,1", Decoded::Gb18030));
        assert!(how.warning().unwrap().contains("GB18030"));
        let le: Vec<u8> = [0xFF, 0xFE, b'a', 0, b',', 0, 0x30, 0x57].to_vec(); // 地 = U+5730
        assert_eq!(decode(&le).unwrap().0, "a,地");
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'a', 0x57, 0x30].to_vec();
        assert_eq!(decode(&be).unwrap().0, "a地");
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        for bytes in [
            &b"a,b"[..],
            b"\xEF\xBB\xBFa",
            b"\xB5\xD8\xC7\xF8,1",
            &[0xFF, 0xFE, b'a', 0, b',', 0, 0x30, 0x57],
            b"\x81\x20",
            b"a\0b",
            b"\xEF\xBB\xBF\xFF",
        ] {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn garbage_is_refused() {
        assert!(decode(b"\x81\x20").is_err()); // a GBK lead byte with no valid trail byte
        assert!(decode(b"a\0b").is_err());
        assert!(decode(&[0xFF, 0xFE, b'a']).is_err()); // odd UTF-16 length
    }
}
