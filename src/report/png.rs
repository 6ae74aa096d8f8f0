//! SVG charts as PNG for Word processors that cannot show SVG (older Word and WPS): rendered by
//! resvg at 300 dpi at the chart's own size, with the system's fonts, and tagged with their
//! resolution so a pasted picture comes out at the size the chart was drawn, not three times it.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// Output resolution; SVG user units are CSS pixels at 96 per inch.
pub const DPI: f64 = 300.0;
const CSS_DPI: f64 = 96.0;

/// The most pixels a chart is drawn with (240 MB of RGBA): the report's charts stay far below,
/// and a picture past it is refused rather than taking the machine's memory.
const MAX_PIXELS: u64 = 60_000_000;

/// Families that cover Chinese, most common first; the first one installed draws CJK text.
const CJK_FAMILIES: [&str; 12] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "PingFang SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
];

/// The system's fonts, loaded once (scanning the font folders takes a while) and the CJK
/// family found among them, if any.
fn fonts() -> &'static (Arc<fontdb::Database>, Option<String>) {
    static FONTS: OnceLock<(Arc<fontdb::Database>, Option<String>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let cjk = cjk_family(&db);
        if let Some(f) = &cjk {
            // Charts end their font list with `sans-serif`: make that one cover Chinese too.
            db.set_sans_serif_family(f.clone());
        }
        (Arc::new(db), cjk)
    })
}

fn cjk_family(db: &fontdb::Database) -> Option<String> {
    let installed: Vec<&str> = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.as_str()))
        .collect();
    CJK_FAMILIES
        .iter()
        .find(|want| installed.iter().any(|have| have.eq_ignore_ascii_case(want)))
        .map(|s| s.to_string())
}

/// Whether a CJK font is installed (tests skip their Chinese-glyph checks without one).
pub fn cjk_font() -> Option<String> {
    fonts().1.clone()
}

/// CJK punctuation, kana and Han characters, compatibility ideographs, full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Renders an SVG chart to PNG at [`DPI`]; the warnings say what may look wrong (no font for
/// the Chinese labels), the error why nothing could be drawn.
pub fn svg_to_png(svg: &str) -> Result<(Vec<u8>, Vec<String>), String> {
    let (db, cjk) = fonts();
    let mut warnings = Vec::new();
    if cjk.is_none() && svg.chars().any(is_cjk) {
        warnings.push(format!(
            "no CJK font found (looked for {} and others); the chart's Chinese labels cannot be \
             drawn — install one, e.g. `apt-get install fonts-noto-cjk`, or use SVG charts",
            CJK_FAMILIES[..5].join(", ")
        ));
    }
    let mut opt = usvg::Options {
        fontdb: db.clone(),
        ..usvg::Options::default()
    };
    opt.font_family = "sans-serif".into();
    let tree =
        usvg::Tree::from_str(svg, &opt).map_err(|e| format!("chart is not valid SVG: {e}"))?;
    let size = tree.size();
    let scale = DPI / CSS_DPI;
    let (w, h) = pixel_size(f64::from(size.width()), f64::from(size.height()));
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "chart of {w}×{h} px is too large to draw as PNG; use SVG charts"
        ));
    }
    let mut pixmap =
        Pixmap::new(w, h).ok_or_else(|| format!("chart has an unusable size {w}×{h} px"))?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the chart as PNG: {e}"))?;
    Ok((with_dpi(&png, DPI), warnings))
}

/// The PNG's pixel size for an SVG of `w`×`h` CSS pixels.
pub fn pixel_size(w: f64, h: f64) -> (u32, u32) {
    let scale = DPI / CSS_DPI;
    ((w * scale).ceil() as u32, (h * scale).ceil() as u32)
}

/// Inserts a `pHYs` chunk (pixels per metre) after the `IHDR` chunk, which is always first: the
/// 8-byte signature, then length 13, "IHDR", 13 data bytes and the CRC end at byte 33.
fn with_dpi(png: &[u8], dpi: f64) -> Vec<u8> {
    const IHDR_END: usize = 33;
    if png.len() < IHDR_END || &png[12..16] != b"IHDR" {
        return png.to_vec();
    }
    let ppm = (dpi / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.push(1); // unit: metre
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..IHDR_END]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[IHDR_END..]);
    out
}

/// CRC-32 (IEEE, reflected, polynomial 0xEDB88320) as PNG chunks use it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_iend_is_the_well_known_one() {
        // Every PNG ends with the IEND chunk, whose CRC is AE 42 60 82.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn pixel_size_is_300_dpi_at_the_chart_size() {
        // 640 px at 96 dpi is 6.667 in; at 300 dpi that is 2000 px. 301 px → 940.6 → 941.
        assert_eq!(pixel_size(640.0, 301.0), (2000, 941));
    }

    #[test]
    fn renders_a_small_svg_with_its_resolution() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="96" height="48" fill="red"/></svg>"#;
        let (png, warnings) = svg_to_png(svg).expect("renders");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(&png[1..4], b"PNG");
        // IHDR width and height: 96 px → 300, 48 px → 150.
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            300
        );
        assert_eq!(
            u32::from_be_bytes([png[20], png[21], png[22], png[23]]),
            150
        );
        // pHYs right after IHDR: 300 dpi = 300 / 0.0254 = 11811 pixels per metre.
        assert_eq!(&png[37..41], b"pHYs");
        assert_eq!(
            u32::from_be_bytes([png[41], png[42], png[43], png[44]]),
            11811
        );
    }

    #[test]
    fn broken_svg_is_an_error() {
        assert!(svg_to_png("<svg").is_err());
    }
}
