//! Map images for reports, rendered off-screen: the embedded basemap, the layers (the overlay's
//! own meshes, styles, filters and labels), the MGRS/UTM grid, and the furniture (title,
//! legend, scale bar, north arrow, attribution, date) for a virtual view of any pixel size.
//!
//! The shapes are the ones the window paints, produced by the same code (`basemap`,
//! `overlay`, `grid`, `furniture`); a private `egui::Context` lays out the text with the app's
//! fonts and tessellates everything at `dpi / 96` pixels per point, and [`super::raster`]
//! fills the triangles on the CPU. So no window, GPU or display is needed (the CLI and
//! background jobs use it), and DPI scales line widths and fonts while the view keeps its
//! extent. Tile packages and online basemaps are not drawn into images: the embedded basemap
//! is (or none).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{LayerId, Pos2, Rect, ViewportId, pos2, vec2};

use crate::i18n::{self, Lang};
use crate::map::basemap::{self, EmbeddedBasemap, paint_labels};
use crate::map::furniture::{self, LegendBlock};
use crate::map::overlay::{Highlight, OverlayCache};
use crate::map::projection::{ViewTransform, lonlat_to_world};
use crate::map::raster::{Texture, rasterise};
use crate::map::style::LayerStyle;
use crate::map::style::legend::legend_shown;
use crate::model::Layer;

/// Largest image side in pixels (a 10 000² image is 400 MB of pixels already).
pub const MAX_SIDE_PX: u32 = 10_000;
/// Points per inch on screen: DPI 96 draws one pixel per point.
pub const SCREEN_DPI: f32 = 96.0;

/// Why a map image could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("image size {width}×{height} px: each side must be 16–{MAX_SIDE_PX} px")]
    BadSize { width: u32, height: u32 },
    #[error("DPI {0}: it must be between 24 and 1200")]
    BadDpi(f32),
    #[error("zoom {0}: it must be between 1 and 22")]
    BadZoom(f64),
    #[error("could not write the image {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not encode the PNG for {}: {reason}", path.display())]
    Encode { path: PathBuf, reason: String },
}

/// A layer as it goes into an image: its features, style and filter mask.
#[derive(Clone)]
pub struct ImageLayer {
    pub layer: Layer,
    pub style: LayerStyle,
    /// Features the layer's filter keeps (`None`: all).
    pub mask: Option<Vec<bool>>,
}

impl ImageLayer {
    /// A layer in its default style with no filter (the command line, benchmarks).
    #[must_use]
    pub fn in_default_style(layer: Layer) -> Self {
        Self {
            style: LayerStyle::default_for(&layer),
            layer,
            mask: None,
        }
    }
}

/// What to draw and how big.
#[derive(Clone, Debug, PartialEq)]
pub struct MapImageOptions {
    /// Centre of the view, longitude and latitude.
    pub center: (f64, f64),
    /// Zoom of the view in points (at 96 DPI, as the window shows it at that zoom).
    pub zoom: f64,
    /// Width and height in pixels.
    pub size_px: [u32; 2],
    pub dpi: f32,
    pub title: Option<String>,
    pub legend: bool,
    pub grid: bool,
    /// Draw the embedded basemap (else a plain land colour).
    pub basemap: bool,
    /// Language of the furniture and the place names.
    pub lang: Lang,
    /// The date printed in the corner (ISO `YYYY-MM-DD`, shown in `lang`'s convention).
    pub date: String,
}

impl Default for MapImageOptions {
    fn default() -> Self {
        Self {
            center: (47.5, 40.2),
            zoom: 8.0,
            size_px: [1600, 1100],
            dpi: SCREEN_DPI,
            title: None,
            legend: true,
            grid: false,
            basemap: true,
            lang: Lang::En,
            date: today(),
        }
    }
}

