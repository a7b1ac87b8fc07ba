//! CQL2 text to a syntax tree: a Pratt parser over the lexer's tokens. It knows precedence
//! and shapes, not types; [`super::compile`] checks those. Nesting is limited to
//! [`MAX_DEPTH`] levels, in the parser's recursion and in the tree it builds, so neither
//! parsing, compiling, evaluating nor dropping a hostile expression can overflow the stack.

use std::str::FromStr;

use super::FilterError;
use super::lexer::{Tok, Token, column, tokenize};

/// How deep an expression may nest (parentheses, NOT, function calls, operator chains).
/// Hand-written filters nest a few levels; this leaves room and keeps the recursion of
/// parsing and evaluation to a few hundred kilobytes of stack at most.
pub const MAX_DEPTH: u32 = 64;

/// Comparison and arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

/// A node of the syntax tree and the byte offset where it starts.
#[derive(Debug)]
pub(super) struct Node {
    pub kind: NodeKind,
    pub start: usize,
    /// Height of the subtree (a leaf is 1), at most [`MAX_DEPTH`].
    pub depth: u32,
}

#[derive(Debug)]
pub(super) enum NodeKind {
    Num(f64),
    Str(String),
    Bool(bool),
    Null,
    /// A property name as written (without quotes).
    Prop(String),
    /// `NAME(args…)`.
    Call {
        name: String,
        args: Vec<Node>,
    },
    /// A WKT geometry literal (`POINT(47 40)`, `POLYGON((…))`).
    Geometry(geo::Geometry<f64>),
    /// `( x )`.
    Paren(Box<Node>),
    /// `( a, b, … )` with other than one item: an array literal.
    List(Vec<Node>),
    Not(Box<Node>),
    Neg(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Binary {
        op: BinOp,
        left: Box<Node>,
        right: Box<Node>,
    },
    In {
        value: Box<Node>,
        list: Vec<Node>,
        negated: bool,
    },
    Between {
        value: Box<Node>,
        low: Box<Node>,
        high: Box<Node>,
        negated: bool,
    },
    Like {
        value: Box<Node>,
        pattern: Box<Node>,
        negated: bool,
    },
    IsNull {
        value: Box<Node>,
        negated: bool,
    },
}

/// WKT geometry type names: a word followed by `(` that is one of these is a geometry literal.
const WKT_TYPES: [&str; 7] = [
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
];

/// Words that end or join expressions and so can never be a property name unquoted.
const RESERVED: [&str; 10] = [
    "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE",
];

/// True when `word` is reserved in CQL2 text and must be double-quoted to name a property.
pub(super) fn is_reserved(word: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(word))
}

// Binding powers (left, right): higher binds tighter.
const OR_BP: (u8, u8) = (1, 2);
const AND_BP: (u8, u8) = (3, 4);
const NOT_BP: u8 = 5;
const CMP_BP: (u8, u8) = (7, 8);
const ADD_BP: (u8, u8) = (9, 10);
const MUL_BP: (u8, u8) = (11, 12);
const NEG_BP: u8 = 13;

