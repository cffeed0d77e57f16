//! Raw blocks → finished blocks: labels, kinds, footnote links and stable ids.

use super::label::{Label, LabelKind, parse_label};
use super::{RawBlock, RawHint};
use crate::store::{Block, BlockId, BlockKind, FootnoteRef, Lineage, SourceForm, SourceSpan};
use crate::text::ends_with_punctuation;
use markers::{link_glued_markers, link_glued_marks};
use rustc_hash::FxHashMap;
use std::hash::BuildHasher;

mod markers;

/// The document title: the first heading or short unlabelled block before the first numbered paragraph.
pub(crate) fn title(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .take_while(|b| b.kind != BlockKind::Numbered)
        .find(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Unnumbered) && b.text.chars().count() < 200)
        .or_else(|| blocks.iter().find(|b| b.kind == BlockKind::Heading))
        .map(Block::display_text)
}

struct Classified {
    kind: BlockKind,
    level: u8,
    label: Option<Label>,
    text: String,
    refs: Vec<FootnoteRef>,
    source: SourceSpan,
}

/// Finishes raw blocks; footnotes are moved to the end in order of appearance.
pub(crate) fn assemble(raw: Vec<RawBlock>, form: SourceForm) -> Vec<Block> {
    let footnote_numbers: Vec<(usize, u32)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, b)| if let RawHint::Footnote(n) = b.hint { b.label.is_none().then_some((i, n)) } else { None })
        .collect();
    let footnote_marks: Vec<(usize, u32, String)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, b)| if let RawHint::Footnote(n) = b.hint { b.label.clone().map(|m| (i, n, m)) } else { None })
        .collect();
    let mut classified: Vec<Classified> = raw.into_iter().map(|b| classify(b, form)).collect();
    if form == SourceForm::PdfText {
        link_glued_markers(&mut classified, &footnote_numbers);
        link_glued_marks(&mut classified, &footnote_marks);
    }
    for block in &mut classified {
        squash_text(block);
    }
    demote_heading_runs(&mut classified);
    fix_roman_letters(&mut classified);
    nest_inner_lists(&mut classified);
    let (mut body, notes): (Vec<Classified>, Vec<Classified>) = classified.into_iter().partition(|c| c.kind != BlockKind::Footnote);
    body.extend(notes);
    assign_ids(body)
}

fn classify(raw: RawBlock, form: SourceForm) -> Classified {
    if let Some(label) = &raw.label {
        return classify_labelled(&raw, label);
    }
    // Readers that know footnote markers (Markdown `[^1]`, `<sup>1</sup>`) record them as offsets
    // into the text before its label comes off.
    let (text, refs) = (raw.text.clone(), raw.footnote_refs.clone());
    let full_chars = text.chars().count();
    let make = |kind, level, label: Option<Label>, text: String| {
        // Offsets were taken before the label (and its spaces) came off the front of the text.
        let label_chars = if label.as_ref().is_some_and(|l| l.byte_len > 0) { full_chars - text.chars().count() } else { 0 };
        let refs = refs.iter().map(|r| FootnoteRef { char_offset: r.char_offset.saturating_sub(label_chars), ..r.clone() }).collect();
        Classified { kind, level, label, text, refs, source: raw.source.clone() }
    };
    match raw.hint {
        RawHint::Footnote(n) => {
            let label = Label { kind: LabelKind::Number, text: n.to_string(), key: n.to_string(), byte_len: 0 };
            make(BlockKind::Footnote, 0, Some(label), text)
        }
        RawHint::Bullet => make(BlockKind::Bullet, 1, None, text),
        RawHint::Heading(level) => {
            match parse_label(&text)
                .filter(|l| matches!(l.kind, LabelKind::Roman | LabelKind::Section | LabelKind::Number | LabelKind::Article))
            {
                Some(label) => {
                    let rest = text[label.byte_len..].to_string();
                    make(BlockKind::Heading, level, Some(label), rest)
                }
                None => make(BlockKind::Heading, level, None, text),
            }
        }
        RawHint::None => {
            let Some(label) = parse_label(&text) else {
                let heading = form != SourceForm::Markdown
                    && looks_like_heading(&text, 120)
                    && text.split_whitespace().count() <= 14
                    && !ends_with_date(&text);
                return if heading { make(BlockKind::Heading, 3, None, text) } else { make(BlockKind::Unnumbered, 0, None, text) };
            };
            let rest = text[label.byte_len..].to_string();
            match label.kind {
                LabelKind::Roman if looks_like_heading(&rest, 300) => make(BlockKind::Heading, 1, Some(label), rest),
                LabelKind::Section if looks_like_heading(&rest, 300) => make(BlockKind::Heading, 2, Some(label), rest),
                // `A. The Parties…`: a lettered point, its letter a label like `a)`.
                LabelKind::Section => make(BlockKind::SubParagraph, 1, Some(label), rest),
                LabelKind::Number | LabelKind::Article if looks_like_heading(&rest, 200) => make(BlockKind::Heading, 3, Some(label), rest),
                LabelKind::Roman | LabelKind::Number | LabelKind::Article => make(BlockKind::Numbered, 0, Some(label), rest),
                LabelKind::Letter => make(BlockKind::SubParagraph, 1, Some(label), rest),
                LabelKind::SmallRoman => make(BlockKind::SubParagraph, 2, Some(label), rest),
                LabelKind::Bullet => make(BlockKind::Bullet, 1, Some(label), rest),
            }
        }
    }
}

