//! Every method setting, listed once. Flags, the survey's `[method]` table (read and written),
//! overlaying and defaults, the JSON `method` object, the report's wording and the TUI's method
//! lines are all driven by [`SETTINGS`]; adding a setting is one row here plus its field in
//! [`Method`]/[`MethodSpec`] and its use in the engine.

use std::ops::Range;

use serde_json::{Value, json};

use crate::diag::Problem;
use crate::lang::Lang;
use crate::model::method::check_interval;
use crate::model::method::{
    Choice, CouplingModel, Impute, Method, MethodSpec, Normalization, ObstacleBasis, Weighting,
};
use crate::model::tomlwalk::TableReader;
use crate::textfmt::format_number;

/// A setting's value as TOML: a string (quoted by the writer) or literal TOML text.
#[derive(Debug, Clone, PartialEq)]
pub enum TomlValue {
    Str(String),
    Raw(String),
}

/// Where the TUI's results screen shows a setting.
#[derive(Debug, Clone, Copy)]
pub struct TuiSlot {
    /// Line 0 or 1 of the method lines, and the place within the line.
    pub line: u8,
    pub pos: u8,
    /// Label before the value (English, Chinese).
    pub label: (&'static str, &'static str),
    /// The key that changes the setting; settings without one are shown as plain text.
    pub key: Option<&'static str>,
    /// The value as shown, in the reader's language.
    pub value: fn(&Method, Lang) -> String,
}

/// Place and text of a setting in the one-line method summary.
pub type Summary = (u8, fn(&Method) -> String);

/// One method setting and everything each layer needs to know about it.
pub struct Setting {
    /// Key in `[method]`, long flag name (`--key`) and JSON key.
    pub key: &'static str,
    /// The flag's value name in `--help`.
    pub value_name: &'static str,
    /// Help of the flag (English, Chinese).
    pub help: (&'static str, &'static str),
    /// Reads the flag's text into the spec; the error is shown by the argument parser.
    pub parse_flag: fn(&str, &mut MethodSpec) -> Result<(), String>,
    /// Reads the key of `[method]`, reporting a bad value at its place.
    pub read_toml: fn(&mut TableReader<'_, '_>, &mut MethodSpec, &mut Vec<Problem>),
    /// The value to write into `[method]`, when set.
    pub write_toml: fn(&MethodSpec) -> Option<TomlValue>,
    /// Copies the setting from `over` into `into` when `over` sets it.
    pub overlay: fn(over: &MethodSpec, into: &mut MethodSpec),
    /// Copies the setting from the spec into the method when the spec sets it.
    pub resolve: fn(&MethodSpec, &mut Method),
    /// The value in the JSON `method` object (absent: not in the object).
    pub json: Option<fn(&Method) -> Value>,
    /// Place and text in the one-line method summary of the text output.
    pub summary: Option<Summary>,
    /// The setting in the report's prose.
    pub words: Option<fn(&Method, Lang) -> String>,
    /// The setting on the TUI's results screen.
    pub tui: Option<TuiSlot>,
}

