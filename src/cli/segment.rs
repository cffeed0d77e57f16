//! `gloss segment FILE [--json]`.

use clap::Args;
use gloss::export::json::{segment_json, segment_listing};
use std::path::PathBuf;

/// Arguments of `gloss segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The document to read.
    file: PathBuf,
    /// Print the blocks as JSON.
    #[arg(long)]
    json: bool,
}

/// Reads the document and prints its blocks.
pub fn run(args: &SegmentArgs) -> anyhow::Result<()> {
    let document = gloss::ingest::read_path(&args.file)?;
    if args.json { super::print_json(&segment_json(&document)) } else { super::print_text(&segment_listing(&document)) }
}
