//! A guess at a text's language, for `lang` attributes of what Gloss writes (HTML, Word):
//! the script decides for Cyrillic, Arabic and Chinese; common short words decide among the
//! Latin-script UN languages.

/// A BCP 47 tag (`ru`, `en`, `fr`, `es`, `ar`, `zh`) for a text; `und` when there is too little
/// text to tell.
pub fn language_tag<'a>(texts: impl IntoIterator<Item = &'a str>) -> &'static str {
    let (mut cyrillic, mut arabic, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    let mut words = [0usize; 3];
    const EN: &[&str] = &["the", "and", "of", "to", "in", "that", "is", "for"];
    const FR: &[&str] = &["le", "la", "les", "des", "et", "du", "une", "est"];
    const ES: &[&str] = &["el", "los", "las", "del", "y", "que", "una", "por"];
    let mut seen = 0usize;
    for text in texts {
        for c in text.chars() {
            match c {
                '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                '\u{0600}'..='\u{06FF}' => arabic += 1,
                '\u{4E00}'..='\u{9FFF}' => han += 1,
                c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => latin += 1,
                _ => {}
            }
        }
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            let word = word.to_lowercase();
            for (count, list) in words.iter_mut().zip([EN, FR, ES]) {
                if list.contains(&word.as_str()) {
                    *count += 1;
                }
            }
        }
        seen += text.len();
        // A few pages are enough to tell.
        if seen > 50_000 {
            break;
        }
    }
    let letters = cyrillic + arabic + han + latin;
    if letters < 20 {
        return "und";
    }
    let script = [(cyrillic, "ru"), (arabic, "ar"), (han, "zh")].into_iter().max_by_key(|(n, _)| *n).unwrap_or((0, "und"));
    if script.0 * 2 > letters {
        return script.1;
    }
    let best = [(words[0], "en"), (words[1], "fr"), (words[2], "es")].into_iter().max_by_key(|(n, _)| *n).unwrap_or((0, "en"));
    if best.0 == 0 { "und" } else { best.1 }
}

#[cfg(test)]
mod tests {
    use super::language_tag;

    #[test]
    fn guesses_the_un_languages() {
        assert_eq!(language_tag(["Генеральная Ассамблея, ссылаясь на свою резолюцию"]), "ru");
        assert_eq!(language_tag(["The General Assembly, recalling its resolution on the law of the sea"]), "en");
        assert_eq!(language_tag(["L'Assemblée générale, rappelant sa résolution sur le droit de la mer et les océans"]), "fr");
        assert_eq!(language_tag(["La Asamblea General, recordando su resolución sobre el derecho del mar y los océanos"]), "es");
        assert_eq!(language_tag(["إن الجمعية العامة، إذ تشير إلى قرارها بشأن قانون البحار"]), "ar");
        assert_eq!(language_tag(["大会回顾其关于海洋法的决议以及关于海洋和海洋法的各项决议"]), "zh");
        assert_eq!(language_tag(["12."]), "und");
    }
}
