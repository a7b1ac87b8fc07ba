//! Syntax tree to the compiled predicate: checks that conditions stand where conditions
//! belong and values where values do, resolves function names (an unknown one is an error
//! here, at parse time), reads date and geometry literals, and folds constants so nothing is
//! recomputed per feature.

use super::FilterError;
use super::eval::{
    ArithOp, ArrayOp, CmpOp, Fallback, GeomArg, LikePattern, Lit, Pred, PropRef, Scalar, SpatialOp,
    accenti, casei, parse_date, parse_instant,
};
use super::lexer::column;
use super::parser::{BinOp, Node, NodeKind};

/// The functions minemap knows, as error messages list them.
pub(super) const FUNCTIONS: &str = "CASEI, ACCENTI, DATE, TIMESTAMP, A_CONTAINS, \
     A_CONTAINEDBY, A_OVERLAPS, A_EQUALS, S_INTERSECTS, S_DISJOINT, S_WITHIN, S_CONTAINS, \
     S_TOUCHES, S_CROSSES, S_OVERLAPS, S_EQUALS, BBOX";

fn array_op(name: &str) -> Option<ArrayOp> {
    Some(match name {
        "A_CONTAINS" => ArrayOp::Contains,
        "A_CONTAINEDBY" => ArrayOp::ContainedBy,
        "A_OVERLAPS" => ArrayOp::Overlaps,
        "A_EQUALS" => ArrayOp::Equals,
        _ => return None,
    })
}

fn spatial_op(name: &str) -> Option<SpatialOp> {
    Some(match name {
        "S_INTERSECTS" => SpatialOp::Intersects,
        "S_DISJOINT" => SpatialOp::Disjoint,
        "S_WITHIN" => SpatialOp::Within,
        "S_CONTAINS" => SpatialOp::Contains,
        "S_TOUCHES" => SpatialOp::Touches,
        "S_CROSSES" => SpatialOp::Crosses,
        "S_OVERLAPS" => SpatialOp::Overlaps,
        "S_EQUALS" => SpatialOp::Equals,
        _ => return None,
    })
}

fn is_value_function(name: &str) -> bool {
    matches!(name, "CASEI" | "ACCENTI" | "DATE" | "TIMESTAMP")
}

pub(super) struct Compiler<'t> {
    pub text: &'t str,
    /// Property names read, in first-use order.
    pub properties: Vec<String>,
}

