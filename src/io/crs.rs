//! Coordinate reference systems of imported files, and reprojection to WGS84 longitude/latitude.
//!
//! A `.prj` (ESRI or OGC WKT) or a GeoPackage `gpkg_spatial_ref_sys` row is resolved in this
//! order: an `AUTHORITY["EPSG", code]` in the text, then the system's name matched against the
//! EPSG names in `crs-definitions` (ESRI spells `WGS_1984_UTM_Zone_38N` where EPSG says
//! `WGS 84 / UTM zone 38N`), then the WKT translated by `proj4wkt`. ESRI WKT carries no datum
//! shift, so when the translation has none, the one EPSG gives the named geographic system
//! (Pulkovo 1942's `+towgs84=23.92,-141.27,-80.9,0,0.35,0.82,-0.12`, as PROJ exports it) is
//! added: without it Gauss–Krüger data would land about 100 m off. Reprojection is `proj4rs`.
//! A system none of these understands is an error naming it, never a silent wrong place.
//!
//! Speed: an exact inverse Transverse Mercator costs ~180 ns a position (a dozen sines, atans and
//! sinhs), which made a UTM shapefile load almost three times slower than a WGS84 one. Imported
//! features are small (a hazard area spans metres to a few km), so a feature that fits in one
//! cell of a lattice in source units is converted by bicubic interpolation between 4×4 exactly
//! converted nodes of its cell (built once per cell and shared by every feature in it). Each cell
//! checks itself against the exact conversion at off-node points when it is built and is used only
//! when it agrees within [`CELL_TOLERANCE_DEGREES`] (~11 µm); anything else — large features,
//! cells near a projection's singularity or the antimeridian — takes the exact path.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use geo::{BoundingRect, Coord, Geometry, MapCoordsInPlace};
use proj4rs::Proj;
use proj4rs::transform::{Transform, TransformClosure, transform};
use thiserror::Error;

/// Why a coordinate system cannot be used.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum CrsError {
    /// The text names a system no library here can reproject.
    #[error("unknown coordinate system \"{name}\": {reason}")]
    Unknown { name: String, reason: String },
    /// A position that the projection cannot invert (outside its domain).
    #[error("coordinate ({x}, {y}) cannot be converted from {name}: {reason}")]
    Transform {
        name: String,
        x: f64,
        y: f64,
        reason: String,
    },
}

/// A file's coordinate system, ready to convert its coordinates to WGS84 degrees.
pub struct SourceCrs {
    /// For people: `WGS 84 / UTM zone 38N`, `EPSG:28408 Pulkovo 1942 / Gauss-Kruger zone 8`.
    pub name: String,
    /// `None` when the system is WGS84 longitude/latitude already: nothing to do.
    proj: Option<Proj>,
    /// True when the source is geographic (degrees in, radians for proj4rs).
    source_latlong: bool,
    /// Interpolation cells built so far, by lattice index; `None`: the cell failed its check.
    cells: CellCache,
}

/// Largest difference allowed between a cell's interpolation and the exact conversion, in
/// degrees (1e-10° is about 11 µm on the ground). Measured on UTM 38N at 40° N: 3e-12° with
/// 2 km cells, 5e-11° with 4 km, 8e-10° with 8 km (the error grows as the fourth power of the
/// size); cells are 3 km (~1.5e-11°) and each is checked at a quarter of this.
pub const CELL_TOLERANCE_DEGREES: f64 = 1e-10;

/// Cells kept at most: past this, features convert exactly (memory stays bounded).
const MAX_CELLS: usize = 1 << 20;

/// Locks the cache is split over: the loader's threads look a cell up for every feature, and
/// one lock's counter bouncing between cores costs more than the interpolation.
const CELL_SHARDS: usize = 64;

/// One shard: small index entries (they stay in cache) pointing into the cells.
#[derive(Default)]
struct CellShard {
    index: HashMap<(i64, i64), u32, BuildKeyHasher>,
    /// `None`: the cell was built and failed its check.
    cells: Vec<Option<Cell>>,
}

/// Cells by lattice index, split over [`CELL_SHARDS`] locks.
struct CellCache {
    shards: Vec<RwLock<CellShard>>,
}

