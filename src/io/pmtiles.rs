//! Raster PMTiles v3 archives (Protomaps; `pmtiles extract` makes one for an area).
//!
//! A small synchronous reader of the v3 layout (<https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md>):
//! 127-byte header, varint directories (gzip or uncompressed), Hilbert tile ids. We read the
//! file ourselves rather than through the `pmtiles` crate because that crate is async-only
//! (it needs a tokio runtime) and slices buffers with offsets taken from the header, which
//! panics on a damaged file; here every offset is checked and a bad file is an error.
//! Only the header, the root directory and a few leaf directories stay in memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::io::tile_package::{
    AncestorTile, LonLatBounds, TileAddr, TileFormat, TilePackageInfo, deepest_available,
};

const HEADER_LEN: usize = 127;
/// Directories larger than this are not produced by any writer; refusing them bounds memory.
const MAX_DIRECTORY_BYTES: u64 = 64 << 20;
/// A tile larger than this is taken as damage rather than imagery.
const MAX_TILE_BYTES: u64 = 32 << 20;
const LEAF_CACHE: usize = 64;

/// Why a PMTiles archive could not be opened or read. Each names the file.
#[derive(Debug, Error)]
pub enum PmTilesError {
    #[error("{path}: no such file")]
    Missing { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a PMTiles v3 archive ({reason})")]
    BadHeader { path: PathBuf, reason: String },
    #[error(
        "{path}: tiles are {format}, which minemap cannot draw (raster png, jpg or webp only; vector tiles are not supported)"
    )]
    UnsupportedFormat { path: PathBuf, format: String },
    #[error("{path}: {what} uses compression {code} ({name}), which minemap cannot read")]
    UnsupportedCompression {
        path: PathBuf,
        what: &'static str,
        code: u8,
        name: &'static str,
    },
    #[error("{path}: the archive is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    tile_id: u64,
    offset: u64,
    length: u64,
    run_length: u32,
}

#[derive(Debug, Clone, Copy)]
struct Header {
    root_offset: u64,
    root_length: u64,
    metadata_offset: u64,
    metadata_length: u64,
    leaf_offset: u64,
    data_offset: u64,
    internal_compression: u8,
    tile_compression: u8,
}

/// An open PMTiles archive. Owns its file handle (give it to one worker thread).
pub struct PmTiles {
    path: PathBuf,
    file: File,
    file_len: u64,
    header: Header,
    root: Vec<Entry>,
    leaves: HashMap<(u64, u64), Vec<Entry>>,
    info: TilePackageInfo,
}

impl std::fmt::Debug for PmTiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PmTiles")
            .field("path", &self.path)
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn i32_at(b: &[u8], at: usize) -> i32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    i32::from_le_bytes(a)
}

fn compression_name(code: u8) -> &'static str {
    match code {
        0 => "unknown",
        1 => "none",
        2 => "gzip",
        3 => "brotli",
        4 => "zstd",
        _ => "invalid",
    }
}

