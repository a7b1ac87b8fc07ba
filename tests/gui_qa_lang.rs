//! The QA panel speaks the interface language: after switching to Russian, a problem line
//! reads in Russian (from the catalogues), not in the English of `minemap validate`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable;
use minemap::app::{Command, RightTab};
use minemap::i18n::Lang;
use minemap::i18n::qa::problem_message;
use minemap::model::FeatureRef;

mod common;
use common::{app_on_sample_data, run_until};

#[test]
fn in_russian_the_qa_tab_lists_problems_in_russian_and_a_click_still_selects() {
    let mut harness = app_on_sample_data();
    run_until(&mut harness, |app| !app.analysis.busy());
    harness
        .state_mut()
        .push(Command::SetLanguage(Some(Lang::Ru)));
    harness
        .state_mut()
        .push(Command::SetRightTab(RightTab::Quality));
    harness.run_steps(3);
    let problem = harness
        .state()
        .analysis
        .problems
        .first()
        .cloned()
        .expect("the sample data has overlaps");
    let russian = problem_message(&problem, Lang::Ru);
    assert_ne!(russian, problem.message);
    // Russian words of the overlap sentence, Russian area unit.
    assert!(russian.contains("опасный район"), "{russian}");
    assert!(russian.contains("м²"), "{russian}");
    assert_eq!(
        harness
            .query_all_by_label_contains(&problem.message)
            .count(),
        0,
        "the English sentence is still shown"
    );
    harness.get_by_label_contains(&russian).click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace.selection,
        Some(FeatureRef {
            layer: problem.layer,
            index: problem.index
        })
    );
}
