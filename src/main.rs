//! The `gloss` binary: the desktop app, or a headless command when given a subcommand.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
