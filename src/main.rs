//! The `gloss` binary: the desktop app, or a headless command when given a subcommand.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "the binary reports errors on stderr")]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
