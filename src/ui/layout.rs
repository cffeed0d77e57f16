//! Laying out block text with highlights, selection, find matches, diff marks and footnote markers.

use crate::compare::SpanTag;
use crate::store::{Block, BlockKind, CharRange};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

/// A decoration on a character range.
#[derive(Clone, Copy, Debug)]
pub enum Mark {
    /// An annotation highlight in this colour.
    Highlight(Color32),
    /// A carried annotation whose passage changed: highlighted and underlined in warning colour.
    Flagged(Color32),
    /// The selection.
    Selection,
    /// A find match (the current one is stronger).
    Find {
        /// The current match.
        current: bool,
    },
    /// A diff span.
    Diff(SpanTag),
}

/// Where footnote markers were inserted into the galley text (which is why galley and block
/// offsets differ).
#[derive(Clone, Debug, Default)]
pub struct MarkerMap {
    /// (galley char start, char length, footnote number), in order.
    pub markers: Vec<(usize, usize, u32)>,
}

impl MarkerMap {
    /// Block text offset of a galley character index.
    pub fn to_text(&self, galley_index: usize) -> usize {
        let mut shift = 0;
        for &(start, len, _) in &self.markers {
            if galley_index >= start + len {
                shift += len;
            } else if galley_index >= start {
                return start - shift;
            }
        }
        galley_index - shift
    }

    /// The footnote whose marker covers this galley index.
    pub fn footnote_at(&self, galley_index: usize) -> Option<u32> {
        self.markers.iter().find(|&&(start, len, _)| galley_index >= start && galley_index < start + len).map(|m| m.2)
    }
}

/// Fonts and colours of the reading surface.
#[derive(Clone, Copy, Debug)]
pub struct ReadingStyle {
    /// Body text size.
    pub body: f32,
    /// Text colour.
    pub text: Color32,
    /// Weak text (labels, footnotes).
    pub weak: Color32,
    /// Dark theme.
    pub dark: bool,
}

impl ReadingStyle {
    /// The style for a theme.
    pub fn new(dark: bool) -> Self {
        if dark {
            Self { body: 16.0, text: Color32::from_gray(225), weak: Color32::from_gray(150), dark }
        } else {
            Self { body: 16.0, text: Color32::from_rgb(34, 34, 34), weak: Color32::from_gray(110), dark }
        }
    }

    /// Font size of a block.
    pub fn size_of(&self, block: &Block) -> f32 {
        match (block.kind, block.level) {
            (BlockKind::Heading, 0..=1) => self.body + 6.0,
            (BlockKind::Heading, 2) => self.body + 3.0,
            (BlockKind::Heading, _) => self.body + 1.0,
            (BlockKind::Footnote, _) => self.body - 3.0,
            _ => self.body,
        }
    }
}