impl Default for CellCache {
    fn default() -> Self {
        Self {
            shards: (0..CELL_SHARDS).map(|_| RwLock::default()).collect(),
        }
    }
}

impl CellCache {
    fn shard(&self, key: (i64, i64)) -> &RwLock<CellShard> {
        #[allow(clippy::cast_possible_truncation)] // any bits will do
        let i = (mix(key) as usize) % CELL_SHARDS;
        &self.shards[i]
    }

    /// `f` of the cell at `key`: `Some(None)` when it was built and refused, `None` when it
    /// was not built yet.
    fn with<R>(&self, key: (i64, i64), f: impl FnOnce(&Cell) -> R) -> Option<Option<R>> {
        let shard = self.shard(key).read().ok()?;
        let &i = shard.index.get(&key)?;
        Some(shard.cells.get(i as usize)?.as_ref().map(f))
    }

    fn insert(&self, key: (i64, i64), cell: Option<Cell>) {
        if let Ok(mut shard) = self.shard(key).write()
            && shard.cells.len() < MAX_CELLS / CELL_SHARDS
            && !shard.index.contains_key(&key)
            && let Ok(i) = u32::try_from(shard.cells.len())
        {
            shard.cells.push(cell);
            shard.index.insert(key, i);
        }
    }

    #[cfg(test)]
    fn all(&self) -> Vec<Option<Cell>> {
        self.shards
            .iter()
            .flat_map(|s| s.read().map(|m| m.cells.clone()).unwrap_or_default())
            .collect()
    }
}

/// A lattice index's hash (two multiplications; SipHash's DoS resistance is not needed here).
fn mix((x, y): (i64, i64)) -> u64 {
    let (x, y) = (x.cast_unsigned(), y.cast_unsigned());
    let h = x.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ y.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^ (h >> 29)
}

/// Hashes lattice indices with [`mix`].
#[derive(Clone, Copy, Default)]
struct BuildKeyHasher;

impl std::hash::BuildHasher for BuildKeyHasher {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

/// Folds the two `i64`s of a key with [`mix`].
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = mix((self.0.cast_signed(), v));
    }
}

/// Bicubic interpolation of the conversion over one lattice cell, through 4×4 exact nodes that
/// span the cell widened by half a cell on each side (so a feature up to one cell wide whose
/// centre lies in the cell is inside the nodes). Kept as polynomial coefficients in the node
/// coordinates (u, v ∈ 0..=3), evaluated by Horner's rule: 30 multiply-adds a position.
#[derive(Clone, Copy)]
struct Cell {
    /// Source position of node (0, 0).
    origin: Coord<f64>,
    /// 1 / distance between nodes, in source units.
    inv_step: f64,
    /// Longitude (x) and latitude (y) coefficient of u^i v^j: `coefficients[j][i]`.
    coefficients: [[Coord<f64>; 4]; 4],
}

/// Coefficient of t^k in the cubic Lagrange polynomial through nodes 0..=3 that is 1 at node
/// i: `LAGRANGE_MONOMIALS[k][i]`.
const LAGRANGE_MONOMIALS: [[f64; 4]; 4] = [
    [1.0, 0.0, 0.0, 0.0],
    [-11.0 / 6.0, 3.0, -1.5, 1.0 / 3.0],
    [1.0, -2.5, 2.0, -0.5],
    [-1.0 / 6.0, 0.5, -0.5, 1.0 / 6.0],
];

impl Cell {
    /// The interpolation through `values[j][i]` at node (i, j), nodes `step` apart from `origin`.
    fn new(origin: Coord<f64>, step: f64, values: &[[Coord<f64>; 4]; 4]) -> Self {
        let m = &LAGRANGE_MONOMIALS;
        // Relative to node (0, 0): sums of ±45° values would lose the µm-sized terms
        // (the u³v³ coefficient is multiplied by up to 729).
        let base = values[0][0];
        let mut coefficients = [[Coord { x: 0.0, y: 0.0 }; 4]; 4];
        for (l, row) in coefficients.iter_mut().enumerate() {
            for (k, c) in row.iter_mut().enumerate() {
                for (j, value_row) in values.iter().enumerate() {
                    for (i, v) in value_row.iter().enumerate() {
                        let w = m[l][j] * m[k][i];
                        c.x += w * (v.x - base.x);
                        c.y += w * (v.y - base.y);
                    }
                }
            }
        }
        coefficients[0][0] = base;
        Self {
            origin,
            inv_step: 1.0 / step,
            coefficients,
        }
    }

