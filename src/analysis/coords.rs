//! Coordinate formats people read and type: decimal degrees, DMS, UTM and MGRS.
//!
//! minemap stores WGS84 longitude/latitude everywhere; field teams read positions off a GPS or a
//! sketch map as degrees-minutes-seconds, UTM (Azerbaijan lies in zones 38N and 39N) or MGRS, and
//! type them back the same way. [`CoordFormat::format`] turns a point into that text and
//! [`parse_coordinate`] reads what a user typed. The UTM/UPS and MGRS arithmetic is `GeographicLib`'s,
//! through its Rust port `geoconvert`; the reading of human input is ours.
//!
//! Conventions a user sees:
//! - Degrees are written and read **latitude first** (`40.123456, 47.123456`), as people say them;
//!   hemisphere letters (`47.5E 40.1N`) override that order.
//! - A comma separates latitude from longitude; it is never a decimal separator.
//! - UTM is `38T 612345 4456789` (zone, latitude band, easting, northing in whole metres, rounded).
//!   Outside UTM's −80°..84° the polar (UPS) form is written `Z 2123456 1987654`, the letter being
//!   the MGRS polar band (A/B south, Y/Z north, west/east of the 0°/180° meridian).
//! - MGRS is `38TNK1234556789` at 1 m (digits truncated, as MGRS requires); a parsed MGRS reference
//!   stands for the **centre** of its square, so `38TNK123567` (100 m) lands 50 m in from the
//!   square's south-west corner.

use geoconvert::{LatLon, Mgrs, UtmUps};

/// The ways a position can be shown to and typed by a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CoordFormat {
    /// Decimal degrees, latitude first: `40.123456, 47.123456`.
    Decimal,
    /// Degrees, minutes and seconds: `40°07'24.4"N 47°07'24.4"E`.
    Dms,
    /// UTM zone, band, easting and northing: `38T 612345 4456789` (UPS near the poles).
    Utm,
    /// Military Grid Reference System at 1 m: `38TNK1234556789`.
    Mgrs,
}

impl CoordFormat {
    /// Every format, in the order a format picker shows them.
    pub const ALL: [Self; 4] = [Self::Decimal, Self::Dms, Self::Utm, Self::Mgrs];

    /// Short name for a format picker: "DD", "DMS", "UTM" or "MGRS".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Decimal => "DD",
            Self::Dms => "DMS",
            Self::Utm => "UTM",
            Self::Mgrs => "MGRS",
        }
    }

    /// Writes a WGS84 point (degrees) in this format. Decimal and DMS put latitude first.
    ///
    /// Never panics: a non-finite point or a latitude outside −90..90 comes back as
    /// `invalid position (lon …, lat …)` so a status bar can still show something.
    #[must_use]
    pub fn format(self, lon: f64, lat: f64) -> String {
        let Some(point) = checked_point(lon, lat) else {
            return format!("invalid position (lon {lon}, lat {lat})");
        };
        match self {
            Self::Decimal => format!("{lat:.6}, {lon:.6}"),
            Self::Dms => format!("{} {}", dms(lat, 'N', 'S'), dms(lon, 'E', 'W')),
            Self::Utm => format_utm(&point.to_utmups(), lat),
            Self::Mgrs => format_mgrs_compact(&point),
        }
    }
}

/// MGRS at 1 m with the customary spaces: `38T NK 12345 56789`.
#[must_use]
pub fn format_mgrs_spaced(lon: f64, lat: f64) -> String {
    match checked_point(lon, lat) {
        Some(point) => space_mgrs(&format_mgrs_compact(&point)),
        None => format!("invalid position (lon {lon}, lat {lat})"),
    }
}

/// What could not be understood in a typed coordinate. Every message quotes the input.
#[derive(Debug, thiserror::Error)]
pub enum CoordError {
    #[error("no coordinate entered")]
    Empty,
    #[error(
        "could not read \"{input}\" as a coordinate ({reason}); type decimal degrees \
         (40.1, 47.5), DMS (40°07'24\"N 47°07'24\"E), UTM (38T 612345 4456789) or MGRS \
         (38TNK1234556789)"
    )]
    Unrecognised { input: String, reason: String },
    #[error("latitude {latitude} in \"{input}\" is outside −90..90 (latitude comes first)")]
    LatitudeOutOfRange { input: String, latitude: f64 },
    #[error("longitude {longitude} in \"{input}\" is outside −180..180")]
    LongitudeOutOfRange { input: String, longitude: f64 },
    #[error("degrees in \"{input}\" are malformed: {reason}")]
    BadDegrees { input: String, reason: String },
    #[error("UTM zone {zone} in \"{input}\" is not 1–60")]
    BadUtmZone { input: String, zone: u32 },
    #[error("UTM band in \"{input}\": {reason}")]
    BadUtmBand { input: String, reason: String },
    #[error("UTM position \"{input}\" is out of range: {reason}")]
    UtmOutOfRange { input: String, reason: String },
    #[error("MGRS reference \"{input}\" is invalid: {reason}")]
    BadMgrs { input: String, reason: String },
}

