//! An empty Tauri 2 app: one tray icon (a green disc, the colour the measurement looks for), no
//! window, kept running until SIGTERM. The floor the desktop app's idle cost is compared with.

use tauri::image::Image;
use tauri::tray::TrayIconBuilder;

const SIZE: u32 = 64;

fn disc() -> Vec<u8> {
    let mut pixels = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    let centre = SIZE as f32 / 2.0;
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (dx, dy) = (x as f32 + 0.5 - centre, y as f32 + 0.5 - centre);
            let inside = (dx * dx + dy * dy).sqrt() <= SIZE as f32 * 0.45;
            pixels.extend_from_slice(&[0x2e, 0x9e, 0x44, if inside { 255 } else { 0 }]);
        }
    }
    pixels
}

fn main() {
    let app = tauri::Builder::default()
        .setup(|app| {
            TrayIconBuilder::new()
                .icon(Image::new_owned(disc(), SIZE, SIZE))
                .build(app)?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, event| {
            if let tauri::RunEvent::ExitRequested { code: None, api, .. } = event {
                api.prevent_exit();
            }
        }),
        Err(error) => {
            eprintln!("empty-tray: {error}");
            std::process::exit(1);
        }
    }
}
