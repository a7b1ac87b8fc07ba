//! The domain: layers of features read from files, the roles they play in mine action
//! (hazard areas, incidents, clearance sectors) and which property means what.
//!
//! A feature keeps everything its file said about it, so export loses nothing.

mod domain;
mod feature;
mod layer;
mod properties;
mod schema;

pub use domain::{AccidentType, Classification, Contamination, HazardStatus};
pub use feature::{Feature, FeatureId, GeometryNote, GeometryNoteKind};
pub use layer::{FeatureRef, Layer, LayerId, add_property_keys};
pub use properties::{Properties, PropertyKey, PropertyValue, property_key};
pub use schema::{LayerRole, PropertyRole, SchemaMapping, value_text};