    fn eval(&self, c: Coord<f64>) -> Coord<f64> {
        let u = (c.x - self.origin.x) * self.inv_step;
        let v = (c.y - self.origin.y) * self.inv_step;
        let row = |r: &[Coord<f64>; 4]| Coord {
            x: ((r[3].x * u + r[2].x) * u + r[1].x) * u + r[0].x,
            y: ((r[3].y * u + r[2].y) * u + r[1].y) * u + r[0].y,
        };
        let [r0, r1, r2, r3] = self.coefficients.each_ref().map(row);
        Coord {
            x: ((r3.x * v + r2.x) * v + r1.x) * v + r0.x,
            y: ((r3.y * v + r2.y) * v + r1.y) * v + r0.y,
        }
    }
}

impl std::fmt::Debug for SourceCrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceCrs")
            .field("name", &self.name)
            .field("reprojects", &self.proj.is_some())
            .finish()
    }
}

/// WGS84 longitude/latitude, the destination of every reprojection.
fn wgs84() -> Option<&'static Proj> {
    static WGS84: OnceLock<Option<Proj>> = OnceLock::new();
    WGS84
        .get_or_init(|| Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs").ok())
        .as_ref()
}

impl SourceCrs {
    /// WGS84 longitude/latitude: coordinates are kept as they are.
    #[must_use]
    pub fn wgs84() -> Self {
        Self {
            name: "WGS 84".into(),
            proj: None,
            source_latlong: true,
            cells: CellCache::default(),
        }
    }

    /// True when coordinates are converted (the source is not WGS84 degrees).
    #[must_use]
    pub fn reprojects(&self) -> bool {
        self.proj.is_some()
    }

    /// The system of EPSG code `code`.
    ///
    /// # Errors
    /// [`CrsError::Unknown`] when `crs-definitions` has no such code.
    pub fn from_epsg(code: u32) -> Result<Self, CrsError> {
        let def = u16::try_from(code)
            .ok()
            .and_then(crs_definitions::from_code)
            .ok_or_else(|| CrsError::Unknown {
                name: format!("EPSG:{code}"),
                reason: "not in the EPSG definitions built into minemap".into(),
            })?;
        let name = match wkt_name(def.wkt) {
            Some(n) if !n.is_empty() => format!("{n} (EPSG:{code})"),
            _ => format!("EPSG:{code}"),
        };
        Self::from_proj4(&name, def.proj4)
    }

    /// The system a WKT text (a `.prj`, or a GeoPackage definition) describes.
    ///
    /// # Errors
    /// [`CrsError::Unknown`] naming the system when it cannot be resolved.
    pub fn from_wkt(wkt: &str) -> Result<Self, CrsError> {
        let wkt = wkt.trim().trim_start_matches('\u{feff}');
        let name = wkt_name(wkt).unwrap_or_else(|| wkt.chars().take(60).collect());
        if let Some(code) = top_authority_epsg(wkt)
            && let Ok(crs) = Self::from_epsg(code)
        {
            return Ok(crs);
        }
        if let Some(def) = name_index().get(&fold_name(&name)) {
            let mut crs = Self::from_proj4(&name, def.proj4)?;
            // EPSG's spelling (`WGS 84 / UTM zone 38N`) reads better than ESRI's.
            let epsg_name = wkt_name(def.wkt).filter(|n| !n.is_empty()).unwrap_or(name);
            crs.name = format!("{epsg_name} (EPSG:{})", def.code);
            return Ok(crs);
        }
        let mut proj4 = proj4wkt::wkt_to_projstring(wkt).map_err(|e| CrsError::Unknown {
            name: name.clone(),
            reason: e.to_string(),
        })?;
        if !proj4.contains("+towgs84") && !proj4.contains("+datum") {
            // ESRI WKT names the datum but carries no shift: take EPSG's for that datum.
            if let Some(shift) = geogcs_name(wkt)
                .and_then(|g| name_index().get(&fold_name(&g)).copied())
                .and_then(|def| datum_parameters(def.proj4))
            {
                proj4.push(' ');
                proj4.push_str(&shift);
            }
        }
        Self::from_proj4(&name, &proj4)
    }

