//! Inputs that once crashed or flooded the terminal, kept under `tests/data/regress/`: each must
//! give exit 2 with a located problem, a bounded amount of output, and no panic.

use assert_cmd::Command;

fn validate(file: &str) -> (i32, String) {
    let out = Command::cargo_bin("beltscope")
        .unwrap()
        .args(["validate", &format!("tests/data/regress/{file}")])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_problem_after_a_carriage_return_is_located_not_a_panic() {
    for file in ["cr-unterminated.toml", "cr-only.toml"] {
        let (code, err) = validate(file);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(&format!("{file}:")), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
}

#[test]
fn a_problem_past_column_65535_shows_a_window_of_the_line() {
    // `title = "t"` then 70,000 spaces and `x`; a CSV cell of 70,000 spaces and `abc`.
    for (file, column) in [
        ("long-line.toml", ":1:70012"),
        ("long-cell.csv", ":2:70006"),
    ] {
        let (code, err) = validate(file);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(column), "{file}: {err}");
        assert!(err.contains('…'), "the excerpt is cut: {err}");
        assert!(err.len() < 4_000, "{file}: {} bytes of output", err.len());
    }
}
