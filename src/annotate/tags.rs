//! Tags: names with colours and an order.

use serde::{Deserialize, Serialize};

/// An sRGB colour written as `"#rrggbb"` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// Grey, for annotations without tags.
    pub const NEUTRAL: Colour = Colour([0x9e, 0x9e, 0x9e]);

    /// Parses `#rrggbb`.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Colour([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl std::fmt::Display for Colour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Colour::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("invalid colour {text:?}, expected \"#rrggbb\"")))
    }
}

/// A named tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Its name, unique in a set.
    pub name: String,
    /// Highlight colour.
    pub colour: Colour,
}

/// Tags in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagSet {
    tags: Vec<Tag>,
}

/// Colours given to tags created on the fly, in turn.
const PALETTE: [[u8; 3]; 8] = [
    [0x42, 0x85, 0xf4],
    [0xab, 0x47, 0xbc],
    [0x00, 0x96, 0x88],
    [0xff, 0x70, 0x43],
    [0x8d, 0x6e, 0x63],
    [0x5c, 0x6b, 0xc0],
    [0xc0, 0xca, 0x33],
    [0xec, 0x40, 0x7a],
];

impl Default for TagSet {
    /// The negotiation defaults: support, concern, red line, propose amendment, question, agreed language.
    fn default() -> Self {
        let tag = |name: &str, rgb: [u8; 3]| Tag { name: name.to_string(), colour: Colour(rgb) };
        Self {
            tags: vec![
                tag("support", [0x4c, 0xaf, 0x50]),
                tag("concern", [0xff, 0xb3, 0x00]),
                tag("red line", [0xe5, 0x39, 0x35]),
                tag("propose amendment", [0x1e, 0x88, 0xe5]),
                tag("question", [0x8e, 0x24, 0xaa]),
                tag("agreed language", [0x00, 0x89, 0x7b]),
            ],
        }
    }
}

impl TagSet {
    /// An empty set.
    pub fn empty() -> Self {
        Self { tags: Vec::new() }
    }

    /// Tags in order.
    pub fn iter(&self) -> impl Iterator<Item = &Tag> {
        self.tags.iter()
    }

    /// Number of tags.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// True when there are no tags.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The tag with this name.
    pub fn get(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// Adds a tag with the next palette colour unless it exists.
    pub fn ensure(&mut self, name: &str) {
        if self.get(name).is_none() {
            let colour = Colour(PALETTE[self.tags.len() % PALETTE.len()]);
            self.tags.push(Tag { name: name.to_string(), colour });
        }
    }

    /// Adds a tag (or recolours an existing one).
    pub fn add(&mut self, name: &str, colour: Colour) {
        match self.tags.iter_mut().find(|t| t.name == name) {
            Some(tag) => tag.colour = colour,
            None => self.tags.push(Tag { name: name.to_string(), colour }),
        }
    }

    /// Renames a tag; false if it does not exist or the new name is taken.
    pub fn rename(&mut self, old: &str, new: &str) -> bool {
        if new.trim().is_empty() || self.get(new).is_some() {
            return false;
        }
        match self.tags.iter_mut().find(|t| t.name == old) {
            Some(tag) => {
                tag.name = new.to_string();
                true
            }
            None => false,
        }
    }

    /// Changes a tag's colour.
    pub fn recolour(&mut self, name: &str, colour: Colour) {
        if let Some(tag) = self.tags.iter_mut().find(|t| t.name == name) {
            tag.colour = colour;
        }
    }

    /// Moves a tag by `delta` places (negative: earlier).
    pub fn reorder(&mut self, name: &str, delta: isize) {
        if let Some(index) = self.tags.iter().position(|t| t.name == name) {
            let target = (index as isize + delta).clamp(0, self.tags.len() as isize - 1) as usize;
            let tag = self.tags.remove(index);
            self.tags.insert(target, tag);
        }
    }

    /// Removes a tag definition.
    pub fn remove(&mut self, name: &str) {
        self.tags.retain(|t| t.name != name);
    }

    /// Both sets' tags by name, the same whichever comes first (for merges): each tag stands at
    /// the earlier of its two places (ties: by name); a tag coloured differently on the two
    /// sides takes the colour of the side where it stands earlier (ties: the lower value).
    pub fn union(&self, other: &TagSet) -> TagSet {
        let mut all: Vec<(usize, &Tag)> = self.tags.iter().enumerate().chain(other.tags.iter().enumerate()).collect();
        all.sort_by(|(i, a), (j, b)| (i, &a.name, a.colour.0).cmp(&(j, &b.name, b.colour.0)));
        let mut tags: Vec<Tag> = Vec::with_capacity(all.len());
        for (_, tag) in all {
            if !tags.iter().any(|t| t.name == tag.name) {
                tags.push(tag.clone());
            }
        }
        TagSet { tags }
    }

    /// Adds the tags of `other` that this set lacks (merge by name; ours win on colour).
    pub fn merge_from(&mut self, other: &TagSet) {
        for tag in &other.tags {
            if self.get(&tag.name).is_none() {
                self.tags.push(tag.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_as_hex() {
        let c = Colour::parse("#e53935").unwrap();
        assert_eq!(c.to_string(), "#e53935");
        assert_eq!(Colour::parse("e53935"), None);
        assert_eq!(Colour::parse("#zz0000"), None);
    }

    #[test]
    fn rename_reorder_delete() {
        let mut tags = TagSet::default();
        assert!(tags.rename("concern", "serious concern"));
        assert!(!tags.rename("support", "red line"), "names stay unique");
        tags.reorder("question", -10);
        assert_eq!(tags.iter().next().unwrap().name, "question");
        tags.remove("support");
        assert!(tags.get("support").is_none());
        assert_eq!(tags.len(), 5);
    }

    #[test]
    fn union_does_not_depend_on_the_order() {
        let mut a = TagSet::default();
        a.add("ours", Colour([1, 1, 1]));
        a.add("shared", Colour([2, 2, 2]));
        let mut b = TagSet::default();
        b.reorder("question", -10);
        b.add("shared", Colour([3, 3, 3]));
        b.add("theirs", Colour([4, 4, 4]));
        assert_eq!(a.union(&b), b.union(&a));
        assert_eq!(a.union(&a), a);
        let merged = a.union(&b);
        assert_eq!(merged.iter().next().map(|t| t.name.as_str()), Some("question"), "first on one side, first in the union");
        assert_eq!(merged.get("shared").map(|t| t.colour), Some(Colour([3, 3, 3])), "the colour of the earlier place");
        assert_eq!(merged.len(), 9);
    }
}
