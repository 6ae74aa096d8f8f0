//! The fixed parts of the Word package: content types, relationships, styles, numbering,
//! footer, settings, font table and properties. Element order follows the WordprocessingML
//! schema, which Word enforces (a misplaced element triggers its repair prompt).

use crate::lang::Lang;
use crate::report::svg::esc;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Fonts of one language: Latin body and heading, East Asian body and heading.
pub struct Fonts {
    pub body: &'static str,
    pub heading: &'static str,
    pub ea_body: &'static str,
    pub ea_heading: &'static str,
    pub lang: &'static str,
}

/// Chinese official documents: SimSun (宋体) body, SimHei (黑体) headings; a sober serif and
/// sans for Latin text in either language.
pub fn fonts(lang: Lang) -> Fonts {
    match lang {
        Lang::En => Fonts {
            body: "Times New Roman",
            heading: "Arial",
            ea_body: "SimSun",
            ea_heading: "SimHei",
            lang: "en-GB",
        },
        Lang::Zh => Fonts {
            body: "Times New Roman",
            heading: "Times New Roman",
            ea_body: "SimSun",
            ea_heading: "SimHei",
            // The language of Latin text; Chinese is tagged by `w:eastAsia`.
            lang: "en-US",
        },
    }
}

pub fn content_types(images: usize) -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let png = if images > 0 {
        r#"<Default Extension="png" ContentType="image/png"/>"#
    } else {
        ""
    };
    format!(
        r#"{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{png}<Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{wml}.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="{wml}.numbering+xml"/><Override PartName="/word/fontTable.xml" ContentType="{wml}.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="{wml}.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
    )
}

