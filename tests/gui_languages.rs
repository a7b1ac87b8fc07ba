//! The interface switches language through View → Language without a restart (issue 12):
//! menus, the statistics panel, the legend's coded values and the attribute table's computed
//! columns read in Azerbaijani, then Russian, then English again. Its own test binary, because
//! the interface language is global to the process (so one test, not several in parallel).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{app_on_sample_data, hazard_layer};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minemap::app::MinemapApp;
use minemap::i18n::{Lang, lang, tr};

/// Opens the View menu (named in whatever language the interface speaks now) and clicks the
/// language whose own name is `native`.
fn choose_language(harness: &mut Harness<'_, MinemapApp>, native: &str) {
    harness.get_by_label(tr("menu-view")).click();
    harness.run_steps(3);
    harness.get_by_label(native).click();
    harness.run_steps(4);
}

/// True when some widget is labelled exactly `text`.
fn shown(harness: &Harness<'_, MinemapApp>, text: &str) -> bool {
    harness.query_all_by_label(text).next().is_some()
}

/// Shows the hazard-area layer in the attribute table (its tab is named after the file) and the
/// statistics tab on the right.
fn show_hazards_in_table_and_statistics(harness: &mut Harness<'_, MinemapApp>) {
    let name = hazard_layer(&harness.state().workspace).name.clone();
    harness.get_by_label_contains(&format!("{name} (")).click();
    harness.run_steps(2);
    // The tab and the panel's heading share the word: the tab comes first.
    harness
        .query_all_by_label(tr("tab-statistics"))
        .next()
        .expect("a statistics tab")
        .click();
    harness.run_steps(4);
}

/// What one language must show: menu titles, a statistics header, the legend row of
/// confirmed hazard areas and the table's geodesic-area column.
struct Expected<'a> {
    lang: Lang,
    native: &'a str,
    menus: [&'a str; 3],
    statistics_header: &'a str,
    legend_cha: &'a str,
    area_column: &'a str,
}

fn check(harness: &mut Harness<'_, MinemapApp>, e: &Expected<'_>) {
    choose_language(harness, e.native);
    assert_eq!(
        lang(),
        e.lang,
        "the View menu did not switch to {}",
        e.native
    );
    for menu in e.menus {
        assert!(shown(harness, menu), "{:?}: no menu {menu:?}", e.lang);
    }
    show_hazards_in_table_and_statistics(harness);
    for (what, text) in [
        ("statistics header", e.statistics_header),
        ("legend entry", e.legend_cha),
        ("table header", e.area_column),
    ] {
        if !shown(harness, text) {
            // Out of view in a scrolled panel: bring it in before deciding.
            if let Some(node) = harness.query_all_by_label(text).next() {
                node.scroll_to_me();
            }
            harness.run_steps(4);
        }
        assert!(shown(harness, text), "{:?}: no {what} {text:?}", e.lang);
    }
}

#[test]
fn view_language_switches_menus_statistics_legend_and_table_to_az_ru_and_back_to_en() {
    let mut harness = app_on_sample_data();
    let az = Expected {
        lang: Lang::Az,
        native: "Azərbaycanca",
        menus: ["Fayl", "Redaktə", "Görünüş"],
        statistics_header: "Sahə (cəm)",
        legend_cha: "Təsdiqlənmiş təhlükəli ərazi (CHA)",
        area_column: "sahə (m², geodeziya)",
    };
    check(&mut harness, &az);
    // English is gone from the menu bar and the legend.
    assert!(!shown(&harness, "File") && !shown(&harness, "CHA (confirmed)"));
    // The hazard layer's statistics use the Azerbaijani decimal comma and unit.
    let hazards = hazard_layer(&harness.state().workspace).id;
    let area_m2 = harness.state().analysis.stats[&hazards].totals.all.area_m2;
    let hectares = minemap::i18n::format::area_ha(area_m2, Lang::Az);
    assert!(
        hectares.contains(',') && hectares.ends_with("\u{a0}ha"),
        "{hectares}"
    );
    assert!(
        shown(&harness, &hectares),
        "no {hectares} in the statistics"
    );

    let ru = Expected {
        lang: Lang::Ru,
        native: "Русский",
        menus: ["Файл", "Правка", "Вид"],
        statistics_header: "Площадь (сумма)",
        legend_cha: "Подтверждённый опасный район (CHA)",
        area_column: "площадь (м², геодез.)",
    };
    check(&mut harness, &ru);
    assert!(!shown(&harness, "Fayl") && !shown(&harness, "Təsdiqlənmiş təhlükəli ərazi (CHA)"));
    let hectares = minemap::i18n::format::area_ha(area_m2, Lang::Ru);
    assert!(hectares.ends_with("\u{a0}га"), "{hectares}");
    assert!(
        shown(&harness, &hectares),
        "no {hectares} in the statistics"
    );

    let en = Expected {
        lang: Lang::En,
        native: "English",
        menus: ["File", "Edit", "View"],
        statistics_header: "Area (sum)",
        legend_cha: "CHA (confirmed)",
        area_column: "area (m², geodesic)",
    };
    check(&mut harness, &en);
    assert!(!shown(&harness, "Файл"));
}