/// A block whose label the reader knew from the source's structure (Word numbering, PDF gutter).
fn classify_labelled(raw: &RawBlock, written: &str) -> Classified {
    let written = written.trim();
    let label = parse_label(&format!("{written} x")).filter(|l| l.text == written || l.kind == LabelKind::Bullet).unwrap_or_else(|| {
        // A label shape the text parser does not know (`2.1.`, `Article 3`, `*`): keep it as written.
        Label { kind: LabelKind::Number, text: written.to_string(), key: crate::text::label_key(written), byte_len: 0 }
    });
    let (kind, level) = match raw.hint {
        RawHint::Footnote(_) => (BlockKind::Footnote, 0),
        RawHint::Heading(level) => (BlockKind::Heading, level),
        RawHint::Bullet => (BlockKind::Bullet, 1),
        RawHint::None => match label.kind {
            LabelKind::Roman | LabelKind::Number | LabelKind::Article => (BlockKind::Numbered, 0),
            LabelKind::Section if looks_like_heading(&raw.text, 300) => (BlockKind::Heading, 2),
            LabelKind::Section | LabelKind::Letter => (BlockKind::SubParagraph, 1),
            LabelKind::SmallRoman => (BlockKind::SubParagraph, 2),
            LabelKind::Bullet => (BlockKind::Bullet, 1),
        },
    };
    let label = if kind == BlockKind::Footnote { Label { key: written.to_string(), ..label } } else { label };
    let label = (kind != BlockKind::Bullet || !label.text.is_empty()).then_some(label);
    Classified { kind, level, label, text: raw.text.clone(), refs: raw.footnote_refs.clone(), source: raw.source.clone() }
}

/// A line closed by a date (`… заседание 14 мая 2025 года`, `Geneva, 3 May 2025`) is a
/// signature or dateline, not a heading.
fn ends_with_date(text: &str) -> bool {
    let mut words: Vec<&str> = text.split_whitespace().map(|w| w.trim_end_matches([',', '.'])).collect();
    // A trailing `года` / `г`: the year word.
    if words.last().is_some_and(|w| w.chars().count() <= 4 && w.chars().all(char::is_alphabetic)) {
        words.pop();
    }
    let n = words.len();
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let is_day =
        |w: &str| !w.is_empty() && w.split(['–', '-']).all(|d| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
    n >= 3 && is_year(words[n - 1]) && words[n - 2].chars().all(char::is_alphabetic) && is_day(words[n - 3])
}

/// A heading: starts with a capital, ends without punctuation, and is short.
fn looks_like_heading(text: &str, max_chars: usize) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && !ends_with_punctuation(text) && text.chars().count() <= max_chars
}

/// Collapses white space runs (kept until markers are linked: a double space marks some of them)
/// and moves footnote offsets with the text.
fn squash_text(block: &mut Classified) {
    if !block.text.contains("  ") && !block.text.starts_with(' ') && !block.text.ends_with(' ') {
        return;
    }
    let mut out = String::with_capacity(block.text.len());
    let mut map = Vec::with_capacity(block.text.len() + 1); // old char offset -> new char offset
    let mut count = 0usize;
    let mut pending_space = false;
    for c in block.text.chars() {
        map.push(count + usize::from(pending_space && count > 0));
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && count > 0 {
            out.push(' ');
            count += 1;
        }
        pending_space = false;
        out.push(c);
        count += 1;
    }
    map.push(count);
    for r in &mut block.refs {
        r.char_offset = map.get(r.char_offset).copied().unwrap_or(count).min(count);
    }
    block.text = out;
}

