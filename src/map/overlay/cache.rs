//! The cache: per-layer projected geometry, feature R-tree, bands, the visibility mask;
//! syncing with the open layers, per-feature invalidation, memory accounting and eviction.

use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::Rectangle;

use super::bands::{Band, Chunk, ChunkEntry, FeatureEntry, NO_CHUNK};
use super::geom::{PartKind, WorldGeom, len_u32};
use super::labels::LabelOrder;
use super::mesh::{BandVertex, FeatureMesh};
use super::{FrameStats, MAX_BAND, OverlayCache};
use crate::map::style::{LayerStyle, StyleResolver};
use crate::model::{Layer, LayerId, LayerRole, SchemaMapping};
use egui::epaint::Vertex;

/// Everything cached for one layer.
pub(super) struct LayerCache {
    pub(super) geoms: Vec<Option<WorldGeom>>,
    pub(super) tree: RTree<FeatureEntry>,
    pub(super) bands: Vec<Option<Band>>,
    pub(super) mask: Option<Vec<bool>>,
    /// Role and schema the meshes were styled with: when the user changes them, restyle.
    pub(super) role: LayerRole,
    pub(super) schema: SchemaMapping,
    /// The layer's style and its resolver (colours are baked into the band meshes).
    pub(super) style: LayerStyle,
    pub(super) resolver: StyleResolver,
    /// Feature indices by label priority, best first (built when labels are first shown).
    pub(super) label_order: Option<LabelOrder>,
}

impl LayerCache {
    pub(super) fn new(layer: &Layer) -> Self {
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
            style: LayerStyle::default(),
            resolver: StyleResolver::default(),
            label_order: None,
        }
    }

    pub(super) fn shown(&self, i: usize) -> bool {
        self.mask
            .as_ref()
            .is_none_or(|m| m.get(i).copied().unwrap_or(true))
    }
}

/// A layer's cache (projected geometry and R-tree) built off the UI thread.
pub struct PreparedLayer {
    pub(super) id: LayerId,
    pub(super) cache: LayerCache,
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
                None => self.attach(layer.id, LayerCache::new(layer)),
                Some(n) if n > layer.features.len() => {
                    self.attach(layer.id, LayerCache::new(layer));
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
        self.attach(prepared.id, prepared.cache);
    }

    /// Adds a layer's cache with the style set for it (if any).
    fn attach(&mut self, id: LayerId, mut cache: LayerCache) {
        if let Some(style) = self.styles.get(&id) {
            cache.resolver = StyleResolver::new(style);
            cache.style = style.clone();
        }
        self.layers.insert(id, cache);
    }

    /// Sets how `layer` is drawn. Colours are baked into the cached meshes, so a change of
    /// renderer, colours or fill opacity drops the layer's meshes (rebuilt lazily, in parallel,
    /// for what is on screen); a change of labels alone keeps them. A layer never given a style
    /// is drawn with [`LayerStyle::default`] (the GICHD preset).
    pub fn set_style(&mut self, layer: LayerId, style: LayerStyle) {
        if self.styles.get(&layer) == Some(&style) {
            return;
        }
        if let Some(cache) = self.layers.get_mut(&layer) {
            let recolour = cache.style.renderer != style.renderer
                || cache.style.fill_opacity.to_bits() != style.fill_opacity.to_bits();
            if cache.style.labels != style.labels {
                cache.label_order = None;
            }
            if recolour {
                cache.resolver = StyleResolver::new(&style);
                cache.bands.iter_mut().for_each(|b| *b = None);
            }
            cache.style = style.clone();
        }
        self.styles.insert(layer, style);
    }

    /// The style `layer` is drawn with.
    #[must_use]
    pub fn style(&self, layer: LayerId) -> Option<&LayerStyle> {
        self.styles.get(&layer)
    }

    /// Sets which features of `layer` are drawn and hit (`None`: all). Filters call this; no
    /// feature is re-tessellated, only chunks are re-merged from cached meshes.
    pub fn set_visibility(&mut self, layer: LayerId, mask: Option<Vec<bool>>) {
        if let Some(cache) = self.layers.get_mut(&layer) {
            // Only the chunks whose members' flags changed are merged again.
            let changed: Option<Vec<usize>> = match (&cache.mask, &mask) {
                (Some(old), Some(new)) if old.len() == new.len() => Some(
                    old.iter()
                        .zip(new)
                        .enumerate()
                        .filter_map(|(i, (a, b))| (a != b).then_some(i))
                        .collect(),
                ),
                (None, None) => Some(Vec::new()),
                _ => None,
            };
            cache.mask = mask;
            for band in cache.bands.iter_mut().flatten() {
                match &changed {
                    Some(members) => band.dirty_members(members),
                    None => band.dirty_all(),
                }
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
        // Its size or label value may have changed its label's rank.
        cache.label_order = None;
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

    pub(super) fn sync_missing(&mut self, layers: &[Layer]) {
        for layer in layers {
            if !self.layers.contains_key(&layer.id) {
                self.attach(layer.id, LayerCache::new(layer));
            }
        }
    }
}

pub(super) fn mesh_bytes(vertices: usize, indices: usize) -> usize {
    vertices * std::mem::size_of::<BandVertex>() + indices * 4
}

/// Bytes of the meshes cached for one chunk (its members' and its merged mesh).
pub(super) fn chunk_bytes(band: &Band, chunk: &Chunk) -> usize {
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
pub(super) fn evict(cache: &mut LayerCache, frame: u64, budget: usize) {
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
