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

use std::collections::HashMap;
use std::sync::Arc;

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, pos2, vec2};
use geo::Geometry;
use lyon_tessellation::math::point;
use lyon_tessellation::path::PathEvent;
use lyon_tessellation::{BuffersBuilder, FillOptions, FillTessellator, FillVertex, VertexBuffers};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::map::projection::{ViewTransform, lonlat_to_world, world_pixels, world_to_lonlat};
use crate::map::style::{self, FeatureStyle};
use crate::model::{Feature, FeatureRef, Layer, LayerId, LayerRole, SchemaMapping};

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
/// Areas smaller than this (largest side, pixels at the band's middle zoom) become a dot.
const DOT_MAX_PX: f64 = 3.0;
/// Areas smaller than this get no outline: at national extent a 1.6 px line around a few
/// pixels of fill is noise, and outlines cost three times the vertices of the fill.
const OUTLINE_MIN_PX: f64 = 16.0;
/// Half the side of a dot, in screen points.
const DOT_HALF: f32 = 1.5;
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

/// The kind of one part of a feature's geometry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PartKind {
    Polygon,
    Line,
    Point,
}

/// A feature's geometry in world coordinates (f64), flattened: `coords` holds every ring,
/// line and point; `ring_ends` the end of each ring in `coords`; `parts` the kind and the end
/// of each part in `ring_ends` (a polygon's first ring is its exterior).
#[derive(Clone, Debug, Default)]
struct WorldGeom {
    coords: Vec<[f64; 2]>,
    ring_ends: Vec<u32>,
    parts: Vec<(PartKind, u32)>,
    min: [f64; 2],
    max: [f64; 2],
}

#[allow(clippy::cast_possible_truncation)] // geometry sizes fit u32
fn len_u32(n: usize) -> u32 {
    n as u32
}

impl WorldGeom {
    fn from_geometry(geometry: &Geometry<f64>) -> Option<Self> {
        let mut g = Self::default();
        g.push_geometry(geometry);
        if g.coords.is_empty() {
            return None;
        }
        // Vec growth leaves up to half the capacity unused: 200 000 features make that 100 MB.
        g.coords.shrink_to_fit();
        g.ring_ends.shrink_to_fit();
        g.parts.shrink_to_fit();
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for c in &g.coords {
            min = [min[0].min(c[0]), min[1].min(c[1])];
            max = [max[0].max(c[0]), max[1].max(c[1])];
        }
        g.min = min;
        g.max = max;
        Some(g)
    }

    fn push_ring(&mut self, coords: impl Iterator<Item = geo::Coord<f64>>, closed: bool) -> bool {
        let start = self.coords.len();
        for c in coords {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let w = lonlat_to_world(c.x, c.y);
            if self.coords.len() > start && self.coords.last() == Some(&w) {
                continue;
            }
            self.coords.push(w);
        }
        // Rings are stored open: the closing position repeats the first.
        if closed && self.coords.len() > start + 1 && self.coords.last() == self.coords.get(start) {
            self.coords.pop();
        }
        let n = self.coords.len() - start;
        let enough = if closed { n >= 3 } else { n >= 1 };
        if enough {
            self.ring_ends.push(len_u32(self.coords.len()));
        } else {
            self.coords.truncate(start);
        }
        enough
    }

    fn push_polygon(&mut self, polygon: &geo::Polygon<f64>) {
        if !self.push_ring(polygon.exterior().coords().copied(), true) {
            return;
        }
        for hole in polygon.interiors() {
            self.push_ring(hole.coords().copied(), true);
        }
        self.parts
            .push((PartKind::Polygon, len_u32(self.ring_ends.len())));
    }

    fn push_line(&mut self, line: &geo::LineString<f64>) {
        if self.push_ring(line.coords().copied(), false) {
            self.parts
                .push((PartKind::Line, len_u32(self.ring_ends.len())));
        }
    }

    fn push_point(&mut self, p: geo::Point<f64>) {
        if self.push_ring(std::iter::once(p.0), false) {
            self.parts
                .push((PartKind::Point, len_u32(self.ring_ends.len())));
        }
    }

    fn push_geometry(&mut self, geometry: &Geometry<f64>) {
        match geometry {
            Geometry::Point(p) => self.push_point(*p),
            Geometry::MultiPoint(mp) => mp.iter().for_each(|p| self.push_point(*p)),
            Geometry::Line(l) => self.push_line(&geo::LineString::from(*l)),
            Geometry::LineString(l) => self.push_line(l),
            Geometry::MultiLineString(ml) => ml.iter().for_each(|l| self.push_line(l)),
            Geometry::Polygon(p) => self.push_polygon(p),
            Geometry::MultiPolygon(mp) => mp.iter().for_each(|p| self.push_polygon(p)),
            Geometry::Rect(r) => self.push_polygon(&r.to_polygon()),
            Geometry::Triangle(t) => self.push_polygon(&t.to_polygon()),
            Geometry::GeometryCollection(gc) => gc.iter().for_each(|g| self.push_geometry(g)),
        }
    }

    fn ring(&self, r: usize) -> &[[f64; 2]] {
        let start = if r == 0 {
            0
        } else {
            self.ring_ends[r - 1] as usize
        };
        &self.coords[start..self.ring_ends[r] as usize]
    }

    /// Each part with the range of its rings.
    fn parts(&self) -> impl Iterator<Item = (PartKind, std::ops::Range<usize>)> + '_ {
        let mut start = 0;
        self.parts.iter().map(move |(kind, end)| {
            let r = start..*end as usize;
            start = *end as usize;
            (*kind, r)
        })
    }

    fn centre(&self) -> [f64; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    fn envelope(&self) -> Rectangle<[f64; 2]> {
        Rectangle::from_corners(self.min, self.max)
    }
}

/// A mesh vertex: `pos` in band pixels relative to the chunk corner, `off` in screen points
/// (ribbon widths, dots and point symbols keep their size whatever the zoom).
#[derive(Clone, Copy, Debug)]
struct BandVertex {
    pos: [f32; 2],
    off: [f32; 2],
    colour: Color32,
}

#[derive(Clone, Debug, Default)]
struct FeatureMesh {
    vertices: Vec<BandVertex>,
    indices: Vec<u32>,
    /// For an area drawn as a dot: its cell (one pixel at the band's middle zoom). Dots in the
    /// same cell look the same, so a chunk merges only the topmost of them.
    dot_cell: Option<(i64, i64)>,
}

impl FeatureMesh {
    fn push(&mut self, pos: [f64; 2], off: [f32; 2], colour: Color32) -> u32 {
        #[allow(clippy::cast_possible_truncation)] // band pixels relative to the chunk corner
        self.vertices.push(BandVertex {
            pos: [pos[0] as f32, pos[1] as f32],
            off,
            colour,
        });
        len_u32(self.vertices.len() - 1)
    }
}

/// The merged mesh of the visible members of a chunk.
#[derive(Clone, Debug, Default)]
struct MergedMesh {
    vertices: Vec<BandVertex>,
    indices: Vec<u32>,
    features: usize,
}

#[derive(Clone, Debug)]
struct Chunk {
    /// World coordinates of the cell corner; vertices are relative to it.
    origin: [f64; 2],
    /// Union of the members' boxes (only grows; a stale larger box only costs a little culling).
    min: [f64; 2],
    max: [f64; 2],
    members: Vec<u32>,
    merged: Option<MergedMesh>,
    /// The frame that last showed this chunk: the least recently shown are evicted first.
    last_used: u64,
}

type ChunkEntry = GeomWithData<Rectangle<[f64; 2]>, u32>;
type FeatureEntry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// The cached meshes of one layer in one zoom band.
struct Band {
    /// Pixels per world unit at the band's deepest zoom: the unit of mesh positions.
    band_scale: f64,
    /// Pixels per world unit at the band's middle zoom: level-of-detail decisions.
    mid_scale: f64,
    cell: f64,
    chunk_of: Vec<u32>,
    chunk_index: HashMap<(i64, i64), u32>,
    chunks: Vec<Chunk>,
    tree: RTree<ChunkEntry>,
    meshes: Vec<Option<FeatureMesh>>,
}

const NO_CHUNK: u32 = u32::MAX;

