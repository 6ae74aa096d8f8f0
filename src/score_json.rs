//! `score --format json`: the scoring contract's document, in serde_json's pretty layout.
//!
//! A province's panel gives a document of millions of numbers (10,000 observations × 200
//! indicators: 110 MB), so the observations are written by hand, in pieces side by side, with
//! every key escaped once per document instead of once per entry. The head (framework, method,
//! indicators) and tail (imputed values, warnings) are small and go through `serde_json::Value`.
//! The bytes are exactly serde_json's `to_writer_pretty`; a test re-prints the output with it.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use crate::engine::Assessment;
use crate::json_pretty::{Entries, Pretty};
use crate::lang::{Lang, level_name};
use crate::messages;
use crate::model::Framework;
use crate::model::survey::PanelKey;
use crate::output::method_json;

/// Writes the document, then a line end.
pub fn write(
    w: &mut (impl Write + ?Sized),
    fw: &Framework,
    a: &Assessment,
    panel: Option<&[PanelKey]>,
) -> io::Result<()> {
    // Rounds of about 1 MB per piece: the whole document would need as much memory as its size.
    let pieces = crate::par::pieces(a.m() * (fw.indicators.len() + 1), 1 << 15);
    let per_entry = 40 * (fw.indicators.len() + 2 * (fw.dimensions.len() + fw.circles.len()));
    let rows_per_piece = ((1 << 20) / (per_entry + 400)).max(1);
    write_in_rounds(w, fw, a, panel, pieces, rows_per_piece)
}

/// [`write`] with the observations in rounds of `pieces` pieces of `rows_per_piece` each.
fn write_in_rounds(
    w: &mut (impl Write + ?Sized),
    fw: &Framework,
    a: &Assessment,
    panel: Option<&[PanelKey]>,
    pieces: usize,
    rows_per_piece: usize,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut doc = Pretty::new(&mut buf, 0);
    doc.open(b'{');
    doc.key(b"\"framework\"");
    doc.value(&json!({"id": fw.id, "version": fw.version}));
    doc.key(b"\"method\"");
    doc.value(&method_json(fw, a));
    doc.key(b"\"indicators\"");
    doc.value(&indicators(fw, a));
    doc.key(b"\"observations\"");
    doc.open(b'[');
    let depth = doc.depth;
    let keys = Keys::new(fw, depth);
    w.write_all(&buf)?;

    let mut bufs = vec![Vec::new(); pieces];
    let mut start = 0;
    while start < a.m() {
        let end = a.m().min(start + pieces * rows_per_piece);
        let ranges = crate::par::ranges(end - start, pieces);
        let items = (bufs.iter_mut())
            .zip(ranges)
            .map(|(buf, r)| (buf, start + r.start..start + r.end))
            .collect();
        crate::par::for_each(items, |(buf, rows): (&mut Vec<u8>, Range<usize>)| {
            buf.clear();
            let mut p = Pretty::new(buf, depth);
            p.first = rows.start == 0;
            for i in rows {
                p.next();
                observation(&mut p, &keys, fw, a, i, panel.and_then(|k| k.get(i)));
            }
        });
        for buf in &bufs {
            w.write_all(buf)?;
        }
        start = end;
    }

    buf.clear();
    let mut doc = Pretty::new(&mut buf, depth);
    doc.first = a.m() == 0;
    doc.close(b']');
    doc.key(b"\"imputed\"");
    doc.value(&imputed(fw, a));
    doc.key(b"\"warnings\"");
    doc.value(&json!(messages::warnings(fw, a, Lang::En)));
    doc.close(b'}');
    buf.push(b'\n');
    w.write_all(&buf)
}

/// The document in memory (for tests and views that compare figures).
pub fn to_vec(fw: &Framework, a: &Assessment, panel: Option<&[PanelKey]>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut out, fw, a, panel);
    out
}

fn indicators(fw: &Framework, a: &Assessment) -> Value {
    (fw.indicators.iter().enumerate())
        .map(|(j, ind)| {
            json!({
                "id": ind.id,
                "dimension": fw.dimensions[ind.dimension].id,
                "circle": fw.circles[ind.circle].id,
                "direction": ind.direction.as_str(),
                "entropy": a.weights.entropy.as_ref().map(|e| e[j]),
                "weight": a.weights.global[j],
            })
        })
        .collect()
}

fn imputed(fw: &Framework, a: &Assessment) -> Value {
    (a.imputed.iter())
        .map(|&(i, j, x)| json!({"label": a.labels[i], "indicator": fw.indicators[j].id, "value": x}))
        .collect()
}

