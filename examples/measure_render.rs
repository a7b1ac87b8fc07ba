//! Times map images — the target is a 4000×3000 image ≤ 2 s.
//!
//! ```text
//! cargo run --release --example measure_render                      # the sample data
//! cargo run --release --example measure_render -- /work/bench_data/200k/hazard_areas.geojson
//! cargo run --release --example measure_render -- FILE... --center 39.8,46.8 --zoom 12
//! ```
//!
//! Loads FILEs (not timed; default the three sample files), fits the view to them (or uses
//! `--center`/`--zoom`), then renders a 4000×3000 image at 96 DPI with title, legend, grid,
//! scale bar and the embedded basemap, best of 3, and writes it as PNG (timed apart), to
//! `measure_render.png` in the system's temporary folder. Each render starts from a fresh
//! overlay cache, so tessellating the layers is included, as in `minemap render`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use minemap::io::read_any_file;
use minemap::map::overlay::{fit_bounds, fit_view};
use minemap::map::render::{ImageLayer, MapImageOptions, image_view, render_map_image};

fn main() -> anyhow::Result<()> {
    let mut files = Vec::new();
    let (mut center, mut zoom) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--center" => {
                let text = args.next().context("--center LAT,LON")?;
                center = Some(minemap::cli::parse_center(&text).map_err(anyhow::Error::msg)?);
            }
            "--zoom" => zoom = Some(args.next().context("--zoom Z")?.parse::<f64>()?),
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
        for f in ["hazard_areas", "clearance_sectors", "incidents"] {
            files.push(dir.join(format!("{f}.geojson")));
        }
    }
    let t = Instant::now();
    let mut layers = Vec::new();
    for f in &files {
        for loaded in read_any_file(f, &|_| {})? {
            layers.push(loaded.layer);
        }
    }
    let features: usize = layers.iter().map(|l| l.features.len()).sum();
    eprintln!(
        "loaded {features} features in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let mut options = MapImageOptions {
        size_px: [4000, 3000],
        dpi: 96.0,
        title: Some("minemap: map image benchmark".into()),
        legend: true,
        grid: true,
        ..MapImageOptions::default()
    };
    let bounds = fit_bounds(&layers).context("no geometry to fit")?;
    let fitted = fit_view(bounds, image_view(&options).clip, 40.0, 17.0);
    let (lon, lat) = minemap::map::projection::world_to_lonlat(fitted.center_world);
    options.center = center.unwrap_or((lon, lat));
    options.zoom = zoom.unwrap_or(fitted.zoom);
    eprintln!(
        "view: centre {:.4},{:.4} zoom {:.2}, 4000×3000 px",
        options.center.1, options.center.0, options.zoom
    );
    let image_layers: Vec<ImageLayer> = layers
        .into_iter()
        .map(ImageLayer::in_default_style)
        .collect();
    if std::env::var_os("MEASURE_BREAKDOWN").is_some() {
        breakdown(&image_layers, &options);
    }
    let mut best = Duration::MAX;
    let mut image = None;
    for _ in 0..3 {
        let t = Instant::now();
        let img = render_map_image(&image_layers, &options)?;
        best = best.min(t.elapsed());
        image = Some(img);
    }
    let image = image.context("no image")?;
    eprintln!("stages of the last render: {:?}", image.timings);
    let out = std::env::temp_dir().join("measure_render.png");
    let t = Instant::now();
    image.save_png(&out)?;
    let png = t.elapsed();
    println!(
        "render 4000×3000: {:.3} s (best of 3); PNG write: {:.3} s; total {:.3} s -> {}",
        best.as_secs_f64(),
        png.as_secs_f64(),
        (best + png).as_secs_f64(),
        out.display()
    );
    Ok(())
}

/// The overlay's part of "shapes", step by step (set `MEASURE_BREAKDOWN=1`).
fn breakdown(layers: &[ImageLayer], options: &MapImageOptions) {
    use minemap::map::overlay::{Highlight, OverlayCache};
    let plain: Vec<_> = layers.iter().map(|l| l.layer.clone()).collect();
    let view = image_view(options);
    let t = Instant::now();
    let mut overlay = OverlayCache::new();
    overlay.sync(&plain);
    eprintln!(
        "  overlay cache (project, R-tree): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut frames = 0;
    loop {
        let _ = overlay.prepare_frame(&plain, &view, &Highlight::default());
        frames += 1;
        if !overlay.last_frame_stats().pending || frames > 1000 {
            break;
        }
    }
    eprintln!(
        "  meshes: {frames} frames {:.3} s, {:?}",
        t.elapsed().as_secs_f64(),
        overlay.last_frame_stats()
    );
    let t = Instant::now();
    let _ = overlay.label_candidates(&plain, &view, minemap::map::overlay::MAX_LABEL_CANDIDATES);
    eprintln!("  label candidates: {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for l in layers {
        let _ = minemap::map::style::legend::legend_shown(&l.layer, &l.style, None);
    }
    eprintln!("  legend counts: {:.3} s", t.elapsed().as_secs_f64());
}
