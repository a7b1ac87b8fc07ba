//! The window that offers back the unsaved edits of a session that did not end cleanly:
//! what (how many changes in which files), from when, what could not be read, and Restore /
//! Discard / Later.

use crate::i18n::{self, tr, tr_args};
use crate::state::Command;
use crate::state::autosave::RecoveryOffer;

/// When the journal's last edit was written, local time, in the interface's date style.
#[must_use]
pub fn when(offer: &RecoveryOffer) -> String {
    offer
        .last_edit_unix_ms
        .and_then(|ms| jiff::Timestamp::from_millisecond(i64::try_from(ms).ok()?).ok())
        .map_or_else(
            || "?".to_owned(),
            |t| {
                let local = t.to_zoned_datetime(jiff::tz::TimeZone::system());
                i18n::format::date(&local.strftime("%Y-%m-%d %H:%M").to_string(), i18n::lang())
            },
        )
}

/// The sentence the window leads with: "Unsaved edits from …: N changes in FILES".
#[must_use]
pub fn summary(offer: &RecoveryOffer) -> String {
    let files: Vec<String> = offer.layers.iter().map(|l| l.key.display_name()).collect();
    tr_args(
        "recover-summary",
        &[
            ("when", when(offer).into()),
            ("count", offer.changes().into()),
            ("files", files.join(", ").into()),
        ],
    )
}

pub fn show(ctx: &egui::Context, offer: &RecoveryOffer, commands: &mut Vec<Command>) {
    egui::Window::new(tr("recover-title"))
        .id(egui::Id::unique("recovery window"))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.add(egui::Label::new(summary(offer)).wrap());
            for l in &offer.layers {
                let where_ = l.key.path.as_ref().map_or_else(
                    || tr("recover-no-file").to_owned(),
                    |p| p.display().to_string(),
                );
                ui.weak(format!("• {} — {where_}", l.key.display_name()));
            }
            if !offer.problems.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr_args(
                        "recover-problems",
                        &[("count", offer.problems.len().into())],
                    ),
                );
                for p in &offer.problems {
                    ui.weak(format!("{}: {}", p.line, p.reason));
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .button(tr("recover-restore"))
                    .on_hover_text(tr("recover-restore-tip"))
                    .clicked()
                {
                    commands.push(Command::RestoreRecovery);
                }
                if ui
                    .button(tr("recover-discard"))
                    .on_hover_text(tr("recover-discard-tip"))
                    .clicked()
                {
                    commands.push(Command::DiscardRecovery);
                }
                if ui
                    .button(tr("recover-later"))
                    .on_hover_text(tr("recover-later-tip"))
                    .clicked()
                {
                    commands.push(Command::PostponeRecovery);
                }
            });
        });
}