/// One observation's object, at the writer's depth.
fn observation(
    p: &mut Pretty,
    keys: &Keys,
    fw: &Framework,
    a: &Assessment,
    i: usize,
    key: Option<&PanelKey>,
) {
    let c = &a.coupling[i];
    let o = a.obstacles_of(i);
    p.open(b'{');
    p.key(b"\"label\"");
    p.str(&a.labels[i]);
    if let Some(k) = key {
        p.key(b"\"region\"");
        p.str(&k.region);
        p.key(b"\"period\"");
        p.int(k.period);
    }
    p.key(b"\"dimensions\"");
    p.numbers(&keys.dimensions[0], a.dimensions(i).iter().copied());
    p.key(b"\"circles\"");
    p.numbers(&keys.circles[0], a.circles(i).iter().copied());
    p.key(b"\"coupling\"");
    p.num(c.c);
    p.key(b"\"coordination\"");
    p.num(c.t);
    p.key(b"\"degree\"");
    p.num(c.d);
    p.key(b"\"level\"");
    p.int(c.level.into());
    p.key(b"\"level_name\"");
    p.str(level_name(c.level));
    p.key(b"\"lagging\"");
    p.strs(c.lagging.iter().map(|&k| fw.circles[k].id.as_str()));
    p.key(b"\"coupling_stage\"");
    p.int(c.stage.into());
    p.key(b"\"coupling_stage_name\"");
    p.str(Lang::En.stage_name(c.stage));
    p.key(b"\"obstacles\"");
    p.open(b'{');
    p.key(b"\"indicators\"");
    p.numbers(
        &keys.indicators,
        (0..fw.indicators.len()).map(|j| o.indicator(j)),
    );
    p.key(b"\"dimensions\"");
    p.numbers(&keys.dimensions[1], o.dimensions.iter().copied());
    p.key(b"\"circles\"");
    p.numbers(&keys.circles[1], o.circles.iter().copied());
    p.close(b'}');
    p.key(b"\"weak_dimensions\"");
    p.strs(
        a.weak_dimensions[i]
            .iter()
            .map(|&d| fw.dimensions[d].id.as_str()),
    );
    p.key(b"\"countermeasures\"");
    p.strs(
        a.countermeasures[i]
            .iter()
            .map(|&m| fw.countermeasures[m].id.as_str()),
    );
    p.close(b'}');
}

/// The framework's ids, quoted once for the depths an observation's objects are at.
struct Keys {
    /// Indicators at the obstacles' depth.
    indicators: Entries,
    /// Dimensions and circles at the scores' depth, then at the obstacles' depth.
    dimensions: [Entries; 2],
    circles: [Entries; 2],
}

impl Keys {
    /// Ids for an observation written at `depth`: its scores one level in, its obstacles two.
    fn new(fw: &Framework, depth: usize) -> Self {
        let indicators = || fw.indicators.iter().map(|x| x.id.as_str());
        let dimensions = || fw.dimensions.iter().map(|x| x.id.as_str());
        let circles = || fw.circles.iter().map(|x| x.id.as_str());
        let (scores, obstacles) = (depth + 2, depth + 3);
        Keys {
            indicators: Entries::new(indicators(), obstacles),
            dimensions: [
                Entries::new(dimensions(), scores),
                Entries::new(dimensions(), obstacles),
            ],
            circles: [
                Entries::new(circles(), scores),
                Entries::new(circles(), obstacles),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reprinted(bytes: &[u8]) -> Vec<u8> {
        let v: Value = serde_json::from_slice(bytes).expect("valid JSON");
        let mut out = serde_json::to_vec_pretty(&v).expect("prints");
        out.push(b'\n');
        out
    }

    #[test]
    fn rounds_and_pieces_change_no_byte() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-panel.csv");
        let flags = crate::model::method::MethodSpec::default();
        let input = crate::scoring::load_to_score(&path, None, None, &flags).expect("loads");
        let a = input.assess(&flags).expect("assesses");
        let panel = input.doc.survey.panel_keys();
        let written = |pieces, rows| {
            let mut out = Vec::new();
            write_in_rounds(
                &mut out,
                &input.framework,
                &a,
                panel.as_deref(),
                pieces,
                rows,
            )
            .expect("writes");
            out
        };
        let whole = written(1, usize::MAX / 4);
        assert!(a.m() > 7, "enough rows for several rounds");
        for (pieces, rows) in [(2, 1), (3, 2), (7, 1), (2, 5)] {
            assert!(
                written(pieces, rows) == whole,
                "{pieces} pieces of {rows} rows"
            );
        }
    }

    #[test]
    fn the_example_belt_and_a_panel_print_as_serde_json_would() {
        for path in ["surveys/example-belt.toml", "surveys/example-panel.csv"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            let flags = crate::model::method::MethodSpec::default();
            let input = crate::scoring::load_to_score(&path, None, None, &flags).expect("loads");
            let a = input.assess(&flags).expect("assesses");
            let panel = input.doc.survey.panel_keys();
            let out = to_vec(&input.framework, &a, panel.as_deref());
            assert_eq!(
                String::from_utf8_lossy(&reprinted(&out)),
                String::from_utf8_lossy(&out)
            );
        }
    }
}
