//! A survey written for another embedded framework (say 1.0.0 ids under the 2.0.0 default):
//! one message naming the framework its ids fit and how to switch, instead of one
//! "not an indicator" problem per value.

use std::ops::Range;

use crate::diag::{Problem, SourceText};
use crate::model::file_kind::FileKind;
use crate::model::framework::Framework;

use super::SurveyDoc;

/// An embedded framework that knows more of a survey's ids than the one it is checked against.
pub(super) struct OtherFit {
    pub framework: Framework,
    /// How many of the survey's distinct ids it knows.
    pub known: usize,
    /// How many distinct ids the survey has.
    pub total: usize,
}

impl SurveyDoc {
    /// The distinct indicator ids of the values (or CSV columns), in file order, with the span
    /// of their first appearance.
    pub(super) fn value_ids(&self) -> Vec<(&str, Range<usize>)> {
        if !self.spans.columns.is_empty() {
            return self
                .spans
                .columns
                .iter()
                .map(|(id, span)| (id.as_str(), span.clone()))
                .collect();
        }
        let mut ids: Vec<(&str, Range<usize>)> = Vec::new();
        // A set beside the list: a wide survey has 100,000 ids.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (i, o) in self.survey.observations.iter().enumerate() {
            for id in o.values.keys() {
                if seen.insert(id.as_str()) {
                    let span = self.spans.values.get(i).and_then(|m| m.get(id)).cloned();
                    ids.push((id.as_str(), span.unwrap_or(0..0)));
                }
            }
        }
        ids
    }

    /// The id of the embedded framework the survey's ids fit when they do not fit `fw`: the
    /// survey was written for that one, and checking its values against `fw` says nothing.
    pub fn written_for_other(&self, fw: &Framework) -> Option<String> {
        self.other_fit(fw).map(|fit| fit.framework.id)
    }

    /// The embedded framework (other than `fw`'s id) that knows the most of the survey's ids,
    /// when it knows more than `fw` does and a majority of them; `None` when `fw` fits.
    pub(super) fn other_fit(&self, fw: &Framework) -> Option<OtherFit> {
        let ids = self.value_ids();
        let count = |f: &Framework| {
            ids.iter()
                .filter(|(id, _)| f.indicator_index(id).is_some())
                .count()
        };
        let here = count(fw);
        if here == ids.len() {
            return None;
        }
        Framework::all_embedded()
            .into_iter()
            .filter(|other| other.id != fw.id)
            .map(|other| (count(&other), other))
            .filter(|(known, _)| *known > here && 2 * *known > ids.len())
            .max_by_key(|(known, _)| *known)
            .map(|(known, framework)| OtherFit {
                framework,
                known,
                total: ids.len(),
            })
    }

    /// The one problem that says the survey's ids are `fit`'s, not `fw`'s, and how to move it.
    pub(super) fn other_fit_problem(&self, fw: &Framework, fit: &OtherFit) -> Problem {
        let other = &fit.framework;
        let how_many = if fit.known == fit.total {
            format!("all {}", fit.total)
        } else {
            format!("{} of {}", fit.known, fit.total)
        };
        let message = format!(
            "this survey's indicator ids are those of framework `{}` {} ({how_many}), not of `{}` {}",
            other.id, other.version, fw.id, fw.version
        );
        let keep = if FileKind::of_name(&self.name) == FileKind::Csv {
            format!("pass `--framework {}`", other.id)
        } else if self.survey.framework == other.id {
            format!(
                "leave out `--framework`: the survey already names `{}`",
                other.id
            )
        } else {
            format!("write `framework = \"{}\"` in the survey", other.id)
        };
        let help = format!(
            "to assess it with {} {}, {keep}; to move it to `{}` {}, enter the values of that \
             framework's indicators (`beltscope framework {}` lists them)",
            other.id, other.version, fw.id, fw.version, fw.id
        );
        let src = SourceText::new(&self.name, &self.text);
        let span = self.spans.framework.clone().or_else(|| {
            self.value_ids()
                .into_iter()
                .find(|(id, _)| fw.indicator_index(id).is_none())
                .map(|(_, span)| span)
        });
        match span {
            Some(span) => src.problem(span, message),
            None => Problem::in_file(&self.name, message),
        }
        .help(help)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_fw() -> Framework {
        Framework::default_framework()
    }

    const OLD_IDS: &str = "schema = 1\nframework = \"cbec-belt\"\ntitle = \"t\"\n\n[[observations]]\nlabel = \"2023\"\n[observations.values]\nindustrial_output = 1\nmanufacturers = 2\ncbec_export_value = 3\n";

    #[test]
    fn old_ids_under_the_new_framework_give_one_problem_naming_the_old_one() {
        let doc = SurveyDoc::parse("s.toml", OLD_IDS).unwrap();
        let problems = doc.check_against(&default_fw());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(
            p.message.contains("`cbec-belt-1` 1.0.0 (all 3)"),
            "{}",
            p.message
        );
        assert!(
            p.message.contains("not of `cbec-belt` 2.0.0"),
            "{}",
            p.message
        );
        let help = p.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("write `framework = \"cbec-belt-1\"`"),
            "{help}"
        );
        // Points at the `framework = ...` value (line 2).
        assert_eq!(p.place().as_deref(), Some("s.toml:2:13"));
        assert_eq!(
            doc.written_for_other(&default_fw()).as_deref(),
            Some("cbec-belt-1")
        );
        let old = Framework::embedded("cbec-belt-1").unwrap();
        assert!(doc.check_against(&old).is_empty());
        assert_eq!(doc.written_for_other(&old), None);
    }

    #[test]
    fn an_id_neither_framework_knows_is_still_reported_on_its_own() {
        let text = OLD_IDS.replace("manufacturers", "manufacturerz");
        let doc = SurveyDoc::parse("s.toml", &text).unwrap();
        let problems = doc.check_against(&default_fw());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("(2 of 3)"));
        assert!(
            problems[1]
                .message
                .contains("`manufacturerz` is not an indicator")
        );
    }
}
