//! `minemap render`: a map image (PNG) of some files, headless — the GUI's "Export map image"
//! with the same renderer (`map::render`), no window opened.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::i18n::Lang;
use crate::map::overlay::{fit_bounds, fit_view};
use crate::map::render::{ImageLayer, MapImageOptions, image_view, render_map_image, today};

/// Options of `minemap render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Centre of the map, LAT,LON in decimal degrees (default: the middle of the data).
    #[arg(long, value_name = "LAT,LON", value_parser = super::parse_center)]
    pub center: Option<(f64, f64)>,
    /// Zoom level 1–22, as in the window at 96 DPI (default: the data fills the image).
    #[arg(long, value_name = "Z")]
    pub zoom: Option<f64>,
    /// Image size in pixels, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "2000x1400", value_parser = parse_size)]
    pub size: [u32; 2],
    /// Dots per inch: scales lines and text (96 draws one pixel per point); the map's extent
    /// stays that of the zoom.
    #[arg(long, value_name = "DPI", default_value_t = 150.0)]
    pub dpi: f32,
    /// Title printed across the top.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Draw the MGRS/UTM grid.
    #[arg(long)]
    pub grid: bool,
    /// Leave the legend out.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave the embedded basemap out (plain land colour).
    #[arg(long)]
    pub no_basemap: bool,
    /// Language of the legend, place names, scale bar and footer: az, ru or en (default: the
    /// system locale, else English).
    #[arg(long, value_name = "az|ru|en", value_parser = super::parse_lang)]
    pub lang: Option<Lang>,
    /// The PNG to write.
    #[arg(short, long, value_name = "OUT.png")]
    pub output: PathBuf,
    /// Files to draw (any format minemap opens), the first at the bottom.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Parses `WIDTHxHEIGHT` (`2000x1400`).
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("\"{text}\" is not WIDTHxHEIGHT (for example 2000x1400)"))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("\"{s}\" in \"{text}\" is not a whole number of pixels"))
    };
    Ok([parse(w)?, parse(h)?])
}

/// Runs `minemap render`; returns the exit code.
#[must_use]
pub fn run(args: &RenderArgs) -> i32 {
    let lang = args.lang.unwrap_or_else(Lang::from_system);
    // The legend's labels follow the interface language.
    crate::i18n::set_lang(lang);
    let (layers, failed) =
        super::headless::read_all(&args.files, &crate::io::ImportOptions::default());
    if failed {
        return exit::FILE_ERROR;
    }
    let mut options = MapImageOptions {
        center: (47.5, 40.2),
        zoom: args.zoom.unwrap_or(8.0),
        size_px: args.size,
        dpi: args.dpi,
        title: args.title.clone(),
        legend: !args.no_legend,
        grid: args.grid,
        basemap: !args.no_basemap,
        lang,
        date: today(),
    };
    let bounds = fit_bounds(&layers);
    match (args.center, bounds) {
        (Some(c), _) => options.center = c,
        (None, Some((min, max))) => {
            options.center = ((min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0);
        }
        (None, None) => {}
    }
    if args.zoom.is_none()
        && let Some(b) = bounds
    {
        let clip = image_view(&options).clip;
        let fitted = fit_view(b, clip, 40.0, 17.0);
        options.zoom = fitted.zoom.clamp(1.0, 22.0);
        if args.center.is_none() {
            let (lon, lat) = crate::map::projection::world_to_lonlat(fitted.center_world);
            options.center = (lon, lat);
        }
    }
    let image_layers: Vec<ImageLayer> = layers
        .into_iter()
        .map(ImageLayer::in_default_style)
        .collect();
    let image = match render_map_image(&image_layers, &options) {
        Ok(image) => image,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::FILE_ERROR;
        }
    };
    match image.save_png(&args.output) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::FILE_ERROR
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_width_by_height_and_garbage_is_refused() {
        assert_eq!(parse_size("2000x1400"), Ok([2000, 1400]));
        assert_eq!(parse_size("800×600"), Ok([800, 600]));
        assert!(parse_size("2000").is_err());
        assert!(parse_size("2000xabc").unwrap_err().contains("abc"));
    }
}
