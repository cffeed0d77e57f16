//! List numbering (`numbering.xml`) computed as Word displays it.
//!
//! Word keeps one set of counters per *abstract* list definition (`w:abstractNum`), shared by
//! every numbering instance (`w:num`) that points to it. An instance's
//! `w:lvlOverride/w:startOverride` restarts its level only the first time the instance is used
//! at that level; afterwards the instance simply continues the shared counter. LibreOffice's
//! files rely on this (the first paragraph of a list on an instance of its own that restarts at 1,
//! the rest on a plain instance): counting per instance would show `1., 1., 2.`.

use super::DocxError;
use super::styles::Styles;
use super::xml::{Node, PartReader, attr, attr_number, is_on, local};
use rustc_hash::{FxHashMap, FxHashSet};

/// Levels a list has (`w:ilvl` 0–8).
const LEVELS: usize = 9;

/// How a level's number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumFormat {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    RussianLower,
    RussianUpper,
    Bullet,
    None,
}

impl NumFormat {
    fn from_name(name: &str) -> Self {
        match name {
            "decimalZero" => NumFormat::DecimalZero,
            "lowerLetter" => NumFormat::LowerLetter,
            "upperLetter" => NumFormat::UpperLetter,
            "lowerRoman" => NumFormat::LowerRoman,
            "upperRoman" => NumFormat::UpperRoman,
            "russianLower" => NumFormat::RussianLower,
            "russianUpper" => NumFormat::RussianUpper,
            "bullet" => NumFormat::Bullet,
            "none" => NumFormat::None,
            // decimal, and best effort for the rest (ordinal, cardinalText, East Asian counting).
            _ => NumFormat::Decimal,
        }
    }

    fn format(self, value: u32) -> String {
        match self {
            NumFormat::Decimal => value.to_string(),
            NumFormat::DecimalZero => format!("{value:02}"),
            NumFormat::LowerLetter => alphabetic(value, "abcdefghijklmnopqrstuvwxyz"),
            NumFormat::UpperLetter => alphabetic(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            NumFormat::RussianLower => alphabetic(value, "абвгдежзиклмнопрстуфхцчшщэюя"),
            NumFormat::RussianUpper => alphabetic(value, "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"),
            NumFormat::LowerRoman => roman(value).to_lowercase(),
            NumFormat::UpperRoman => roman(value),
            NumFormat::Bullet | NumFormat::None => String::new(),
        }
    }
}

/// Word's letter numbering: `a`…`z`, then `aa`…`zz`, `aaa`….
fn alphabetic(value: u32, alphabet: &str) -> String {
    let letters: Vec<char> = alphabet.chars().collect();
    if value == 0 || letters.is_empty() {
        return String::new();
    }
    let index = (value as usize - 1) % letters.len();
    let repeat = ((value as usize - 1) / letters.len() + 1).min(64);
    std::iter::repeat_n(letters[index], repeat).collect()
}

/// A lower-case roman numeral (`iv`): Word's default endnote numbering.
pub(super) fn lower_roman(value: u32) -> String {
    roman(value).to_lowercase()
}

fn roman(value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = value.min(9999);
    let mut out = String::new();
    for (amount, numeral) in NUMERALS {
        while rest >= amount {
            out.push_str(numeral);
            rest -= amount;
        }
    }
    out
}

/// One level of a list definition.
#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: NumFormat,
    text: String,
    /// `w:lvlRestart`: restart after this one-based level is used (0 = never); `None` = after any
    /// higher level.
    restart: Option<u32>,
    /// `w:isLgl`: every number in the text written in decimal.
    legal: bool,
    /// `w:pStyle`: the paragraph style linked to this level.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        // The schema's defaults: start at 0, decimal, no text.
        Self { start: 0, format: NumFormat::Decimal, text: String::new(), restart: None, legal: false, style: None }
    }
}

