//! Interface languages (Azerbaijani, Russian, English): the message catalogues, the current
//! language, and locale-aware display formatting of numbers, areas and dates ([`format`]).
//!
//! Messages are Fluent (`assets/i18n/{en,az,ru}.ftl`, Project Fluent's format, read by the
//! `fluent-bundle` crate) compiled into the binary: Fluent selects plural forms by the CLDR
//! rules of each language (Russian: 1 объект, 2 объекта, 5 объектов) and takes named
//! arguments. Numbers given to a message are formatted by [`format`], so a figure reads the
//! same in a message and in a table. No egui here: the command line uses it too.
//!
//! Text that comes from the data (property values, names) is never passed through here.

pub mod format;
pub mod labels;
pub mod qa;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{LazyLock, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    /// Azerbaijani in Latin script.
    Az,
    Ru,
}

impl Lang {
    pub const ALL: [Self; 3] = [Self::Az, Self::Ru, Self::En];

    /// The BCP 47 code (`en`, `az`, `ru`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Az => "az",
            Self::Ru => "ru",
        }
    }

    /// The language's own name, for a language menu (always shown in that language).
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Az => "Azərbaycanca",
            Self::Ru => "Русский",
        }
    }

    /// Reads a locale or language tag (`az`, `az-Latn-AZ`, `ru_RU.UTF-8`, `EN`); `None` for a
    /// language minemap does not speak.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "az" | "aze" => Some(Self::Az),
            "ru" | "rus" => Some(Self::Ru),
            _ => None,
        }
    }

    /// The system's language when minemap speaks it, else English.
    #[must_use]
    pub fn from_system() -> Self {
        sys_locale::get_locales()
            .find_map(|l| Self::from_tag(&l))
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::Az => 1,
            Self::Ru => 2,
        }
    }

    fn from_index(i: u8) -> Self {
        match i {
            1 => Self::Az,
            2 => Self::Ru,
            _ => Self::En,
        }
    }
}

/// The catalogue sources, embedded so a copied binary speaks all three languages.
const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../../assets/i18n/en.ftl")),
    (Lang::Az, include_str!("../../assets/i18n/az.ftl")),
    (Lang::Ru, include_str!("../../assets/i18n/ru.ftl")),
];

/// One language's catalogue: the Fluent bundle, and every message without arguments
/// formatted once (so [`tr`] is a hash lookup, cheap enough for every frame).
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    fixed: HashMap<String, String>,
    keys: Vec<String>,
}

/// Fluent's hook for numbers inside messages: the same grouping and decimal mark as tables.
fn fluent_number(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let decimals = n.options.maximum_fraction_digits.unwrap_or_else(|| {
                // As many decimals as the value was given with (counts have none).
                format::shortest_decimals(n.value)
            });
            Some(format::number(n.value, decimals, lang))
        }
        _ => None,
    }
}

fn fluent_number_en(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    fluent_number(Lang::En, v)
}
fn fluent_number_az(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    fluent_number(Lang::Az, v)
}
fn fluent_number_ru(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    fluent_number(Lang::Ru, v)
}

impl Catalogue {
    fn build(lang: Lang, source: &str) -> Self {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                // The catalogue tests fail on this; a shipped binary keeps the good entries.
                log::error!(
                    "catalogue {}.ftl has syntax errors: {errors:?}",
                    lang.code()
                );
                r
            }
        };
        let keys: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        let langid = lang
            .code()
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Unicode isolation marks would show as boxes or stray spaces in egui labels.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::En => fluent_number_en,
            Lang::Az => fluent_number_az,
            Lang::Ru => fluent_number_ru,
        }));
        if let Err(errors) = bundle.add_resource(resource) {
            log::error!("catalogue {}.ftl: {errors:?}", lang.code());
        }
        let mut fixed = HashMap::new();
        for key in &keys {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                // A message that needs arguments is formatted per call, not cached.
                if errors.is_empty() {
                    fixed.insert(key.clone(), text.into_owned());
                }
            }
        }
        Self {
            bundle,
            fixed,
            keys,
        }
    }
}

