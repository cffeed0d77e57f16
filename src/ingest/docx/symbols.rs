//! `w:sym`: a character from a symbol font, given as the font and a code in the font's own
//! encoding (often shifted into the private range `F0xx`). Best effort: Symbol's Greek letters
//! and common signs, Wingdings' bullets; other fonts as Latin-1.

/// The Unicode character a `w:sym` shows, if known.
pub(super) fn symbol_char(font: &str, code: &str) -> Option<char> {
    let value = u32::from_str_radix(code.trim(), 16).ok()?;
    let value = if (0xF000..=0xF0FF).contains(&value) { value - 0xF000 } else { value };
    if value >= 0x100 {
        // A real Unicode code point.
        return char::from_u32(value);
    }
    let byte = u8::try_from(value).ok()?;
    let font = font.trim().to_ascii_lowercase();
    if font == "symbol" {
        symbol_font(byte)
    } else if font.starts_with("wingdings") || font.starts_with("webdings") {
        // Their glyphs in drafts are list bullets, boxes and arrows: shown as a bullet.
        Some('•')
    } else {
        (byte >= 0x20 && byte != 0x7F).then_some(char::from(byte))
    }
}

/// The Symbol font's encoding: Greek letters in place of Latin ones, mathematical signs above 0xA0.
fn symbol_font(byte: u8) -> Option<char> {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    match byte {
        b'A'..=b'Z' => GREEK_UPPER.chars().nth(usize::from(byte - b'A')),
        b'a'..=b'z' => GREEK_LOWER.chars().nth(usize::from(byte - b'a')),
        0xA3 => Some('≤'),
        0xA5 => Some('∞'),
        0xAC => Some('←'),
        0xAE => Some('→'),
        0xB0 => Some('°'),
        0xB1 => Some('±'),
        0xB3 => Some('≥'),
        0xB4 => Some('×'),
        0xB7 => Some('•'),
        0xB8 => Some('÷'),
        0xB9 => Some('≠'),
        0xBA => Some('≡'),
        0xBB => Some('≈'),
        0xBC => Some('…'),
        0xD6 => Some('√'),
        0xE5 => Some('∑'),
        0x20..=0x7E => Some(char::from(byte)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_fonts() {
        assert_eq!(symbol_char("Symbol", "F0B3"), Some('≥'));
        assert_eq!(symbol_char("Symbol", "F061"), Some('α'));
        assert_eq!(symbol_char("Symbol", "F0B7"), Some('•'));
        assert_eq!(symbol_char("Wingdings", "F0A7"), Some('•'));
        assert_eq!(symbol_char("Arial", "00E9"), Some('é'));
        assert_eq!(symbol_char("Arial", "2013"), Some('–'));
        assert_eq!(symbol_char("Arial", "zz"), None);
    }
}
