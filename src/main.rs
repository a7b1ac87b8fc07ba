//! The `minemap` binary: the GUI, or a headless subcommand.

use clap::Parser;
use minemap::cli::{self, Cli};

fn main() {
    let args = Cli::parse();
    if let Some(command) = args.command {
        // Headless: `minemap report …`, `minemap validate …` (see `cli::run`).
        std::process::exit(cli::run(command));
    }
    // The lead replaces this branch with the eframe GUI.
    println!("GUI not yet wired");
}