static CATALOGUES: LazyLock<[Catalogue; 3]> =
    LazyLock::new(|| SOURCES.map(|(lang, source)| Catalogue::build(lang, source)));

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Keys asked for that no catalogue has, each leaked once so [`tr`] can return it.
static MISSING: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Mutex::default);

/// The interface language now.
#[must_use]
pub fn lang() -> Lang {
    Lang::from_index(CURRENT.load(Ordering::Relaxed))
}

/// Switches the interface language; the next frame (or message) uses it.
pub fn set_lang(lang: Lang) {
    #[allow(clippy::cast_possible_truncation)] // three languages
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

/// The message `key` in the current language, without arguments. Falls back to English,
/// then to the key itself (logged once), so a missing translation never hides a control.
#[must_use]
pub fn tr(key: &str) -> &'static str {
    tr_in(lang(), key)
}

/// The message `key` in `lang` (see [`tr`]).
#[must_use]
pub fn tr_in(lang: Lang, key: &str) -> &'static str {
    let catalogues: &'static [Catalogue; 3] = &CATALOGUES;
    if let Some(text) = catalogues[lang.index()].fixed.get(key) {
        return text;
    }
    if let Some(text) = catalogues[Lang::En.index()].fixed.get(key) {
        return text;
    }
    missing(key)
}

fn missing(key: &str) -> &'static str {
    let Ok(mut set) = MISSING.lock() else {
        return "?";
    };
    if let Some(k) = set.get(key) {
        return k;
    }
    log::warn!("no message \"{key}\" in the catalogues");
    let leaked: &'static str = Box::leak(key.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// An argument of a message: a number (formatted per language, and choosing the plural
/// form) or a text (inserted as is).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Number(f64),
    Text(Cow<'a, str>),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)] // counts and measures
            fn from(v: $t) -> Self {
                Self::Number(v as f64)
            }
        }
    )*};
}
number_arg!(f64, f32, u8, u16, i32, i64, u32, u64, usize);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Self::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Self::Text(Cow::Owned(v))
    }
}

/// The message `key` in the current language with named arguments, e.g.
/// `tr_args("features-count", &[("count", 3.into())])`.
#[must_use]
pub fn tr_args(key: &str, args: &[(&str, Arg<'_>)]) -> String {
    tr_args_in(lang(), key, args)
}

/// The message `key` in `lang` with named arguments (see [`tr_args`]).
#[must_use]
pub fn tr_args_in(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let v = match value {
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Text(t) => FluentValue::from(t.as_ref()),
        };
        fluent_args.set(*name, v);
    }
    let catalogues: &[Catalogue; 3] = &CATALOGUES;
    for cat in [&catalogues[lang.index()], &catalogues[Lang::En.index()]] {
        if let Some(pattern) = cat.bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = cat
                .bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                log::warn!("message \"{key}\" ({}): {errors:?}", lang.code());
            }
            return text.into_owned();
        }
    }
    missing(key).to_owned()
}

/// Every message key of `lang`'s catalogue, in file order.
#[must_use]
pub fn keys(lang: Lang) -> &'static [String] {
    let catalogues: &'static [Catalogue; 3] = &CATALOGUES;
    &catalogues[lang.index()].keys
}

/// Noto Sans Regular (OFL 1.1, `assets/fonts/OFL.txt`): egui's default fonts lack the
/// Azerbaijani schwa (ə, Ə) and the narrow no-break space; this one draws every letter of the
/// three languages. Installed by `map::fonts::install_fonts`.
pub static NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

/// The alphabet of each language (with the signs minemap's figures use), for glyph checks.
#[must_use]
pub fn alphabet(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 m² km² °′″·…—",
        Lang::Az => {
            "AaBbCcÇçDdEeƏəFfGgĞğHhXxIıİiJjKkQqLlMmNnOoÖöPpRrSsŞşTtUuÜüVvYyZz 1\u{a0}234,5 m² ha"
        }
        Lang::Ru => {
            "АаБбВвГгДдЕеЁёЖжЗзИиЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЪъЫыЬьЭэЮюЯя № 1\u{a0}234,5 м² га км²"
        }
    }
}

#[cfg(test)]
mod tests;
