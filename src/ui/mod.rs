//! Panels and dialogs. Panels read the state (`crate::state`) and push
//! [`crate::state::Command`]s; they never mutate the data behind the app's back. What a panel
//! owns is its drafts (text being typed) and, for the table, a cache of sorted rows.

pub mod analysis;
pub mod basemap;
pub mod csv_import;
pub mod export;
pub mod filters;
pub mod inspector;
pub mod layers;
pub mod map_image;
pub mod menu;
pub mod messages;
pub mod planner;
pub mod recovery;
pub mod save;
pub mod status_bar;
pub mod symbology;
pub mod table;
pub mod tools;

/// A number field that shows its value in the interface language (`1 234,5` in az and ru,
/// `1,234.5` in English) and reads what the user types with either decimal mark.
pub fn number_field(field: egui::DragValue<'_>) -> egui::DragValue<'_> {
    field
        .custom_formatter(|n, _| {
            let decimals = crate::i18n::format::shortest_decimals(n).min(3);
            crate::i18n::format::number(n, decimals, crate::i18n::lang())
        })
        .custom_parser(|text| parse_typed_number(text, crate::i18n::lang()))
}

/// A number as typed in `lang`: spaces (plain or no-break) group thousands; in English a
/// comma groups thousands too, in az and ru it is the decimal mark (a point, typed out of
/// habit, is read as one as well).
fn parse_typed_number(text: &str, lang: crate::i18n::Lang) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let normalised = match lang {
        crate::i18n::Lang::En => compact.replace(',', ""),
        crate::i18n::Lang::Az | crate::i18n::Lang::Ru => compact.replace(',', "."),
    };
    normalised.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_typed_number;
    use crate::i18n::Lang;

    #[test]
    fn numbers_are_read_with_the_decimal_mark_and_grouping_of_the_language() {
        assert_eq!(parse_typed_number("12,5", Lang::Az), Some(12.5));
        assert_eq!(parse_typed_number("12.5", Lang::Ru), Some(12.5));
        assert_eq!(parse_typed_number("1\u{a0}234,5", Lang::Ru), Some(1234.5));
        assert_eq!(parse_typed_number("1 234,5", Lang::Az), Some(1234.5));
        assert_eq!(parse_typed_number("1,234.5", Lang::En), Some(1234.5));
        assert_eq!(parse_typed_number("1,234", Lang::En), Some(1234.0));
        assert_eq!(parse_typed_number(" 250 ", Lang::En), Some(250.0));
        assert_eq!(parse_typed_number("abc", Lang::Az), None);
    }
}
