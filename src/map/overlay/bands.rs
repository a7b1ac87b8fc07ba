//! Zoom bands and simplification: per band, features grouped into chunks (a grid of `CHUNK_PX`
//! cells) culled with an R-tree, their meshes built lazily and merged per chunk; Douglas–Peucker
//! simplification with a pixel tolerance.

use std::collections::HashMap;

use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use super::cache::LayerCache;
use super::geom::{WorldGeom, len_u32};
use super::hit::segment_distance;
use super::mesh::{BandParams, FeatureMesh, MergedMesh, build_mesh};
use super::{BAND_WIDTH, CHUNK_PX, MAX_BAND, TESSELLATION_BUDGET};
use crate::map::projection::world_pixels;
use crate::map::style;
use crate::model::Layer;

#[derive(Clone, Debug)]
pub(super) struct Chunk {
    /// World coordinates of the cell corner; vertices are relative to it.
    pub(super) origin: [f64; 2],
    /// Union of the members' boxes (only grows; a stale larger box only costs a little culling).
    pub(super) min: [f64; 2],
    pub(super) max: [f64; 2],
    pub(super) members: Vec<u32>,
    pub(super) merged: Option<MergedMesh>,
    /// The frame that last showed this chunk: the least recently shown are evicted first.
    pub(super) last_used: u64,
}

pub(super) type ChunkEntry = GeomWithData<Rectangle<[f64; 2]>, u32>;
pub(super) type FeatureEntry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// The cached meshes of one layer in one zoom band.
pub(super) struct Band {
    /// Pixels per world unit at the band's deepest zoom: the unit of mesh positions.
    pub(super) band_scale: f64,
    /// Pixels per world unit at the band's middle zoom: level-of-detail decisions.
    pub(super) mid_scale: f64,
    pub(super) cell: f64,
    pub(super) chunk_of: Vec<u32>,
    pub(super) chunk_index: HashMap<(i64, i64), u32>,
    pub(super) chunks: Vec<Chunk>,
    pub(super) tree: RTree<ChunkEntry>,
    pub(super) meshes: Vec<Option<FeatureMesh>>,
}

pub(super) const NO_CHUNK: u32 = u32::MAX;

impl Band {
    pub(super) fn new(band: usize, geoms: &[Option<WorldGeom>]) -> Self {
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
    pub(super) fn assign(&mut self, i: u32, g: &WorldGeom) -> (u32, Option<Rectangle<[f64; 2]>>) {
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

    /// Marks for re-merging only the chunks holding these features (a filter change that
    /// flipped a few flags re-merges a few chunks, not the whole view).
    pub(super) fn dirty_members(&mut self, members: &[usize]) {
        for &i in members {
            if let Some(&ci) = self.chunk_of.get(i)
                && let Some(c) = self.chunks.get_mut(ci as usize)
            {
                c.merged = None;
            }
        }
    }

    pub(super) fn dirty_all(&mut self) {
        for c in &mut self.chunks {
            c.merged = None;
        }
    }
}

/// How much point symbols shrink in band `band` (see [`style::point_scale`]): one factor per
/// band, so meshes and hit tests agree.
#[must_use]
pub(super) fn band_point_scale(band: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)] // band ≤ MAX_BAND
    let mid = (band as f64 + 0.5) * BAND_WIDTH;
    style::point_scale(mid)
}

/// The band for a zoom level.
#[must_use]
pub fn band_for_zoom(zoom: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=MAX_BAND
    let b = (zoom.max(0.0) / BAND_WIDTH).floor().min(MAX_BAND as f64) as usize;
    b
}

/// The outcome of [`prepare_band`].
pub(super) struct Prepared {
    /// Meshes tessellated.
    pub(super) built: u64,
    /// Whether any visible chunk was (re)merged: the layer's screen mesh must be rebuilt.
    pub(super) changed: bool,
    /// Whether visible chunks were left for the next frame.
    pub(super) pending: bool,
    /// The chunks in the view, in the R-tree's order.
    pub(super) visible: Vec<u32>,
}

/// Makes sure band `band_index` of the layer exists and that every shown member of the
/// chunks in `envelope` has a mesh (built in parallel), and merges dirty chunks.
pub(super) fn prepare_band(
    cache: &mut LayerCache,
    layer: &Layer,
    band_index: usize,
    envelope: &AABB<[f64; 2]>,
    frame: u64,
) -> Prepared {
    let LayerCache {
        geoms,
        bands,
        mask,
        resolver,
        ..
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
        point_scale: band_point_scale(band_index),
    };
    let built: Vec<(u32, FeatureMesh)> = {
        let band: &Band = band;
        let make = |i: &u32| {
            let idx = *i as usize;
            let origin = band.chunks[band.chunk_of[idx] as usize].origin;
            let mesh = match (&geoms[idx], layer.features.get(idx)) {
                (Some(g), Some(f)) => {
                    build_mesh(g, &resolver.feature_style(layer, f), params, origin)
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
    // Chunks merge independently: in parallel (at national extent a filter change re-merges
    // most of them).
    let merged_chunks: Vec<(u32, MergedMesh)> = ready
        .par_iter()
        .map(|&c| {
            let chunk = &band.chunks[c as usize];
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
            (c, merged)
        })
        .collect();
    for (c, merged) in merged_chunks {
        band.chunks[c as usize].merged = Some(merged);
    }
    Prepared {
        built: count,
        changed,
        pending,
        visible,
    }
}

/// Douglas–Peucker simplification with tolerance `tol` (same units as `pts`). A closed ring
/// is split at its vertex farthest from the first, so both halves keep their anchors.
pub(super) fn simplify(pts: &[[f64; 2]], tol: f64, closed: bool) -> Vec<[f64; 2]> {
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
