//! Panels and dialogs. Panels read the app's state and push [`crate::app::Command`]s; they
//! never mutate the model behind the app's back.

pub mod analysis;
pub mod basemap;
pub mod fonts;
pub mod inspector;
pub mod layers;
pub mod menu;
pub mod messages;
pub mod status_bar;