impl Band {
    fn new(band: usize, geoms: &[Option<WorldGeom>]) -> Self {
        #[allow(clippy::cast_precision_loss)] // band < 16
        let zmax = (band as f64 + 1.0) * BAND_WIDTH;
        let band_scale = world_pixels(zmax);
        let mut b = Self {
            band_scale,
            mid_scale: world_pixels(zmax - BAND_WIDTH / 2.0),
            cell: CHUNK_PX / band_scale,
            chunk_of: vec![NO_CHUNK; geoms.len()],
            chunk_index: HashMap::new(),
            chunks: Vec::new(),
            tree: RTree::new(),
            meshes: vec![None; geoms.len()],
        };
        for (i, g) in geoms.iter().enumerate() {
            if let Some(g) = g {
                b.assign(len_u32(i), g);
            }
        }
        b.tree = RTree::bulk_load(
            b.chunks
                .iter()
                .enumerate()
                .map(|(i, c)| ChunkEntry::new(Rectangle::from_corners(c.min, c.max), len_u32(i)))
                .collect(),
        );
        b
    }

    /// Puts feature `i` in the chunk of its box centre; returns the chunk and whether its box
    /// grew (the caller then updates the chunk tree).
    fn assign(&mut self, i: u32, g: &WorldGeom) -> (u32, Option<Rectangle<[f64; 2]>>) {
        let c = g.centre();
        #[allow(clippy::cast_possible_truncation)] // world / cell stays far inside i64
        let key = (
            (c[0] / self.cell).floor() as i64,
            (c[1] / self.cell).floor() as i64,
        );
        let next = len_u32(self.chunks.len());
        let ci = *self.chunk_index.entry(key).or_insert(next);
        if ci == next {
            #[allow(clippy::cast_precision_loss)]
            let origin = [key.0 as f64 * self.cell, key.1 as f64 * self.cell];
            self.chunks.push(Chunk {
                origin,
                min: g.min,
                max: g.max,
                members: Vec::new(),
                merged: None,
                last_used: 0,
            });
        }
        let chunk = &mut self.chunks[ci as usize];
        let old = Rectangle::from_corners(chunk.min, chunk.max);
        chunk.min = [chunk.min[0].min(g.min[0]), chunk.min[1].min(g.min[1])];
        chunk.max = [chunk.max[0].max(g.max[0]), chunk.max[1].max(g.max[1])];
        chunk.members.push(i);
        chunk.merged = None;
        self.chunk_of[i as usize] = ci;
        let grew = old != Rectangle::from_corners(chunk.min, chunk.max) || ci == next;
        (ci, grew.then_some(old))
    }

    fn dirty_all(&mut self) {
        for c in &mut self.chunks {
            c.merged = None;
        }
    }
}

/// Everything cached for one layer.
struct LayerCache {
    geoms: Vec<Option<WorldGeom>>,
    tree: RTree<FeatureEntry>,
    bands: Vec<Option<Band>>,
    mask: Option<Vec<bool>>,
    /// Role and schema the meshes were styled with: when the user changes them, restyle.
    role: LayerRole,
    schema: SchemaMapping,
}

impl LayerCache {
    fn new(layer: &Layer) -> Self {
        let geoms: Vec<Option<WorldGeom>> = layer
            .features
            .par_iter()
            .map(|f| f.geometry.as_ref().and_then(WorldGeom::from_geometry))
            .collect();
        let tree = RTree::bulk_load(
            geoms
                .iter()
                .enumerate()
                .filter_map(|(i, g)| {
                    g.as_ref()
                        .map(|g| FeatureEntry::new(g.envelope(), len_u32(i)))
                })
                .collect(),
        );
        Self {
            geoms,
            tree,
            bands: (0..=MAX_BAND).map(|_| None).collect(),
            mask: None,
            role: layer.role,
            schema: layer.schema.clone(),
        }
    }

    fn shown(&self, i: usize) -> bool {
        self.mask
            .as_ref()
            .is_none_or(|m| m.get(i).copied().unwrap_or(true))
    }
}

/// A layer's cache (projected geometry and R-tree) built off the UI thread.
pub struct PreparedLayer {
    id: LayerId,
    cache: LayerCache,
}

/// Projects and indexes `layer` for [`OverlayCache::insert_prepared`]; call it on a worker
/// thread (it takes about a second for 200 000 polygons).
#[must_use]
pub fn prepare_layer(layer: &Layer) -> PreparedLayer {
    PreparedLayer {
        id: layer.id,
        cache: LayerCache::new(layer),
    }
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
}

/// What a layer's last mesh was made from. When only the view's centre moved, the mesh is
/// translated in place (one pass over the vertices, no index work) instead of rebuilt.
#[derive(Clone, Debug, PartialEq)]
struct FrameMemo {
    band: usize,
    zoom: f64,
    opacity: f32,
    chunks: Vec<u32>,
    anchor_world: [f64; 2],
    anchor_screen: Pos2,
    stats: FrameStats,
}

/// The band for a zoom level.
#[must_use]
pub fn band_for_zoom(zoom: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=MAX_BAND
    let b = (zoom.max(0.0) / BAND_WIDTH).floor().min(MAX_BAND as f64) as usize;
    b
}

impl OverlayCache {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds caches for newly opened layers and drops those of closed ones. A layer whose feature
    /// count changed is brought up to date: appended features are added alone, a shrunk layer is
    /// rebuilt. Cheap when nothing changed; `prepare_frame` and `hit_test` call it themselves
    /// only for the first part (missing layers).
    pub fn sync(&mut self, layers: &[Layer]) {
        self.layers
            .retain(|id, _| layers.iter().any(|l| l.id == *id));
        self.recycled
            .retain(|id, _| layers.iter().any(|l| l.id == *id));
        self.memos
            .retain(|id, _| layers.iter().any(|l| l.id == *id));
        for layer in layers {
            let known = self.layers.get(&layer.id).map(|c| c.geoms.len());
            match known {
                None => {
                    self.layers.insert(layer.id, LayerCache::new(layer));
                }
                Some(n) if n > layer.features.len() => {
                    self.layers.insert(layer.id, LayerCache::new(layer));
                }
                Some(n) if n < layer.features.len() => {
                    for index in n..layer.features.len() {
                        self.invalidate_feature(layer, index);
                    }
                }
                Some(_) => {}
            }
        }
    }

    /// Adds a layer cache built elsewhere (on the loading thread, see [`prepare_layer`]), so a
    /// 200 000-feature layer never projects and indexes on the UI thread.
    pub fn insert_prepared(&mut self, prepared: PreparedLayer) {
        self.layers.insert(prepared.id, prepared.cache);
    }

    /// Sets which features of `layer` are drawn and hit (`None`: all). Filters call this; no
    /// feature is re-tessellated, only chunks are re-merged from cached meshes.
    pub fn set_visibility(&mut self, layer: LayerId, mask: Option<Vec<bool>>) {
        if let Some(cache) = self.layers.get_mut(&layer) {
            cache.mask = mask;
            for band in cache.bands.iter_mut().flatten() {
                band.dirty_all();
            }
        }
    }

    /// The geometry (or style-relevant properties) of feature `index` of `layer` changed, or the
    /// feature was appended: re-project it and re-tessellate it alone (lazily, in every band
    /// the next time it is on screen).
    pub fn invalidate_feature(&mut self, layer: &Layer, index: usize) {
        let Some(cache) = self.layers.get_mut(&layer.id) else {
            return;
        };
        let new_geom = layer
            .features
            .get(index)
            .and_then(|f| f.geometry.as_ref())
            .and_then(WorldGeom::from_geometry);
        if index >= cache.geoms.len() {
            cache.geoms.resize_with(index + 1, || None);
            for band in cache.bands.iter_mut().flatten() {
                band.chunk_of.resize(index + 1, NO_CHUNK);
                band.meshes.resize(index + 1, None);
            }
        }
        let i = len_u32(index);
        if let Some(old) = &cache.geoms[index] {
            cache.tree.remove(&FeatureEntry::new(old.envelope(), i));
        }
        if let Some(g) = &new_geom {
            cache.tree.insert(FeatureEntry::new(g.envelope(), i));
        }
        for band in cache.bands.iter_mut().flatten() {
            band.meshes[index] = None;
            let old_chunk = band.chunk_of[index];
            if old_chunk != NO_CHUNK {
                let c = &mut band.chunks[old_chunk as usize];
                c.members.retain(|m| *m != i);
                c.merged = None;
                band.chunk_of[index] = NO_CHUNK;
            }
            if let Some(g) = &new_geom {
                let (ci, grew) = band.assign(i, g);
                if let Some(old) = grew {
                    band.tree.remove(&ChunkEntry::new(old, ci));
                    let c = &band.chunks[ci as usize];
                    band.tree
                        .insert(ChunkEntry::new(Rectangle::from_corners(c.min, c.max), ci));
                }
            }
        }
        cache.geoms[index] = new_geom;
    }

