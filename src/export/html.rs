//! A self-contained side-by-side HTML redline. Every piece of document text is escaped.

use crate::compare::{Alignment, RowKind, SpanTag};
use crate::store::{CharRange, Document};
use crate::text::char_slice;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = "body{font-family:'PT Serif',Georgia,serif;margin:2rem;color:#222;background:#fdfcf9}\
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #e4e0d8}\
.redline td{width:50%;line-height:1.5}.lbl{color:#666;font-family:sans-serif;font-size:.85em;margin-right:.4em}\
del{background:#fde2e1;color:#b71c1c;text-decoration:line-through}ins{background:#dff3e1;color:#1b5e20;text-decoration:underline}\
sup.fn{font-size:.7em;color:#555}\
tr.deleted td.old{background:#fff3f2}tr.inserted td.new{background:#f2fbf3}.kind{font-family:sans-serif;font-size:.75em;color:#555;text-transform:uppercase;letter-spacing:.05em}\
.moved{color:#6a1b9a}.summary td,.summary th{border:1px solid #ddd;text-align:right}.changes li{margin:.2rem 0}\
@page{size:A4;margin:15mm}\
@media print{body{background:#fff;margin:0;font-size:10.5pt}tr{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}\
del,ins{background:none;color:#000}a{color:#000;text-decoration:none}}";

/// Renders the full report: both versions named, insertions underlined and deletions struck
/// through (readable in black and white), footnote markers kept, printable on A4.
pub fn redline(old: &Document, new: &Document, alignment: &Alignment) -> String {
    let mut html = String::new();
    let title = format!("{} → {}", old.title, new.title);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        new.language(),
        escape(&title)
    );
    let _ = writeln!(html, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(html, "<p>Old: {} &nbsp; New: {}</p>", escape(&file_name(&old.source)), escape(&file_name(&new.source)));
    summary_table(&mut html, alignment);
    change_list(&mut html, old, new, alignment);
    html.push_str("<table class=\"redline\"><thead><tr><th>Old</th><th>New</th></tr></thead><tbody>\n");
    for (index, row) in alignment.rows.iter().enumerate() {
        let _ = write!(html, "<tr id=\"row-{index}\" class=\"{}\"><td class=\"old\">", row.kind.name());
        if row.kind != RowKind::Equal {
            let _ = write!(html, "<div class=\"kind\">{}</div>", row.kind.name());
        }
        side(&mut html, old, &row.old, row, true);
        html.push_str("</td><td class=\"new\">");
        if row.kind == RowKind::Moved {
            let from = row.old.first().map(|&o| old.blocks[o].display_label()).unwrap_or_default();
            let _ = write!(html, "<div class=\"kind moved\">moved from {}</div>", escape(&from));
        }
        side(&mut html, new, &row.new, row, false);
        html.push_str("</td></tr>\n");
    }
    html.push_str("</tbody></table></body></html>\n");
    html
}

/// The file name of a source path: a redline sent to colleagues names no local folders.
fn file_name(source: &str) -> String {
    std::path::Path::new(source).file_name().map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned())
}

fn summary_table(html: &mut String, alignment: &Alignment) {
    let s = &alignment.summary;
    html.push_str("<table class=\"summary\" style=\"width:auto;margin-bottom:1rem\"><tr>");
    for kind in RowKind::ALL {
        let _ = write!(html, "<th>{}</th>", kind.name());
    }
    html.push_str("<th>renumbered</th><th>words +</th><th>words −</th></tr><tr>");
    for kind in RowKind::ALL {
        let _ = write!(html, "<td>{}</td>", s.count(kind));
    }
    let _ = writeln!(html, "<td>{}</td><td>{}</td><td>{}</td></tr></table>", s.renumbered, s.words_inserted, s.words_deleted);
}

fn change_list(html: &mut String, old: &Document, new: &Document, alignment: &Alignment) {
    html.push_str("<h2>Changes</h2><ol class=\"changes\">\n");
    for (index, row) in alignment.rows.iter().enumerate().filter(|(_, r)| r.is_change()) {
        let what = match (row.old.is_empty(), row.new.is_empty()) {
            (false, false) => format!("{} → {}", old.labels_of(&row.old), new.labels_of(&row.new)),
            (true, _) => new.labels_of(&row.new),
            (_, true) => old.labels_of(&row.old),
        };
        let _ = writeln!(html, "<li><a href=\"#row-{index}\">{}: {}</a></li>", row.kind.name(), escape(&what));
    }
    html.push_str("</ol>\n");
}

fn side(html: &mut String, doc: &Document, blocks: &[usize], row: &crate::compare::Row, is_old: bool) {
    for (part, &index) in blocks.iter().enumerate() {
        let block = &doc.blocks[index];
        html.push_str("<p>");
        if !block.label.is_empty() {
            let _ = write!(html, "<span class=\"lbl\">{}</span>", escape(&block.label));
        }
        let whole = CharRange::new(0, block.char_len());
        match (&row.diff, row.kind) {
            (Some(diff), _) => {
                let spans = if is_old { diff.old_spans(part) } else { diff.new_spans(part) };
                let mut last = 0;
                for span in spans {
                    // Keep the white space between tokens, which the spans leave out.
                    push_text(html, block, CharRange::new(last, span.char_range.start), None);
                    let wrap = match span.tag {
                        SpanTag::Equal => None,
                        SpanTag::Delete => Some("del"),
                        SpanTag::Insert => Some("ins"),
                    };
                    push_text(html, block, span.char_range, wrap);
                    last = span.char_range.end;
                }
                push_text(html, block, CharRange::new(last, whole.end), None);
            }
            (None, RowKind::Deleted) => push_text(html, block, whole, Some("del")),
            (None, RowKind::Inserted) => push_text(html, block, whole, Some("ins")),
            _ => push_text(html, block, whole, None),
        }
        html.push_str("</p>");
    }
}

/// Escaped text of a range, wrapped in `<del>`/`<ins>` when given, with the footnote markers
/// that stood after its characters (the ranges of a block tile it, so each marker comes once).
fn push_text(html: &mut String, block: &crate::store::Block, range: CharRange, wrap: Option<&str>) {
    if range.is_empty() {
        return;
    }
    if let Some(tag) = wrap {
        let _ = write!(html, "<{tag}>");
    }
    let mut from = range.start;
    for marker in block.footnote_refs.iter().filter(|m| m.char_offset > range.start && m.char_offset <= range.end) {
        html.push_str(&escape(char_slice(&block.text, CharRange::new(from, marker.char_offset))));
        let _ = write!(html, "<sup class=\"fn\">{}</sup>", escape(&marker.label()));
        from = marker.char_offset;
    }
    html.push_str(&escape(char_slice(&block.text, CharRange::new(from, range.end))));
    if let Some(tag) = wrap {
        let _ = write!(html, "</{tag}>");
    }
}
