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