    /// A system from a PROJ.4 string.
    fn from_proj4(name: &str, proj4: &str) -> Result<Self, CrsError> {
        let unknown = |reason: String| CrsError::Unknown {
            name: name.to_owned(),
            reason,
        };
        let proj = Proj::from_proj_string(proj4).map_err(|e| unknown(format!("{e} ({proj4})")))?;
        if wgs84().is_none() {
            return Err(unknown("the WGS84 definition cannot be built".into()));
        }
        let is_wgs84_degrees = proj.is_latlong()
            && (proj4.contains("+datum=WGS84")
                || (proj4.contains("+ellps=WGS84") && !proj4.contains("+towgs84")))
            && !proj4.contains("+pm=")
            && (proj4.contains("+towgs84=0,0,0,0,0,0,0") || !proj4.contains("+towgs84"));
        let source_latlong = proj.is_latlong();
        Ok(Self {
            name: name.to_owned(),
            proj: (!is_wgs84_degrees).then_some(proj),
            source_latlong,
            cells: CellCache::default(),
        })
    }

    /// Converts a geometry in place to WGS84 degrees: by interpolation inside one checked
    /// lattice cell when the geometry fits in one (see the module doc), else position by position.
    ///
    /// # Errors
    /// [`CrsError::Transform`] at the first position the projection cannot convert.
    pub fn to_wgs84(&self, geometry: &mut Geometry<f64>) -> Result<(), CrsError> {
        if self.proj.is_none() {
            return Ok(());
        }
        if let Some(key) = self.cell_key(geometry) {
            // Evaluated in place under the shard's read lock: no copy of the cell per feature.
            match self
                .cells
                .with(key, |cell| geometry.map_coords_in_place(|c| cell.eval(c)))
            {
                Some(Some(())) => return Ok(()),
                Some(None) => {} // built, and refused by its check
                None => {
                    let built = self.build_cell(key, self.cell_size());
                    self.cells.insert(key, built);
                    if let Some(cell) = built {
                        geometry.map_coords_in_place(|c| cell.eval(c));
                        return Ok(());
                    }
                }
            }
        }
        self.to_wgs84_exact(geometry)
    }

    /// Converts a geometry position by position with the exact projection.
    ///
    /// # Errors
    /// [`CrsError::Transform`] at the first position the projection cannot convert.
    pub fn to_wgs84_exact(&self, geometry: &mut Geometry<f64>) -> Result<(), CrsError> {
        if self.proj.is_none() {
            return Ok(());
        }
        // `map_coords_in_place` takes a `Copy` closure: the first failure goes in a cell.
        let failed: std::cell::RefCell<Option<CrsError>> = std::cell::RefCell::new(None);
        let failed = &failed;
        geometry.map_coords_in_place(|c| {
            if failed.borrow().is_some() {
                return c;
            }
            match self.convert(c) {
                Ok(out) => out,
                Err(e) => {
                    *failed.borrow_mut() = Some(e);
                    c
                }
            }
        });
        failed.take().map_or(Ok(()), Err)
    }

    /// One position converted exactly.
    fn convert(&self, c: Coord<f64>) -> Result<Coord<f64>, CrsError> {
        let (Some(proj), Some(dst)) = (&self.proj, wgs84()) else {
            return Ok(c);
        };
        let mut point = Coords {
            x: c.x,
            y: c.y,
            to_radians: self.source_latlong,
        };
        match transform(proj, dst, &mut point) {
            Ok(()) if point.x.is_finite() && point.y.is_finite() => Ok(Coord {
                x: point.x.to_degrees(),
                y: point.y.to_degrees(),
            }),
            Ok(()) => Err(self.transform_error(c, "the result is not a number")),
            Err(e) => Err(self.transform_error(c, &e.to_string())),
        }
    }

    /// Lattice cell size in source units: 3 km for projected systems, 0.03° for geographic.
    /// Larger cells mean fewer exact conversions to build them (a quarter of the cost on the
    /// 200 000-polygon benchmark at 2 km) but a larger error.
    fn cell_size(&self) -> f64 {
        if self.source_latlong { 0.03 } else { 3000.0 }
    }

