//! Command-line options of the GUI that are checked before any window opens.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn minemap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        // No display: if argument checking let these through, the window would fail, not hang.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

#[test]
fn a_bad_center_is_refused_with_exit_code_2() {
    let out = minemap(&["--center", "forty,47"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--center") && err.contains("forty"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_center_out_of_range_is_refused() {
    let out = minemap(&["--center", "95,47"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("latitude 95"));
}

#[test]
fn a_zoom_out_of_range_is_refused() {
    let out = minemap(&["--zoom", "40"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--zoom"));
}

#[test]
fn help_names_the_basemap_choices() {
    let out = minemap(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "--basemap",
        "embedded",
        "mbtiles",
        "pmtiles",
        "--center",
        "--zoom",
    ] {
        assert!(text.contains(word), "help lacks {word}:\n{text}");
    }
}
