//! Real and generated points as a PNG image (the `image` crate), in memory: the CLI writes it to
//! a file, the page offers it as a download.

use std::io::Cursor;

/// Side of the image in pixels.
pub const SIZE: u32 = 512;

/// A `SIZE`×`SIZE` PNG of the unit square (y up): real points in blue, generated ones in orange.
pub fn png(real: &[[f32; 2]], generated: &[[f32; 2]]) -> Result<Vec<u8>, String> {
    let mut img = image::RgbImage::from_pixel(SIZE, SIZE, image::Rgb([255, 255, 255]));
    let mut dot = |p: [f32; 2], color: [u8; 3]| {
        if !(p[0].is_finite() && p[1].is_finite()) {
            return;
        }
        let px = (p[0] * SIZE as f32) as i64;
        let py = ((1.0 - p[1]) * SIZE as f32) as i64;
        for dy in -2..=2 {
            for dx in -2..=2 {
                let (u, v) = (px + dx, py + dy);
                if dx * dx + dy * dy <= 4 && (0..SIZE as i64).contains(&u) && (0..SIZE as i64).contains(&v) {
                    img.put_pixel(u as u32, v as u32, image::Rgb(color));
                }
            }
        }
    };
    for &p in real {
        dot(p, [31, 119, 180]);
    }
    for &p in generated {
        dot(p, [255, 127, 14]);
    }
    let mut bytes = Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}
