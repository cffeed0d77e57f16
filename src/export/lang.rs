//! A guess at a document's language, for `lang` attributes and Word's proofing language.

use crate::store::Document;

/// The language of most of a document's text as a BCP 47 tag (`ru`, `ar`, `zh`, `en`, `fr`,
/// `es`), from its script and, for Latin script, its commonest short words; `en` when unsure.
pub fn guess(document: &Document) -> &'static str {
    let mut counts = [0usize; 4]; // Cyrillic, Arabic, Han, Latin
    let mut words = [0usize; 3]; // en, fr, es
    for block in document.blocks.iter().take(400) {
        for c in block.text.chars() {
            match c {
                '\u{0400}'..='\u{04FF}' => counts[0] += 1,
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => counts[1] += 1,
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => counts[2] += 1,
                c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => counts[3] += 1,
                _ => {}
            }
        }
        for word in block.text.split(|c: char| !c.is_alphabetic()) {
            match word.to_lowercase().as_str() {
                "the" | "and" | "of" | "to" | "that" => words[0] += 1,
                "le" | "les" | "des" | "et" | "du" | "une" => words[1] += 1,
                "el" | "los" | "las" | "del" | "y" | "una" => words[2] += 1,
                _ => {}
            }
        }
    }
    let script = (0..4).max_by_key(|&i| counts[i]).unwrap_or(3);
    match script {
        _ if counts[script] == 0 => "en",
        0 => "ru",
        1 => "ar",
        2 => "zh",
        _ => match (0..3).max_by_key(|&i| words[i]).unwrap_or(0) {
            1 if words[1] > 0 => "fr",
            2 if words[2] > 0 => "es",
            _ => "en",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SourceForm;

    fn doc(text: &str) -> Document {
        let blocks = crate::ingest::segment_text(text, SourceForm::Plain);
        Document::new("t".into(), "t.txt".into(), "UTF-8".into(), SourceForm::Plain, blocks)
    }

    #[test]
    fn scripts_and_common_words() {
        assert_eq!(guess(&doc("Рабочая группа приняла доклад.")), "ru");
        assert_eq!(guess(&doc("The Working Party adopted the report and its annex.")), "en");
        assert_eq!(guess(&doc("Le Groupe de travail a adopté le rapport et les annexes.")), "fr");
        assert_eq!(guess(&doc("El Grupo de Trabajo aprobó el informe y los anexos.")), "es");
        assert_eq!(guess(&doc("")), "en");
    }
}