/// Reads a typed coordinate and returns `(lon, lat)` in WGS84 degrees.
///
/// Accepted, tried in this order:
/// - MGRS with or without spaces and 0–5 digit pairs (`38TNK1234556789`, `38T NK 12345 56789`,
///   `38TNK123567`, `38TNK`); the result is the centre of the square.
/// - UTM `38T 612345 4456789`, `38 N 612345 4456789`, `38N 612345E 4456789N`, and UPS
///   `Z 2123456 1987654`. The easting must have at least four digits, which keeps
///   `40 N 47 8` (40°N 47°08'E) a geographic coordinate. The letter after the zone is read as a
///   **latitude band when the northing lies in that band** (±0.01°); otherwise `N` and `S` are read
///   as the hemisphere. So `38S 662307 4423936` is band S (39.95°N), while in
///   `38N 662307 4423936` band N (0–8°N) contradicts the northing and N means the northern
///   hemisphere.
/// - Degrees: decimal, degrees-minutes (`40°07.406'N`) or degrees-minutes-seconds with ° ' " or
///   ′ ″ marks or just spaces (`40 7 24.4 N 47 7 24.4 E`), a minus sign or N/S/E/W letters before
///   or after each value. Without letters the first value is latitude.
///
/// # Errors
/// A [`CoordError`] naming the input and what in it was not understood.
pub fn parse_coordinate(text: &str) -> Result<(f64, f64), CoordError> {
    let input = text.trim();
    if input.is_empty() {
        return Err(CoordError::Empty);
    }
    if let Some(result) = parse_mgrs(input) {
        return result;
    }
    if let Some(result) = parse_utm(input) {
        return result;
    }
    parse_degrees(input)
}

// ---------------------------------------------------------------------------------------------
// Formatting

/// Latitude bands C..X, 8° each from 80°S (X is 12°, to 84°N).
const LAT_BANDS: &[u8; 20] = b"CDEFGHJKLMNPQRSTUVWX";

/// A point geoconvert accepts, or `None` for NaN and out-of-range values. geoconvert wants
/// longitude in [−180, 180), so 180° is written as its twin −180°.
fn checked_point(lon: f64, lat: f64) -> Option<LatLon> {
    if !lon.is_finite() || !lat.is_finite() {
        return None;
    }
    let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
    // −0.0 + 0.0 is +0.0: geoconvert would put −0.0 in the southern hemisphere while its band
    // letter says N.
    LatLon::create(lat + 0.0, lon).ok()
}

/// `40°07'24.4"N`: rounded to a tenth of a second first, so 59.96" carries into the minute.
fn dms(value: f64, positive: char, negative: char) -> String {
    // At most 180° * 36 000 tenths: far inside u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = (value.abs() * 36_000.0).round() as u64;
    let hemisphere = if value < 0.0 && tenths > 0 {
        negative
    } else {
        positive
    };
    let degrees = tenths / 36_000;
    let minutes = tenths % 36_000 / 600;
    let seconds = tenths % 600;
    format!(
        "{degrees}°{minutes:02}'{:02}.{}\"{hemisphere}",
        seconds / 10,
        seconds % 10
    )
}

fn band_letter(lat: f64) -> char {
    // Clamp: 84°N belongs to X and −80° to C.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = ((lat + 80.0) / 8.0).floor().clamp(0.0, 19.0) as usize;
    char::from(LAT_BANDS[index])
}

fn format_utm(utm: &UtmUps, lat: f64) -> String {
    let easting = utm.easting().round();
    let northing = utm.northing().round();
    if utm.zone() == 0 {
        // UPS: false origin at 2 000 km; the band letter says pole and side of the meridian.
        let letter = match (utm.is_north(), utm.easting() >= 2_000_000.0) {
            (false, false) => 'A',
            (false, true) => 'B',
            (true, false) => 'Y',
            (true, true) => 'Z',
        };
        format!("{letter} {easting:.0} {northing:.0}")
    } else {
        format!(
            "{}{} {easting:.0} {northing:.0}",
            utm.zone(),
            band_letter(lat)
        )
    }
}

fn format_mgrs_compact(point: &LatLon) -> String {
    // geoconvert 1.0.2 moves northern northings below 1 000 km into the southern false origin
    // (GeographicLib only does that for negative ones) and then, on the equator itself, picks
    // band M from the moved hemisphere and asserts. 1e-9° (0.1 mm) north is band N, which is
    // where GeographicLib puts the equator.
    let on_equator = point.latitude().abs() < 1e-9;
    let utm = match LatLon::create(1e-9, point.longitude()) {
        Ok(nudged) if on_equator => nudged.to_utmups(),
        _ => point.to_utmups(),
    };
    // geoconvert's precision counts digits per axis: 5 digits = 1 m.
    let mgrs = Mgrs::from_utmups(&utm, 5);
    // geoconvert asserts its own invariants while writing MGRS; a broken invariant must not take
    // the application down with it. No valid input has been seen to reach it (see the sweep test).
    std::panic::catch_unwind(|| mgrs.to_string()).unwrap_or_else(|_| {
        format!(
            "MGRS unavailable (lat {:.6}, lon {:.6})",
            point.latitude(),
            point.longitude()
        )
    })
}

/// `38TNK1234556789` → `38T NK 12345 56789`; `ZGC1234567890` → `Z GC 12345 67890`.
fn space_mgrs(compact: &str) -> String {
    let zone_len = compact.bytes().take_while(u8::is_ascii_digit).count();
    let Some((zone, rest)) = compact.split_at_checked(zone_len + 1) else {
        return compact.to_owned();
    };
    let Some((square, digits)) = rest.split_at_checked(2) else {
        return compact.to_owned();
    };
    if digits.is_empty() {
        return format!("{zone} {square}");
    }
    let (easting, northing) = digits.split_at(digits.len() / 2);
    format!("{zone} {square} {easting} {northing}")
}

// ---------------------------------------------------------------------------------------------
// MGRS

