//! Command-line parsing and the headless commands. Errors are reported here, once, on stderr.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "the command line prints its results and errors")]

mod annotations;
mod compare;
mod segment;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Gloss: read, annotate, share and compare negotiated texts.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Documents (and .gloss.ron annotation files) to open in the window.
    files: Vec<PathBuf>,
    /// Open the comparison of two versions in the window.
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    compare: Option<Vec<PathBuf>>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split a document into clean numbered blocks.
    Segment(segment::SegmentArgs),
    /// Compare two versions: aligned paragraphs and word-level changes.
    Compare(compare::CompareArgs),
    /// Work with annotation files (.gloss.ron).
    #[command(subcommand)]
    Annotations(annotations::AnnotationsCommand),
}

/// Parses the command line and runs the command; the exit code reports failure.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Segment(args)) => segment::run(&args),
        Some(Command::Compare(args)) => compare::run(&args),
        Some(Command::Annotations(command)) => annotations::run(command),
        None => run_app(cli.files, cli.compare),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gloss: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn run_app(files: Vec<PathBuf>, compare: Option<Vec<PathBuf>>) -> anyhow::Result<()> {
    let compare = compare.and_then(|pair| match <[PathBuf; 2]>::try_from(pair) {
        Ok([old, new]) => Some((old, new)),
        Err(_) => None,
    });
    gloss::ui::run(files, compare).map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

#[cfg(not(feature = "gui"))]
fn run_app(_files: Vec<PathBuf>, _compare: Option<Vec<PathBuf>>) -> anyhow::Result<()> {
    anyhow::bail!("this gloss was built without the window (cargo feature `gui`); use a subcommand: gloss --help")
}

/// Writes `value` as pretty JSON to stdout, streamed (a comparison's JSON runs to megabytes);
/// a reader that stopped reading is not an error.
fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from).and_then(|()| {
        out.write_all(b"\n")?;
        out.flush()
    });
    match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

/// Writes text to stdout; a reader that stopped reading (`| head`) is not an error.
fn print_text(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}
