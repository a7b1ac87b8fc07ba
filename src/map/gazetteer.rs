//! Search by name: finds a town of the embedded basemap by any of its names — official
//! Azerbaijani, English or Russian exonym, GeoNames name or a former name from
//! `assets/basemap/place_names.csv` — ignoring case, accents and script. `susa`, `Şuşa`,
//! `Шуша`, `Shusha` and `shushi` all find Şuşa.
//!
//! Names are compared on a folded skeleton ([`fold`]): Cyrillic transliterated to Latin,
//! diacritics dropped, and the letters that romanisations of Azerbaijani and Russian spell
//! differently merged (ş/sh/ш → s, c/j/dzh/ж → j, x/kh/х → x, q/ğ/gh/h/г → g, a/e/ə → a,
//! i/ı/y → i, ö/o → o, ü/u → u). Hits are ranked: the whole name, then a prefix, then a
//! part, then a near miss (a typo or two); among equals the larger town first.
//! No egui here.

use std::sync::LazyLock;

use crate::i18n::Lang;
use crate::map::basemap::{EmbeddedBasemap, Town};

/// A town found by [`Gazetteer::search`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMatch {
    /// Index of the town in the gazetteer (the basemap's town order).
    pub index: usize,
    pub lon: f64,
    pub lat: f64,
    pub population: u32,
    /// Lower is better: 0 whole name, 1 prefix, 2 part of a name, 3 + edits for a near miss.
    pub rank: u32,
}

struct Entry {
    town: Town,
    /// Folded names, each at most once.
    keys: Vec<String>,
}

/// The searchable towns of a basemap.
pub struct Gazetteer {
    entries: Vec<Entry>,
}

/// The gazetteer of the embedded basemap, built on first use (a few milliseconds).
#[must_use]
pub fn embedded() -> &'static Gazetteer {
    static EMBEDDED: LazyLock<Gazetteer> = LazyLock::new(|| match EmbeddedBasemap::load() {
        Ok(map) => Gazetteer::new(map.towns()),
        Err(e) => {
            log::error!("place search has no towns: {e}");
            Gazetteer::new(&[])
        }
    });
    &EMBEDDED
}

impl Gazetteer {
    /// Indexes `towns` under every name they carry.
    #[must_use]
    pub fn new(towns: &[Town]) -> Self {
        let entries = towns
            .iter()
            .map(|t| {
                let mut keys: Vec<String> =
                    t.all_names().map(fold).filter(|k| !k.is_empty()).collect();
                keys.sort();
                keys.dedup();
                Entry {
                    town: t.clone(),
                    keys,
                }
            })
            .collect();
        Self { entries }
    }

    /// The town at `index` of a [`PlaceMatch`].
    #[must_use]
    pub fn town(&self, index: usize) -> Option<&Town> {
        self.entries.get(index).map(|e| &e.town)
    }

    /// The name of a match as the map labels it in `lang`.
    #[must_use]
    pub fn label(&self, m: &PlaceMatch, lang: Lang) -> String {
        self.town(m.index)
            .map(|t| t.label(lang).to_owned())
            .unwrap_or_default()
    }

    /// Towns whose names match `query`, best first, at most `limit`.
    #[must_use]
    pub fn search(&self, query: &str, limit: usize) -> Vec<PlaceMatch> {
        let q = fold(query);
        if q.chars().count() < 2 {
            return Vec::new();
        }
        let q_len = q.chars().count();
        // One edit per four letters, at most two: "fizuli" finds Füzuli, "not a place" nothing.
        let max_edits = (q_len / 4).min(2);
        let mut hits: Vec<PlaceMatch> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, e)| {
                let rank = e
                    .keys
                    .iter()
                    .filter_map(|k| {
                        if *k == q {
                            Some(0)
                        } else if k.starts_with(&q) {
                            Some(1)
                        } else if q_len >= 3 && k.contains(&q) {
                            Some(2)
                        } else if max_edits > 0 {
                            let d = levenshtein(k, &q);
                            #[allow(clippy::cast_possible_truncation)] // d ≤ 2 here
                            (d <= max_edits).then_some(3 + d as u32)
                        } else {
                            None
                        }
                    })
                    .min()?;
                Some(PlaceMatch {
                    index,
                    lon: e.town.lon,
                    lat: e.town.lat,
                    population: e.town.population,
                    rank,
                })
            })
            .collect();
        hits.sort_by(|a, b| a.rank.cmp(&b.rank).then(b.population.cmp(&a.population)));
        hits.truncate(limit);
        hits
    }

    /// The best match of `query`, if any.
    #[must_use]
    pub fn best(&self, query: &str) -> Option<PlaceMatch> {
        self.search(query, 1).into_iter().next()
    }
}

