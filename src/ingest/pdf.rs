//! Text extracted from PDF: hard wraps, hyphenation, footnote blocks, page furniture.
//!
//! In such text a blank line does not end a paragraph (extractors often put one after
//! every line); paragraphs are found from labels, ragged last lines and indentation.

use super::dehyphen::{Join, Vocabulary, decide};
use super::{RawBlock, RawHint, parse_label};
use crate::ingest::LabelKind;
use page::{Footnote, Line, LineKind, classify, finish_footnote, split_footnotes};

mod page;

/// Splits PDF-extracted text into raw blocks; footnotes follow the paragraph they interrupted.
pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    let all: Vec<&str> = text.lines().collect();
    let kinds: Vec<LineKind> = all.iter().map(|l| classify(l)).collect();
    let (content, footnotes) = split_footnotes(&all, &kinds);
    let vocabulary = build_vocabulary(&content, &footnotes);
    let width = typical_width(&content);

    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut current: Option<(String, u32, u32, &str, &str)> = None; // text, first line, last line, first and last raw line
    let mut pending_footnotes = footnotes.into_iter().peekable();
    // The last numbers that began blocks (paragraphs and numbered headings interleave): a line
    // starting with the number after one of them begins a paragraph.
    let mut recent_numbers = [0u32; 3];
    for line in &content {
        let trimmed = line.text.trim();
        let new_block = match &current {
            None => true,
            Some((text, _, _, first, previous)) => {
                !continues_heading(first, previous, text, line, width) && starts_block(previous, text, line, width, &recent_numbers)
            }
        };
        if new_block {
            if let Some(n) = parse_label(trimmed).and_then(|l| l.number()) {
                recent_numbers = [n, recent_numbers[0], recent_numbers[1]];
            }
            if let Some((text, start, end, _, _)) = current.take() {
                blocks.push(RawBlock::from_lines(text, RawHint::None, start..end + 1));
            }
            // Footnotes whose region lay before this block belong after the finished one.
            while let Some(f) = pending_footnotes.next_if(|f| f.lines.start < line.number) {
                blocks.push(finish_footnote(f, &vocabulary));
            }
            let mut text = String::with_capacity(2048);
            text.push_str(trimmed);
            current = Some((text, line.number, line.number, line.text, line.text));
        } else if let Some((text, _, end, _, previous)) = current.as_mut() {
            append_line(text, trimmed, &vocabulary);
            *end = line.number;
            *previous = line.text;
        }
    }
    if let Some((text, start, end, _, _)) = current.take() {
        blocks.push(RawBlock::from_lines(text, RawHint::None, start..end + 1));
    }
    blocks.extend(pending_footnotes.map(|f| finish_footnote(f, &vocabulary)));
    blocks
}

/// Whether `line` carries on a centred, labelled heading wrapped over lines (`  3. Предварительная
/// повестка дня девятой сессии` / `Межправительственной группы экспертов по … и` / `цифровой
/// экономике`): the heading's first line was indented, the heading is short and its sentence
/// unfinished (a comma may break it), and this line is flush left, unlabelled and itself short. Unlabelled headings are left alone: under
/// them a flush-left capital opens the text (`Межправительственная группа экспертов …,`).
fn continues_heading(first: &str, previous: &str, block: &str, line: &Line, width: usize) -> bool {
    let cur = line.text.trim();
    let short = |t: &str| t.chars().count() * 10 < width * 9;
    first.starts_with("  ")
        && !line.text.starts_with(' ')
        && !line.after_footnotes
        && block.len() < 200
        && parse_label(first.trim()).is_some_and(|l| l.kind != LabelKind::Bullet)
        && short(previous.trim())
        && short(cur)
        && !crate::text::ends_sentence(previous.trim())
        && !previous.trim_end().ends_with([':', ';'])
        && !crate::text::ends_sentence(cur)
        && !is_label_line(cur)
        && !is_parenthetical(cur)
}

