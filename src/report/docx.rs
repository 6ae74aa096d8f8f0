//! The Word back end: the report's [`Block`]s as a .docx package written directly as
//! WordprocessingML (the zip crate is already needed for workbooks, and writing the XML keeps
//! full control of what older Word and WPS need: repeated table header rows, East Asian font
//! attributes, pictures with a resolution). Charts are embedded as 300 dpi PNG with numbered
//! captions; a contents list, Heading 1/2 styles and page numbers make it a fileable document.

mod parts;

use std::io::Write as _;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::lang::Lang;
use crate::report::doc::Block;
use crate::report::svg::{Chart, esc};
use crate::textfmt::{Align, Table, width};

use parts::image_rel;

/// EMU per CSS pixel (914 400 per inch, 96 pixels per inch).
const EMU_PER_PX: u64 = 9525;
/// Widest picture: 6 inches, inside the A4 text width of 6.3 inches.
const MAX_EMU: u64 = 6 * 914_400;
/// The text width in twentieths of a point: A4 (11 906) less two margins of 1 418.
const TEXT_TWIPS: u64 = 9070;
/// Observation columns per chunk of a wide table, so that it fits a portrait page.
const WIDE_COLS: usize = 6;

/// A finished Word report and what the reader should know about its pictures.
#[derive(Debug, Clone)]
pub struct DocxReport {
    pub bytes: Vec<u8>,
    /// E.g. that no CJK font was found to draw the charts' Chinese labels.
    pub warnings: Vec<String>,
}

struct Body<'a> {
    lang: Lang,
    charts: &'a [Chart],
    xml: String,
    images: Vec<Vec<u8>>,
    warnings: Vec<String>,
}

/// Builds the package. `charts` holds every chart a [`Block::Figure`] may name; `companions`
/// pairs a chart file with charts shown right after it (Word-only extra charts).
pub fn write(
    blocks: &[Block],
    charts: &[Chart],
    companions: &[(&str, &str)],
    lang: Lang,
) -> Result<DocxReport, String> {
    let mut b = Body {
        lang,
        charts,
        xml: String::new(),
        images: Vec::new(),
        warnings: Vec::new(),
    };
    let mut title = String::new();
    let mut k = 0;
    while k < blocks.len() {
        match &blocks[k] {
            Block::Title(t) => {
                title = t.clone();
                b.para("Title", &run(t));
                // The title page: the fields right after the title, then the contents.
                if let Some(Block::Fields(rows)) = blocks.get(k + 1) {
                    b.fields(rows);
                    k += 1;
                }
                if blocks.iter().any(|x| matches!(x, Block::Heading(..))) {
                    b.xml
                        .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
                    b.contents(blocks);
                    b.xml
                        .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
                }
            }
            Block::Heading(level, t) => b.para(&format!("Heading{level}"), &run(t)),
            Block::Para(t) => b.para("Normal", &run(t)),
            Block::Bullets(items) => {
                for item in items {
                    b.para("ListBullet", &run(item));
                }
            }
            Block::Fields(rows) => b.fields(rows),
            // A text chart right before its picture would only repeat it, less legibly.
            Block::Pre(_) if matches!(blocks.get(k + 1), Some(Block::Figure { .. })) => {}
            Block::Pre(t) => b.para("Preformatted", &run(t)),
            Block::Table(t) => b.table(t),
            Block::Wide { corner, rows, cols } => b.wide(corner, rows, cols),
            Block::Figure { file, caption } => {
                b.figure(file, caption)?;
                for (after, extra) in companions {
                    if after == file
                        && let Some(c) = charts.iter().find(|c| c.file == *extra)
                    {
                        b.figure(extra, &c.title)?;
                    }
                }
            }
        }
        k += 1;
    }
    let body = b.xml;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{w}" xmlns:r="{r}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1418" w:bottom="1440" w:left="1418" w:header="851" w:footer="850" w:gutter="0"/><w:cols w:space="425"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
        w = parts::W_NS,
        r = parts::R_NS,
    );
    let n = b.images.len();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), parts::content_types(n).into()),
        ("_rels/.rels".into(), parts::root_rels().into()),
        ("docProps/core.xml".into(), parts::core(&title, lang).into()),
        ("docProps/app.xml".into(), parts::app().into()),
        ("word/document.xml".into(), document.into()),
        (
            "word/_rels/document.xml.rels".into(),
            parts::document_rels(n).into(),
        ),
        ("word/styles.xml".into(), parts::styles(lang).into()),
        ("word/settings.xml".into(), parts::settings(lang).into()),
        ("word/numbering.xml".into(), parts::numbering().into()),
        ("word/fontTable.xml".into(), parts::font_table().into()),
        ("word/footer1.xml".into(), parts::footer(lang).into()),
    ];
    for (k, png) in b.images.into_iter().enumerate() {
        files.push((format!("word/{}", image_rel(k + 1).1), png));
    }
    Ok(DocxReport {
        bytes: zip_files(files).map_err(|e| format!("cannot write the Word document: {e}"))?,
        warnings: b.warnings,
    })
}

