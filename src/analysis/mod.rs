//! Geometry and analysis: geodesic areas and lengths on WGS84, totals and land release,
//! incident↔hazard links, geometry QA, coordinate formats. No egui here: the GUI and the
//! command line both call it.

pub mod coords;
pub mod geodesy;
