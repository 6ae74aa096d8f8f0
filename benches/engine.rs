//! How long the engine takes on a large survey: 10,000 observations × 200 indicators, the size
//! the issue names, generated here (no files) so the bench runs anywhere.
//!
//! `cargo bench --bench engine` — or `cargo run --release --example ...` is not needed: the
//! end-to-end binary timing is in the README, measured with `hyperfine`/`time`.

use std::hint::black_box;

use beltscope::engine::sensitivity::{self as sens, SensitivityOptions};
use beltscope::engine::{self, CouplingModel, Method, MethodSpec, Prepared, Scratch};
use beltscope::model::{DataMatrix, Framework, SurveyDoc, sheet};
use criterion::{Criterion, criterion_group, criterion_main};

/// A framework of 4 circles × 5 dimensions × 10 indicators; every third indicator negative.
pub fn big_framework() -> Framework {
    framework(4, 5, 10)
}

/// A framework of `nc` circles × `nd` dimensions × `ni` indicators.
pub fn framework(nc: usize, nd: usize, ni: usize) -> Framework {
    Framework::parse("bench.toml", &framework_text(nc, nd, ni)).expect("bench framework is valid")
}

/// The framework file of [`framework`].
fn framework_text(nc: usize, nd: usize, ni: usize) -> String {
    let mut t = String::from("schema = 1\nid = \"bench\"\nname = \"Bench\"\nversion = \"1\"\n");
    for c in 0..nc {
        t.push_str(&format!("[[circles]]\nid = \"c{c}\"\nname = \"C{c}\"\n"));
        for d in 0..nd {
            t.push_str(&format!(
                "[[dimensions]]\nid = \"d{c}_{d}\"\ncircle = \"c{c}\"\nname = \"D\"\n"
            ));
            for i in 0..ni {
                let dir = if i % 3 == 0 { "negative" } else { "positive" };
                t.push_str(&format!(
                    "[[indicators]]\nid = \"i{c}_{d}_{i}\"\ndimension = \"d{c}_{d}\"\nname = \"I\"\ndirection = \"{dir}\"\nweight = 1\nbounds = [0, 1000]\n"
                ));
            }
            t.push_str(&format!(
                "[[countermeasures]]\nid = \"m{c}_{d}\"\ntitle = \"M\"\ntext = \"T\"\ndimensions = [\"d{c}_{d}\"]\n"
            ));
        }
    }
    t
}

/// Deterministic pseudo-random values in [0, 1000).
fn values(m: usize, n: usize) -> Vec<f64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..m * n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 1_000_000) as f64 / 1000.0
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let fw = big_framework();
    let (m, n) = (10_000, fw.indicators.len());
    let data = DataMatrix {
        labels: (0..m).map(|i| format!("obs{i}")).collect(),
        n,
        values: values(m, n),
    };
    let mut group = c.benchmark_group("10000x200");
    group.sample_size(10);
    group.bench_function("assess classic", |b| {
        b.iter(|| engine::assess(&fw, black_box(&data), &Method::default()))
    });
    let corrected = Method {
        coupling: CouplingModel::Corrected,
        ..Method::default()
    };
    group.bench_function("assess corrected", |b| {
        b.iter(|| engine::assess(&fw, black_box(&data), &corrected))
    });
    let mut csv = String::from("label");
    for ind in &fw.indicators {
        csv.push(',');
        csv.push_str(&ind.id);
    }
    csv.push('\n');
    for i in 0..m {
        csv.push_str(&data.labels[i]);
        for x in data.row(i) {
            csv.push(',');
            csv.push_str(&x.to_string());
        }
        csv.push('\n');
    }
    // As `beltscope score big.csv --framework bench.toml` does it: from the files on disk.
    let dir = tempfile::tempdir().expect("temp dir");
    let (csv_path, fw_path) = (dir.path().join("big.csv"), dir.path().join("bench.toml"));
    std::fs::write(&csv_path, &csv).expect("writes the CSV");
    std::fs::write(&fw_path, framework_text(4, 5, 10)).expect("writes the framework");
    let fw_arg = fw_path.display().to_string();
    group.bench_function("load csv file + score", |b| {
        b.iter(|| {
            let input = beltscope::files::load_survey(black_box(&csv_path), Some(&fw_arg), None)
                .expect("loads");
            input.assess(&MethodSpec::default()).expect("scores")
        })
    });
    group.bench_function("parse csv + matrix + assess", |b| {
        b.iter(|| {
            let input = sheet::Input::Bytes {
                name: "big.csv",
                bytes: black_box(csv.as_bytes()),
            };
            let (table, _, _) = sheet::read_table(input, &fw, None);
            let doc = SurveyDoc::from_table(table.expect("valid csv"), &fw, "big");
            let data = doc.matrix(&fw).expect("complete");
            engine::assess(&fw, &data, &Method::default())
        })
    });
    group.finish();
}

