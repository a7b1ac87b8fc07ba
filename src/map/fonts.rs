//! Fonts for the three interface languages. egui's default fonts (Ubuntu Light, Hack) have
//! no Azerbaijani schwa (ə, Ə); Noto Sans, bundled in the binary with its OFL licence
//! (`assets/fonts/`), draws every letter of Azerbaijani, Russian and English. It becomes the
//! first proportional font (so a word is not drawn from two typefaces) and the fallback of the
//! monospace one (Hack keeps the columns of coordinates aligned).

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Installs the bundled fonts; call once at start-up (takes effect from the next pass).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "NotoSans-Regular",
        FontData::from_static(crate::i18n::NOTO_SANS),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Highest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, alphabet};
    use egui::FontId;

    /// Characters of `text` that `family` has no glyph for, once the fonts are set up.
    fn missing(ctx: &egui::Context, family: &FontFamily, text: &str) -> Vec<char> {
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        // No renderer here to take the font atlas.
        output.textures_delta.clear();
        let font = FontId::new(14.0, family.clone());
        ctx.fonts_mut(|f| {
            text.chars()
                .filter(|&c| !c.is_whitespace() && !f.has_glyph(&font, c))
                .collect()
        })
    }

    #[test]
    fn every_letter_of_the_three_languages_has_a_glyph() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        for lang in Lang::ALL {
            for family in [FontFamily::Proportional, FontFamily::Monospace] {
                let m = missing(&ctx, &family, alphabet(lang));
                assert!(m.is_empty(), "{lang:?} {family:?}: no glyph for {m:?}");
            }
        }
        // The grouping space of az/ru figures and the symbols of the catalogues too.
        let m = missing(&ctx, &FontFamily::Proportional, "\u{a0}«»№²—…·−");
        assert!(m.is_empty(), "no glyph for {m:?}");
    }

    #[test]
    fn the_default_fonts_alone_lack_the_azerbaijani_schwa() {
        // Why the bundled font is needed: without it ə has no glyph.
        let ctx = egui::Context::default();
        let m = missing(&ctx, &FontFamily::Proportional, "əƏ");
        assert!(
            !m.is_empty(),
            "egui's defaults now draw ə: the bundled font may go"
        );
    }
}