/// Today's date, ISO (for the image's corner).
#[must_use]
pub fn today() -> String {
    // UTC, as the filter panel's "today": no time-zone database is needed.
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// A rendered image: RGBA, row-major.
#[derive(Clone, Debug)]
pub struct MapImage {
    pub width: u32,
    pub height: u32,
    pub dpi: f32,
    pub rgba: Vec<u8>,
    /// Where the time went (for benchmarks).
    pub timings: RenderTimings,
}

/// Time spent in each stage of [`render_map_image`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderTimings {
    /// Basemap frame, overlay cache and meshes, legend counts.
    pub shapes: std::time::Duration,
    /// The egui pass: labels, grid, furniture, text layout.
    pub layout: std::time::Duration,
    /// epaint's tessellation into triangles.
    pub tessellate: std::time::Duration,
    /// Filling the triangles.
    pub raster: std::time::Duration,
}

impl MapImage {
    /// The pixel at `(x, y)` as RGBA.
    #[must_use]
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        self.rgba.get(i..i + 4).map(|p| [p[0], p[1], p[2], p[3]])
    }

    /// Writes the image as PNG (atomically), with its DPI in the `pHYs` chunk so word
    /// processors place it at its printed size.
    ///
    /// # Errors
    /// [`RenderError::Write`] or [`RenderError::Encode`], naming the path.
    pub fn save_png(&self, path: &Path) -> Result<(), RenderError> {
        let encode_error = |e: png::EncodingError| std::io::Error::other(e.to_string());
        crate::io::atomic::write_atomic(path, |w| {
            let mut encoder = png::Encoder::new(w, self.width, self.height);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            // Fast deflate: a 4000×3000 map compresses well anyway (flat colours), and the
            // default level takes longer than drawing it.
            encoder.set_compression(png::Compression::Fast);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // DPI ≤ 1200
            let per_metre = (self.dpi / 0.0254).round() as u32;
            encoder.set_pixel_dims(Some(png::PixelDimensions {
                xppu: per_metre,
                yppu: per_metre,
                unit: png::Unit::Meter,
            }));
            let mut writer = encoder.write_header().map_err(encode_error)?;
            writer.write_image_data(&self.rgba).map_err(encode_error)?;
            writer.finish().map_err(encode_error)
        })
        .map_err(|source| RenderError::Write {
            path: path.to_owned(),
            source,
        })
    }
}

/// Height of the title band across the top of an image with a title, in points.
pub const TITLE_BAND_PT: f32 = 44.0;

/// The view of an image: `options`' centre and zoom over `size_px / (dpi / 96)` points, below
/// the title band if there is a title (the map is not drawn under it).
#[must_use]
pub fn image_view(options: &MapImageOptions) -> ViewTransform {
    let full = image_rect(options);
    let clip = if has_title(options) {
        Rect::from_min_max(full.min + vec2(0.0, TITLE_BAND_PT), full.max)
    } else {
        full
    };
    ViewTransform::new(
        lonlat_to_world(options.center.0, options.center.1),
        options.zoom,
        clip,
    )
}

/// The whole image in points.
fn image_rect(options: &MapImageOptions) -> Rect {
    let ppp = options.dpi / SCREEN_DPI;
    #[allow(clippy::cast_precision_loss)] // sides ≤ 10 000
    let size = vec2(options.size_px[0] as f32, options.size_px[1] as f32) / ppp;
    Rect::from_min_size(Pos2::ZERO, size)
}

fn has_title(options: &MapImageOptions) -> bool {
    options
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
}

/// The zoom at which an image of `size_px` at `dpi` shows at least what a window of
/// `window_pt` points shows at `zoom` (for "the current view" at another size).
#[must_use]
pub fn zoom_to_keep_extent(zoom: f64, window_pt: [f32; 2], size_px: [u32; 2], dpi: f32) -> f64 {
    let ppp = f64::from(dpi / SCREEN_DPI);
    let fx = f64::from(size_px[0]) / ppp / f64::from(window_pt[0].max(1.0));
    let fy = f64::from(size_px[1]) / ppp / f64::from(window_pt[1].max(1.0));
    (zoom + fx.min(fy).log2()).clamp(1.0, 22.0)
}

