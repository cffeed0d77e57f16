//! Telling the forms apart: Markdown-ish, PDF-extracted, one paragraph per line.

use crate::store::SourceForm;
use crate::text::ends_with_punctuation;

/// Detects the form of normalised text from its first few thousand lines.
pub fn detect_form(text: &str) -> SourceForm {
    let mut markdown_signals = 0usize;
    let mut lengths = Vec::new();
    let mut unterminated = 0usize;
    for line in text.lines().take(5000) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && trimmed.as_bytes().get(hashes) == Some(&b' ') {
            markdown_signals += 2;
        }
        if trimmed.contains("**") || trimmed.contains("](") || trimmed.contains("[^") {
            markdown_signals += 1;
        }
        lengths.push(trimmed.chars().count());
        if !ends_with_punctuation(trimmed) {
            unterminated += 1;
        }
    }
    if markdown_signals >= 2 {
        return SourceForm::Markdown;
    }
    if lengths.is_empty() {
        return SourceForm::Plain;
    }
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    let unterminated_share = unterminated as f64 / lengths.len() as f64;
    // Hard-wrapped text: lines of a page width, most of them ending mid-sentence.
    if median <= 110 && unterminated_share > 0.35 && lengths.len() >= 4 { SourceForm::PdfText } else { SourceForm::Plain }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_forms_apart() {
        assert_eq!(detect_form("## Заголовок\n\n1. Текст **жирный**.\n"), SourceForm::Markdown);
        let wrapped = "1. С момента создания Организации Объединенных Наций 75 лет назад в\n\nмире произошли радикальные преобразования, однако ее цель и всегда\n\nактуальные идеалы сохраняют свое основополагающее значение. Государства\n\nобязались содействовать уважению прав человека.\n";
        assert_eq!(detect_form(wrapped), SourceForm::PdfText);
        let plain = "1. Первый пункт, довольно длинный, как его сохраняет текстовый редактор, когда весь абзац стоит в одной строке без переносов.\n2. Второй пункт тоже стоит в одной строке и заканчивается точкой, как положено.\n";
        assert_eq!(detect_form(plain), SourceForm::Plain);
    }
}
