//! What is drawn on the map: projection, overlay meshes of the layers (tessellated once,
//! culled with an R-tree, simplified per zoom band), hit testing, basemaps and tile sources.

pub mod basemap;
pub mod basemaps;
pub mod fonts;
pub mod furniture;
pub mod gazetteer;
pub mod grid;
pub mod overlay;
pub mod preview;
pub mod projection;
pub mod raster;
pub mod render;
pub mod style;
pub mod tiles;
pub mod tools;
pub mod view;