    /// Drops every mesh of `layer` (for example after its style changed in a way the cache
    /// cannot see); they are rebuilt lazily.
    pub fn invalidate_layer(&mut self, layer: LayerId) {
        if let Some(cache) = self.layers.get_mut(&layer) {
            cache.bands.iter_mut().for_each(|b| *b = None);
        }
    }

    /// How many feature meshes have been tessellated since the cache was made.
    #[must_use]
    pub fn tessellation_count(&self) -> u64 {
        self.tessellations
    }

    /// Roughly how many bytes the cache holds (projected geometry, R-trees, band meshes, merged
    /// chunks, recycled screen meshes): for the memory budget of issue 2 (≤ 3× the file).
    #[must_use]
    pub fn approx_bytes(&self) -> usize {
        use std::mem::size_of;
        let mut total = 0;
        for cache in self.layers.values() {
            for g in cache.geoms.iter().flatten() {
                total += size_of::<WorldGeom>()
                    + g.coords.capacity() * size_of::<[f64; 2]>()
                    + g.ring_ends.capacity() * 4
                    + g.parts.capacity() * size_of::<(PartKind, u32)>();
            }
            total += cache.geoms.capacity() * size_of::<Option<WorldGeom>>();
            total += cache.tree.size() * (size_of::<FeatureEntry>() + 8);
            for band in cache.bands.iter().flatten() {
                total += band.meshes.capacity() * size_of::<Option<FeatureMesh>>()
                    + band.chunk_of.capacity() * 4;
                for m in band.meshes.iter().flatten() {
                    total +=
                        m.vertices.capacity() * size_of::<BandVertex>() + m.indices.capacity() * 4;
                }
                for c in &band.chunks {
                    total += size_of::<Chunk>() + c.members.capacity() * 4;
                    if let Some(m) = &c.merged {
                        total += m.vertices.capacity() * size_of::<BandVertex>()
                            + m.indices.capacity() * 4;
                    }
                }
            }
        }
        for mesh in self.recycled.values() {
            total += mesh.vertices.capacity() * size_of::<Vertex>() + mesh.indices.capacity() * 4;
        }
        total
    }

    /// What the last frame drew.
    #[must_use]
    pub fn last_frame_stats(&self) -> FrameStats {
        self.stats
    }

    /// The shapes of one frame: per visible layer (index 0 at the bottom) one merged mesh of
    /// fills, outlines and symbols, then the hovered and the selected feature's highlight.
    pub fn prepare_frame(
        &mut self,
        layers: &[Layer],
        view: &ViewTransform,
        highlight: &Highlight,
    ) -> Vec<Shape> {
        self.sync_missing(layers);
        self.frame += 1;
        let mut shapes = Vec::with_capacity(layers.len() + 4);
        let mut stats = FrameStats::default();
        let band_index = band_for_zoom(view.zoom);
        let pad = MAX_SCREEN_OFFSET / view.scale;
        let [vmin, vmax] = view.visible_world();
        let envelope = AABB::from_corners(
            [vmin[0].min(vmax[0]) - pad, vmin[1].min(vmax[1]) - pad],
            [vmin[0].max(vmax[0]) + pad, vmin[1].max(vmax[1]) + pad],
        );
        for layer in layers {
            if !layer.visible || layer.opacity <= 0.0 {
                continue;
            }
            let Some(cache) = self.layers.get_mut(&layer.id) else {
                continue;
            };
            if cache.role != layer.role || cache.schema != layer.schema {
                cache.role = layer.role;
                cache.schema = layer.schema.clone();
                cache.bands.iter_mut().for_each(|b| *b = None);
            }
            let prepared = prepare_band(cache, layer, band_index, &envelope, self.frame);
            self.tessellations += prepared.built;
            if prepared.changed {
                evict(cache, self.frame, MESH_BUDGET_BYTES);
            }
            let mut arc = self.recycled.remove(&layer.id).unwrap_or_default();
            let memo = self.memos.remove(&layer.id);
            let anchor_world = view.center_world;
            let reusable = memo.filter(|m| {
                !prepared.changed
                    && m.band == band_index
                    && m.zoom.to_bits() == view.zoom.to_bits()
                    && m.opacity.to_bits() == layer.opacity.to_bits()
                    && m.chunks == prepared.visible
            });
            let memo = if let (Some(mut m), Some(mesh)) = (reusable, Arc::get_mut(&mut arc)) {
                let now = view.to_screen(m.anchor_world);
                let delta = now - m.anchor_screen;
                if delta != egui::Vec2::ZERO {
                    mesh.translate(delta);
                }
                m.anchor_screen = now;
                m
            } else {
                if Arc::get_mut(&mut arc).is_none() {
                    arc = Arc::default(); // egui still holds last frame's mesh
                }
                let mut layer_stats = FrameStats::default();
                if let Some(mesh) = Arc::get_mut(&mut arc) {
                    mesh.clear();
                    transform_layer(
                        cache,
                        band_index,
                        &prepared.visible,
                        view,
                        layer.opacity,
                        &mut layer_stats,
                        mesh,
                    );
                }
                FrameMemo {
                    band: band_index,
                    zoom: view.zoom,
                    opacity: layer.opacity,
                    chunks: prepared.visible,
                    anchor_world,
                    anchor_screen: view.to_screen(anchor_world),
                    stats: layer_stats,
                }
            };
            stats.chunks += memo.stats.chunks;
            stats.features += memo.stats.features;
            stats.vertices += memo.stats.vertices;
            stats.indices += memo.stats.indices;
            stats.pending |= prepared.pending;
            self.memos.insert(layer.id, memo);
            if !arc.indices.is_empty() {
                shapes.push(Shape::Mesh(Arc::clone(&arc)));
            }
            self.recycled.insert(layer.id, arc);
        }
        for (feature, selected) in [(highlight.hovered, false), (highlight.selected, true)] {
            let Some(fr) = feature else { continue };
            if !selected && highlight.selected == Some(fr) {
                continue; // drawn once, as selected
            }
            self.highlight_shapes(layers, view, fr, selected, &mut shapes);
        }
        self.stats = stats;
        shapes
    }

    fn sync_missing(&mut self, layers: &[Layer]) {
        for layer in layers {
            self.layers
                .entry(layer.id)
                .or_insert_with(|| LayerCache::new(layer));
        }
    }

    fn highlight_shapes(
        &self,
        layers: &[Layer],
        view: &ViewTransform,
        fr: FeatureRef,
        selected: bool,
        shapes: &mut Vec<Shape>,
    ) {
        let (Some(layer), Some(cache)) = (
            layers.iter().find(|l| l.id == fr.layer),
            self.layers.get(&fr.layer),
        ) else {
            return;
        };
        let (Some(Some(g)), Some(feature)) =
            (cache.geoms.get(fr.index), layer.features.get(fr.index))
        else {
            return;
        };
        let (halo_colour, halo_width) = if selected {
            (style::SELECTED_HALO, style::SELECTED_HALO_WIDTH)
        } else {
            (style::HOVER_HALO, style::HOVER_HALO_WIDTH)
        };
        let halo = Stroke::new(halo_width, halo_colour);
        let core = Stroke::new(1.0, style::HALO_CORE);
        let fs = style::feature_style(layer, feature);
        let size_px = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * view.scale;
        let mut strokes: Vec<Shape> = Vec::new();
        for (kind, rings) in g.parts() {
            for r in rings {
                let pts: Vec<Pos2> = g.ring(r).iter().map(|w| view.to_screen(*w)).collect();
                match kind {
                    PartKind::Polygon => {
                        shapes.push(Shape::closed_line(pts.clone(), halo));
                        strokes.push(Shape::closed_line(pts, core));
                    }
                    PartKind::Line => {
                        shapes.push(Shape::line(pts.clone(), halo));
                        strokes.push(Shape::line(pts, core));
                    }
                    PartKind::Point => {
                        if let Some(p) = pts.first() {
                            let r = fs.point_radius + halo_width / 2.0;
                            shapes.push(Shape::circle_stroke(*p, r, halo));
                            strokes.push(Shape::circle_stroke(*p, fs.point_radius + 0.5, core));
                        }
                    }
                }
            }
        }
        if size_px < 6.0 && g.parts.iter().any(|(k, _)| *k != PartKind::Point) {
            // A tiny area or line: ring it so the selection can be seen at all.
            let c = view.to_screen(g.centre());
            shapes.push(Shape::circle_stroke(c, 7.0, halo));
        }
        shapes.extend(strokes);
    }

