//! minemap: an offline-first desktop GIS for humanitarian mine action.
//!
//! The crate is split into rooms with narrow doors (see the README's "How it works"):
//! `model` (domain types), `io` (file formats), `analysis` (geodesy, QA, totals),
//! `map` (what is drawn on the map), `ui` (panels), `app` (state and commands) and
//! `cli` (headless subcommands). `analysis` and `io` never import egui.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod i18n;
pub mod io;
#[cfg(feature = "gui")]
pub mod map;
pub mod model;
#[cfg(feature = "gui")]
pub mod state;
#[cfg(feature = "gui")]
pub mod ui;

/// mimalloc instead of the system allocator. Loading a large GeoJSON file allocates millions
/// of small strings, maps and rings from several threads; with glibc's per-thread arenas
/// about 15 % of the load's CPU time went to growing heaps (`mprotect`). Measured on the
/// 200 000-polygon file (`examples/measure_load.rs`, 2 cores): system time 0.9–1.0 s against
/// 1.6–1.8 s, peak memory 1131 MB against 1228 MB. Built with `no_thp`: mimalloc's default of
/// asking for transparent huge pages made the kernel compact memory on every fault (system
/// time 4 s), and so did the large-OS-pages option.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