/// `Some` when the input has the shape of MGRS (zone digits, three letters, digits only).
fn parse_mgrs(input: &str) -> Option<Result<(f64, f64), CoordError>> {
    if !input
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
    {
        return None;
    }
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = compact.as_bytes();
    let zone_len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let letters = bytes.get(zone_len..zone_len + 3)?;
    if zone_len > 2 || !letters.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    if zone_len == 0 && !b"ABYZ".contains(&letters[0]) {
        return None;
    }
    let digits = &compact[zone_len + 3..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }

    let bad = |reason: String| CoordError::BadMgrs {
        input: input.to_owned(),
        reason,
    };
    if zone_len > 0 {
        let zone: u32 = compact[..zone_len].parse().unwrap_or(0);
        if !(1..=60).contains(&zone) {
            return Some(Err(bad(format!("zone {zone} is not 1–60"))));
        }
        if !LAT_BANDS.contains(&letters[0]) {
            return Some(Err(bad(format!(
                "{} is not a latitude band (C–X without I and O)",
                char::from(letters[0])
            ))));
        }
    }
    if digits.len() % 2 == 1 {
        return Some(Err(bad(format!(
            "{} digits: easting and northing need the same number",
            digits.len()
        ))));
    }
    if digits.len() > 10 {
        return Some(Err(bad(format!(
            "{} digits: at most 5 each for easting and northing (1 m)",
            digits.len()
        ))));
    }
    Some(match Mgrs::parse_str(&compact) {
        Ok(mgrs) => {
            let point = mgrs.to_latlon();
            Ok((point.longitude(), point.latitude()))
        }
        Err(error) => Err(bad(error.to_string())),
    })
}

// ---------------------------------------------------------------------------------------------
// UTM / UPS

/// `Some` when the input has the shape of UTM or UPS: zone and letter (or a polar letter alone),
/// then two numbers, the first with at least four digits before any decimal point.
fn parse_utm(input: &str) -> Option<Result<(f64, f64), CoordError>> {
    let upper = input.to_ascii_uppercase();
    let tokens: Vec<&str> = upper
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
        .collect();
    let (zone, letter, rest) = match tokens.as_slice() {
        [first, rest @ ..] if is_zone_and_letter(first) => {
            let (digits, letter) = first.split_at(first.len() - 1);
            (Some(digits), letter.as_bytes()[0], rest)
        }
        [first, second, rest @ ..] if is_zone(first) && is_letter(second) => {
            (Some(*first), second.as_bytes()[0], rest)
        }
        [first, rest @ ..] if first.len() == 1 && b"ABYZ".contains(&first.as_bytes()[0]) => {
            (None, first.as_bytes()[0], rest)
        }
        _ => return None,
    };
    let [a, b] = rest else { return None };
    let (first, first_axis) = metres(a)?;
    let (second, second_axis) = metres(b)?;
    // `4456789N 612345E`: the suffixes, not the order, say which is which.
    let (easting, easting_text, northing) = match (first_axis, second_axis) {
        (Axis::Northing, Axis::Easting | Axis::Unmarked) | (Axis::Unmarked, Axis::Easting) => {
            (second, b, first)
        }
        _ => (first, a, second),
    };
    if easting_text.bytes().take_while(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    Some(utm_to_lonlat(input, zone, letter, easting, northing))
}

#[derive(Clone, Copy, PartialEq)]
enum Axis {
    Easting,
    Northing,
    Unmarked,
}

/// `612345`, `612345E`, `612345mE`, `4456789N`, `4456789.5mN` (already upper-cased).
fn metres(token: &str) -> Option<(f64, Axis)> {
    let (number, axis) = if let Some(n) = token.strip_suffix('E') {
        (n.strip_suffix('M').unwrap_or(n), Axis::Easting)
    } else if let Some(n) = token.strip_suffix('N') {
        (n.strip_suffix('M').unwrap_or(n), Axis::Northing)
    } else {
        (token.strip_suffix('M').unwrap_or(token), Axis::Unmarked)
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    number.parse().ok().map(|value| (value, axis))
}

fn is_zone(token: &str) -> bool {
    (1..=2).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())
}

fn is_letter(token: &str) -> bool {
    token.len() == 1 && token.as_bytes()[0].is_ascii_alphabetic()
}

fn is_zone_and_letter(token: &str) -> bool {
    // ASCII first: the split below must fall on a character boundary (`40°` is not a zone).
    token.is_ascii() && token.len() >= 2 && {
        let (digits, letter) = token.split_at(token.len() - 1);
        is_zone(digits) && is_letter(letter)
    }
}

fn utm_to_lonlat(
    input: &str,
    zone: Option<&str>,
    letter: u8,
    easting: f64,
    northing: f64,
) -> Result<(f64, f64), CoordError> {
    let out_of_range = |error: geoconvert::Error| CoordError::UtmOutOfRange {
        input: input.to_owned(),
        reason: error.to_string(),
    };
    let Some(zone) = zone else {
        // UPS: the polar band letter gives the hemisphere.
        let north = matches!(letter, b'Y' | b'Z');
        let point = UtmUps::create(0, north, easting, northing)
            .map_err(out_of_range)?
            .to_latlon();
        return Ok((point.longitude(), point.latitude()));
    };
    let zone_number: u32 = zone.parse().unwrap_or(0);
    if !(1..=60).contains(&zone_number) {
        return Err(CoordError::BadUtmZone {
            input: input.to_owned(),
            zone: zone_number,
        });
    }
    // Checked to be 1..=60 just above.
    #[allow(clippy::cast_possible_wrap)]
    let zone_number = zone_number as i32;

    let band = LAT_BANDS.iter().position(|&b| b == letter);
    let mut band_mismatch = None;
    if let Some(index) = band {
        let north = index >= 10;
        let south_edge = -80.0 + 8.0 * f64::from(u8::try_from(index).unwrap_or(0));
        let north_edge = if index == 19 { 84.0 } else { south_edge + 8.0 };
        match UtmUps::create(zone_number, north, easting, northing) {
            Ok(utm) => {
                let point = utm.to_latlon();
                // A little slack so a point typed on a band edge, rounded to the metre, still fits.
                if (south_edge - 0.01..=north_edge + 0.01).contains(&point.latitude()) {
                    return Ok((point.longitude(), point.latitude()));
                }
                band_mismatch = Some(format!(
                    "northing {northing} lies at {:.3}° latitude, outside band {} ({south_edge}° to \
                     {north_edge}°)",
                    point.latitude(),
                    char::from(letter)
                ));
            }
            Err(error) => band_mismatch = Some(error.to_string()),
        }
    }
    if letter == b'N' || letter == b'S' {
        let point = UtmUps::create(zone_number, letter == b'N', easting, northing)
            .map_err(out_of_range)?
            .to_latlon();
        return Ok((point.longitude(), point.latitude()));
    }
    Err(CoordError::BadUtmBand {
        input: input.to_owned(),
        reason: band_mismatch.unwrap_or_else(|| {
            format!(
                "{} is neither a latitude band (C–X without I and O) nor a hemisphere (N/S)",
                char::from(letter)
            )
        }),
    })
}

// ---------------------------------------------------------------------------------------------
// Degrees: decimal, DM and DMS

#[derive(Clone, Copy, PartialEq, PartialOrd, Debug)]
enum Unit {
    Degrees,
    Minutes,
    Seconds,
}

impl Unit {
    fn next(self) -> Option<Self> {
        match self {
            Self::Degrees => Some(Self::Minutes),
            Self::Minutes => Some(Self::Seconds),
            Self::Seconds => None,
        }
    }
}

#[derive(Clone, Debug)]
struct Number {
    value: f64,
    negative: bool,
    fractional: bool,
    unit: Option<Unit>,
}

#[derive(Debug)]
enum Token {
    Number(Number),
    Hemisphere(char),
    Separator,
}

fn tokenize(input: &str) -> Result<Vec<Token>, CoordError> {
    let unrecognised = |reason: String| CoordError::Unrecognised {
        input: input.to_owned(),
        reason,
    };
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mark = match c {
            '°' | 'º' | '˚' => Some(Unit::Degrees),
            '\'' | '′' | '’' | '‘' if chars.get(i + 1) == Some(&c) => {
                i += 1; // '' written for seconds
                Some(Unit::Seconds)
            }
            '\'' | '′' | '’' | '‘' => Some(Unit::Minutes),
            '"' | '″' | '”' | '“' => Some(Unit::Seconds),
            _ => None,
        };
        if let Some(unit) = mark {
            match tokens.last_mut() {
                Some(Token::Number(number)) if number.unit.is_none() => number.unit = Some(unit),
                _ => return Err(unrecognised(format!("'{c}' does not follow a number"))),
            }
            i += 1;
            continue;
        }
        match c {
            c if c.is_whitespace() => i += 1,
            ',' | ';' => {
                tokens.push(Token::Separator);
                i += 1;
            }
            'N' | 'S' | 'E' | 'W' | 'n' | 's' | 'e' | 'w' => {
                if chars.get(i + 1).is_some_and(|next| next.is_alphabetic()) {
                    return Err(unrecognised(format!("unexpected word at '{c}'")));
                }
                tokens.push(Token::Hemisphere(c.to_ascii_uppercase()));
                i += 1;
            }
            '+' | '-' | '−' | '0'..='9' | '.' => {
                let negative = c == '-' || c == '−';
                if matches!(c, '+' | '-' | '−') {
                    i += 1;
                }
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let value: f64 = text
                    .parse()
                    .map_err(|_| unrecognised(format!("\"{text}\" is not a number")))?;
                tokens.push(Token::Number(Number {
                    value,
                    negative,
                    fractional: text.contains('.'),
                    unit: None,
                }));
            }
            _ => return Err(unrecognised(format!("unexpected '{c}'"))),
        }
    }
    Ok(tokens)
}

