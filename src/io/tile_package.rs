//! What raster tile packages (MBTiles, PMTiles) and online XYZ sources have in common:
//! their description (bounds, zoom range, attribution, image format), the over-zoom rule
//! that lends a tile's deepest available ancestor, and the `--basemap` argument.
//! No egui here, so the command line and the benchmarks reuse it.

use std::path::PathBuf;

use thiserror::Error;

/// Image encoding of the tiles in a package. Vector tiles (pbf/MVT) are not raster and are
/// refused when a package is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileFormat {
    Png,
    Jpeg,
    Webp,
}

impl TileFormat {
    /// The format named in MBTiles `metadata.format` (`png`, `jpg`, `jpeg`, `webp`).
    pub fn from_mbtiles_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "webp" => Some(Self::Webp),
            _ => None,
        }
    }

    /// The format found by sniffing the first bytes of a tile, for packages whose metadata
    /// does not say.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }
}

/// West, south, east, north in degrees (WGS 84), as in MBTiles `metadata.bounds`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLatBounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl LonLatBounds {
    /// The whole Web Mercator world, for sources that do not say.
    pub const WORLD: Self = Self {
        west: -180.0,
        south: -85.051_128_78,
        east: 180.0,
        north: 85.051_128_78,
    };

    /// Whether the two boxes share any ground (used for "the view is outside the package").
    pub fn intersects(&self, other: &Self) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }
}

/// What a tile source says about itself, for the basemap selector, the attribution line and
/// the "outside the package's bounds/zoom range" message.
#[derive(Debug, Clone, PartialEq)]
pub struct TilePackageInfo {
    /// Human name (MBTiles `metadata.name`, else the file name).
    pub name: String,
    pub format: Option<TileFormat>,
    pub bounds: Option<LonLatBounds>,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub attribution: Option<String>,
    /// Longitude, latitude and zoom from `metadata.center`, if given.
    pub center: Option<(f64, f64, Option<u8>)>,
}

/// Which part of an ancestor tile covers a requested tile: the ancestor is cut into
/// `2^dz × 2^dz` squares and the requested tile is square (`col`, `row`), counted from the
/// top left (XYZ order, north up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubSquare {
    pub dz: u8,
    pub col: u32,
    pub row: u32,
}

impl SubSquare {
    /// The whole tile (no over-zoom).
    pub const WHOLE: Self = Self {
        dz: 0,
        col: 0,
        row: 0,
    };

    /// `(min_x, min_y, size)` of the square as fractions of the ancestor tile (0..1), ready
    /// for a texture UV rectangle.
    pub fn uv(&self) -> (f32, f32, f32) {
        let size = 1.0 / f64::from(1u32 << self.dz.min(31));
        (
            (f64::from(self.col) * size) as f32,
            (f64::from(self.row) * size) as f32,
            size as f32,
        )
    }

    /// The same square in pixels of an ancestor image `tile_px` wide: `(x, y, size)`. Below
    /// one pixel the size is clamped to one so a crop is never empty.
    pub fn pixels(&self, tile_px: u32) -> (u32, u32, u32) {
        let div = 1u64 << self.dz.min(31);
        let size = (u64::from(tile_px) / div).max(1);
        let x = (u64::from(self.col) * u64::from(tile_px) / div).min(u64::from(tile_px) - size);
        let y = (u64::from(self.row) * u64::from(tile_px) / div).min(u64::from(tile_px) - size);
        (x as u32, y as u32, size as u32)
    }
}

/// XYZ address of a tile (`y` counted from the north, as on OSM and in walkers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileAddr {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

impl TileAddr {
    pub fn new(z: u8, x: u32, y: u32) -> Self {
        Self { z, x, y }
    }

    /// Whether x and y lie inside the `2^z × 2^z` grid.
    pub fn is_valid(&self) -> bool {
        self.z <= 30 && self.x < (1u32 << self.z) && self.y < (1u32 << self.z)
    }

    /// The ancestor `dz` levels up and which sub-square of it this tile is.
    pub fn ancestor(&self, dz: u8) -> (TileAddr, SubSquare) {
        let dz = dz.min(self.z);
        let parent = TileAddr::new(self.z - dz, self.x >> dz, self.y >> dz);
        let mask = (1u32 << dz) - 1;
        (
            parent,
            SubSquare {
                dz,
                col: self.x & mask,
                row: self.y & mask,
            },
        )
    }
}

/// Tile bytes lent by the deepest tile that exists at or above the requested one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AncestorTile {
    /// The tile the bytes belong to (the requested tile itself when `crop.dz == 0`).
    pub source: TileAddr,
    pub crop: SubSquare,
    pub bytes: Vec<u8>,
}

