//! PDF pages → positioned glyphs and horizontal rules, through `hayro-interpret`.
//!
//! This is the only part of the reader that knows about PDF: everything after it works on
//! [`PageGlyphs`], plain positioned text that tests can build by hand.

use super::{Limits, PdfError};
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
    TransformExt, interpret_page,
};
use std::time::Instant;

/// One glyph as drawn: its text, where its origin sits and how big it is.
///
/// Coordinates are PDF points with the origin at the top left of the page (y grows downwards).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Glyph {
    /// The Unicode text of the glyph (one char, or several for a ligature).
    pub text: String,
    /// Left edge (the glyph origin).
    pub x: f32,
    /// Baseline.
    pub baseline: f32,
    /// Advance width.
    pub width: f32,
    /// Font size (the em height on the page).
    pub size: f32,
    /// Whether the font is bold; `None` when the font does not say (some embedded fonts).
    pub bold: Option<bool>,
}

impl Glyph {
    /// Right edge (origin plus advance).
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// A horizontal rule (a thin stroked line or filled rectangle).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rule {
    /// Left end.
    pub x0: f32,
    /// Right end.
    pub x1: f32,
    /// Vertical position (top-down).
    pub y: f32,
}

/// Everything the layout analysis needs from one page.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageGlyphs {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Horizontal rules.
    pub rules: Vec<Rule>,
}

/// Opens the PDF and extracts every page, reporting progress and keeping to the limits.
pub(crate) fn extract(
    bytes: Vec<u8>,
    limits: &Limits,
    started: Instant,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PageGlyphs>, PdfError> {
    let pdf = Pdf::new(bytes).map_err(|error| match error {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::Encrypted,
        LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => {
            PdfError::Broken("it is encrypted with a method Gloss does not support".to_string())
        }
        LoadPdfError::Decryption(_) => PdfError::Broken("its encryption data is damaged".to_string()),
        LoadPdfError::Invalid => PdfError::Broken("its structure cannot be read (damaged or not a PDF)".to_string()),
    })?;
    if pdf.len() > limits.max_objects {
        return Err(PdfError::TooLarge { what: "objects", limit: limits.max_objects });
    }
    let pages = pdf.pages();
    if pages.len() > limits.max_pages {
        return Err(PdfError::TooLarge { what: "pages", limit: limits.max_pages });
    }
    let cache = InterpreterCache::new();
    let mut out = Vec::with_capacity(pages.len());
    let mut glyph_total = 0usize;
    progress(0, pages.len());
    for (index, page) in pages.iter().enumerate() {
        if started.elapsed() > limits.time_budget {
            return Err(PdfError::Timeout { seconds: limits.time_budget.as_secs() });
        }
        if page.page_stream().map_or(0, <[u8]>::len) > limits.max_content_bytes {
            return Err(PdfError::TooLarge { what: "bytes of page content", limit: limits.max_content_bytes });
        }
        let (width, height) = page.render_dimensions();
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut collector = Collector::new(index as u32 + 1, width, height, limits.max_glyphs.saturating_sub(glyph_total));
        interpret_page(page, &mut context, &mut collector);
        if collector.overflow {
            return Err(PdfError::TooLarge { what: "glyphs", limit: limits.max_glyphs });
        }
        glyph_total += collector.page.glyphs.len();
        out.push(collector.page);
        progress(index + 1, pages.len());
    }
    Ok(out)
}

/// The `Device` that records glyphs and rules instead of drawing them.
struct Collector {
    page: PageGlyphs,
    room: usize,
    overflow: bool,
}

impl Collector {
    fn new(number: u32, width: f32, height: f32, room: usize) -> Self {
        Self { page: PageGlyphs { number, width, height, ..PageGlyphs::default() }, room, overflow: false }
    }
}

/// Bold from the font's weight, or from its PostScript name when the weight is not given.
fn font_is_bold(glyph: &HayroGlyph<'_>) -> Option<bool> {
    let HayroGlyph::Outline(outline) = glyph else { return None };
    let data = outline.font_data()?;
    if let Some(weight) = data.weight {
        return Some(weight >= 600);
    }
    let name = data.postscript_name?.to_ascii_lowercase();
    Some(["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| name.contains(w)))
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'_>, _: &DrawMode) {
        let bounds = (props.transform * path.clone()).bounding_box();
        // Thin and wider than high: a rule (footnote separator, line under a running header,
        // underline or strike-through of a tracked change).
        if bounds.height() <= 2.0 && bounds.width() >= 2.0 {
            let rule = Rule { x0: bounds.x0 as f32, x1: bounds.x1 as f32, y: ((bounds.y0 + bounds.y1) / 2.0) as f32 };
            if !self.page.rules.iter().any(|r| (r.y - rule.y).abs() < 0.5 && (r.x0 - rule.x0).abs() < 0.5 && (r.x1 - rule.x1).abs() < 0.5) {
                self.page.rules.push(rule);
            }
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        let glyphs = run.glyphs();
        // Every glyph of a run comes from the same font.
        let bold = glyphs.first().and_then(|g| font_is_bold(g));
        for glyph in glyphs {
            if self.page.glyphs.len() >= self.room {
                self.overflow = true;
                return;
            }
            let transform: Affine = props.transform * glyph.transform();
            let [a, b, _, d, _, _] = transform.as_coeffs();
            // Glyph space is 1000 units per em: the vertical scale times 1000 is the size on the page
            // (a slanted synthetic italic keeps it; only the horizontal axis is sheared).
            let size = (d.abs() * 1000.0) as f32;
            // Rotated or mirrored text (margin notes, stamps) is not part of the reading flow; upright
            // text has a negative `d` because the page transform turns y downwards.
            if !(size.is_finite() && size > 0.5) || b.abs() > a.abs() * 0.05 || d > 0.0 || a < 0.0 {
                continue;
            }
            let origin = transform * Point::ZERO;
            let advance = match &**glyph {
                HayroGlyph::Outline(outline) => outline.advance_width(),
                HayroGlyph::Type3(type3) => type3.advance_width(),
            }
            .unwrap_or(500.0);
            let text = match glyph.as_unicode() {
                Some(BfString::Char(ch)) => ch.to_string(),
                Some(BfString::String(s)) => s,
                None => '\u{FFFD}'.to_string(),
            };
            self.page.glyphs.push(Glyph {
                text,
                x: origin.x as f32,
                baseline: origin.y as f32,
                width: advance / 1000.0 * size,
                size,
                bold,
            });
        }
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
}