/// One latitude or longitude as typed: up to three numbers and an optional hemisphere letter.
#[derive(Default, Debug)]
struct Group {
    numbers: Vec<(Unit, Number)>,
    hemisphere: Option<char>,
}

fn parse_degrees(input: &str) -> Result<(f64, f64), CoordError> {
    let unrecognised = |reason: &str| CoordError::Unrecognised {
        input: input.to_owned(),
        reason: reason.to_owned(),
    };
    let tokens = tokenize(input)?;
    let groups = group_tokens(&tokens).map_err(|reason| unrecognised(&reason))?;
    let [first, second] = groups.as_slice() else {
        return Err(unrecognised(if groups.len() < 2 {
            "latitude and longitude are both needed"
        } else {
            "more than two values"
        }));
    };
    let first_value = group_value(input, first)?;
    let second_value = group_value(input, second)?;
    let is_latitude = |g: &Group| g.hemisphere.map(|h| h == 'N' || h == 'S');
    let (lat, lon) = match (is_latitude(first), is_latitude(second)) {
        (Some(true), Some(true)) | (Some(false), Some(false)) => {
            return Err(CoordError::BadDegrees {
                input: input.to_owned(),
                reason: "both values carry N/S or both E/W".to_owned(),
            });
        }
        (Some(false), _) | (None, Some(true)) => (second_value, first_value),
        _ => (first_value, second_value),
    };
    if !(-90.0..=90.0).contains(&lat) {
        return Err(CoordError::LatitudeOutOfRange {
            input: input.to_owned(),
            latitude: lat,
        });
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(CoordError::LongitudeOutOfRange {
            input: input.to_owned(),
            longitude: lon,
        });
    }
    Ok((lon, lat))
}

