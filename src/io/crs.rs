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

use std::collections::HashMap;
use std::sync::OnceLock;

use geo::{Coord, Geometry, MapCoordsInPlace};
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
        let name = format!("EPSG:{code} {}", wkt_name(def.wkt).unwrap_or_default())
            .trim_end()
            .to_owned();
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
            crs.name = format!("{name} (EPSG:{})", def.code);
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
        })
    }

    /// Converts a geometry in place to WGS84 degrees.
    ///
    /// # Errors
    /// [`CrsError::Transform`] at the first position the projection cannot convert.
    pub fn to_wgs84(&self, geometry: &mut Geometry<f64>) -> Result<(), CrsError> {
        let (Some(proj), Some(dst)) = (&self.proj, wgs84()) else {
            return Ok(());
        };
        // `map_coords_in_place` takes a `Copy` closure: the first failure goes in a cell.
        let failed: std::cell::RefCell<Option<CrsError>> = std::cell::RefCell::new(None);
        let failed = &failed;
        geometry.map_coords_in_place(|c| {
            if failed.borrow().is_some() {
                return c;
            }
            let mut point = Coords {
                x: c.x,
                y: c.y,
                to_radians: self.source_latlong,
            };
            match transform(proj, dst, &mut point) {
                Ok(()) if point.x.is_finite() && point.y.is_finite() => Coord {
                    x: point.x.to_degrees(),
                    y: point.y.to_degrees(),
                },
                Ok(()) => {
                    *failed.borrow_mut() =
                        Some(self.transform_error(c, "the result is not a number"));
                    c
                }
                Err(e) => {
                    *failed.borrow_mut() = Some(self.transform_error(c, &e.to_string()));
                    c
                }
            }
        });
        failed.take().map_or(Ok(()), Err)
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
