//! One paragraph per line, as word processors save plain text.

use super::{RawBlock, RawHint};

/// Every non-empty line is a block.
pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let trimmed = crate::text::squash_spaces(line);
            let line_no = i as u32 + 1;
            (!trimmed.is_empty()).then(|| RawBlock::from_lines(trimmed, RawHint::None, line_no..line_no + 1))
        })
        .collect()
}
