//! Row heights of a virtualised list, with tops found in O(log n) and updated in place, so a
//! frame never builds a vector as long as the document.

/// A keyboard scroll step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollStep {
    /// Arrow up.
    LineUp,
    /// Arrow down.
    LineDown,
    /// Page Up.
    PageUp,
    /// Page Down.
    PageDown,
    /// Home: the top.
    Top,
    /// End: the bottom.
    Bottom,
}

impl ScrollStep {
    /// The step a key stands for, if any.
    pub fn of_key(key: egui::Key) -> Option<Self> {
        Some(match key {
            egui::Key::ArrowUp => ScrollStep::LineUp,
            egui::Key::ArrowDown => ScrollStep::LineDown,
            egui::Key::PageUp => ScrollStep::PageUp,
            egui::Key::PageDown => ScrollStep::PageDown,
            egui::Key::Home => ScrollStep::Top,
            egui::Key::End => ScrollStep::Bottom,
            _ => return None,
        })
    }
}

/// Where a scrolled view is, and where the keyboard asked it to go.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScrollPosition {
    /// The offset shown in the last frame.
    pub offset: f32,
    /// The height of the visible part in the last frame.
    pub viewport: f32,
    /// The offset to show in the next frame.
    pub request: Option<f32>,
}

impl ScrollPosition {
    /// Asks for the offset one step away, within `0..=total - viewport`.
    pub fn step(&mut self, step: ScrollStep, total: f32) {
        const LINE: f32 = 40.0;
        let page = (self.viewport - LINE).max(LINE);
        let from = self.request.unwrap_or(self.offset);
        let to = match step {
            ScrollStep::LineUp => from - LINE,
            ScrollStep::LineDown => from + LINE,
            ScrollStep::PageUp => from - page,
            ScrollStep::PageDown => from + page,
            ScrollStep::Top => 0.0,
            ScrollStep::Bottom => total,
        };
        self.request = Some(to.clamp(0.0, (total - self.viewport).max(0.0)));
    }
}

/// Heights of rows (estimated until measured) in a Fenwick tree of prefix sums.
#[derive(Clone, Debug, Default)]
pub struct RowHeights {
    /// The width the heights were measured at.
    width: f32,
    heights: Vec<f32>,
    tree: Vec<f32>,
    total: f32,
}

impl RowHeights {
    /// Resets to estimates when the row count or width changes; otherwise keeps what was measured.
    pub fn prepare(&mut self, rows: usize, width: f32, estimate: impl Fn(usize) -> f32) {
        if self.heights.len() != rows || (self.width - width).abs() > 0.5 {
            self.width = width;
            self.heights = (0..rows).map(estimate).collect();
            self.rebuild();
        }
    }

    /// Forgets every height (the rows changed).
    pub fn reset(&mut self) {
        self.heights.clear();
        self.tree.clear();
        self.total = 0.0;
    }

    fn rebuild(&mut self) {
        // Linear-time Fenwick construction.
        let n = self.heights.len();
        self.tree = self.heights.clone();
        for i in 0..n {
            let parent = i | (i + 1);
            if parent < n {
                self.tree[parent] += self.tree[i];
            }
        }
        self.total = self.heights.iter().sum();
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// Height of a row.
    pub fn height(&self, row: usize) -> f32 {
        self.heights.get(row).copied().unwrap_or(0.0)
    }

    /// Records a measured height; true when it differed from what was known.
    pub fn set(&mut self, row: usize, height: f32) -> bool {
        let Some(old) = self.heights.get(row).copied() else { return false };
        let delta = height - old;
        if delta.abs() <= 0.5 {
            return false;
        }
        self.heights[row] = height;
        self.total += delta;
        let mut i = row;
        while i < self.tree.len() {
            self.tree[i] += delta;
            i |= i + 1;
        }
        true
    }

    /// Top of a row (the sum of the heights above it).
    pub fn top(&self, row: usize) -> f32 {
        let mut sum = 0.0;
        let mut i = row.min(self.tree.len());
        while i > 0 {
            sum += self.tree[i - 1];
            i &= i - 1;
        }
        sum
    }

    /// Total height of all rows.
    pub fn total(&self) -> f32 {
        self.total
    }

    /// The row that contains `y` (the last row when `y` is below all rows).
    pub fn row_at(&self, y: f32) -> usize {
        let n = self.tree.len();
        if n == 0 {
            return 0;
        }
        // Descend the tree: the largest prefix whose sum stays at or under `y`.
        let mut position = 0;
        let mut remaining = y;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = position + step;
            if next <= n && self.tree[next - 1] <= remaining {
                position = next;
                remaining -= self.tree[next - 1];
            }
            step /= 2;
        }
        position.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_steps_stay_inside_the_content() {
        let mut position = ScrollPosition { offset: 100.0, viewport: 400.0, request: None };
        position.step(ScrollStep::PageDown, 2000.0);
        assert_eq!(position.request, Some(460.0));
        position.step(ScrollStep::PageDown, 2000.0);
        assert_eq!(position.request, Some(820.0), "steps add up before the frame shows them");
        position.step(ScrollStep::Bottom, 2000.0);
        assert_eq!(position.request, Some(1600.0));
        position.step(ScrollStep::LineDown, 2000.0);
        assert_eq!(position.request, Some(1600.0));
        position.step(ScrollStep::Top, 2000.0);
        position.step(ScrollStep::LineUp, 2000.0);
        assert_eq!(position.request, Some(0.0));
    }

    #[test]
    fn tops_and_lookups_follow_measured_heights() {
        let mut rows = RowHeights::default();
        rows.prepare(5, 300.0, |i| 10.0 * (i + 1) as f32);
        assert_eq!(rows.top(0), 0.0);
        assert_eq!(rows.top(3), 60.0);
        assert_eq!(rows.total(), 150.0);
        assert_eq!(rows.row_at(0.0), 0);
        assert_eq!(rows.row_at(9.9), 0);
        assert_eq!(rows.row_at(10.0), 1);
        assert_eq!(rows.row_at(59.0), 2);
        assert_eq!(rows.row_at(1000.0), 4);
        assert!(rows.set(1, 40.0));
        assert!(!rows.set(1, 40.2));
        assert_eq!(rows.top(2), 50.0);
        assert_eq!(rows.top(4), 120.0);
        assert_eq!(rows.total(), 170.0);
        assert_eq!(rows.row_at(49.0), 1);
        // Same count and width: measurements are kept.
        rows.prepare(5, 300.2, |_| 1.0);
        assert_eq!(rows.height(1), 40.0);
        rows.prepare(5, 500.0, |_| 1.0);
        assert_eq!(rows.total(), 5.0);
    }

    #[test]
    fn agrees_with_a_plain_prefix_sum() {
        let mut rows = RowHeights::default();
        rows.prepare(37, 100.0, |i| ((i * 7919) % 13 + 1) as f32);
        for (i, h) in [(3, 20.0), (36, 2.0), (0, 9.0), (17, 30.0)] {
            rows.set(i, h);
        }
        let mut y = 0.0;
        for i in 0..rows.len() {
            assert_eq!(rows.top(i), y);
            assert_eq!(rows.row_at(y + 0.25), i);
            y += rows.height(i);
        }
        assert_eq!(rows.total(), y);
    }
}
