//! Lists the towns of the embedded basemap inside Azerbaijan's box (lon 44.7..50.9,
//! lat 38.3..41.95) with the names `assets/basemap/place_names.csv` gives them: the program
//! used to build and review that table. Towns of neighbouring countries inside the box are
//! listed too and carry no official name (`-`).
//!
//! `cargo run --example list_places [-- --all]` (`--all`: the whole world).

use minemap::i18n::Lang;
use minemap::map::basemap::EmbeddedBasemap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let all = std::env::args().any(|a| a == "--all");
    let map = EmbeddedBasemap::load()?;
    println!("geonames_name\tlon\tlat\tpopulation\taz\ten\tru\tdistrict");
    let mut named = 0;
    let mut listed = 0;
    for t in map.towns() {
        let in_box = (44.7..=50.9).contains(&t.lon) && (38.3..=41.95).contains(&t.lat);
        if !(all || in_box) {
            continue;
        }
        listed += 1;
        let (az, en, ru, district) = match t.official_names() {
            Some(n) => {
                named += 1;
                (
                    t.label(Lang::Az),
                    t.label(Lang::En),
                    t.label(Lang::Ru),
                    n.district.as_str(),
                )
            }
            None => ("-", "-", "-", "-"),
        };
        println!(
            "{}\t{:.5}\t{:.5}\t{}\t{az}\t{en}\t{ru}\t{district}",
            t.name, t.lon, t.lat, t.population
        );
    }
    eprintln!("{listed} towns listed, {named} with official names");
    Ok(())
}
