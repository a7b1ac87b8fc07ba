//! `minemap report --format text --lang az|ru|en`: translated headers and locale-formatted
//! figures in the text format; JSON and CSV identical in every language.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use minemap::i18n::Lang;
use minemap::i18n::format::number;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

/// Runs the binary with a clean locale environment plus `env`.
fn minemap(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_minemap"));
    cmd.args(args);
    for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn hazards() -> String {
    sample("hazard_areas.geojson").to_str().unwrap().to_owned()
}

/// The summed area of the sample hazard areas, from the locale-free JSON report.
fn total_area_m2() -> f64 {
    let json = stdout(&minemap(&["report", "--format", "json", &hazards()], &[]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["totals"]["area_m2"].as_f64().unwrap()
}

#[test]
fn text_report_in_azerbaijani_has_azerbaijani_headers_and_decimal_commas() {
    let text = stdout(&minemap(
        &["report", "--format", "text", "--lang", "az", &hazards()],
        &[],
    ));
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("fayl") && first.contains("sahə m²"),
        "{first}"
    );
    assert!(text.contains("Cəmi: "), "{text}");
    assert!(text.contains("sahələrin cəmi:"), "{text}");
    assert!(text.contains("Ərazilərin azad edilməsi ("), "{text}");
    assert!(text.contains("Təmizlənib"), "{text}");
    let total = number(total_area_m2(), 1, Lang::Az);
    assert!(total.contains('\u{a0}') && total.contains(','), "{total}");
    assert!(text.contains(&total), "{total} not in\n{text}");
}

#[test]
fn text_report_in_russian_uses_russian_plurals_and_units() {
    let text = stdout(&minemap(
        &["report", "--format", "text", "--lang", "ru", &hazards()],
        &[],
    ));
    assert!(text.starts_with("файл"), "{text}");
    assert!(text.contains("площадь объединения:"), "{text}");
    assert!(text.contains(" м²"), "{text}");
    let totals = text.lines().find(|l| l.starts_with("Итого: ")).unwrap();
    // "Итого: N объект/объекта/объектов" by the Russian plural rule of N.
    let n: u64 = totals["Итого: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .replace('\u{a0}', "")
        .parse()
        .unwrap();
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "объект ",
        (2..=4, r) if !(12..=14).contains(&r) => "объекта ",
        _ => "объектов ",
    };
    assert!(totals.contains(word), "{totals}");
    assert!(
        text.contains(&number(total_area_m2(), 1, Lang::Ru)),
        "{text}"
    );
}

#[test]
fn text_report_in_english_groups_with_commas() {
    let text = stdout(&minemap(
        &["report", "--format", "text", "--lang", "en", &hazards()],
        &[],
    ));
    assert!(text.starts_with("file"), "{text}");
    assert!(text.contains("Totals: "), "{text}");
    assert!(text.contains("Cancelled (NTS)"), "{text}");
    assert!(
        text.contains(&number(total_area_m2(), 1, Lang::En)),
        "{text}"
    );
}

#[test]
fn the_language_defaults_to_the_locale_and_else_english() {
    let run =
        |env: &[(&str, &str)]| stdout(&minemap(&["report", "--format", "text", &hazards()], env));
    assert!(run(&[("LANG", "ru_RU.UTF-8")]).starts_with("файл"));
    assert!(run(&[("LC_ALL", "az_AZ.UTF-8")]).starts_with("fayl"));
    assert!(run(&[("LANG", "de_DE.UTF-8")]).starts_with("file"));
    assert!(run(&[]).starts_with("file"));
    // --lang wins over the locale.
    let text = stdout(&minemap(
        &["report", "--lang", "en", &hazards()],
        &[("LANG", "ru_RU.UTF-8")],
    ));
    assert!(text.starts_with("file"));
}

#[test]
fn json_and_csv_are_the_same_in_every_language() {
    for format in ["json", "csv"] {
        let en = stdout(&minemap(
            &["report", "--format", format, "--lang", "en", &hazards()],
            &[],
        ));
        for lang in ["az", "ru"] {
            let other = stdout(&minemap(
                &["report", "--format", format, "--lang", lang, &hazards()],
                &[],
            ));
            assert_eq!(en, other, "{format} differs in {lang}");
        }
        assert!(!en.contains('\u{a0}'));
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_ones_minemap_speaks() {
    let out = minemap(&["report", "--lang", "de", &hazards()], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("az, ru, en"), "{err}");
}

#[test]
fn validate_closes_with_its_count_in_the_chosen_language_and_keeps_problem_lines_as_they_are() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qa/self_intersection.geojson");
    let file = file.to_str().unwrap();
    let run = |lang: &str| {
        let out = minemap(&["validate", "--lang", lang, file], &[]);
        // Exit 1: problems found.
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let (en, az, ru) = (run("en"), run("az"), run("ru"));
    assert_eq!(
        en.lines().last(),
        Some("1 problem in 1 feature of 1 file"),
        "{en}"
    );
    assert_eq!(
        az.lines().last(),
        Some("1 fayldan 1 obyektdə 1 problem"),
        "{az}"
    );
    assert_eq!(
        ru.lines().last(),
        Some("1 проблема в 1 объекте из 1 файла"),
        "{ru}"
    );
    // The problem lines are for scripts: the same in every language (codes, not labels).
    fn body(text: &str) -> Vec<&str> {
        text.lines().rev().skip(1).collect()
    }
    assert_eq!(body(&en), body(&az));
    assert_eq!(body(&en), body(&ru));
    assert!(en.contains(": self_intersection: "), "{en}");
    // The locale chooses when --lang is not given.
    let out = minemap(&["validate", file], &[("LANG", "ru_RU.UTF-8")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.trim_end().ends_with("из 1 файла"), "{text}");
}