impl Compiler<'_> {
    fn invalid(&self, at: usize, message: String) -> FilterError {
        FilterError::Invalid {
            column: column(self.text, at),
            message,
        }
    }

    fn unknown_function(&self, at: usize, name: &str) -> FilterError {
        FilterError::UnknownFunction {
            column: column(self.text, at),
            name: name.to_owned(),
        }
    }

    fn expected_condition(&self, node: &Node) -> FilterError {
        self.invalid(
            node.start,
            "expected a condition (such as \"status\" = 'open'), found a value".into(),
        )
    }

    /// Compiles a node that stands where a condition belongs.
    pub(super) fn pred(&mut self, node: Node) -> Result<Pred, FilterError> {
        let start = node.start;
        Ok(match node.kind {
            NodeKind::And(items) => Pred::And(
                items
                    .into_iter()
                    .map(|n| self.pred(n))
                    .collect::<Result<_, _>>()?,
            ),
            NodeKind::Or(items) => Pred::Or(
                items
                    .into_iter()
                    .map(|n| self.pred(n))
                    .collect::<Result<_, _>>()?,
            ),
            NodeKind::Not(inner) => Pred::Not(Box::new(self.pred(*inner)?)),
            NodeKind::Paren(inner) => self.pred(*inner)?,
            NodeKind::Bool(b) => Pred::Const(b),
            NodeKind::Prop(_) => Pred::Truthy(self.scalar(node)?),
            NodeKind::Binary { op, left, right } => {
                let op = match op {
                    BinOp::Eq => CmpOp::Eq,
                    BinOp::Ne => CmpOp::Ne,
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Gt => CmpOp::Gt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Ge => CmpOp::Ge,
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                        return Err(self.invalid(
                            start,
                            "expected a condition, found a calculation (compare it with a value)"
                                .into(),
                        ));
                    }
                };
                Pred::Cmp(op, self.scalar(*left)?, self.scalar(*right)?)
            }
            NodeKind::In {
                value,
                list,
                negated,
            } => Pred::In {
                value: self.scalar(*value)?,
                list: list
                    .into_iter()
                    .map(|n| self.scalar(n))
                    .collect::<Result<_, _>>()?,
                negated,
            },
            NodeKind::Between {
                value,
                low,
                high,
                negated,
            } => Pred::Between {
                value: self.scalar(*value)?,
                low: self.scalar(*low)?,
                high: self.scalar(*high)?,
                negated,
            },
            NodeKind::Like {
                value,
                pattern,
                negated,
            } => self.like(*value, *pattern, negated)?,
            NodeKind::IsNull { value, negated } => Pred::IsNull {
                value: self.scalar(*value)?,
                negated,
            },
            NodeKind::Call { name, args } => {
                let upper = name.to_uppercase();
                if let Some(op) = array_op(&upper) {
                    let [a, b] = self.two_args(start, &upper, args)?;
                    Pred::Array(op, self.array_arg(a)?, self.array_arg(b)?)
                } else if let Some(op) = spatial_op(&upper) {
                    let [a, b] = self.two_args(start, &upper, args)?;
                    Pred::Spatial(op, self.geom_arg(a)?, self.geom_arg(b)?)
                } else if is_value_function(&upper) || upper == "BBOX" {
                    return Err(self.expected_condition(&Node {
                        kind: NodeKind::Null,
                        start,
                        depth: 1,
                    }));
                } else {
                    return Err(self.unknown_function(start, &name));
                }
            }
            _ => return Err(self.expected_condition(&node)),
        })
    }

    fn two_args(&self, at: usize, name: &str, args: Vec<Node>) -> Result<[Node; 2], FilterError> {
        let n = args.len();
        <[Node; 2]>::try_from(args)
            .map_err(|_| self.invalid(at, format!("{name} takes 2 arguments, not {n}")))
    }

    fn one_arg(&self, at: usize, name: &str, args: Vec<Node>) -> Result<Node, FilterError> {
        let n = args.len();
        <[Node; 1]>::try_from(args)
            .map(|[a]| a)
            .map_err(|_| self.invalid(at, format!("{name} takes 1 argument, not {n}")))
    }

    /// `value LIKE pattern`: the pattern must be a string literal, optionally inside
    /// `CASEI(…)`/`ACCENTI(…)`; those wrappers on either side apply to both.
    fn like(&mut self, value: Node, pattern: Node, negated: bool) -> Result<Pred, FilterError> {
        let (mut casei_on, mut accenti_on) = (false, false);
        let mut value = self.scalar(value)?;
        loop {
            match value {
                Scalar::Casei(inner) => {
                    casei_on = true;
                    value = *inner;
                }
                Scalar::Accenti(inner) => {
                    accenti_on = true;
                    value = *inner;
                }
                other => {
                    value = other;
                    break;
                }
            }
        }
        let at = pattern.start;
        let mut pattern = pattern;
        let text = loop {
            match pattern.kind {
                NodeKind::Str(s) => break s,
                NodeKind::Paren(inner) => pattern = *inner,
                NodeKind::Call { name, args }
                    if ["CASEI", "ACCENTI"].contains(&name.to_uppercase().as_str()) =>
                {
                    if name.eq_ignore_ascii_case("CASEI") {
                        casei_on = true;
                    } else {
                        accenti_on = true;
                    }
                    pattern = self.one_arg(at, &name.to_uppercase(), args)?;
                }
                _ => {
                    return Err(self.invalid(
                        at,
                        "expected a string pattern after LIKE, such as '%mine%'".into(),
                    ));
                }
            }
        };
        let mut text = text;
        if accenti_on {
            text = accenti(&text);
        }
        if casei_on {
            text = casei(&text);
        }
        Ok(Pred::Like {
            value,
            pattern: LikePattern::new(&text, casei_on, accenti_on),
            negated,
        })
    }

    /// An argument of an `A_…` function: a parenthesised single literal is an array of one.
    fn array_arg(&mut self, node: Node) -> Result<Scalar, FilterError> {
        if let NodeKind::Paren(inner) = node.kind {
            let item = self.literal(*inner)?;
            return Ok(Scalar::Lit(Lit::List(vec![item])));
        }
        self.scalar(node)
    }

    /// An argument of an `S_…` function: a property name stands for the feature's geometry.
    fn geom_arg(&mut self, node: Node) -> Result<GeomArg, FilterError> {
        let start = node.start;
        match node.kind {
            NodeKind::Prop(_) => Ok(GeomArg::Feature),
            NodeKind::Geometry(g) => Ok(GeomArg::Literal(g)),
            NodeKind::Paren(inner) => self.geom_arg(*inner),
            NodeKind::Call { name, args } if name.eq_ignore_ascii_case("BBOX") => {
                self.bbox(start, args)
            }
            _ => Err(self.invalid(
                start,
                "expected a geometry: the feature's (geometry), a WKT literal such as \
                 POINT(47.1 39.6), or BBOX(west, south, east, north)"
                    .into(),
            )),
        }
    }

    /// `BBOX(west, south, east, north)` or its 3D form with six numbers.
    fn bbox(&mut self, at: usize, args: Vec<Node>) -> Result<GeomArg, FilterError> {
        let mut numbers = Vec::with_capacity(args.len());
        for a in args {
            let start = a.start;
            match self.scalar(a)? {
                Scalar::Lit(Lit::Num(x)) => numbers.push(x),
                _ => return Err(self.invalid(start, "expected a number in BBOX".into())),
            }
        }
        let (w, s, e, n) = match numbers.as_slice() {
            [w, s, e, n] | [w, s, _, e, n, _] => (*w, *s, *e, *n),
            _ => {
                return Err(self.invalid(
                    at,
                    format!(
                        "BBOX takes 4 numbers (west, south, east, north), not {}",
                        numbers.len()
                    ),
                ));
            }
        };
        if w > e || s > n {
            return Err(self.invalid(
                at,
                "BBOX needs west ≤ east and south ≤ north (boxes across the antimeridian \
                 are not supported)"
                    .into(),
            ));
        }
        Ok(GeomArg::Literal(geo::Geometry::Rect(geo::Rect::new(
            geo::coord! { x: w, y: s },
            geo::coord! { x: e, y: n },
        ))))
    }

    /// A node that must be a constant (an element of an array literal).
    fn literal(&mut self, node: Node) -> Result<Lit, FilterError> {
        let start = node.start;
        match self.scalar(node)? {
            Scalar::Lit(l) => Ok(l),
            _ => Err(self.invalid(
                start,
                "an array literal can only hold constant values".into(),
            )),
        }
    }

    fn string_arg(&self, at: usize, name: &str, args: Vec<Node>) -> Result<String, FilterError> {
        match self.one_arg(at, name, args)?.kind {
            NodeKind::Str(s) => Ok(s),
            _ => Err(self.invalid(
                at,
                format!("{name} takes a string, such as {name}('2024-05-05')"),
            )),
        }
    }

    /// Compiles a node that stands where a value belongs.
    pub(super) fn scalar(&mut self, node: Node) -> Result<Scalar, FilterError> {
        let start = node.start;
        Ok(match node.kind {
            NodeKind::Num(x) => Scalar::Lit(Lit::Num(x)),
            NodeKind::Str(s) => Scalar::Lit(Lit::Str(s.into_boxed_str())),
            NodeKind::Bool(b) => Scalar::Lit(Lit::Bool(b)),
            NodeKind::Null => Scalar::Lit(Lit::Null),
            NodeKind::Prop(name) => Scalar::Prop(self.property(name)),
            NodeKind::Paren(inner) => self.scalar(*inner)?,
            NodeKind::List(items) => Scalar::Lit(Lit::List(
                items
                    .into_iter()
                    .map(|n| self.literal(n))
                    .collect::<Result<_, _>>()?,
            )),
            NodeKind::Neg(inner) => match self.scalar(*inner)? {
                Scalar::Lit(Lit::Num(x)) => Scalar::Lit(Lit::Num(-x)),
                other => Scalar::Neg(Box::new(other)),
            },
            NodeKind::Binary { op, left, right } => {
                let op = match op {
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::Sub,
                    BinOp::Mul => ArithOp::Mul,
                    BinOp::Div => ArithOp::Div,
                    _ => return Err(self.expected_value(start)),
                };
                let (a, b) = (self.scalar(*left)?, self.scalar(*right)?);
                if let (Scalar::Lit(Lit::Num(x)), Scalar::Lit(Lit::Num(y))) = (&a, &b) {
                    Scalar::Lit(Lit::Num(match op {
                        ArithOp::Add => x + y,
                        ArithOp::Sub => x - y,
                        ArithOp::Mul => x * y,
                        ArithOp::Div => x / y,
                    }))
                } else {
                    Scalar::Arith(op, Box::new(a), Box::new(b))
                }
            }
            NodeKind::Call { name, args } => {
                let upper = name.to_uppercase();
                match upper.as_str() {
                    "CASEI" | "ACCENTI" => {
                        let fold = if upper == "CASEI" { casei } else { accenti };
                        let inner = self.one_arg(start, &upper, args)?;
                        match self.scalar(inner)? {
                            Scalar::Lit(l) => Scalar::Lit(fold_lit(l, fold)),
                            other if upper == "CASEI" => Scalar::Casei(Box::new(other)),
                            other => Scalar::Accenti(Box::new(other)),
                        }
                    }
                    "DATE" => {
                        let text = self.string_arg(start, "DATE", args)?;
                        let date = parse_date(&text).ok_or_else(|| {
                            self.invalid(start, format!("'{text}' is not a date (YYYY-MM-DD)"))
                        })?;
                        Scalar::Lit(Lit::Date(date))
                    }
                    "TIMESTAMP" => {
                        let text = self.string_arg(start, "TIMESTAMP", args)?;
                        let instant = parse_instant(&text).ok_or_else(|| {
                            self.invalid(
                                start,
                                format!(
                                    "'{text}' is not a timestamp (such as 2024-05-05T10:00:00Z)"
                                ),
                            )
                        })?;
                        Scalar::Lit(Lit::Instant(instant))
                    }
                    "BBOX" => {
                        return Err(self.invalid(
                            start,
                            "a BBOX only goes in a spatial function, such as \
                             S_INTERSECTS(geometry, BBOX(…))"
                                .into(),
                        ));
                    }
                    _ if array_op(&upper).is_some() || spatial_op(&upper).is_some() => {
                        return Err(self.expected_value(start));
                    }
                    _ => return Err(self.unknown_function(start, &name)),
                }
            }
            NodeKind::Geometry(_) => {
                return Err(self.invalid(
                    start,
                    "a geometry only goes in a spatial function, such as S_INTERSECTS".into(),
                ));
            }
            NodeKind::Not(_)
            | NodeKind::And(_)
            | NodeKind::Or(_)
            | NodeKind::In { .. }
            | NodeKind::Between { .. }
            | NodeKind::Like { .. }
            | NodeKind::IsNull { .. } => return Err(self.expected_value(start)),
        })
    }

    fn expected_value(&self, at: usize) -> FilterError {
        self.invalid(at, "expected a value, found a condition".into())
    }

    fn property(&mut self, name: String) -> PropRef {
        if !self.properties.contains(&name) {
            self.properties.push(name.clone());
        }
        let fallback = match name.as_str() {
            "id" => Fallback::FeatureId,
            "geodesic_area_m2" => Fallback::Area,
            "geodesic_perimeter_m" => Fallback::Perimeter,
            "geodesic_length_m" => Fallback::Length,
            _ => Fallback::None,
        };
        let path = name
            .contains('.')
            .then(|| name.split('.').map(Box::from).collect());
        PropRef {
            name: name.into_boxed_str(),
            fallback,
            path,
        }
    }
}

/// `CASEI`/`ACCENTI` of a literal, done once.
fn fold_lit(l: Lit, f: fn(&str) -> String) -> Lit {
    match l {
        Lit::Str(s) => Lit::Str(f(&s).into_boxed_str()),
        Lit::List(items) => Lit::List(items.into_iter().map(|i| fold_lit(i, f)).collect()),
        other => other,
    }
}