/// Three or more short heading-shaped lines in a row after the body has begun are a list
/// (country names in an annex), not headings. Before the first numbered paragraph such lines
/// are the title block.
fn demote_heading_runs(blocks: &mut [Classified]) {
    let is_shape_heading = |b: &Classified| b.kind == BlockKind::Heading && b.label.is_none() && b.level == 3;
    let mut i = blocks.iter().position(|b| b.kind == BlockKind::Numbered).unwrap_or(blocks.len());
    while i < blocks.len() {
        if !is_shape_heading(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && is_shape_heading(&blocks[i]) {
            i += 1;
        }
        if i - start >= 3 {
            for block in &mut blocks[start..i] {
                block.kind = BlockKind::Unnumbered;
                block.level = 0;
            }
        }
    }
}

/// `i)`, `v)`, `x)` inside a list that is already roman (`ii)` seen, or no `h)` before) are roman numerals.
fn fix_roman_letters(blocks: &mut [Classified]) {
    let mut previous_letter: Option<String> = None;
    for block in blocks.iter_mut() {
        match (&block.kind, block.label.as_ref().map(|l| l.kind)) {
            (BlockKind::SubParagraph, Some(LabelKind::Letter)) => {
                let key = block.label.as_ref().map(|l| l.key.clone()).unwrap_or_default();
                let follows_letter = previous_letter.as_deref().is_some_and(|p| next_letter(p) == key);
                if matches!(key.as_str(), "i" | "v" | "x") && !follows_letter {
                    block.level = 2;
                    if let Some(label) = block.label.as_mut() {
                        label.kind = LabelKind::SmallRoman;
                    }
                } else {
                    previous_letter = Some(key);
                }
            }
            (BlockKind::SubParagraph, _) => {}
            _ => previous_letter = None,
        }
    }
}

fn next_letter(letter: &str) -> String {
    letter.chars().next().and_then(|c| char::from_u32(c as u32 + 1)).map(String::from).unwrap_or_default()
}

/// A list `1. … 2. …` right after a paragraph ending in `:` is part of that paragraph
/// (an agenda quoted in paragraph 38), not a restart of the paragraph numbering.
fn nest_inner_lists(blocks: &mut [Classified]) {
    let mut last_top: Option<u32> = None;
    let mut nested_last: Option<u32> = None;
    for i in 0..blocks.len() {
        let number = blocks[i].label.as_ref().and_then(Label::number);
        match (blocks[i].kind, number) {
            (BlockKind::Numbered, Some(n)) => {
                if let Some(last) = nested_last {
                    if n == last + 1 && Some(n) != last_top.map(|t| t + 1) {
                        nested_last = Some(n);
                        blocks[i].kind = BlockKind::SubParagraph;
                        blocks[i].level = 1;
                        continue;
                    }
                    nested_last = None;
                }
                let previous_ends_with_colon = i > 0 && blocks[i - 1].text.trim_end().ends_with(':');
                if n == 1 && previous_ends_with_colon && last_top.is_some_and(|t| t > 1) {
                    nested_last = Some(1);
                    blocks[i].kind = BlockKind::SubParagraph;
                    blocks[i].level = 1;
                    continue;
                }
                last_top = Some(n);
            }
            (BlockKind::Heading, _) => {
                nested_last = None;
            }
            _ => {}
        }
    }
}

/// Ids from the label path (`II.A.12.b`); unlabelled blocks get position + fingerprint.
fn assign_ids(blocks: Vec<Classified>) -> Vec<Block> {
    // Path slots: part, section, numbered heading, paragraph, sub-paragraph, sub-sub-paragraph.
    let mut path: [Option<String>; 6] = Default::default();
    let mut unlabelled_run = 0usize;
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    // Keyed by a fast hash: a collision would only number a block's lineage as a repeat.
    let mut texts_seen: FxHashMap<u64, u32> = FxHashMap::default();
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let key = block.label.as_ref().map(|l| l.key.clone());
        let slot = match (block.kind, block.label.as_ref().map(|l| l.kind)) {
            (BlockKind::Footnote, _) => None,
            (BlockKind::Heading, Some(LabelKind::Roman)) => Some(0),
            (BlockKind::Heading, Some(LabelKind::Section)) => Some(1),
            (BlockKind::Heading, Some(LabelKind::Number | LabelKind::Article)) => Some(2),
            (BlockKind::Numbered, Some(LabelKind::Article)) => Some(2),
            (BlockKind::Numbered, _) => Some(3),
            (BlockKind::SubParagraph, Some(LabelKind::SmallRoman)) => Some(5),
            (BlockKind::SubParagraph, Some(_)) => Some(4),
            _ => None,
        };
        let base = match (slot, &key) {
            (Some(slot), Some(key)) => {
                path[slot] = Some(key.clone());
                for lower in path.iter_mut().skip(slot + 1) {
                    *lower = None;
                }
                unlabelled_run = 0;
                join_path(&path)
            }
            _ if block.kind == BlockKind::Footnote => format!("fn{}", key.unwrap_or_default()),
            _ => {
                unlabelled_run += 1;
                let prefix = join_path(&path);
                let fingerprint = &blake3::hash(block.text.as_bytes()).to_hex()[..6];
                let sep = if prefix.is_empty() { "" } else { "/" };
                format!("{prefix}{sep}u{unlabelled_run}-{fingerprint}")
            }
        };
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 { base } else { format!("{base}~{count}") };
        let label = match (&block.label, block.kind) {
            (Some(label), BlockKind::Footnote) => label.key.clone(),
            (Some(label), _) => label.text.clone(),
            (None, _) => String::new(),
        };
        let occurrence = texts_seen.entry(rustc_hash::FxBuildHasher.hash_one(block.text.as_str())).or_insert(0u32);
        *occurrence += 1;
        let lineage = Lineage::of_content(block.kind, &block.text, *occurrence);
        out.push(Block {
            lineage,
            id: BlockId(id),
            kind: block.kind,
            level: block.level,
            label,
            text: block.text,
            footnote_refs: block.refs,
            source: block.source,
        });
    }
    out
}

