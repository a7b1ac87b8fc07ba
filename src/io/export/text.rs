//! Working on GeoJSON text without re-reading it into values: the members of an object as
//! raw text in order, and the rewriting of a geometry's coordinates (RFC 7946 winding, closing
//! rings, rounding, generalising points) that keeps every number it does not have to change
//! exactly as written — altitudes and geometry foreign members included, which the model
//! does not hold.

use std::borrow::Cow;
use std::fmt;

use geo::{Coord, Geometry, LineString};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::analysis::geodesy::unwrapped_signed_area;
use crate::analysis::privacy::generalise_location;

/// The members of a JSON object, in order, each value as its raw text.
pub(super) struct Members<'a>(pub Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for MembersVisitor<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(6));
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor(std::marker::PhantomData))
    }
}

/// The members of the object `text`, or `None` when it is not an object.
pub(super) fn members(text: &str) -> Option<Vec<(String, &RawValue)>> {
    serde_json::from_str::<Members<'_>>(text).ok().map(|m| m.0)
}

/// What to do to a geometry's coordinates.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct GeometryFix {
    /// Round numbers to this many decimals (only those written with more).
    pub precision: Option<u8>,
    /// Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
    pub orient: bool,
    /// Repeat the first position at the end of rings that do not.
    pub close_rings: bool,
    /// Move points (Point, MultiPoint) to a grid of this many metres.
    pub generalise_m: Option<f64>,
}

/// What a rewrite changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct FixCount {
    pub windings_fixed: usize,
    pub rings_closed: usize,
    pub numbers_rounded: usize,
    pub points_generalised: usize,
}

/// Writes the geometry object `text` with `fix` applied to `out`: members in their order,
/// every value but `coordinates` (and the members of `geometries`) as written, and a
/// geometry `bbox` left out when points were generalised (it would give the place away).
/// `None` when the text is not a geometry this can read; the caller then keeps it as written.
pub(super) fn rewrite_geometry(
    text: &str,
    fix: &GeometryFix,
    count: &mut FixCount,
) -> Option<String> {
    let members = members(text)?;
    let kind: String = members
        .iter()
        .find(|(k, _)| k == "type")
        .and_then(|(_, v)| serde_json::from_str(v.get()).ok())?;
    let mut out = String::with_capacity(text.len());
    out.push('{');
    let mut first = true;
    for (key, value) in &members {
        let rewritten: Cow<'_, str> = match key.as_str() {
            "coordinates" => Cow::Owned(rewrite_coordinates(&kind, value.get(), fix, count)?),
            "geometries" => {
                let items: Vec<&RawValue> = serde_json::from_str(value.get()).ok()?;
                let mut list = String::from("[");
                for (i, g) in items.iter().enumerate() {
                    if i > 0 {
                        list.push(',');
                    }
                    list.push_str(&rewrite_geometry(g.get(), fix, count)?);
                }
                list.push(']');
                Cow::Owned(list)
            }
            "bbox" if fix.generalise_m.is_some() => continue,
            _ => Cow::Borrowed(value.get()),
        };
        if !first {
            out.push(',');
        }
        first = false;
        push_key(&mut out, key);
        out.push_str(&rewritten);
    }
    out.push('}');
    Some(out)
}

/// Appends `"key":` with JSON escaping.
pub(super) fn push_key(out: &mut String, key: &str) {
    // A String key always serialises.
    out.push_str(&serde_json::to_string(key).unwrap_or_else(|_| "\"\"".into()));
    out.push(':');
}