/// The settings in the order of the JSON `method` object, the report prose and `--help`.
pub static SETTINGS: &[Setting] = &[
    Setting {
        key: "normalization",
        value_name: "NORMALIZATION",
        help: (
            "range (min–max over observations) or reference (the indicators' bounds)",
            "range（观测的极差）或 reference（指标的参考区间）",
        ),
        parse_flag: |s, m| {
            m.normalization = Some(flag_choice(s)?);
            Ok(())
        },
        read_toml: |t, m, p| m.normalization = toml_choice(t, "normalization", p),
        write_toml: |m| m.normalization.map(|x| TomlValue::Str(x.as_str().into())),
        overlay: |o, m| m.normalization = o.normalization.or(m.normalization),
        resolve: |s, m| m.normalization = s.normalization.unwrap_or(m.normalization),
        json: Some(|m| json!(m.normalization.as_str())),
        summary: Some((0, |m| format!("{} normalization", m.normalization.as_str()))),
        words: Some(|m, lang| {
            match (m.normalization, lang) {
                (Normalization::Range, Lang::En) => "range normalization",
                (Normalization::Reference, Lang::En) => "reference normalization",
                (Normalization::Range, Lang::Zh) => "极差标准化",
                (Normalization::Reference, Lang::Zh) => "参考值标准化",
            }
            .into()
        }),
        tui: Some(TuiSlot {
            line: 0,
            pos: 0,
            label: ("normalization", "标准化"),
            key: Some("m"),
            value: |m, lang| match (m.normalization, lang) {
                (_, Lang::En) => m.normalization.as_str().into(),
                (Normalization::Range, Lang::Zh) => "极差".into(),
                (Normalization::Reference, Lang::Zh) => "参考值".into(),
            },
        }),
    },
    Setting {
        key: "weighting",
        value_name: "WEIGHTING",
        help: (
            "entropy, fixed (the framework's weights) or combined",
            "entropy（熵权）、fixed（指标体系的权重）或 combined（组合）",
        ),
        parse_flag: |s, m| {
            m.weighting = Some(flag_choice(s)?);
            Ok(())
        },
        read_toml: |t, m, p| m.weighting = toml_choice(t, "weighting", p),
        write_toml: |m| m.weighting.map(|x| TomlValue::Str(x.as_str().into())),
        overlay: |o, m| m.weighting = o.weighting.or(m.weighting),
        resolve: |s, m| m.weighting = s.weighting.unwrap_or(m.weighting),
        json: Some(|m| json!(m.weighting.as_str())),
        summary: Some((1, |m| format!("{} weights", m.weighting.as_str()))),
        words: Some(|m, lang| {
            match (m.weighting, lang) {
                (Weighting::Entropy, Lang::En) => "entropy weights",
                (Weighting::Fixed, Lang::En) => "fixed (expert) weights",
                (Weighting::Combined, Lang::En) => "combined entropy × expert weights",
                (Weighting::Entropy, Lang::Zh) => "熵权法",
                (Weighting::Fixed, Lang::Zh) => "固定（专家）权重",
                (Weighting::Combined, Lang::Zh) => "熵权×专家权重组合赋权",
            }
            .into()
        }),
        tui: Some(TuiSlot {
            line: 0,
            pos: 1,
            label: ("weighting", "赋权"),
            key: Some("w"),
            value: |m, lang| match (m.weighting, lang) {
                (_, Lang::En) => m.weighting.as_str().into(),
                (Weighting::Entropy, Lang::Zh) => "熵权".into(),
                (Weighting::Fixed, Lang::Zh) => "固定".into(),
                (Weighting::Combined, Lang::Zh) => "组合".into(),
            },
        }),
    },
    Setting {
        key: "shift",
        value_name: "SHIFT",
        help: (
            "Added to z before the entropy proportions (≥ 0)",
            "计算熵权比重前加到 z 上的平移量（≥ 0）",
        ),
        parse_flag: |s, m| {
            m.shift = Some(flag_shift(s)?);
            Ok(())
        },
        read_toml: toml_shift,
        write_toml: |m| m.shift.map(|x| TomlValue::Raw(format_number(x))),
        overlay: |o, m| m.shift = o.shift.or(m.shift),
        resolve: |s, m| m.shift = s.shift.unwrap_or(m.shift),
        json: Some(|m| json!(m.shift)),
        summary: Some((3, |m| format!("shift {}", m.shift))),
        words: Some(|m, lang| match lang {
            Lang::En => format!("shift {}", m.shift),
            Lang::Zh => format!("平移量 {}", m.shift),
        }),
        tui: Some(TuiSlot {
            line: 1,
            pos: 0,
            label: ("shift", "平移"),
            key: Some("s"),
            value: |m, _| format_number(m.shift),
        }),
    },
    Setting {
        key: "interval",
        value_name: "LO,HI",
        help: (
            "Map z into [LO,HI], e.g. 0.002,0.998 (the mathmodels R package)",
            "把 z 映射到 [LO,HI]，如 0.002,0.998（R 包 mathmodels 的做法）",
        ),
        parse_flag: |s, m| {
            m.interval = Some(flag_interval(s)?);
            Ok(())
        },
        read_toml: toml_interval,
        write_toml: |m| {
            m.interval.map(|(lo, hi)| {
                TomlValue::Raw(format!("[{}, {}]", format_number(lo), format_number(hi)))
            })
        },
        overlay: |o, m| m.interval = o.interval.or(m.interval),
        resolve: |s, m| m.interval = s.interval.unwrap_or(m.interval),
        json: Some(|m| json!([m.interval.0, m.interval.1])),
        summary: Some((4, |m| {
            format!("interval [{}, {}]", m.interval.0, m.interval.1)
        })),
        words: Some(|m, lang| {
            let (lo, hi) = m.interval;
            match lang {
                Lang::En => format!("interval [{lo}, {hi}]"),
                Lang::Zh => format!("区间 [{lo}, {hi}]"),
            }
        }),
        tui: Some(TuiSlot {
            line: 1,
            pos: 2,
            label: ("interval", "映射区间"),
            key: Some("i"),
            value: |m, _| {
                format!(
                    "[{}, {}]",
                    format_number(m.interval.0),
                    format_number(m.interval.1)
                )
            },
        }),
    },
    Setting {
        key: "coupling",
        value_name: "COUPLING",
        help: (
            "classic or corrected (Wang Shujia et al., 2021)",
            "classic（传统）或 corrected（修正，王淑佳等，2021）",
        ),
        parse_flag: |s, m| {
            m.coupling = Some(flag_choice(s)?);
            Ok(())
        },
        read_toml: |t, m, p| m.coupling = toml_choice(t, "coupling", p),
        write_toml: |m| m.coupling.map(|x| TomlValue::Str(x.as_str().into())),
        overlay: |o, m| m.coupling = o.coupling.or(m.coupling),
        resolve: |s, m| m.coupling = s.coupling.unwrap_or(m.coupling),
        json: Some(|m| json!(m.coupling.as_str())),
        summary: Some((2, |m| format!("{} coupling", m.coupling.as_str()))),
        words: Some(|m, lang| {
            match (m.coupling, lang) {
                (CouplingModel::Classic, Lang::En) => "classic coupling model",
                (CouplingModel::Corrected, Lang::En) => "corrected coupling model",
                (CouplingModel::Classic, Lang::Zh) => "传统耦合度模型",
                (CouplingModel::Corrected, Lang::Zh) => "修正耦合度模型",
            }
            .into()
        }),
        tui: Some(TuiSlot {
            line: 0,
            pos: 2,
            label: ("coupling", "耦合"),
            key: Some("c"),
            value: |m, lang| match (m.coupling, lang) {
                (_, Lang::En) => m.coupling.as_str().into(),
                (CouplingModel::Classic, Lang::Zh) => "传统".into(),
                (CouplingModel::Corrected, Lang::Zh) => "修正".into(),
            },
        }),
    },
    Setting {
        key: "top",
        value_name: "K",
        help: ("How many weak dimensions to report", "报告多少个薄弱维度"),
        parse_flag: |s, m| {
            m.top = Some(s.parse::<usize>().map_err(|e| e.to_string())?);
            Ok(())
        },
        read_toml: toml_top,
        write_toml: |m| m.top.map(|x| TomlValue::Raw(x.to_string())),
        overlay: |o, m| m.top = o.top.or(m.top),
        resolve: |s, m| m.top = s.top.unwrap_or(m.top),
        json: Some(|m| json!(m.top)),
        summary: Some((5, |m| format!("top {}", m.top))),
        words: Some(|m, lang| match lang {
            Lang::En => format!("top {} weak dimensions", m.top),
            Lang::Zh => format!("前 {} 个薄弱维度", m.top),
        }),
        tui: Some(TuiSlot {
            line: 1,
            pos: 1,
            label: ("top", "薄弱维度数"),
            key: Some("t"),
            value: |m, _| m.top.to_string(),
        }),
    },
    Setting {
        key: "obstacles",
        value_name: "BASIS",
        help: (
            "global (F_j = w_j) or composite (the shares decompose 1 − T)",
            "global（F_j = w_j）或 composite（障碍度分解 1 − T）",
        ),
        parse_flag: |s, m| {
            m.obstacles = Some(flag_choice(s)?);
            Ok(())
        },
        read_toml: |t, m, p| m.obstacles = toml_choice(t, "obstacles", p),
        write_toml: |m| m.obstacles.map(|x| TomlValue::Str(x.as_str().into())),
        overlay: |o, m| m.obstacles = o.obstacles.or(m.obstacles),
        resolve: |s, m| m.obstacles = s.obstacles.unwrap_or(m.obstacles),
        json: Some(|m| json!(m.obstacles.as_str())),
        summary: None,
        words: None,
        tui: Some(TuiSlot {
            line: 1,
            pos: 3,
            label: ("obstacles", "障碍度基准"),
            key: Some("o"),
            value: |m, lang| match (m.obstacles, lang) {
                (_, Lang::En) => m.obstacles.as_str().into(),
                (ObstacleBasis::Global, Lang::Zh) => "全局".into(),
                (ObstacleBasis::Composite, Lang::Zh) => "综合".into(),
            },
        }),
    },
    Setting {
        key: "impute",
        value_name: "IMPUTE",
        help: (
            "none (a missing value is an error), interpolate or mean",
            "none（缺失值报错）、interpolate（插值）或 mean（均值）",
        ),
        parse_flag: |s, m| {
            m.impute = Some(flag_choice(s)?);
            Ok(())
        },
        read_toml: |t, m, p| m.impute = toml_choice(t, "impute", p),
        write_toml: |m| m.impute.map(|x| TomlValue::Str(x.as_str().into())),
        overlay: |o, m| m.impute = o.impute.or(m.impute),
        resolve: |s, m| m.impute = s.impute.unwrap_or(m.impute),
        json: Some(|m| json!(m.impute.as_str())),
        summary: None,
        words: None,
        tui: Some(TuiSlot {
            line: 0,
            pos: 3,
            label: ("impute", "缺失值"),
            key: Some("I"),
            value: |m, lang| match (m.impute, lang) {
                (_, Lang::En) => m.impute.as_str().into(),
                (Impute::None, Lang::Zh) => "不插补".into(),
                (Impute::Interpolate, Lang::Zh) => "插值".into(),
                (Impute::Mean, Lang::Zh) => "均值".into(),
            },
        }),
    },
    Setting {
        key: "focus",
        value_name: "LABEL",
        help: (
            "The observation a report is about (default: the last)",
            "报告所针对的观测（默认：最后一个）",
        ),
        parse_flag: |s, m| {
            m.focus = Some(s.to_string());
            Ok(())
        },
        read_toml: |t, m, p| {
            if let Some(s) = t.opt_string("focus", p) {
                m.focus = Some(s.into_inner());
            }
        },
        write_toml: |m| m.focus.clone().map(TomlValue::Str),
        overlay: |o, m| m.focus = o.focus.clone().or_else(|| m.focus.take()),
        resolve: |_, _| {},
        json: None,
        summary: None,
        words: None,
        tui: None,
    },
];