/// Splits tokens into the two values. Hemisphere letters, separators and repeated units end a
/// value; with none of those (`40 7 24.4 47 7 24.4`, `40.1 47.5`) the numbers are halved.
fn group_tokens(tokens: &[Token]) -> Result<Vec<Group>, String> {
    let plain = tokens.iter().all(|t| match t {
        Token::Number(n) => n.unit.is_none(),
        _ => false,
    });
    if plain {
        if tokens.len() % 2 == 1 || tokens.len() > 6 {
            return Err(format!(
                "{} numbers cannot be split into latitude and longitude",
                tokens.len()
            ));
        }
        let half = tokens.len() / 2;
        return Ok(tokens
            .chunks(half.max(1))
            .map(|chunk| {
                let mut group = Group::default();
                for token in chunk {
                    if let Token::Number(n) = token {
                        push_number(&mut group, n.clone());
                    }
                }
                group
            })
            .collect());
    }

    let mut groups = Vec::new();
    let mut current = Group::default();
    for token in tokens {
        match token {
            Token::Hemisphere(h) => {
                if current.numbers.is_empty() {
                    if current.hemisphere.is_some() {
                        return Err("two hemisphere letters in a row".to_owned());
                    }
                    current.hemisphere = Some(*h);
                } else if current.hemisphere.is_none() {
                    current.hemisphere = Some(*h);
                    groups.push(std::mem::take(&mut current));
                } else {
                    groups.push(std::mem::take(&mut current));
                    current.hemisphere = Some(*h);
                }
            }
            Token::Separator => {
                if !current.numbers.is_empty() {
                    groups.push(std::mem::take(&mut current));
                } else if current.hemisphere.is_some() {
                    return Err("a hemisphere letter without a number".to_owned());
                }
            }
            Token::Number(n) => {
                let last = current.numbers.last().map(|(unit, _)| *unit);
                let starts_new = match (n.unit, last) {
                    (_, None) => false,
                    (Some(unit), Some(last)) => unit <= last,
                    (None, Some(last)) => last == Unit::Seconds,
                };
                if starts_new {
                    groups.push(std::mem::take(&mut current));
                }
                push_number(&mut current, n.clone());
            }
        }
    }
    if !current.numbers.is_empty() {
        groups.push(current);
    } else if current.hemisphere.is_some() {
        return Err("a hemisphere letter without a number".to_owned());
    }
    Ok(groups)
}

fn push_number(group: &mut Group, number: Number) {
    let unit = number.unit.unwrap_or_else(|| {
        group
            .numbers
            .last()
            .and_then(|(unit, _)| unit.next())
            .unwrap_or(Unit::Degrees)
    });
    group.numbers.push((unit, number));
}