/// Uniform factors in [1 − spread, 1 + spread], from a xorshift state.
fn perturb(base: &[f64], spread: f64, state: &mut u64, out: &mut Vec<f64>) {
    out.clear();
    for w in base {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let u = (*state >> 11) as f64 / (1u64 << 53) as f64;
        out.push(w * (1.0 - spread + 2.0 * spread * u));
    }
    let sum: f64 = out.iter().sum();
    out.iter_mut().for_each(|w| *w /= sum);
}

/// Sensitivity analysis: 1,000 runs with perturbed weights on the example survey, each
/// rescoring every observation and finding the focus observation's weak dimensions.
fn sensitivity(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let input = beltscope::files::load_input(&path, None).expect("example survey");
    let method = input.method_spec(&MethodSpec::default()).resolve();
    let data = input.matrix().expect("complete");
    let fw = &input.framework;
    let prepared = Prepared::new(fw, &method).expect("method runs");
    let mut z = Vec::new();
    prepared.normalize_into(&data, &mut z);
    let base = prepared.weights(&z, data.m()).expect("weights").global;
    let m = data.m();
    c.bench_function("sensitivity 1000 runs example-belt", |b| {
        let (mut scratch, mut w) = (Scratch::default(), Vec::new());
        b.iter(|| {
            let mut state: u64 = 42;
            let mut weak = 0usize;
            for _ in 0..1000 {
                perturb(&base, 0.2, &mut state, &mut w);
                prepared.score_with(black_box(&z), m, &w, &mut scratch);
                weak += prepared.weak(&scratch, m - 1).len();
            }
            weak
        })
    });
}

/// The whole analysis as `beltscope sensitivity` runs it: 1,000 runs on the example survey,
/// with the percentiles, ranks and weak-dimension shares.
fn sensitivity_engine(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let input = beltscope::files::load_input(&path, None).expect("example survey");
    let method = input.method_spec(&MethodSpec::default()).resolve();
    let data = input.matrix().expect("complete");
    let focus = data.m() - 1;
    let mut group = c.benchmark_group("sensitivity engine example-belt");
    group.sample_size(20);
    for vary_methods in [false, true] {
        let opts = SensitivityOptions {
            vary_methods,
            ..SensitivityOptions::default()
        };
        let name = if vary_methods {
            "1000 runs, vary methods"
        } else {
            "1000 runs"
        };
        group.bench_function(name, |b| {
            b.iter(|| sens::sensitivity(&input.framework, black_box(&data), &method, focus, &opts))
        });
    }
    group.finish();
}

/// One recompute of 30 observations × 60 indicators, as the TUI does after each keystroke.
fn recompute(c: &mut Criterion) {
    let fw = framework(3, 4, 5);
    let (m, n) = (30, fw.indicators.len());
    let data = DataMatrix {
        labels: (0..m).map(|i| format!("obs{i}")).collect(),
        n,
        values: values(m, n),
    };
    c.bench_function("assess 30x60", |b| {
        b.iter(|| engine::assess(&fw, black_box(&data), &Method::default()))
    });
    let prepared = Prepared::new(&fw, &Method::default()).expect("method runs");
    let mut scratch = Scratch::default();
    c.bench_function("prepared assess 30x60", |b| {
        b.iter(|| prepared.assess(black_box(&data), &[], &mut scratch))
    });
}

criterion_group!(benches, bench, sensitivity, sensitivity_engine, recompute);
criterion_main!(benches);
