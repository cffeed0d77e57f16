//! The Markdown reader's unit tests (the reader's behaviour on small documents).

use super::*;
use crate::store::FootnoteRef;

fn texts(md: &str) -> Vec<(String, RawHint)> {
    raw_blocks(md).into_iter().map(|b| (b.text, b.hint)).collect()
}

#[test]
fn headings_keep_their_level_and_lose_markup() {
    assert_eq!(texts("## **II. Организационные вопросы**\n"), vec![("II. Организационные вопросы".into(), RawHint::Heading(2))]);
}

#[test]
fn emphasis_links_and_escapes_are_removed() {
    assert_eq!(clean_inline("**жирный** и *курсив* и __подчёркнутый__"), "жирный и курсив и подчёркнутый");
    assert_eq!(clean_inline("документ [A/77/275](#) и <https://un.org/x>"), "документ A/77/275 и https://un.org/x");
    assert_eq!(clean_inline(r"meeting\_id и \*звезда\*"), "meeting_id и *звезда*");
    assert_eq!(clean_inline(r"[https://w.int/d?meeting\\_id=1](https://w.int/d?meeting_id=1)"), "https://w.int/d?meeting_id=1");
    assert_eq!(clean_inline("A/68/98* и snake_case_name"), "A/68/98* и snake_case_name");
    // Block text has its white space collapsed: one space where `<br>` followed a space.
    assert_eq!(clean_inline("<u>Условия</u> &amp; <br>сервисы"), "Условия & сервисы");
}

#[test]
fn glued_title_and_heading_become_two_headings() {
    let blocks = texts("**Проект доклада о проделанной работе****I. Введение**\n\n1. Текст.\n");
    assert_eq!(blocks[0], ("Проект доклада о проделанной работе".into(), RawHint::Heading(1)));
    assert_eq!(blocks[1], ("I. Введение".into(), RawHint::Heading(2)));
    assert_eq!(blocks[2].0, "1. Текст.");
}

#[test]
fn rules_and_attribute_lists_are_dropped() {
    assert_eq!(texts("---\n\nТекст.\n{: datetime=\"2019\" }\n\n***\n"), vec![("Текст.".into(), RawHint::None)]);
}

#[test]
fn page_break_inside_a_paragraph_is_rejoined() {
    let blocks =
        texts("4. В ответах 42 государств-членов и\n\n3 межправительственных организаций были выделены приоритеты.\n\n5. Далее.\n");
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].0, "4. В ответах 42 государств-членов и 3 межправительственных организаций были выделены приоритеты.");
}

#[test]
fn link_line_after_a_colon_joins_its_sentence() {
    let blocks = texts("3. Список участников размещен по адресу:\n\n[https://w.int/x](https://w.int/x).\n\n4. Далее.\n");
    assert_eq!(blocks[0].0, "3. Список участников размещен по адресу: https://w.int/x.");
    assert_eq!(texts("4. Группа рекомендует:\n\na) первое;\n").len(), 2);
}

#[test]
fn finished_paragraph_is_not_joined_to_the_next() {
    assert_eq!(texts("Первый абзац.\n\nвторой абзац со строчной.\n").len(), 2);
}

#[test]
fn list_items_and_footnotes() {
    let blocks = raw_blocks("* один\n* два\n\nТекст[^1] дальше.\n\n[^1]: Резолюция 75/1.\n");
    assert_eq!((blocks[0].text.as_str(), blocks[0].hint), ("один", RawHint::Bullet));
    assert_eq!((blocks[1].text.as_str(), blocks[1].hint), ("два", RawHint::Bullet));
    assert_eq!(blocks[2].text, "Текст дальше.");
    assert_eq!(blocks[2].footnote_refs, vec![FootnoteRef::numbered(1, 5)]);
    assert_eq!((blocks[3].text.as_str(), blocks[3].hint), ("Резолюция 75/1.", RawHint::Footnote(1)));
}

#[test]
fn front_matter_is_metadata_and_html_sup_is_a_marker() {
    let blocks =
        raw_blocks("---\nlayout: page\ntitle: Policy\n---\n\n## Introduction\n\nText.<sup id=\"r1\"><a href=\"#fn1\">1</a></sup> More.\n");
    assert_eq!((blocks[0].text.as_str(), blocks[0].hint), ("Introduction", RawHint::Heading(2)));
    assert_eq!(blocks[1].text, "Text. More.");
    assert_eq!(blocks[1].footnote_refs, vec![FootnoteRef::numbered(1, 5)]);
    assert_eq!(texts("---\n\nНе метаданные.\n").len(), 1);
}

#[test]
fn list_item_with_heading() {
    assert_eq!(texts("1. #### Вводная часть\n"), vec![("1. Вводная часть".into(), RawHint::Heading(4))]);
}

#[test]
fn soft_wrapped_lines_join_and_labelled_lines_split() {
    assert_eq!(texts("Первая строка\nвторая строка.\n"), vec![("Первая строка вторая строка.".into(), RawHint::None)]);
    assert_eq!(texts("Вводная фраза:\n2. пункт;\nb) подпункт.\n").len(), 3);
    assert_eq!(texts("本协议的\n条款如下。\n"), vec![("本协议的条款如下。".into(), RawHint::None)]);
}

#[test]
fn long_lines_without_blank_lines_are_paragraphs_of_their_own() {
    let long = "This sentence is long enough to be a whole paragraph on its own line, as files written one paragraph per line have them, and it ends here.";
    let md = format!("{long} {long}\nThe next paragraph follows on the very next line.\n");
    assert_eq!(texts(&md).len(), 2);
}

#[test]
fn short_lines_ended_by_br_are_units_but_trailing_spaces_and_long_lines_are_not() {
    let address = texts("Bird & Bird DPO Services SRL <br>\nAvenue Louise 235 b 1 <br>\n1050 Bruxelles <br>\nBelgium\n");
    let lines: Vec<&str> = address.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(lines, ["Bird & Bird DPO Services SRL", "Avenue Louise 235 b 1", "1050 Bruxelles", "Belgium"]);
    // Two trailing spaces are a hard break too, but often there by accident: one unit.
    assert_eq!(texts("Тринадцатая сессия  \nЖенева, 10–14 ноября 2025 года\n").len(), 1);
    // A paragraph wrapped by hand with `<br>` keeps its long lines together.
    let wrapped = "The Parties agree that the provisions of this article apply to every transfer <br>\nof personal data made after the date on which this agreement enters into force.\n";
    assert_eq!(texts(wrapped).len(), 1);
}
