//! minemap: an offline-first desktop GIS for humanitarian mine action.
//!
//! The crate is split into rooms with narrow doors (see the README's "How it works"):
//! `model` (domain types), `io` (file formats), `analysis` (geodesy, QA, totals),
//! `map` (what is drawn on the map), `ui` (panels), `app` (state and commands) and
//! `cli` (headless subcommands). `analysis` and `io` never import egui.
#![deny(clippy::unwrap_used)]

pub mod analysis;
pub mod app;
pub mod cli;
pub mod io;
pub mod map;
pub mod model;
pub mod ui;

/// mimalloc instead of the system allocator. Loading a large GeoJSON file allocates millions
/// of small strings, maps and rings from several threads; with glibc's per-thread arenas
/// about 15 % of the load's CPU time went to growing heaps (`mprotect`), system time was
/// 1.6–1.9 s against 0.9–1.1 s, and the loaded layer took 5 % more memory (measured with `examples/measure_load.rs`). Large OS
/// pages (`MIMALLOC_ALLOW_LARGE_OS_PAGES`) were tried and left off: under memory pressure
/// the kernel's compaction for huge pages cost more system time than the faults it saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
