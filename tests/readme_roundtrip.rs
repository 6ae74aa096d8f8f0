//! The README's questionnaire round trip, run line by line exactly as the README writes it:
//! the blank questionnaire, the example questionnaires aggregated into a copy of the example
//! survey, and that copy scored. The example's 2023/2024 ratings are the rounded means, so the
//! merged survey scores as the example does.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shell lines of the README's round-trip block.
fn readme_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let (_, after) = readme
        .split_once("### The questionnaire round trip")
        .expect("the README has the round trip");
    let (_, block) = after.split_once("```sh\n").expect("a sh block");
    let (block, _) = block.split_once("```").expect("the block ends");
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("beltscope")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `name = value` of every value line in the observation `label`'s block.
fn values(toml: &str, label: &str) -> Vec<(String, f64)> {
    let mut current = String::new();
    let mut out = Vec::new();
    for line in toml.lines() {
        if let Some(l) = line.strip_prefix("label = ") {
            current = l.trim_matches('"').to_string();
        } else if current == label
            && let Some((k, v)) = line.split_once(" = ")
            && let Ok(x) = v.trim().parse::<f64>()
        {
            out.push((k.trim().to_string(), x));
        }
    }
    out
}

#[test]
fn the_readme_round_trip_runs_as_written() {
    let lines = readme_lines();
    assert_eq!(
        lines,
        [
            "beltscope aggregate --template -o questionnaire.xlsx",
            "cp surveys/example-belt.toml merged.toml",
            "beltscope aggregate surveys/example-questionnaire.csv -o merged.toml",
            "beltscope score merged.toml",
        ]
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("surveys")).expect("mkdir");
    for f in ["example-belt.toml", "example-questionnaire.csv"] {
        std::fs::copy(root().join("surveys").join(f), d.join("surveys").join(f)).expect("copy");
    }
    let mut outputs = Vec::new();
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["cp", from, to] => {
                std::fs::copy(d.join(from), d.join(to)).expect("cp");
            }
            ["beltscope", args @ ..] => {
                let out = run(d, args);
                assert!(out.status.success(), "{line}: {}", text(&out.stderr));
                outputs.push(out);
            }
            _ => panic!("unexpected README line {line}"),
        }
    }

    // The template: a workbook (a zip), announced on stderr.
    let xlsx = std::fs::read(d.join("questionnaire.xlsx")).expect("template written");
    assert!(xlsx.starts_with(b"PK"));
    assert!(text(&outputs[0].stderr).contains("wrote questionnaire.xlsx"));

    // The aggregation prints what the README shows.
    let agg = text(&outputs[1].stdout);
    for shown in [
        "2023 (22 questionnaires)",
        "2024 (24 questionnaires)",
        "Enterprise rating of platform services                     platform_service_rating    22  3.182  0.958  2.757 – 3.607",
        "Enterprise rating of the rule-of-law environment           legal_env_rating           23  2.783  0.850  2.415 – 3.150",
        "all items      7  40  0.871  acceptable",
    ] {
        assert!(agg.contains(shown), "missing {shown:?} in\n{agg}");
    }
    assert!(text(&outputs[1].stderr).contains("wrote merged.toml"));

    // Only the 2023/2024 ratings changed, each to a mean that rounds to the example's value.
    let example = std::fs::read_to_string(d.join("surveys/example-belt.toml")).expect("example");
    let merged = std::fs::read_to_string(d.join("merged.toml")).expect("merged");
    assert!(merged.contains("platform_service_rating = 3.1818181818181817"));
    let changed = example
        .lines()
        .zip(merged.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 14, "7 ratings × 2 years");
    assert_eq!(example.lines().count(), merged.lines().count());
    for label in ["2019", "2020", "2021", "2022", "2023", "2024"] {
        let (e, m) = (values(&example, label), values(&merged, label));
        assert_eq!(e.len(), m.len());
        for ((ke, ve), (km, vm)) in e.iter().zip(&m) {
            assert_eq!(ke, km);
            assert_eq!(
                format!("{ve:.2}"),
                format!("{vm:.2}"),
                "{label} {ke}: the example's value is not the rounded mean"
            );
        }
    }

    // Scored, the merged survey gives the example's table.
    let score = text(&outputs[2].stdout);
    let example_score = text(&run(d, &["score", "surveys/example-belt.toml"]).stdout);
    let table = |s: &str| -> String {
        s.lines()
            .skip_while(|l| !l.starts_with("observation"))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(table(&score), table(&example_score));
    for shown in [
        "2019         0.313    0.045  0.277  0.743  0.212  0.396  4 mild disorder              subcore",
        "2024         0.701    0.953  0.728  0.990  0.794  0.887  9 good coordination          core, outer",
    ] {
        assert!(score.contains(shown), "missing {shown:?} in\n{score}");
    }
}
