//! Writes the app icons and the tray state icons into `icons/` from the same template the tray
//! draws at runtime (`icon::draw`), so every size matches:
//! `cargo run -p fossa-sync-desktop --example render-icons`.

use fossa_core::model::State;
use fossa_sync_desktop::icon;
use std::path::Path;

fn write_png(
    path: &Path,
    state: State,
    ring: f32,
    size: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::create(path)?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&icon::draw(state, ring, size))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../icons");
    std::fs::create_dir_all(&dir)?;
    // The app icon: the Active state with a full ring.
    for (name, size) in [
        ("32x32.png", 32),
        ("128x128.png", 128),
        ("128x128@2x.png", 256),
        ("icon.png", 512),
    ] {
        write_png(&dir.join(name), State::Active, 1.0, size)?;
    }
    // The tray's four states as the tray shows them (ring three quarters full, paused: none).
    for (state, ring) in [
        (State::Active, 0.75),
        (State::Running, 0.3),
        (State::Paused, 0.0),
        (State::Failed, 0.75),
    ] {
        let name = format!("tray-{}.png", state.as_str());
        write_png(&dir.join(name), state, ring, icon::TRAY_SIZE)?;
    }
    Ok(())
}
