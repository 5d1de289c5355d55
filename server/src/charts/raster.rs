//! PNG output: draw on plotters' bitmap backend in memory, encode with `png`.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::drawing;
use crate::{Error, Result};

/// Draws with `draw` on a white RGB canvas of `(width, height)` and returns
/// the PNG file's bytes. Nothing is written to disk.
pub(super) fn png<F>((width, height): (u32, u32), draw: F) -> Result<Vec<u8>>
where
    F: FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
{
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(drawing)?;
    }
    encode(&pixels, width, height)
}

/// Encodes 8-bit RGB pixels. `Fast` is png's fdeflate path: charts are
/// mostly flat colour, so it compresses them well at a fraction of the time
/// of the default level.
fn encode(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let fail = |e: png::EncodingError| Error::Internal(format!("encoding a PNG chart: {e}"));
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(pixels).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
