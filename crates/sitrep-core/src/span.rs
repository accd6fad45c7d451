use serde::{Deserialize, Serialize};

/// `[start, end)` byte offsets into the document text. Serialises as a
/// two-element JSON array, as spec §6 requires.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span(start, end)
    }
    pub fn start(self) -> usize {
        self.0
    }
    pub fn end(self) -> usize {
        self.1
    }
    pub fn len(self) -> usize {
        self.1 - self.0
    }
    pub fn is_empty(self) -> bool {
        self.0 == self.1
    }
    /// The text this span covers (empty if it does not fit `text`).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.0..self.1).unwrap_or("")
    }
    pub fn contains(self, other: Span) -> bool {
        self.0 <= other.0 && other.1 <= self.1
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.0 < other.1 && other.0 < self.1
    }
    /// Smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span(self.0.min(other.0), self.1.max(other.1))
    }
    /// Shift by `offset` (used when a stage works on a slice of the text).
    pub fn offset(self, offset: usize) -> Span {
        Span(self.0 + offset, self.1 + offset)
    }
    /// Distance in bytes between two spans (0 when they overlap).
    pub fn distance(self, other: Span) -> usize {
        if self.overlaps(other) {
            0
        } else if self.1 <= other.0 {
            other.0 - self.1
        } else {
            self.0 - other.1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_array() {
        assert_eq!(serde_json::to_string(&Span(3, 9)).unwrap(), "[3,9]");
        let s: Span = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(s, Span(1, 2));
    }

    #[test]
    fn geometry() {
        let a = Span(0, 5);
        let b = Span(5, 9);
        assert!(!a.overlaps(b));
        assert_eq!(a.distance(b), 0);
        assert_eq!(Span(0, 3).distance(Span(7, 9)), 4);
        assert_eq!(Span(7, 9).distance(Span(0, 3)), 4);
        assert_eq!(a.cover(b), Span(0, 9));
        assert!(Span(0, 9).contains(b));
        assert_eq!(Span(2, 4).slice("abcdef"), "cd");
        assert_eq!(Span(2, 40).slice("abcdef"), "");
    }
}
