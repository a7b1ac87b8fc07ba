//! Drawing the layers' features fast, and finding the feature under the cursor.
//!
//! The cache follows STYLE.md "Rendering" and the figures of PERFORMANCE.md:
//! - Geometry is projected to Web Mercator world coordinates once (f64), per layer.
//! - An R-tree of feature bounding boxes answers hit tests.
//! - Per zoom band (`BAND_WIDTH` zoom levels), every feature gets a mesh built once: rings
//!   simplified with a tolerance of `SIMPLIFY_PX` at the band's deepest zoom, filled with
//!   lyon's tessellator (concave rings, holes, multipolygons), outlined with a ribbon whose
//!   width is kept in screen points. Areas too small to show a shape in the band become a dot.
//!   Meshes are built lazily, the first time a feature is on screen in that band, in parallel.
//! - Features are grouped into chunks (a grid of `CHUNK_PX` cells per band) whose merged meshes
//!   are culled with a per-band R-tree. A frame then costs one affine transform per visible
//!   vertex, and no per-feature work: at national extent 200 000 areas are a handful of chunks.
//! - Fills and outlines of a layer go into ONE `egui::Mesh` (20 000 meshes cost 32–49 ms to
//!   paint, one merged mesh 5.5 ms).
//! - A per-feature visibility mask (filters) only re-merges chunks from the cached per-feature
//!   meshes; an edited feature is re-tessellated alone.
//!
//! Mesh vertices are stored in f32 *band pixels relative to their chunk's corner*; the corner
//! is mapped to the screen in f64 each frame, so precision depends on the distance to the
//! chunk corner, not on the zoom: z20 stays exact.

//!
//! The module is split by job: [`geom`] projects features to world coordinates once, `bands`
//! groups them into chunks per zoom band and simplifies, `mesh` tessellates, `cache` owns the
//! per-layer state (visibility mask, per-feature invalidation, eviction), `hit` finds the
//! feature under the cursor and `frame` turns the cached meshes into this frame's shapes.

mod bands;
mod cache;
mod frame;
mod geom;
mod hit;
mod labels;
mod mesh;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use egui::Mesh;

use crate::map::style::{self, LayerStyle};
use crate::model::{FeatureRef, LayerId};

pub use bands::band_for_zoom;
pub use cache::{PreparedLayer, prepare_layer};
pub use frame::{fit_bounds, fit_view, screen_to_lonlat};
pub use labels::{LabelCandidate, MAX_LABEL_CANDIDATES, MAX_LABELS, PlacedLabel, place_labels};

use cache::LayerCache;
use frame::FrameMemo;

/// Zoom levels covered by one band of cached meshes. One level keeps the vertex count of a
/// frame close to what the screen can show (two levels measured 2× the vertices at national
/// extent), at the cost of one more band built per level the user visits.
pub const BAND_WIDTH: f64 = 1.0;
/// Deepest band: it serves every zoom from `MAX_BAND * BAND_WIDTH` on.
const MAX_BAND: usize = 20;
/// Side of a chunk cell in pixels at the band's deepest zoom.
const CHUNK_PX: f64 = 512.0;
/// Simplification tolerance in pixels at the band's middle zoom.
const SIMPLIFY_PX: f64 = 0.5;
/// Tolerance for areas too small to get an outline, as a fraction of their size (at least
/// `SIMPLIFY_PX`): a 10 px area keeps the 5–8 vertices that show its shape, not its 60.
const SIMPLIFY_SMALL_FRACTION: f64 = 0.12;
/// Areas smaller than this (largest side, pixels at the band's middle zoom) become a marker, so
/// that at national extent a hazard area is never a speck under the incident symbols.
const DOT_MAX_PX: f64 = 4.0;
/// Areas smaller than this get no outline: at national extent a 1.6 px line around a few
/// pixels of fill is noise, and outlines cost three times the vertices of the fill.
const OUTLINE_MIN_PX: f64 = 16.0;
/// Half the side of a tiny area's marker (outline colour), in screen points: a 6-point
/// square, as large as the incident symbols at national extent.
const DOT_HALF: f32 = 3.0;
/// Half the side of the marker's inner square (fill colour).
const DOT_INNER_HALF: f32 = 2.0;
/// Segments of a point symbol's circle.
const CIRCLE_SEGMENTS: usize = 12;
/// How far a vertex may be pushed out of its feature's box in screen points (ribbons, point
/// symbols): culling pads the view by it.
const MAX_SCREEN_OFFSET: f64 = style::MAX_POINT_RADIUS as f64 + 4.0;
/// At most this many features are tessellated per layer and frame: the first view of 200 000
/// areas fills in over a few frames (≈ 0.1 s each on 2 cores) instead of freezing the window
/// for a second.
const TESSELLATION_BUDGET: usize = 25_000;
/// Band meshes a layer may keep (bytes). Browsing a whole country at z15 would otherwise
/// tessellate every feature in every band visited; beyond this, the chunks shown least
/// recently are dropped (and re-tessellated if the user comes back).
const MESH_BUDGET_BYTES: usize = 256 << 20;
/// Hit tolerance for points (beyond the symbol's radius) and lines, in screen points.
pub const HIT_POINT_PX: f32 = 6.0;
pub const HIT_LINE_PX: f32 = 4.0;

/// Which features to highlight this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub selected: Option<FeatureRef>,
    pub hovered: Option<FeatureRef>,
}

/// What the last `prepare_frame` drew (for tests, benchmarks and a debug overlay).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Chunks that passed culling.
    pub chunks: usize,
    /// Features in those chunks that the visibility mask lets through.
    pub features: usize,
    pub vertices: usize,
    pub indices: usize,
    /// Some visible chunks are still waiting for their meshes (the per-frame tessellation
    /// budget ran out): the caller should request another repaint.
    pub pending: bool,
}

/// The overlay cache of all open layers. Keep one per map view.
#[derive(Default)]
pub struct OverlayCache {
    layers: HashMap<LayerId, LayerCache>,
    /// Last frame's mesh per layer: once egui has painted and dropped its copy, the buffers are
    /// refilled instead of allocated again (a fresh 100 MB allocation page-faults for ms).
    recycled: HashMap<LayerId, Arc<Mesh>>,
    /// What each layer's recycled mesh shows, so a pan only translates it.
    memos: HashMap<LayerId, FrameMemo>,
    tessellations: u64,
    stats: FrameStats,
    /// Frames prepared so far (the clock of chunk eviction).
    frame: u64,
    /// Styles set with `set_style`, kept for layers whose cache is (re)built later.
    styles: HashMap<LayerId, LayerStyle>,
}
