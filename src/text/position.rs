//! The position map of a visual line: from screen columns to logical byte
//! offsets and back, and logical styles to visual segments.

use std::ops::Range;

use super::VisualLine;

impl VisualLine {
    /// Width of the clusters alone, without the indent.
    pub fn text_width(&self) -> usize {
        self.clusters.iter().map(|c| c.width).sum()
    }

    /// Width in cells including the indent.
    pub fn width(&self) -> usize {
        self.indent + self.text_width()
    }

    /// The line as it should be printed: indent spaces, then every cluster's
    /// displayed text, left to right.
    pub fn to_text(&self) -> String {
        let mut s = String::with_capacity(
            self.indent + self.clusters.iter().map(|c| c.text.len()).sum::<usize>(),
        );
        s.extend(std::iter::repeat_n(' ', self.indent));
        for c in &self.clusters {
            s.push_str(&c.text);
        }
        s
    }

    /// The logical byte offset (start of the cluster) shown at screen column
    /// `col`, or `None` for the indent, past the end, or no cluster there.
    pub fn logical_at(&self, col: usize) -> Option<usize> {
        let mut x = self.indent;
        if col < x {
            return None;
        }
        for c in &self.clusters {
            if col < x + c.width {
                return Some(c.logical.start);
            }
            x += c.width;
        }
        None
    }

    /// The screen column ranges occupied by the clusters that overlap the
    /// logical byte range `r`, left to right, with touching ranges merged.
    /// A logical range can land in several disjoint places after reordering.
    /// Zero-width and hidden text occupy no columns.
    pub fn columns_of(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut x = self.indent;
        for c in &self.clusters {
            let overlaps = c.logical.start < r.end && r.start < c.logical.end;
            let touches_empty = r.is_empty() && c.logical.start == r.start;
            if c.width > 0 && (overlaps || touches_empty) {
                match out.last_mut() {
                    Some(last) if last.end == x => last.end = x + c.width,
                    _ => out.push(x..x + c.width),
                }
            }
            x += c.width;
        }
        out
    }

    /// Applies logical styles to the line. Each cluster takes the style of
    /// the last span in `spans` containing the cluster's first logical byte
    /// (or `None`); adjacent clusters with equal styles are merged into one
    /// segment. The indent, if any, comes first as an unstyled run of spaces.
    pub fn styled<S: Clone + PartialEq>(
        &self,
        spans: &[(Range<usize>, S)],
    ) -> Vec<(String, Option<S>)> {
        let mut out: Vec<(String, Option<S>)> = Vec::new();
        if self.indent > 0 {
            out.push((" ".repeat(self.indent), None));
        }
        for c in &self.clusters {
            if c.text.is_empty() {
                continue;
            }
            let style = spans
                .iter()
                .rev()
                .find(|(r, _)| r.contains(&c.logical.start))
                .map(|(_, s)| s.clone());
            match out.last_mut() {
                Some((text, last)) if *last == style => text.push_str(&c.text),
                _ => out.push((c.text.to_string(), style)),
            }
        }
        out
    }
}
