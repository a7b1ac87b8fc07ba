//! QA problems of every fixture in `tests/fixtures/qa` read in each interface language: the
//! English rendering is the reports' message word for word, the others leave no key or
//! placeholder behind.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use minemap::analysis::qa::{ProblemKind, QaOptions, validate};
use minemap::i18n::Lang;
use minemap::i18n::qa::problem_message;
use minemap::io::geojson::read_geojson_file;

#[test]
fn every_fixture_problem_reads_in_every_language_and_english_is_the_message() {
    let mut seen = 0;
    for kind in ProblemKind::ALL {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/qa")
            .join(format!("{}.geojson", kind.code()));
        let layer = read_geojson_file(&path, &|_| {}).unwrap().layer;
        for p in validate(&[&layer], &QaOptions::default()) {
            seen += 1;
            assert_eq!(problem_message(&p, Lang::En), p.message);
            for lang in [Lang::Az, Lang::Ru] {
                let text = problem_message(&p, lang);
                assert!(
                    !text.contains('{') && !text.contains("qa-msg-"),
                    "{lang:?}: {text}"
                );
                assert_ne!(text, p.message, "{lang:?} {:?}", p.detail);
            }
        }
    }
    assert!(seen >= ProblemKind::ALL.len());
}
