//! Splits CQL2 text into tokens (winnow does the character work), each with its byte offset
//! so errors can name the column.

use winnow::Parser;
use winnow::ascii::{digit0, digit1};
use winnow::combinator::{alt, opt};
use winnow::token::{one_of, take_while};

use super::FilterError;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// A bare word: a keyword (`AND`, `IN`…), a function name or a property name.
    Word(String),
    /// A double-quoted property name (`"Ərazi adı"`), quotes removed and `""` undoubled.
    Quoted(String),
    /// A single-quoted string literal, quotes removed and `''` undoubled.
    Str(String),
    Num(f64),
    LParen,
    RParen,
    Comma,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    /// The end of the text.
    End,
}

/// A token and where it starts and ends (byte offsets into the text).
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

impl Tok {
    /// How the token reads in an error message.
    pub(super) fn describe(&self) -> String {
        match self {
            Self::Word(w) => format!("'{w}'"),
            Self::Quoted(q) => format!("\"{q}\""),
            Self::Str(s) => format!("the string '{s}'"),
            Self::Num(n) => format!("the number {n}"),
            Self::LParen => "'('".into(),
            Self::RParen => "')'".into(),
            Self::Comma => "','".into(),
            Self::Eq => "'='".into(),
            Self::Ne => "'<>'".into(),
            Self::Lt => "'<'".into(),
            Self::Gt => "'>'".into(),
            Self::Le => "'<='".into(),
            Self::Ge => "'>='".into(),
            Self::Plus => "'+'".into(),
            Self::Minus => "'-'".into(),
            Self::Star => "'*'".into(),
            Self::Slash => "'/'".into(),
            Self::End => "the end of the expression".into(),
        }
    }

    /// True for the bare word `kw`, in any case.
    pub(super) fn is_word(&self, kw: &str) -> bool {
        matches!(self, Self::Word(w) if w.eq_ignore_ascii_case(kw))
    }
}

/// The 1-based character column of byte offset `at` in `text`.
pub(super) fn column(text: &str, at: usize) -> usize {
    text.get(..at).map_or(at, |s| s.chars().count()) + 1
}

/// First character of a bare word. Unicode letters count, so `Ərazi` needs no quotes.
fn word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Later characters of a bare word; `.` and `:` are allowed as CQL2 allows them in names
/// (`devices_found.ap_mine`, `ns:name`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | ':')
}

/// A string delimited by `quote`, the quote doubled inside it.
fn quoted(mut quote: char, input: &mut &str) -> winnow::Result<String> {
    quote.parse_next(input)?;
    let mut out = String::new();
    loop {
        let part: &str = take_while(0.., move |c| c != quote).parse_next(input)?;
        out.push_str(part);
        quote.parse_next(input)?;
        if opt(quote).parse_next(input)?.is_some() {
            out.push(quote);
        } else {
            return Ok(out);
        }
    }
}

/// `12`, `12.5`, `1e-3`: a number without sign (minus is an operator).
fn number(input: &mut &str) -> winnow::Result<f64> {
    let text = (
        digit1,
        opt(('.', digit0)),
        opt((one_of(['e', 'E']), opt(one_of(['+', '-'])), digit1)),
    )
        .take()
        .parse_next(input)?;
    text.parse::<f64>()
        .map_err(|_| winnow::error::ContextError::new())
}

fn operator(input: &mut &str) -> winnow::Result<Tok> {
    alt((
        alt((
            "<>".value(Tok::Ne),
            "!=".value(Tok::Ne),
            "<=".value(Tok::Le),
            ">=".value(Tok::Ge),
            '<'.value(Tok::Lt),
            '>'.value(Tok::Gt),
            '='.value(Tok::Eq),
        )),
        alt((
            '('.value(Tok::LParen),
            ')'.value(Tok::RParen),
            ','.value(Tok::Comma),
            '+'.value(Tok::Plus),
            '-'.value(Tok::Minus),
            '*'.value(Tok::Star),
            '/'.value(Tok::Slash),
        )),
    ))
    .parse_next(input)
}

fn word(input: &mut &str) -> winnow::Result<String> {
    (take_while(1, word_start), take_while(0.., word_char))
        .take()
        .map(str::to_owned)
        .parse_next(input)
}

/// The tokens of `text`, ending with [`Tok::End`].
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, FilterError> {
    let mut tokens = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let start = text.len() - rest.len();
        let Some(first) = rest.chars().next() else {
            tokens.push(Token {
                tok: Tok::End,
                start,
                end: start,
            });
            return Ok(tokens);
        };
        let parsed = match first {
            '\'' => quoted('\'', &mut rest).map(Tok::Str),
            '"' => quoted('"', &mut rest).map(Tok::Quoted),
            '0'..='9' => number(&mut rest).map(Tok::Num),
            c if word_start(c) => word(&mut rest).map(Tok::Word),
            _ => operator(&mut rest),
        };
        let column = column(text, start);
        let tok = parsed.map_err(|_| {
            let message = match first {
                '\'' => "the string that starts here has no closing quote (')".to_owned(),
                '"' => "the name that starts here has no closing double quote (\")".to_owned(),
                '0'..='9' => "this is not a number".to_owned(),
                c => format!("unexpected character '{c}'"),
            };
            FilterError::Syntax { column, message }
        })?;
        tokens.push(Token {
            tok,
            start,
            end: text.len() - rest.len(),
        });
    }
}