pub fn root_rels() -> String {
    format!(
        r#"{HEAD}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// The relationship id of image `k` (1-based) and its part name under `word/`.
pub fn image_rel(k: usize) -> (String, String) {
    (format!("rIdImg{k}"), format!("media/image{k}.png"))
}

pub fn document_rels(images: usize) -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut s = format!(
        r#"{HEAD}<Relationships xmlns="{PKG_RELS}"><Relationship Id="rIdStyles" Type="{base}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{base}/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="{base}/numbering" Target="numbering.xml"/><Relationship Id="rIdFonts" Type="{base}/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter" Type="{base}/footer" Target="footer1.xml"/>"#
    );
    for k in 1..=images {
        let (id, target) = image_rel(k);
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{base}/image" Target="{target}"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

fn rfonts(latin: &str, ea: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"/>"#)
}

/// A paragraph style; `ppr` and `rpr` are the inner property elements in schema order.
fn pstyle(id: &str, name: &str, based: &str, next: &str, ppr: &str, rpr: &str) -> String {
    let based = if based.is_empty() {
        String::new()
    } else {
        format!(r#"<w:basedOn w:val="{based}"/>"#)
    };
    let next = if next.is_empty() {
        String::new()
    } else {
        format!(r#"<w:next w:val="{next}"/>"#)
    };
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{based}{next}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

pub fn styles(lang: Lang) -> String {
    let f = fonts(lang);
    let body = rfonts(f.body, f.ea_body);
    let head = rfonts(f.heading, f.ea_heading);
    let mono = rfonts("Courier New", f.ea_body);
    let lang_attr = format!(
        r#"<w:lang w:val="{}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
        f.lang
    );
    let heading = |n: u8, size: u32, before: u32| {
        pstyle(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            "Normal",
            "Normal",
            &format!(
                r#"<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="{}"/>"#,
                n - 1
            ),
            &format!(
                r#"{head}<w:b/><w:bCs/><w:color w:val="000000"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
            ),
        )
    };
    let mut s = format!(
        r#"{HEAD}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:sz w:val="24"/><w:szCs w:val="24"/>{lang_attr}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr><w:rPr>{body}</w:rPr></w:style>"#
    ));
    s.push_str(&pstyle(
        "Title",
        "Title",
        "Normal",
        "Normal",
        r#"<w:spacing w:before="2400" w:after="600" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/>"#,
        &format!(r#"{head}<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/>"#),
    ));
    s.push_str(&heading(1, 32, 360));
    s.push_str(&heading(2, 28, 240));
    s.push_str(&heading(3, 24, 200));
    s.push_str(&pstyle(
        "Caption",
        "caption",
        "Normal",
        "Normal",
        r#"<w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>"#,
        &format!(r#"{head}<w:sz w:val="21"/><w:szCs w:val="21"/>"#),
    ));
    s.push_str(&pstyle(
        "Figure",
        "Figure",
        "Normal",
        "Caption",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
        "",
    ));
    s.push_str(&pstyle(
        "ListBullet",
        "List Bullet",
        "Normal",
        "",
        r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="420" w:hanging="420"/>"#,
        "",
    ));
    s.push_str(&pstyle(
        "Preformatted",
        "Preformatted",
        "Normal",
        "Normal",
        r#"<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>"#,
        &format!(r#"{mono}<w:sz w:val="16"/><w:szCs w:val="16"/>"#),
    ));
    s.push_str(&pstyle(
        "TableText",
        "Table Text",
        "Normal",
        "",
        r#"<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>"#,
        r#"<w:sz w:val="20"/><w:szCs w:val="20"/>"#,
    ));
    s.push_str(&pstyle(
        "TableHeading",
        "Table Heading",
        "TableText",
        "",
        r#"<w:keepNext/>"#,
        &format!(r#"{head}<w:b/><w:bCs/>"#),
    ));
    s.push_str(&pstyle(
        "TOCHeading",
        "TOC Heading",
        "Normal",
        "Normal",
        r#"<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>"#,
        &format!(r#"{head}<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>"#),
    ));
    s.push_str(&pstyle(
        "TOC1",
        "toc 1",
        "Normal",
        "Normal",
        r#"<w:spacing w:after="60"/>"#,
        "",
    ));
    s.push_str(&pstyle(
        "TOC2",
        "toc 2",
        "Normal",
        "Normal",
        r#"<w:spacing w:after="60"/><w:ind w:left="480"/>"#,
        "",
    ));
    s.push_str(&pstyle(
        "Footer",
        "footer",
        "Normal",
        "",
        r#"<w:spacing w:after="0"/><w:jc w:val="center"/>"#,
        r#"<w:sz w:val="18"/><w:szCs w:val="18"/>"#,
    ));
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="nil"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders></w:tblPr></w:style>"#);
    s.push_str("</w:styles>");
    s
}

pub fn numbering() -> String {
    format!(
        r#"{HEAD}<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}

fn field(instr: &str, shown: &str) -> String {
    format!(r#"<w:fldSimple w:instr=" {instr} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"#)
}

/// Page numbers: "Page 2 of 9" / "第 2 页 共 9 页".
pub fn footer(lang: Lang) -> String {
    let t = |s: &str| format!(r#"<w:r><w:t xml:space="preserve">{s}</w:t></w:r>"#);
    let (page, total) = (field("PAGE", "1"), field("NUMPAGES", "1"));
    let inner = match lang {
        Lang::En => format!("{}{page}{}{total}", t("Page "), t(" of ")),
        Lang::Zh => format!("{}{page}{}{total}{}", t("第 "), t(" 页 共 "), t(" 页")),
    };
    format!(
        r#"{HEAD}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{inner}</w:p></w:ftr>"#
    )
}

pub fn settings(lang: Lang) -> String {
    let ea = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-GB",
    };
    format!(
        r#"{HEAD}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="{ea}" w:eastAsia="zh-CN"/></w:settings>"#
    )
}

/// The fonts with their Chinese names and charsets, so Word and WPS on any system map SimSun
/// to 宋体 and SimHei to 黑体.
pub fn font_table() -> String {
    format!(
        r#"{HEAD}<w:fonts xmlns:w="{W_NS}"><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Arial"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="Courier New"><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="SimSun"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="SimHei"><w:altName w:val="黑体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>"#
    )
}

pub fn core(title: &str, lang: Lang) -> String {
    let l = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-GB",
    };
    format!(
        r#"{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>beltscope</dc:creator><dc:language>{l}</dc:language></cp:coreProperties>"#,
        esc(title)
    )
}

pub fn app() -> String {
    format!(
        r#"{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>beltscope {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}