/// Whether `line` starts a new block after a block whose last line was `previous`.
fn starts_block(previous: &str, block: &str, line: &Line, width: usize, recent_numbers: &[u32; 3]) -> bool {
    let block_len = block.len();
    let prev = previous.trim();
    let cur = line.text.trim();
    let prev_last = prev.chars().last().unwrap_or(' ');
    let cur_first = cur.chars().next().unwrap_or(' ');
    if prev_last == '-' || prev_last == '—' || prev_last == '–' {
        return false;
    }
    // A long link wrapped onto its own line belongs to the sentence before it.
    if cur.starts_with("http://") || cur.starts_with("https://") {
        return false;
    }
    // After a footnote region or a URL list the cut paragraph goes on, unless its last line
    // finished a sentence and the next line is indented (a centred heading).
    // A centred heading at the foot of a page (`  Article 66`) ends there.
    if line.after_footnotes
        && previous.starts_with("  ")
        && cur_first.is_uppercase()
        && prev.chars().count() * 10 < width * 9
        && !crate::text::ends_with_punctuation(prev)
    {
        return true;
    }
    if line.after_footnotes
        && (cur_first.is_lowercase() || (line.text.starts_with(' ') && !crate::text::ends_sentence(prev)))
        && !is_label_line(cur)
        && !opens_item(prev_last, cur_first)
    {
        return false;
    }
    // A page that opens on a short unpunctuated capitalised line after a finished sentence
    // opens on a heading (`Article 19`, `Titre III : Le Gouvernement`).
    if line.after_footnotes
        && crate::text::ends_sentence(prev)
        && cur_first.is_uppercase()
        && cur.chars().count() * 10 < width * 7
        && !crate::text::ends_with_punctuation(cur)
    {
        return true;
    }
    // An open parenthesis on the last line is closed on this one: `Боливия (Многонациональное` /
    // `Государство)`.
    if cur.contains(')') && prev.contains('(') && prev.matches('(').count() > prev.matches(')').count() && !is_label_line(cur) {
        return false;
    }
    // Preambular paragraphs repeat their opening word (`признавая…,` / `признавая…`, `recognizing`):
    // after a comma, a line opening with the block's own first word starts the next one.
    let first_word = |t: &str| t.split_whitespace().next().map(str::to_lowercase).unwrap_or_default();
    if prev_last == ',' && cur_first.is_lowercase() && first_word(cur).chars().count() >= 5 && first_word(cur) == first_word(block) {
        return true;
    }
    // A date line (`26 августа 2025 года`) under a short unpunctuated line (`89-е пленарное
    // заседание`) is the second line of the same signature block.
    if is_date_line(cur) && block_len < 80 && !crate::text::ends_with_punctuation(prev) {
        return false;
    }
    if is_parenthetical(cur) || is_parenthetical(prev) {
        return true;
    }
    // Centred or indented by two or more spaces: a heading or title line; and whatever is
    // indented after such a line starts anew.
    // A lower-case line carries on even so (`  More details, including how to change` / ` your settings`).
    if !line.after_footnotes
        && (line.text.starts_with("  ") || (previous.starts_with("  ") && line.text.starts_with(' ') && !cur_first.is_lowercase()))
    {
        return true;
    }
    let prev_ragged = prev.chars().count() * 10 < width * 7;
    let prev_punct = crate::text::ends_with_punctuation(prev);
    if let Some(label) = parse_label(cur) {
        match label.kind {
            // A dash opens an item only after the end of a clause (`qui fixe :` / `- les
            // conditions …`); elsewhere a line-initial dash is punctuation.
            LabelKind::Bullet => return opens_item(prev_last, cur_first),
            LabelKind::Letter | LabelKind::SmallRoman => {
                if crate::text::is_sentence_end(prev_last) || matches!(prev_last, ':' | ';' | '：' | '；') || prev_ragged {
                    return true;
                }
            }
            LabelKind::Number if label.number().is_some_and(|n| recent_numbers.contains(&(n.saturating_sub(1)))) => return true,
            _ => {
                if prev_punct || prev_ragged || !prev_last.is_alphabetic() {
                    return true;
                }
            }
        }
    }
    // "…следующие организации:" then a capitalised line: a list begins.
    if prev_last == ':' && (cur_first.is_uppercase() || cur_first.is_ascii_digit()) {
        return true;
    }
    // Indented line after a clause-final line: a new (preambular) paragraph; but a numbered
    // paragraph does not end on a comma (its next page may start indented).
    let numbered_block = || parse_label(block).is_some_and(|l| l.kind == LabelKind::Number);
    if line.text.starts_with(' ')
        && (matches!(prev_last, ',' | ';' | ':' | '，' | '；' | '：') || crate::text::is_sentence_end(prev_last))
        && !line.after_footnotes
        && !(matches!(prev_last, ',' | '，') && numbered_block())
    {
        return true;
    }
    if prev_ragged {
        // An indented capital after a ragged unpunctuated line (the end of a title): a new block.
        if !prev_punct && line.text.starts_with(' ') && !line.after_footnotes && (cur_first.is_uppercase() || cur_first.is_ascii_digit()) {
            return true;
        }
        if prev_punct && prev_last != ',' {
            return true;
        }
        if prev_last == ',' && cur_first.is_lowercase() {
            return true;
        }
        // A short unpunctuated block (a heading, a title line) followed by a capital.
        if !prev_punct && block_len < 200 && (cur_first.is_uppercase() || cur_first.is_ascii_digit()) {
            return true;
        }
    }
    false
}

