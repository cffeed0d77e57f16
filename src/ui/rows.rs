//! Row heights of a virtualised list, with tops found in O(log n) and updated in place, so a
//! frame never builds a vector as long as the document.

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