/// The layout job for a block's text at `width`, with marks (later marks win on overlap,
/// highlights mix).
pub fn block_job(block: &Block, width: f32, style: &ReadingStyle, marks: &[(CharRange, Mark)]) -> (LayoutJob, MarkerMap) {
    let size = style.size_of(block);
    let heading = block.kind == BlockKind::Heading;
    let base = TextFormat {
        font_id: FontId::proportional(size),
        color: if block.kind == BlockKind::Footnote { style.weak } else { style.text },
        line_height: Some(size * 1.45),
        ..Default::default()
    };
    let chars: Vec<char> = block.text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for (range, _) in marks {
        cuts.push(range.start.min(chars.len()));
        cuts.push(range.end.min(chars.len()));
    }
    for r in &block.footnote_refs {
        cuts.push(r.char_offset.min(chars.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob { wrap: egui::text::TextWrapping { max_width: width, ..Default::default() }, ..Default::default() };
    let mut map = MarkerMap::default();
    let mut galley_len = 0usize;
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        for r in block.footnote_refs.iter().filter(|r| r.char_offset == start) {
            // Raised digits at a size a pointer can hit (superscript glyphs are too small to click).
            let marker = format!("\u{2009}{}", r.label());
            let len = marker.chars().count();
            let format = TextFormat {
                font_id: FontId::proportional(size * 0.8),
                color: Color32::from_rgb(30, 110, 200),
                valign: egui::Align::TOP,
                ..base.clone()
            };
            job.append(&marker, 0.0, format);
            map.markers.push((galley_len, len, r.number));
            galley_len += len;
        }
        if start == end {
            continue;
        }
        let text: String = chars[start..end].iter().collect();
        let mut format = base.clone();
        if heading {
            format.color = style.text;
        }
        let mut highlight_colours: Vec<Color32> = Vec::new();
        for (range, mark) in marks.iter().filter(|(r, _)| r.start <= start && r.end >= end && r.start < r.end) {
            let _ = range;
            match mark {
                Mark::Highlight(colour) => highlight_colours.push(*colour),
                Mark::Flagged(colour) => {
                    highlight_colours.push(*colour);
                    format.underline = Stroke::new(2.0, Color32::from_rgb(230, 120, 0));
                }
                Mark::Selection => {
                    format.background = if style.dark { Color32::from_rgb(40, 80, 140) } else { Color32::from_rgb(170, 205, 255) }
                }
                Mark::Find { current } => {
                    format.background = if *current { Color32::from_rgb(255, 150, 0) } else { Color32::from_rgb(255, 230, 120) };
                    format.color = Color32::BLACK;
                }
                Mark::Diff(SpanTag::Delete) => {
                    format.color = if style.dark { Color32::from_rgb(255, 130, 120) } else { Color32::from_rgb(183, 28, 28) };
                    format.strikethrough = Stroke::new(1.2, format.color);
                    format.background = if style.dark { Color32::from_rgb(70, 30, 30) } else { Color32::from_rgb(253, 226, 225) };
                }
                Mark::Diff(SpanTag::Insert) => {
                    format.color = if style.dark { Color32::from_rgb(140, 230, 150) } else { Color32::from_rgb(27, 94, 32) };
                    format.background = if style.dark { Color32::from_rgb(25, 60, 30) } else { Color32::from_rgb(223, 243, 225) };
                }
                Mark::Diff(SpanTag::Equal) => {}
            }
        }
        if !highlight_colours.is_empty() && format.background == Color32::TRANSPARENT {
            format.background = mix(&highlight_colours, style.dark);
            if highlight_colours.len() > 1 {
                format.underline = Stroke::new(2.0, highlight_colours[1]);
            }
        }
        galley_len += end - start;
        job.append(&text, 0.0, format);
    }
    (job, map)
}

/// Overlapping highlights: average colour, more opaque the more annotations overlap.
fn mix(colours: &[Color32], dark: bool) -> Color32 {
    let n = colours.len() as u32;
    let (r, g, b) = colours.iter().fold((0u32, 0u32, 0u32), |acc, c| (acc.0 + c.r() as u32, acc.1 + c.g() as u32, acc.2 + c.b() as u32));
    let alpha = if dark { 110 } else { 80 } + 30 * (n.min(4) - 1);
    Color32::from_rgba_unmultiplied((r / n) as u8, (g / n) as u8, (b / n) as u8, alpha as u8)
}

/// A rough height before measuring: characters per line from the width.
pub fn estimate_height(block: &Block, width: f32, style: &ReadingStyle) -> f32 {
    let size = style.size_of(block);
    let per_line = (width / (size * 0.5)).max(10.0);
    let lines = (block.text.chars().count() as f32 / per_line).ceil().max(1.0);
    lines * size * 1.45 + 14.0
}

/// Converts a tag colour for painting.
pub fn colour(c: crate::annotate::Colour) -> Color32 {
    Color32::from_rgb(c.0[0], c.0[1], c.0[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_map_converts_galley_offsets_to_text_offsets() {
        let map = MarkerMap { markers: vec![(5, 1, 1), (10, 2, 12)] };
        assert_eq!(map.to_text(3), 3);
        assert_eq!(map.to_text(6), 5);
        assert_eq!(map.to_text(12), 9);
        assert_eq!(map.footnote_at(10), Some(12));
        assert_eq!(map.footnote_at(9), None);
    }
}