/// A number as written, or a list.
#[derive(Clone, Debug)]
enum Node<'a> {
    Num(Cow<'a, str>),
    List(Vec<Node<'a>>),
}

fn rewrite_coordinates(
    kind: &str,
    text: &str,
    fix: &GeometryFix,
    count: &mut FixCount,
) -> Option<String> {
    let mut parser = Parser {
        b: text.as_bytes(),
        s: text,
        i: 0,
    };
    let mut root = parser.node()?;
    match kind {
        "Point" => generalise(&mut root, fix, count),
        "MultiPoint" => {
            if let Node::List(points) = &mut root {
                for p in points {
                    generalise(p, fix, count);
                }
            }
        }
        _ => {}
    }
    if let Some(p) = fix.precision {
        round_all(&mut root, p, count);
    }
    // Winding is judged on the coordinates as they will be written (after rounding).
    match kind {
        "Polygon" => fix_polygon(&mut root, fix, count),
        "MultiPolygon" => {
            if let Node::List(polygons) = &mut root {
                for p in polygons {
                    fix_polygon(p, fix, count);
                }
            }
        }
        _ => {}
    }
    let mut out = String::with_capacity(text.len());
    write_node(&root, &mut out);
    Some(out)
}

fn fix_polygon(polygon: &mut Node<'_>, fix: &GeometryFix, count: &mut FixCount) {
    let Node::List(rings) = polygon else {
        return;
    };
    for (r, ring) in rings.iter_mut().enumerate() {
        let Node::List(positions) = ring else {
            continue;
        };
        if fix.close_rings
            && let (Some(a), Some(b)) = (
                positions.first().and_then(xy),
                positions.last().and_then(xy),
            )
            && a != b
        {
            positions.push(positions[0].clone());
            count.rings_closed += 1;
        }
        if fix.orient {
            let line: LineString<f64> = positions
                .iter()
                .filter_map(xy)
                .map(|(x, y)| Coord { x, y })
                .collect();
            let area = unwrapped_signed_area(&line);
            // Exterior (r == 0) counter-clockwise (positive), holes clockwise.
            if (r == 0 && area < 0.0) || (r > 0 && area > 0.0) {
                positions.reverse();
                count.windings_fixed += 1;
            }
        }
    }
}

fn generalise(position: &mut Node<'_>, fix: &GeometryFix, count: &mut FixCount) {
    let (Some(cell), Some((x, y))) = (fix.generalise_m, xy(position)) else {
        return;
    };
    let [gx, gy] = generalise_location([x, y], cell);
    if let Node::List(items) = position {
        items[0] = Node::Num(Cow::Owned(format_number(gx)));
        items[1] = Node::Num(Cow::Owned(format_number(gy)));
        count.points_generalised += 1;
    }
}

/// The first two numbers of a position.
fn xy(position: &Node<'_>) -> Option<(f64, f64)> {
    let Node::List(items) = position else {
        return None;
    };
    let num = |n: Option<&Node<'_>>| match n {
        Some(Node::Num(t)) => t.parse::<f64>().ok(),
        _ => None,
    };
    Some((num(items.first())?, num(items.get(1))?))
}

fn round_all(node: &mut Node<'_>, precision: u8, count: &mut FixCount) {
    match node {
        Node::Num(t) => {
            if let Some(r) = round_number(t, precision) {
                *t = Cow::Owned(r);
                count.numbers_rounded += 1;
            }
        }
        Node::List(items) => {
            for item in items {
                round_all(item, precision, count);
            }
        }
    }
}

fn write_node(node: &Node<'_>, out: &mut String) {
    match node {
        Node::Num(t) => out.push_str(t),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_node(item, out);
            }
            out.push(']');
        }
    }
}

/// A reader of nested arrays of numbers (what `coordinates` holds).
struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while self.b.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn node(&mut self) -> Option<Node<'a>> {
        self.skip_ws();
        match *self.b.get(self.i)? {
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Some(Node::List(items));
                }
                loop {
                    items.push(self.node()?);
                    self.skip_ws();
                    match *self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Node::List(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                while self
                    .b
                    .get(self.i)
                    .is_some_and(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    self.i += 1;
                }
                Some(Node::Num(Cow::Borrowed(&self.s[start..self.i])))
            }
            _ => None,
        }
    }
}

/// `x` rounded to `precision` decimals; unchanged when that is beyond what an f64 holds.
#[must_use]
pub(super) fn round_to(x: f64, precision: u8) -> f64 {
    let scale = 10f64.powi(i32::from(precision));
    let scaled = x * scale;
    if !scaled.is_finite() || scaled.abs() >= 4.5e15 {
        return x;
    }
    scaled.round() / scale
}

/// The shortest text that reads back as `x` (Rust's `Display`, never an exponent); `-0`
/// becomes `0`.
pub(super) fn format_number(x: f64) -> String {
    if x == 0.0 { "0".into() } else { x.to_string() }
}

/// The number `text` rounded to `precision` decimals, or `None` when it has no more
/// decimals than that (it is then kept exactly as written).
fn round_number(text: &str, precision: u8) -> Option<String> {
    let has_exponent = text.contains(['e', 'E']);
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    if !has_exponent && decimals <= usize::from(precision) {
        return None;
    }
    let x: f64 = text.parse().ok()?;
    let r = format_number(round_to(x, precision));
    (r != text).then_some(r)
}

/// True when some coordinate of `geometry` has more than `precision` decimals (the exact
/// test: rounding it changes the f64).
#[must_use]
pub(super) fn exceeds_precision(geometry: &Geometry<f64>, precision: u8) -> bool {
    use geo::CoordsIter;
    geometry.coords_iter().any(|c| {
        (c.x.is_finite() && round_to(c.x, precision) != c.x)
            || (c.y.is_finite() && round_to(c.y, precision) != c.y)
    })
}