/// Renders the map image of `layers` (drawn in order, the last on top).
///
/// # Errors
/// A size, DPI or zoom out of range ([`RenderError`]).
pub fn render_map_image(
    layers: &[ImageLayer],
    options: &MapImageOptions,
) -> Result<MapImage, RenderError> {
    let [width, height] = options.size_px;
    if !(16..=MAX_SIDE_PX).contains(&width) || !(16..=MAX_SIDE_PX).contains(&height) {
        return Err(RenderError::BadSize { width, height });
    }
    if !(24.0..=1200.0).contains(&options.dpi) {
        return Err(RenderError::BadDpi(options.dpi));
    }
    if !(1.0..=22.0).contains(&options.zoom) {
        return Err(RenderError::BadZoom(options.zoom));
    }
    let ppp = options.dpi / SCREEN_DPI;
    let view = image_view(options);
    let mut timings = RenderTimings::default();
    let clock = std::time::Instant::now();

    // The shapes that need no fonts, built before the egui pass.
    let mut basemap_map = if options.basemap {
        EmbeddedBasemap::load()
            .map_err(|e| log::warn!("map image without the embedded basemap: {e}"))
            .ok()
    } else {
        None
    };
    let (base_shapes, towns) = match basemap_map.as_mut() {
        Some(map) => {
            map.set_label_lang(Some(options.lang));
            let frame = map.frame(&view);
            (frame.shapes, frame.labels)
        }
        None => (
            vec![egui::Shape::rect_filled(view.clip, 0.0, basemap::LAND)],
            Vec::new(),
        ),
    };
    let plain: Vec<Layer> = layers.iter().map(|l| l.layer.clone()).collect();
    let mut overlay = OverlayCache::new();
    for l in layers {
        overlay.set_style(l.layer.id, l.style.clone());
    }
    overlay.sync(&plain);
    for l in layers {
        overlay.set_visibility(l.layer.id, l.mask.clone());
    }
    // The window spreads a first view's tessellation over frames; an image waits for all.
    let mut overlay_shapes = overlay.prepare_frame(&plain, &view, &Highlight::default());
    for _ in 0..1000 {
        if !overlay.last_frame_stats().pending {
            break;
        }
        overlay_shapes = overlay.prepare_frame(&plain, &view, &Highlight::default());
    }
    let legend: Vec<LegendBlock> = if options.legend {
        layers
            .iter()
            .filter(|l| l.layer.visible)
            .map(|l| LegendBlock {
                title: l.layer.name.clone(),
                entries: legend_shown(&l.layer, &l.style, l.mask.as_deref()),
            })
            .collect()
    } else {
        Vec::new()
    };

    timings.shapes = clock.elapsed();
    let clock = std::time::Instant::now();
    // The data's credit: the layers drawn, by name (file name or collection name).
    let data: Vec<String> = layers
        .iter()
        .filter(|l| l.layer.visible)
        .map(|l| l.layer.name.clone())
        .collect();
    let ctx = egui::Context::default();
    super::fonts::install_fonts(&ctx);
    let mut input = egui::RawInput {
        screen_rect: Some(image_rect(options)),
        max_texture_side: Some(8192),
        ..Default::default()
    };
    input
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(ppp);
    let mut texture = Texture::default();
    // A first pass loads the fonts (they take effect from the next pass).
    let mut first = ctx.run_ui(input.clone(), |_| {});
    apply_textures(&mut texture, &first.textures_delta);
    // Applied to our copy; epaint insists every delta is handled before it is dropped.
    first.textures_delta.clear();
    let mut overlay_ref = Some((overlay_shapes, base_shapes, towns));
    let mut output = ctx.run_ui(input, |ui| {
        let Some((overlay_shapes, base_shapes, towns)) = overlay_ref.take() else {
            return;
        };
        let painter = ui
            .ctx()
            .layer_painter(LayerId::background())
            .with_clip_rect(view.clip);
        painter.extend(base_shapes);
        painter.extend(overlay_shapes);
        paint_labels(&painter, towns);
        crate::map::view::paint_feature_labels(&painter, &mut overlay, &plain, &view);
        if options.grid {
            crate::map::grid::paint_grid(&painter, &view);
        }
        // Furniture may lie outside the map's rectangle (the title band).
        let whole = ui.ctx().layer_painter(LayerId::background());
        paint_furniture(&whole, &view, options, &legend, &data);
    });
    apply_textures(&mut texture, &output.textures_delta);
    output.textures_delta.clear();
    timings.layout = clock.elapsed();
    let clock = std::time::Instant::now();
    let primitives = ctx.tessellate(output.shapes, ppp);
    timings.tessellate = clock.elapsed();
    let clock = std::time::Instant::now();
    let rgba = rasterise(
        width as usize,
        height as usize,
        basemap::LAND,
        &primitives,
        &texture,
        ppp,
    );
    timings.raster = clock.elapsed();
    Ok(MapImage {
        width,
        height,
        dpi: options.dpi,
        rgba,
        timings,
    })
}

