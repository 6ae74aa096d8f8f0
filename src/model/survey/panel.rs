//! Panels: observations that are region-years. What other code asks of a survey's structure.

use super::{PanelKey, Survey};

impl Survey {
    /// Whether every observation has a region and a period (a panel). A survey without
    /// observations is not a panel.
    pub fn is_panel(&self) -> bool {
        !self.observations.is_empty()
            && self
                .observations
                .iter()
                .all(|o| o.region.is_some() && o.period.is_some())
    }

    /// The regions of a panel, in order of first appearance (empty when not a panel).
    pub fn regions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.observations.iter().filter_map(|o| o.region.as_deref()) {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }

    /// The periods of a panel, increasing, each once (empty when not a panel).
    pub fn periods(&self) -> Vec<i64> {
        let mut out: Vec<i64> = self.observations.iter().filter_map(|o| o.period).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The region and the period of every observation, as two columns, when the survey is a
    /// panel: the form the series builders of imputation and dynamics take.
    pub fn panel_columns(&self) -> Option<(Vec<String>, Vec<i64>)> {
        let keys = self.panel_keys()?;
        Some(keys.into_iter().map(|k| (k.region, k.period)).unzip())
    }

    /// Each observation's (region, period), when the survey is a panel.
    pub fn panel_keys(&self) -> Option<Vec<PanelKey>> {
        if !self.is_panel() {
            return None;
        }
        self.observations
            .iter()
            .map(|o| {
                Some(PanelKey {
                    region: o.region.clone()?,
                    period: o.period?,
                })
            })
            .collect()
    }

    /// The index of the observation of `region` in `period`, if there is one.
    pub fn panel_index(&self, region: &str, period: i64) -> Option<usize> {
        self.observations
            .iter()
            .position(|o| o.region.as_deref() == Some(region) && o.period == Some(period))
    }
}

#[cfg(test)]
mod tests {
    use super::super::Observation;
    use super::*;

    fn obs(region: &str, period: i64) -> Observation {
        Observation {
            label: format!("{region} {period}"),
            region: Some(region.into()),
            period: Some(period),
            ..Observation::default()
        }
    }

    #[test]
    fn regions_by_first_appearance_periods_increasing() {
        let s = Survey {
            observations: vec![obs("南通", 2022), obs("苏州", 2021), obs("南通", 2021)],
            ..Survey::default()
        };
        assert!(s.is_panel());
        assert_eq!(s.regions(), ["南通", "苏州"]);
        assert_eq!(s.periods(), [2021, 2022]);
        assert_eq!(s.panel_index("南通", 2021), Some(2));
        assert_eq!(s.panel_keys().map(|k| k.len()), Some(3));
        let plain = Survey {
            observations: vec![Observation::default()],
            ..Survey::default()
        };
        assert!(!plain.is_panel());
        assert!(plain.panel_keys().is_none());
    }
}