    /// The lattice cell whose widened span holds the whole geometry; `None` when the geometry
    /// is larger than a cell (or empty, or not finite).
    #[allow(clippy::cast_possible_truncation)] // the key is checked to be within ±1e12
    fn cell_key(&self, geometry: &Geometry<f64>) -> Option<(i64, i64)> {
        let rect = geometry.bounding_rect()?;
        let size = self.cell_size();
        let (min, max) = (rect.min(), rect.max());
        if !(min.x.is_finite() && min.y.is_finite() && max.x.is_finite() && max.y.is_finite())
            || max.x - min.x > size
            || max.y - min.y > size
        {
            return None;
        }
        let key_of = |v: f64| -> Option<i64> {
            let k = (v / size).floor();
            // Far outside any projection's range: leave it to the exact path to report.
            (k.abs() < 1e12).then_some(k as i64)
        };
        Some((
            key_of((min.x + max.x) / 2.0)?,
            key_of((min.y + max.y) / 2.0)?,
        ))
    }

    /// Builds cell `key` from 4×4 exact nodes and checks it at points between the nodes.
    fn build_cell(&self, key: (i64, i64), size: f64) -> Option<Cell> {
        #[allow(clippy::cast_precision_loss)] // |key| < 1e12: exact in f64
        let origin = Coord {
            x: (key.0 as f64 - 0.5) * size,
            y: (key.1 as f64 - 0.5) * size,
        };
        let step = 2.0 * size / 3.0;
        let mut values = [[Coord { x: 0.0, y: 0.0 }; 4]; 4];
        for (j, row) in values.iter_mut().enumerate() {
            for (i, v) in row.iter_mut().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let at = Coord {
                    x: origin.x + i as f64 * step,
                    y: origin.y + j as f64 * step,
                };
                *v = self.convert(at).ok()?;
            }
        }
        let cell = Cell::new(origin, step, &values);
        // Where cubic interpolation errs most (|t(t-1)(t-2)(t-3)| peaks at t ≈ 0.38 and 2.62)
        // and in the middle.
        for (u, v) in [
            (0.38, 0.38),
            (2.62, 2.62),
            (0.38, 2.62),
            (2.62, 0.38),
            (1.5, 1.5),
        ] {
            let at = Coord {
                x: origin.x + u * step,
                y: origin.y + v * step,
            };
            let exact = self.convert(at).ok()?;
            let fast = cell.eval(at);
            // A quarter of the promise: the checks sample the error, they do not bound it.
            if (exact.x - fast.x).abs() > CELL_TOLERANCE_DEGREES / 4.0
                || (exact.y - fast.y).abs() > CELL_TOLERANCE_DEGREES / 4.0
            {
                return None;
            }
        }
        Some(cell)
    }

    fn transform_error(&self, c: Coord<f64>, reason: &str) -> CrsError {
        CrsError::Transform {
            name: self.name.clone(),
            x: c.x,
            y: c.y,
            reason: reason.to_owned(),
        }
    }
}

/// One position handed to proj4rs (which takes radians for geographic systems).
struct Coords {
    x: f64,
    y: f64,
    to_radians: bool,
}

impl Transform for Coords {
    fn transform_coordinates<F: TransformClosure>(
        &mut self,
        f: &mut F,
    ) -> proj4rs::errors::Result<()> {
        let (x, y) = if self.to_radians {
            self.to_radians = false;
            (self.x.to_radians(), self.y.to_radians())
        } else {
            (self.x, self.y)
        };
        let (x, y, _) = f(x, y, 0.0)?;
        self.x = x;
        self.y = y;
        Ok(())
    }
}

/// The first quoted name of a WKT text (the system's own name).
fn wkt_name(wkt: &str) -> Option<String> {
    let start = wkt.find('"')? + 1;
    let len = wkt[start..].find('"')?;
    Some(wkt[start..start + len].to_owned())
}

/// The name of the GEOGCS (geographic system) inside a WKT text.
fn geogcs_name(wkt: &str) -> Option<String> {
    let upper = wkt.to_ascii_uppercase();
    let at = upper.find("GEOGCS[").or_else(|| upper.find("GEOGCRS["))?;
    wkt_name(&wkt[at..])
}