/// The setting with this key.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// Every value of the method as `[method]` lines would hold them, in table order: the
/// survey writers use this.
pub fn toml_values(spec: &MethodSpec) -> Vec<(&'static str, Option<TomlValue>)> {
    SETTINGS
        .iter()
        .map(|s| (s.key, (s.write_toml)(spec)))
        .collect()
}

/// The JSON `method` object's settings, in table order.
pub fn json_values(m: &Method) -> Vec<(&'static str, Value)> {
    SETTINGS
        .iter()
        .filter_map(|s| s.json.map(|f| (s.key, f(m))))
        .collect()
}

/// "range normalization, entropy weights, classic coupling, shift 0, …": the one-line summary.
pub fn summary_line(m: &Method) -> String {
    let mut parts: Vec<(u8, String)> = SETTINGS
        .iter()
        .filter_map(|s| s.summary.map(|(pos, f)| (pos, f(m))))
        .collect();
    parts.sort_by_key(|(pos, _)| *pos);
    parts
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The method in the report's words, one phrase per setting.
pub fn words(m: &Method, lang: Lang) -> Vec<String> {
    SETTINGS
        .iter()
        .filter_map(|s| s.words.map(|f| f(m, lang)))
        .collect()
}

/// The TUI's method lines: per line, the slots in their order.
pub fn tui_lines() -> [Vec<&'static TuiSlot>; 2] {
    let mut lines: [Vec<&TuiSlot>; 2] = [Vec::new(), Vec::new()];
    for slot in SETTINGS.iter().filter_map(|s| s.tui.as_ref()) {
        lines[usize::from(slot.line.min(1))].push(slot);
    }
    for line in &mut lines {
        line.sort_by_key(|s| s.pos);
    }
    lines
}

/// A choice from a flag, with the allowed spellings in the error.
fn flag_choice<T: Choice>(s: &str) -> Result<T, String> {
    T::parse(s).ok_or_else(|| format!("`{s}` is not one of: {}", T::spellings()))
}

fn flag_shift(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x >= 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("`{s}` is not a number ≥ 0 (e.g. 0.01)")),
    }
}