/// Title, legend, north arrow, scale bar, and attribution with the date.
fn paint_furniture(
    painter: &egui::Painter,
    view: &ViewTransform,
    options: &MapImageOptions,
    legend: &[LegendBlock],
    data: &[String],
) {
    let lang = options.lang;
    let clip = view.clip;
    let top = clip.min.y + 10.0;
    if let Some(title) = options.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let band = Rect::from_min_max(pos2(clip.min.x, 0.0), pos2(clip.max.x, clip.min.y));
        furniture::paint_title(painter, band, title);
    }
    // The grid labels its lines at the edges: keep furniture off the first 20 points.
    let inset = if options.grid { 24.0 } else { 10.0 };
    furniture::paint_north_arrow(painter, pos2(clip.min.x + inset + 18.0, top + inset - 6.0));
    if !legend.iter().all(|b| b.entries.is_empty()) {
        furniture::paint_legend(
            painter,
            pos2(clip.max.x - inset, top + inset - 6.0),
            i18n::tr_in(lang, "map-image-legend"),
            legend,
        );
    }
    let bar_view = ViewTransform {
        clip: Rect::from_min_max(clip.min, clip.max - vec2(0.0, inset - 10.0)),
        ..*view
    };
    let bar_view = ViewTransform {
        clip: bar_view.clip.translate(vec2(inset - 10.0, 0.0)),
        ..bar_view
    };
    furniture::paint_scale_bar(painter, &bar_view, lang);
    let date = i18n::format::date(&options.date, lang);
    let mut lines = Vec::new();
    if !data.is_empty() {
        lines.push(i18n::tr_args_in(
            lang,
            "map-image-data-credit",
            &[("layers", data.join(", ").into())],
        ));
    }
    lines.extend([
        i18n::tr_args_in(
            lang,
            "map-image-basemap-credit",
            &[("sources", basemap::attribution().into())],
        ),
        i18n::tr_args_in(lang, "map-image-made", &[("date", date.as_str().into())]),
    ]);
    let footer_clip = Rect::from_min_max(clip.min, clip.max - vec2(inset - 10.0, inset - 10.0));
    furniture::paint_footer(painter, footer_clip, &lines);
}

/// Applies egui's texture updates (the font atlas) to our copy of it.
fn apply_textures(texture: &mut Texture, delta: &egui::TexturesDelta) {
    let font_atlas = delta
        .set
        .iter()
        .filter(|(id, _)| **id == egui::TextureId::default())
        .flat_map(|(_, deltas)| deltas.iter());
    for image_delta in font_atlas {
        let egui::ImageData::Color(image) = &image_delta.image;
        let image: &Arc<egui::ColorImage> = image;
        match image_delta.pos {
            None => {
                texture.size = image.size;
                texture.pixels.clone_from(&image.pixels);
            }
            Some([x0, y0]) => {
                let [w, h] = image.size;
                for y in 0..h {
                    for x in 0..w {
                        let (tx, ty) = (x0 + x, y0 + y);
                        if tx < texture.size[0] && ty < texture.size[1] {
                            texture.pixels[ty * texture.size[0] + tx] = image.pixels[y * w + x];
                        }
                    }
                }
            }
        }
    }
}
