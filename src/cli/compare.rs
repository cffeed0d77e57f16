//! `gloss compare OLD NEW [--json] [--html FILE]`.

use anyhow::Context;
use clap::Args;
use gloss::compare::{CompareOptions, Normalization};
use gloss::export::{html::redline, json::compare_json, listing::compare_listing};
use std::path::PathBuf;

/// Arguments of `gloss compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier version.
    old: PathBuf,
    /// The later version.
    new: PathBuf,
    /// Print the alignment as JSON.
    #[arg(long)]
    json: bool,
    /// Also write a self-contained side-by-side HTML redline to this file.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
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
    let old = gloss::ingest::read_path(&args.old)?;
    let new = gloss::ingest::read_path(&args.new)?;
    let alignment = gloss::compare::compare_with(&old, &new, args.ignore.options());
    if let Some(path) = &args.html {
        std::fs::write(path, redline(&old, &new, &alignment))
            .with_context(|| format!("{}: cannot write the HTML report", path.display()))?;
    }
    if args.json {
        super::print_json(&compare_json(&old, &new, &alignment))
    } else {
        super::print_text(&compare_listing(&old, &new, &alignment))
    }
}
