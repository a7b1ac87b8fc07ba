//! Catalogue completeness, plural forms and number formatting inside messages.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::*;

fn resource(lang: Lang) -> FluentResource {
    let (_, source) = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .copied()
        .unwrap_or((Lang::En, ""));
    match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}.ftl does not parse: {errors:?}", lang.code()),
    }
}

/// The variables (`$name`) a pattern refers to, selectors included.
fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => inline(i, out),
        }
    }
    fn inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    for el in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr(expression, out);
        }
    }
}

fn message_variables(lang: Lang) -> Vec<(String, BTreeSet<String>)> {
    let res = resource(lang);
    res.entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_catalogue_parses_without_errors() {
    for lang in Lang::ALL {
        let res = resource(lang);
        assert!(
            res.entries().count() > 100,
            "{} is nearly empty",
            lang.code()
        );
        let junk: Vec<_> = res
            .entries()
            .filter(|e| matches!(e, ast::Entry::Junk { .. }))
            .collect();
        assert!(junk.is_empty(), "{}.ftl: {junk:?}", lang.code());
    }
}

#[test]
fn every_key_is_in_every_language_with_the_same_arguments() {
    let en = message_variables(Lang::En);
    let en_keys: BTreeSet<&str> = en.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(en_keys.len(), en.len(), "en.ftl has a key twice");
    for lang in [Lang::Az, Lang::Ru] {
        let other = message_variables(lang);
        let keys: BTreeSet<&str> = other.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys.len(),
            other.len(),
            "{}.ftl has a key twice",
            lang.code()
        );
        let missing: Vec<_> = en_keys.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&en_keys).collect();
        assert!(
            missing.is_empty(),
            "missing in {}.ftl: {missing:?}",
            lang.code()
        );
        assert!(extra.is_empty(), "only in {}.ftl: {extra:?}", lang.code());
        let by_key: std::collections::BTreeMap<&str, &BTreeSet<String>> =
            other.iter().map(|(k, v)| (k.as_str(), v)).collect();
        for (key, en_vars) in &en {
            if let Some(vars) = by_key.get(key.as_str()) {
                assert_eq!(
                    en_vars,
                    *vars,
                    "{}.ftl \"{key}\" takes other arguments",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn every_message_formats_in_every_language_without_errors() {
    for lang in Lang::ALL {
        for (key, vars) in message_variables(lang) {
            let args: Vec<(&str, Arg)> = vars
                .iter()
                .map(|v| (v.as_str(), Arg::Number(2.0)))
                .collect();
            let text = tr_args_in(lang, &key, &args);
            assert!(
                !text.trim().is_empty(),
                "{} \"{key}\" is empty",
                lang.code()
            );
            assert!(!text.contains('{'), "{} \"{key}\": {text}", lang.code());
        }
    }
}

/// The keys of the calls to `call` in `text`: a string literal as the first argument, or as
/// the second after a language (`tr_in(lang, "key")`), across line breaks.
fn literals_after(text: &str, call: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(call) {
        // A call, not a longer name that ends the same way (`attr(`, `fmt::t(`).
        let before = rest[..at].chars().last();
        rest = &rest[at + call.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':') {
            continue;
        }
        let Some(q) = rest.find(['"', ')']) else {
            break;
        };
        if !rest[q..].starts_with('"') {
            continue;
        }
        let head = rest[..q].trim();
        let first_argument = head.is_empty();
        let after_language = head.ends_with(',') && !head[..head.len() - 1].contains([',', '(']);
        if (first_argument || after_language)
            && let Some(end) = rest[q + 1..].find('"')
        {
            keys.push(rest[q + 1..q + 1 + end].to_owned());
        }
    }
    keys
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_key_the_source_asks_for_is_in_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let known: BTreeSet<&str> = keys(Lang::En).iter().map(String::as_str).collect();
    let mut asked = BTreeSet::new();
    for file in &files {
        // This file asks for unknown keys on purpose.
        if file.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for call in ["tr(", "tr_in(", "tr_args(", "tr_args_in(", "t("] {
            for key in literals_after(&text, call) {
                asked.insert((key, file.display().to_string()));
            }
        }
        if file.ends_with("i18n/labels.rs") {
            // The match arms of labels.rs name keys as bare literals.
            for line in text.lines() {
                let t = line.trim().trim_end_matches(',');
                if let Some(k) = t.rsplit("=> ").next().filter(|k| k.starts_with('"')) {
                    asked.insert((k.trim_matches('"').to_owned(), file.display().to_string()));
                }
            }
        }
    }
    assert!(asked.len() > 60, "only {} keys found in src/", asked.len());
    // The text report's keys are among them (found across line breaks).
    for key in [
        "report-totals",
        "report-file",
        "report-land-release",
        "legend-casualties",
    ] {
        assert!(
            asked.iter().any(|(k, _)| k == key),
            "{key} not found in src/"
        );
    }
    let missing: Vec<_> = asked
        .iter()
        .filter(|(k, _)| !known.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in src/ but not in en.ftl: {missing:?}"
    );
}

#[test]
fn russian_plurals_take_the_three_forms() {
    let f = |n: f64| tr_args_in(Lang::Ru, "features-count", &[("count", n.into())]);
    assert_eq!(f(1.0), "1 объект");
    assert_eq!(f(2.0), "2 объекта");
    assert_eq!(f(5.0), "5 объектов");
    assert_eq!(f(11.0), "11 объектов");
    assert_eq!(f(21.0), "21 объект");
    assert_eq!(f(24.0), "24 объекта");
    assert_eq!(f(1234.0), "1\u{a0}234 объекта");
}

#[test]
fn english_and_azerbaijani_plurals() {
    let en = |n: usize| tr_args_in(Lang::En, "features-count", &[("count", n.into())]);
    assert_eq!(en(1), "1 feature");
    assert_eq!(en(2), "2 features");
    assert_eq!(en(12_345), "12,345 features");
    // Azerbaijani keeps the noun singular after a numeral.
    let az = |n: usize| tr_args_in(Lang::Az, "features-count", &[("count", n.into())]);
    assert_eq!(az(1), "1 obyekt");
    assert_eq!(az(5), "5 obyekt");
}

#[test]
fn coded_values_are_translated_with_imas_terms() {
    use crate::model::Classification;
    assert_eq!(
        labels::classification(Classification::Cha, Lang::Az),
        "Təsdiqlənmiş təhlükəli ərazi (CHA)"
    );
    assert_eq!(
        labels::classification(Classification::Sha, Lang::Ru),
        "Предположительно опасный район (SHA)"
    );
    assert_eq!(
        labels::classification(Classification::Cha, Lang::En),
        "CHA (confirmed)"
    );
    for lang in Lang::ALL {
        for k in crate::analysis::qa::ProblemKind::ALL {
            assert!(
                !labels::problem_kind(k, lang).starts_with("qa-"),
                "{k:?} {lang:?}"
            );
        }
    }
    // English labels agree with the model's own English labels.
    for c in Classification::ALL {
        assert_eq!(labels::classification(c, Lang::En), c.label());
    }
    for k in crate::analysis::qa::ProblemKind::ALL {
        assert_eq!(labels::problem_kind(k, Lang::En), k.label());
    }
}

#[test]
fn text_arguments_are_inserted_as_given() {
    let s = tr_args_in(
        Lang::Az,
        "layers-loading",
        &[("name", "Ağdam_sha.geojson".into())],
    );
    assert_eq!(s, "Yüklənir: Ağdam_sha.geojson");
}

#[test]
fn an_unknown_key_shows_itself() {
    assert_eq!(
        tr_in(Lang::Ru, "no-such-key-anywhere"),
        "no-such-key-anywhere"
    );
    assert_eq!(
        tr_args_in(Lang::Az, "no-such-key-either", &[]),
        "no-such-key-either"
    );
}

#[test]
fn language_tags_and_locales_are_recognised() {
    assert_eq!(Lang::from_tag("az"), Some(Lang::Az));
    assert_eq!(Lang::from_tag("az-Latn-AZ"), Some(Lang::Az));
    assert_eq!(Lang::from_tag("ru_RU.UTF-8"), Some(Lang::Ru));
    assert_eq!(Lang::from_tag("EN-us"), Some(Lang::En));
    assert_eq!(Lang::from_tag("de-DE"), None);
    assert_eq!(Lang::from_tag("C"), None);
    assert_eq!(Lang::from_tag(""), None);
}

#[test]
fn lang_is_stored_as_its_code() {
    assert_eq!(
        serde_json::to_string(&Lang::Az).unwrap_or_default(),
        "\"az\""
    );
    assert_eq!(serde_json::from_str::<Lang>("\"ru\"").ok(), Some(Lang::Ru));
}

/// Every string literal of `text` shaped like a catalogue key of a known area
/// (`legend-no-casualty`, `style-gichd`): keys kept in tables and match arms, which the
/// call scan above cannot see.
fn key_shaped_literals(text: &str, prefixes: &BTreeSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for piece in text.split('"').skip(1).step_by(2) {
        let shaped = piece.contains('-')
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !piece.starts_with('-')
            && !piece.ends_with('-');
        if shaped
            && piece
                .split('-')
                .next()
                .is_some_and(|p| prefixes.contains(p))
        {
            out.push(piece.to_owned());
        }
    }
    out
}

#[test]
fn keys_kept_in_tables_and_match_arms_are_in_every_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let prefixes: BTreeSet<&str> = keys(Lang::En)
        .iter()
        .filter_map(|k| k.split('-').next())
        .collect();
    let mut found = BTreeSet::new();
    for file in &files {
        if file.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        // Test modules name made-up keys and data values.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for key in key_shaped_literals(text, &prefixes) {
            found.insert((key, file.display().to_string()));
        }
    }
    // The tables this test is for: the legend's casualty ranges, renderer names, actions.
    for key in ["legend-no-casualty", "style-gichd", "action-open-tooltip"] {
        assert!(
            found.iter().any(|(k, _)| k == key),
            "{key} not found in src/"
        );
    }
    for lang in Lang::ALL {
        let known: BTreeSet<&str> = keys(lang).iter().map(String::as_str).collect();
        let missing: Vec<_> = found
            .iter()
            .filter(|(k, _)| !known.contains(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys in src/ but not in {}.ftl: {missing:?}",
            lang.code()
        );
    }
}

/// The arguments of the call that starts at `args` (just after its opening parenthesis),
/// split at the commas of its own level; `None` when the parentheses do not close.
fn call_arguments(args: &str) -> Option<Vec<&str>> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = 0;
    let mut out = Vec::new();
    for (i, c) in args.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                out.push(&args[start..i]);
                return Some(out);
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&args[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// The widget calls of `text` given an English word as a bare string literal:
/// `ui.button("Close")`, `ui.checkbox(&mut on, "Labels")`, `.on_hover_text("Esc")`.
fn english_literals_in_widgets(text: &str) -> Vec<String> {
    // Key names and symbols read the same in every language.
    const ALLOWED: [&str; 1] = ["Esc"];
    const WIDGETS: [&str; 22] = [
        ".button(",
        ".small_button(",
        ".label(",
        ".heading(",
        ".strong(",
        ".weak(",
        ".link(",
        "menu_button(",
        "on_hover_text(",
        ".checkbox(",
        ".radio(",
        "selectable_label(",
        "selectable_value(",
        "colored_label(",
        "Button::new(",
        "Checkbox::new(",
        "CollapsingHeader::new(",
        "Window::new(",
        "ComboBox::from_label(",
        ".selected_text(",
        ".hint_text(",
        ".text(",
    ];
    let mut found = Vec::new();
    for widget in WIDGETS {
        for (at, _) in text.match_indices(widget) {
            let Some(args) = call_arguments(&text[at + widget.len()..]) else {
                continue;
            };
            for arg in args {
                let arg = arg.trim();
                let bare = arg.len() >= 2 && arg.starts_with('"') && arg.ends_with('"');
                let word = arg.trim_matches('"');
                // A property name as an example (`priority_review`) is data, not English.
                let identifier = word.contains('_') && !word.contains(' ');
                if bare
                    && word.chars().next().is_some_and(char::is_alphabetic)
                    && !identifier
                    && !ALLOWED.contains(&word)
                {
                    found.push(format!("{widget}{arg})"));
                }
            }
        }
    }
    found
}

#[test]
fn the_scan_for_english_in_widgets_finds_what_it_should() {
    let text = r#"
        ui.button("Close");
        ui.checkbox(&mut on, "Labels").on_hover_text("Show them");
        ui.add(egui::Button::new("Finish").small());
        ui.label(tr("layers-title"));
        ui.label("×");
        ui.text_edit(x).hint_text("priority_review");
        ui.button(format!("{n} × {m}"));
        ui.radio(a == b, lang.native_name());
        ui.button(tr("tool-cancel")).on_hover_text("Esc");
    "#;
    assert_eq!(
        english_literals_in_widgets(text),
        [
            r#".button("Close")"#,
            r#"on_hover_text("Show them")"#,
            r#".checkbox("Labels")"#,
            r#"Button::new("Finish")"#,
        ]
    );
}

#[test]
fn panels_pass_no_english_literal_straight_to_a_widget() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("ui"), &mut files);
    rust_files(&root.join("app"), &mut files);
    files.push(root.join("app.rs"));
    assert!(files.len() > 12, "{files:?}");
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for hit in english_literals_in_widgets(text) {
            offenders.push(format!("{}: {hit}", file.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "English text given straight to widgets (use i18n::tr with a key in assets/i18n/*.ftl):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn split_errors_read_in_english_as_the_command_line_prints_them_and_are_translated() {
    use crate::analysis::split::SplitError;
    let errors = [
        SplitError::BadCellSize {
            what: "width",
            value: -5.0,
        },
        SplitError::ZeroCount { what: "strips" },
        SplitError::BadSliverShare(1.5),
        SplitError::TooManyCells {
            estimated: 120,
            limit: 100,
        },
        SplitError::NotAPolygon("Point"),
        SplitError::Empty,
        SplitError::Invalid("self-intersection".to_owned()),
        SplitError::TooLarge { extent_km: 120.0 },
        SplitError::BadOrientation("north-ish".to_owned()),
        SplitError::Cancelled,
    ];
    for e in &errors {
        // One wording: the English from the catalogue is the error's own text.
        assert_eq!(
            crate::i18n::labels::split_error(e, Lang::En),
            e.to_string(),
            "{e:?}"
        );
        for lang in [Lang::Az, Lang::Ru] {
            let text = crate::i18n::labels::split_error(e, lang);
            assert!(
                !text.contains('{') && !text.contains("split-"),
                "{lang:?}: {text}"
            );
            assert_ne!(text, e.to_string(), "{lang:?} untranslated: {text}");
        }
    }
}
