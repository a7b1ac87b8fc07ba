//! Raster tile sources for walkers: MBTiles and PMTiles packages and online XYZ templates
//! through the offline disk cache.
//!
//! All three share one engine, [`RasterTiles`]: the UI thread only looks up textures and
//! queues requests; worker threads read the package (or the cache/network), decode the image
//! with the `image` crate and send back pixels, which become egui textures on the UI thread.
//! Past a package's max zoom, or where it has holes, the deepest ancestor tile is drawn
//! cropped and scaled through a walkers `TilePiece` UV rectangle, so one decoded ancestor
//! serves all its descendants. Textures live in a bounded LRU.
//!
//! Why not walkers' own `PmTiles` and `HttpTiles`: `PmTiles` assumes 512 px tiles (a 256 px
//! raster archive is then drawn one zoom level too coarse) and stops at zoom 15 whatever the
//! archive holds; `HttpTiles` keeps a failed tile blank until it leaves its memory LRU,
//! logs every failure, and has no disk cache unless one is configured (see the README).

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use thiserror::Error;
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

use crate::io::mbtiles::{MbTiles, MbTilesError};
use crate::io::pmtiles::{PmTiles, PmTilesError};
use crate::io::tile_cache::{TileCache, TileCacheConfig, TileCacheError};
use crate::io::tile_package::{AncestorTile, SubSquare, TileAddr};
pub use crate::io::tile_package::{
    BasemapSpec, BasemapSpecError, LonLatBounds, OnlineSource, TilePackageInfo,
};

/// Decoded textures kept per source (256 × 256 RGBA = 256 KiB each, so 64 MiB at most).
const TEXTURE_CAPACITY: usize = 256;
/// Requests waiting for a worker; older ones are dropped when the view moves on.
const QUEUE_CAPACITY: usize = 96;
/// Remembered tile placements before the table is trimmed.
const PLACEMENT_CAPACITY: usize = 8192;
/// Highest zoom asked of an online server; deeper views over-zoom its tiles.
const XYZ_MAX_ZOOM: u8 = 19;

