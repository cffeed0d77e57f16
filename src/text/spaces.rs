//! White space found on bytes: the same split as `str::split_whitespace`, without decoding
//! characters or looking each one up in Unicode tables (the split runs over whole documents).

/// Per byte: 0 never starts white space (most bytes, continuation bytes among them), 1 is ASCII
/// white space, 2 may lead a multi-byte white-space character.
const START: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        table[b as usize] = 1;
        b += 1;
    }
    table[b' ' as usize] = 1;
    table[0xC2] = 2;
    table[0xE1] = 2;
    table[0xE2] = 2;
    table[0xE3] = 2;
    table
};

/// Length in bytes of the white-space character starting at `bytes[i]`, or 0. Matches
/// `char::is_whitespace`; `i` must be a character boundary of valid UTF-8 for a multi-byte
/// answer, and a continuation byte is never white space.
#[inline]
fn space_len(bytes: &[u8], i: usize) -> usize {
    match START[bytes[i] as usize] {
        0 => 0,
        1 => 1,
        _ => {
            let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
            match bytes[i] {
                0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
                0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
                0xE2 if matches!((at(1), at(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)) => 3,
                0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
                _ => 0,
            }
        }
    }
}

/// Iterator over the white-space separated words of a text.
#[derive(Clone, Debug)]
pub struct WhitespaceWords<'a> {
    text: &'a str,
    byte_offset: usize,
}

impl<'a> Iterator for WhitespaceWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.byte_offset;
        loop {
            if i >= bytes.len() {
                self.byte_offset = i;
                return None;
            }
            match space_len(bytes, i) {
                0 => break,
                n => i += n,
            }
        }
        let start = i;
        i += 1;
        loop {
            // Skip the bytes that cannot start white space without a closer look.
            while i < bytes.len() && START[bytes[i] as usize] == 0 {
                i += 1;
            }
            if i >= bytes.len() || space_len(bytes, i) > 0 {
                break;
            }
            i += 1;
        }
        self.byte_offset = i;
        // Both ends are character boundaries: the start of the text, of a white-space
        // character, or the byte after one.
        Some(&self.text[start..i])
    }
}

/// The white-space separated words of `text`, as `text.split_whitespace()` gives them.
pub fn whitespace_words(text: &str) -> WhitespaceWords<'_> {
    WhitespaceWords { text, byte_offset: 0 }
}

#[cfg(test)]
mod tests {
    use super::whitespace_words;

    #[test]
    fn splits_as_split_whitespace_does() {
        let spaces: Vec<char> = (0..0x3001).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        let samples =
            ["", "   ", "один", " a  b\tc\nd ", "Статья 5.\u{a0}Текст — «цитата»", "协议 条款\u{3000}内容", "x\u{2028}y\u{85}z\u{1680}w"];
        for sample in samples {
            assert_eq!(whitespace_words(sample).collect::<Vec<_>>(), sample.split_whitespace().collect::<Vec<_>>(), "{sample:?}");
        }
        for &space in &spaces {
            let text = format!("я{space}b{space}{space}€");
            assert_eq!(whitespace_words(&text).collect::<Vec<_>>(), ["я", "b", "€"], "{:04X}", space as u32);
        }
        // Characters near the white-space ones in UTF-8 stay inside words.
        for c in (0x80..0x3100).filter_map(char::from_u32).filter(|c| !c.is_whitespace()) {
            let text = format!("a{c}b c");
            assert_eq!(whitespace_words(&text).count(), 2, "{:04X}", c as u32);
        }
    }
}
