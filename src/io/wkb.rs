//! Well-known binary geometry (OGC/ISO WKB, with PostGIS EWKB flags) and the GeoPackage
//! binary header around it.
//!
//! Small and bounded rather than a crate: every count is checked against the bytes left
//! before anything is allocated, and nesting is limited, so a hostile blob costs an error,
//! never memory or a stack. Z and M values are read past (minemap is 2-D).

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use super::build::ring;
use crate::model::GeometryNote;

/// Deepest nesting of collections accepted.
const MAX_DEPTH: usize = 16;

/// The WKB inside a GeoPackage geometry blob (`GP` header, optional envelope), read.
/// `Ok(None)` for the empty geometry.
///
/// # Errors
/// A reason when the blob is not a GeoPackage geometry.
pub(crate) fn read_gpkg_geometry(
    blob: &[u8],
    notes: &mut Vec<GeometryNote>,
) -> Result<Option<Geometry<f64>>, String> {
    if blob.len() < 8 || &blob[..2] != b"GP" {
        return Err("not a GeoPackage geometry (no \"GP\" header)".into());
    }
    let flags = blob[3];
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => {
            return Err(format!(
                "unknown envelope type {other} in the GeoPackage header"
            ));
        }
    };
    let start = 8 + envelope;
    let wkb = blob
        .get(start..)
        .ok_or("the GeoPackage header is longer than the blob")?;
    let empty = flags & 0b1_0000 != 0;
    if empty || wkb.is_empty() {
        return Ok(None);
    }
    read_wkb(wkb, notes)
}

