//! The compiled filter and its evaluation over one feature.
//!
//! Logic is three-valued, as in SQL and the CQL2 standard: a comparison with null (a missing
//! property) or with a value of another type is *unknown*, and unknown never matches — not
//! even under `NOT`. Property values are borrowed from the feature, never copied, so
//! evaluating a typical filter allocates nothing.

use std::borrow::Cow;
use std::cmp::Ordering;

use geo::{Intersects, Relate};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::analysis::measures::FeatureMeasures;
use crate::model::{Feature, FeatureId, PropertyValue};

/// Kleene truth value: `None` is unknown.
pub(super) type Tri = Option<bool>;

/// A condition.
#[derive(Clone, Debug)]
pub(super) enum Pred {
    Const(bool),
    And(Vec<Pred>),
    Or(Vec<Pred>),
    Not(Box<Pred>),
    Cmp(CmpOp, Scalar, Scalar),
    In {
        value: Scalar,
        list: Vec<Scalar>,
        negated: bool,
    },
    Between {
        value: Scalar,
        low: Scalar,
        high: Scalar,
        negated: bool,
    },
    Like {
        value: Scalar,
        pattern: LikePattern,
        negated: bool,
    },
    IsNull {
        value: Scalar,
        negated: bool,
    },
    Array(ArrayOp, Scalar, Scalar),
    Spatial(SpatialOp, GeomArg, GeomArg),
    /// A boolean value used as a condition (`"area_marked"`, `TRUE`).
    Truthy(Scalar),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

impl CmpOp {
    fn test(self, o: Ordering) -> bool {
        match self {
            Self::Eq => o == Ordering::Equal,
            Self::Ne => o != Ordering::Equal,
            Self::Lt => o == Ordering::Less,
            Self::Gt => o == Ordering::Greater,
            Self::Le => o != Ordering::Greater,
            Self::Ge => o != Ordering::Less,
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    fn mirrored(self) -> Self {
        match self {
            Self::Lt => Self::Gt,
            Self::Gt => Self::Lt,
            Self::Le => Self::Ge,
            Self::Ge => Self::Le,
            other => other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ArrayOp {
    Equals,
    Contains,
    ContainedBy,
    Overlaps,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SpatialOp {
    Intersects,
    Disjoint,
    Within,
    Contains,
    Touches,
    Crosses,
    Overlaps,
    Equals,
}

/// One side of a spatial predicate.
#[derive(Clone, Debug)]
pub(super) enum GeomArg {
    /// The feature's own geometry (any property name in that place means it).
    Feature,
    Literal(geo::Geometry<f64>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// A value-producing expression.
#[derive(Clone, Debug)]
pub(super) enum Scalar {
    Lit(Lit),
    Prop(PropRef),
    Casei(Box<Scalar>),
    Accenti(Box<Scalar>),
    Arith(ArithOp, Box<Scalar>, Box<Scalar>),
    Neg(Box<Scalar>),
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Lit {
    Null,
    Bool(bool),
    Num(f64),
    Str(Box<str>),
    Date(Date),
    Instant(Timestamp),
    /// An array literal `('a', 'b')`.
    List(Vec<Lit>),
}

/// Where a property's value comes from when the feature has no property of that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fallback {
    None,
    /// `id`: the GeoJSON feature id.
    FeatureId,
    /// `geodesic_area_m2`, `geodesic_perimeter_m`, `geodesic_length_m`: the measures.
    Area,
    Perimeter,
    Length,
}

/// A property read by the filter.
#[derive(Clone, Debug)]
pub(super) struct PropRef {
    pub name: Box<str>,
    pub fallback: Fallback,
    /// For a dotted name (`devices_found.ap_mine`): the path into nested objects, tried when
    /// no property carries the whole name.
    pub path: Option<Vec<Box<str>>>,
}

/// What one feature offers the filter.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub feature: &'a Feature,
    pub measures: Option<&'a FeatureMeasures>,
}

/// A value during evaluation, borrowing from the feature or the filter where it can.
#[derive(Clone, Debug)]
pub(super) enum Val<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Date(Date),
    Instant(Timestamp),
    /// An array property.
    Array(&'a [PropertyValue]),
    /// An array literal.
    Lits(&'a [Lit]),
    /// An array made during evaluation (`CASEI` of an array).
    List(Vec<Val<'a>>),
    /// A JSON object: compares with nothing.
    Object,
}

impl<'a> Val<'a> {
    fn of_property(v: &'a PropertyValue) -> Self {
        match v {
            PropertyValue::Null => Self::Null,
            PropertyValue::Bool(b) => Self::Bool(*b),
            PropertyValue::Number(n) => n.as_f64().map_or(Self::Null, Self::Num),
            PropertyValue::String(s) => Self::Str(Cow::Borrowed(s)),
            PropertyValue::Array(items) => Self::Array(items),
            PropertyValue::Object(_) => Self::Object,
        }
    }

    fn of_lit(l: &'a Lit) -> Self {
        match l {
            Lit::Null => Self::Null,
            Lit::Bool(b) => Self::Bool(*b),
            Lit::Num(n) => Self::Num(*n),
            Lit::Str(s) => Self::Str(Cow::Borrowed(s)),
            Lit::Date(d) => Self::Date(*d),
            Lit::Instant(t) => Self::Instant(*t),
            Lit::List(items) => Self::Lits(items),
        }
    }

    fn is_array(&self) -> bool {
        matches!(self, Self::Array(_) | Self::Lits(_) | Self::List(_))
    }

    /// The elements of an array; a single value for anything else.
    fn elements(&self) -> Elements<'_, 'a> {
        match self {
            Self::Array(items) => Elements::Props(items.iter()),
            Self::Lits(items) => Elements::Lits(items.iter()),
            Self::List(items) => Elements::Vals(items.iter()),
            other => Elements::One(Some(other)),
        }
    }

    /// Applies `f` to a string, or to every string of an array.
    fn map_strings(self, f: &impl Fn(&str) -> String) -> Self {
        match self {
            Self::Str(s) => Self::Str(Cow::Owned(f(&s))),
            Self::Array(_) | Self::Lits(_) | Self::List(_) => {
                Self::List(self.elements().map(|v| v.map_strings(f)).collect())
            }
            other => other,
        }
    }
}

/// Iterator over [`Val::elements`].
enum Elements<'v, 'a> {
    Props(std::slice::Iter<'a, PropertyValue>),
    Lits(std::slice::Iter<'a, Lit>),
    Vals(std::slice::Iter<'v, Val<'a>>),
    One(Option<&'v Val<'a>>),
}

impl<'a> Iterator for Elements<'_, 'a> {
    type Item = Val<'a>;

    fn next(&mut self) -> Option<Val<'a>> {
        match self {
            Self::Props(it) => it.next().map(Val::of_property),
            Self::Lits(it) => it.next().map(Val::of_lit),
            Self::Vals(it) => it.next().cloned(),
            Self::One(v) => v.take().cloned(),
        }
    }
}

/// Lower case for `CASEI`.
pub(super) fn casei(s: &str) -> String {
    s.to_lowercase()
}

/// Without accents for `ACCENTI`: decomposed (NFD), combining marks dropped.
pub(super) fn accenti(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

// -----------------------------------------------------------------------------------------
// Dates and times

/// A date or an instant, from a literal or an ISO 8601 string.
#[derive(Clone, Copy, Debug)]
enum Temporal {
    Date(Date),
    Instant(Timestamp),
}

/// A calendar date written `YYYY-MM-DD`.
pub(super) fn parse_date(s: &str) -> Option<Date> {
    // By hand rather than through jiff's general parser: this runs once per feature and
    // dated property in a filter, and `YYYY-MM-DD` is all GeoJSON dates are.
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0i16, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i16::from(c - b'0'))
        })
    };
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(digits(0..4)?, month, day).ok()
}

/// An instant from an RFC 3339 text; a date-time without offset is taken as UTC.
pub(super) fn parse_instant(s: &str) -> Option<Timestamp> {
    s.parse::<Timestamp>().ok().or_else(|| {
        let dt: DateTime = s.parse().ok()?;
        dt.to_zoned_datetime(TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

fn temporal_of(v: &Val<'_>) -> Option<Temporal> {
    match v {
        Val::Date(d) => Some(Temporal::Date(*d)),
        Val::Instant(t) => Some(Temporal::Instant(*t)),
        Val::Str(s) => parse_date(s)
            .map(Temporal::Date)
            .or_else(|| parse_instant(s).map(Temporal::Instant)),
        _ => None,
    }
}

fn utc_date(t: Timestamp) -> Date {
    t.to_zoned_datetime(TimeZone::UTC).date()
}

/// Dates compare by day: an instant compared with a date counts as its UTC calendar day.
fn compare_temporal(a: Temporal, b: Temporal) -> Ordering {
    match (a, b) {
        (Temporal::Date(x), Temporal::Date(y)) => x.cmp(&y),
        (Temporal::Instant(x), Temporal::Instant(y)) => x.cmp(&y),
        (Temporal::Date(x), Temporal::Instant(y)) => x.cmp(&utc_date(y)),
        (Temporal::Instant(x), Temporal::Date(y)) => utc_date(x).cmp(&y),
    }
}

// -----------------------------------------------------------------------------------------
// Comparisons

/// The order of two single values, `None` when they are of types that do not compare.
fn order(a: &Val<'_>, b: &Val<'_>) -> Option<Ordering> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Str(x), Val::Str(y)) => Some(x.as_ref().cmp(y.as_ref())),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Date(_) | Val::Instant(_), _) | (_, Val::Date(_) | Val::Instant(_)) => {
            Some(compare_temporal(temporal_of(a)?, temporal_of(b)?))
        }
        _ => None,
    }
}

fn equal(a: &Val<'_>, b: &Val<'_>) -> bool {
    order(a, b) == Some(Ordering::Equal)
}

/// `a op b`. An array compared with a single value matches when any element does (and
/// `<>` when no element equals it); two arrays are equal when their elements are, in order.
fn compare(op: CmpOp, a: &Val<'_>, b: &Val<'_>) -> Tri {
    match (a.is_array(), b.is_array()) {
        (true, true) => {
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return None;
            }
            let same = a.elements().count() == b.elements().count()
                && a.elements().zip(b.elements()).all(|(x, y)| equal(&x, &y));
            Some(same == (op == CmpOp::Eq))
        }
        (true, false) => {
            if matches!(b, Val::Null) {
                return None;
            }
            if op == CmpOp::Ne {
                return Some(!a.elements().any(|x| equal(&x, b)));
            }
            Some(a.elements().any(|x| compare(op, &x, b) == Some(true)))
        }
        (false, true) => compare(op.mirrored(), b, a),
        (false, false) => order(a, b).map(|o| op.test(o)),
    }
}

// -----------------------------------------------------------------------------------------
// LIKE

/// One piece of a LIKE pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum LikeToken {
    Char(char),
    /// `_`
    One,
    /// `%`
    Any,
}

/// A compiled LIKE pattern. Only `%` and `_` are special (`\` escapes them); every other
/// character, regex metacharacters included, stands for itself.
#[derive(Clone, Debug)]
pub(super) struct LikePattern {
    pub tokens: Vec<LikeToken>,
    pub casei: bool,
    pub accenti: bool,
}

impl LikePattern {
    /// Compiles `pattern`, already lower-cased or stripped of accents if the flags say so.
    pub(super) fn new(pattern: &str, casei: bool, accenti: bool) -> Self {
        let mut tokens = Vec::new();
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            tokens.push(match c {
                '%' => LikeToken::Any,
                '_' => LikeToken::One,
                '\\' => LikeToken::Char(chars.next().unwrap_or('\\')),
                c => LikeToken::Char(c),
            });
        }
        Self {
            tokens,
            casei,
            accenti,
        }
    }

    fn matches(&self, text: &str) -> bool {
        let mut text = Cow::Borrowed(text);
        if self.accenti {
            text = Cow::Owned(accenti(&text));
        }
        if self.casei {
            text = Cow::Owned(casei(&text));
        }
        wildcard_match(&self.tokens, &text)
    }
}

/// Greedy wildcard matching with backtracking to the last `%`: O(pattern × text) at worst,
/// no recursion.
fn wildcard_match(pattern: &[LikeToken], text: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(LikeToken::Any) => {
                star = Some((p, t));
                p += 1;
            }
            Some(LikeToken::One) => {
                p += 1;
                t += 1;
            }
            Some(LikeToken::Char(c)) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..]
        .iter()
        .all(|tok| *tok == LikeToken::Any)
}

// -----------------------------------------------------------------------------------------
// Evaluation

fn and(a: Tri, b: impl FnOnce() -> Tri) -> Tri {
    match a {
        Some(false) => Some(false),
        Some(true) => b(),
        None => match b() {
            Some(false) => Some(false),
            _ => None,
        },
    }
}

fn negate(t: Tri, negated: bool) -> Tri {
    t.map(|b| b != negated)
}

impl Pred {
    pub(super) fn eval(&self, ctx: Ctx<'_>) -> Tri {
        match self {
            Self::Const(b) => Some(*b),
            Self::And(items) => {
                let mut out = Some(true);
                for p in items {
                    match p.eval(ctx) {
                        Some(false) => return Some(false),
                        None => out = None,
                        Some(true) => {}
                    }
                }
                out
            }
            Self::Or(items) => {
                let mut out = Some(false);
                for p in items {
                    match p.eval(ctx) {
                        Some(true) => return Some(true),
                        None => out = None,
                        Some(false) => {}
                    }
                }
                out
            }
            Self::Not(p) => p.eval(ctx).map(|b| !b),
            Self::Cmp(op, a, b) => compare(*op, &a.eval(ctx), &b.eval(ctx)),
            Self::In {
                value,
                list,
                negated,
            } => {
                // Membership: an item of another type is simply not equal, so
                // `v NOT IN (12, 'open')` keeps 12.5; unknown only when no item compares.
                let v = value.eval(ctx);
                let mut comparable = false;
                for item in list {
                    match compare(CmpOp::Eq, &v, &item.eval(ctx)) {
                        Some(true) => return negate(Some(true), *negated),
                        Some(false) => comparable = true,
                        None => {}
                    }
                }
                negate(comparable.then_some(false), *negated)
            }
            Self::Between {
                value,
                low,
                high,
                negated,
            } => {
                let v = value.eval(ctx);
                let (low, high) = (low.eval(ctx), high.eval(ctx));
                let between =
                    |x: &Val<'_>| and(compare(CmpOp::Ge, x, &low), || compare(CmpOp::Le, x, &high));
                let t = if v.is_array() {
                    Some(v.elements().any(|x| between(&x) == Some(true)))
                } else {
                    between(&v)
                };
                negate(t, *negated)
            }
            Self::Like {
                value,
                pattern,
                negated,
            } => {
                let v = value.eval(ctx);
                let t = match &v {
                    Val::Str(s) => Some(pattern.matches(s)),
                    v if v.is_array() => Some(v.elements().any(|x| match x {
                        Val::Str(s) => pattern.matches(&s),
                        _ => false,
                    })),
                    _ => None,
                };
                negate(t, *negated)
            }
            Self::IsNull { value, negated } => {
                Some(matches!(value.eval(ctx), Val::Null) != *negated)
            }
            Self::Array(op, a, b) => array_op(*op, &a.eval(ctx), &b.eval(ctx)),
            Self::Spatial(op, a, b) => {
                let a = geometry_of(a, ctx)?;
                let b = geometry_of(b, ctx)?;
                Some(spatial_op(*op, a, b))
            }
            Self::Truthy(v) => match v.eval(ctx) {
                Val::Bool(b) => Some(b),
                _ => None,
            },
        }
    }
}

fn geometry_of<'a>(arg: &'a GeomArg, ctx: Ctx<'a>) -> Option<&'a geo::Geometry<f64>> {
    match arg {
        GeomArg::Feature => ctx.feature.geometry.as_ref(),
        GeomArg::Literal(g) => Some(g),
    }
}

fn spatial_op(op: SpatialOp, a: &geo::Geometry<f64>, b: &geo::Geometry<f64>) -> bool {
    match op {
        SpatialOp::Intersects => a.intersects(b),
        SpatialOp::Disjoint => !a.intersects(b),
        SpatialOp::Within => a.relate(b).is_within(),
        SpatialOp::Contains => a.relate(b).is_contains(),
        SpatialOp::Touches => a.relate(b).is_touches(),
        SpatialOp::Crosses => a.relate(b).is_crosses(),
        SpatialOp::Overlaps => a.relate(b).is_overlaps(),
        SpatialOp::Equals => a.relate(b).is_equal_topo(),
    }
}

/// `A_CONTAINS` and friends. A single value counts as an array of one (real data holds
/// `"ap_mine"` where the schema says `["ap_mine"]`); null is unknown.
fn array_op(op: ArrayOp, a: &Val<'_>, b: &Val<'_>) -> Tri {
    if matches!(a, Val::Null) || matches!(b, Val::Null) {
        return None;
    }
    let all_in =
        |xs: &Val<'_>, ys: &Val<'_>| xs.elements().all(|x| ys.elements().any(|y| equal(&x, &y)));
    Some(match op {
        ArrayOp::Contains => all_in(b, a),
        ArrayOp::ContainedBy => all_in(a, b),
        ArrayOp::Equals => all_in(a, b) && all_in(b, a),
        ArrayOp::Overlaps => a.elements().any(|x| b.elements().any(|y| equal(&x, &y))),
    })
}

impl Scalar {
    pub(super) fn eval<'a>(&'a self, ctx: Ctx<'a>) -> Val<'a> {
        match self {
            Self::Lit(l) => Val::of_lit(l),
            Self::Prop(p) => p.eval(ctx),
            Self::Casei(s) => s.eval(ctx).map_strings(&casei),
            Self::Accenti(s) => s.eval(ctx).map_strings(&accenti),
            Self::Neg(s) => match s.eval(ctx) {
                Val::Num(x) => Val::Num(-x),
                _ => Val::Null,
            },
            Self::Arith(op, a, b) => match (a.eval(ctx), b.eval(ctx)) {
                (Val::Num(x), Val::Num(y)) => Val::Num(match op {
                    ArithOp::Add => x + y,
                    ArithOp::Sub => x - y,
                    ArithOp::Mul => x * y,
                    ArithOp::Div => x / y,
                }),
                _ => Val::Null,
            },
        }
    }
}

impl PropRef {
    fn eval<'a>(&'a self, ctx: Ctx<'a>) -> Val<'a> {
        let properties = &ctx.feature.properties;
        if let Some(v) = properties.get(&self.name) {
            return Val::of_property(v);
        }
        match self.fallback {
            Fallback::None => {}
            Fallback::FeatureId => {
                return match &ctx.feature.id {
                    Some(FeatureId::String(s)) => Val::Str(Cow::Borrowed(s)),
                    Some(FeatureId::Number(n)) => n.as_f64().map_or(Val::Null, Val::Num),
                    None => Val::Null,
                };
            }
            Fallback::Area => return ctx.measures.map_or(Val::Null, |m| Val::Num(m.area_m2)),
            Fallback::Perimeter => {
                return ctx.measures.map_or(Val::Null, |m| Val::Num(m.perimeter_m));
            }
            Fallback::Length => return ctx.measures.map_or(Val::Null, |m| Val::Num(m.length_m)),
        }
        let Some(path) = &self.path else {
            return Val::Null;
        };
        let mut current = properties;
        let mut value = None;
        for (i, key) in path.iter().enumerate() {
            let Some(v) = current.get(key) else {
                return Val::Null;
            };
            if i + 1 == path.len() {
                value = Some(v);
            } else if let PropertyValue::Object(inner) = v {
                current = inner;
            } else {
                return Val::Null;
            }
        }
        value.map_or(Val::Null, Val::of_property)
    }
}
