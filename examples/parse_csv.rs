//! The floor for reading a survey CSV: read the file and parse every value cell as a number,
//! nothing else (no header matching, no checks, no places). `beltscope score` is measured
//! against this in the README's speed table.
//!
//! `cargo run --release --example parse_csv -- FILE.csv`

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_csv FILE.csv");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let mut values: Vec<f64> = Vec::new();
    for line in text.lines().skip(1) {
        for cell in line.split(',').skip(1) {
            values.push(cell.trim().parse().unwrap_or(f64::NAN));
        }
    }
    let sum: f64 = values.iter().sum();
    println!("{} values, sum {sum}", values.len());
    std::process::ExitCode::SUCCESS
}
