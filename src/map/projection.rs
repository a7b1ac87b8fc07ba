//! Web Mercator ("world" coordinates: 0..1 across the world, y down, as slippy-map tiles)
//! and the transform from world coordinates to the screen for one frame.
//!
//! Geometry is projected once at load in f64; per frame only an affine transform relative to
//! the view centre is applied, late and in f64, so deep zooms (z18+) stay exact.

use egui::{Pos2, Rect, pos2};
use walkers::Projector;

/// Pixels across the world at zoom 0 (walkers and the slippy-map convention use 256 px tiles).
pub const TILE_SIZE: f64 = 256.0;

/// Web Mercator's latitude limit: beyond it the projection goes to infinity.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Longitude/latitude in degrees to world coordinates (0..1, y growing southwards).
#[must_use]
pub fn lonlat_to_world(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE);
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// World coordinates back to longitude/latitude in degrees.
#[must_use]
pub fn world_to_lonlat(world: [f64; 2]) -> (f64, f64) {
    let lon = world[0] * 360.0 - 180.0;
    let lat = ((1.0 - 2.0 * world[1]) * std::f64::consts::PI)
        .sinh()
        .atan()
        .to_degrees();
    (lon, lat)
}

/// Pixels across the whole world at a (fractional) zoom level.
#[must_use]
pub fn world_pixels(zoom: f64) -> f64 {
    TILE_SIZE * zoom.exp2()
}

/// The view of one frame: maps world coordinates to screen points and back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    /// World coordinate shown at the centre of `clip`.
    pub center_world: [f64; 2],
    /// Screen pixels per world unit (`world_pixels(zoom)`).
    pub scale: f64,
    /// Zoom level (fractional).
    pub zoom: f64,
    /// The map's rectangle on screen.
    pub clip: Rect,
}

impl ViewTransform {
    /// A view centred on `center_world` at `zoom`, drawn into `clip`.
    #[must_use]
    pub fn new(center_world: [f64; 2], zoom: f64, clip: Rect) -> Self {
        Self {
            center_world,
            scale: world_pixels(zoom),
            zoom,
            clip,
        }
    }

    /// The view walkers is drawing this frame.
    #[must_use]
    pub fn from_projector(projector: &Projector) -> Self {
        let clip = projector.clip_rect();
        let center = projector.unproject(clip.center().to_vec2());
        Self::new(
            lonlat_to_world(center.x(), center.y()),
            projector.zoom(),
            clip,
        )
    }

    /// World coordinates to a screen point.
    #[must_use]
    pub fn to_screen(&self, world: [f64; 2]) -> Pos2 {
        let c = self.clip.center();
        #[allow(clippy::cast_possible_truncation)] // screen coordinates fit f32 after centring
        pos2(
            c.x + ((world[0] - self.center_world[0]) * self.scale) as f32,
            c.y + ((world[1] - self.center_world[1]) * self.scale) as f32,
        )
    }

    /// A screen point to world coordinates.
    #[must_use]
    pub fn to_world(&self, screen: Pos2) -> [f64; 2] {
        let c = self.clip.center();
        [
            self.center_world[0] + f64::from(screen.x - c.x) / self.scale,
            self.center_world[1] + f64::from(screen.y - c.y) / self.scale,
        ]
    }

    /// The world rectangle `[min, max]` visible in `clip`.
    #[must_use]
    pub fn visible_world(&self) -> [[f64; 2]; 2] {
        let a = self.to_world(self.clip.min);
        let b = self.to_world(self.clip.max);
        [a, b]
    }

    /// World units per screen pixel: the tolerance for simplification and hit testing.
    #[must_use]
    pub fn world_per_pixel(&self) -> f64 {
        1.0 / self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_round_trip_keeps_position() {
        let (lon, lat) = world_to_lonlat(lonlat_to_world(46.9, 39.95));
        assert!((lon - 46.9).abs() < 1e-12);
        assert!((lat - 39.95).abs() < 1e-12);
    }

    #[test]
    fn screen_round_trip_at_deep_zoom_is_exact() {
        let clip = Rect::from_min_size(Pos2::ZERO, egui::vec2(1400.0, 900.0));
        let view = ViewTransform::new(lonlat_to_world(47.0, 40.0), 20.0, clip);
        let w = lonlat_to_world(47.000_01, 40.000_01);
        let back = view.to_world(view.to_screen(w));
        assert!((back[0] - w[0]).abs() * view.scale < 0.01);
        assert!((back[1] - w[1]).abs() * view.scale < 0.01);
    }
}