    /// The feature drawn at `screen`: topmost visible layer first; areas by point-in-polygon
    /// (dots of tiny areas by their size on screen), points within `HIT_POINT_PX` of their
    /// symbol, lines within `HIT_LINE_PX`. Features hidden by the visibility mask are not hit.
    #[must_use]
    pub fn hit_test(
        &self,
        layers: &[Layer],
        view: &ViewTransform,
        screen: Pos2,
    ) -> Option<FeatureRef> {
        let w = view.to_world(screen);
        let reach = f64::from(style::MAX_POINT_RADIUS + HIT_POINT_PX) / view.scale;
        let query = AABB::from_corners([w[0] - reach, w[1] - reach], [w[0] + reach, w[1] + reach]);
        for layer in layers.iter().rev() {
            if !layer.visible || layer.opacity <= 0.0 {
                continue;
            }
            let Some(cache) = self.layers.get(&layer.id) else {
                continue;
            };
            // (distance in points, index): nearest wins, later features (drawn on top) win ties.
            let mut best: Option<(f32, usize)> = None;
            for entry in cache.tree.locate_in_envelope_intersecting(&query) {
                let i = entry.data as usize;
                if !cache.shown(i) {
                    continue;
                }
                let (Some(Some(g)), Some(feature)) = (cache.geoms.get(i), layer.features.get(i))
                else {
                    continue;
                };
                let Some(d) = hit_distance(g, layer, feature, view, w) else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((bd, bi)) => d < bd || (d <= bd && i > bi),
                };
                if better {
                    best = Some((d, i));
                }
            }
            if let Some((_, index)) = best {
                return Some(FeatureRef {
                    layer: layer.id,
                    index,
                });
            }
        }
        None
    }
}

/// Distance in screen points from `w` to what `feature` draws, if within hit tolerance
/// (0 inside an area).
fn hit_distance(
    g: &WorldGeom,
    layer: &Layer,
    feature: &Feature,
    view: &ViewTransform,
    w: [f64; 2],
) -> Option<f32> {
    let scale = view.scale;
    let size_px = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * scale;
    let mut best: Option<f32> = None;
    let mut consider = |d: f64, limit: f32| {
        #[allow(clippy::cast_possible_truncation)]
        let d = d as f32;
        if d <= limit && best.is_none_or(|b| d < b) {
            best = Some(d);
        }
    };
    for (kind, rings) in g.parts() {
        match kind {
            PartKind::Polygon => {
                let mut inside = false;
                for r in rings.clone() {
                    if point_in_ring(g.ring(r), w) {
                        inside = !inside;
                    }
                }
                if inside {
                    consider(0.0, 0.0);
                } else if size_px < DOT_MAX_PX * 2.0 {
                    // Drawn as a dot: hit it like one.
                    let c = g.centre();
                    let d = (c[0] - w[0]).hypot(c[1] - w[1]) * scale;
                    consider(d, DOT_HALF + HIT_LINE_PX);
                } else {
                    for r in rings {
                        consider(
                            ring_distance(g.ring(r), w, true) * scale,
                            style::OUTLINE_WIDTH,
                        );
                    }
                }
            }
            PartKind::Line => {
                for r in rings {
                    consider(ring_distance(g.ring(r), w, false) * scale, HIT_LINE_PX);
                }
            }
            PartKind::Point => {
                let radius = style::feature_style(layer, feature).point_radius;
                for r in rings {
                    if let Some(p) = g.ring(r).first() {
                        let d = (p[0] - w[0]).hypot(p[1] - w[1]) * scale;
                        consider(d, HIT_POINT_PX.max(radius + 2.0));
                    }
                }
            }
        }
    }
    best
}

/// Even-odd crossing test of `p` against one ring.
fn point_in_ring(ring: &[[f64; 2]], p: [f64; 2]) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            if p[0] < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

fn segment_distance(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a[0] + t * dx - p[0]).hypot(a[1] + t * dy - p[1])
}

fn ring_distance(ring: &[[f64; 2]], p: [f64; 2], closed: bool) -> f64 {
    let mut d = f64::INFINITY;
    for s in ring.windows(2) {
        d = d.min(segment_distance(s[0], s[1], p));
    }
    if closed
        && ring.len() > 2
        && let (Some(a), Some(b)) = (ring.last(), ring.first())
    {
        d = d.min(segment_distance(*a, *b, p));
    }
    if ring.len() == 1 {
        d = (ring[0][0] - p[0]).hypot(ring[0][1] - p[1]);
    }
    d
}

/// The outcome of [`prepare_band`].
struct Prepared {
    /// Meshes tessellated.
    built: u64,
    /// Whether any visible chunk was (re)merged: the layer's screen mesh must be rebuilt.
    changed: bool,
    /// Whether visible chunks were left for the next frame.
    pending: bool,
    /// The chunks in the view, in the R-tree's order.
    visible: Vec<u32>,
}

/// Makes sure band `band_index` of the layer exists and that every shown member of the
/// chunks in `envelope` has a mesh (built in parallel), and merges dirty chunks.
fn prepare_band(
    cache: &mut LayerCache,
    layer: &Layer,
    band_index: usize,
    envelope: &AABB<[f64; 2]>,
    frame: u64,
) -> Prepared {
    let LayerCache {
        geoms, bands, mask, ..
    } = cache;
    let band = bands[band_index].get_or_insert_with(|| Band::new(band_index, geoms));
    let visible: Vec<u32> = band
        .tree
        .locate_in_envelope_intersecting(envelope)
        .map(|e| e.data)
        .collect();
    for c in &visible {
        band.chunks[*c as usize].last_used = frame;
    }
    let shown = |i: usize| {
        mask.as_ref()
            .is_none_or(|m| m.get(i).copied().unwrap_or(true))
    };
    // Chunks to complete this frame: whole chunks, until the budget is spent.
    let mut missing: Vec<u32> = Vec::new();
    let mut ready: Vec<u32> = Vec::new();
    let mut pending = false;
    for c in visible
        .iter()
        .filter(|c| band.chunks[**c as usize].merged.is_none())
    {
        if missing.len() >= TESSELLATION_BUDGET {
            pending = true;
            continue;
        }
        missing.extend(
            band.chunks[*c as usize]
                .members
                .iter()
                .copied()
                .filter(|i| shown(*i as usize) && band.meshes[*i as usize].is_none()),
        );
        ready.push(*c);
    }
    let params = BandParams {
        band_scale: band.band_scale,
        mid_scale: band.mid_scale,
    };
    let built: Vec<(u32, FeatureMesh)> = {
        let band: &Band = band;
        let make = |i: &u32| {
            let idx = *i as usize;
            let origin = band.chunks[band.chunk_of[idx] as usize].origin;
            let mesh = match (&geoms[idx], layer.features.get(idx)) {
                (Some(g), Some(f)) => {
                    build_mesh(g, &style::feature_style(layer, f), params, origin)
                }
                _ => FeatureMesh::default(),
            };
            let mut mesh = mesh;
            mesh.vertices.shrink_to_fit();
            mesh.indices.shrink_to_fit();
            (*i, mesh)
        };
        if missing.len() > 64 {
            missing.par_iter().map(make).collect()
        } else {
            missing.iter().map(make).collect()
        }
    };
    let count = built.len() as u64;
    for (i, mesh) in built {
        band.meshes[i as usize] = Some(mesh);
    }
    let changed = !ready.is_empty();
    for c in &ready {
        let chunk = &mut band.chunks[*c as usize];
        let mut merged = MergedMesh::default();
        // Topmost (last) dot of each cell wins.
        let mut cells = std::collections::HashSet::new();
        let mut hidden_dot = vec![false; chunk.members.len()];
        for (k, m) in chunk.members.iter().enumerate().rev() {
            let i = *m as usize;
            if let Some(cell) = band.meshes[i].as_ref().and_then(|m| m.dot_cell)
                && shown(i)
                && !cells.insert(cell)
            {
                hidden_dot[k] = true;
            }
        }
        for (k, m) in chunk.members.iter().enumerate() {
            let i = *m as usize;
            if !shown(i) {
                continue;
            }
            if hidden_dot[k] {
                merged.features += 1;
                continue;
            }
            if let Some(mesh) = &band.meshes[i] {
                let base = len_u32(merged.vertices.len());
                merged.vertices.extend_from_slice(&mesh.vertices);
                merged.indices.extend(mesh.indices.iter().map(|x| x + base));
                merged.features += 1;
            }
        }
        merged.vertices.shrink_to_fit();
        merged.indices.shrink_to_fit();
        chunk.merged = Some(merged);
    }
    Prepared {
        built: count,
        changed,
        pending,
        visible,
    }
}