/// The search skeleton of a name (see the module documentation).
#[must_use]
pub fn fold(name: &str) -> String {
    // 1. Lower case, Cyrillic to Latin, diacritics off.
    let mut latin = String::with_capacity(name.len() * 2);
    let mut prev_letter = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        let s: &str = match ch {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' | 'ҝ' => "g",
            'д' => "d",
            // Initial е, ё, ю, я are iotated: Евлах is Yevlakh.
            'е' | 'э' if !prev_letter => "ye",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ј' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' | 'щ' => "sh",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ә' => "ə",
            'ҹ' => "j",
            'һ' => "h",
            'ө' => "o",
            'ү' => "u",
            'ş' | 'ș' => "sh",
            'ç' => "ch",
            'ğ' => "gh",
            'ı' | 'ì' | 'í' | 'î' | 'ï' => "i",
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' => "o",
            'ü' | 'ù' | 'ú' | 'û' => "u",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ñ' => "n",
            // The dot of a lower-cased İ, and other combining marks.
            '\u{300}'..='\u{36f}' => "",
            c if c.is_alphanumeric() => {
                latin.push(c);
                prev_letter = true;
                continue;
            }
            _ => {
                prev_letter = false;
                continue;
            }
        };
        latin.push_str(s);
        prev_letter = !s.is_empty() || prev_letter;
    }
    // 2. Merge what romanisations spell differently; digraphs first.
    let chars: Vec<char> = latin.chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let (c, used) = match (chars[i], next) {
            ('d', Some('z')) if chars.get(i + 2) == Some(&'h') => ('j', 3),
            ('d', Some('j')) | ('z', Some('h')) => ('j', 2),
            ('s', Some('h')) => ('s', 2),
            ('c', Some('h')) | ('t', Some('s')) => ('c', 2),
            ('k', Some('h')) => ('x', 2),
            ('g', Some('h')) => ('g', 2),
            ('c', _) => ('j', 1),
            ('q' | 'h', _) => ('g', 1),
            ('e' | 'ə', _) => ('a', 1),
            ('y' | 'ı', _) => ('i', 1),
            ('w', _) => ('v', 1),
            (c, _) => (c, 1),
        };
        // Doubled letters are spelled single in some romanisations.
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
        i += used;
    }
    out
}

/// Edit distance between two short strings (names), in characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(query: &str) -> Option<String> {
        let g = embedded();
        g.best(query).map(|m| g.label(&m, Lang::Az))
    }

    #[test]
    fn susa_is_found_by_all_its_spellings() {
        for q in [
            "susa",
            "Şuşa",
            "ŞUŞA",
            "Шуша",
            "Shusha",
            "shushi",
            "Shushi",
            "  şuşa ",
        ] {
            assert_eq!(found(q).as_deref(), Some("Şuşa"), "{q}");
        }
    }

    #[test]
    fn official_names_exonyms_and_former_names_lead_to_the_same_town() {
        for (queries, az) in [
            (
                &[
                    "Xankəndi",
                    "Khankendi",
                    "Ханкенди",
                    "xankendi",
                    "Stepanakert",
                ][..],
                "Xankəndi",
            ),
            (&["Ağdərə", "Aghdara", "Агдере", "Martakert"][..], "Ağdərə"),
            (&["Füzuli", "Fuzuli", "Физули", "Fizuli"][..], "Füzuli"),
            (
                &["Cəbrayıl", "Jabrayil", "Джебраил", "Jebrail"][..],
                "Cəbrayıl",
            ),
            (&["Kəlbəcər", "Kalbajar", "Кельбаджар"][..], "Kəlbəcər"),
            (&["Qubadlı", "Gubadli", "Губадлы"][..], "Qubadlı"),
            (&["Laçın", "Lachin", "Лачин"][..], "Laçın"),
            (&["Zəngilan", "Zangilan", "Зангилан"][..], "Zəngilan"),
            (&["Hadrut", "Гадрут"][..], "Hadrut"),
            (&["Yevlax", "Yevlakh", "Евлах"][..], "Yevlax"),
            (&["Gəncə", "Ganja", "Гянджа"][..], "Gəncə"),
            (&["Bakı", "Baku", "Баку"][..], "Bakı"),
        ] {
            for q in queries {
                assert_eq!(found(q).as_deref(), Some(az), "{q}");
            }
        }
    }

    #[test]
    fn towns_outside_azerbaijan_are_found_by_their_geonames_name() {
        assert_eq!(found("Tbilisi").as_deref(), Some("Tbilisi"));
        assert_eq!(found("Yerevan").as_deref(), Some("Yerevan"));
    }

    #[test]
    fn prefixes_and_typos_find_a_town_and_nonsense_finds_none() {
        assert_eq!(found("Xocav").as_deref(), Some("Xocavənd"));
        assert_eq!(found("Khojavand").as_deref(), Some("Xocavənd"));
        assert_eq!(found("Fuzulli").as_deref(), Some("Füzuli"));
        assert_eq!(found("not a place"), None);
        assert_eq!(found("40.1, 47.5"), None);
        assert_eq!(found(""), None);
        assert_eq!(found("x"), None);
    }

    #[test]
    fn whole_names_rank_before_prefixes_and_bigger_towns_first() {
        let g = embedded();
        let hits = g.search("Qax", 5);
        assert!(hits.len() >= 2, "{hits:?}");
        assert_eq!(g.label(&hits[0], Lang::Az), "Qax");
        assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
    }

    #[test]
    fn folding_merges_scripts_and_romanisations() {
        assert_eq!(fold("Şuşa"), fold("Шуша"));
        assert_eq!(fold("Xankəndi"), fold("Ханкенди"));
        assert_eq!(fold("Qırmızı Bazar"), fold("Гырмызы Базар"));
        assert_eq!(fold("İsmayıllı"), fold("Ismayilli"));
        assert_eq!(fold("Kəlbəcər"), fold("Kalbajar"));
        assert_ne!(fold("Qax"), fold("Quba"));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(levenshtein("susa", "susi"), 1);
        assert_eq!(levenshtein("şuşa", "suşa"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