fn zip_files(files: Vec<(String, Vec<u8>)>) -> zip::result::ZipResult<Vec<u8>> {
    let mut z = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        // PNG is compressed already.
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        z.start_file(
            name,
            SimpleFileOptions::default().compression_method(method),
        )?;
        z.write_all(&data)?;
    }
    Ok(z.finish()?.into_inner())
}

/// A run of text; line breaks become `<w:br/>` so preformatted blocks keep their lines.
fn run(s: &str) -> String {
    let mut out = String::from("<w:r>");
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(line)));
    }
    out.push_str("</w:r>");
    out
}

fn bold_run(s: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(s)
    )
}

impl Body<'_> {
    fn l(&self, en: &'static str, zh: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    fn para(&mut self, style: &str, runs: &str) {
        self.xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#
        ));
    }

    /// A contents list: a TOC field whose shown result lists the headings, so it reads well
    /// before anyone updates it (Word: right-click → Update Field adds the page numbers).
    fn contents(&mut self, blocks: &[Block]) {
        self.para("TOCHeading", &run(self.l("Contents", "目  录")));
        let mut first = true;
        for blk in blocks {
            let Block::Heading(level, t) = blk else {
                continue;
            };
            let begin = if first {
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
            } else {
                ""
            };
            first = false;
            let runs = format!("{begin}{}", run(t));
            self.para(&format!("TOC{level}"), &runs);
        }
        if !first {
            self.xml
                .push_str(r#"<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#);
        }
    }

    /// Key–value lines as a borderless two-column table (keys bold), aligned like a form.
    fn fields(&mut self, rows: &[(String, String)]) {
        let key_w = rows
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(8)
            .clamp(6, 20) as u64;
        let kt = TEXT_TWIPS * (key_w + 2) / 60;
        let vt = TEXT_TWIPS - kt;
        let mut s = format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_TWIPS}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{kt}"/><w:gridCol w:w="{vt}"/></w:tblGrid>"#
        );
        for (k, v) in rows {
            s.push_str(&format!(
                r#"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{kt}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{}</w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="{vt}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{}</w:p></w:tc></w:tr>"#,
                bold_run(k),
                run(v)
            ));
        }
        s.push_str("</w:tbl>");
        self.xml.push_str(&s);
        self.spacer();
    }

    /// An empty paragraph: Word needs one between two tables (or they merge) and after a table
    /// that ends the body.
    fn spacer(&mut self) {
        self.xml.push_str(
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>"#,
        );
    }

    /// A real Word table: the header row repeats on every page and rows do not split; column
    /// widths follow the widest cell (names capped so numbers keep room).
    fn table(&mut self, t: &Table) {
        let ncols = t.headers.len();
        if ncols == 0 {
            return;
        }
        let grid = column_widths(t);
        let mut s = String::from(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        );
        for g in &grid {
            s.push_str(&format!(r#"<w:gridCol w:w="{g}"/>"#));
        }
        s.push_str("</w:tblGrid>");
        let cell = |text: &str, c: usize, header: bool| {
            let right = t.align.get(c) == Some(&Align::Right);
            let jc = if right {
                r#"<w:jc w:val="right"/>"#
            } else {
                ""
            };
            let (style, shade) = if header {
                (
                    "TableHeading",
                    r#"<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>"#,
                )
            } else {
                ("TableText", "")
            };
            // Indented names (dimensions under circles) keep their indent as a real one.
            let body = text.trim_start();
            let indent = (text.len() - body.len()) as u64;
            let ind = if indent > 0 && !header {
                format!(r#"<w:ind w:left="{}"/>"#, indent * 120)
            } else {
                String::new()
            };
            format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{shade}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>{ind}{jc}</w:pPr>{}</w:p></w:tc>"#,
                grid[c],
                run(body)
            )
        };
        s.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
        for (c, h) in t.headers.iter().enumerate() {
            s.push_str(&cell(h, c, true));
        }
        s.push_str("</w:tr>");
        for r in &t.rows {
            s.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
            for c in 0..ncols {
                s.push_str(&cell(r.get(c).map_or("", |x| x.as_str()), c, false));
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        self.xml.push_str(&s);
        self.spacer();
    }

    /// Items × observations, in tables of at most [`WIDE_COLS`] observations each.
    fn wide(&mut self, corner: &str, rows: &[(String, Vec<String>)], cols: &[String]) {
        let chunks = cols.len().div_ceil(WIDE_COLS).max(1);
        let per = cols.len().div_ceil(chunks).max(1);
        let mut start = 0;
        while start < cols.len() {
            let end = (start + per).min(cols.len());
            let mut headers = vec![corner.to_string()];
            headers.extend(cols[start..end].iter().cloned());
            let mut t = Table::new(headers);
            for (name, cells) in rows {
                let mut r = vec![name.clone()];
                r.extend((start..end).map(|c| cells.get(c).cloned().unwrap_or_default()));
                t.row(r);
            }
            self.table(&t);
            start = end;
        }
    }

    /// A chart as an inline PNG picture scaled to the text width, then its numbered caption.
    fn figure(&mut self, file: &str, caption: &str) -> Result<(), String> {
        let Some(chart) = self.charts.iter().find(|c| c.file == file) else {
            return Ok(());
        };
        let (png, warnings) =
            crate::report::svg_to_png(&chart.svg).map_err(|e| format!("{file}: {e}"))?;
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
        let (pw, ph) = png_size(&png).ok_or_else(|| format!("{file}: not a PNG"))?;
        // Back to CSS pixels (300 dpi → 96 dpi), then EMU, shrunk to the text width.
        let scale = crate::report::DPI / 96.0;
        let mut cx = (f64::from(pw) / scale) as u64 * EMU_PER_PX;
        let mut cy = (f64::from(ph) / scale) as u64 * EMU_PER_PX;
        if cx > MAX_EMU {
            cy = cy * MAX_EMU / cx;
            cx = MAX_EMU;
        }
        self.images.push(png);
        let k = self.images.len();
        let (rid, _) = image_rel(k);
        let descr = esc(caption);
        self.xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{k}" name="Chart {k}" descr="{descr}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{k}" name="image{k}.png" descr="{descr}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        ));
        // "Figure 1. …" / "图 1 …", numbered by a SEQ field so Word can list the figures.
        let (word, sep) = match self.lang {
            Lang::En => ("Figure ", ". "),
            Lang::Zh => ("图 ", "  "),
        };
        let runs = format!(
            r#"{}<w:fldSimple w:instr=" SEQ Figure \* ARABIC "><w:r><w:t>{k}</w:t></w:r></w:fldSimple>{}"#,
            run(word),
            run(&format!("{sep}{caption}"))
        );
        self.para("Caption", &runs);
        Ok(())
    }
}

/// Column widths in twips: right-aligned (number) columns get their natural width so figures
/// never wrap; left-aligned (name) columns share the rest in proportion to their content.
fn column_widths(t: &Table) -> Vec<u64> {
    // At 10 pt a half-width character is about 5 pt = 100 twips (bold and CJK a little more);
    // cells have 216 twips of margin.
    let natural: Vec<u64> = (0..t.headers.len())
        .map(|c| {
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s.trim()));
            // Headers may wrap, but between words: room for the longest word at least.
            let h = &t.headers[c];
            let word = h.split_whitespace().map(width).max().unwrap_or(0);
            let head = width(h).min(10).max(word);
            let chars = cells.chain([head]).max().unwrap_or(4).max(3) as u64;
            chars * 115 + 260
        })
        .collect();
    let right = |c: usize| t.align.get(c) == Some(&Align::Right);
    let fixed: u64 = (0..natural.len())
        .filter(|&c| right(c))
        .map(|c| natural[c])
        .sum();
    let flex: u64 = (0..natural.len())
        .filter(|&c| !right(c))
        .map(|c| natural[c])
        .sum();
    let total: u64 = natural.iter().sum();
    if total <= TEXT_TWIPS || fixed + 1500 > TEXT_TWIPS || flex == 0 {
        // Everything fits (stretch all), or the numbers alone fill the page (shrink all).
        return natural
            .iter()
            .map(|n| TEXT_TWIPS * n / total.max(1))
            .collect();
    }
    let room = TEXT_TWIPS - fixed;
    (0..natural.len())
        .map(|c| {
            if right(c) {
                natural[c]
            } else {
                room * natural[c] / flex
            }
        })
        .collect()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_columns_keep_their_natural_width() {
        let mut t = Table::new(["a long name column that wants much room indeed", "w_j"]);
        t.row(["x".repeat(90), "0.209".to_string()]);
        let g = column_widths(&t);
        // "0.209" is 5 characters: 5 · 115 + 260 = 835 twips; the name gets the rest.
        assert_eq!(g, vec![TEXT_TWIPS - 835, 835]);
    }
}