/// The over-zoom rule shared by all packages: start at `min(z, max_zoom)` and climb until a
/// tile exists, never above `min_zoom`. `get` reads one tile; it is called at most
/// `z − min_zoom + 1` times, each an indexed lookup, so a missing tile costs a few queries and
/// never a scan.
pub fn deepest_available<E>(
    tile: TileAddr,
    min_zoom: u8,
    max_zoom: u8,
    mut get: impl FnMut(TileAddr) -> Result<Option<Vec<u8>>, E>,
) -> Result<Option<AncestorTile>, E> {
    if !tile.is_valid() {
        return Ok(None);
    }
    let start = tile.z.min(max_zoom);
    if start < min_zoom {
        return Ok(None);
    }
    for z in (min_zoom..=start).rev() {
        let (source, crop) = tile.ancestor(tile.z - z);
        if let Some(bytes) = get(source)? {
            return Ok(Some(AncestorTile {
                source,
                crop,
                bytes,
            }));
        }
    }
    Ok(None)
}

/// What `--basemap` (and the basemap selector) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasemapSpec {
    /// The Natural Earth map compiled into the binary (drawn by the lead's basemap module).
    Embedded,
    /// No basemap at all.
    None,
    MbTiles(PathBuf),
    PmTiles(PathBuf),
    /// An online XYZ tile service.
    Xyz(OnlineSource),
}

/// An online XYZ tile service: what `--basemap URL` names, the selector offers and the
/// settings keep between runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OnlineSource {
    /// For the selector: "OpenStreetMap", "Survey orthophoto"…
    pub name: String,
    /// URL template with `{z}`, `{x}`, `{y}` and optionally `{s}`.
    pub url: String,
    /// Drawn on the map while the source is shown (tile services' terms require it).
    pub attribution: String,
}

impl OnlineSource {
    /// The OpenStreetMap standard tile layer, the default online source.
    #[must_use]
    pub fn osm() -> Self {
        Self {
            name: "OpenStreetMap".into(),
            url: BasemapSpec::OSM_URL.into(),
            attribution: "© OpenStreetMap contributors".into(),
        }
    }

    /// A source for the URL template `url`. An empty `name` becomes the URL's host and an
    /// empty `attribution` names the host (OpenStreetMap's own wording for its tiles), so the
    /// map never shows tiles without saying whose they are.
    ///
    /// # Errors
    /// The URL is not `http(s)://` or lacks `{z}`, `{x}` or `{y}`.
    pub fn new(name: &str, url: &str, attribution: &str) -> Result<Self, BasemapSpecError> {
        let url = url.trim();
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(BasemapSpecError::NotHttp(url.to_owned()));
        }
        if !["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) {
            return Err(BasemapSpecError::UrlWithoutPlaceholders(url.to_owned()));
        }
        let host = host_of(url).unwrap_or(url).to_owned();
        let osm = is_osm_host(&host);
        let or = |given: &str, fallback: String| {
            let given = given.trim();
            if given.is_empty() {
                fallback
            } else {
                given.to_owned()
            }
        };
        Ok(Self {
            name: or(name, if osm { Self::osm().name } else { host.clone() }),
            url: url.to_owned(),
            attribution: or(
                attribution,
                if osm {
                    Self::osm().attribution
                } else {
                    format!("Tiles: {host}")
                },
            ),
        })
    }

    /// True for tiles of openstreetmap.org, whose copyright page the map links to.
    #[must_use]
    pub fn is_osm(&self) -> bool {
        host_of(&self.url).is_some_and(is_osm_host)
    }
}

/// The host of an `http(s)://host/…` URL.
fn host_of(url: &str) -> Option<&str> {
    url.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
}

fn is_osm_host(host: &str) -> bool {
    host.ends_with("openstreetmap.org")
}

/// Why a `--basemap` argument was not understood.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BasemapSpecError {
    #[error(
        "--basemap is empty: give embedded, none, a .mbtiles or .pmtiles file, or a URL template"
    )]
    Empty,
    #[error(
        "basemap URL {0:?} lacks {{z}}, {{x}} or {{y}}; use a template such as https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png"
    )]
    UrlWithoutPlaceholders(String),
    #[error("tile URL {0:?} must start with http:// or https://")]
    NotHttp(String),
    #[error(
        "basemap {0:?} is neither embedded, none, a .mbtiles or .pmtiles file, nor an http(s) URL template"
    )]
    Unrecognised(String),
}

impl BasemapSpec {
    /// The OpenStreetMap standard tile layer, the default online source.
    pub const OSM_URL: &'static str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// Parse `embedded`, `none`, `PATH.mbtiles`, `PATH.pmtiles` or an `http(s)://` URL
    /// template. The file is not opened here; opening reports a missing or bad file.
    pub fn parse(s: &str) -> Result<Self, BasemapSpecError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(BasemapSpecError::Empty);
        }
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "embedded" | "default" => return Ok(Self::Embedded),
            "none" | "off" => return Ok(Self::None),
            "osm" => return Ok(Self::Xyz(OnlineSource::osm())),
            _ => {}
        }
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return OnlineSource::new("", s, "").map(Self::Xyz);
        }
        if lower.ends_with(".mbtiles") {
            Ok(Self::MbTiles(PathBuf::from(s)))
        } else if lower.ends_with(".pmtiles") {
            Ok(Self::PmTiles(PathBuf::from(s)))
        } else {
            Err(BasemapSpecError::Unrecognised(s.to_string()))
        }
    }
}

