//! Bytes to text: binary detection, byte-order marks, lossy UTF-8 with a warning.

use crate::ReadError;

/// Text decoded from bytes, with the warnings met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Is this content binary rather than text? True when it holds a NUL byte or when
/// more than 10% of its first 64 KB are control characters other than tab, newline,
/// carriage return and form feed.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(65536)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > head.len()
}

/// Decode the bytes of the input `name` as text.
///
/// UTF-16 with a byte-order mark is decoded; a UTF-8 byte-order mark is dropped;
/// invalid UTF-8 is replaced by U+FFFD with a warning naming the input and the byte
/// offset of the first invalid byte. Binary content and empty (whitespace-only)
/// content are errors.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded, ReadError> {
    let mut warnings = Vec::new();
    let text = if let Some(t) = decode_utf16(bytes) {
        t
    } else {
        if looks_binary(bytes) {
            return Err(ReadError::new(name, "binary file (not text)"));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                warnings.push(format!(
                    "{name}: invalid UTF-8 at byte offset {}; invalid bytes replaced by U+FFFD",
                    e.valid_up_to()
                ));
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    if text.trim().is_empty() {
        return Err(ReadError::new(name, "empty document"));
    }
    Ok(Decoded { text, warnings })
}

/// UTF-16 text with a byte-order mark (as some Windows tools save it).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, body) = if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        (true, b)
    } else if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        (false, b)
    } else {
        return None;
    };
    let units: Vec<u16> = body
        .chunks(2)
        .map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_passes_through() {
        let d = decode("a.txt", "Troops fled Kawlin.\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Troops fled Kawlin.\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset_warning() {
        let d = decode("bad.txt", b"Ten soldiers\xff surrendered").unwrap();
        assert_eq!(d.text, "Ten soldiers\u{fffd} surrendered");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("bad.txt"), "{:?}", d.warnings);
        assert!(d.warnings[0].contains("byte offset 12"), "{:?}", d.warnings);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let e = decode("x.bin", b"abc\0def").unwrap_err();
        assert_eq!(e.source, "x.bin");
        assert!(e.message.contains("binary file"));
    }

    #[test]
    fn many_control_characters_mean_binary() {
        let mut b = b"some text".to_vec();
        b.extend(std::iter::repeat_n(0x01u8, 20));
        assert!(looks_binary(&b));
        assert!(decode("x", &b).unwrap_err().message.contains("binary"));
        assert!(!looks_binary(b"line one\r\nline\ttwo\x0c"));
    }

    #[test]
    fn empty_and_blank_are_errors() {
        assert_eq!(decode("e.txt", b"").unwrap_err().message, "empty document");
        assert_eq!(
            decode("e.txt", b"  \n\t\n").unwrap_err().message,
            "empty document"
        );
        assert_eq!(
            decode("e.txt", b"\xEF\xBB\xBF\n").unwrap_err().message,
            "empty document"
        );
    }

    #[test]
    fn bom_is_dropped_and_utf16_decoded() {
        assert_eq!(
            decode("a", b"\xEF\xBB\xBFHi there").unwrap().text,
            "Hi there"
        );
        let mut u16le = vec![0xFF, 0xFE];
        for u in "Kyaukphyu".encode_utf16() {
            u16le.extend(u.to_le_bytes());
        }
        assert_eq!(decode("a", &u16le).unwrap().text, "Kyaukphyu");
    }
}
