#![allow(clippy::unwrap_used, clippy::expect_used)]

use geo::{Geometry, point, polygon};
use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::model::{FeatureId, Properties};

fn feature(props: Value) -> Feature {
    let Value::Object(map) = props else {
        panic!("properties must be an object")
    };
    Feature {
        properties: Properties::from(map),
        ..Feature::default()
    }
}

fn filter(text: &str) -> Filter {
    Filter::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Which of `features` match `text`, by index.
fn kept(text: &str, features: &[Feature]) -> Vec<usize> {
    let f = filter(text);
    (0..features.len())
        .filter(|&i| f.matches(&features[i], None))
        .collect()
}

fn matches(text: &str, props: Value) -> bool {
    filter(text).matches(&feature(props), None)
}

fn error(text: &str) -> FilterError {
    match Filter::parse(text) {
        Ok(_) => panic!("{text} parsed"),
        Err(e) => e,
    }
}

/// Features whose `v` is of every JSON type, and one without `v`.
fn mixed() -> Vec<Feature> {
    [
        json!({"v": 12}),          // 0
        json!({"v": 12.5}),        // 1
        json!({"v": "12"}),        // 2
        json!({"v": "open"}),      // 3
        json!({"v": true}),        // 4
        json!({"v": null}),        // 5
        json!({}),                 // 6
        json!({"v": [1, "open"]}), // 7
        json!({"v": {"open": 1}}), // 8
        json!({"v": "Open"}),      // 9
    ]
    .into_iter()
    .map(feature)
    .collect()
}

#[test]
fn numbers_compare_as_numbers_whatever_their_json_form() {
    assert!(matches("v = 12", json!({"v": 12.0})));
    assert!(matches("v = 1.2e1", json!({"v": 12})));
    assert!(matches("v > 9", json!({"v": 12})), "not compared as text");
    assert_eq!(kept("v < 13", &mixed()), [0, 1, 7]);
    assert_eq!(kept("v >= 12.5", &mixed()), [1]);
    assert_eq!(kept("v <= 12", &mixed()), [0, 7]);
}

#[test]
fn a_value_of_another_type_does_not_match_even_under_not() {
    let features = mixed();
    assert_eq!(kept("v = 12", &features), [0]);
    assert_eq!(kept("v = '12'", &features), [2]);
    // Unknown (wrong type, null, missing, object) stays unmatched under NOT.
    assert_eq!(kept("NOT v = 12", &features), [1, 7]);
    assert_eq!(
        kept("v <> 12", &features),
        [1, 7],
        "no element of 7 equals 12"
    );
    assert_eq!(kept("v = TRUE", &features), [4]);
    assert_eq!(kept("v > TRUE", &features), Vec::<usize>::new());
}

#[test]
fn strings_compare_case_sensitively_unless_casei() {
    let features = mixed();
    assert_eq!(kept("v = 'open'", &features), [3, 7]);
    assert_eq!(kept("CASEI(v) = CASEI('OPEN')", &features), [3, 7, 9]);
    assert_eq!(kept("v > 'Open'", &features), [3, 7], "by code point");
}

#[test]
fn a_missing_property_is_null() {
    let features = mixed();
    assert_eq!(kept("v IS NULL", &features), [5, 6]);
    assert_eq!(kept("v IS NOT NULL", &features), [0, 1, 2, 3, 4, 7, 8, 9]);
    assert_eq!(kept("nothing IS NULL", &features).len(), features.len());
    assert!(kept("nothing = 1 OR nothing <> 1", &features).is_empty());
    assert!(kept("NOT nothing = 1", &features).is_empty());
}

#[test]
fn an_array_matches_when_any_element_does() {
    let features: Vec<Feature> = [
        json!({"c": ["ap_mine", "uxo"]}),
        json!({"c": ["at_mine"]}),
        json!({"c": []}),
        json!({"c": "ap_mine"}),
        json!({}),
    ]
    .into_iter()
    .map(feature)
    .collect();
    assert_eq!(kept("c = 'ap_mine'", &features), [0, 3]);
    assert_eq!(kept("c IN ('ap_mine', 'at_mine')", &features), [0, 1, 3]);
    assert_eq!(
        kept("c <> 'ap_mine'", &features),
        [1, 2],
        "no element equals"
    );
    assert_eq!(kept("c NOT IN ('ap_mine')", &features), [1, 2]);
    assert_eq!(kept("c LIKE '%mine'", &features), [0, 1, 3]);
    assert_eq!(
        kept("c = ('ap_mine', 'uxo')", &features),
        [0, 3],
        "array = array; a single value = array is any-element"
    );
}

#[test]
fn in_between_and_their_negations() {
    let features = mixed();
    assert_eq!(kept("v IN (12, 'open')", &features), [0, 3, 7]);
    assert_eq!(kept("v NOT IN (12, 'open')", &features), [1, 2, 9]);
    assert_eq!(kept("v BETWEEN 12 AND 12.5", &features), [0, 1]);
    assert_eq!(
        kept("v BETWEEN 0 AND 5", &features),
        [7],
        "an element is between"
    );
    assert_eq!(kept("v NOT BETWEEN 12.1 AND 20", &features), [0, 7]);
    assert_eq!(kept("v BETWEEN 'a' AND 'z'", &features), [3, 7]);
}

#[test]
fn like_treats_only_percent_and_underscore_as_wildcards() {
    assert!(matches(
        "n LIKE 'Lachin%'",
        json!({"n": "Lachin school approach 7"})
    ));
    assert!(matches(
        "n LIKE '%school%'",
        json!({"n": "Lachin school approach 7"})
    ));
    assert!(!matches("n LIKE 'school%'", json!({"n": "Lachin school"})));
    assert!(matches("n LIKE 'HA-0000_'", json!({"n": "HA-00007"})));
    assert!(!matches("n LIKE 'HA-0000_'", json!({"n": "HA-000071"})));
    // Regex characters are literal.
    assert!(matches(
        "n LIKE 'a.b*c+(d)[e]$^|?'",
        json!({"n": "a.b*c+(d)[e]$^|?"})
    ));
    assert!(!matches("n LIKE 'a.c'", json!({"n": "abc"})));
    assert!(!matches("n LIKE '.*'", json!({"n": "anything"})));
    // Backslash escapes the wildcards.
    assert!(matches(r"n LIKE '100\%'", json!({"n": "100%"})));
    assert!(!matches(r"n LIKE '100\%'", json!({"n": "1000"})));
    assert!(matches("n LIKE '%'", json!({"n": ""})));
    assert!(!matches("n LIKE '_'", json!({"n": ""})));
    assert!(matches("n NOT LIKE 'x%'", json!({"n": "abc"})));
    assert!(!matches("n LIKE '%'", json!({"n": 5})), "not a string");
    assert!(
        !matches("n NOT LIKE 'x%'", json!({"n": 5})),
        "unknown under NOT"
    );
    assert!(
        matches("n LIKE '%a%b%c'", json!({"n": "xaxbxaxbc"})),
        "backtracks"
    );
}

#[test]
fn casei_and_accenti_fold_unicode_text() {
    let props = json!({"r": "Füzuli", "a": "Ərazi Şuşa"});
    assert!(matches("CASEI(r) = CASEI('FÜZULI')", props.clone()));
    assert!(matches("ACCENTI(r) = ACCENTI('Fuzuli')", props.clone()));
    assert!(!matches("r = 'Fuzuli'", props.clone()));
    assert!(matches("CASEI(a) LIKE CASEI('ərazi%')", props.clone()));
    assert!(matches("ACCENTI(CASEI(a)) LIKE '%susa'", props.clone()));
    assert!(!matches("a LIKE '%susa'", props));
}

#[test]
fn unicode_property_names_and_values() {
    let props = json!({"Ərazi adı": "Ağdam", "status": "açıq", "with \"quote\"": 1});
    assert!(matches(r#""Ərazi adı" = 'Ağdam'"#, props.clone()));
    assert!(matches("Ərazi = 'x' OR status = 'açıq'", props.clone()));
    assert!(matches(r#""with ""quote""" = 1"#, props.clone()));
    assert_eq!(
        filter(r#""Ərazi adı" = 'Ağdam' AND status <> 'x'"#).properties(),
        ["Ərazi adı", "status"]
    );
}

#[test]
fn a_qgis_users_expression_works() {
    let text = r#""status" = 'open' AND "classification" IN ('cha','sha')"#;
    let features: Vec<Feature> = [
        json!({"status": "open", "classification": "cha"}),
        json!({"status": "open", "classification": "indication"}),
        json!({"status": "closed", "classification": "sha"}),
        json!({"status": "open", "classification": "sha"}),
        json!({"classification": "sha"}),
    ]
    .into_iter()
    .map(feature)
    .collect();
    assert_eq!(kept(text, &features), [0, 3]);
}

#[test]
fn booleans_are_values_and_conditions() {
    assert!(matches("m = TRUE", json!({"m": true})));
    assert!(matches("m", json!({"m": true})));
    assert!(!matches("m", json!({"m": "true"})));
    assert!(matches("NOT m", json!({"m": false})));
    assert!(matches("TRUE", json!({})));
    assert!(!matches("FALSE OR NOT TRUE", json!({})));
    assert!(
        matches("m <> false", json!({"m": true})),
        "keywords in any case"
    );
}

#[test]
fn dates_compare_with_iso_strings_as_geojson_holds_them() {
    let features: Vec<Feature> = [
        json!({"d": "2021-12-31"}),
        json!({"d": "2022-01-01"}),
        json!({"d": "2022-01-02"}),
        json!({"d": "2022-01-01T23:30:00Z"}),
        json!({"d": "2022-01-02T01:00:00+04:00"}), // 2022-01-01T21:00Z
        json!({"d": "not a date"}),
        json!({"d": 20220101}),
        json!({}),
    ]
    .into_iter()
    .map(feature)
    .collect();
    assert_eq!(kept("d > DATE('2022-01-01')", &features), [2]);
    assert_eq!(kept("d >= DATE('2022-01-01')", &features), [1, 2, 3, 4]);
    assert_eq!(
        kept("d = DATE('2022-01-01')", &features),
        [1, 3, 4],
        "by UTC day"
    );
    assert_eq!(
        kept(
            "d BETWEEN DATE('2021-06-01') AND DATE('2022-01-01')",
            &features
        ),
        [0, 1, 3, 4]
    );
    assert_eq!(
        kept("d > TIMESTAMP('2022-01-01T22:00:00Z')", &features),
        [2, 3]
    );
    assert_eq!(
        kept("d < TIMESTAMP('2022-01-01T22:00:00Z')", &features),
        [0, 4],
        "a date against an instant compares days"
    );
    assert!(kept("NOT d > DATE('2000-01-01')", &features).is_empty());
}

#[test]
fn array_functions_treat_arrays_as_sets() {
    let features: Vec<Feature> = [
        json!({"c": ["ap_mine", "uxo"]}),
        json!({"c": ["uxo"]}),
        json!({"c": "ap_mine"}),
        json!({"c": []}),
        json!({"c": null}),
        json!({}),
    ]
    .into_iter()
    .map(feature)
    .collect();
    assert_eq!(
        kept("A_CONTAINS(contamination, ('ap_mine'))", &features),
        Vec::<usize>::new()
    );
    assert_eq!(kept("A_CONTAINS(c, ('ap_mine'))", &features), [0, 2]);
    assert_eq!(kept("A_CONTAINS(c, ('uxo', 'ap_mine'))", &features), [0]);
    assert_eq!(kept("A_CONTAINEDBY(c, ('uxo', 'cmr'))", &features), [1, 3]);
    assert_eq!(kept("A_OVERLAPS(c, ('uxo', 'cmr'))", &features), [0, 1]);
    assert_eq!(kept("A_EQUALS(c, ('uxo', 'ap_mine'))", &features), [0]);
    assert_eq!(kept("A_EQUALS(c, ())", &features), [3]);
    assert_eq!(kept("NOT A_OVERLAPS(c, ('uxo'))", &features), [2, 3]);
    assert_eq!(
        kept("A_CONTAINS(CASEI(c), ('UXO'))", &features),
        Vec::<usize>::new()
    );
    assert_eq!(
        kept("A_CONTAINS(CASEI(c), CASEI(('UXO')))", &features),
        [0, 1]
    );
}

#[test]
fn spatial_predicates_test_the_feature_geometry() {
    let square = Feature {
        geometry: Some(Geometry::Polygon(polygon![
            (x: 47.0, y: 40.0), (x: 47.1, y: 40.0), (x: 47.1, y: 40.1), (x: 47.0, y: 40.1)
        ])),
        ..Feature::default()
    };
    let point = Feature {
        geometry: Some(Geometry::Point(point!(x: 46.5, y: 39.5))),
        ..Feature::default()
    };
    let nothing = Feature::default();
    let features = [square, point, nothing];
    let kept = |text: &str| {
        let f = filter(text);
        (0..3)
            .filter(|&i| f.matches(&features[i], None))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kept("S_INTERSECTS(geometry, BBOX(47.05, 40.05, 48, 41))"),
        [0]
    );
    assert_eq!(
        kept("S_INTERSECTS(geometry, BBOX(46, 39, 46.6, 39.6))"),
        [1]
    );
    assert_eq!(kept("S_INTERSECTS(BBOX(46, 39, 48, 41), geom)"), [0, 1]);
    assert_eq!(kept("S_INTERSECTS(geometry, POINT(47.05 40.05))"), [0]);
    assert_eq!(
        kept("S_INTERSECTS(geometry, POLYGON((46 39, 46.6 39, 46.6 39.6, 46 39.6, 46 39)))"),
        [1]
    );
    assert_eq!(
        kept("S_INTERSECTS(geometry, LINESTRING(46.9 40.05, 47.05 40.05))"),
        [0]
    );
    assert_eq!(kept("S_DISJOINT(geometry, POINT(47.05 40.05))"), [1]);
    assert_eq!(kept("S_WITHIN(geometry, BBOX(46, 39, 48, 41))"), [0, 1]);
    assert_eq!(kept("S_CONTAINS(geometry, POINT(47.05 40.05))"), [0]);
    assert_eq!(kept("NOT S_INTERSECTS(geometry, BBOX(0, 0, 1, 1))"), [0, 1]);
}

#[test]
fn nested_objects_compare_with_nothing_but_dotted_names_reach_inside() {
    let props = json!({"devices_found": {"ap_mine": 3, "uxo": 0}});
    assert!(!matches("devices_found = 3", props.clone()));
    assert!(!matches("devices_found IS NULL", props.clone()));
    assert!(matches("devices_found.ap_mine > 2", props.clone()));
    assert!(matches("devices_found.cmr IS NULL", props.clone()));
    assert!(matches(r#""devices_found.ap_mine" = 3"#, props.clone()));
    assert!(
        matches("a.b = 1", json!({"a.b": 1, "a": {"b": 2}})),
        "whole name first"
    );
}

#[test]
fn id_falls_back_to_the_geojson_feature_id() {
    let mut f = feature(json!({"name": "x"}));
    f.id = Some(FeatureId::String("HA-00001".into()));
    assert!(filter("id = 'HA-00001'").matches(&f, None));
    f.id = Some(FeatureId::Number(17.into()));
    assert!(filter("id = 17").matches(&f, None));
    let mut g = feature(json!({"id": "own"}));
    g.id = Some(FeatureId::String("other".into()));
    assert!(filter("id = 'own'").matches(&g, None));
    assert!(filter("id IS NULL").matches(&feature(json!({})), None));
}

#[test]
fn geodesic_measures_are_virtual_properties() {
    let f = feature(json!({"name": "x"}));
    let m = FeatureMeasures {
        area_m2: 2500.0,
        perimeter_m: 200.0,
        length_m: 0.0,
        centroid: None,
    };
    let big = filter("geodesic_area_m2 > 1000 AND geodesic_perimeter_m = 200");
    assert!(big.matches(&f, Some(&m)));
    assert!(!big.matches(&f, None), "no measures: null");
    let own = feature(json!({"geodesic_area_m2": 5}));
    assert!(
        filter("geodesic_area_m2 = 5").matches(&own, Some(&m)),
        "property wins"
    );
}

#[test]
fn arithmetic_works_on_numbers_and_never_fails() {
    let props = json!({"killed": 1, "injured": 2, "s": "x"});
    assert!(matches("killed + injured = 3", props.clone()));
    assert!(
        matches("killed * 2 + injured * 3 = 8", props.clone()),
        "precedence"
    );
    assert!(matches("-killed = -1", props.clone()));
    assert!(matches("injured / 2 = 1", props.clone()));
    assert!(matches("(killed + injured) * 2 = 6", props.clone()));
    assert!(!matches("killed / 0 < 0", props.clone()));
    assert!(!matches("s + 1 = 1", props.clone()));
    assert!(matches("killed - 3 < -1", props));
}

#[test]
fn and_binds_tighter_than_or_and_not_tighter_than_and() {
    let props = json!({"a": 1, "b": 0, "c": 0});
    assert!(matches("a = 1 OR b = 1 AND c = 1", props.clone()));
    assert!(!matches("(a = 1 OR b = 1) AND c = 1", props.clone()));
    assert!(matches("NOT b = 1 AND a = 1", props.clone()));
    assert!(!matches("NOT (b = 0 AND a = 1)", props));
}

#[test]
fn errors_say_where_and_what_was_expected() {
    let e = error(r#""status" = 'open' AND x = "#);
    assert_eq!(e.column(), 27);
    assert_eq!(
        e.to_string(),
        "column 27: expected a value after '=', found the end of the expression"
    );
    let e = error("status = 'open");
    assert_eq!(e.column(), 10);
    assert!(e.to_string().contains("no closing quote"), "{e}");
    let e = error("status = 'open' AND FOO(x) = 1");
    assert_eq!(e.column(), 21);
    assert!(e.to_string().contains("unknown function FOO"), "{e}");
    let e = error("(status = 'open'");
    assert_eq!(e.column(), 17);
    assert!(
        e.to_string()
            .contains("expected ')' to close the '(' at column 1"),
        "{e}"
    );
    let e = error("status = 'open' status");
    assert_eq!(e.column(), 17);
    assert!(e.to_string().contains("expected AND, OR or the end"), "{e}");
    assert_eq!(error("   ").column(), 1);
    assert_eq!(error("a IN 'x'").column(), 6);
    let e = error("d > DATE('2024-13-01')");
    assert_eq!(e.column(), 5);
    assert!(e.to_string().contains("not a date"), "{e}");
    assert_eq!(error("S_INTERSECTS(geometry, BBOX(1, 2, 3))").column(), 24);
    assert_eq!(error("a = 1 AND").column(), 10);
    assert_eq!(error("a BETWEEN 1 OR 2").column(), 13);
    assert_eq!(error("a IS 5").column(), 6);
    assert_eq!(error("a = 1)").column(), 6);
    assert_eq!(error("a ? 1").column(), 3);
    assert_eq!(error("a LIKE b").column(), 8);
    assert_eq!(error("a + 1").column(), 1);
    assert_eq!(
        error("Ərazi = 'ş' AND = 1").column(),
        17,
        "columns count characters"
    );
    assert!(matches!(
        error("S_INTERSECTS(geometry, POLYGON((1 2, 3)))"),
        FilterError::Invalid { column: 24, .. }
    ));
}

#[test]
fn an_unknown_property_is_not_an_error_but_is_listed() {
    let f = filter("no_such_thing = 1 OR status = 'open' OR no_such_thing > 2");
    assert_eq!(f.properties(), ["no_such_thing", "status"]);
    assert!(!f.matches(&feature(json!({"status": "closed"})), None));
    let s = filter("S_INTERSECTS(geometry, BBOX(0, 0, 1, 1)) AND a = 1");
    assert_eq!(s.properties(), ["a"], "the geometry is not a property");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // rayon's and std's default for spawned threads, and an unoptimised build: the limit
    // must hold on the smallest stack the filter runs on.
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let deep = format!("{}a = 1{}", "(".repeat(5000), ")".repeat(5000));
            let nots = format!("{}a = 1", "NOT ".repeat(5000));
            let negs = format!("a = {}1", "-".repeat(5000));
            let sums = format!("a = 1{}", " + 1".repeat(5000));
            let calls = format!("{}a{} = 'x'", "CASEI(".repeat(3000), ")".repeat(3000));
            [deep, nots, negs, sums, calls].map(|t| Filter::parse(&t).map(|_| ()))
        })
        .unwrap()
        .join()
        .unwrap();
    for r in result {
        assert!(matches!(r, Err(FilterError::TooDeep { .. })), "{r:?}");
    }
    let ok = format!("{}a = 1{}", "(".repeat(50), ")".repeat(50));
    assert!(matches(&ok, json!({"a": 1})));
}

#[test]
fn a_long_flat_expression_parses_and_evaluates() {
    let clauses: Vec<String> = (0..800).map(|i| format!("p{i} = {i}")).collect();
    let text = clauses.join(" OR ");
    assert!(text.len() > 10_000);
    let f = filter(&text);
    assert!(f.matches(&feature(json!({"p799": 799})), None));
    assert!(!f.matches(&feature(json!({"p799": 1})), None));
    assert_eq!(f.properties().len(), 800);
}

#[test]
fn evaluate_layer_flags_every_feature_in_order() {
    let features: Vec<Feature> = (0..10_000)
        .map(|i| feature(json!({"n": i, "even": i % 2 == 0})))
        .collect();
    let layer = Layer::new("t".into(), None, features);
    let f = filter("even AND n < 5000");
    let flags = evaluate_layer(&f, &layer, None);
    assert_eq!(flags.len(), 10_000);
    for (i, flag) in flags.iter().enumerate() {
        assert_eq!(*flag, i % 2 == 0 && i < 5000, "feature {i}");
    }
}

#[test]
fn quoted_names_and_literals_parse_back_to_what_they_quote() {
    assert_eq!(quote_property("status"), "\"status\"");
    assert_eq!(quote_property("a \"b\""), "\"a \"\"b\"\"\"");
    assert_eq!(quote_literal(&PropertyValue::from("it's")), "'it''s'");
    assert_eq!(quote_literal(&PropertyValue::from(12.5)), "12.5");
    assert_eq!(quote_literal(&PropertyValue::Bool(true)), "TRUE");
    assert_eq!(quote_literal(&PropertyValue::Null), "NULL");
    let values = [
        json!("it's"),
        json!("Ərazi 'adı' \"x\" %_\\"),
        json!(-3),
        json!(1e-7),
        json!(123_456_789_012_i64),
        json!(false),
        json!(["a", "b'c"]),
    ];
    for v in values {
        let pv = PropertyValue::from(v.clone());
        let text = format!("{} = {}", quote_property("nä me \""), quote_literal(&pv));
        assert!(
            matches(&text, json!({ "nä me \"": v })),
            "{text} does not match its own value"
        );
    }
}

// -----------------------------------------------------------------------------------------
// Properties that must hold for any input.

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        "[a-zA-Z0-9 %_'\"\\\\.ƏəüÜ-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2022-01-01"),
            Just("2024-05-05T10:00:00Z"),
            Just("2024-02-30"),
            Just("9999-99-99T99:99")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-c]", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const EXPRESSIONS: [&str; 14] = [
    "a = 1",
    "a <> 'x' OR NOT b > DATE('2022-01-01')",
    "a IN (1, 'x', TRUE, NULL) AND b NOT IN ('y')",
    "a BETWEEN -1 AND 'z'",
    "CASEI(a) LIKE '%x_%' OR ACCENTI(b) NOT LIKE CASEI('Ə%')",
    "a IS NULL OR b IS NOT NULL",
    "A_CONTAINS(a, ('x')) OR A_OVERLAPS(b, a) OR A_EQUALS(a, b) OR A_CONTAINEDBY(b, (1, 2))",
    "a + b * 2 / c - -a > 0",
    "a",
    "a.b.c = 1",
    "b < TIMESTAMP('2024-05-05T10:00:00Z')",
    "S_INTERSECTS(geometry, BBOX(0, 0, 1, 1))",
    "id = 1 OR geodesic_area_m2 > 0",
    "a = b AND a <> c AND a < b AND a >= c",
];

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = Filter::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_cql_like_text(
        text in r#"[a-c "'()=<>!,.%_0-9\-+*/]{0,20}|((AND|OR|NOT|IN|LIKE|IS|NULL|BETWEEN|CASEI|DATE|A_CONTAINS|S_INTERSECTS|BBOX|POINT|TRUE|[a-c]|'x'|"y"|1|\(|\)|,|=|<>|-) ){0,16}"#
    ) {
        if let Err(e) = Filter::parse(&text) {
            prop_assert!(e.column() >= 1 && e.column() <= text.chars().count() + 1, "{e}");
        }
    }

    #[test]
    fn evaluation_never_panics_on_any_property_values(
        a in arb_value(), b in arb_value(), c in arb_value()
    ) {
        let f = feature(json!({"a": a, "b": b, "c": c}));
        for text in EXPRESSIONS {
            let _ = filter(text).matches(&f, None);
        }
    }

    #[test]
    fn a_quoted_value_matches_itself(v in arb_value(), name in "[^\u{0}]{1,8}") {
        // Objects have no CQL2 literal and NaN-like values do not exist in JSON.
        prop_assume!(!matches!(v, Value::Object(_) | Value::Null));
        prop_assume!(match &v { Value::Array(items) => items.iter().all(|i| !i.is_object() && !i.is_array() && !i.is_null()), _ => true });
        let pv = PropertyValue::from(v.clone());
        let text = format!("{} = {}", quote_property(&name), quote_literal(&pv));
        let mut props = serde_json::Map::new();
        props.insert(name, v);
        prop_assert!(filter(&text).matches(&feature(Value::Object(props)), None), "{}", text);
    }
}