/// `LO,HI` from a flag.
pub fn flag_interval(s: &str) -> Result<(f64, f64), String> {
    let parts: Result<Vec<f64>, _> = s.split(',').map(|p| p.trim().parse::<f64>()).collect();
    let parts = parts.map_err(|_| format!("`{s}` is not LO,HI (e.g. 0.002,0.998)"))?;
    check_interval(&parts)
}

/// A choice from `[method]`; an unknown spelling is reported with the allowed ones.
fn toml_choice<T: Choice>(
    t: &mut TableReader<'_, '_>,
    key: &'static str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let s = t.opt_string(key, problems)?;
    let v = T::parse(s.get_ref());
    if v.is_none() {
        let span: Range<usize> = s.span();
        problems.push(
            t.src
                .problem(
                    span,
                    format!("`{key} = \"{}\"` is not a known setting", s.get_ref()),
                )
                .help(format!("use one of: {}", T::spellings())),
        );
    }
    v
}

fn toml_shift(t: &mut TableReader<'_, '_>, m: &mut MethodSpec, problems: &mut Vec<Problem>) {
    if let Some(x) = t.opt_number("shift", problems) {
        if *x.get_ref() < 0.0 {
            problems.push(
                t.src
                    .problem(x.span(), "the shift must be ≥ 0")
                    .help("use `shift = 0` (default) or a small positive number like 0.01"),
            );
        } else {
            m.shift = Some(*x.get_ref());
        }
    }
}