/// Whether a line starting with `cur_first` opens a list item after a line ending in
/// `prev_last`: a bullet always does; a dash only after the end of a clause (`qui fixe :` / `- les
/// conditions …`), since elsewhere a line-initial dash is punctuation.
fn opens_item(prev_last: char, cur_first: char) -> bool {
    matches!(cur_first, '•' | '▪' | '◦' | '‣')
        || (matches!(cur_first, '-' | '–' | '—')
            && (matches!(prev_last, ':' | ';' | '：' | '；') || crate::text::is_sentence_end(prev_last)))
}

/// A short line that is a date: `26 августа 2025 года`, `14 May 2025`, `3 mars 2024 г.`: a day,
/// a month word and a year, and little else.
fn is_date_line(t: &str) -> bool {
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = crate::text::whitespace_words(t).take(6).collect();
    if words.len() < 3 || words.len() > 5 || !words[0].bytes().all(|b| b.is_ascii_digit()) || words[0].len() > 2 {
        return false;
    }
    let year = |w: &str| {
        let w = w.trim_end_matches([',', '.']);
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
    };
    words[1].chars().all(char::is_alphabetic) && words[2..].iter().any(|w| year(w))
}

fn is_label_line(t: &str) -> bool {
    parse_label(t).is_some_and(|l| l.kind != LabelKind::Bullet)
}

fn is_parenthetical(t: &str) -> bool {
    t.starts_with('(') && t.ends_with(')') && t.chars().count() < 60 && !t[1..].contains('(')
}

fn append_line(text: &mut String, next: &str, vocabulary: &Vocabulary) {
    if continues_url(text, next) {
        text.push_str(next);
    } else if text.ends_with('-') && text[..text.len() - 1].chars().last().is_some_and(char::is_alphanumeric) {
        match decide(vocabulary, text, next) {
            Join::Word => {
                text.pop();
            }
            Join::Hyphen => {}
        }
        text.push_str(next);
    } else {
        // No space between two characters of a script written without spaces (`协议` + `条款`).
        crate::text::push_line(text, next);
    }
}

/// Whether `next` carries on a URL that `text` ends with (`…/background` + `-paper.pdf.`,
/// `…/open-ended-working-` + `group/.`): a wrapped link is glued back without a space.
fn continues_url(text: &str, next: &str) -> bool {
    let last_word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    if !last_word.starts_with("http") {
        return false;
    }
    let first_word = next.split(char::is_whitespace).next().unwrap_or("");
    let url_chars = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_graphic());
    (last_word.starts_with("http://") || last_word.starts_with("https://"))
        && !last_word.ends_with(['.', ',', ';'])
        && url_chars(first_word)
        && (first_word.starts_with(['-', '/', '_', '.', '?', '#', '=', '&', '%'])
            || first_word.contains('/')
            || last_word.ends_with(['-', '/']))
}