#[derive(Clone, Debug, Default)]
struct AbstractList {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition lives in the list of this numbering style.
    num_style_link: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Instance {
    abstract_id: u32,
    start_overrides: [Option<u32>; LEVELS],
    level_overrides: [Option<Level>; LEVELS],
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: FxHashMap<u32, AbstractList>,
    instances: FxHashMap<u32, Instance>,
}

/// What a numbered paragraph shows before its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ListLabel {
    /// A bullet (its character is not kept).
    Bullet,
    /// A number as displayed (`12.`, `b)`, `2.1.`).
    Text(String),
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub(super) fn parse(part: &str, xml: &str) -> Result<Self, DocxError> {
        let mut reader = PartReader::new(part, xml);
        let mut out = Numbering::default();
        loop {
            match reader.next()? {
                Node::Open(start) if local(&start) == "abstractNum" => {
                    let id = attr_number(&start, "abstractNumId").unwrap_or(0);
                    let list = read_abstract(&mut reader)?;
                    out.abstracts.insert(id, list);
                }
                Node::Open(start) if local(&start) == "num" => {
                    let Some(id) = attr_number(&start, "numId") else {
                        reader.skip_element()?;
                        continue;
                    };
                    let instance = read_instance(&mut reader)?;
                    out.instances.insert(id, instance);
                }
                Node::End => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// Points instances of a definition that only links to a numbering style
    /// (`w:numStyleLink`) at the definition that style's list uses.
    pub(super) fn link_styles(&mut self, styles: &Styles) {
        let redirects: Vec<(u32, u32)> = self
            .abstracts
            .iter()
            .filter_map(|(&id, list)| {
                let num_id = styles.num_pr(Some(list.num_style_link.as_deref()?))?.num_id?;
                let target = self.instances.get(&num_id)?.abstract_id;
                (target != id).then_some((id, target))
            })
            .collect();
        for instance in self.instances.values_mut() {
            if let Some(&(_, target)) = redirects.iter().find(|(from, _)| *from == instance.abstract_id) {
                instance.abstract_id = target;
            }
        }
    }

    /// The level of list `num_id` linked to a paragraph style (`w:lvl/w:pStyle`): the level of
    /// a styled paragraph that names no level of its own.
    pub(super) fn level_of_style(&self, num_id: u32, style: &str) -> Option<u8> {
        let instance = self.instances.get(&num_id)?;
        let list = self.abstracts.get(&instance.abstract_id)?;
        let index = list.levels.iter().position(|level| level.as_ref().and_then(|l| l.style.as_deref()) == Some(style))?;
        u8::try_from(index).ok()
    }

    fn level(&self, num_id: u32, ilvl: usize) -> Option<(u32, &Level)> {
        let instance = self.instances.get(&num_id)?;
        let list = self.abstracts.get(&instance.abstract_id);
        let level = instance.level_overrides[ilvl].as_ref().or_else(|| list?.levels[ilvl].as_ref())?;
        Some((instance.abstract_id, level))
    }
}

/// Counts list items through a document, one view (accepted or rejected text) at a time.
pub(super) struct ListCounter<'n> {
    numbering: &'n Numbering,
    /// The current value of each level of each abstract list (`None`: not counted since its restart).
    counters: FxHashMap<u32, [Option<u32>; LEVELS]>,
    /// `(numId, ilvl)` whose start override has been applied.
    overridden: FxHashSet<(u32, usize)>,
}

impl<'n> ListCounter<'n> {
    /// Counters at their start.
    pub(super) fn new(numbering: &'n Numbering) -> Self {
        Self { numbering, counters: FxHashMap::default(), overridden: FxHashSet::default() }
    }

    /// Counts a paragraph of list `num_id` at level `ilvl` and returns what it shows; `None` for
    /// no numbering (`numId` 0, an unknown list, an empty level text).
    pub(super) fn next_label(&mut self, num_id: u32, ilvl: u8) -> Option<ListLabel> {
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let (abstract_id, level) = self.numbering.level(num_id, ilvl)?;
        let counters = self.counters.entry(abstract_id).or_default();
        let restart = self.numbering.instances.get(&num_id).and_then(|i| i.start_overrides[ilvl]);
        counters[ilvl] = match restart {
            Some(start) if self.overridden.insert((num_id, ilvl)) => Some(start),
            _ => Some(counters[ilvl].map_or(level.start, |n| n.saturating_add(1))),
        };
        for (deeper, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let rule = self.numbering.level(num_id, deeper).and_then(|(_, l)| l.restart);
            let restarts = match rule {
                None => true,
                Some(0) => false,
                // A restart level at or below this one is ignored, as the schema says.
                Some(n) if n as usize > deeper => true,
                Some(n) => ilvl < n as usize,
            };
            if restarts {
                *counter = None;
            }
        }
        if level.format == NumFormat::Bullet {
            return Some(ListLabel::Bullet);
        }
        let counters = *counters;
        let mut text = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=LEVELS as u32).contains(d));
            match (c, referenced) {
                ('%', Some(digit)) => {
                    chars.next();
                    let index = digit as usize - 1;
                    let Some((_, shown)) = self.numbering.level(num_id, index) else { continue };
                    let value = counters[index].unwrap_or(shown.start);
                    let format = if level.legal && shown.format != NumFormat::None { NumFormat::Decimal } else { shown.format };
                    text.push_str(&format.format(value));
                }
                _ => text.push(c),
            }
        }
        let text = text.trim().to_string();
        (!text.is_empty()).then_some(ListLabel::Text(text))
    }
}

