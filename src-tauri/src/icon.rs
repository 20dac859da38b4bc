//! The tray icon, drawn at runtime from one template at any size: a disc in the state's colour
//! inside a ring. The ring's bright arc runs clockwise from 12 o'clock over `ring` of the turn
//! (the time left until the next sync, or the pages done); the rest of the ring is a faint track.
//! Pure pixel arithmetic (4×4 supersampling), no drawing crate.

use fossa_core::model::State;

/// The tray icon's size in pixels; the desktop scales it to the panel.
pub const TRAY_SIZE: u32 = 64;

/// Disc radius, ring inner and outer radius, as fractions of the icon's size.
const DISC: f32 = 0.29;
const RING_INNER: f32 = 0.37;
const RING_OUTER: f32 = 0.48;
/// Opacity of the ring's track (the part of the turn not covered by the arc).
const TRACK_ALPHA: f32 = 0.28;
const SUBSAMPLES: u32 = 4;

/// The state colours (shared with the window's badge): green, blue, gray, red.
pub fn colour(state: State) -> [u8; 3] {
    match state {
        State::Active => [0x2e, 0x9e, 0x44],
        State::Running => [0x2f, 0x6f, 0xde],
        State::Paused => [0x8a, 0x8f, 0x98],
        State::Failed => [0xd9, 0x3a, 0x2f],
    }
}

/// RGBA pixels (row-major, `size * size * 4` bytes, straight alpha).
pub fn draw(state: State, ring: f32, size: u32) -> Vec<u8> {
    let [r, g, b] = colour(state);
    let ring = if ring.is_finite() {
        ring.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let size_f = size as f32;
    let centre = size_f / 2.0;
    let samples = (SUBSAMPLES * SUBSAMPLES) as f32;
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let mut alpha = 0.0;
            for sy in 0..SUBSAMPLES {
                for sx in 0..SUBSAMPLES {
                    let px = x as f32 + (sx as f32 + 0.5) / SUBSAMPLES as f32;
                    let py = y as f32 + (sy as f32 + 0.5) / SUBSAMPLES as f32;
                    alpha += coverage((px - centre) / size_f, (py - centre) / size_f, ring);
                }
            }
            let alpha = (alpha / samples).clamp(0.0, 1.0);
            pixels.extend_from_slice(&[r, g, b, (alpha * 255.0).round() as u8]);
        }
    }
    pixels
}

/// The opacity at a point given relative to the centre, in units of the icon's size.
fn coverage(dx: f32, dy: f32, ring: f32) -> f32 {
    let distance = (dx * dx + dy * dy).sqrt();
    if distance <= DISC {
        return 1.0;
    }
    if !(RING_INNER..=RING_OUTER).contains(&distance) {
        return 0.0;
    }
    // Clockwise from 12 o'clock, 0..1 of the turn.
    let turn = dx.atan2(-dy).rem_euclid(std::f32::consts::TAU) / std::f32::consts::TAU;
    if turn < ring {
        1.0
    } else {
        TRACK_ALPHA
    }
}

/// The pixel at (x, y) of an image drawn by [`draw`].
pub fn pixel(pixels: &[u8], size: u32, x: u32, y: u32) -> [u8; 4] {
    let at = ((y * size + x) * 4) as usize;
    match pixels.get(at..at + 4) {
        Some([r, g, b, a]) => [*r, *g, *b, *a],
        _ => [0, 0, 0, 0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [State; 4] = [State::Active, State::Running, State::Paused, State::Failed];

    #[test]
    fn the_centre_has_the_state_colour_fully_opaque_at_every_size() {
        for state in ALL {
            for size in [16, 22, 32, 64, 128] {
                let image = draw(state, 0.5, size);
                assert_eq!(image.len(), (size * size * 4) as usize);
                let [r, g, b] = colour(state);
                assert_eq!(
                    pixel(&image, size, size / 2, size / 2),
                    [r, g, b, 255],
                    "{state:?} {size}"
                );
            }
        }
    }

    #[test]
    fn the_four_colours_are_distinct_green_blue_gray_red() {
        let [r, g, b] = colour(State::Active);
        assert!(g > r && g > b);
        let [r, g, b] = colour(State::Running);
        assert!(b > r && b > g);
        let [r, g, b] = colour(State::Failed);
        assert!(r > g && r > b);
        let [r, g, b] = colour(State::Paused);
        assert!(r.abs_diff(g) < 12 && g.abs_diff(b) < 12);
    }

    /// Opacity of the ring at a point on its middle circle, `turn` of the way round from 12 o'clock.
    fn ring_alpha(image: &[u8], size: u32, turn: f32) -> u8 {
        let radius = (RING_INNER + RING_OUTER) / 2.0 * size as f32;
        let angle = turn * std::f32::consts::TAU;
        let x = size as f32 / 2.0 + radius * angle.sin();
        let y = size as f32 / 2.0 - radius * angle.cos();
        pixel(image, size, x as u32, y as u32)[3]
    }

    #[test]
    fn the_ring_covers_its_fraction_clockwise_from_twelve() {
        let size = 64;
        let quarter = draw(State::Active, 0.25, size);
        assert_eq!(ring_alpha(&quarter, size, 0.125), 255, "inside the arc");
        let track = ring_alpha(&quarter, size, 0.5);
        assert!((60..=85).contains(&track), "the track is faint: {track}");
        assert!(ring_alpha(&quarter, size, 0.75) < 100, "left side is track");

        let full = draw(State::Active, 1.0, size);
        for turn in [0.1, 0.4, 0.6, 0.9] {
            assert_eq!(ring_alpha(&full, size, turn), 255);
        }
        let empty = draw(State::Paused, 0.0, size);
        for turn in [0.1, 0.4, 0.6, 0.9] {
            assert!(ring_alpha(&empty, size, turn) < 100);
        }
    }

    #[test]
    fn the_gap_and_the_corners_are_transparent() {
        let size = 64;
        let image = draw(State::Failed, 1.0, size);
        assert_eq!(pixel(&image, size, 0, 0)[3], 0);
        assert_eq!(pixel(&image, size, size - 1, size - 1)[3], 0);
        let gap = ((DISC + RING_INNER) / 2.0 * size as f32) as u32;
        assert_eq!(pixel(&image, size, size / 2, size / 2 - gap)[3], 0);
    }

    #[test]
    fn odd_ring_values_are_clamped() {
        assert_eq!(draw(State::Active, 7.0, 16), draw(State::Active, 1.0, 16));
        assert_eq!(
            draw(State::Active, f32::NAN, 16),
            draw(State::Active, 0.0, 16)
        );
    }
}