fn build_vocabulary(content: &[Line], footnotes: &[Footnote]) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    let mut previous_broken = false;
    for line in content {
        let t = line.text.trim();
        let broken = t.ends_with('-');
        vocabulary.add_line(t, previous_broken, broken);
        previous_broken = broken;
    }
    for note in footnotes {
        for part in &note.parts {
            vocabulary.add_line(part.trim(), false, part.trim().ends_with('-'));
        }
    }
    vocabulary
}

/// The width of a full line: the 90th percentile of line lengths, in characters.
fn typical_width(content: &[Line]) -> usize {
    let mut lengths: Vec<usize> = content.iter().map(|l| l.text.trim().chars().count()).collect();
    if lengths.is_empty() {
        return 80;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)].max(20)
}

#[cfg(test)]
mod tests {
    use super::page::is_furniture;
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        raw_blocks(text).into_iter().map(|b| b.text).collect()
    }

    const PAGE: &str = "1. С момента создания Организации Объединенных Наций 75 лет назад в \n\nмире произошли радикальные преобразования, однако ее цель и всегда актуаль-\n\nные идеалы сохраняют свое значение. Государства обязались содействовать \n\n__________________ \n\n 1 См. резолюцию 53/70 Генеральной Ассамблеи. \n\nhttps://undocs.org/ru/A/RES/53/70\nhttps://undocs.org/ru/A/RES/53/70\n уважению прав человека и основных свобод и всегда актуальные цели.  \n\n2. Развитие технологий затрагивает все направления деятельности Организации \n\nОбъединенных Наций. \n";

    #[test]
    fn joins_wraps_and_hyphenation_and_removes_footnote_region() {
        let blocks = texts(PAGE);
        assert_eq!(
            blocks[0],
            "1. С момента создания Организации Объединенных Наций 75 лет назад в мире произошли радикальные преобразования, однако ее цель и всегда актуальные идеалы сохраняют свое значение. Государства обязались содействовать уважению прав человека и основных свобод и всегда актуальные цели."
        );
        assert_eq!(blocks[1], "См. резолюцию 53/70 Генеральной Ассамблеи.");
        assert_eq!(blocks[2], "2. Развитие технологий затрагивает все направления деятельности Организации Объединенных Наций.");
    }

    #[test]
    fn footnote_block_is_tagged_with_its_number() {
        let raw = raw_blocks(PAGE);
        assert_eq!(raw[1].hint, RawHint::Footnote(1));
    }

    #[test]
    fn page_furniture_is_dropped() {
        let text = "3. Рабочая группа провела свою сессию в Центральных учреждениях Организации \n\n26-01234 \n\n3/12 \n\nA/AC.999/2026/L.1\n\nОбъединенных Наций в марте.\n";
        assert_eq!(
            texts(text),
            vec!["3. Рабочая группа провела свою сессию в Центральных учреждениях Организации Объединенных Наций в марте."]
        );
    }

    #[test]
    fn indented_preambular_paragraphs_split() {
        let text = " Генеральная Ассамблея, \n\n ссылаясь на свою резолюцию 79/1 от 22 сентября 2024 года под названием \n\n«Пакт во имя будущего», в которой Генеральная Ассамблея постановила учредить, \n\n ссылаясь также на свои резолюции 77/320 от 25 июля 2023 года и другие, \n\n 1. учреждает группу; \n";
        let blocks = texts(text);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks[1].starts_with("ссылаясь на свою"));
        assert!(blocks[2].starts_with("ссылаясь также"));
        assert_eq!(blocks[3], "1. учреждает группу;");
    }

    #[test]
    fn wrapped_heading_stays_one_block() {
        let text = " I. Решение Межправительственной группы экспертов \nпо электронной торговле и цифровой экономике \n\n(Пункт 3 повестки дня) \n\n1. На своем заседании группа приняла рекомендации по вопросам политики, которые \n\nприводятся ниже. \n";
        assert_eq!(
            texts(text),
            vec![
                "I. Решение Межправительственной группы экспертов по электронной торговле и цифровой экономике",
                "(Пункт 3 повестки дня)",
                "1. На своем заседании группа приняла рекомендации по вопросам политики, которые приводятся ниже."
            ]
        );
    }

    #[test]
    fn furniture_patterns() {
        for line in ["3/22", "21-02069", "GE.25-01234 (R)", "A/75/816", "A/AC.292/2023/L.1", "12"] {
            assert!(is_furniture(line), "{line}");
        }
        for line in ["2025 года.", "A/RES/79/1 и", "См. A/68/98"] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
#[cfg(test)]
mod layout_tests {
    use super::*;

    const BODY: &str = "2. Участники отметили, что переход к цифровой экономике требует согласованных \n\nусилий государств, международных организаций и частного сектора в области \n\nстатистики и обмена данными о торговле. \n\n";

    #[test]
    fn a_centred_numbered_heading_wrapped_at_a_capital_stays_whole() {
        let text = format!(
            "{BODY}  3. Предварительная повестка дня девятой сессии \n\nМежправительственной группы экспертов по электронной торговле и \n\nцифровой экономике \n\n \n\n  (Пункт 5 повестки дня) \n 4. На своем заключительном пленарном заседании группа постановила, что из-за \n\nнехватки времени вопрос будет рассмотрен позднее. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().map(|b| b.text).collect();
        assert_eq!(
            blocks[1],
            "3. Предварительная повестка дня девятой сессии Межправительственной группы экспертов по электронной торговле и цифровой экономике"
        );
        assert_eq!(blocks[2], "(Пункт 5 повестки дня)");
    }

    #[test]
    fn a_centred_heading_broken_after_a_comma_stays_whole() {
        let text = format!(
            "{BODY}  4. Переход к комплексным международным мерам политики, \n\nнаправленным на использование цифровизации в интересах \n\nинклюзивного и устойчивого развития \n\n 5. В состав участников дискуссии вошли следующие эксперты: специалист по \n\nэкономическим вопросам. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().map(|b| b.text).collect();
        assert_eq!(
            blocks[1],
            "4. Переход к комплексным международным мерам политики, направленным на использование цифровизации в интересах инклюзивного и устойчивого развития"
        );
    }

    #[test]
    fn a_url_wrapped_inside_a_footnote_stays_in_it_and_the_next_note_is_found() {
        let text = format!(
            "{BODY}4. Меры укрепления доверия могут способствовать формированию основы для более структу-\n\n__________________ \n\n 6 See background paper issued by the Chair, December 2019, URL: \n\nhttps://example.org/wp-content/uploads/2020/01/background \n\n-paper-on-existing-processes.pdf. \n\n 7 См. резолюцию 53/70 Генеральной Ассамблеи. \n\nhttps://undocs.org/ru/A/RES/53/70\nhttps://undocs.org/ru/A/RES/53/70\n рированных договоренностей в будущем. \n"
        );
        let raw = raw_blocks(&text);
        let notes: Vec<(&RawHint, &str)> =
            raw.iter().filter(|b| matches!(b.hint, RawHint::Footnote(_))).map(|b| (&b.hint, b.text.as_str())).collect();
        assert_eq!(
            notes,
            vec![
                (
                    &RawHint::Footnote(6),
                    "See background paper issued by the Chair, December 2019, URL: https://example.org/wp-content/uploads/2020/01/background-paper-on-existing-processes.pdf."
                ),
                (&RawHint::Footnote(7), "См. резолюцию 53/70 Генеральной Ассамблеи.")
            ]
        );
        assert_eq!(
            raw[1].text,
            "4. Меры укрепления доверия могут способствовать формированию основы для более структурированных договоренностей в будущем."
        );
    }

    #[test]
    fn a_page_that_starts_straight_after_the_last_footnote_line_is_text() {
        // Extraction puts a blank line after every line of a page but none between pages.
        let text = format!(
            "{BODY}{BODY}__________________ \n\n 9 See the Chair's summary, URL: \n\nhttps://www.un.org/disarmament/open-ended-working-group/. \n  Партнерские связи \n\n • Деятельность по укреплению потенциала должна быть основана на взаимном \n\nдоверии и определяться спросом. \n"
        );
        let raw = raw_blocks(&text);
        let texts: Vec<&str> = raw.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"See the Chair's summary, URL: https://www.un.org/disarmament/open-ended-working-group/."), "{texts:?}");
        assert!(texts.contains(&"Партнерские связи"), "{texts:?}");
    }

    const LAW: &str = " Le Parlement vote la loi. Il contrôle l'action du Gouvernement et évalue les \n\npolitiques publiques, dans les conditions fixées par la présente Constitution. \n\n";
    const NOTE: &str = "__________________ \n\n 2 Documents officiels, soixante-dix-huitième session, Supplément no 1. \n\nhttps://undocs.org/fr/A/78/1\nhttps://undocs.org/fr/A/78/1\n";

    #[test]
    fn dash_items_after_a_colon_are_items_and_go_on_after_a_page_break() {
        let text = format!(
            "{LAW} La loi fixe les règles concernant : \n\n - les droits civiques et les garanties fondamentales accordées aux citoyens pour \n\nl'exercice des libertés publiques ; \n\n - la nationalité, l'état et la capacité des personnes ; \n\n{NOTE} • du droit du travail, du droit syndical et de la sécurité sociale. \n\n Les lois de finances déterminent les ressources et les charges de l'Etat. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().filter(|b| b.hint == RawHint::None).map(|b| b.text).collect();
        assert_eq!(
            blocks[1..],
            [
                "La loi fixe les règles concernant :",
                "- les droits civiques et les garanties fondamentales accordées aux citoyens pour l'exercice des libertés publiques ;",
                "- la nationalité, l'état et la capacité des personnes ;",
                "• du droit du travail, du droit syndical et de la sécurité sociale.",
                "Les lois de finances déterminent les ressources et les charges de l'Etat.",
            ]
        );
    }

    #[test]
    fn a_dash_inside_a_sentence_does_not_open_an_item() {
        let text = format!(
            "{LAW} Le Gouvernement détermine et conduit la politique de la Nation, \n\n– sous réserve des dispositions de l'article 16 – et dispose de l'administration. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().map(|b| b.text).collect();
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }

    #[test]
    fn headings_at_the_foot_and_at_the_head_of_a_page_stand_alone() {
        let text = format!(
            "{LAW} Hors session, le Parlement est réuni spécialement à cet effet. \n\n{NOTE} Article 19 \n\n Les actes du Président de la République sont contresignés par le Premier \n\nministre et, le cas échéant, par les ministres responsables. \n\n  Article 66 \n\n__________________ \n Nul ne peut être arbitrairement détenu. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().filter(|b| b.hint == RawHint::None).map(|b| b.text).collect();
        assert_eq!(blocks[1], "Hors session, le Parlement est réuni spécialement à cet effet.");
        assert_eq!(blocks[2], "Article 19");
        assert_eq!(blocks[4], "Article 66");
        assert_eq!(blocks[5], "Nul ne peut être arbitrairement détenu.");
    }

    #[test]
    fn an_indented_lower_case_line_carries_on_a_centred_heading() {
        let text = format!(
            "{BODY}  Более подробная информация, включая рекомендации об изменении \n\n настроек использования данных \n\n Данные, обрабатываемые на вашем устройстве, остаются под вашим контролем. \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().map(|b| b.text).collect();
        assert_eq!(blocks[1], "Более подробная информация, включая рекомендации об изменении настроек использования данных");
    }

    #[test]
    fn under_an_unlabelled_heading_a_flush_left_capital_opens_the_text() {
        let text = format!(
            "{BODY}  Согласованные рекомендации по вопросам политики \n\nМежправительственная группа экспертов по электронной торговле \n\nи цифровой экономике, \n\nссылаясь на пункт 100 r) Найробийского маафикиано (TD/519/Add.2), в котором \n\nпредусмотрено создание группы, \n"
        );
        let blocks: Vec<String> = raw_blocks(&text).into_iter().map(|b| b.text).collect();
        assert_eq!(blocks[1], "Согласованные рекомендации по вопросам политики");
        assert_eq!(blocks[2], "Межправительственная группа экспертов по электронной торговле и цифровой экономике,");
    }
}
