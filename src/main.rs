//! The `minemap` binary: the GUI, or a headless subcommand.

fn main() {}