/// The EPSG code of the outermost object: its AUTHORITY is the last one in the text.
fn top_authority_epsg(wkt: &str) -> Option<u32> {
    let upper = wkt.to_ascii_uppercase();
    let at = upper.rfind("AUTHORITY[").or_else(|| upper.rfind("ID["))?;
    let rest = &upper[at..];
    // Only when this authority closes the whole text (nothing but brackets after it).
    let close = rest.find(']')?;
    if !rest[close..].chars().all(|c| c == ']' || c.is_whitespace()) {
        return None;
    }
    let inner = &rest[rest.find('[')? + 1..close];
    let mut parts = inner.split(',').map(|p| p.trim().trim_matches('"'));
    if parts.next()? != "EPSG" {
        return None;
    }
    parts.next()?.parse().ok()
}

/// `+towgs84=…` or `+datum=…` of a PROJ.4 string.
fn datum_parameters(proj4: &str) -> Option<String> {
    proj4
        .split_whitespace()
        .find(|p| p.starts_with("+towgs84=") || p.starts_with("+datum="))
        .map(str::to_owned)
}

/// A name folded so ESRI's and EPSG's spellings of one system meet.
fn fold_name(name: &str) -> String {
    let mut folded: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    for (from, to) in [
        ("gcs", ""),
        ("wgs1984", "wgs84"),
        ("gausskruger", "gk"),
        ("webmercatorauxiliarysphere", "pseudomercator"),
        ("krassovsky", "krassowsky"),
    ] {
        if from == "gcs" {
            if let Some(rest) = folded.strip_prefix("gcs") {
                folded = rest.to_owned();
            }
        } else {
            folded = folded.replace(from, to);
        }
    }
    folded
}

