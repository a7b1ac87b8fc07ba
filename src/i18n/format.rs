//! Display formatting of figures in the interface language: one number formatter for every
//! figure (grouping and decimal mark per language, rounded once), area and length helpers, and
//! dates. For the screen and the text report only: files minemap writes stay locale-free (ISO
//! dates, decimal point, no grouping).
//!
//! | language | number          | date         |
//! |----------|-----------------|--------------|
//! | en       | `1,234,567.8`   | `2026-12-01` (ISO 8601: unambiguous for international partners) |
//! | az, ru   | `1 234 567,8`   | `01.12.2026` |
//!
//! The az/ru thousands separator is U+00A0 NO-BREAK SPACE (CLDR's choice for Russian): a
//! figure never breaks across lines, and egui's monospace font has the glyph.

use super::Lang;

/// The thousands separator of `lang`.
#[must_use]
pub fn group_separator(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::Az | Lang::Ru => '\u{a0}',
    }
}

/// The decimal mark of `lang`.
#[must_use]
pub fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        Lang::Az | Lang::Ru => ',',
    }
}

/// How many decimals `value` was written with (its shortest round-trip form), at most 6:
/// `3` → 0, `2.5` → 1.
#[must_use]
pub fn shortest_decimals(value: f64) -> usize {
    if !value.is_finite() {
        return 0;
    }
    let text = value.abs().to_string();
    text.split_once('.')
        .map_or(0, |(_, frac)| frac.len().min(6))
}

/// `value` with `decimals` decimals, grouped by thousands, in `lang`'s conventions.
///
/// Rounded once, half away from zero, on the shortest decimal form of the value (what a user
/// would type): `0.995` with 2 decimals is `1.00` and `1.999` is `2.00`, never `1.99`. A
/// value that rounds to zero has no minus sign. NaN is `—` (no value), infinities `∞`/`-∞`.
#[must_use]
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if value.is_nan() {
        return "—".to_owned();
    }
    if value.is_infinite() {
        return if value < 0.0 { "-∞" } else { "∞" }.to_owned();
    }
    let (whole, frac) = round_half_away(value.abs(), decimals);
    let negative = value < 0.0 && (whole.bytes().chain(frac.bytes()).any(|b| b != b'0'));
    let sep = group_separator(lang);
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 * 2 + frac.len() + 2);
    if negative {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(decimal_mark(lang));
        out.push_str(&frac);
    }
    out
}

/// A whole number (rounded once), grouped by thousands.
#[must_use]
pub fn integer(value: f64, lang: Lang) -> String {
    number(value, 0, lang)
}

/// Splits `value` (finite, ≥ 0) into whole digits and exactly `decimals` fraction digits,
/// rounding half away from zero on its shortest decimal form.
fn round_half_away(value: f64, decimals: usize) -> (String, String) {
    // Rust prints f64 without an exponent and with the shortest digits that read back exactly.
    let text = value.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = whole.bytes().chain(frac.bytes().take(decimals)).collect();
    digits.extend(std::iter::repeat_n(
        b'0',
        decimals.saturating_sub(frac.len()),
    ));
    let round_up = frac.as_bytes().get(decimals).is_some_and(|&d| d >= b'5');
    if round_up {
        let mut carry = true;
        for d in digits.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            digits.insert(0, b'1');
        }
    }
    let split = digits.len() - decimals;
    let frac_digits = digits.split_off(split);
    // Only ASCII digits were pushed.
    let whole = String::from_utf8(digits).unwrap_or_default();
    let frac = String::from_utf8(frac_digits).unwrap_or_default();
    (
        if whole.is_empty() {
            "0".to_owned()
        } else {
            whole
        },
        frac,
    )
}

/// A count (of features, rows…) with the language's thousands grouping: `12 345`.
#[must_use]
pub fn count(n: usize, lang: Lang) -> String {
    #[allow(clippy::cast_precision_loss)] // counts of features stay far below 2^52
    integer(n as f64, lang)
}