/// Why a basemap could not be opened. The previous basemap should stay when this happens.
#[derive(Debug, Error)]
pub enum TileSourceError {
    #[error(transparent)]
    MbTiles(#[from] MbTilesError),
    #[error(transparent)]
    PmTiles(#[from] PmTilesError),
    #[error(transparent)]
    Cache(#[from] TileCacheError),
    #[error(transparent)]
    Spec(#[from] BasemapSpecError),
    #[error("{path}: the package holds no tiles")]
    Empty { path: PathBuf },
}

/// What `open_source` made of a [`BasemapSpec`].
pub enum OpenedBasemap {
    /// The embedded Natural Earth map: drawn by the embedded basemap module, not here.
    Embedded,
    /// No basemap.
    None,
    /// Boxed: the source is large and the other variants are empty.
    Tiles(Box<RasterTiles>),
}

/// Opens a basemap for walkers. Packages are opened (and validated) here, on the calling
/// thread: it reads the header, metadata and one index lookup, never the tiles.
pub fn open_source(spec: &BasemapSpec, ctx: &Context) -> Result<OpenedBasemap, TileSourceError> {
    Ok(match spec {
        BasemapSpec::Embedded => OpenedBasemap::Embedded,
        BasemapSpec::None => OpenedBasemap::None,
        BasemapSpec::MbTiles(path) => {
            OpenedBasemap::Tiles(Box::new(RasterTiles::mbtiles(path, ctx)?))
        }
        BasemapSpec::PmTiles(path) => {
            OpenedBasemap::Tiles(Box::new(RasterTiles::pmtiles(path, ctx)?))
        }
        BasemapSpec::Xyz(source) => {
            let cache = Arc::new(TileCache::new(TileCacheConfig::in_user_cache()));
            OpenedBasemap::Tiles(Box::new(RasterTiles::xyz(source, cache, ctx)))
        }
    })
}

/// Where the view stands against a source's coverage, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    Inside,
    /// The view does not overlap the package's bounds at all.
    OutsideBounds,
    /// Zoomed out past the package's min zoom: it has nothing this coarse.
    BelowMinZoom,
    /// Zoomed in past its max zoom: its deepest tiles are shown enlarged.
    OverZoomed,
}

/// One worker's job: give the bytes of a tile or of its deepest ancestor.
enum Fetched {
    Found(AncestorTile),
    Missing,
    RetryAfter(Duration),
}

trait Fetcher: Send {
    fn fetch(&mut self, tile: TileAddr) -> Fetched;
}

/// Logs a source's read errors at most once a minute, so a damaged package does not flood
/// the log at 60 frames a second.
struct LimitedLog {
    last: Option<Instant>,
}

impl LimitedLog {
    fn warn(&mut self, message: impl std::fmt::Display) {
        let now = Instant::now();
        if self
            .last
            .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(60))
        {
            self.last = Some(now);
            log::warn!("{message}");
        }
    }
}

/// How a package (MBTiles, PMTiles) gives a tile or its deepest ancestor.
type ReadPackageTile = Box<dyn FnMut(TileAddr) -> Result<Option<AncestorTile>, String> + Send>;

/// Reads tiles from a local package. A read error is logged (rate-limited) and the tile
/// counts as missing: a damaged package shows what it can.
struct PackageFetcher(ReadPackageTile, LimitedLog);

impl PackageFetcher {
    fn boxed(read: ReadPackageTile) -> Vec<Box<dyn Fetcher>> {
        vec![Box::new(Self(read, LimitedLog { last: None }))]
    }
}

impl Fetcher for PackageFetcher {
    fn fetch(&mut self, tile: TileAddr) -> Fetched {
        match (self.0)(tile) {
            Ok(Some(found)) => Fetched::Found(found),
            Ok(None) => Fetched::Missing,
            Err(e) => {
                self.1.warn(e);
                Fetched::Missing
            }
        }
    }
}

struct XyzFetcher {
    cache: Arc<TileCache>,
    template: String,
}

impl Fetcher for XyzFetcher {
    fn fetch(&mut self, tile: TileAddr) -> Fetched {
        let (source, crop) = tile.ancestor(tile.z.saturating_sub(XYZ_MAX_ZOOM));
        match self.cache.get(&self.template, source) {
            Ok(got) => Fetched::Found(AncestorTile {
                source,
                crop,
                bytes: got.bytes,
            }),
            Err(TileCacheError::NotFound { .. }) => Fetched::Missing,
            Err(TileCacheError::Offline { retry_in, .. }) => {
                Fetched::RetryAfter(retry_in.max(Duration::from_secs(2)))
            }
            // Already logged (rate-limited) by the cache.
            Err(_) => Fetched::RetryAfter(Duration::from_secs(30)),
        }
    }
}

enum Outcome {
    Tile {
        source: TileAddr,
        crop: SubSquare,
        image: Arc<ColorImage>,
    },
    Missing,
    RetryAfter(Duration),
}

struct Reply {
    requested: TileAddr,
    outcome: Outcome,
}

/// Requests shared with the workers; served newest first so the current view wins.
struct Queue {
    items: Mutex<(VecDeque<TileAddr>, bool)>,
    ready: Condvar,
}

impl Queue {
    /// Adds a request; returns the one dropped to make room, if any.
    fn push(&self, tile: TileAddr) -> Option<TileAddr> {
        let Ok(mut guard) = self.items.lock() else {
            return Some(tile);
        };
        guard.0.push_back(tile);
        let dropped = (guard.0.len() > QUEUE_CAPACITY)
            .then(|| guard.0.pop_front())
            .flatten();
        self.ready.notify_one();
        dropped
    }

    fn pop_newest(&self) -> Option<TileAddr> {
        let mut guard = self.items.lock().ok()?;
        loop {
            if guard.1 {
                return None;
            }
            if let Some(t) = guard.0.pop_back() {
                return Some(t);
            }
            guard = self.ready.wait(guard).ok()?;
        }
    }

    fn close(&self) {
        if let Ok(mut guard) = self.items.lock() {
            guard.1 = true;
            guard.0.clear();
        }
        self.ready.notify_all();
    }
}

/// Decodes tile bytes (PNG, JPEG, WebP) into egui pixels.
pub fn decode_tile(bytes: &[u8]) -> Result<ColorImage, image::ImageError> {
    let rgba = image::load_from_memory(bytes)?.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}

fn worker_loop(
    mut fetcher: Box<dyn Fetcher>,
    queue: Arc<Queue>,
    replies: Sender<Reply>,
    ctx: Context,
    name: String,
) {
    // Recently decoded ancestors, so sixteen over-zoomed children cost one decode.
    let mut decoded: VecDeque<(TileAddr, Arc<ColorImage>)> = VecDeque::new();
    let mut log = LimitedLog { last: None };
    while let Some(requested) = queue.pop_newest() {
        let outcome = match fetcher.fetch(requested) {
            Fetched::Found(found) => {
                let cached = decoded
                    .iter()
                    .find(|(t, _)| *t == found.source)
                    .map(|(_, img)| img.clone());
                let image = match cached {
                    Some(img) => Some(img),
                    None => match decode_tile(&found.bytes) {
                        Ok(img) => {
                            let img = Arc::new(img);
                            decoded.push_back((found.source, img.clone()));
                            if decoded.len() > 16 {
                                decoded.pop_front();
                            }
                            Some(img)
                        }
                        Err(e) => {
                            log.warn(format!(
                                "{name}: tile {:?} does not decode: {e}",
                                found.source
                            ));
                            None
                        }
                    },
                };
                match image {
                    Some(image) => Outcome::Tile {
                        source: found.source,
                        crop: found.crop,
                        image,
                    },
                    None => Outcome::Missing,
                }
            }
            Fetched::Missing => Outcome::Missing,
            Fetched::RetryAfter(d) => Outcome::RetryAfter(d),
        };
        if replies.send(Reply { requested, outcome }).is_err() {
            break;
        }
        ctx.request_repaint();
    }
}

#[derive(Debug, Clone, Copy)]
enum Placement {
    Pending,
    Missing,
    At { source: TileAddr, crop: SubSquare },
    RetryAt(Instant),
}

fn uv_rect(crop: SubSquare) -> Rect {
    let (x, y, size) = crop.uv();
    Rect::from_min_max(pos2(x, y), pos2(x + size, y + size))
}

/// Gives `&'static str` for walkers' `Attribution`, keeping one copy of each distinct text
/// (a few per session) instead of leaking on every open.
fn intern(text: &str) -> &'static str {
    static TEXTS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let Ok(mut set) = TEXTS.get_or_init(Default::default).lock() else {
        return "";
    };
    if let Some(s) = set.get(text) {
        return s;
    }
    let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// A raster tile source for walkers: pass `&mut RasterTiles` to `walkers::Map::new(Some(..))`
/// or to `Map::with_layer(.., opacity)`. Keep it alive across frames.
pub struct RasterTiles {
    info: TilePackageInfo,
    attribution: Attribution,
    ctx: Context,
    queue: Arc<Queue>,
    replies: Receiver<Reply>,
    textures: HashMap<TileAddr, (TextureHandle, u64)>,
    placements: HashMap<TileAddr, Placement>,
    clock: u64,
    pending: usize,
    /// When a tile last could not be had (network down, server error) and last arrived: a
    /// source whose latest news is a failure is said to be unreachable.
    last_failure: Option<Instant>,
    last_success: Option<Instant>,
}

/// How long after its last failure a source still counts as unreachable.
const UNREACHABLE_FOR: Duration = Duration::from_secs(60);

impl Drop for RasterTiles {
    fn drop(&mut self) {
        // Workers finish their current tile and exit; not joined, so a slow download never
        // freezes the UI.
        self.queue.close();
    }
}

impl RasterTiles {
    fn start(
        info: TilePackageInfo,
        attribution_url: &str,
        fetchers: Vec<Box<dyn Fetcher>>,
        ctx: &Context,
    ) -> Self {
        let queue = Arc::new(Queue {
            items: Mutex::new((VecDeque::new(), false)),
            ready: Condvar::new(),
        });
        let (tx, rx) = channel();
        for (i, fetcher) in fetchers.into_iter().enumerate() {
            let (queue, tx, ctx, name) =
                (queue.clone(), tx.clone(), ctx.clone(), info.name.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("minemap-tiles-{i}"))
                .spawn(move || worker_loop(fetcher, queue, tx, ctx, name));
            if let Err(e) = spawned {
                log::error!("cannot start a tile worker for {}: {e}", info.name);
            }
        }
        let text = info
            .attribution
            .clone()
            .unwrap_or_else(|| info.name.clone());
        Self {
            attribution: Attribution {
                text: intern(&text),
                url: intern(attribution_url),
                logo_light: None,
                logo_dark: None,
            },
            info,
            ctx: ctx.clone(),
            queue,
            replies: rx,
            textures: HashMap::new(),
            placements: HashMap::new(),
            clock: 0,
            pending: 0,
            last_failure: None,
            last_success: None,
        }
    }

    /// Opens a raster MBTiles package; tiles are read by one background thread.
    pub fn mbtiles(path: impl Into<PathBuf>, ctx: &Context) -> Result<Self, TileSourceError> {
        let path = path.into();
        let package = MbTiles::open(&path)?;
        if package.info().format.is_none() {
            return Err(TileSourceError::Empty { path });
        }
        let info = package.info().clone();
        Ok(Self::start(
            info,
            "",
            PackageFetcher::boxed(Box::new(move |t| {
                package.tile_or_ancestor(t).map_err(|e| e.to_string())
            })),
            ctx,
        ))
    }

    /// Opens a raster PMTiles v3 archive (256 or 512 px tiles, any zoom range).
    pub fn pmtiles(path: impl Into<PathBuf>, ctx: &Context) -> Result<Self, TileSourceError> {
        let mut archive = PmTiles::open(path.into())?;
        let info = archive.info().clone();
        Ok(Self::start(
            info,
            "",
            PackageFetcher::boxed(Box::new(move |t| {
                archive.tile_or_ancestor(t).map_err(|e| e.to_string())
            })),
            ctx,
        ))
    }

    /// An online XYZ source (`{z}/{x}/{y}`, optional `{s}`) through the offline disk
    /// cache, fetched by two threads (the OSM policy allows two connections per client).
    pub fn xyz(source: &OnlineSource, cache: Arc<TileCache>, ctx: &Context) -> Self {
        let template = source.url.as_str();
        let info = TilePackageInfo {
            name: source.name.clone(),
            format: None,
            bounds: Some(LonLatBounds::WORLD),
            min_zoom: 0,
            max_zoom: XYZ_MAX_ZOOM,
            attribution: Some(source.attribution.clone()),
            center: None,
        };
        let fetchers: Vec<Box<dyn Fetcher>> = (0..2)
            .map(|_| {
                Box::new(XyzFetcher {
                    cache: cache.clone(),
                    template: template.to_string(),
                }) as Box<dyn Fetcher>
            })
            .collect();
        let url = if source.is_osm() {
            "https://www.openstreetmap.org/copyright"
        } else {
            ""
        };
        Self::start(info, url, fetchers, ctx)
    }

    /// Name, bounds, zoom range and attribution of the source.
    pub fn info(&self) -> &TilePackageInfo {
        &self.info
    }

    /// The attribution line to show on the map (metadata `attribution`, else the name).
    pub fn attribution_text(&self) -> &'static str {
        self.attribution.text
    }

    /// Where a view (its lon/lat box and walkers zoom) stands against the source.
    pub fn coverage(&self, view: &LonLatBounds, zoom: f64) -> Coverage {
        if let Some(b) = &self.info.bounds
            && !b.intersects(view)
        {
            return Coverage::OutsideBounds;
        }
        if zoom < f64::from(self.info.min_zoom) - 0.5 {
            Coverage::BelowMinZoom
        } else if zoom > f64::from(self.info.max_zoom) + 0.5 {
            Coverage::OverZoomed
        } else {
            Coverage::Inside
        }
    }

    /// Decoded tiles held as textures (bounded by the LRU).
    pub fn cached_textures(&self) -> usize {
        self.textures.len()
    }

    /// Requests still waiting for a worker.
    pub fn pending(&self) -> usize {
        self.pending
    }

    fn receive(&mut self) {
        while let Ok(Reply { requested, outcome }) = self.replies.try_recv() {
            self.pending = self.pending.saturating_sub(1);
            let placement = match outcome {
                Outcome::Tile {
                    source,
                    crop,
                    image,
                } => {
                    if !self.textures.contains_key(&source) {
                        let handle = self.ctx.load_texture(
                            format!("minemap-tile-{}/{}/{}", source.z, source.x, source.y),
                            image,
                            TextureOptions::LINEAR,
                        );
                        self.insert_texture(source, handle);
                    }
                    self.last_success = Some(Instant::now());
                    Placement::At { source, crop }
                }
                Outcome::Missing => Placement::Missing,
                Outcome::RetryAfter(d) => {
                    self.last_failure = Some(Instant::now());
                    Placement::RetryAt(Instant::now() + d)
                }
            };
            self.placements.insert(requested, placement);
        }
    }

    /// True while the latest news from the source is a tile that could not be had (within
    /// the last minute): offline, or the server is failing. Cached tiles are still shown.
    #[must_use]
    pub fn unreachable(&self) -> bool {
        self.last_failure.is_some_and(|failed| {
            failed.elapsed() < UNREACHABLE_FOR && self.last_success.is_none_or(|ok| ok < failed)
        })
    }

    fn insert_texture(&mut self, tile: TileAddr, handle: TextureHandle) {
        self.clock += 1;
        if self.textures.len() >= TEXTURE_CAPACITY
            && let Some(oldest) = self
                .textures
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(t, _)| *t)
        {
            // Dropping the handle frees the texture.
            self.textures.remove(&oldest);
        }
        self.textures.insert(tile, (handle, self.clock));
    }

