//! `gloss compare OLD NEW [--json] [--html FILE]`.

use anyhow::Context;
use clap::Args;
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
}

/// Reads both versions, aligns them and prints the result.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let old = gloss::ingest::read_path(&args.old)?;
    let new = gloss::ingest::read_path(&args.new)?;
    let alignment = gloss::compare::compare(&old, &new);
    if let Some(path) = &args.html {
        std::fs::write(path, redline(&old, &new, &alignment))
            .with_context(|| format!("{}: cannot write the HTML report", path.display()))?;
    }
    if args.json {
        super::print_json(&compare_json(&old, &new, &alignment))
    } else {
        print!("{}", compare_listing(&old, &new, &alignment));
        Ok(())
    }
}