impl PmTiles {
    /// Open `path`, check the header and read the root directory and metadata.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, PmTilesError> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(PmTilesError::Missing { path });
        }
        let io_err = |source| PmTilesError::Io {
            path: path.clone(),
            source,
        };
        let mut file = File::open(&path).map_err(io_err)?;
        let file_len = file.metadata().map_err(io_err)?.len();
        let bad = |reason: String| PmTilesError::BadHeader {
            path: path.clone(),
            reason,
        };
        if file_len < HEADER_LEN as u64 {
            return Err(bad(format!("{file_len} bytes, shorter than a header")));
        }
        let mut h = [0u8; HEADER_LEN];
        file.read_exact(&mut h).map_err(io_err)?;
        if &h[0..7] != b"PMTiles" {
            return Err(bad("no PMTiles magic number".into()));
        }
        if h[7] != 3 {
            return Err(bad(format!("spec version {}, only 3 is read", h[7])));
        }
        let header = Header {
            root_offset: u64_at(&h, 8),
            root_length: u64_at(&h, 16),
            metadata_offset: u64_at(&h, 24),
            metadata_length: u64_at(&h, 32),
            leaf_offset: u64_at(&h, 40),
            data_offset: u64_at(&h, 56),
            internal_compression: h[97],
            tile_compression: h[98],
        };
        let tile_type = h[99];
        let format = match tile_type {
            2 => TileFormat::Png,
            3 => TileFormat::Jpeg,
            4 => TileFormat::Webp,
            1 => {
                return Err(PmTilesError::UnsupportedFormat {
                    path,
                    format: "vector (MVT)".into(),
                });
            }
            5 => {
                return Err(PmTilesError::UnsupportedFormat {
                    path,
                    format: "AVIF".into(),
                });
            }
            other => {
                return Err(PmTilesError::UnsupportedFormat {
                    path,
                    format: format!("unknown tile type {other}"),
                });
            }
        };
        for (what, code) in [
            ("the directory", header.internal_compression),
            ("the tile data", header.tile_compression),
        ] {
            // 0 ("unknown") is tolerated for tiles only: some writers leave it for images.
            let readable = matches!(code, 1 | 2) || (code == 0 && what == "the tile data");
            if !readable {
                return Err(PmTilesError::UnsupportedCompression {
                    path,
                    what,
                    code,
                    name: compression_name(code),
                });
            }
        }
        let (min_zoom, max_zoom) = (h[100].min(30), h[101].min(30));
        if min_zoom > max_zoom {
            return Err(bad(format!(
                "min zoom {min_zoom} above max zoom {max_zoom}"
            )));
        }
        let e7 = |at| f64::from(i32_at(&h, at)) / 1e7;
        let (west, south, east, north) = (e7(102), e7(106), e7(110), e7(114));
        let bounds = (west < east && south < north).then_some(LonLatBounds {
            west,
            south,
            east,
            north,
        });
        let center = Some((e7(119), e7(123), Some(h[118])));

        let mut archive = Self {
            path: path.clone(),
            file,
            file_len,
            header,
            root: Vec::new(),
            leaves: HashMap::new(),
            info: TilePackageInfo {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                format: Some(format),
                bounds,
                min_zoom,
                max_zoom,
                attribution: None,
                center,
            },
        };
        archive.root = archive.read_directory(header.root_offset, header.root_length)?;
        archive.read_metadata();
        Ok(archive)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn info(&self) -> &TilePackageInfo {
        &self.info
    }

    fn corrupt(&self, reason: impl Into<String>) -> PmTilesError {
        PmTilesError::Corrupt {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    fn read_range(
        &mut self,
        offset: u64,
        length: u64,
        limit: u64,
    ) -> Result<Vec<u8>, PmTilesError> {
        let end = offset.checked_add(length);
        if length > limit || end.is_none_or(|end| end > self.file_len) {
            return Err(self.corrupt(format!(
                "a block at {offset}+{length} lies outside the {} byte file",
                self.file_len
            )));
        }
        let mut buf = vec![0u8; length as usize];
        let read = self
            .file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| self.file.read_exact(&mut buf));
        read.map_err(|source| PmTilesError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(buf)
    }

    fn decompress(&self, code: u8, bytes: Vec<u8>, limit: u64) -> Result<Vec<u8>, PmTilesError> {
        match code {
            0 | 1 => Ok(bytes),
            2 => {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .take(limit)
                    .read_to_end(&mut out)
                    .map_err(|e| self.corrupt(format!("gzip: {e}")))?;
                Ok(out)
            }
            other => Err(PmTilesError::UnsupportedCompression {
                path: self.path.clone(),
                what: "a block",
                code: other,
                name: compression_name(other),
            }),
        }
    }

    fn read_directory(&mut self, offset: u64, length: u64) -> Result<Vec<Entry>, PmTilesError> {
        let raw = self.read_range(offset, length, MAX_DIRECTORY_BYTES)?;
        let bytes = self.decompress(self.header.internal_compression, raw, MAX_DIRECTORY_BYTES)?;
        parse_directory(&bytes).ok_or_else(|| self.corrupt("a directory does not decode"))
    }

    /// Reads the JSON metadata for the name and attribution; a bad one is only a warning.
    fn read_metadata(&mut self) {
        let (offset, length) = (self.header.metadata_offset, self.header.metadata_length);
        if length == 0 {
            return;
        }
        let json = self
            .read_range(offset, length, MAX_DIRECTORY_BYTES)
            .and_then(|raw| {
                self.decompress(self.header.internal_compression, raw, MAX_DIRECTORY_BYTES)
            });
        match json.map(|b| serde_json::from_slice::<serde_json::Value>(&b)) {
            Ok(Ok(v)) => {
                if let Some(name) = v.get("name").and_then(|n| n.as_str()) {
                    self.info.name = name.to_string();
                }
                self.info.attribution = v
                    .get("attribution")
                    .and_then(|a| a.as_str())
                    .map(str::to_string);
            }
            Ok(Err(e)) => log::warn!("{}: metadata is not JSON: {e}", self.path.display()),
            Err(e) => log::warn!("{e}"),
        }
    }

    /// The bytes of XYZ tile `(z, x, y)` (decompressed), or `None` when the archive lacks it.
    pub fn tile_bytes(&mut self, tile: TileAddr) -> Result<Option<Vec<u8>>, PmTilesError> {
        if !tile.is_valid() {
            return Ok(None);
        }
        let id = zxy_to_tile_id(tile);
        let mut dir_key: Option<(u64, u64)> = None;
        // The spec allows a root and up to three leaf levels.
        for _ in 0..4 {
            let found = {
                let dir = match dir_key {
                    None => &self.root,
                    Some(key) => match self.leaves.get(&key) {
                        Some(d) => d,
                        None => {
                            let d = self.read_directory(self.header.leaf_offset + key.0, key.1)?;
                            if self.leaves.len() >= LEAF_CACHE {
                                self.leaves.clear();
                            }
                            self.leaves.entry(key).or_insert(d)
                        }
                    },
                };
                find_entry(dir, id)
            };
            let Some(entry) = found else {
                return Ok(None);
            };
            if entry.run_length > 0 {
                let raw = self.read_range(
                    self.header.data_offset.saturating_add(entry.offset),
                    entry.length,
                    MAX_TILE_BYTES,
                )?;
                return self
                    .decompress(self.header.tile_compression, raw, MAX_TILE_BYTES)
                    .map(Some);
            }
            dir_key = Some((entry.offset, entry.length));
        }
        Err(self.corrupt("leaf directories nest deeper than the spec allows"))
    }

    /// The tile itself or, past the archive's max zoom or in a hole, the deepest ancestor
    /// with the sub-square to crop and scale.
    pub fn tile_or_ancestor(
        &mut self,
        tile: TileAddr,
    ) -> Result<Option<AncestorTile>, PmTilesError> {
        let (min_zoom, max_zoom) = (self.info.min_zoom, self.info.max_zoom);
        deepest_available(tile, min_zoom, max_zoom, |t| self.tile_bytes(t))
    }
}

/// The entry whose run covers `id` (the last entry with `tile_id <= id`), if any.
fn find_entry(dir: &[Entry], id: u64) -> Option<Entry> {
    let idx = dir.partition_point(|e| e.tile_id <= id).checked_sub(1)?;
    let e = dir[idx];
    if e.run_length == 0 || id - e.tile_id < u64::from(e.run_length) {
        Some(e)
    } else {
        None
    }
}

fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        value |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Decodes a v3 directory: count, then delta-coded ids, run lengths, lengths and offsets.
fn parse_directory(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut pos = 0;
    let n = usize::try_from(read_varint(bytes, &mut pos)?).ok()?;
    // Each entry takes at least four bytes; a larger count is damage.
    if n > bytes.len() {
        return None;
    }
    let mut entries = vec![
        Entry {
            tile_id: 0,
            offset: 0,
            length: 0,
            run_length: 0
        };
        n
    ];
    let mut last = 0u64;
    for e in &mut entries {
        last = last.checked_add(read_varint(bytes, &mut pos)?)?;
        e.tile_id = last;
    }
    for e in &mut entries {
        e.run_length = u32::try_from(read_varint(bytes, &mut pos)?).ok()?;
    }
    for e in &mut entries {
        e.length = read_varint(bytes, &mut pos)?;
    }
    for i in 0..n {
        let v = read_varint(bytes, &mut pos)?;
        entries[i].offset = if v == 0 && i > 0 {
            entries[i - 1].offset.checked_add(entries[i - 1].length)?
        } else {
            v.checked_sub(1)?
        };
    }
    Some(entries)
}

/// PMTiles tile id: tiles of all lower zooms first, then the Hilbert index within zoom `z`.
pub fn zxy_to_tile_id(t: TileAddr) -> u64 {
    let z = u32::from(t.z);
    let base = ((1u64 << (2 * z)) - 1) / 3;
    let n = 1u64 << z;
    let (mut x, mut y) = (u64::from(t.x), u64::from(t.y));
    let mut d = 0u64;
    let mut s = n / 2;
    while s > 0 {
        let rx = u64::from(x & s > 0);
        let ry = u64::from(y & s > 0);
        d += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = s - 1 - (x & (s - 1));
                y = s - 1 - (y & (s - 1));
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    base + d
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hilbert_tile_ids_match_the_spec_examples() {
        // Values from the PMTiles v3 spec and its reference implementation's tests.
        assert_eq!(zxy_to_tile_id(TileAddr::new(0, 0, 0)), 0);
        assert_eq!(zxy_to_tile_id(TileAddr::new(1, 0, 0)), 1);
        assert_eq!(zxy_to_tile_id(TileAddr::new(1, 0, 1)), 2);
        assert_eq!(zxy_to_tile_id(TileAddr::new(1, 1, 1)), 3);
        assert_eq!(zxy_to_tile_id(TileAddr::new(1, 1, 0)), 4);
        assert_eq!(zxy_to_tile_id(TileAddr::new(2, 0, 0)), 5);
        assert_eq!(zxy_to_tile_id(TileAddr::new(20, 0, 0)), 366_503_875_925);
    }

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiles/solid_z0-3.pmtiles")
    }

    /// The colour `tests/fixtures/tiles/make_pmtiles_fixture.py` gives tile (z, x, y).
    fn colour_of(t: TileAddr) -> [u8; 3] {
        [t.z * 40, (t.x * 30) as u8, (t.y * 30 + 5) as u8]
    }

    fn colour(bytes: &[u8]) -> [u8; 3] {
        image::load_from_memory(bytes)
            .unwrap()
            .to_rgb8()
            .get_pixel(100, 100)
            .0
    }

    #[test]
    fn archive_written_by_the_reference_tool_gives_every_tile_back() {
        let mut pm = PmTiles::open(fixture()).unwrap();
        let info = pm.info().clone();
        assert_eq!(info.name, "Solid colour fixture");
        assert_eq!(
            info.attribution.as_deref(),
            Some("minemap test fixture (CC0)")
        );
        assert_eq!(info.format, Some(TileFormat::Png));
        assert_eq!((info.min_zoom, info.max_zoom), (0, 3));
        let b = info.bounds.unwrap();
        assert!((b.west - 44.5).abs() < 1e-6 && (b.north - 41.95).abs() < 1e-6);
        for z in 0..=3u8 {
            for x in 0..(1u32 << z) {
                for y in 0..(1u32 << z) {
                    let t = TileAddr::new(z, x, y);
                    let bytes = pm.tile_bytes(t).unwrap().unwrap();
                    assert_eq!(colour(&bytes), colour_of(t), "tile {t:?}");
                    let img = image::load_from_memory(&bytes).unwrap();
                    assert_eq!((img.width(), img.height()), (256, 256));
                }
            }
        }
        assert_eq!(pm.tile_bytes(TileAddr::new(4, 0, 0)).unwrap(), None);
    }

    #[test]
    fn archive_over_zooms_past_its_max_zoom() {
        let mut pm = PmTiles::open(fixture()).unwrap();
        // z17 tile under Baku: its z3 ancestor is (5, 3).
        let baku = TileAddr::new(17, 83_692, 49_513);
        let lent = pm.tile_or_ancestor(baku).unwrap().unwrap();
        assert_eq!(lent.source, TileAddr::new(3, 5, 3));
        assert_eq!(lent.crop.dz, 14);
        assert_eq!(
            (lent.crop.col, lent.crop.row),
            (83_692 % 16_384, 49_513 % 16_384)
        );
        assert_eq!(colour(&lent.bytes), colour_of(lent.source));
    }

    #[test]
    fn damaged_headers_are_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("short.pmtiles");
        std::fs::write(&short, b"PMTiles\x03").unwrap();
        assert!(matches!(
            PmTiles::open(&short),
            Err(PmTilesError::BadHeader { .. })
        ));

        let wrong = dir.path().join("wrong.pmtiles");
        std::fs::write(&wrong, [0u8; 300]).unwrap();
        let e = PmTiles::open(&wrong).unwrap_err();
        assert!(e.to_string().contains("wrong.pmtiles"), "{e}");

        // A raster header whose root directory points far past the end of the file.
        let mut h = vec![0u8; 127];
        h[0..7].copy_from_slice(b"PMTiles");
        h[7] = 3;
        h[8..16].copy_from_slice(&1_000_000u64.to_le_bytes());
        h[16..24].copy_from_slice(&50u64.to_le_bytes());
        h[97] = 1;
        h[98] = 1;
        h[99] = 2;
        h[101] = 4;
        let far = dir.path().join("far.pmtiles");
        std::fs::write(&far, &h).unwrap();
        assert!(matches!(
            PmTiles::open(&far),
            Err(PmTilesError::Corrupt { .. })
        ));

        h[99] = 1;
        let mvt = dir.path().join("vector.pmtiles");
        std::fs::write(&mvt, &h).unwrap();
        assert!(matches!(
            PmTiles::open(&mvt),
            Err(PmTilesError::UnsupportedFormat { .. })
        ));

        // The real fixture cut short: the directory or tiles run past the end.
        let bytes = std::fs::read(fixture()).unwrap();
        for cut in [150, 250, 400, bytes.len() - 10] {
            let cut_path = dir.path().join(format!("cut{cut}.pmtiles"));
            std::fs::write(&cut_path, &bytes[..cut]).unwrap();
            if let Ok(mut pm) = PmTiles::open(&cut_path) {
                for x in 0..8 {
                    let _ = pm.tile_or_ancestor(TileAddr::new(3, x, 7 - x));
                }
            }
        }
        // Every byte of the header and root directory flipped in turn: never a panic.
        for i in 0..300 {
            let mut b = bytes.clone();
            b[i] ^= 0xFF;
            let p = dir.path().join("flip.pmtiles");
            std::fs::write(&p, &b).unwrap();
            if let Ok(mut pm) = PmTiles::open(&p) {
                let _ = pm.tile_or_ancestor(TileAddr::new(3, 5, 3));
            }
        }

        assert!(matches!(
            PmTiles::open(dir.path().join("none.pmtiles")),
            Err(PmTilesError::Missing { .. })
        ));
    }
}
