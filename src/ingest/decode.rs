//! Bytes → normalised text: encoding detection and Unicode clean-up.

use super::IngestError;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Text decoded from bytes, with the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// Normalised text (LF line ends, NFC, ordinary spaces).
    pub text: String,
    /// Name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1251`, `KOI8-R`, …).
    pub encoding: &'static str,
}

/// Detects the encoding of `bytes`, decodes and normalises them.
pub fn decode(source: &str, bytes: &[u8]) -> Result<DecodedText, IngestError> {
    let (text, encoding) = decode_text(source, bytes)?;
    Ok(DecodedText { text: text.into_owned(), encoding: encoding.name() })
}

/// [`decode`], borrowing the bytes as the text when they are clean UTF-8 already: no copy of a
/// large file at the peak of reading it.
pub(crate) fn decode_text<'a>(source: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, &'static Encoding), IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { file: source.to_string() });
    }
    let Detected { encoding, body, utf8 } = detect(bytes);
    if encoding == UTF_8 && looks_binary(body) {
        return Err(IngestError::Binary { file: source.to_string() });
    }
    let text = match utf8 {
        Some(text) => normalized(text),
        None => {
            let (decoded, had_errors) = encoding.decode_without_bom_handling(body);
            // Legacy single-byte encodings never fail; a UTF-16 file with a BOM may, and then it is not text.
            if had_errors && encoding != UTF_8 {
                return Err(IngestError::Binary { file: source.to_string() });
            }
            // Decoded text is owned already; keep it unless normalising made a new one.
            let cleaned = match normalized(&decoded) {
                Cow::Owned(cleaned) => Some(cleaned),
                Cow::Borrowed(_) => None,
            };
            Cow::Owned(cleaned.unwrap_or_else(|| decoded.into_owned()))
        }
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty { file: source.to_string() });
    }
    if control_ratio(&text) > 0.02 {
        return Err(IngestError::Binary { file: source.to_string() });
    }
    Ok((text, encoding))
}

/// The encoding picked for a file, the bytes after any BOM, and those bytes as text when they
/// are valid UTF-8 (checked once: validation is a measurable share of reading a large file).
struct Detected<'a> {
    encoding: &'static Encoding,
    body: &'a [u8],
    utf8: Option<&'a str>,
}

/// UTF-8 validation with SIMD (std's checks non-ASCII text byte by byte).
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Picks the encoding: a BOM first, then valid UTF-8, then chardetng's guess.
fn detect(bytes: &[u8]) -> Detected<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let utf8 = if encoding == UTF_8 { utf8(body) } else { None };
        return Detected { encoding, body, utf8 };
    }
    if let Some(text) = utf8(bytes) {
        return Detected { encoding: UTF_8, body: bytes, utf8: Some(text) };
    }
    let guessed = |encoding| Detected { encoding, body: bytes, utf8: None };
    if looks_binary(bytes) {
        // Let the caller refuse it as UTF-8 binary rather than guessing a legacy encoding.
        return guessed(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, true);
    // UTF-16 without a BOM is not supported; chardetng never guesses it, but be explicit.
    if guess == UTF_16LE || guess == UTF_16BE {
        return guessed(UTF_8);
    }
    // chardetng names Russian KOI8 text KOI8-U; without the Ukrainian letters the two are identical.
    if guess == encoding_rs::KOI8_U && !bytes.iter().any(|b| matches!(b, 0xA4 | 0xA6 | 0xA7 | 0xAD | 0xB4 | 0xB6 | 0xB7 | 0xBD)) {
        return guessed(encoding_rs::KOI8_R);
    }
    guessed(guess)
}

/// NUL bytes do not occur in text in any 8-bit encoding we accept.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    sample.contains(&0)
}

/// Share of control characters other than line breaks and tabs.
fn control_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && c != '\n' && c != '\t' {
            control += 1;
        }
    }
    if total == 0 { 0.0 } else { control as f64 / total as f64 }
}

