//! QR codes of links (chat share links, organization invitations) as SVG or PNG, with a quiet
//! zone, ready to print or scan.

use qrcode::{Color, QrCode, render::svg};

/// Pixels per QR module in the PNG.
const SCALE: usize = 8;
/// Modules of white border around the code (the standard quiet zone is 4).
const QUIET: usize = 4;

#[derive(Debug)]
pub struct QrError(pub String);

fn code(text: &str) -> Result<QrCode, QrError> {
    QrCode::new(text.as_bytes()).map_err(|e| QrError(format!("cannot encode a QR code: {e}")))
}

/// An SVG document of the QR code of `text`.
pub fn svg(text: &str) -> Result<String, QrError> {
    Ok(code(text)?.render::<svg::Color>().min_dimensions(256, 256).quiet_zone(true).build())
}

/// A greyscale PNG of the QR code of `text`.
pub fn png(text: &str) -> Result<Vec<u8>, QrError> {
    let code = code(text)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c != Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
        for y in my * SCALE..(my + 1) * SCALE {
            pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| QrError(e.to_string()))?;
    writer.write_image_data(&pixels).map_err(|e| QrError(e.to_string()))?;
    writer.finish().map_err(|e| QrError(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
pub mod tests {
    /// Decodes a PNG made by [`super::png`] back to its text (also used by API tests' logic).
    pub fn decode_png(bytes: &[u8]) -> String {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        let (w, h) = (info.width as usize, info.height as usize);
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the image");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn png_decodes_back_to_the_link() {
        let link = "http://127.0.0.1:8080/invite/AB12CD34?x=1";
        assert_eq!(decode_png(&super::png(link).unwrap()), link);
    }

    #[test]
    fn svg_is_an_svg_document() {
        let s = super::svg("https://example.com/j/1").unwrap();
        assert!(s.contains("<svg") && s.contains("</svg>"), "{s}");
    }
}