fn mesh_bytes(vertices: usize, indices: usize) -> usize {
    vertices * std::mem::size_of::<BandVertex>() + indices * 4
}

/// Bytes of the meshes cached for one chunk (its members' and its merged mesh).
fn chunk_bytes(band: &Band, chunk: &Chunk) -> usize {
    let members: usize = chunk
        .members
        .iter()
        .filter_map(|i| band.meshes[*i as usize].as_ref())
        .map(|m| mesh_bytes(m.vertices.len(), m.indices.len()))
        .sum();
    members
        + chunk
            .merged
            .as_ref()
            .map_or(0, |m| mesh_bytes(m.vertices.len(), m.indices.len()))
}

/// Keeps the layer's band meshes under `budget` bytes by dropping the chunks shown least
/// recently (never those of the current frame), down to three quarters of the budget.
fn evict(cache: &mut LayerCache, frame: u64, budget: usize) {
    let mut total = 0;
    let mut candidates: Vec<(u64, usize, u32, usize)> = Vec::new();
    for (b, band) in cache.bands.iter().enumerate() {
        let Some(band) = band else { continue };
        for (ci, chunk) in band.chunks.iter().enumerate() {
            let bytes = chunk_bytes(band, chunk);
            total += bytes;
            if bytes > 0 && chunk.last_used != frame {
                candidates.push((chunk.last_used, b, len_u32(ci), bytes));
            }
        }
    }
    if total <= budget {
        return;
    }
    candidates.sort_unstable();
    for (_, b, ci, bytes) in candidates {
        if total <= budget / 4 * 3 {
            break;
        }
        if let Some(band) = cache.bands[b].as_mut() {
            let chunk = &mut band.chunks[ci as usize];
            chunk.merged = None;
            for i in &chunk.members {
                band.meshes[*i as usize] = None;
            }
        }
        total -= bytes;
    }
}

/// Maps the visible chunks' merged meshes to the screen into one mesh.
fn transform_layer(
    cache: &LayerCache,
    band_index: usize,
    visible: &[u32],
    view: &ViewTransform,
    opacity: f32,
    stats: &mut FrameStats,
    mesh: &mut Mesh,
) {
    let Some(band) = &cache.bands[band_index] else {
        return;
    };
    let chunks: Vec<([f64; 2], &MergedMesh)> = visible
        .iter()
        .filter_map(|i| {
            let c = &band.chunks[*i as usize];
            c.merged.as_ref().map(|m| (c.origin, m))
        })
        .collect();
    let nv: usize = chunks.iter().map(|(_, m)| m.vertices.len()).sum();
    let ni: usize = chunks.iter().map(|(_, m)| m.indices.len()).sum();
    mesh.vertices.reserve(nv);
    mesh.indices.reserve(ni);
    #[allow(clippy::cast_possible_truncation)] // ratio of two scales, ≤ 4
    let k = (view.scale / band.band_scale) as f32;
    let fade = opacity < 1.0;
    for (origin, merged) in chunks {
        let o = view.to_screen(origin);
        let base = len_u32(mesh.vertices.len());
        if fade {
            mesh.vertices.extend(merged.vertices.iter().map(|v| Vertex {
                pos: pos2(o.x + v.pos[0] * k + v.off[0], o.y + v.pos[1] * k + v.off[1]),
                uv: WHITE_UV,
                color: v.colour.gamma_multiply(opacity),
            }));
        } else {
            mesh.vertices.extend(merged.vertices.iter().map(|v| Vertex {
                pos: pos2(o.x + v.pos[0] * k + v.off[0], o.y + v.pos[1] * k + v.off[1]),
                uv: WHITE_UV,
                color: v.colour,
            }));
        }
        mesh.indices.extend(merged.indices.iter().map(|x| x + base));
        stats.chunks += 1;
        stats.features += merged.features;
    }
    stats.vertices += mesh.vertices.len();
    stats.indices += mesh.indices.len();
}

#[derive(Clone, Copy, Debug)]
struct BandParams {
    band_scale: f64,
    mid_scale: f64,
}

/// Builds the band mesh of one feature, in band pixels relative to the chunk corner `origin`.
fn build_mesh(
    g: &WorldGeom,
    fs: &FeatureStyle,
    params: BandParams,
    origin: [f64; 2],
) -> FeatureMesh {
    let mut mesh = FeatureMesh::default();
    let to_band = |w: [f64; 2]| {
        [
            (w[0] - origin[0]) * params.band_scale,
            (w[1] - origin[1]) * params.band_scale,
        ]
    };
    let size_mid = (g.max[0] - g.min[0]).max(g.max[1] - g.min[1]) * params.mid_scale;
    // Dash lengths in band pixels, so that they are `DASH_LENGTH` points at the middle zoom.
    let band_per_point = params.band_scale / params.mid_scale;
    let mut tessellator = FillTessellator::new();
    for (kind, rings) in g.parts() {
        match kind {
            PartKind::Point => {
                for r in rings {
                    if let Some(p) = g.ring(r).first() {
                        let c = to_band(*p);
                        let ring_w = fs.stroke.width;
                        disc(&mut mesh, c, fs.point_radius + ring_w, fs.stroke.color);
                        disc(&mut mesh, c, fs.point_radius, fs.point_fill);
                    }
                }
            }
            PartKind::Line => {
                for r in rings {
                    let pts: Vec<[f64; 2]> = g.ring(r).iter().map(|w| to_band(*w)).collect();
                    let pts = simplify(&pts, SIMPLIFY_PX * band_per_point, false);
                    if pts.len() == 1 {
                        dot(&mut mesh, pts[0], fs.stroke.color);
                    } else {
                        ribbon(
                            &mut mesh,
                            &pts,
                            false,
                            fs.stroke.width / 2.0,
                            fs.stroke.color,
                        );
                    }
                }
            }
            PartKind::Polygon => {
                if size_mid < DOT_MAX_PX {
                    let c = to_band(g.centre());
                    dot(&mut mesh, c, fs.dot);
                    #[allow(clippy::cast_possible_truncation)] // band pixels in a chunk
                    let cell = (
                        (c[0] / band_per_point).floor() as i64,
                        (c[1] / band_per_point).floor() as i64,
                    );
                    mesh.dot_cell = Some(cell);
                    // One dot for the whole feature, however many parts it has.
                    return mesh;
                }
                let tolerance = if size_mid < OUTLINE_MIN_PX {
                    (SIMPLIFY_SMALL_FRACTION * size_mid).max(SIMPLIFY_PX)
                } else {
                    SIMPLIFY_PX
                } * band_per_point;
                let mut kept: Vec<Vec<[f64; 2]>> = Vec::new();
                for r in rings {
                    let pts: Vec<[f64; 2]> = g.ring(r).iter().map(|w| to_band(*w)).collect();
                    let pts = simplify(&pts, tolerance, true);
                    if pts.len() >= 3 {
                        kept.push(pts);
                    } else if kept.is_empty() {
                        break; // the exterior collapsed: the holes mean nothing alone
                    }
                }
                if kept.is_empty() {
                    continue;
                }
                if fs.fill.a() > 0 {
                    fill(&mut tessellator, &mut mesh, &kept, fs.fill);
                }
                if size_mid >= OUTLINE_MIN_PX && fs.stroke.width > 0.0 {
                    for ring in &kept {
                        if fs.dashed {
                            dashed_ribbon(
                                &mut mesh,
                                ring,
                                f64::from(style::DASH_LENGTH) * band_per_point,
                                f64::from(style::GAP_LENGTH) * band_per_point,
                                fs.stroke.width / 2.0,
                                fs.stroke.color,
                            );
                        } else {
                            ribbon(
                                &mut mesh,
                                ring,
                                true,
                                fs.stroke.width / 2.0,
                                fs.stroke.color,
                            );
                        }
                    }
                }
            }
        }
    }
    mesh
}