fn group_value(input: &str, group: &Group) -> Result<f64, CoordError> {
    let bad = |reason: String| CoordError::BadDegrees {
        input: input.to_owned(),
        reason,
    };
    let mut total = 0.0;
    let mut negative = false;
    for (index, (unit, number)) in group.numbers.iter().enumerate() {
        if index == 0 && *unit != Unit::Degrees {
            return Err(bad(format!("{} has no degrees", number.value)));
        }
        if index > 0 && number.negative {
            return Err(bad("only the degrees may carry a minus sign".to_owned()));
        }
        if number.fractional && index + 1 < group.numbers.len() {
            return Err(bad(format!(
                "{} has decimals but is followed by smaller units",
                number.value
            )));
        }
        total += match unit {
            Unit::Degrees => number.value,
            Unit::Minutes | Unit::Seconds if number.value >= 60.0 => {
                return Err(bad(format!(
                    "{} {} is 60 or more",
                    number.value,
                    if *unit == Unit::Minutes {
                        "minutes"
                    } else {
                        "seconds"
                    }
                )));
            }
            Unit::Minutes => number.value / 60.0,
            Unit::Seconds => number.value / 3600.0,
        };
        negative |= number.negative;
    }
    if negative && matches!(group.hemisphere, Some('S' | 'W')) {
        return Err(bad("both a minus sign and S/W given".to_owned()));
    }
    if negative || matches!(group.hemisphere, Some('S' | 'W')) {
        total = -total;
    }
    Ok(total)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Reference {
        points: Vec<ReferencePoint>,
        utm_inputs: Vec<TypedInput>,
        mgrs_inputs: Vec<TypedInput>,
    }

    #[derive(serde::Deserialize)]
    struct ReferencePoint {
        name: String,
        lon: f64,
        lat: f64,
        decimal: String,
        dms: String,
        utm_zone: i32,
        utm_easting: f64,
        utm_northing: f64,
        utm: String,
        mgrs: String,
    }

    #[derive(serde::Deserialize)]
    struct TypedInput {
        text: String,
        lon: f64,
        lat: f64,
    }

    fn reference() -> Reference {
        serde_json::from_str(include_str!("../../tests/fixtures/coords/reference.json")).unwrap()
    }

    /// Great-circle distance in metres (haversine on the mean radius): good to 0.5 %, and sound
    /// at the poles where longitude means nothing.
    fn metres_apart((lon1, lat1): (f64, f64), (lon2, lat2): (f64, f64)) -> f64 {
        let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
        let dphi = phi2 - phi1;
        let dlambda = (lon2 - lon1).to_radians();
        let a =
            (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
        2.0 * 6_371_008.8 * a.sqrt().min(1.0).asin()
    }

    fn typed(reference: &[TypedInput], text: &str) -> (f64, f64) {
        let input = reference.iter().find(|i| i.text == text).unwrap();
        (input.lon, input.lat)
    }

    #[test]
    fn labels_are_the_short_names_users_know() {
        let labels: Vec<_> = CoordFormat::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(labels, ["DD", "DMS", "UTM", "MGRS"]);
    }

    #[test]
    fn formats_match_pyproj_and_mgrs_reference() {
        for p in reference().points {
            assert_eq!(
                CoordFormat::Decimal.format(p.lon, p.lat),
                p.decimal,
                "{}",
                p.name
            );
            assert_eq!(CoordFormat::Dms.format(p.lon, p.lat), p.dms, "{}", p.name);
            assert_eq!(CoordFormat::Utm.format(p.lon, p.lat), p.utm, "{}", p.name);
            assert_eq!(CoordFormat::Mgrs.format(p.lon, p.lat), p.mgrs, "{}", p.name);
            let utm = checked_point(p.lon, p.lat).unwrap().to_utmups();
            assert_eq!(utm.zone(), p.utm_zone, "{}", p.name);
            assert!((utm.easting() - p.utm_easting).abs() < 0.001, "{}", p.name);
            assert!(
                (utm.northing() - p.utm_northing).abs() < 0.001,
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn spaced_mgrs_groups_zone_square_easting_and_northing() {
        for p in reference().points {
            let spaced = format_mgrs_spaced(p.lon, p.lat);
            assert_eq!(spaced.replace(' ', ""), p.mgrs, "{}", p.name);
            let parts: Vec<_> = spaced.split(' ').collect();
            assert_eq!(parts.len(), 4, "{spaced}");
            assert_eq!(parts[1].len(), 2, "{spaced}");
            assert_eq!(parts[2].len(), 5, "{spaced}");
            assert_eq!(parts[3].len(), 5, "{spaced}");
        }
    }

    #[test]
    fn reference_strings_parse_back_to_their_point() {
        for p in reference().points {
            let point = (p.lon, p.lat);
            // Decimal: 1e-6° ≈ 0.1 m; UTM rounded to 1 m: ≤ 0.71 m; MGRS 1 m square centre: ≤ 0.71 m.
            for (text, tolerance) in [
                (&p.decimal, 0.2),
                (&p.utm, 0.72),
                (&p.mgrs, 0.72),
                // DMS to 0.1": up to 0.05" (1.55 m) off in each axis, 2.2 m together.
                (&p.dms, 2.2),
            ] {
                let parsed = parse_coordinate(text).unwrap();
                let off = metres_apart(parsed, point);
                assert!(off <= tolerance, "{}: {text} is {off:.2} m off", p.name);
            }
        }
    }

    #[test]
    fn typed_utm_matches_pyproj_inverse() {
        let reference = reference();
        for input in &reference.utm_inputs {
            let parsed = parse_coordinate(&input.text).unwrap();
            let off = metres_apart(parsed, (input.lon, input.lat));
            assert!(off < 0.01, "{}: {off} m off", input.text);
        }
    }

    #[test]
    fn typed_mgrs_is_the_centre_of_its_square() {
        let reference = reference();
        for input in &reference.mgrs_inputs {
            let parsed = parse_coordinate(&input.text).unwrap();
            let off = metres_apart(parsed, (input.lon, input.lat));
            assert!(off < 0.01, "{}: {off} m off", input.text);
        }
    }

    #[test]
    fn band_s_is_read_as_a_band_when_the_northing_lies_in_it() {
        let reference = reference();
        let (lon, lat) = parse_coordinate("38S 662307 4423936").unwrap();
        assert!((32.0..40.0).contains(&lat));
        let expected = typed(&reference.utm_inputs, "38S 662307 4423936");
        assert!(metres_apart((lon, lat), expected) < 0.01);
    }

    #[test]
    fn n_is_the_hemisphere_when_band_n_contradicts_the_northing() {
        let band_s = parse_coordinate("38S 662307 4423936").unwrap();
        let hemisphere_n = parse_coordinate("38N 662307 4423936").unwrap();
        assert!(metres_apart(band_s, hemisphere_n) < 0.01);
        assert!(parse_coordinate("38 N 612345 4456789").unwrap().1 > 40.0);
    }

    #[test]
    fn s_is_the_southern_hemisphere_when_band_s_contradicts_the_northing() {
        let reference = reference();
        for text in ["33S 500000 9000000", "39S 355000 4474000"] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(parsed.1 < 0.0, "{text}");
            assert!(metres_apart(parsed, typed(&reference.utm_inputs, text)) < 0.01);
        }
        // The southern band L gives the same place as hemisphere S.
        let band_m = parse_coordinate("33L 500000 9000000").unwrap();
        assert!(metres_apart(band_m, parse_coordinate("33S 500000 9000000").unwrap()) < 0.01);
    }

    #[test]
    fn utm_accepts_suffixes_and_either_axis_order() {
        let plain = parse_coordinate("38T 612345 4456789").unwrap();
        for text in [
            "38T 612345E 4456789N",
            "38t 612345mE 4456789mN",
            "38T 4456789N 612345E",
            "38 T 612345, 4456789",
        ] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(metres_apart(parsed, plain) < 0.001, "{text}");
        }
    }

    #[test]
    fn mgrs_accepts_spaces_case_and_every_precision() {
        let metre = parse_coordinate("38TNK1234556789").unwrap();
        assert!(metres_apart(parse_coordinate("38T NK 12345 56789").unwrap(), metre) < 0.001);
        assert!(metres_apart(parse_coordinate("38tnk 1234556789").unwrap(), metre) < 0.001);
        // 100 m precision: centre of the square, 50 m east and north of its corner.
        let hundred = parse_coordinate("38TNK123567").unwrap();
        let corner = parse_coordinate("38TNK1230056700").unwrap();
        let centre = parse_coordinate("38TNK1235056750").unwrap();
        assert!(metres_apart(hundred, centre) < 1.0);
        assert!((metres_apart(hundred, corner) - 50.0 * 2f64.sqrt()).abs() < 2.0);
        for digits in ["", "16", "1256", "123567", "12345678"] {
            assert!(
                parse_coordinate(&format!("38TNK{digits}")).is_ok(),
                "{digits}"
            );
        }
    }

    #[test]
    fn degrees_are_read_in_every_common_spelling() {
        let expected = (47.5, 40.1);
        for text in [
            "40.1, 47.5",
            "40.1 47.5",
            "40.1;47.5",
            "47.5E 40.1N",
            "N40.1 E47.5",
            "40.1N, 47.5E",
            "n 40.1 e 47.5",
            "40.1°N 47.5°E",
            "+40.1 +47.5",
        ] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(metres_apart(parsed, expected) < 0.01, "{text}: {parsed:?}");
        }
        for text in ["40N 47E", "40 N 47 E", "47E, 40N", "40, 47"] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(
                metres_apart(parsed, (47.0, 40.0)) < 0.01,
                "{text}: {parsed:?}"
            );
        }
        let luanda = (13.23, -8.84);
        for text in [
            "-8.84, 13.23",
            "8.84S 13.23E",
            "S8.84 E13.23",
            "−8.84 13.23",
        ] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(metres_apart(parsed, luanda) < 0.01, "{text}: {parsed:?}");
        }
        let west = parse_coordinate("34.6037S 58.3816W").unwrap();
        assert!(metres_apart(west, (-58.3816, -34.6037)) < 0.01);
    }

    #[test]
    fn dms_and_degrees_minutes_are_read_with_any_marks() {
        let expected = (
            47.0 + 7.0 / 60.0 + 24.4 / 3600.0,
            40.0 + 7.0 / 60.0 + 24.4 / 3600.0,
        );
        for text in [
            "40°07'24.4\"N 47°07'24.4\"E",
            "40°07′24.4″N 47°07′24.4″E",
            "40° 7' 24.4\" N, 47° 7' 24.4\" E",
            "40°07'24.4''N 47°07'24.4''E",
            "40 7 24.4 N 47 7 24.4 E",
            "N 40 7 24.4 E 47 7 24.4",
            "40 7 24.4 47 7 24.4",
            "40 7 24.4, 47 7 24.4",
            "47°07'24.4\"E 40°07'24.4\"N",
            "40°07'24.4\" 47°07'24.4\"",
        ] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(metres_apart(parsed, expected) < 0.01, "{text}: {parsed:?}");
        }
        for text in [
            "40°07.40667'N 47°07.40667'E",
            "40 07.40667 N 47 07.40667 E",
            "40 7.40667 47 7.40667",
        ] {
            let parsed = parse_coordinate(text).unwrap();
            assert!(metres_apart(parsed, expected) < 1.0, "{text}: {parsed:?}");
        }
        let south_west = parse_coordinate("8°50'24\"S 13°13'48\"W").unwrap();
        assert!(metres_apart(south_west, (-13.23, -8.84)) < 0.01);
        // A single number after 40 N is minutes of longitude, not a UTM easting.
        let short = parse_coordinate("40 N 47 8").unwrap();
        assert!(metres_apart(short, (47.0 + 8.0 / 60.0, 40.0)) < 0.01);
    }

    #[test]
    fn dms_seconds_that_round_to_sixty_carry_into_minutes_and_degrees() {
        let lat = 40.0 + 7.0 / 60.0 + 59.96 / 3600.0;
        assert_eq!(dms(lat, 'N', 'S'), "40°08'00.0\"N");
        let lon = 47.0 + 59.0 / 60.0 + 59.97 / 3600.0;
        assert_eq!(dms(lon, 'E', 'W'), "48°00'00.0\"E");
        assert_eq!(
            dms(-(8.0 + 59.0 / 60.0 + 59.99 / 3600.0), 'N', 'S'),
            "9°00'00.0\"S"
        );
        assert_eq!(dms(-0.000_001, 'N', 'S'), "0°00'00.0\"N");
        let text = CoordFormat::Dms.format(lon, lat);
        assert_eq!(text, "40°08'00.0\"N 48°00'00.0\"E");
    }

    #[test]
    fn every_format_round_trips_within_its_resolution_worldwide() {
        // Includes the UPS caps, band edges (−80, 72, 84), the antimeridian and both poles.
        let mut lats: Vec<f64> = (-90..=90).step_by(3).map(f64::from).collect();
        lats.extend([-80.0, -79.9999, 83.9999, 84.0, 72.0, 0.0, 89.99, -89.99]);
        let lons: Vec<f64> = (-180..=180).step_by(5).map(f64::from).collect();
        for &lat in &lats {
            for &lon in &lons {
                for format in CoordFormat::ALL {
                    let text = format.format(lon, lat);
                    let parsed = parse_coordinate(&text)
                        .unwrap_or_else(|e| panic!("{format:?} ({lon}, {lat}) {text}: {e}"));
                    let tolerance = if format == CoordFormat::Dms {
                        1.6
                    } else {
                        0.72
                    };
                    let off = metres_apart(parsed, (lon, lat));
                    assert!(
                        off <= tolerance,
                        "{format:?} ({lon}, {lat}) {text}: {off} m"
                    );
                }
                let spaced = format_mgrs_spaced(lon, lat);
                let off = metres_apart(parse_coordinate(&spaced).unwrap(), (lon, lat));
                assert!(off <= 0.72, "({lon}, {lat}) {spaced}: {off} m");
            }
        }
    }

    #[test]
    fn points_on_the_equator_format_and_round_trip() {
        for lat in [0.0, -0.0, 1e-12, -1e-12, 1e-7, -1e-7] {
            for lon in (-180..180).map(f64::from) {
                for format in CoordFormat::ALL {
                    let text = format.format(lon, lat);
                    let parsed = parse_coordinate(&text)
                        .unwrap_or_else(|e| panic!("{format:?} ({lon}, {lat}) {text}: {e}"));
                    let off = metres_apart(parsed, (lon, lat));
                    assert!(off <= 2.2, "{format:?} ({lon}, {lat}) {text}: {off} m");
                }
            }
        }
    }

    #[test]
    fn no_typed_text_makes_the_parser_panic() {
        let seeds = [
            "40°07'24.4\"N 47°07'24.4\"E",
            "38T 612345E 4456789N",
            "38TNK1234556789",
            "Z 2123456 1987654",
            "N40.1 E47.5",
            "−8.84, 13.23",
        ];
        let junk = [
            "",
            "°",
            "'",
            "\"",
            "-",
            ".",
            "N",
            "Z",
            "99",
            "é",
            ",",
            "1.2.3",
            "00000000000",
        ];
        for seed in seeds {
            let chars: Vec<char> = seed.chars().collect();
            for cut in 0..=chars.len() {
                let (head, tail): (String, String) =
                    (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                for extra in junk {
                    // Only the absence of a panic is checked here.
                    let _ = parse_coordinate(&format!("{head}{extra}{tail}"));
                    let _ = parse_coordinate(&format!("{head}{extra}"));
                }
            }
        }
    }

    #[test]
    fn polar_points_are_written_as_ups() {
        let north = CoordFormat::Utm.format(10.0, 85.0);
        assert!(north.starts_with("Z "), "{north}");
        let south = CoordFormat::Utm.format(-10.0, -85.0);
        assert!(south.starts_with("A "), "{south}");
        assert!(CoordFormat::Mgrs.format(10.0, 85.0).starts_with('Z'));
    }

    #[test]
    fn impossible_points_are_formatted_as_invalid_not_panicking() {
        for (lon, lat) in [(f64::NAN, 40.0), (47.0, f64::INFINITY), (47.0, 91.0)] {
            for format in CoordFormat::ALL {
                assert!(format.format(lon, lat).starts_with("invalid position"));
            }
            assert!(format_mgrs_spaced(lon, lat).starts_with("invalid position"));
        }
    }

    #[test]
    fn each_bad_input_names_what_was_wrong_and_quotes_it() {
        type IsExpected = fn(&CoordError) -> bool;
        assert!(matches!(parse_coordinate("  "), Err(CoordError::Empty)));
        let cases: &[(&str, IsExpected)] = &[
            ("hello", |e| matches!(e, CoordError::Unrecognised { .. })),
            ("40.1", |e| matches!(e, CoordError::Unrecognised { .. })),
            ("40.1 47.5 12", |e| {
                matches!(e, CoordError::Unrecognised { .. })
            }),
            ("40.1 @ 47.5", |e| {
                matches!(e, CoordError::Unrecognised { .. })
            }),
            (
                "95, 47",
                |e| matches!(e, CoordError::LatitudeOutOfRange { latitude, .. } if (*latitude - 95.0).abs() < 1e-9),
            ),
            ("47.5E 95N", |e| {
                matches!(e, CoordError::LatitudeOutOfRange { .. })
            }),
            (
                "40, 190",
                |e| matches!(e, CoordError::LongitudeOutOfRange { longitude, .. } if (*longitude - 190.0).abs() < 1e-9),
            ),
            ("40°75'N 47°E", |e| {
                matches!(e, CoordError::BadDegrees { .. })
            }),
            ("40°07'61\"N 47°E", |e| {
                matches!(e, CoordError::BadDegrees { .. })
            }),
            ("40.5°07'N 47°E", |e| {
                matches!(e, CoordError::BadDegrees { .. })
            }),
            ("40N 47N", |e| matches!(e, CoordError::BadDegrees { .. })),
            ("-40S 47E", |e| matches!(e, CoordError::BadDegrees { .. })),
            ("61T 612345 4456789", |e| {
                matches!(e, CoordError::BadUtmZone { zone: 61, .. })
            }),
            ("0T 612345 4456789", |e| {
                matches!(e, CoordError::BadUtmZone { .. })
            }),
            ("38I 612345 4456789", |e| {
                matches!(e, CoordError::BadUtmBand { .. })
            }),
            ("38C 612345 4456789", |e| {
                matches!(e, CoordError::BadUtmBand { .. })
            }),
            ("38T 612345 99999999", |e| {
                matches!(e, CoordError::BadUtmBand { .. })
            }),
            ("38N 612345 99999999", |e| {
                matches!(e, CoordError::UtmOutOfRange { .. })
            }),
            ("38N 5612345 4456789", |e| {
                matches!(e, CoordError::UtmOutOfRange { .. })
            }),
            ("38TNK12345", |e| matches!(e, CoordError::BadMgrs { .. })),
            ("38TNK123456123456", |e| {
                matches!(e, CoordError::BadMgrs { .. })
            }),
            ("61TNK1234556789", |e| {
                matches!(e, CoordError::BadMgrs { .. })
            }),
            ("38INK1234556789", |e| {
                matches!(e, CoordError::BadMgrs { .. })
            }),
            ("38TIK1234556789", |e| {
                matches!(e, CoordError::BadMgrs { .. })
            }),
            ("38TNZ1234556789", |e| {
                matches!(e, CoordError::BadMgrs { .. })
            }),
        ];
        for (input, expected) in cases {
            let error = parse_coordinate(input).unwrap_err();
            assert!(expected(&error), "{input}: got {error:?}");
            assert!(error.to_string().contains(input), "{input}: {error}");
        }
    }
}
