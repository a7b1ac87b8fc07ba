//! Panels and dialogs. Panels read the state (`crate::state`) and push
//! [`crate::state::Command`]s; they never mutate the data behind the app's back. What a panel
//! owns is its drafts (text being typed) and, for the table, a cache of sorted rows.

pub mod analysis;
pub mod basemap;
pub mod csv_import;
pub mod filters;
pub mod fonts;
pub mod inspector;
pub mod layers;
pub mod menu;
pub mod messages;
pub mod planner;
pub mod status_bar;
pub mod symbology;
pub mod table;
pub mod tools;