    fn texture(&mut self, tile: TileAddr) -> Option<TextureHandle> {
        self.clock += 1;
        let clock = self.clock;
        self.textures.get_mut(&tile).map(|(h, used)| {
            *used = clock;
            h.clone()
        })
    }

    fn request(&mut self, tile: TileAddr) {
        if self.placements.len() >= PLACEMENT_CAPACITY {
            self.placements
                .retain(|_, p| matches!(p, Placement::Pending));
        }
        self.placements.insert(tile, Placement::Pending);
        self.pending += 1;
        if let Some(dropped) = self.queue.push(tile) {
            // Forget it so that it is asked again if the view comes back to it.
            self.placements.remove(&dropped);
            self.pending = self.pending.saturating_sub(1);
        }
    }

    /// Meanwhile: the nearest coarser tile already on the GPU, cropped to this one.
    fn stand_in(&mut self, tile: TileAddr) -> Option<TilePiece> {
        for dz in 1..=tile.z.min(10) {
            let (ancestor, crop) = tile.ancestor(dz);
            // An ancestor may itself be drawn from a further ancestor's texture.
            let (source, crop) = match self.placements.get(&ancestor) {
                Some(Placement::At { source, .. }) => (*source, tile.ancestor(tile.z - source.z).1),
                _ => (ancestor, crop),
            };
            if let Some(handle) = self.texture(source) {
                return Some(TilePiece::new(Tile::Raster(handle), uv_rect(crop)));
            }
        }
        None
    }