/// Fills rings (exterior first, then holes) with the even-odd rule: holes stay empty, concave
/// shells fill correctly. A tessellation failure (degenerate input) leaves the fill out rather
/// than fail the frame; the outline still shows the shape.
fn fill(
    tessellator: &mut FillTessellator,
    mesh: &mut FeatureMesh,
    rings: &[Vec<[f64; 2]>],
    colour: Color32,
) {
    #[allow(clippy::cast_possible_truncation)] // band pixels relative to the chunk corner
    let p = |c: [f64; 2]| point(c[0] as f32, c[1] as f32);
    let events = rings.iter().flat_map(|ring| {
        let n = ring.len();
        let first = p(ring[0]);
        let last = p(ring[n - 1]);
        std::iter::once(PathEvent::Begin { at: first })
            .chain((1..n).map(move |i| PathEvent::Line {
                from: p(ring[i - 1]),
                to: p(ring[i]),
            }))
            .chain(std::iter::once(PathEvent::End {
                last,
                first,
                close: true,
            }))
    });
    let mut buffers: VertexBuffers<[f32; 2], u32> = VertexBuffers::new();
    let result = tessellator.tessellate(
        events,
        &FillOptions::even_odd(),
        &mut BuffersBuilder::new(&mut buffers, |v: FillVertex| v.position().to_array()),
    );
    if result.is_err() {
        return;
    }
    let base = len_u32(mesh.vertices.len());
    mesh.vertices
        .extend(buffers.vertices.iter().map(|v| BandVertex {
            pos: *v,
            off: [0.0, 0.0],
            colour,
        }));
    mesh.indices
        .extend(buffers.indices.iter().map(|i| i + base));
}

/// A square dot of fixed screen size at `c`.
fn dot(mesh: &mut FeatureMesh, c: [f64; 2], colour: Color32) {
    let h = DOT_HALF;
    let a = mesh.push(c, [-h, -h], colour);
    let b = mesh.push(c, [h, -h], colour);
    let d = mesh.push(c, [h, h], colour);
    let e = mesh.push(c, [-h, h], colour);
    mesh.indices.extend_from_slice(&[a, b, d, a, d, e]);
}

/// A filled circle of `radius` screen points at `c`.
fn disc(mesh: &mut FeatureMesh, c: [f64; 2], radius: f32, colour: Color32) {
    let centre = mesh.push(c, [0.0, 0.0], colour);
    for s in 0..CIRCLE_SEGMENTS {
        #[allow(clippy::cast_precision_loss)]
        let a = std::f32::consts::TAU * s as f32 / CIRCLE_SEGMENTS as f32;
        mesh.push(c, [radius * a.cos(), radius * a.sin()], colour);
    }
    for s in 0..CIRCLE_SEGMENTS {
        let a = centre + 1 + len_u32(s);
        let b = centre + 1 + len_u32((s + 1) % CIRCLE_SEGMENTS);
        mesh.indices.extend_from_slice(&[centre, a, b]);
    }
}

fn unit(d: [f64; 2]) -> Option<[f64; 2]> {
    let l = d[0].hypot(d[1]);
    (l > 0.0).then(|| [d[0] / l, d[1] / l])
}

/// A line of `half_width` screen points either side of `pts` (band pixels): each vertex is
/// pushed along its miter normal by a screen offset, so the width is constant at every zoom
/// while the positions scale with the view.
fn ribbon(
    mesh: &mut FeatureMesh,
    pts: &[[f64; 2]],
    closed: bool,
    half_width: f32,
    colour: Color32,
) {
    let n = pts.len();
    if n < 2 {
        return;
    }
    let dir = |i: usize, j: usize| unit([pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]]);
    let base = len_u32(mesh.vertices.len());
    for (i, p) in pts.iter().enumerate() {
        let incoming = if i > 0 {
            dir(i - 1, i)
        } else if closed {
            dir(n - 1, 0)
        } else {
            None
        };
        let outgoing = if i + 1 < n {
            dir(i, i + 1)
        } else if closed {
            dir(n - 1, 0)
        } else {
            None
        };
        let normal = |d: [f64; 2]| [-d[1], d[0]];
        let (nx, ny) = match (incoming.map(normal), outgoing.map(normal)) {
            (Some(a), Some(b)) => {
                let m = unit([a[0] + b[0], a[1] + b[1]]).unwrap_or(b);
                // Miter length 1/cos(half angle), capped so spikes stay short.
                let cos = (m[0] * b[0] + m[1] * b[1]).max(0.4);
                (m[0] / cos, m[1] / cos)
            }
            (Some(a), None) | (None, Some(a)) => (a[0], a[1]),
            (None, None) => (0.0, 0.0),
        };
        #[allow(clippy::cast_possible_truncation)]
        let off = [nx as f32 * half_width, ny as f32 * half_width];
        mesh.push(*p, off, colour);
        mesh.push(*p, [-off[0], -off[1]], colour);
    }
    let segments = if closed { n } else { n - 1 };
    for s in 0..segments {
        let a = base + 2 * len_u32(s);
        let b = base + 2 * len_u32((s + 1) % n);
        mesh.indices
            .extend_from_slice(&[a, a + 1, b, a + 1, b + 1, b]);
    }
}

/// A closed ring drawn as dashes of `dash` and gaps of `gap` (band pixels).
fn dashed_ribbon(
    mesh: &mut FeatureMesh,
    ring: &[[f64; 2]],
    dash: f64,
    gap: f64,
    half_width: f32,
    colour: Color32,
) {
    let mut closed: Vec<[f64; 2]> = ring.to_vec();
    if let Some(first) = ring.first() {
        closed.push(*first);
    }
    let mut on = true;
    let mut left = dash;
    let mut current: Vec<[f64; 2]> = vec![closed[0]];
    for s in closed.windows(2) {
        let (a, b) = (s[0], s[1]);
        let len = (b[0] - a[0]).hypot(b[1] - a[1]);
        let mut t0 = 0.0;
        while len - t0 > left {
            t0 += left;
            let f = t0 / len;
            let p = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
            if on {
                current.push(p);
                ribbon(mesh, &current, false, half_width, colour);
                current.clear();
            } else {
                current = vec![p];
            }
            on = !on;
            left = if on { dash } else { gap };
        }
        left -= len - t0;
        if on {
            current.push(b);
        }
    }
    if on && current.len() > 1 {
        ribbon(mesh, &current, false, half_width, colour);
    }
}