/// True when a ring of `geometry` winds against RFC 7946 (exterior clockwise or a hole
/// counter-clockwise).
#[must_use]
pub(super) fn winds_wrong(geometry: &Geometry<f64>) -> bool {
    let polygon_wrong = |p: &geo::Polygon<f64>| {
        unwrapped_signed_area(p.exterior()) < 0.0
            || p.interiors().iter().any(|h| unwrapped_signed_area(h) > 0.0)
    };
    match geometry {
        Geometry::Polygon(p) => polygon_wrong(p),
        Geometry::MultiPolygon(mp) => mp.iter().any(polygon_wrong),
        Geometry::GeometryCollection(gc) => gc.iter().any(winds_wrong),
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rewrite(text: &str, fix: GeometryFix) -> (String, FixCount) {
        let mut count = FixCount::default();
        (rewrite_geometry(text, &fix, &mut count).unwrap(), count)
    }

    #[test]
    fn a_clockwise_exterior_is_reversed_and_altitudes_and_members_are_kept() {
        let text = r#"{"type":"Polygon","coordinates":[[[0,0,5],[0,1,6],[1,1,7],[1,0,8],[0,0,5]]],"note":{"k":1.50}}"#;
        let (out, count) = rewrite(
            text,
            GeometryFix {
                orient: true,
                ..GeometryFix::default()
            },
        );
        assert_eq!(
            out,
            r#"{"type":"Polygon","coordinates":[[[0,0,5],[1,0,8],[1,1,7],[0,1,6],[0,0,5]]],"note":{"k":1.50}}"#
        );
        assert_eq!(count.windings_fixed, 1);
    }

    #[test]
    fn a_counter_clockwise_hole_is_reversed_and_a_good_exterior_is_not() {
        let text = r#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}"#;
        let (out, count) = rewrite(
            text,
            GeometryFix {
                orient: true,
                ..GeometryFix::default()
            },
        );
        assert_eq!(
            out,
            r#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,2],[2,1],[1,1]]]}"#
        );
        assert_eq!(count.windings_fixed, 1);
    }

    #[test]
    fn only_numbers_with_too_many_decimals_are_rounded() {
        let text =
            r#"{"type":"LineString","coordinates":[[47.123456789,40.10],[47.5e0,-0.00000004]]}"#;
        let (out, count) = rewrite(
            text,
            GeometryFix {
                precision: Some(7),
                ..GeometryFix::default()
            },
        );
        assert_eq!(
            out,
            r#"{"type":"LineString","coordinates":[[47.1234568,40.10],[47.5,0]]}"#
        );
        assert_eq!(count.numbers_rounded, 3);
    }

    #[test]
    fn an_unclosed_ring_is_closed() {
        let text = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]]]}"#;
        let (out, count) = rewrite(
            text,
            GeometryFix {
                close_rings: true,
                orient: true,
                ..GeometryFix::default()
            },
        );
        assert_eq!(
            out,
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}"#
        );
        assert_eq!(count.rings_closed, 1);
    }

    #[test]
    fn generalised_points_lose_their_bbox_and_collections_are_rewritten_inside() {
        let text = r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[47.1234567,40.1234567],"bbox":[47.1234567,40.1234567,47.1234567,40.1234567]}]}"#;
        let (out, count) = rewrite(
            text,
            GeometryFix {
                generalise_m: Some(100.0),
                precision: Some(7),
                ..GeometryFix::default()
            },
        );
        assert_eq!(count.points_generalised, 1);
        assert!(!out.contains("bbox"), "{out}");
        assert!(!out.contains("47.1234567"), "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["geometries"][0]["type"], "Point");
    }

    #[test]
    fn garbage_is_left_to_the_caller() {
        let mut count = FixCount::default();
        assert!(
            rewrite_geometry(
                r#"{"type":"Point","coordinates":[1,null]}"#,
                &GeometryFix::default(),
                &mut count
            )
            .is_none()
        );
    }

    #[test]
    fn precision_test_on_the_model_is_exact() {
        let g = Geometry::Point(geo::Point::new(47.1234567, 40.1));
        assert!(!exceeds_precision(&g, 7));
        assert!(exceeds_precision(&g, 6));
        let g = Geometry::Point(geo::Point::new(47.123_456_78, 40.1));
        assert!(exceeds_precision(&g, 7));
    }
}