fn join_path(path: &[Option<String>]) -> String {
    path.iter().flatten().cloned().collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawBlock {
        RawBlock::from_lines(text.to_string(), RawHint::None, 1..2)
    }

    #[test]
    fn labels_become_kinds_and_ids() {
        let blocks = assemble(
            vec![
                raw("II. Организационные вопросы"),
                raw("A. Участники"),
                raw("12. Группа рекомендует:"),
                raw("a) первое;"),
                raw("(i) вложенное;"),
                raw("b) второе."),
            ],
            SourceForm::PdfText,
        );
        let got: Vec<(&str, BlockKind, &str)> = blocks.iter().map(|b| (b.id.0.as_str(), b.kind, b.label.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("II", BlockKind::Heading, "II."),
                ("II.A", BlockKind::Heading, "A."),
                ("II.A.12", BlockKind::Numbered, "12."),
                ("II.A.12.a", BlockKind::SubParagraph, "a)"),
                ("II.A.12.a.i", BlockKind::SubParagraph, "(i)"),
                ("II.A.12.b", BlockKind::SubParagraph, "b)"),
            ]
        );
        assert_eq!(blocks[2].text, "Группа рекомендует:");
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let make = || assemble(vec![raw("Преамбула, первая,"), raw("Преамбула, первая,"), raw("1. Текст.")], SourceForm::Plain);
        let a = make();
        assert_eq!(a, make());
        assert_ne!(a[0].id, a[1].id);
    }

    #[test]
    fn glued_and_spaced_markers_are_linked_and_removed() {
        let mut note = raw("Резолюция 79/1.");
        note.hint = RawHint::Footnote(1);
        let mut note2 = raw("Резолюции 58/32.");
        note2.hint = RawHint::Footnote(2);
        let blocks = assemble(
            vec![
                raw("ссылаясь на «Глобальный цифровой договор» 1 , принимая во внимание, что статья 2 4) Устава"),
                note,
                raw("Ассамблея отметила2, что это так."),
                note2,
            ],
            SourceForm::PdfText,
        );
        assert_eq!(blocks[0].text, "ссылаясь на «Глобальный цифровой договор», принимая во внимание, что статья 2 4) Устава");
        assert_eq!(blocks[0].footnote_refs, vec![FootnoteRef::numbered(1, 41)]);
        assert_eq!(blocks[1].text, "Ассамблея отметила, что это так.");
        assert_eq!(blocks[3].kind, BlockKind::Footnote);
        assert_eq!(blocks[3].label, "2");
    }

    #[test]
    fn markers_out_of_order_on_one_page_are_both_removed() {
        // Two notes on a page whose markers stand in the opposite order (`наведения7` above
        // `представляющей6`); a glued digit on an earlier page is left alone.
        let notes: Vec<RawBlock> = [(5, "См. A/65/201."), (6, "См. A/68/98."), (7, "См. A/70/174.")]
            .into_iter()
            .map(|(n, t)| {
                let mut note = raw(t);
                note.hint = RawHint::Footnote(n);
                note
            })
            .collect();
        let [five, six, seven] = <[RawBlock; 3]>::try_from(notes).unwrap();
        let blocks = assemble(
            vec![
                raw("Меры на этапе7 подготовки и доверия5."),
                five,
                raw("Путем налаживания связей, наведения7 мостов и сотрудничества, представляющей6 интерес."),
                six,
                seven,
            ],
            SourceForm::PdfText,
        );
        assert_eq!(blocks[0].text, "Меры на этапе7 подготовки и доверия.");
        assert_eq!(blocks[1].text, "Путем налаживания связей, наведения мостов и сотрудничества, представляющей интерес.");
        let numbers: Vec<u32> = blocks[1].footnote_refs.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![7, 6]);
    }

    #[test]
    fn a_marker_is_the_one_nearest_before_its_footnote() {
        // A glued digit further up (a quoted figure, a moved paragraph) is not the marker.
        let mut note = raw("Документ A/69/723.");
        note.hint = RawHint::Footnote(3);
        let blocks = assemble(
            vec![raw("Государства отметили3 важность вопроса."), raw("Угроза для благополучия3 людей."), note],
            SourceForm::PdfText,
        );
        assert_eq!(blocks[0].text, "Государства отметили3 важность вопроса.");
        assert!(blocks[0].footnote_refs.is_empty());
        assert_eq!(blocks[1].text, "Угроза для благополучия людей.");
        assert_eq!(blocks[1].footnote_refs, vec![FootnoteRef::numbered(3, 23)]);
    }

    #[test]
    fn superscript_with_double_space_is_a_marker_but_plain_numbers_are_not() {
        let mut note = raw("См. резолюцию 70/1.");
        note.hint = RawHint::Footnote(2);
        let blocks = assemble(vec![raw("пункты 1 и 2 и целей в области устойчивого развития 2  и устранению"), note], SourceForm::PdfText);
        assert_eq!(blocks[0].text, "пункты 1 и 2 и целей в области устойчивого развития и устранению");
        assert_eq!(blocks[0].footnote_refs, vec![FootnoteRef::numbered(2, 51)]);
    }

    #[test]
    fn marker_offsets_after_a_bullet_count_characters() {
        let mut bullet = raw("• Текст со сноской дальше.");
        bullet.footnote_refs = vec![FootnoteRef::numbered(1, 18)];
        let blocks = assemble(vec![bullet], SourceForm::Markdown);
        assert_eq!(blocks[0].text, "Текст со сноской дальше.");
        assert_eq!(blocks[0].footnote_refs, vec![FootnoteRef::numbered(1, 16)]);
    }

    #[test]
    fn runs_of_short_lines_are_a_list_not_headings() {
        let blocks = assemble(vec![raw("1. Текст пункта."), raw("Тунис"), raw("Турция"), raw("Уругвай")], SourceForm::PdfText);
        assert!(blocks[1..].iter().all(|b| b.kind == BlockKind::Unnumbered));
        let title = assemble(
            vec![raw("Рабочая группа"), raw("Третья сессия"), raw("Женева, 2–6 марта"), raw("1. Текст пункта.")],
            SourceForm::PdfText,
        );
        assert!(title[..3].iter().all(|b| b.kind == BlockKind::Heading));
    }

    #[test]
    fn numbered_heading_versus_paragraph() {
        let blocks = assemble(
            vec![raw("1. Использование цифровизации в интересах развития"), raw("1. На своем заседании группа приняла решение.")],
            SourceForm::PdfText,
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading);
        assert_eq!(blocks[1].kind, BlockKind::Numbered);
    }

    #[test]
    fn list_inside_a_paragraph_is_nested() {
        let blocks = assemble(
            vec![
                raw("37. Выборы прошли."),
                raw("38. Повестка дня была следующей:"),
                raw("1. Выборы должностных лиц."),
                raw("2. Утверждение повестки дня."),
                raw("39. Доклад утвержден."),
            ],
            SourceForm::PdfText,
        );
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Numbered, BlockKind::Numbered, BlockKind::SubParagraph, BlockKind::SubParagraph, BlockKind::Numbered]
        );
        assert_eq!(blocks[2].id.0, "38.1");
    }

    #[test]
    fn roman_i_after_h_is_a_letter() {
        let labels = ["h) восьмое;", "i) девятое;", "j) десятое."];
        let blocks = assemble(labels.iter().map(|l| raw(l)).collect(), SourceForm::PdfText);
        assert!(blocks.iter().all(|b| b.level == 1), "{blocks:?}");
        let blocks = assemble(vec![raw("a) первое:"), raw("i) вложенное;"), raw("ii) второе.")], SourceForm::PdfText);
        assert_eq!(blocks[1].level, 2);
    }
}