/// The unit symbols of `lang` (Russian writes its own: м², га, км²).
#[must_use]
pub fn unit(unit: Unit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (Unit::M, Lang::Ru) => "м",
        (Unit::M, _) => "m",
        (Unit::Km, Lang::Ru) => "км",
        (Unit::Km, _) => "km",
        (Unit::M2, Lang::Ru) => "м²",
        (Unit::M2, _) => "m²",
        (Unit::Ha, Lang::Ru) => "га",
        (Unit::Ha, _) => "ha",
        (Unit::Km2, Lang::Ru) => "км²",
        (Unit::Km2, _) => "km²",
    }
}

/// A unit as the suffix of an entry field (`" м"`), in the interface language now.
#[must_use]
pub fn unit_suffix(u: Unit) -> String {
    format!(" {}", unit(u, super::lang()))
}

/// Units of length and area shown in the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    M,
    Km,
    M2,
    Ha,
    Km2,
}

/// `value` with `decimals` decimals and its unit, joined by a no-break space.
#[must_use]
pub fn with_unit(value: f64, decimals: usize, u: Unit, lang: Lang) -> String {
    format!("{}\u{a0}{}", number(value, decimals, lang), unit(u, lang))
}

/// An area in square metres, whole: `12 345 m²`.
#[must_use]
pub fn area_m2(m2: f64, lang: Lang) -> String {
    with_unit(m2, 0, Unit::M2, lang)
}

/// An area in hectares with 2 decimals: `1,23 ha` (from square metres).
#[must_use]
pub fn area_ha(m2: f64, lang: Lang) -> String {
    with_unit(m2 / 10_000.0, 2, Unit::Ha, lang)
}

/// An area in square kilometres with 3 decimals: `1,234 km²` (from square metres).
#[must_use]
pub fn area_km2(m2: f64, lang: Lang) -> String {
    with_unit(m2 / 1e6, 3, Unit::Km2, lang)
}

/// An area in the unit that suits its size: m² below 1 ha, ha below 100 ha (1 km²), else km².
/// Decided on the rounded value, so 9 999.6 m² reads `1,00 ha`, not `10 000 m²`.
#[must_use]
pub fn area(m2: f64, lang: Lang) -> String {
    let a = m2.abs();
    if !a.is_finite() || a.round() < 10_000.0 {
        area_m2(m2, lang)
    } else if (a / 10_000.0 * 100.0).round() < 10_000.0 {
        area_ha(m2, lang)
    } else {
        area_km2(m2, lang)
    }
}

/// A length or distance in metres: whole metres below 10 km, else km with 2 decimals.
#[must_use]
pub fn length(m: f64, lang: Lang) -> String {
    if !m.is_finite() || m.abs().round() < 10_000.0 {
        with_unit(m, 0, Unit::M, lang)
    } else {
        with_unit(m / 1000.0, 2, Unit::Km, lang)
    }
}

/// An ISO date (`2026-12-01`, or the date part of `2026-12-01T10:00:00Z`, the time kept as
/// written) in `lang`'s convention: en ISO `2026-12-01`, az/ru `01.12.2026`. Text that is not
/// an ISO date is data and comes back unchanged.
#[must_use]
pub fn date(iso: &str, lang: Lang) -> String {
    let Some((y, m, d, rest)) = split_iso_date(iso.trim()) else {
        return iso.to_owned();
    };
    let day = match lang {
        Lang::En => format!("{y}-{m}-{d}"),
        Lang::Az | Lang::Ru => format!("{d}.{m}.{y}"),
    };
    let rest = rest.trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        day
    } else {
        format!("{day} {rest}")
    }
}