/// Every EPSG definition by folded name (built once, ~6 000 names).
fn name_index() -> &'static HashMap<String, crs_definitions::Def> {
    static INDEX: OnceLock<HashMap<String, crs_definitions::Def>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for code in 1..=u16::MAX {
            if let Some(def) = crs_definitions::from_code(code)
                && let Some(name) = wkt_name(def.wkt)
            {
                // The lowest code wins: EPSG's primary definition before its variants.
                index.entry(fold_name(&name)).or_insert(def);
            }
        }
        index
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use geo::Point;

    fn convert(crs: &SourceCrs, x: f64, y: f64) -> (f64, f64) {
        let mut g = Geometry::Point(Point::new(x, y));
        crs.to_wgs84(&mut g).unwrap();
        let Geometry::Point(p) = g else { panic!() };
        (p.x(), p.y())
    }

    #[test]
    fn esri_utm_38n_prj_is_found_by_name() {
        let crs = SourceCrs::from_wkt(
            r#"PROJCS["WGS_1984_UTM_Zone_38N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",45.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
        )
        .unwrap();
        assert!(crs.name.contains("32638"), "{}", crs.name);
        // The central meridian on the equator.
        let (lon, lat) = convert(&crs, 500_000.0, 0.0);
        assert!((lon - 45.0).abs() < 1e-9 && lat.abs() < 1e-9, "{lon} {lat}");
    }

    /// A small square ring of `n` positions around (x, y), `half` source units across.
    fn ring(x: f64, y: f64, half: f64, n: usize) -> Geometry<f64> {
        let coords: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let a = std::f64::consts::TAU * i as f64 / n as f64;
                Coord {
                    x: x + half * a.cos(),
                    y: y + half * a.sin(),
                }
            })
            .collect();
        Geometry::Polygon(geo::Polygon::new(geo::LineString::new(coords), vec![]))
    }

    /// Largest difference in degrees between the cell path and the exact path over many small
    /// rings spread over `xs` × `ys`.
    fn worst_difference(crs: &SourceCrs, xs: (f64, f64), ys: (f64, f64), half: f64) -> f64 {
        let mut worst = 0.0_f64;
        // A single row (ys.0 == ys.1) is sampled densely, an area on a 37 × 37 grid.
        let (steps_x, steps_y) = if ys.0 == ys.1 { (401, 1) } else { (37, 37) };
        let at = |range: (f64, f64), i: u32, steps: u32| {
            range.0 + (range.1 - range.0) * f64::from(i) / f64::from((steps - 1).max(1))
        };
        for a in 0..steps_x {
            for b in 0..steps_y {
                let (x, y) = (at(xs, a, steps_x), at(ys, b, steps_y));
                let mut fast = ring(x, y, half, 12);
                let mut exact = fast.clone();
                crs.to_wgs84(&mut fast).unwrap();
                crs.to_wgs84_exact(&mut exact).unwrap();
                let (Geometry::Polygon(f), Geometry::Polygon(e)) = (fast, exact) else {
                    panic!()
                };
                for (p, q) in f.exterior().0.iter().zip(&e.exterior().0) {
                    worst = worst.max((p.x - q.x).abs()).max((p.y - q.y).abs());
                }
            }
        }
        worst
    }

    #[test]
    fn utm_cells_agree_with_the_exact_conversion_within_11_micrometres() {
        let crs = SourceCrs::from_epsg(32638).unwrap();
        // From the equator to 84° N, across the whole zone and beyond its edges.
        let worst = worst_difference(&crs, (160_000.0, 840_000.0), (0.0, 9_300_000.0), 400.0);
        assert!(worst <= CELL_TOLERANCE_DEGREES, "{worst:e}");
        assert!(!crs.cells.all().is_empty(), "the fast path was never taken");
    }

    #[test]
    fn gauss_kruger_with_datum_shift_cells_agree_with_the_exact_conversion() {
        let crs = SourceCrs::from_epsg(28408).unwrap();
        let worst = worst_difference(
            &crs,
            (8_250_000.0, 8_750_000.0),
            (4_300_000.0, 4_900_000.0),
            900.0,
        );
        assert!(worst <= CELL_TOLERANCE_DEGREES, "{worst:e}");
    }

    #[test]
    fn geographic_source_cells_agree_with_the_exact_conversion() {
        // Pulkovo 1942 degrees: a datum shift, no projection.
        let crs = SourceCrs::from_epsg(4284).unwrap();
        assert!(crs.reprojects());
        let worst = worst_difference(&crs, (44.0, 51.0), (38.0, 42.5), 0.005);
        assert!(worst <= CELL_TOLERANCE_DEGREES, "{worst:e}");
    }

    #[test]
    fn features_larger_than_a_cell_convert_exactly() {
        let crs = SourceCrs::from_epsg(32638).unwrap();
        let mut big = ring(500_000.0, 4_500_000.0, 5_000.0, 64);
        let mut exact = big.clone();
        crs.to_wgs84(&mut big).unwrap();
        crs.to_wgs84_exact(&mut exact).unwrap();
        assert_eq!(big, exact);
        assert!(crs.cells.all().is_empty());
    }

    #[test]
    fn a_cell_across_the_antimeridian_fails_its_check_and_is_not_used() {
        // UTM zone 60N's eastern edge crosses 180°: interpolating longitudes there would wrap.
        let crs = SourceCrs::from_epsg(32660).unwrap();
        // Every 500 m across the zone's eastern edge at 63°–72° N: some rings sit on 180°.
        for y in [7_000_000.0, 7_500_000.0, 8_000_000.0] {
            // 180° is 3° east of the central meridian: x ≈ 652 km at 63° N, 603 km at 72° N.
            let worst = worst_difference(&crs, (550_000.0, 750_000.0), (y, y), 300.0);
            assert!(worst <= CELL_TOLERANCE_DEGREES, "{worst:e}");
        }
        let cells = crs.cells.all();
        assert!(cells.iter().any(Option::is_none), "no cell was refused");
        assert!(cells.iter().any(Option::is_some), "no cell was used");
    }

    #[test]
    fn unknown_system_names_itself() {
        let err = SourceCrs::from_wkt(r#"PROJCS["Nowhere_Grid",GEOGCS["GCS_Nowhere",DATUM["D_Nowhere",SPHEROID["Blob",1.0,0.0]]],PROJECTION["Flat_Earth"]]"#)
            .unwrap_err();
        assert!(err.to_string().contains("Nowhere_Grid"), "{err}");
    }

    #[test]
    fn wgs84_degrees_are_left_alone() {
        let crs = SourceCrs::from_wkt(r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#).unwrap();
        assert!(!crs.reprojects(), "{crs:?}");
    }
}