impl std::str::FromStr for BasemapSpec {
    type Err = BasemapSpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn basemap_argument_names_each_kind_of_source() {
        assert_eq!(
            BasemapSpec::parse("embedded").unwrap(),
            BasemapSpec::Embedded
        );
        assert_eq!(BasemapSpec::parse("NONE").unwrap(), BasemapSpec::None);
        assert_eq!(
            BasemapSpec::parse("/data/Ortho AZ.MBTiles").unwrap(),
            BasemapSpec::MbTiles(PathBuf::from("/data/Ortho AZ.MBTiles"))
        );
        assert_eq!(
            BasemapSpec::parse("area.pmtiles").unwrap(),
            BasemapSpec::PmTiles(PathBuf::from("area.pmtiles"))
        );
        assert_eq!(
            BasemapSpec::parse("https://{s}.tile.example.org/{z}/{x}/{y}.png").unwrap(),
            BasemapSpec::Xyz(OnlineSource {
                name: "{s}.tile.example.org".into(),
                url: "https://{s}.tile.example.org/{z}/{x}/{y}.png".into(),
                attribution: "Tiles: {s}.tile.example.org".into(),
            })
        );
        assert_eq!(
            BasemapSpec::parse("https://tile.openstreetmap.org/{z}/{x}/{y}.png").unwrap(),
            BasemapSpec::Xyz(OnlineSource::osm())
        );
        assert_eq!(
            BasemapSpec::parse("osm").unwrap(),
            BasemapSpec::Xyz(OnlineSource::osm())
        );
        assert!(matches!(
            BasemapSpec::parse("https://example.org/tiles.png"),
            Err(BasemapSpecError::UrlWithoutPlaceholders(_))
        ));
        assert!(matches!(
            BasemapSpec::parse("hazards.geojson"),
            Err(BasemapSpecError::Unrecognised(_))
        ));
        assert_eq!(BasemapSpec::parse("  "), Err(BasemapSpecError::Empty));
    }

    #[test]
    fn an_online_source_keeps_what_the_user_typed_and_fills_in_the_rest() {
        let s = OnlineSource::new(
            " Survey ortho ",
            " https://tiles.example.org/ortho/{z}/{x}/{y}.jpg ",
            "© Survey 2026",
        )
        .unwrap();
        assert_eq!(s.name, "Survey ortho");
        assert_eq!(s.url, "https://tiles.example.org/ortho/{z}/{x}/{y}.jpg");
        assert_eq!(s.attribution, "© Survey 2026");
        assert!(!s.is_osm() && OnlineSource::osm().is_osm());
        let bare = OnlineSource::new("", "http://10.0.0.5/{z}/{x}/{y}.png", "").unwrap();
        assert_eq!(
            (bare.name.as_str(), bare.attribution.as_str()),
            ("10.0.0.5", "Tiles: 10.0.0.5")
        );
        assert!(matches!(
            OnlineSource::new("x", "ftp://h/{z}/{x}/{y}", ""),
            Err(BasemapSpecError::NotHttp(_))
        ));
        assert!(matches!(
            OnlineSource::new("x", "https://h/{z}/{x}.png", ""),
            Err(BasemapSpecError::UrlWithoutPlaceholders(_))
        ));
    }

    #[test]
    fn over_zoom_picks_the_quadrant_under_the_requested_tile() {
        // z3 tile (5, 2): its z1 ancestor is (1, 0), and inside it the tile is column 1,
        // row 2 of a 4×4 grid.
        let (parent, crop) = TileAddr::new(3, 5, 2).ancestor(2);
        assert_eq!(parent, TileAddr::new(1, 1, 0));
        assert_eq!(
            crop,
            SubSquare {
                dz: 2,
                col: 1,
                row: 2
            }
        );
        assert_eq!(crop.uv(), (0.25, 0.5, 0.25));
        assert_eq!(crop.pixels(256), (64, 128, 64));
    }

    #[test]
    fn deepest_available_climbs_until_a_tile_exists() {
        let have = TileAddr::new(2, 1, 1);
        let mut asked = Vec::new();
        let found = deepest_available::<()>(TileAddr::new(5, 12, 9), 0, 4, |t| {
            asked.push(t);
            Ok((t == have).then(|| vec![7]))
        })
        .unwrap()
        .unwrap();
        assert_eq!(found.source, have);
        assert_eq!(found.crop.dz, 3);
        assert_eq!((found.crop.col, found.crop.row), (12 & 7, 9 & 7));
        // Starts at max zoom 4, not at 5.
        assert_eq!(asked.first().map(|t| t.z), Some(4));
        assert_eq!(asked.len(), 3);
    }
}
