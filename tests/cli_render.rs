//! `minemap render`, run as the real binary: the PNG's size, the hazard colours where a known
//! hazard area lies, and clear errors for bad input.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use geo::InteriorPoint;
use minemap::map::projection::lonlat_to_world;
use minemap::map::render::{MapImageOptions, image_view};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

fn minemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minemap"))
        .args(args)
        .output()
        .unwrap()
}

/// An interior point (lon, lat) of the sample's largest CHA, `HA-00315`.
fn largest_cha_interior() -> (f64, f64) {
    let text = std::fs::read_to_string(sample("hazard_areas.geojson")).unwrap();
    let fc: geojson::FeatureCollection = text.parse().unwrap();
    let feature = fc
        .features
        .iter()
        .find(|f| f.property("id").and_then(|v| v.as_str()) == Some("HA-00315"))
        .unwrap();
    assert_eq!(feature.property("classification").unwrap(), "cha");
    let polygon: geo::Geometry<f64> = feature.geometry.clone().unwrap().try_into().unwrap();
    let p = polygon.interior_point().unwrap();
    (p.x(), p.y())
}

/// Share of pixels in a `half`-pixel box around `(cx, cy)` that are the CHA fill (red at 50 %
/// over the land colour: about (247, 118, 114)).
fn red_share(img: &image::RgbaImage, cx: u32, cy: u32, half: u32) -> f64 {
    let (mut red, mut all) = (0u32, 0u32);
    for y in cy - half..cy + half {
        for x in cx - half..cx + half {
            let p = img.get_pixel(x, y).0;
            all += 1;
            if p[0] > 200 && p[1] < 170 && p[2] < 170 {
                red += 1;
            }
        }
    }
    f64::from(red) / f64::from(all)
}

#[test]
fn render_writes_a_png_of_the_size_asked_with_hazard_red_over_the_known_cha() {
    let dir = tempfile::tempdir().unwrap();
    let (lon, lat) = largest_cha_interior();
    let center = format!("{lat},{lon}");
    let with = dir.path().join("with hazards.png");
    let without = dir.path().join("without.png");
    let hazards = sample("hazard_areas.geojson");
    let incidents = sample("incidents.geojson");
    let common = [
        "--center", &center, "--zoom", "14", "--size", "900x700", "--dpi", "96",
    ];
    let run = |files: &[&Path], out: &Path, extra: &[&str]| {
        let mut args = vec!["render"];
        args.extend(common);
        args.extend(extra);
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        args.extend(["-o", out.to_str().unwrap()]);
        let out = minemap(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        &[&hazards, &incidents],
        &with,
        &["--title", "Test", "--grid"],
    );
    run(&[&incidents], &without, &["--title", "Test", "--grid"]);

    let img = image::open(&with).unwrap().to_rgba8();
    assert_eq!(img.dimensions(), (900, 700));
    // Where the view puts the interior point (the same transform the renderer uses).
    let options = MapImageOptions {
        center: (lon, lat),
        zoom: 14.0,
        size_px: [900, 700],
        dpi: 96.0,
        title: Some("Test".into()),
        ..MapImageOptions::default()
    };
    let p = image_view(&options).to_screen(lonlat_to_world(lon, lat));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (x, y) = (p.x.round() as u32, p.y.round() as u32);
    let share = red_share(&img, x, y, 60);
    assert!(share > 0.5, "only {share:.2} of the box is CHA red");
    let bare = image::open(&without).unwrap().to_rgba8();
    let share = red_share(&bare, x, y, 60);
    assert!(share < 0.05, "{share:.2} red without the hazard layer");
}

#[test]
fn dpi_scales_the_image_not_the_extent() {
    // The same view at 192 DPI is twice the pixels of 96 DPI, with the furniture twice as big:
    // the title band's rule lies twice as far down.
    let dir = tempfile::tempdir().unwrap();
    let hazards = sample("hazard_areas.geojson");
    let mut rules = Vec::new();
    for (dpi, size) in [("96", "400x300"), ("192", "800x600")] {
        let out_path = dir.path().join(format!("{dpi}.png"));
        let out = minemap(&[
            "render",
            "--center",
            "39.8,46.8",
            "--zoom",
            "10",
            "--size",
            size,
            "--dpi",
            dpi,
            "--title",
            "T",
            "--no-basemap",
            hazards.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let img = image::open(&out_path).unwrap().to_rgba8();
        // The first dark row at the left edge: the title's rule.
        let rule = (0..img.height())
            .find(|&y| img.get_pixel(2, y).0[0] < 90)
            .unwrap();
        rules.push(rule);
    }
    assert!(
        (i64::from(rules[1]) - 2 * i64::from(rules[0])).abs() <= 2,
        "{rules:?}"
    );
}

#[test]
fn a_missing_input_file_is_named_in_the_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("map.png");
    let out = minemap(&[
        "render",
        "no/such/hazards.geojson",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/hazards.geojson"), "{stderr}");
    assert!(!out_path.exists());
}

#[test]
fn an_unwritable_output_and_a_bad_size_give_clear_errors() {
    let hazards = sample("hazard_areas.geojson");
    let out = minemap(&[
        "render",
        "--size",
        "400x300",
        hazards.to_str().unwrap(),
        "-o",
        "/no/such/folder/map.png",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/folder/map.png"), "{stderr}");

    let out = minemap(&[
        "render",
        "--size",
        "5x20000",
        hazards.to_str().unwrap(),
        "-o",
        "x.png",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("5×20000"), "{stderr}");
}

#[test]
fn grid_lines_are_drawn_where_the_utm_easting_lies() {
    // Without basemap or data, at 1 km spacing: the pixel row through the image's middle is
    // grid blue where the easting line 640 000 of zone 38 crosses it (pyproj puts
    // (640 000, 4 420 000) at 46.6381°E 39.9185°N; the line is found here with the library).
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("grid.png");
    let (lon, lat) = (46.6381, 39.9185);
    let center = format!("{lat},{lon}");
    let hazards = sample("clearance_sectors.geojson");
    let out = minemap(&[
        "render",
        "--center",
        &center,
        "--zoom",
        "13",
        "--size",
        "600x400",
        "--dpi",
        "96",
        "--grid",
        "--no-basemap",
        "--no-legend",
        hazards.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(&out_path).unwrap().to_rgba8();
    let options = MapImageOptions {
        center: (lon, lat),
        zoom: 13.0,
        size_px: [600, 400],
        dpi: 96.0,
        title: None,
        ..MapImageOptions::default()
    };
    let p = image_view(&options).to_screen(lonlat_to_world(lon, lat));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (x, y) = (p.x.round() as u32, p.y.round() as u32);
    assert_eq!((x, y), (300, 200));
    let bluish = |px: [u8; 4]| {
        let [r, g, b] = [px[0], px[1], px[2]].map(i32::from);
        b > r + 40 && b > g + 20
    };
    // The line passes within a pixel of the reference point…
    assert!(
        (x - 1..=x + 1).any(|x| bluish(img.get_pixel(x, y).0)),
        "{:?}",
        img.get_pixel(x, y).0
    );
    // …and not 0.5 km (≈ 40 px) to either side, between the lines.
    assert!(!bluish(img.get_pixel(x - 40, y - 40).0));
    assert!(!bluish(img.get_pixel(x + 40, y + 40).0));
}