    /// The piece to draw for `tile`, queuing a read if it is not known yet. Also used by
    /// the benchmark and tests without walkers' map.
    pub fn piece(&mut self, tile: TileAddr) -> Option<TilePiece> {
        self.receive();
        if !tile.is_valid() || tile.z < self.info.min_zoom {
            return None;
        }
        match self.placements.get(&tile).copied() {
            Some(Placement::At { source, crop }) => {
                if let Some(handle) = self.texture(source) {
                    return Some(TilePiece::new(Tile::Raster(handle), uv_rect(crop)));
                }
                // Texture was evicted: read it again.
                self.request(tile);
            }
            Some(Placement::Missing) => return None,
            Some(Placement::Pending) => {}
            Some(Placement::RetryAt(at)) => {
                if Instant::now() >= at {
                    self.request(tile);
                }
            }
            None => self.request(tile),
        }
        self.stand_in(tile)
    }

    /// Whether `tile` has been answered (drawn, or known to be missing).
    pub fn is_settled(&mut self, tile: TileAddr) -> bool {
        self.receive();
        matches!(
            self.placements.get(&tile),
            Some(Placement::At { .. } | Placement::Missing)
        )
    }

    /// The sub-square of which source tile is drawn for `tile`, once answered (for tests
    /// and the status bar: `dz > 0` means over-zoomed).
    pub fn placement_of(&mut self, tile: TileAddr) -> Option<(TileAddr, SubSquare)> {
        self.receive();
        match self.placements.get(&tile) {
            Some(Placement::At { source, crop }) => Some((*source, *crop)),
            _ => None,
        }
    }
}

