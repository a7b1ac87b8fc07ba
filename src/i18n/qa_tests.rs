use super::*;
use crate::i18n::keys;

/// A position in the exhaustive list below; a new variant will not compile until it has one,
/// and then `samples_cover_every_variant` fails until it has a sample.
fn variant(d: &ProblemDetail) -> usize {
    use ProblemDetail as D;
    match d {
        D::NoGeometry => 0,
        D::Unreadable { .. } => 1,
        D::ReaderNote { .. } => 2,
        D::RingPositions { .. } => 3,
        D::RingNotClosed => 4,
        D::NoCoordinates { .. } => 5,
        D::AxesSwapped { .. } => 6,
        D::OutOfRange { .. } => 7,
        D::LongSegment { .. } => 8,
        D::RepeatedVertex { .. } => 9,
        D::LineTooFewVertices => 10,
        D::RingTooFewVertices { .. } => 11,
        D::SelfIntersection { .. } => 12,
        D::HoleOutsideShell { .. } => 13,
        D::DuplicateId { .. } => 14,
        D::DuplicateGeometry { .. } => 15,
        D::Overlap { .. } => 16,
    }
}
const VARIANTS: usize = 17;

/// Every variant, with one and several counts, each part, each crossing, and figures past a
/// thousand (where English must stay ungrouped like the reports).
fn samples() -> Vec<ProblemDetail> {
    use ProblemDetail as D;
    let at = [49.867_123_4, 40.409_876_5];
    let mut out = vec![
        D::NoGeometry,
        D::Unreadable {
            reason: "geometry cannot be read: expected an array".into(),
        },
        D::ReaderNote {
            text: "multipatch (3-D surface) shapes are not read".into(),
        },
        D::RingNotClosed,
        D::NoCoordinates {
            geometry_type: "MultiPolygon".into(),
        },
        D::AxesSwapped {
            at: [40.4, 149.867_1],
        },
        D::OutOfRange {
            at: [4_500_123.25, 40.0],
        },
        D::LineTooFewVertices,
        D::HoleOutsideShell { at },
        D::DuplicateId {
            id: "HA-0012".into(),
            first: 1234,
        },
        D::DuplicateGeometry {
            first: 7,
            first_id: "#7".into(),
        },
    ];
    for positions in [0, 1, 2, 3] {
        out.push(D::RingPositions { positions });
    }
    for part in [Part::Line, Part::Ring, Part::Hole] {
        for count in [1, 2, 5, 21, 1500] {
            out.push(D::LongSegment {
                from: at,
                to: [50.1, 40.2],
                length_m: 12_345_678.9,
                max_m: 5_000.0,
                part,
                count,
            });
            out.push(D::RepeatedVertex { at, part, count });
        }
        if part != Part::Line {
            for distinct in [0, 1, 2] {
                out.push(D::RingTooFewVertices { part, distinct });
            }
        }
    }
    for crossing in [
        Crossing::RunsBack,
        Crossing::Crosses,
        Crossing::HoleCrosses,
        Crossing::Touches,
    ] {
        for count in [1, 3, 1234] {
            out.push(D::SelfIntersection {
                crossing,
                at,
                count,
            });
        }
    }
    for other_file in [None, Some("/data/north.geojson".to_owned())] {
        out.push(D::Overlap {
            other: 3,
            other_id: "HA-3".into(),
            other_file,
            area_m2: 12_345.6,
        });
    }
    out
}

#[test]
fn samples_cover_every_variant() {
    let mut seen = [false; VARIANTS];
    for d in samples() {
        seen[variant(&d)] = true;
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !seen[i]).collect();
    assert!(missing.is_empty(), "no sample for variants {missing:?}");
}

#[test]
fn english_from_the_catalogue_is_the_reports_message() {
    for d in samples() {
        assert_eq!(detail_message(&d, Lang::En), d.english(), "{d:?}");
    }
}

#[test]
fn every_detail_renders_in_every_language_without_a_key_or_placeholder() {
    let ours: Vec<&String> = keys(Lang::En)
        .iter()
        .filter(|k| k.starts_with("qa-msg-"))
        .collect();
    assert!(ours.len() > 20);
    for lang in Lang::ALL {
        for d in samples() {
            let text = detail_message(&d, lang);
            assert!(!text.trim().is_empty(), "{lang:?} {d:?}");
            assert!(
                !text.contains('{') && !text.contains('}') && !text.contains('$'),
                "{lang:?} {d:?}: {text}"
            );
            assert!(!text.contains("qa-msg-"), "{lang:?} {d:?}: {text}");
            // A translated sentence, not the English one (the reader's own words excepted).
            if lang != Lang::En && !matches!(d, ProblemDetail::ReaderNote { .. }) {
                assert_ne!(text, d.english(), "{lang:?} {d:?}");
            }
        }
    }
}

#[test]
fn russian_counts_take_their_plural_form_and_figures_their_comma() {
    let crossings = |count| {
        detail_message(
            &ProblemDetail::SelfIntersection {
                crossing: Crossing::Crosses,
                at: [49.5, 40.25],
                count,
            },
            Lang::Ru,
        )
    };
    assert!(crossings(21).contains("(21 пересечение в этом полигоне)"));
    assert!(crossings(3).contains("(3 пересечения в этом полигоне)"));
    assert!(crossings(5).contains("(5 пересечений в этом полигоне)"));
    assert!(crossings(1234).contains("(1\u{a0}234 пересечения"));
    assert!(crossings(1).starts_with("граница пересекает саму себя в точке"));
    assert!(crossings(1).contains("(49,500000; 40,250000)"));
    assert!(!crossings(1).contains("пересечения в этом"));
    let overlap = detail_message(
        &ProblemDetail::Overlap {
            other: 3,
            other_id: "HA-3".into(),
            other_file: None,
            area_m2: 12_345.6,
        },
        Lang::Ru,
    );
    assert!(overlap.contains("12\u{a0}346\u{a0}м²"), "{overlap}");
}

#[test]
fn azerbaijani_names_the_part_and_uses_its_decimal_comma() {
    let text = detail_message(
        &ProblemDetail::RepeatedVertex {
            at: [49.5, 40.25],
            part: Part::Hole,
            count: 4,
        },
        Lang::Az,
    );
    assert_eq!(
        text,
        "(49,500000; 40,250000) təpə nöqtəsi ardıcıl təkrarlanır (bu boşluqda 4 təkrarlanan təpə nöqtəsi)"
    );
}

#[test]
fn a_readers_note_reads_as_the_problem_it_becomes() {
    let note = GeometryNote {
        kind: GeometryNoteKind::TooFewPositions,
        message: "ring has 2 positions; a ring needs at least 4".into(),
        location: None,
        positions: Some(2),
    };
    assert_eq!(note_message(&note, Lang::En), note.message);
    assert!(note_message(&note, Lang::Ru).starts_with("в контуре 2 позиции"));
}