fn toml_interval(t: &mut TableReader<'_, '_>, m: &mut MethodSpec, problems: &mut Vec<Problem>) {
    if let Some(iv) = t.opt_numbers("interval", problems) {
        match check_interval(iv.get_ref()) {
            Ok(pair) => m.interval = Some(pair),
            Err(msg) => problems.push(
                t.src
                    .problem(iv.span(), msg)
                    .help("write `interval = [LO, HI]` with 0 ≤ LO < HI ≤ 1, e.g. [0.002, 0.998]"),
            ),
        }
    }
}

fn toml_top(t: &mut TableReader<'_, '_>, m: &mut MethodSpec, problems: &mut Vec<Problem>) {
    if let Some(x) = t.opt_number("top", problems) {
        let v = *x.get_ref();
        if v < 0.0 || v.fract() != 0.0 {
            problems.push(
                t.src
                    .problem(x.span(), "`top` must be a whole number ≥ 0")
                    .help("e.g. `top = 3`"),
            );
        } else {
            m.top = Some(v as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_in_json_order() {
        let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "normalization",
                "weighting",
                "shift",
                "interval",
                "coupling",
                "top",
                "obstacles",
                "impute",
                "focus"
            ]
        );
        let json: Vec<&str> = json_values(&Method::default())
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(json, keys[..8]);
    }

    #[test]
    fn summary_keeps_its_order() {
        assert_eq!(
            summary_line(&Method::default()),
            "range normalization, entropy weights, classic coupling, shift 0, interval [0, 1], top 3"
        );
    }

    #[test]
    fn flags_parse_into_the_spec() {
        let mut spec = MethodSpec::default();
        for (key, text) in [
            ("weighting", "combined"),
            ("interval", "0.002,0.998"),
            ("top", "2"),
        ] {
            let s = setting(key).map(|s| s.parse_flag);
            assert_eq!(s.map(|f| f(text, &mut spec)), Some(Ok(())));
        }
        assert_eq!(spec.weighting, Some(Weighting::Combined));
        assert_eq!(spec.interval, Some((0.002, 0.998)));
        assert_eq!(spec.top, Some(2));
        let bad = setting("normalization").map(|s| (s.parse_flag)("foo", &mut spec));
        assert_eq!(
            bad,
            Some(Err("`foo` is not one of: range, reference".to_string()))
        );
        assert!(flag_interval("0.9,0.1").is_err());
        assert!(flag_interval("x").is_err());
        assert!(flag_shift("-1").is_err());
    }

    #[test]
    fn toml_values_round_the_spec() {
        let spec = MethodSpec {
            shift: Some(0.01),
            interval: Some((0.002, 0.998)),
            focus: Some("2020".into()),
            ..Default::default()
        };
        let set: Vec<(&str, TomlValue)> = toml_values(&spec)
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        assert_eq!(
            set,
            [
                ("shift", TomlValue::Raw("0.01".into())),
                ("interval", TomlValue::Raw("[0.002, 0.998]".into())),
                ("focus", TomlValue::Str("2020".into())),
            ]
        );
    }
}
