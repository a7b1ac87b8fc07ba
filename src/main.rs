//! The `minemap` binary: the map window, or a headless subcommand (`report`, `validate`).

use std::process::ExitCode;

use clap::Parser;
use minemap::app::{MinemapApp, StartOptions};
use minemap::cli::{self, Cli};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return ExitCode::from(u8::try_from(cli::run(command)).unwrap_or(2));
    }
    let center = match cli.center.as_deref().map(cli::parse_center).transpose() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: --center: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(z) = cli.zoom
        && !(0.0..=22.0).contains(&z)
    {
        eprintln!("error: --zoom: {z} is outside 0–22");
        return ExitCode::from(2);
    }
    let options = StartOptions {
        files: cli.files,
        basemap: cli.basemap,
        center,
        zoom: cli.zoom,
        data_dir: data_dir(),
        reopen_last_session: true,
        script: std::env::var_os("MINEMAP_SCRIPT").map(std::path::PathBuf::from),
        import: cli.csv.any().then(|| cli.csv.import_options()),
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("minemap")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    match eframe::run_native(
        "minemap",
        native,
        Box::new(|cc| Ok(Box::new(MinemapApp::new(cc, options)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}

/// The user's data folder (recovery journals, the last session): `MINEMAP_DATA_DIR` when
/// set, else the system's (`~/.local/share/minemap` on Linux).
fn data_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("MINEMAP_DATA_DIR")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            minemap::io::journal::default_journal_dir()
                .and_then(|d| d.parent().map(std::path::Path::to_path_buf))
        })
}
