//! Plain-text comparison listing with `[-deleted-]{+inserted+}` markup.

use crate::compare::{Alignment, RowKind};
use crate::store::Document;

/// The summary, then each non-equal row with its labels and markup.
pub fn compare_listing(old: &Document, new: &Document, alignment: &Alignment) -> String {
    let s = &alignment.summary;
    let mut out = format!(
        "{} → {}\nequal {}, changed {}, moved {}, inserted {}, deleted {}, split {}, merged {}, renumbered {}; words +{} -{}\n",
        old.title,
        new.title,
        s.equal,
        s.changed,
        s.moved,
        s.inserted,
        s.deleted,
        s.split,
        s.merged,
        s.renumbered,
        s.words_inserted,
        s.words_deleted
    );
    for row in &alignment.rows {
        if row.kind == RowKind::Equal && !row.renumbered {
            continue;
        }
        let old_labels = old.labels_of(&row.old);
        let new_labels = new.labels_of(&row.new);
        let head = match (old_labels.is_empty(), new_labels.is_empty()) {
            (false, false) if old_labels == new_labels => old_labels,
            (false, false) => format!("{old_labels} → {new_labels}"),
            (true, _) => format!("→ {new_labels}"),
            (_, true) => format!("{old_labels} →"),
        };
        out.push_str(&format!("\n[{}] {}\n", row.kind.name(), head));
        match row.kind {
            RowKind::Equal => out.push_str("    (renumbered only)\n"),
            RowKind::Inserted => out.push_str(&format!("    {{+{}+}}\n", new.blocks[row.new[0]].text)),
            RowKind::Deleted => out.push_str(&format!("    [-{}-]\n", old.blocks[row.old[0]].text)),
            _ => {
                let Some(diff) = &row.diff else { continue };
                let old_texts: Vec<&str> = row.old.iter().map(|&i| old.blocks[i].text.as_str()).collect();
                let new_texts: Vec<&str> = row.new.iter().map(|&j| new.blocks[j].text.as_str()).collect();
                let line = crate::compare::inline::markup_parts(&old_texts, &new_texts, diff);
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out
}
