//! What is drawn on the map: projection, overlay meshes of the layers (tessellated once,
//! culled with an R-tree, simplified per zoom band), hit testing, basemaps and tile sources.

pub mod basemap;
pub mod basemaps;
pub mod gazetteer;
pub mod overlay;
pub mod preview;
pub mod projection;
pub mod style;
pub mod tiles;
pub mod tools;
pub mod view;
