//! The command-line JSON contracts. Fields are only ever added, never renamed.

use crate::store::{Block, Document};
use serde::Serialize;

/// One block as `gloss segment --json` prints it.
#[derive(Debug, Serialize)]
pub struct BlockJson<'a> {
    /// `heading`, `paragraph` or `footnote`.
    pub kind: &'static str,
    /// The label as written, or `""`.
    pub label: &'a str,
    /// Clean text without the label.
    pub text: &'a str,
    /// Extra: stable block id.
    pub id: &'a str,
    /// Extra: fine kind (`numbered`, `subparagraph`, `bullet`, `unnumbered`, `heading`, `footnote`).
    pub role: &'static str,
    /// Extra: heading level or sub-paragraph depth.
    pub level: u8,
    /// Extra: numbers of the footnotes referenced in the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<u32>,
    /// Extra: the page the block starts on (PDF sources only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Extra: where the block came from (`{"lines": {"start", "end"}}`, `{"pdf": {"page", "last_page", "rect"}}`,
    /// `{"docx": {"start", "end"}}`).
    pub source: &'a crate::store::SourceSpan,
}

impl<'a> From<&'a Block> for BlockJson<'a> {
    fn from(block: &'a Block) -> Self {
        Self {
            kind: block.kind.contract_name(),
            label: &block.label,
            text: &block.text,
            id: &block.id.0,
            role: block.kind.role_name(),
            level: block.level,
            footnotes: block.footnote_refs.iter().map(|r| r.number).collect(),
            page: block.source.page(),
            source: &block.source,
        }
    }
}

/// The blocks of a document in contract form.
pub fn blocks_json(document: &Document) -> Vec<BlockJson<'_>> {
    document.blocks.iter().map(BlockJson::from).collect()
}

/// `gloss segment --json` output.
#[derive(Debug, Serialize)]
pub struct SegmentJson<'a> {
    /// Blocks in reading order.
    pub blocks: Vec<BlockJson<'a>>,
    /// Extra: document title.
    pub title: &'a str,
    /// Extra: encoding the file was read in.
    pub encoding: &'a str,
    /// Extra: content hash.
    pub content_hash: &'a str,
}

/// Builds the `segment --json` value for a document.
pub fn segment_json(document: &Document) -> SegmentJson<'_> {
    SegmentJson {
        blocks: blocks_json(document),
        title: &document.title,
        encoding: &document.encoding,
        content_hash: &document.content_hash,
    }
}

/// A readable listing: label, kind and the first words of each block.
pub fn segment_listing(document: &Document) -> String {
    let mut out = format!("{}  ({} blocks, {}, {:?})\n", document.title, document.blocks.len(), document.encoding, document.form);
    for block in &document.blocks {
        let words: Vec<&str> = block.text.split_whitespace().take(10).collect();
        let more = if block.text.split_whitespace().nth(10).is_some() { " …" } else { "" };
        let label = if block.kind == crate::store::BlockKind::Footnote { format!("[{}]", block.label) } else { block.label.clone() };
        out.push_str(&format!("{:>8}  {:<12} {}{}\n", label, block.kind.role_name(), words.join(" "), more));
    }
    out
}

/// One aligned pair as `gloss compare --json` prints it.
#[derive(Debug, Serialize)]
pub struct PairJson {
    /// Index into `old` blocks, or null.
    pub old: Option<usize>,
    /// Index into `new` blocks, or null.
    pub new: Option<usize>,
    /// `equal`, `changed`, `moved`, `inserted`, `deleted`, `split` or `merged`.
    pub kind: &'static str,
    /// Content similarity `0..=1`.
    pub similarity: f32,
    /// Inline diff operations for this pair.
    pub ops: Vec<OpJson>,
    /// Extra: the label changed.
    pub renumbered: bool,
    /// Extra: index of the row this pair belongs to (pairs of one split or merge share it).
    pub row: usize,
}

/// One inline diff operation with character ranges (`[start, end)`) into the block texts.
#[derive(Debug, Serialize)]
pub struct OpJson {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    /// Character range in the old block, or null for inserts.
    pub old: Option<[usize; 2]>,
    /// Character range in the new block, or null for deletes.
    pub new: Option<[usize; 2]>,
    /// The text concerned (old text for equal and delete, new text for insert).
    pub text: String,
}

/// `gloss compare --json` output.
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    /// Old blocks exactly as `segment --json` prints them.
    pub old: Vec<BlockJson<'a>>,
    /// New blocks exactly as `segment --json` prints them.
    pub new: Vec<BlockJson<'a>>,
    /// Aligned pairs.
    pub pairs: Vec<PairJson>,
    /// Counts.
    pub summary: &'a crate::compare::Summary,
}

/// Builds the `compare --json` value: one pair per 1:1 row, one per new block of a split,
/// one per old block of a merge.
pub fn compare_json<'a>(old: &'a Document, new: &'a Document, alignment: &'a crate::compare::Alignment) -> CompareJson<'a> {
    use crate::compare::{RowKind, SpanTag};
    let mut pairs = Vec::new();
    for (row_index, row) in alignment.rows.iter().enumerate() {
        let ops_for = |old_part: Option<usize>, new_part: Option<usize>| -> Vec<OpJson> {
            let Some(diff) = &row.diff else { return Vec::new() };
            diff.pieces
                .iter()
                .filter(|p| old_part.is_none_or(|k| p.old_part == k) && new_part.is_none_or(|k| p.new_part == k))
                .map(|p| {
                    let old_text = &old.blocks[row.old[p.old_part]].text;
                    let new_text = &new.blocks[row.new[p.new_part]].text;
                    let text = match (p.tag, p.old, p.new) {
                        (SpanTag::Insert, _, Some(r)) => crate::text::char_slice(new_text, r).to_string(),
                        (_, Some(r), _) => crate::text::char_slice(old_text, r).to_string(),
                        _ => String::new(),
                    };
                    let op = match p.tag {
                        SpanTag::Equal => "equal",
                        SpanTag::Delete => "delete",
                        SpanTag::Insert => "insert",
                    };
                    OpJson { op, old: p.old.map(|r| [r.start, r.end]), new: p.new.map(|r| [r.start, r.end]), text }
                })
                .collect()
        };
        let pair = |o: Option<usize>, n: Option<usize>, ops| PairJson {
            old: o,
            new: n,
            kind: row.kind.name(),
            similarity: row.similarity,
            ops,
            renumbered: row.renumbered,
            row: row_index,
        };
        match row.kind {
            RowKind::Split => {
                for (k, &n) in row.new.iter().enumerate() {
                    pairs.push(pair(row.old.first().copied(), Some(n), ops_for(None, Some(k))));
                }
            }
            RowKind::Merged => {
                for (k, &o) in row.old.iter().enumerate() {
                    pairs.push(pair(Some(o), row.new.first().copied(), ops_for(Some(k), None)));
                }
            }
            _ => pairs.push(pair(row.old.first().copied(), row.new.first().copied(), ops_for(None, None))),
        }
    }
    CompareJson { old: blocks_json(old), new: blocks_json(new), pairs, summary: &alignment.summary }
}
