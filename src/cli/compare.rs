//! `gloss compare OLD NEW [--json] [--html FILE] [--docx FILE [--author NAME]]`,
//! `gloss compare --tracked FILE.docx`.

use anyhow::Context;
use clap::Args;
use gloss::compare::{CompareOptions, Normalization};
use gloss::export::docx::{DEFAULT_AUTHOR, RedlineOptions};
use gloss::export::{html::redline, json::compare_json, listing::compare_listing};
use std::path::PathBuf;

/// Arguments of `gloss compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier version.
    #[arg(required_unless_present = "tracked")]
    old: Option<PathBuf>,
    /// The later version.
    #[arg(required_unless_present = "tracked")]
    new: Option<PathBuf>,
    /// Compare a Word file's text before its tracked changes with the text after them.
    #[arg(long, value_name = "FILE.docx", conflicts_with_all = ["old", "new"])]
    tracked: Option<PathBuf>,
    /// Print the alignment as JSON.
    #[arg(long)]
    json: bool,
    /// Also write a self-contained side-by-side HTML redline to this file.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Also write a Word redline to this file: the new version with every change as a tracked
    /// change (accept all gives the new text, reject all the old).
    #[arg(long, value_name = "FILE.docx")]
    docx: Option<PathBuf>,
    /// The author Word shows for the redline's changes.
    #[arg(long, value_name = "NAME", requires = "docx", default_value = DEFAULT_AUTHOR)]
    author: String,
    /// Differences to ignore.
    #[command(flatten)]
    ignore: IgnoreArgs,
}

/// What the comparison may ignore (the compare view's Options menu has the same choices).
#[derive(Debug, Args)]
pub struct IgnoreArgs {
    /// Treat upper and lower case as the same.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation.
    #[arg(long)]
    ignore_punctuation: bool,
    /// Treat all quote styles (« » “ ” " ') as the same.
    #[arg(long)]
    ignore_quotes: bool,
    /// Ignore diacritics (accents, Arabic vowel marks).
    #[arg(long)]
    ignore_diacritics: bool,
    /// Count a list marker glued to the text (`-la loi`) as text (by default it is ignored).
    #[arg(long)]
    keep_list_markers: bool,
}

impl IgnoreArgs {
    /// The comparison options these flags ask for.
    pub fn options(&self) -> CompareOptions {
        let normalization = Normalization {
            ignore_case: self.ignore_case,
            ignore_punctuation: self.ignore_punctuation,
            ignore_quotes: self.ignore_quotes,
            ignore_diacritics: self.ignore_diacritics,
            ignore_list_markers: !self.keep_list_markers,
        };
        CompareOptions { normalization, ..CompareOptions::default() }
    }
}

/// Reads both versions, aligns them and prints the result.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let (old, new) = match (&args.tracked, &args.old, &args.new) {
        (Some(file), _, _) => {
            let (before, after, authors) = gloss::ingest::read_docx_versions(file)?;
            if authors.is_empty() {
                eprintln!("gloss: {} has no tracked changes; both sides are its current text", file.display());
            }
            (before, after)
        }
        (None, Some(old), Some(new)) => {
            let (old, new) = gloss::ingest::read_pair(old, new);
            (old?, new?)
        }
        // clap requires OLD and NEW unless --tracked is given.
        _ => anyhow::bail!("give OLD and NEW, or --tracked FILE.docx"),
    };
    let alignment = gloss::compare::compare_with(&old, &new, args.ignore.options());
    if let Some(path) = &args.html {
        gloss::fsutil::write_atomically(path, redline(&old, &new, &alignment).as_bytes(), gloss::fsutil::WriteOptions { backup: false })
            .with_context(|| format!("{}: cannot write the HTML report", path.display()))?;
    }
    if let Some(path) = &args.docx {
        let options = RedlineOptions { author: args.author.clone(), date: jiff::Timestamp::now() };
        let bytes = gloss::export::docx::redline(&old, &new, &alignment, &options)?;
        gloss::fsutil::write_atomically(path, bytes.as_ref(), gloss::fsutil::WriteOptions { backup: false })
            .with_context(|| format!("{}: cannot write the Word redline", path.display()))?;
    }
    let printed = if args.json {
        super::print_json(&compare_json(&old, &new, &alignment))
    } else {
        super::print_text(&compare_listing(&old, &new, &alignment))
    };
    // The process ends next: freeing every paragraph one by one would only delay it.
    std::mem::forget((old, new, alignment));
    printed
}