/// Douglas–Peucker simplification with tolerance `tol` (same units as `pts`). A closed ring
/// is split at its vertex farthest from the first, so both halves keep their anchors.
fn simplify(pts: &[[f64; 2]], tol: f64, closed: bool) -> Vec<[f64; 2]> {
    let n = pts.len();
    if n <= 3 {
        return pts.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    if closed {
        let far = (1..n)
            .max_by(|a, b| {
                let da = (pts[*a][0] - pts[0][0]).hypot(pts[*a][1] - pts[0][1]);
                let db = (pts[*b][0] - pts[0][0]).hypot(pts[*b][1] - pts[0][1]);
                da.total_cmp(&db)
            })
            .unwrap_or(n - 1);
        keep[far] = true;
        stack.push((0, far));
        // The closing half runs from `far` back to vertex 0, held as index n.
        stack.push((far, n));
    } else {
        keep[n - 1] = true;
        stack.push((0, n - 1));
    }
    let at = |i: usize| pts[i % n];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (pa, pb) = (at(a), at(b));
        let mut worst = (0.0, a);
        for i in a + 1..b {
            let d = segment_distance(pa, pb, at(i));
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tol {
            keep[worst.1 % n] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// The longitude/latitude box `(min, max)` of the visible layers, for "zoom to all".
#[must_use]
pub fn fit_bounds(layers: &[Layer]) -> Option<([f64; 2], [f64; 2])> {
    layers
        .iter()
        .filter(|l| l.visible)
        .filter_map(Layer::bbox)
        .map(|r| ([r.min().x, r.min().y], [r.max().x, r.max().y]))
        .reduce(|a, b| {
            (
                [a.0[0].min(b.0[0]), a.0[1].min(b.0[1])],
                [a.1[0].max(b.1[0]), a.1[1].max(b.1[1])],
            )
        })
}

/// The view that shows the longitude/latitude box `(min, max)` whole in `clip`, with a margin
/// of `margin` points, at a zoom no deeper than `max_zoom`.
#[must_use]
pub fn fit_view(
    bounds: ([f64; 2], [f64; 2]),
    clip: Rect,
    margin: f32,
    max_zoom: f64,
) -> ViewTransform {
    let a = lonlat_to_world(bounds.0[0], bounds.1[1]);
    let b = lonlat_to_world(bounds.1[0], bounds.0[1]);
    let centre = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    let avail = (clip.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(1.0, 1.0));
    let w = (b[0] - a[0]).abs().max(1e-12);
    let h = (b[1] - a[1]).abs().max(1e-12);
    let scale = (f64::from(avail.x) / w).min(f64::from(avail.y) / h);
    let zoom = (scale / world_pixels(0.0)).log2().min(max_zoom);
    ViewTransform::new(centre, zoom, clip)
}

/// Longitude/latitude of a screen point (for the status bar).
#[must_use]
pub fn screen_to_lonlat(view: &ViewTransform, screen: Pos2) -> (f64, f64) {
    world_to_lonlat(view.to_world(screen))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use geo::{LineString, MultiPolygon, Point, Polygon, polygon};
    use serde_json::json;

    fn clip() -> Rect {
        Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))
    }

    fn feature(geometry: Geometry<f64>) -> Feature {
        Feature {
            geometry: Some(geometry),
            ..Feature::default()
        }
    }

    fn layer(features: Vec<Feature>) -> Layer {
        Layer::new("test".into(), None, features)
    }

    /// A U-shaped (concave) hazard area about 1 km across with a square hole in its base.
    fn concave_with_hole() -> Polygon<f64> {
        polygon!(
            exterior: [
                (x: 47.000, y: 40.000), (x: 47.010, y: 40.000), (x: 47.010, y: 40.010),
                (x: 47.007, y: 40.010), (x: 47.007, y: 40.004), (x: 47.003, y: 40.004),
                (x: 47.003, y: 40.010), (x: 47.000, y: 40.010), (x: 47.000, y: 40.000),
            ],
            interiors: [[
                (x: 47.004, y: 40.001), (x: 47.006, y: 40.001), (x: 47.006, y: 40.003),
                (x: 47.004, y: 40.003), (x: 47.004, y: 40.001),
            ]],
        )
    }

    fn inside_triangle(p: Pos2, a: Pos2, b: Pos2, c: Pos2) -> bool {
        let s = |p1: Pos2, p2: Pos2, p3: Pos2| {
            (p1.x - p3.x) * (p2.y - p3.y) - (p2.x - p3.x) * (p1.y - p3.y)
        };
        let (d1, d2, d3) = (s(p, a, b), s(p, b, c), s(p, c, a));
        let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(neg && pos)
    }

    /// Whether any fill triangle of the frame's meshes covers the screen point of `lon, lat`.
    /// Only fill vertices (no screen offset) are tessellated triangles; ribbons are thin.
    fn filled_at(shapes: &[Shape], view: &ViewTransform, lon: f64, lat: f64) -> bool {
        let p = view.to_screen(lonlat_to_world(lon, lat));
        shapes.iter().any(|s| match s {
            Shape::Mesh(m) => m.indices.chunks(3).any(|t| {
                let v = |i: u32| m.vertices[i as usize].pos;
                inside_triangle(p, v(t[0]), v(t[1]), v(t[2]))
            }),
            _ => false,
        })
    }

    fn view_at(lon: f64, lat: f64, zoom: f64) -> ViewTransform {
        ViewTransform::new(lonlat_to_world(lon, lat), zoom, clip())
    }

    #[test]
    fn concave_polygon_with_hole_fills_the_shell_but_not_the_hole() {
        let layers = vec![layer(vec![feature(concave_with_hole().into())])];
        let mut cache = OverlayCache::new();
        let view = view_at(47.005, 40.005, 15.0);
        let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
        assert!(
            filled_at(&shapes, &view, 47.001, 40.005),
            "left arm is filled"
        );
        assert!(filled_at(&shapes, &view, 47.008, 40.002), "base is filled");
        assert!(
            !filled_at(&shapes, &view, 47.005, 40.002),
            "hole stays empty"
        );
        assert!(
            !filled_at(&shapes, &view, 47.005, 40.008),
            "notch of the U stays empty"
        );
    }

    #[test]
    fn multipolygon_draws_both_parts() {
        let a = polygon![(x: 47.0, y: 40.0), (x: 47.004, y: 40.0), (x: 47.004, y: 40.004), (x: 47.0, y: 40.004)];
        let b = polygon![(x: 47.01, y: 40.0), (x: 47.014, y: 40.0), (x: 47.014, y: 40.004), (x: 47.01, y: 40.004)];
        let layers = vec![layer(vec![feature(MultiPolygon(vec![a, b]).into())])];
        let mut cache = OverlayCache::new();
        let view = view_at(47.007, 40.002, 15.0);
        let shapes = cache.prepare_frame(&layers, &view, &Highlight::default());
        assert!(filled_at(&shapes, &view, 47.002, 40.002));
        assert!(filled_at(&shapes, &view, 47.012, 40.002));
        assert!(
            !filled_at(&shapes, &view, 47.007, 40.002),
            "gap between the parts"
        );
    }

    fn square(lon: f64, lat: f64, side: f64) -> Geometry<f64> {
        polygon![(x: lon, y: lat), (x: lon + side, y: lat), (x: lon + side, y: lat + side), (x: lon, y: lat + side)].into()
    }

    #[test]
    fn hit_test_picks_the_topmost_layer_and_respects_visibility() {
        let bottom = layer(vec![feature(square(47.0, 40.0, 0.01))]);
        let top = layer(vec![
            feature(square(47.0, 40.0, 0.01)),
            feature(square(47.02, 40.0, 0.01)),
        ]);
        let mut layers = vec![bottom, top];
        let mut cache = OverlayCache::new();
        cache.sync(&layers);
        let view = view_at(47.005, 40.005, 14.0);
        let at = view.to_screen(lonlat_to_world(47.005, 40.005));
        let hit = cache.hit_test(&layers, &view, at).unwrap();
        assert_eq!(
            hit,
            FeatureRef {
                layer: layers[1].id,
                index: 0
            }
        );

        cache.set_visibility(layers[1].id, Some(vec![false, true]));
        let hit = cache.hit_test(&layers, &view, at).unwrap();
        assert_eq!(
            hit.layer, layers[0].id,
            "hidden by the mask: the layer below is hit"
        );

        cache.set_visibility(layers[1].id, None);
        layers[1].visible = false;
        assert_eq!(
            cache.hit_test(&layers, &view, at).unwrap().layer,
            layers[0].id
        );

        let outside = view.to_screen(lonlat_to_world(47.015, 40.005));
        layers[1].visible = true;
        assert_eq!(cache.hit_test(&layers, &view, outside), None);
    }

    #[test]
    fn hit_test_finds_a_point_within_6_px_but_not_at_20_px() {
        let layers = vec![layer(vec![feature(Point::new(47.0, 40.0).into())])];
        let mut cache = OverlayCache::new();
        cache.sync(&layers);
        let view = view_at(47.0, 40.0, 16.0);
        let p = view.to_screen(lonlat_to_world(47.0, 40.0));
        let id = layers[0].id;
        assert_eq!(
            cache.hit_test(&layers, &view, p + vec2(4.0, 3.0)),
            Some(FeatureRef {
                layer: id,
                index: 0
            })
        );
        assert_eq!(cache.hit_test(&layers, &view, p + vec2(20.0, 0.0)), None);
        assert_eq!(cache.hit_test(&layers, &view, p + vec2(0.0, -20.0)), None);
    }

    #[test]
    fn hit_test_finds_a_line_near_it() {
        let line: LineString<f64> = vec![(47.0, 40.0), (47.01, 40.0)].into();
        let layers = vec![layer(vec![feature(line.into())])];
        let mut cache = OverlayCache::new();
        cache.sync(&layers);
        let view = view_at(47.005, 40.0, 15.0);
        let p = view.to_screen(lonlat_to_world(47.005, 40.0));
        assert!(cache.hit_test(&layers, &view, p + vec2(0.0, 2.0)).is_some());
        assert!(
            cache
                .hit_test(&layers, &view, p + vec2(0.0, 15.0))
                .is_none()
        );
    }

    #[test]
    fn culling_drops_features_outside_the_view() {
        let layers = vec![layer(vec![
            feature(square(47.0, 40.0, 0.005)),
            feature(square(48.0, 39.0, 0.005)),
        ])];
        let mut cache = OverlayCache::new();
        let view = view_at(47.0025, 40.0025, 15.0);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.last_frame_stats().features, 1);
        let far = fit_view(fit_bounds(&layers).unwrap(), clip(), 20.0, 20.0);
        cache.prepare_frame(&layers, &far, &Highlight::default());
        assert_eq!(cache.last_frame_stats().features, 2);
    }

    fn grid_layer() -> Layer {
        let mut fs = Vec::new();
        for i in 0..10 {
            for j in 0..10 {
                #[allow(clippy::cast_precision_loss)]
                let (x, y) = (47.0 + f64::from(i) * 0.003, 40.0 + f64::from(j) * 0.003);
                fs.push(feature(square(x, y, 0.002)));
            }
        }
        layer(fs)
    }

    #[test]
    fn changing_the_visibility_mask_does_not_retessellate() {
        let layers = vec![grid_layer()];
        let mut cache = OverlayCache::new();
        let view = view_at(47.015, 40.015, 14.0);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        let after_first = cache.tessellation_count();
        assert_eq!(after_first, 100);
        let mask: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
        cache.set_visibility(layers[0].id, Some(mask));
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.last_frame_stats().features, 50);
        cache.set_visibility(layers[0].id, None);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.last_frame_stats().features, 100);
        assert_eq!(cache.tessellation_count(), after_first);
    }

    #[test]
    fn invalidate_feature_retessellates_only_that_feature() {
        let mut layers = vec![grid_layer()];
        let mut cache = OverlayCache::new();
        let view = view_at(47.015, 40.015, 14.0);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        let before = cache.tessellation_count();
        layers[0].features_mut()[7].geometry = Some(square(47.04, 40.03, 0.002));
        cache.invalidate_feature(&layers[0], 7);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.tessellation_count(), before + 1);
        // The moved feature is hit at its new place, not at the old one.
        let new_at = view.to_screen(lonlat_to_world(47.041, 40.031));
        let old_at = view.to_screen(lonlat_to_world(47.001 + 0.003 * 0.0, 40.001 + 0.003 * 7.0));
        assert_eq!(
            cache.hit_test(&layers, &view, new_at).map(|f| f.index),
            Some(7)
        );
        assert_eq!(cache.hit_test(&layers, &view, old_at), None);
    }

    #[test]
    fn tiny_areas_at_national_extent_become_dots() {
        let mut fs = Vec::new();
        for i in 0..10 {
            for j in 0..10 {
                let (x, y) = (47.0 + f64::from(i) * 0.05, 40.0 + f64::from(j) * 0.05);
                fs.push(feature(square(x, y, 0.002)));
            }
        }
        let layers = vec![layer(fs)];
        let mut cache = OverlayCache::new();
        let view = view_at(47.25, 40.25, 8.0);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        let stats = cache.last_frame_stats();
        assert_eq!(stats.features, 100);
        assert_eq!(stats.vertices, 400, "four vertices per dot");
    }

    #[test]
    fn dots_on_the_same_pixel_are_drawn_once() {
        let layers = vec![layer(vec![
            feature(square(47.0, 40.0, 0.001)),
            feature(square(47.0, 40.0, 0.001)),
        ])];
        let mut cache = OverlayCache::new();
        let view = view_at(47.0, 40.0, 8.0);
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.last_frame_stats().vertices, 4);
        // Hiding the top one brings the other's dot back.
        cache.set_visibility(layers[0].id, Some(vec![true, false]));
        cache.prepare_frame(&layers, &view, &Highlight::default());
        assert_eq!(cache.last_frame_stats().vertices, 4);
        assert_eq!(cache.last_frame_stats().features, 1);
    }

    #[test]
    fn layer_opacity_and_selection_shape_the_frame() {
        let mut layers = vec![grid_layer()];
        layers[0].role = LayerRole::HazardAreas;
        layers[0].features_mut()[0].properties = json!({"classification": "cha"})
            .as_object()
            .unwrap()
            .clone()
            .into();
        layers[0].schema.set(
            crate::model::PropertyRole::Classification,
            Some("classification".into()),
        );
        let mut cache = OverlayCache::new();
        let view = view_at(47.015, 40.015, 14.0);
        let sel = Highlight {
            selected: Some(FeatureRef {
                layer: layers[0].id,
                index: 0,
            }),
            hovered: None,
        };
        let opaque = cache.prepare_frame(&layers, &view, &sel);
        assert!(opaque.len() > 1, "mesh plus highlight");
        layers[0].opacity = 0.5;
        let faded = cache.prepare_frame(&layers, &view, &Highlight::default());
        let alpha = |s: &[Shape]| match &s[0] {
            Shape::Mesh(m) => m
                .vertices
                .iter()
                .map(|v| u32::from(v.color.a()))
                .max()
                .unwrap(),
            _ => 0,
        };
        assert!(alpha(&faded) < alpha(&opaque));
        layers[0].visible = false;
        assert!(
            cache
                .prepare_frame(&layers, &view, &Highlight::default())
                .is_empty()
        );
    }

    #[test]
    fn a_panned_frame_matches_a_frame_built_from_scratch() {
        let layers = vec![grid_layer()];
        let mut panned = OverlayCache::new();
        let a = view_at(47.015, 40.015, 14.0);
        let mut b = a;
        b.center_world[0] += 37.25 / b.scale;
        b.center_world[1] -= 11.5 / b.scale;
        drop(panned.prepare_frame(&layers, &a, &Highlight::default()));
        let moved = panned.prepare_frame(&layers, &b, &Highlight::default());
        let fresh = OverlayCache::new().prepare_frame(&layers, &b, &Highlight::default());
        let (Shape::Mesh(m1), Shape::Mesh(m2)) = (&moved[0], &fresh[0]) else {
            panic!("a mesh per layer");
        };
        assert_eq!(m1.vertices.len(), m2.vertices.len());
        assert_eq!(m1.indices, m2.indices);
        for (v1, v2) in m1.vertices.iter().zip(&m2.vertices) {
            assert!(
                (v1.pos - v2.pos).length() < 1e-3,
                "{:?} vs {:?}",
                v1.pos,
                v2.pos
            );
        }
    }

    #[test]
    fn meshes_beyond_the_budget_are_evicted_least_recently_shown_first() {
        let layers = vec![grid_layer()];
        let mut cache = OverlayCache::new();
        let here = view_at(47.015, 40.015, 16.0);
        let there = view_at(47.025, 40.025, 16.0);
        cache.prepare_frame(&layers, &here, &Highlight::default());
        cache.prepare_frame(&layers, &there, &Highlight::default());
        let lc = cache.layers.get_mut(&layers[0].id).unwrap();
        let cached = |lc: &LayerCache| {
            lc.bands
                .iter()
                .flatten()
                .flat_map(|b| b.meshes.iter().flatten())
                .count()
        };
        let before = cached(lc);
        evict(lc, cache.frame, 1);
        let after = cached(lc);
        assert!(after < before, "{after} < {before}");
        assert!(after > 0, "the chunks of the current frame stay");
    }

    #[test]
    fn simplification_keeps_a_closed_ring_closed_and_drops_collinear_vertices() {
        let ring = vec![
            [0.0, 0.0],
            [5.0, 0.01],
            [10.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
        ];
        let s = simplify(&ring, 0.5, true);
        assert_eq!(s, vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]);
    }
}