/// Parses `text` into a syntax tree.
pub(super) fn parse(text: &str) -> Result<Node, FilterError> {
    let tokens = tokenize(text)?;
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
        depth: 0,
    };
    if p.peek() == &Tok::End {
        return Err(FilterError::Syntax {
            column: 1,
            message: "the expression is empty".into(),
        });
    }
    let node = p.expr(0)?;
    match p.peek() {
        Tok::End => Ok(node),
        Tok::RParen => Err(p.error_here("found ')' without a matching '('".into())),
        other => {
            let found = other.describe();
            Err(p.error_here(format!(
                "expected AND, OR or the end of the expression, found {found}"
            )))
        }
    }
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    pos: usize,
    /// Current recursion depth of `expr`.
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        self.tokens.get(self.pos).map_or(&Tok::End, |t| &t.tok)
    }

    fn peek_at(&self, ahead: usize) -> &Tok {
        self.tokens
            .get(self.pos + ahead)
            .map_or(&Tok::End, |t| &t.tok)
    }

    /// Byte offset of the next token.
    fn here(&self) -> usize {
        self.tokens
            .get(self.pos)
            .or_else(|| self.tokens.last())
            .map_or(self.text.len(), |t| t.start)
    }

    fn advance(&mut self) -> Token {
        let t = self.tokens.get(self.pos).cloned().unwrap_or(Token {
            tok: Tok::End,
            start: self.text.len(),
            end: self.text.len(),
        });
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn error_at(&self, at: usize, message: String) -> FilterError {
        FilterError::Syntax {
            column: column(self.text, at),
            message,
        }
    }

    fn error_here(&self, message: String) -> FilterError {
        self.error_at(self.here(), message)
    }

    fn too_deep(&self, at: usize) -> FilterError {
        FilterError::TooDeep {
            column: column(self.text, at),
            limit: MAX_DEPTH,
        }
    }

    /// A node whose children are at most `child_depth` deep.
    fn node(&self, kind: NodeKind, start: usize, child_depth: u32) -> Result<Node, FilterError> {
        let depth = child_depth + 1;
        if depth > MAX_DEPTH {
            return Err(self.too_deep(start));
        }
        Ok(Node { kind, start, depth })
    }

    fn expect_rparen(&mut self, open_at: usize) -> Result<(), FilterError> {
        if self.peek() == &Tok::RParen {
            self.advance();
            Ok(())
        } else {
            let found = self.peek().describe();
            let open = column(self.text, open_at);
            Err(self.error_here(format!(
                "expected ')' to close the '(' at column {open}, found {found}"
            )))
        }
    }

    /// An expression whose operators bind at least as tightly as `min_bp`.
    fn expr(&mut self, min_bp: u8) -> Result<Node, FilterError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep(self.here()));
        }
        self.depth += 1;
        let result = self.expr_inner(min_bp);
        self.depth -= 1;
        result
    }

    fn expr_inner(&mut self, min_bp: u8) -> Result<Node, FilterError> {
        let mut lhs = self.prefix()?;
        loop {
            let tok = self.peek().clone();
            let start = lhs.start;
            if tok.is_word("OR") || tok.is_word("AND") {
                let is_or = tok.is_word("OR");
                let (l_bp, r_bp) = if is_or { OR_BP } else { AND_BP };
                if l_bp < min_bp {
                    break;
                }
                self.advance();
                let rhs = self.operand(r_bp, &tok)?;
                lhs = self.join(lhs, rhs, is_or)?;
                continue;
            }
            let op = match tok {
                Tok::Eq => Some(BinOp::Eq),
                Tok::Ne => Some(BinOp::Ne),
                Tok::Lt => Some(BinOp::Lt),
                Tok::Gt => Some(BinOp::Gt),
                Tok::Le => Some(BinOp::Le),
                Tok::Ge => Some(BinOp::Ge),
                Tok::Plus => Some(BinOp::Add),
                Tok::Minus => Some(BinOp::Sub),
                Tok::Star => Some(BinOp::Mul),
                Tok::Slash => Some(BinOp::Div),
                _ => None,
            };
            if let Some(op) = op {
                let (l_bp, r_bp) = match op {
                    BinOp::Add | BinOp::Sub => ADD_BP,
                    BinOp::Mul | BinOp::Div => MUL_BP,
                    _ => CMP_BP,
                };
                if l_bp < min_bp {
                    break;
                }
                self.advance();
                let right = self.operand(r_bp, &tok)?;
                let depth = lhs.depth.max(right.depth);
                lhs = self.node(
                    NodeKind::Binary {
                        op,
                        left: Box::new(lhs),
                        right: Box::new(right),
                    },
                    start,
                    depth,
                )?;
                continue;
            }
            // The predicates written with words: [NOT] IN / BETWEEN / LIKE, IS [NOT] NULL.
            let negated = tok.is_word("NOT");
            let keyword = if negated { self.peek_at(1) } else { &tok }.clone();
            let is_predicate = ["IN", "BETWEEN", "LIKE"].iter().any(|k| keyword.is_word(k))
                || (!negated && keyword.is_word("IS"));
            if !is_predicate || CMP_BP.0 < min_bp {
                break;
            }
            if negated {
                self.advance();
            }
            self.advance();
            lhs = if keyword.is_word("IN") {
                self.in_list(lhs, negated)?
            } else if keyword.is_word("BETWEEN") {
                let low = self.operand(ADD_BP.0, &keyword)?;
                if !self.peek().is_word("AND") {
                    let found = self.peek().describe();
                    return Err(
                        self.error_here(format!("expected AND in BETWEEN … AND …, found {found}"))
                    );
                }
                let and = self.advance();
                let high = self.operand(ADD_BP.0, &and.tok)?;
                let depth = lhs.depth.max(low.depth).max(high.depth);
                self.node(
                    NodeKind::Between {
                        value: Box::new(lhs),
                        low: Box::new(low),
                        high: Box::new(high),
                        negated,
                    },
                    start,
                    depth,
                )?
            } else if keyword.is_word("LIKE") {
                let pattern = self.operand(ADD_BP.0, &keyword)?;
                let depth = lhs.depth.max(pattern.depth);
                self.node(
                    NodeKind::Like {
                        value: Box::new(lhs),
                        pattern: Box::new(pattern),
                        negated,
                    },
                    start,
                    depth,
                )?
            } else {
                let negated = if self.peek().is_word("NOT") {
                    self.advance();
                    true
                } else {
                    false
                };
                if !self.peek().is_word("NULL") {
                    let found = self.peek().describe();
                    return Err(self
                        .error_here(format!("expected NULL or NOT NULL after IS, found {found}")));
                }
                self.advance();
                let depth = lhs.depth;
                self.node(
                    NodeKind::IsNull {
                        value: Box::new(lhs),
                        negated,
                    },
                    start,
                    depth,
                )?
            };
        }
        Ok(lhs)
    }

    /// The right-hand side of operator `after`; a missing one is reported as such.
    fn operand(&mut self, min_bp: u8, after: &Tok) -> Result<Node, FilterError> {
        if !self.starts_value() {
            let found = self.peek().describe();
            let after = match after {
                Tok::Word(w) => format!("'{}'", w.to_uppercase()),
                other => other.describe(),
            };
            return Err(self.error_here(format!("expected a value after {after}, found {found}")));
        }
        self.expr(min_bp)
    }

    /// Whether the next token can begin a value or condition.
    fn starts_value(&self) -> bool {
        match self.peek() {
            Tok::Word(w) => {
                !is_reserved(w)
                    || ["NOT", "NULL", "TRUE", "FALSE"]
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(w))
            }
            Tok::Quoted(_) | Tok::Str(_) | Tok::Num(_) | Tok::LParen | Tok::Minus => true,
            _ => false,
        }
    }

    /// `lhs AND rhs` (or OR), flattened so a long chain stays one level deep.
    fn join(&self, lhs: Node, rhs: Node, is_or: bool) -> Result<Node, FilterError> {
        let start = lhs.start;
        match lhs.kind {
            NodeKind::Or(mut items) if is_or => {
                let depth = (lhs.depth - 1).max(rhs.depth);
                items.push(rhs);
                self.node(NodeKind::Or(items), start, depth)
            }
            NodeKind::And(mut items) if !is_or => {
                let depth = (lhs.depth - 1).max(rhs.depth);
                items.push(rhs);
                self.node(NodeKind::And(items), start, depth)
            }
            kind => {
                let depth = lhs.depth.max(rhs.depth);
                let lhs = Node { kind, ..lhs };
                let items = vec![lhs, rhs];
                self.node(
                    if is_or {
                        NodeKind::Or(items)
                    } else {
                        NodeKind::And(items)
                    },
                    start,
                    depth,
                )
            }
        }
    }

    /// `( a, b, … )` after IN.
    fn in_list(&mut self, value: Node, negated: bool) -> Result<Node, FilterError> {
        if self.peek() != &Tok::LParen {
            let found = self.peek().describe();
            return Err(self.error_here(format!(
                "expected '(' and a list of values after IN, found {found}"
            )));
        }
        let open = self.advance();
        let list = self.items(open.start)?;
        let depth = list.iter().map(|n| n.depth).fold(value.depth, u32::max);
        let start = value.start;
        self.node(
            NodeKind::In {
                value: Box::new(value),
                list,
                negated,
            },
            start,
            depth,
        )
    }

    /// Comma-separated expressions up to the `)` closing the `(` at `open_at` (already read).
    fn items(&mut self, open_at: usize) -> Result<Vec<Node>, FilterError> {
        let mut items = Vec::new();
        if self.peek() == &Tok::RParen {
            self.advance();
            return Ok(items);
        }
        loop {
            let after = if items.is_empty() {
                Tok::LParen
            } else {
                Tok::Comma
            };
            items.push(self.operand(0, &after)?);
            if self.peek() == &Tok::Comma {
                self.advance();
            } else {
                self.expect_rparen(open_at)?;
                return Ok(items);
            }
        }
    }

    fn prefix(&mut self) -> Result<Node, FilterError> {
        if !self.starts_value() {
            let found = self.peek().describe();
            let message = match self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)) {
                None => format!("expected a condition such as \"status\" = 'open', found {found}"),
                Some(prev) => {
                    let prev = match &prev.tok {
                        Tok::Word(w) => format!("'{}'", w.to_uppercase()),
                        other => other.describe(),
                    };
                    format!("expected a value after {prev}, found {found}")
                }
            };
            return Err(self.error_here(message));
        }
        let token = self.advance();
        let start = token.start;
        let leaf = |kind| {
            Ok(Node {
                kind,
                start,
                depth: 1,
            })
        };
        match token.tok {
            Tok::Num(n) => leaf(NodeKind::Num(n)),
            Tok::Str(s) => leaf(NodeKind::Str(s)),
            Tok::Quoted(name) => leaf(NodeKind::Prop(name)),
            Tok::Minus => {
                let arg = self.expr(NEG_BP)?;
                let depth = arg.depth;
                self.node(NodeKind::Neg(Box::new(arg)), start, depth)
            }
            Tok::LParen => {
                let mut items = self.items(start)?;
                if items.len() == 1 {
                    let inner = items.remove(0);
                    let depth = inner.depth;
                    self.node(NodeKind::Paren(Box::new(inner)), start, depth)
                } else {
                    let depth = items.iter().map(|n| n.depth).max().unwrap_or(0);
                    self.node(NodeKind::List(items), start, depth)
                }
            }
            Tok::Word(word) => self.word(word, start),
            _ => Err(self.error_at(start, "expected a value".into())),
        }
    }

    /// A bare word in value position: literal, NOT, function call, geometry or property.
    fn word(&mut self, word: String, start: usize) -> Result<Node, FilterError> {
        let leaf = |kind| {
            Ok(Node {
                kind,
                start,
                depth: 1,
            })
        };
        let upper = word.to_uppercase();
        match upper.as_str() {
            "TRUE" => return leaf(NodeKind::Bool(true)),
            "FALSE" => return leaf(NodeKind::Bool(false)),
            "NULL" => return leaf(NodeKind::Null),
            "NOT" => {
                if !self.starts_value() {
                    let found = self.peek().describe();
                    return Err(
                        self.error_here(format!("expected a condition after NOT, found {found}"))
                    );
                }
                let arg = self.expr(NOT_BP)?;
                let depth = arg.depth;
                return self.node(NodeKind::Not(Box::new(arg)), start, depth);
            }
            _ => {}
        }
        let geometry_follows = matches!(self.peek(), Tok::LParen)
            || ["Z", "M", "ZM", "EMPTY"]
                .iter()
                .any(|k| self.peek().is_word(k));
        if WKT_TYPES.contains(&upper.as_str()) && geometry_follows {
            return self.wkt(start);
        }
        if self.peek() == &Tok::LParen {
            let open = self.advance();
            if self.depth >= MAX_DEPTH {
                return Err(self.too_deep(open.start));
            }
            self.depth += 1;
            let args = self.items(open.start);
            self.depth -= 1;
            let args = args?;
            let depth = args.iter().map(|n| n.depth).max().unwrap_or(0);
            return self.node(NodeKind::Call { name: word, args }, start, depth);
        }
        leaf(NodeKind::Prop(word))
    }

    /// A WKT literal whose type name starts at byte `start` (already read): the text up to
    /// the balancing `)` (or `EMPTY`) goes to the `wkt` crate.
    fn wkt(&mut self, start: usize) -> Result<Node, FilterError> {
        let mut open = 0usize;
        let end = loop {
            let t = self.advance();
            match t.tok {
                Tok::LParen => open += 1,
                Tok::RParen if open > 0 => {
                    open -= 1;
                    if open == 0 {
                        break t.end;
                    }
                }
                Tok::Word(w) if open == 0 && w.eq_ignore_ascii_case("EMPTY") => break t.end,
                Tok::End | Tok::RParen => {
                    return Err(self.error_at(
                        start,
                        "this geometry is not closed: expected ')' before the end".into(),
                    ));
                }
                _ => {}
            }
        };
        let raw = self.text.get(start..end).unwrap_or_default();
        let geometry = wkt::Wkt::<f64>::from_str(raw)
            .map_err(|e| e.to_string())
            .and_then(|w| geo::Geometry::<f64>::try_from(w).map_err(|e| e.to_string()))
            .map_err(|reason| FilterError::Invalid {
                column: column(self.text, start),
                message: format!("not a WKT geometry: {reason}"),
            })?;
        Ok(Node {
            kind: NodeKind::Geometry(geometry),
            start,
            depth: 1,
        })
    }
}
