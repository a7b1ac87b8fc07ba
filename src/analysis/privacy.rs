//! Privacy for data shared outside the agency: which properties hold personal data of
//! victims, and how incident locations are generalised.
//!
//! # Generalising a location to a grid of `cell_m` metres
//! Latitude is snapped to rows `cell_m / 111 132.954` degrees apart (the mean length of a
//! degree of latitude on WGS84, so rows are `cell_m` ± 0.5 % apart anywhere); longitude is
//! then snapped to columns `cell_m / (metres per degree of longitude at the row's latitude)`
//! apart, so every cell of a row is `cell_m` wide on the ground. The point moves to the
//! centre-free grid node nearest it: at most half a cell in each direction, i.e. no more than
//! `0.71 × cell_m` (tests check this geodesically). The same input always gives the same
//! output, nothing is random, and points of one cell fall on one node — so a shared map shows
//! "an accident near here" without the house it happened at. Rows stop at ±89°.

/// Properties removed from every feature by default: names, ages, addresses, phone numbers
/// and identity numbers of people. Compared without regard to case.
pub const DEFAULT_PERSONAL_KEYS: &[&str] = &[
    "victim_name",
    "victim_names",
    "victim_first_name",
    "victim_last_name",
    "victims",
    "first_name",
    "last_name",
    "surname",
    "full_name",
    "person_name",
    "age",
    "victim_age",
    "date_of_birth",
    "dob",
    "address",
    "victim_address",
    "home_address",
    "phone",
    "phone_number",
    "telephone",
    "mobile",
    "email",
    "national_id",
    "id_number",
    "passport",
];

/// Removed from incidents only (on a hazard area, `name` is the area's name, not a person's).
pub const DEFAULT_INCIDENT_PERSONAL_KEYS: &[&str] = &["name", "names", "contact", "contact_name"];

/// Mean metres per degree of latitude on WGS84.
const M_PER_DEG_LAT: f64 = 111_132.954;

/// Metres per degree of longitude at `lat` degrees on WGS84 (series to 3φ: < 1 m/deg error).
fn m_per_deg_lon(lat: f64) -> f64 {
    let phi = lat.to_radians();
    111_412.84 * phi.cos() - 93.5 * (3.0 * phi).cos()
}

/// `[lon, lat]` moved to the nearest node of a grid of `cell_m` metres (see the module
/// documentation). A non-positive or non-finite `cell_m` returns the point unchanged.
#[must_use]
pub fn generalise_location(at: [f64; 2], cell_m: f64) -> [f64; 2] {
    if !(cell_m.is_finite() && cell_m > 0.0 && at[0].is_finite() && at[1].is_finite()) {
        return at;
    }
    let dlat = cell_m / M_PER_DEG_LAT;
    let lat = ((at[1] / dlat).round() * dlat).clamp(-89.0, 89.0);
    let dlon = cell_m / m_per_deg_lon(lat).max(1.0);
    let lon = (at[0] / dlon).round() * dlon;
    [lon, lat]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analysis::geodesy::geodesic_distance_m;

    #[test]
    fn a_generalised_location_moves_at_most_071_of_a_cell() {
        let mut worst: f64 = 0.0;
        for i in 0..2000 {
            let f = f64::from(i);
            let at = [
                44.0 + (f * 0.6180339).fract() * 6.0,
                38.0 + (f * 0.4142135).fract() * 4.0,
            ];
            let g = generalise_location(at, 100.0);
            worst = worst.max(geodesic_distance_m(at, g));
        }
        assert!(worst <= 71.0, "moved {worst} m");
        // The grid is really about 100 m: some points move more than 50 m.
        assert!(worst > 50.0, "moved at most {worst} m");
    }

    #[test]
    fn points_of_one_cell_fall_on_one_node_and_nodes_are_stable() {
        let a = generalise_location([47.100_01, 40.000_01], 100.0);
        let b = generalise_location([47.100_02, 40.000_03], 100.0);
        assert_eq!(a, b);
        assert_eq!(generalise_location(a, 100.0), a);
        // Neighbouring nodes are about 100 m apart on the ground.
        // (Columns are anchored at longitude 0 and their width follows the row's latitude,
        // so the next row's node may also shift east or west: compare latitudes only.)
        let next = generalise_location([a[0], a[1] + 100.0 / M_PER_DEG_LAT], 100.0);
        let d = geodesic_distance_m(a, [a[0], next[1]]);
        assert!((d - 100.0).abs() < 1.0, "{d}");
        let east = generalise_location([a[0] + 100.0 / m_per_deg_lon(a[1]), a[1]], 100.0);
        let d = geodesic_distance_m(a, east);
        assert!((d - 100.0).abs() < 1.0, "{d}");
    }

    #[test]
    fn no_cell_leaves_the_point_alone() {
        assert_eq!(generalise_location([47.1, 40.1], 0.0), [47.1, 40.1]);
        assert_eq!(generalise_location([47.1, 40.1], f64::NAN), [47.1, 40.1]);
    }
}