/// A WKB geometry; `Ok(None)` for an empty point.
///
/// # Errors
/// A reason when the bytes are not WKB.
pub(crate) fn read_wkb(
    bytes: &[u8],
    notes: &mut Vec<GeometryNote>,
) -> Result<Option<Geometry<f64>>, String> {
    let mut r = Reader {
        bytes,
        at: 0,
        little: true,
    };
    r.geometry(notes, 0)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    little: bool,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let end = self.at.checked_add(N).ok_or("offset overflow")?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| format!("the geometry ends early (byte {})", self.at))?;
        self.at = end;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take::<4>()?;
        Ok(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn f64(&mut self) -> Result<f64, String> {
        let b = self.take::<8>()?;
        Ok(if self.little {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        })
    }

    /// A count of items of at least `min_bytes` each, checked against the bytes left.
    fn count(&mut self, min_bytes: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        let left = self.bytes.len().saturating_sub(self.at);
        if n.saturating_mul(min_bytes.max(1)) > left {
            return Err(format!(
                "a count of {n} items does not fit in the {left} bytes left"
            ));
        }
        Ok(n)
    }

    fn coord(&mut self, dims: usize) -> Result<Coord<f64>, String> {
        let x = self.f64()?;
        let y = self.f64()?;
        for _ in 2..dims {
            self.f64()?;
        }
        Ok(Coord { x, y })
    }

    fn coords(&mut self, dims: usize) -> Result<Vec<Coord<f64>>, String> {
        let n = self.count(dims * 8)?;
        (0..n).map(|_| self.coord(dims)).collect()
    }

    fn polygon(
        &mut self,
        dims: usize,
        notes: &mut Vec<GeometryNote>,
    ) -> Result<Polygon<f64>, String> {
        let n = self.count(4)?;
        let mut rings = Vec::with_capacity(n);
        for _ in 0..n {
            rings.push(ring(self.coords(dims)?, notes));
        }
        let mut rings = rings.into_iter();
        let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
        Ok(Polygon::new(exterior, rings.collect()))
    }

    /// Byte order and type of the next geometry: (base type 1..=7, dimensions).
    fn header(&mut self) -> Result<(u32, usize), String> {
        let [order] = self.take::<1>()?;
        self.little = match order {
            0 => false,
            1 => true,
            other => return Err(format!("unknown byte order {other}")),
        };
        let code = self.u32()?;
        // EWKB: flags in the high bits, an SRID after the type when 0x2000_0000 is set.
        let (mut z, mut m) = (code & 0x8000_0000 != 0, code & 0x4000_0000 != 0);
        if code & 0x2000_0000 != 0 {
            self.u32()?;
        }
        let iso = code & 0x0FFF_FFFF;
        let base = iso % 1000;
        match iso / 1000 {
            0 => {}
            1 => z = true,
            2 => m = true,
            3 => (z, m) = (true, true),
            _ => return Err(format!("unknown geometry type {code}")),
        }
        Ok((base, 2 + usize::from(z) + usize::from(m)))
    }

    fn geometry(
        &mut self,
        notes: &mut Vec<GeometryNote>,
        depth: usize,
    ) -> Result<Option<Geometry<f64>>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("collections nested deeper than {MAX_DEPTH}"));
        }
        let (base, dims) = self.header()?;
        Ok(Some(match base {
            1 => {
                let c = self.coord(dims)?;
                if c.x.is_nan() && c.y.is_nan() {
                    return Ok(None);
                }
                Geometry::Point(Point(c))
            }
            2 => Geometry::LineString(LineString(self.coords(dims)?)),
            3 => Geometry::Polygon(self.polygon(dims, notes)?),
            4 => {
                let n = self.count(5 + dims * 8)?;
                let mut points = Vec::with_capacity(n);
                for _ in 0..n {
                    let (_, d) = self.header()?;
                    points.push(Point(self.coord(d)?));
                }
                Geometry::MultiPoint(MultiPoint(points))
            }
            5 => {
                let n = self.count(9)?;
                let mut lines = Vec::with_capacity(n);
                for _ in 0..n {
                    let (_, d) = self.header()?;
                    lines.push(LineString(self.coords(d)?));
                }
                Geometry::MultiLineString(MultiLineString(lines))
            }
            6 => {
                let n = self.count(9)?;
                let mut polygons = Vec::with_capacity(n);
                for _ in 0..n {
                    let (_, d) = self.header()?;
                    polygons.push(self.polygon(d, notes)?);
                }
                Geometry::MultiPolygon(MultiPolygon(polygons))
            }
            7 => {
                let n = self.count(5)?;
                let mut parts = Vec::with_capacity(n);
                for _ in 0..n {
                    parts.extend(self.geometry(notes, depth + 1)?);
                }
                Geometry::GeometryCollection(GeometryCollection(parts))
            }
            other => {
                return Err(format!(
                    "geometry type {other} (curves, surfaces) is not read"
                ));
            }
        }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_count_larger_than_the_blob_is_an_error_not_an_allocation() {
        // LineString claiming 2^32-1 points.
        let mut wkb = vec![1u8, 2, 0, 0, 0];
        wkb.extend_from_slice(&u32::MAX.to_le_bytes());
        let err = read_wkb(&wkb, &mut Vec::new()).unwrap_err();
        assert!(err.contains("does not fit"), "{err}");
    }

    #[test]
    fn big_endian_polygon_z_with_a_hole_is_read() {
        let mut wkb = vec![0u8];
        wkb.extend_from_slice(&1003u32.to_be_bytes());
        wkb.extend_from_slice(&2u32.to_be_bytes());
        for ring in [
            [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 0.0)],
            [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)],
        ] {
            wkb.extend_from_slice(&4u32.to_be_bytes());
            for (x, y) in ring {
                for v in [x, y, 99.0] {
                    wkb.extend_from_slice(&f64::to_be_bytes(v));
                }
            }
        }
        let Some(Geometry::Polygon(p)) = read_wkb(&wkb, &mut Vec::new()).unwrap() else {
            panic!()
        };
        assert_eq!(p.interiors().len(), 1);
        assert_eq!(p.exterior().0[1], Coord { x: 4.0, y: 0.0 });
    }
}
