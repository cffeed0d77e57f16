//! The compilation as a self-contained HTML page that prints on A4: insertions underlined,
//! deletions struck through (colour only as an extra), every document text escaped.

use super::{Compilation, CompilationRow, ProposalEntry};
use crate::compare::SpanTag;
use crate::export::html::escape;
use std::fmt::Write;

const STYLE: &str = "body{font-family:'PT Serif',Georgia,serif;margin:2rem;color:#222;line-height:1.45}\
h1{font-size:1.35rem}h2{font-size:1.1rem;margin-top:2rem}.meta{color:#555;font-size:.9rem}\
table{border-collapse:collapse;width:100%}th,td{vertical-align:top;text-align:left;padding:.4rem .55rem;border:1px solid #999}\
th{background:#eee}td.label{font-weight:bold;white-space:nowrap}td.current p,td.proposals p{margin:0 0 .35rem}\
.by{font-weight:bold}.note{font-style:italic;color:#333}.proposal+.proposal{border-top:1px dashed #bbb;padding-top:.35rem}\
ins{text-decoration:underline;text-decoration-thickness:2px;color:#1b5e20;background:#e8f5e9}\
del{text-decoration:line-through;color:#b71c1c;background:#fdecea}\
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}\
@page{size:A4;margin:15mm}@media print{body{margin:0;font-size:10.5pt}ins,del{background:none}}";

/// The compilation as an HTML page.
pub fn compilation_html(compilation: &Compilation) -> String {
    let mut html = String::new();
    let title = format!("Compilation of proposals: {}", compilation.title);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        compilation.lang,
        escape(&title)
    );
    let _ = writeln!(html, "<h1>{}</h1>", escape(&title));
    let count: usize = compilation.rows.iter().map(|r| r.proposals.len()).sum::<usize>() + compilation.unplaced.len();
    let _ = writeln!(
        html,
        "<p class=\"meta\">{} · {count} proposals from {} · insertions <ins>underlined</ins>, deletions <del>struck through</del></p>",
        escape(&compilation.source),
        escape(&compilation.authors.join(", "))
    );
    html.push_str("<table><thead><tr><th>Paragraph</th><th>Text under negotiation</th><th>Proposals</th></tr></thead><tbody>\n");
    for row in &compilation.rows {
        table_row(&mut html, row);
    }
    html.push_str("</tbody></table>\n");
    if !compilation.unplaced.is_empty() {
        html.push_str(
            "<h2>Proposals whose passage was not found</h2>\n<table><thead><tr><th>Passage</th><th>Proposal</th></tr></thead><tbody>\n",
        );
        for entry in &compilation.unplaced {
            let _ = write!(html, "<tr><td>«{}»</td><td class=\"proposals\">", escape(&entry.quote));
            proposal(&mut html, entry);
            html.push_str("</td></tr>\n");
        }
        html.push_str("</tbody></table>\n");
    }
    html.push_str("</body></html>\n");
    html
}

fn table_row(html: &mut String, row: &CompilationRow) {
    let _ = write!(html, "<tr id=\"block-{}\"><td class=\"label\">{}</td><td class=\"current\">", row.block, escape(&row.label));
    for line in row.current.split('\n') {
        let _ = write!(html, "<p>{}</p>", escape(line));
    }
    html.push_str("</td><td class=\"proposals\">");
    for entry in &row.proposals {
        proposal(html, entry);
    }
    html.push_str("</td></tr>\n");
}

fn proposal(html: &mut String, entry: &ProposalEntry) {
    let _ = write!(
        html,
        "<div class=\"proposal\"><p class=\"by\">{} — {}</p><p class=\"redline\">",
        escape(&entry.author),
        escape(entry.proposal.kind.name())
    );
    if entry.redline.is_empty() {
        html.push_str(&escape(&entry.proposal.text));
    }
    for piece in &entry.redline {
        let text = escape(&piece.text).replace('\n', "<br>");
        match piece.tag {
            SpanTag::Equal => html.push_str(&text),
            SpanTag::Delete => {
                let _ = write!(html, "<del>{text}</del>");
            }
            SpanTag::Insert => {
                let _ = write!(html, "<ins>{text}</ins>");
            }
        }
    }
    html.push_str("</p>");
    if !entry.note.is_empty() {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(&entry.note));
    }
    html.push_str("</div>");
}