impl Tiles for RasterTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.piece(TileAddr::new(tile_id.zoom, tile_id.x, tile_id.y))
    }

    fn attribution(&self) -> Attribution {
        self.attribution.clone()
    }

    fn tile_size(&self) -> u32 {
        // Raster tiles cover XYZ ground; a 512 px tile at zoom z still covers tile z.
        256
    }

    fn stats(&self) -> walkers::Stats {
        walkers::Stats {
            in_progress: self.pending,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::io::mbtiles::tests::make_fixture;

    /// Asks until the worker has answered (or a second passes).
    fn settle(tiles: &mut RasterTiles, tile: TileAddr) {
        let start = Instant::now();
        tiles.piece(tile);
        while !tiles.is_settled(tile) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn mbtiles_source_draws_the_tile_and_over_zooms_the_right_quadrant() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 2, true);
        let ctx = Context::default();
        let mut tiles = RasterTiles::mbtiles(&path, &ctx).unwrap();
        assert_eq!(tiles.attribution_text(), "© Test survey 2026");
        assert_eq!(tiles.info().max_zoom, 2);

        let own = TileAddr::new(2, 1, 3);
        settle(&mut tiles, own);
        assert_eq!(tiles.placement_of(own), Some((own, SubSquare::WHOLE)));
        let piece = tiles.piece(own).unwrap();
        assert_eq!(piece.uv, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)));
        assert!(matches!(&piece.tile, Tile::Raster(h) if h.size() == [4, 4]));

        // z5 (13, 30) lies in z2 (1, 3): column 13 mod 8 = 5, row 30 mod 8 = 6 of 8×8.
        let deep = TileAddr::new(5, 13, 30);
        settle(&mut tiles, deep);
        let (source, crop) = tiles.placement_of(deep).unwrap();
        assert_eq!(source, TileAddr::new(2, 1, 3));
        assert_eq!((crop.dz, crop.col, crop.row), (3, 5, 6));
        let piece = tiles.piece(deep).unwrap();
        assert_eq!(
            piece.uv,
            Rect::from_min_max(pos2(0.625, 0.75), pos2(0.75, 0.875))
        );
    }

    #[test]
    fn walkers_map_shows_the_package_without_a_window() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 3, true);
        let ctx = Context::default();
        let mut tiles = RasterTiles::mbtiles(&path, &ctx).unwrap();
        let mut memory = walkers::MapMemory::default();
        // Zoom 6 over Azerbaijan: past the package's max zoom 3, so tiles are over-zoomed.
        memory.set_zoom(6.0).unwrap();
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(
                pos2(0.0, 0.0),
                egui::vec2(1400.0, 900.0),
            )),
            ..Default::default()
        };
        let mut frames = 0;
        loop {
            let mut output = ctx.run_ui(input.clone(), |ui| {
                ui.add(walkers::Map::new(
                    Some(&mut tiles),
                    &mut memory,
                    walkers::lon_lat(47.5, 40.2),
                ));
            });
            // No renderer here to take the uploads.
            output.textures_delta.clear();
            frames += 1;
            if (frames > 2 && tiles.pending() == 0) || frames > 500 {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(
            tiles.pending(),
            0,
            "tiles still loading after {frames} frames"
        );
        // A 1400×900 view at z6 lies within 1–2 z3 tiles per axis.
        let textures = tiles.cached_textures();
        assert!((1..=4).contains(&textures), "{textures} textures");
        let z6 = TileAddr::new(6, 40, 24);
        assert_eq!(
            tiles.placement_of(z6).map(|(s, _)| s),
            Some(TileAddr::new(3, 5, 3))
        );
    }

    #[test]
    fn online_source_keeps_showing_cached_tiles_once_the_server_is_gone() {
        use crate::io::tile_cache::tests::LoopbackServer;
        let dir = tempfile::tempdir().unwrap();
        let server = LoopbackServer::start(crate::io::mbtiles::tests::solid_png([9, 99, 199]));
        let source = OnlineSource::new("loopback", &server.template(), "").unwrap();
        let mut config = TileCacheConfig::at(dir.path());
        config.fresh_for = Duration::ZERO;
        let ctx = Context::default();
        let tile = TileAddr::new(10, 660, 380);

        let mut online = RasterTiles::xyz(&source, Arc::new(TileCache::new(config.clone())), &ctx);
        settle(&mut online, tile);
        assert!(online.piece(tile).is_some());
        assert!(!online.unreachable());
        drop(online);
        server.stop();

        // A new session (fresh memory), no server: the disk cache still has the tile.
        let mut offline = RasterTiles::xyz(&source, Arc::new(TileCache::new(config)), &ctx);
        settle(&mut offline, tile);
        assert_eq!(offline.placement_of(tile), Some((tile, SubSquare::WHOLE)));
        // A tile never seen is neither drawn nor retried at once.
        let unseen = TileAddr::new(10, 661, 380);
        offline.piece(unseen);
        std::thread::sleep(Duration::from_millis(300));
        assert!(offline.piece(unseen).is_none());
        // …and the source says it cannot be reached, for the status bar.
        assert!(offline.unreachable());
    }

    #[test]
    fn opening_bad_basemaps_gives_typed_errors() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::default();
        let missing =
            BasemapSpec::parse(dir.path().join("gone.mbtiles").to_str().unwrap()).unwrap();
        assert!(matches!(
            open_source(&missing, &ctx),
            Err(TileSourceError::MbTiles(MbTilesError::Missing { .. }))
        ));
        let junk = dir.path().join("junk.pmtiles");
        std::fs::write(&junk, b"not a pmtiles archive at all, just text").unwrap();
        assert!(matches!(
            open_source(&BasemapSpec::PmTiles(junk), &ctx),
            Err(TileSourceError::PmTiles(PmTilesError::BadHeader { .. }))
        ));
        assert!(matches!(
            open_source(&BasemapSpec::Embedded, &ctx),
            Ok(OpenedBasemap::Embedded)
        ));
    }

    #[test]
    fn coverage_tells_outside_bounds_from_over_zoom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.mbtiles");
        make_fixture(&path, 2, true);
        let tiles = RasterTiles::mbtiles(&path, &Context::default()).unwrap();
        let baku = LonLatBounds {
            west: 49.8,
            south: 40.3,
            east: 49.9,
            north: 40.4,
        };
        let paris = LonLatBounds {
            west: 2.3,
            south: 48.8,
            east: 2.4,
            north: 48.9,
        };
        assert_eq!(tiles.coverage(&baku, 2.0), Coverage::Inside);
        assert_eq!(tiles.coverage(&baku, 14.0), Coverage::OverZoomed);
        assert_eq!(tiles.coverage(&paris, 2.0), Coverage::OutsideBounds);
    }
}
