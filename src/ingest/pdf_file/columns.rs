//! Reading order for simple two-column pages: the left column before the right one, with
//! full-width lines (titles, headings across both columns) keeping their place between them.

use super::lines::Line;

/// Finds a vertical gutter that many lines have text on both sides of and few lines cross.
fn find_gutter(lines: &[Line], page_width: f32) -> Option<f32> {
    let mut best: Option<(usize, usize, f32)> = None; // (two-sided, crossing, x)
    let mut x = page_width * 0.3;
    while x <= page_width * 0.7 {
        let mut two_sided = 0usize;
        let mut crossing = 0usize;
        for line in lines {
            if line.spans.iter().any(|s| s.x0 < x && s.x1 > x) {
                crossing += 1;
            } else if line.spans.iter().any(|s| s.x1 <= x) && line.spans.iter().any(|s| s.x0 >= x) {
                two_sided += 1;
            }
        }
        if best.is_none_or(|(t, c, _)| two_sided > t || (two_sided == t && crossing < c)) {
            best = Some((two_sided, crossing, x));
        }
        x += 2.0;
    }
    let (two_sided, crossing, x) = best?;
    (two_sided >= 4 && two_sided * 10 >= lines.len() * 3 && crossing * 4 <= lines.len()).then_some(x)
}

/// Puts a page's lines (top to bottom) in reading order.
pub(crate) fn reading_order(lines: Vec<Line>, page_width: f32) -> Vec<Line> {
    let Some(gutter) = find_gutter(&lines, page_width) else { return lines };
    let mut out = Vec::with_capacity(lines.len());
    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    for line in lines {
        if line.spans.iter().any(|s| s.x0 < gutter && s.x1 > gutter) {
            out.append(&mut left);
            out.append(&mut right);
            out.push(line);
            continue;
        }
        let (left_spans, right_spans): (Vec<_>, Vec<_>) = line.spans.iter().cloned().partition(|s| s.x1 <= gutter);
        if !left_spans.is_empty() {
            left.push(Line { spans: left_spans, ..line.clone() });
        }
        if !right_spans.is_empty() {
            right.push(Line { spans: right_spans, ..line });
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf_file::lines::{page_lines, tests::word};

    #[test]
    fn left_column_is_read_before_the_right_one() {
        let mut glyphs = word("Title across the page", 60.0, 50.0, 10.0);
        for i in 0..6 {
            let y = 100.0 + i as f32 * 12.0;
            glyphs.extend(word(&format!("left {i}"), 60.0, y, 10.0));
            glyphs.extend(word(&format!("right {i}"), 320.0, y, 10.0));
        }
        let ordered = reading_order(page_lines(&glyphs, 1), 595.0);
        let texts: Vec<String> = ordered.iter().map(Line::text).collect();
        assert_eq!(texts[0], "Title across the page");
        assert_eq!(&texts[1..7], &["left 0", "left 1", "left 2", "left 3", "left 4", "left 5"]);
        assert_eq!(texts[7], "right 0");
        assert_eq!(texts.len(), 13);
    }

    #[test]
    fn single_column_with_gutter_labels_is_left_alone() {
        let mut glyphs = Vec::new();
        for i in 0..6 {
            let y = 100.0 + i as f32 * 12.0;
            glyphs.extend(word(&format!("{i}."), 98.0, y, 10.0));
            glyphs.extend(word("a long line of paragraph text that runs on", 127.0, y, 10.0));
        }
        let lines = page_lines(&glyphs, 1);
        assert_eq!(reading_order(lines.clone(), 595.0), lines);
    }
}
