//! QA problem messages in the interface language: [`problem_message`] says a
//! [`Problem`]'s [`ProblemDetail`] through the catalogues (`qa-msg-…`).
//!
//! English reads exactly as `Problem::message` (what `minemap validate` writes), so there is
//! one English wording: English figures keep the reports' locale-free form (`5000 m`,
//! `(49.123456, 40.123456)`). Azerbaijani and Russian figures take the language's decimal mark
//! and grouping ([`format`]), coordinates are separated by `;` there (the comma is the decimal
//! mark), and Russian counts choose their plural form.

use super::{Arg, Lang, format, tr_args_in, tr_in};
use crate::analysis::qa::{Crossing, Part, Problem, ProblemDetail, coord_text, length_text};
use crate::model::{GeometryNote, GeometryNoteKind};

/// What `problem` says, in `lang`.
#[must_use]
pub fn problem_message(problem: &Problem, lang: Lang) -> String {
    detail_message(&problem.detail, lang)
}

/// A [`ProblemDetail`] in `lang` (see [`problem_message`]).
#[must_use]
pub fn detail_message(detail: &ProblemDetail, lang: Lang) -> String {
    use ProblemDetail as D;
    let t = |key: &str, args: &[(&str, Arg<'_>)]| tr_args_in(lang, key, args);
    match detail {
        D::NoGeometry => tr_in(lang, "qa-msg-no-geometry").to_owned(),
        D::Unreadable { reason } => t("qa-msg-unreadable", &[("reason", reason.as_str().into())]),
        // The reader's own words: data about the file, not a sentence of minemap's.
        D::ReaderNote { text } => text.clone(),
        D::RingPositions { positions } => t(
            "qa-msg-ring-positions",
            &[("positions", (*positions).into())],
        ),
        D::RingNotClosed => tr_in(lang, "qa-msg-ring-not-closed").to_owned(),
        D::NoCoordinates { geometry_type } => t(
            "qa-msg-no-coordinates",
            &[("type", geometry_type.as_str().into())],
        ),
        D::AxesSwapped { at } => t(
            "qa-msg-axes-swapped",
            &[
                ("at", coord(*at, lang).into()),
                ("lat", decimal(at[1], 6, lang).into()),
            ],
        ),
        D::OutOfRange { at } => t("qa-msg-out-of-range", &[("at", coord(*at, lang).into())]),
        D::LongSegment {
            from,
            to,
            length_m,
            max_m,
            part,
            count,
        } => {
            let main = t(
                "qa-msg-long-segment",
                &[
                    ("from", coord(*from, lang).into()),
                    ("to", coord(*to, lang).into()),
                    ("length", length(*length_m, lang).into()),
                    ("max", length(*max_m, lang).into()),
                ],
            );
            with_more(main, *count, || {
                t(
                    "qa-msg-long-segment-more",
                    &[
                        ("count", count_arg(*count, lang)),
                        ("part", part_arg(*part)),
                        ("max", length(*max_m, lang).into()),
                    ],
                )
            })
        }
        D::RepeatedVertex { at, part, count } => {
            let main = t("qa-msg-repeated-vertex", &[("at", coord(*at, lang).into())]);
            with_more(main, *count, || {
                t(
                    "qa-msg-repeated-vertex-more",
                    &[
                        ("count", count_arg(*count, lang)),
                        ("part", part_arg(*part)),
                    ],
                )
            })
        }
        D::LineTooFewVertices => tr_in(lang, "qa-msg-line-too-few").to_owned(),
        D::RingTooFewVertices { part, distinct } => t(
            "qa-msg-ring-too-few",
            &[("part", part_arg(*part)), ("distinct", (*distinct).into())],
        ),
        D::SelfIntersection {
            crossing,
            at,
            count,
        } => {
            let key = match crossing {
                Crossing::RunsBack => "qa-msg-runs-back",
                Crossing::Crosses => "qa-msg-crosses",
                Crossing::HoleCrosses => "qa-msg-hole-crosses",
                Crossing::Touches => "qa-msg-touches",
            };
            let main = t(key, &[("at", coord(*at, lang).into())]);
            with_more(main, *count, || {
                t(
                    "qa-msg-crossings-more",
                    &[("count", count_arg(*count, lang))],
                )
            })
        }
        D::HoleOutsideShell { at } => t("qa-msg-hole-outside", &[("at", coord(*at, lang).into())]),
        D::DuplicateId { id, first } => t(
            "qa-msg-duplicate-id",
            &[("id", id.as_str().into()), ("first", index(*first))],
        ),
        D::DuplicateGeometry { first, first_id } => t(
            "qa-msg-duplicate-geometry",
            &[
                ("first", index(*first)),
                ("first-id", first_id.as_str().into()),
            ],
        ),
        D::Overlap {
            other,
            other_id,
            other_file,
            area_m2,
        } => {
            let area = match lang {
                Lang::En => format!("{area_m2:.0} m²"),
                Lang::Az | Lang::Ru => format::area_m2(*area_m2, lang),
            };
            let mut args = vec![
                ("other", index(*other)),
                ("other-id", other_id.as_str().into()),
                ("area", area.into()),
            ];
            match other_file {
                None => t("qa-msg-overlap", &args),
                Some(file) => {
                    args.push(("file", file.as_str().into()));
                    t("qa-msg-overlap-other-file", &args)
                }
            }
        }
    }
}

/// What a reader noted about a feature's geometry (the inspector lists these), in `lang`:
/// rings with too few positions and unclosed rings through the catalogues, a reader's reason
/// for an unreadable geometry as it wrote it.
#[must_use]
pub fn note_message(note: &GeometryNote, lang: Lang) -> String {
    match (note.kind, note.positions) {
        (GeometryNoteKind::UnclosedRing, _) => detail_message(&ProblemDetail::RingNotClosed, lang),
        (GeometryNoteKind::TooFewPositions, Some(positions)) => {
            detail_message(&ProblemDetail::RingPositions { positions }, lang)
        }
        _ => note.message.clone(),
    }
}

/// `main`, then the "(N … in this …)" sentence when there is more than one.
fn with_more(main: String, count: usize, more: impl FnOnce() -> String) -> String {
    if count > 1 {
        format!("{main} {}", more())
    } else {
        main
    }
}

/// A coordinate pair: `(lon, lat)` in English, `(lon; lat)` with decimal commas in az/ru.
fn coord(c: [f64; 2], lang: Lang) -> String {
    match lang {
        Lang::En => coord_text(c),
        Lang::Az | Lang::Ru => format!("({}; {})", decimal(c[0], 6, lang), decimal(c[1], 6, lang)),
    }
}

/// A coordinate value with `decimals` decimals and the language's decimal mark, ungrouped
/// (a coordinate is read digit by digit, not as a quantity).
fn decimal(v: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{v:.decimals$}");
    match format::decimal_mark(lang) {
        '.' => text,
        mark => text.replace('.', &mark.to_string()),
    }
}

fn length(m: f64, lang: Lang) -> String {
    match lang {
        Lang::En => length_text(m),
        Lang::Az | Lang::Ru => format::length(m, lang),
    }
}

/// A count: English writes it as the reports do (only plurals reach it, no selector needed);
/// az/ru as a number, grouped and choosing the plural form.
fn count_arg(n: usize, lang: Lang) -> Arg<'static> {
    match lang {
        Lang::En => n.to_string().into(),
        Lang::Az | Lang::Ru => n.into(),
    }
}

/// A feature's 0-based index: digits as the problem list and the command line show them.
fn index(i: usize) -> Arg<'static> {
    i.to_string().into()
}

/// The part of a geometry: English words, which the catalogues also select on.
fn part_arg(p: Part) -> Arg<'static> {
    p.word().into()
}

#[cfg(test)]
#[path = "qa_tests.rs"]
mod tests;