/// Line ends to LF, NFC, Unicode spaces to ' ', soft hyphens and zero-width characters removed, tabs to spaces.
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize`], borrowing `text` when it needs no change.
fn normalized(text: &str) -> Cow<'_, str> {
    let scan = scan(text.as_bytes());
    let composed: Cow<str> = if scan.surely_nfc || is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    // Composition neither makes nor removes the characters cleaned below.
    if !scan.needs_cleaning {
        return composed;
    }
    let mut out = String::with_capacity(composed.len());
    let mut chars = composed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                out.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\t' => out.push(' '),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

/// What one pass over the UTF-8 bytes of a text tells [`normalize`].
struct Scan {
    /// Only characters that no canonical composition touches (ASCII, Latin-1 and Latin
    /// Extended letters below U+0300, Cyrillic letters, general punctuation): NFC already,
    /// known without table look-ups.
    surely_nfc: bool,
    /// Some character that `normalize` rewrites occurs (CR, tab, the special spaces, soft
    /// hyphen, zero-width and separator characters, BOM).
    needs_cleaning: bool,
}

/// Per lead byte, the width of a character that is surely composed and never cleaned (most
/// ASCII, Latin, Cyrillic), or 0 when [`scan`] must look closer.
const PLAIN_WIDTH: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = 1;
        b += 1;
    }
    table[b'\r' as usize] = 0;
    table[b'\t' as usize] = 0;
    let mut b = 0xC3;
    while b <= 0xCB {
        table[b] = 2;
        b += 1;
    }
    table[0xD0] = 2;
    table[0xD1] = 2;
    table[0xD3] = 2;
    table
};

/// Bytes that may stand anywhere in a run of plain text: ASCII but CR and tab, continuation
/// bytes, and the lead bytes of [`PLAIN_WIDTH`].
const PLAIN_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = PLAIN_WIDTH[b] > 0 || (b >= 0x80 && b <= 0xBF);
        b += 1;
    }
    table
};

/// Bytes checked at a time before looking at characters one by one.
const CHUNK: usize = 32;

/// One pass over valid UTF-8, stopping once both answers are known.
fn scan(bytes: &[u8]) -> Scan {
    let mut scan = Scan { surely_nfc: true, needs_cleaning: false };
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < bytes.len() && (scan.surely_nfc || !scan.needs_cleaning) {
        // Independent look-ups over a chunk: no byte waits for the width of the one before.
        if let Some(chunk) = bytes.get(i..i + CHUNK)
            && chunk.iter().fold(true, |plain, &b| plain & PLAIN_BYTE[b as usize])
        {
            i += CHUNK;
            continue;
        }
        let lead = bytes[i];
        // A chunk may end inside a character whose (plain) lead byte it checked.
        if (0x80..=0xBF).contains(&lead) {
            i += 1;
            continue;
        }
        let plain = PLAIN_WIDTH[lead as usize];
        if plain > 0 {
            i += plain as usize;
            continue;
        }
        let (b1, b2) = (at(i + 1), at(i + 2));
        let (nfc, clean, width) = match lead {
            b'\r' | b'\t' => (true, true, 1),
            0x00..=0x7F => (true, false, 1),
            0xC2 => (true, matches!(b1, 0xA0 | 0xAD | 0x85), 2),
            // U+00C0..U+02FF; U+0300 on (0xCC…) holds the combining marks.
            0xC3..=0xCB => (true, false, 2),
            // Cyrillic U+0400..U+04FF, less the combining marks U+0483..U+0489.
            0xD0 | 0xD1 | 0xD3 => (true, false, 2),
            0xD2 => (!(0x83..=0x89).contains(&b1), false, 2),
            0xC0..=0xDF => (false, false, 2),
            0xE1 => (false, b1 == 0x9A && b2 == 0x80, 3),
            // General punctuation U+2000..U+206F: only U+2010..U+205E is surely composed.
            0xE2 => {
                let clean = matches!((b1, b2), (0x80, 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F | 0xA0));
                let nfc = matches!((b1, b2), (0x80, 0x90..=0xBF) | (0x81, 0x80..=0x9E));
                (nfc, clean, 3)
            }
            0xE3 => (false, b1 == 0x80 && b2 == 0x80, 3),
            0xEF => (false, b1 == 0xBB && b2 == 0xBF, 3),
            0xE0..=0xEF => (false, false, 3),
            _ => (false, false, 4),
        };
        scan.surely_nfc &= nfc;
        scan.needs_cleaning |= clean;
        i += width;
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_ends_spaces_and_invisible_characters() {
        let raw = "a\r\nb\rc\u{00A0}d\u{00AD}e\u{200B}f\tg\u{2009}h";
        assert_eq!(normalize(raw), "a\nb\nc def g h");
    }

    #[test]
    fn fast_check_agrees_with_the_full_clean_up() {
        for special in [
            "\u{00A0}", "\u{00AD}", "\u{0085}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{2028}", "\u{202F}",
            "\u{205F}", "\u{2060}", "\u{3000}", "\u{FEFF}", "\r", "\t",
        ] {
            assert!(scan(format!("а{special}б").as_bytes()).needs_cleaning, "{special:?}");
        }
        let plain = scan("«Ёлка» — 2–3 … “x”".as_bytes());
        assert!(!plain.needs_cleaning && plain.surely_nfc);
        assert!(!scan("№5".as_bytes()).needs_cleaning);
    }

    #[test]
    fn chunked_scan_sees_a_character_at_every_position() {
        let plain = "Генеральная Ассамблея, ссылаясь на резолюцию 75/1 — «текст». ".repeat(3);
        for (special, clean, nfc) in [
            ("\r", true, true),
            ("\t", true, true),
            ("\u{a0}", true, true),
            ("\u{301}", false, false),
            ("№", false, false),
            ("\u{2028}", true, true),
            ("\u{3000}", true, false),
        ] {
            for at in (0..=plain.len()).filter(|&k| plain.is_char_boundary(k)) {
                let text = format!("{}{special}{}", &plain[..at], &plain[at..]);
                let scan = scan(text.as_bytes());
                assert_eq!((scan.needs_cleaning, scan.surely_nfc), (clean, nfc), "{special:?} at {at}");
            }
        }
    }

    #[test]
    fn byte_scan_knows_which_characters_are_surely_composed() {
        // The ranges no canonical composition touches, as characters.
        let sure = |c: char| {
            let code = c as u32;
            code < 0x300 || (0x400..=0x482).contains(&code) || (0x48A..=0x4FF).contains(&code) || (0x2010..=0x205E).contains(&code)
        };
        for c in (0..0x11000).filter_map(char::from_u32) {
            let text = format!("я{c}z");
            assert_eq!(scan(text.as_bytes()).surely_nfc, sure(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn borrowed_text_is_the_decoded_text() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Генеральная Ассамблея постановляет.");
        let samples: Vec<Vec<u8>> = vec![
            "1. Чистый текст.\n".into(),
            "a\r\nb\u{00A0}c\u{200B}d".into(),
            "и\u{0306} ".into(),
            b"\xEF\xBB\xBFtext".to_vec(),
            cp1251.into_owned(),
            b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
            b" \n".to_vec(),
            Vec::new(),
        ];
        for bytes in samples {
            let owned = decode("t", &bytes).map_err(|e| e.to_string());
            let text = decode_text("t", &bytes).map(|(text, encoding)| (text.into_owned(), encoding.name()));
            assert_eq!(text.map_err(|e| e.to_string()), owned.map(|d| (d.text, d.encoding)), "{bytes:?}");
        }
    }

    #[test]
    fn composes_to_nfc() {
        // "й" as и + combining breve.
        assert_eq!(normalize("и\u{0306}"), "й");
    }

    #[test]
    fn detects_boms_and_legacy_cyrillic() {
        let text = "Генеральная Ассамблея, ссылаясь на свою резолюцию, постановляет учредить группу экспертов.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let decoded = decode("t", &cp1251).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "windows-1251");

        let (koi8, _, _) = encoding_rs::KOI8_R.encode(text);
        let decoded = decode("t", &koi8).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "KOI8-R");

        let mut utf16be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            utf16be.extend_from_slice(&unit.to_be_bytes());
        }
        let decoded = decode("t", &utf16be).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), (text, "UTF-16BE"));

        let mut bom_utf8 = vec![0xEF, 0xBB, 0xBF];
        bom_utf8.extend_from_slice(text.as_bytes());
        assert_eq!(decode("t", &bom_utf8).unwrap().text, text);
    }

    #[test]
    fn latin1_is_read_as_windows_1252() {
        let bytes = b"La d\xe9l\xe9gation fran\xe7aise a soulign\xe9 l'importance du d\xe9bat sur la s\xe9curit\xe9.";
        let decoded = decode("t", bytes).unwrap();
        assert!(decoded.text.contains("délégation française"));
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(matches!(decode("e", b""), Err(IngestError::Empty { .. })));
        assert!(matches!(decode("e", b" \n\n \t"), Err(IngestError::Empty { .. })));
        assert!(matches!(decode("b", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(IngestError::Binary { .. })));
        assert!(matches!(decode("b", &[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, b'a']), Err(IngestError::Binary { .. })));
    }
}