fn split_iso_date(s: &str) -> Option<(&str, &str, &str, &str)> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    if b.get(10).is_some_and(|&c| c != b'T' && c != b' ') {
        return None;
    }
    let (m, d) = (&s[5..7], &s[8..10]);
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| (&s[0..4], m, d, &s[10..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: char = '\u{a0}';

    fn all(value: f64, decimals: usize) -> [String; 3] {
        [Lang::En, Lang::Az, Lang::Ru].map(|l| number(value, decimals, l))
    }

    #[test]
    fn thousands_are_grouped_with_comma_in_english_and_no_break_space_in_az_and_ru() {
        assert_eq!(
            all(1_234_567.8, 1),
            [
                "1,234,567.8".to_owned(),
                format!("1{NB}234{NB}567,8"),
                format!("1{NB}234{NB}567,8")
            ]
        );
        assert_eq!(all(999.0, 0), ["999", "999", "999"].map(str::to_owned));
        assert_eq!(number(1000.0, 0, Lang::En), "1,000");
        assert_eq!(number(100_000.0, 0, Lang::Ru), format!("100{NB}000"));
    }

    #[test]
    fn fraction_carries_into_the_whole_part_when_rounding() {
        // The old group_thousands_dec printed 1.999 ha as "1.99".
        assert_eq!(
            all(1.999, 2),
            ["2.00".to_owned(), "2,00".to_owned(), "2,00".to_owned()]
        );
        assert_eq!(all(0.995, 2), ["1.00", "1,00", "1,00"].map(str::to_owned));
        assert_eq!(
            all(999_999.995, 2),
            [
                "1,000,000.00".to_owned(),
                format!("1{NB}000{NB}000,00"),
                format!("1{NB}000{NB}000,00")
            ]
        );
        assert_eq!(number(999.5, 0, Lang::En), "1,000");
        assert_eq!(number(0.994, 2, Lang::En), "0.99");
        assert_eq!(number(2.5, 0, Lang::Az), "3");
    }

    #[test]
    fn negatives_keep_their_sign_unless_they_round_to_zero() {
        assert_eq!(
            all(-1_234.5, 1),
            [
                "-1,234.5".to_owned(),
                format!("-1{NB}234,5"),
                format!("-1{NB}234,5")
            ]
        );
        assert_eq!(
            all(-0.995, 2),
            ["-1.00", "-1,00", "-1,00"].map(str::to_owned)
        );
        assert_eq!(all(-0.004, 2), ["0.00", "0,00", "0,00"].map(str::to_owned));
        assert_eq!(number(-0.0, 0, Lang::En), "0");
        assert_eq!(number(-2.5, 0, Lang::En), "-3");
    }

    #[test]
    fn zero_nan_and_infinities_have_a_readable_form() {
        assert_eq!(all(0.0, 2), ["0.00", "0,00", "0,00"].map(str::to_owned));
        assert_eq!(all(0.0, 0), ["0", "0", "0"].map(str::to_owned));
        assert_eq!(all(f64::NAN, 2), ["—", "—", "—"].map(str::to_owned));
        assert_eq!(all(f64::INFINITY, 1), ["∞", "∞", "∞"].map(str::to_owned));
        assert_eq!(
            all(f64::NEG_INFINITY, 0),
            ["-∞", "-∞", "-∞"].map(str::to_owned)
        );
    }

    #[test]
    fn huge_and_tiny_values_are_printed_without_exponent() {
        assert_eq!(number(1e21, 0, Lang::En), "1,000,000,000,000,000,000,000");
        assert_eq!(number(1e-9, 3, Lang::Ru), "0,000");
        assert_eq!(number(0.000_5, 3, Lang::En), "0.001");
    }

    #[test]
    fn shortest_decimals_counts_the_digits_a_value_was_written_with() {
        assert_eq!(shortest_decimals(3.0), 0);
        assert_eq!(shortest_decimals(2.5), 1);
        assert_eq!(shortest_decimals(-0.125), 3);
        assert_eq!(shortest_decimals(1.0 / 3.0), 6);
        assert_eq!(shortest_decimals(f64::NAN), 0);
    }

    #[test]
    fn areas_use_hectares_and_square_kilometres_with_language_units() {
        assert_eq!(area_ha(19_990.0, Lang::En), format!("2.00{NB}ha"));
        assert_eq!(area_ha(12_345.0, Lang::Az), format!("1,23{NB}ha"));
        assert_eq!(area_ha(12_345.0, Lang::Ru), format!("1,23{NB}га"));
        assert_eq!(area_m2(1_234.4, Lang::Ru), format!("1{NB}234{NB}м²"));
        assert_eq!(area_km2(1_234_567.0, Lang::En), format!("1.235{NB}km²"));
        assert_eq!(area(9_999.4, Lang::En), format!("9,999{NB}m²"));
        assert_eq!(area(9_999.6, Lang::En), format!("1.00{NB}ha"));
        assert_eq!(area(999_999.0, Lang::En), format!("1.000{NB}km²"));
        assert_eq!(area(500_000.0, Lang::Ru), format!("50,00{NB}га"));
        assert_eq!(area(f64::NAN, Lang::En), format!("—{NB}m²"));
        assert_eq!(length(8_500.4, Lang::Az), format!("8{NB}500{NB}m"));
        assert_eq!(length(12_345.0, Lang::Ru), format!("12,35{NB}км"));
    }

    #[test]
    fn every_unit_has_its_symbol_in_every_language() {
        // Azerbaijani writes SI symbols in Latin letters like English; Russian its own.
        let table = [
            (Unit::M, ["m", "m", "м"]),
            (Unit::Km, ["km", "km", "км"]),
            (Unit::M2, ["m²", "m²", "м²"]),
            (Unit::Ha, ["ha", "ha", "га"]),
            (Unit::Km2, ["km²", "km²", "км²"]),
        ];
        for (u, symbols) in table {
            for (lang, symbol) in [Lang::En, Lang::Az, Lang::Ru].into_iter().zip(symbols) {
                assert_eq!(unit(u, lang), symbol, "{u:?} in {lang:?}");
            }
        }
        assert_eq!(area_km2(2_500_000.0, Lang::Az), format!("2,500{NB}km²"));
        assert_eq!(area_km2(2_500_000.0, Lang::Ru), format!("2,500{NB}км²"));
        assert_eq!(length(12_345.0, Lang::En), format!("12.35{NB}km"));
        assert_eq!(length(12_345.0, Lang::Az), format!("12,35{NB}km"));
        assert_eq!(with_unit(75.0, 0, Unit::M, Lang::En), format!("75{NB}m"));
        assert_eq!(
            area_ha(1_234_567_890.0, Lang::Az),
            format!("123{NB}456,79{NB}ha")
        );
    }

    #[test]
    fn counts_are_grouped_like_the_other_figures() {
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(1_234_567, Lang::Az), format!("1{NB}234{NB}567"));
        assert_eq!(count(0, Lang::Ru), "0");
    }

    #[test]
    fn dates_are_iso_in_english_and_day_month_year_in_az_and_ru() {
        assert_eq!(date("2026-12-01", Lang::En), "2026-12-01");
        assert_eq!(date("2026-12-01", Lang::Az), "01.12.2026");
        assert_eq!(date("2026-12-01", Lang::Ru), "01.12.2026");
        assert_eq!(
            date("2026-12-01T10:30:00Z", Lang::Ru),
            "01.12.2026 10:30:00Z"
        );
        assert_eq!(date(" 2024-02-29 ", Lang::Az), "29.02.2024");
    }

    #[test]
    fn text_that_is_not_an_iso_date_is_left_as_written() {
        for s in [
            "01/12/2026",
            "2026-13-01",
            "2026-12-00",
            "20261201",
            "spring 2020",
            "",
            "2026-12-015",
        ] {
            assert_eq!(date(s, Lang::Ru), s, "{s}");
        }
    }
}