fn read_abstract(reader: &mut PartReader<'_>) -> Result<AbstractList, DocxError> {
    let base = reader.depth() - 1;
    let mut list = AbstractList::default();
    while let Some(start) = reader.child(base)? {
        match local(&start) {
            "lvl" => {
                let ilvl: usize = attr_number(&start, "ilvl").unwrap_or(0);
                let level = read_level(reader)?;
                if ilvl < LEVELS {
                    list.levels[ilvl] = Some(level);
                }
            }
            "numStyleLink" => list.num_style_link = attr(&start, "val"),
            _ => reader.skip_element()?,
        }
    }
    Ok(list)
}

fn read_level(reader: &mut PartReader<'_>) -> Result<Level, DocxError> {
    let base = reader.depth() - 1;
    let mut level = Level::default();
    while let Some(start) = reader.child(base)? {
        match local(&start) {
            "start" => level.start = attr_number(&start, "val").unwrap_or(0),
            "numFmt" => level.format = NumFormat::from_name(&attr(&start, "val").unwrap_or_default()),
            "lvlText" => level.text = attr(&start, "val").unwrap_or_default(),
            "lvlRestart" => level.restart = attr_number(&start, "val"),
            "isLgl" => level.legal = is_on(&start),
            "pStyle" => level.style = attr(&start, "val"),
            _ => {}
        }
        reader.skip_element()?;
    }
    Ok(level)
}

fn read_instance(reader: &mut PartReader<'_>) -> Result<Instance, DocxError> {
    let base = reader.depth() - 1;
    let mut instance = Instance::default();
    let mut current_override: Option<usize> = None;
    while let Some(start) = reader.child(base)? {
        match local(&start) {
            "abstractNumId" => instance.abstract_id = attr_number(&start, "val").unwrap_or(0),
            "lvlOverride" => current_override = attr_number::<usize>(&start, "ilvl").filter(|&i| i < LEVELS),
            "startOverride" => {
                if let Some(ilvl) = current_override {
                    instance.start_overrides[ilvl] = attr_number(&start, "val");
                }
            }
            "lvl" => {
                let level = read_level(reader)?;
                if let Some(ilvl) = current_override {
                    instance.level_overrides[ilvl] = Some(level);
                }
            }
            _ => {}
        }
    }
    Ok(instance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(xml: &str) -> Numbering {
        Numbering::parse("numbering.xml", &format!(r#"<w:numbering xmlns:w="w">{xml}</w:numbering>"#)).unwrap()
    }

    const OUTLINE: &str = r#"<w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4."/><w:lvlRestart w:val="0"/></w:lvl>
    </w:abstractNum>"#;

    fn labels(list: &Numbering, paragraphs: &[(u32, u8)]) -> Vec<String> {
        let mut counter = ListCounter::new(list);
        paragraphs
            .iter()
            .map(|&(num, ilvl)| match counter.next_label(num, ilvl) {
                Some(ListLabel::Text(t)) => t,
                Some(ListLabel::Bullet) => "•".to_string(),
                None => "-".to_string(),
            })
            .collect()
    }

    #[test]
    fn one_counter_per_abstract_list_and_start_override_once() {
        // LibreOffice's shape: the first item on an instance that restarts, the rest on a plain one.
        let list = numbering(&format!(
            r#"{OUTLINE}<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="39"/></w:lvlOverride></w:num>"#
        ));
        assert_eq!(
            labels(&list, &[(3, 0), (1, 0), (1, 0), (3, 0), (4, 0), (1, 0), (0, 0), (9, 0)]),
            ["1.", "2.", "3.", "4.", "39.", "40.", "-", "-"]
        );
    }

    #[test]
    fn levels_reset_below_and_respect_lvl_restart() {
        let list = numbering(&format!(r#"{OUTLINE}<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#));
        let got = labels(&list, &[(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 3), (1, 0), (1, 1), (1, 2), (1, 3)]);
        assert_eq!(got, ["1.", "a)", "b)", "(i)", "(ii)", "1.1.", "2.", "a)", "(i)", "2.2."]);
    }

    #[test]
    fn legal_numbering_bullets_and_formats() {
        let list = numbering(
            r#"<w:abstractNum w:abstractNumId="2">
                <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
                <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
                <w:lvl w:ilvl="3"><w:start w:val="27"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
            </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>"#,
        );
        assert_eq!(labels(&list, &[(5, 0), (5, 1), (5, 2), (5, 3)]), ["IV.", "4.1", "•", "aa)"]);
    }

    #[test]
    fn number_formats() {
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(NumFormat::RussianLower.format(7), "ж");
        assert_eq!(NumFormat::DecimalZero.format(3), "03");
        assert_eq!(alphabetic(0, "ab"), "");
    }
}
