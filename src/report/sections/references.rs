//! The references for every method the report uses: English forms in English reports (titles
//! translated, marked as Chinese-language papers), GB/T 7714 forms in Chinese reports. Where a
//! method has no single agreed source, the entry names the method, not an invented paper.

use crate::lang::Lang;
use crate::report::doc::Doc;

use super::Ctx;

/// (role, English entry, Chinese entry).
const REFERENCES: [(&str, &str, &str); 6] = [
    (
        "Entropy",
        "Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical Journal 27(3): 379–423.",
        "信息熵：Shannon C E. A mathematical theory of communication[J]. Bell System Technical Journal, 1948, 27(3): 379-423.",
    ),
    (
        "Ten-level coordination scale",
        "LIAO Chongbin (1999). Quantitative evaluation and classification system of the coordinated development of environment and economy: the city cluster of the Pearl River Delta (in Chinese). Tropical Geography 19(2): 171–177. The source of the ten levels; its coupling formula is the two-system form.",
        "十级协调等级：廖重斌. 环境与经济协调发展的定量评判及其分类体系——以珠江三角洲城市群为例[J]. 热带地理, 1999, 19(2): 171-177.（十级划分的来源；其耦合度公式为两系统形式）",
    ),
    (
        "Classic coupling degree of n circles",
        "CONG Xiaonan (2019). The forms and properties of the coupling degree model and some of its misuses in geography (in Chinese). Economic Geography 39(4): 18–25. Discusses the n-system form used here.",
        "n 个圈层的传统耦合度：丛晓男. 耦合度模型的形式、性质及在地理学中的若干误用[J]. 经济地理, 2019, 39(4): 18-25.（讨论本报告所用的 n 系统形式）",
    ),
    (
        "Corrected coupling degree",
        "WANG Shujia, KONG Wei, REN Liang, ZHI Dandan, DAI Binting (2021). Research on misuses and modification of coupling coordination degree model in China (in Chinese). Journal of Natural Resources 36(3): 793–810.",
        "修正耦合度：王淑佳, 孔伟, 任亮, 治丹丹, 戴彬婷. 国内耦合协调度模型的误区及修正[J]. 自然资源学报, 2021, 36(3): 793-810.",
    ),
    (
        "Coupling stages",
        "The four stages of the coupling degree (low-level coupling, antagonism, running-in, high-level coupling) follow the classification common in the Chinese coupling coordination literature; no single source is claimed.",
        "耦合阶段：低水平耦合、拮抗、磨合、高水平耦合四阶段划分沿用国内耦合协调研究中的通行做法，不指定单一出处。",
    ),
    (
        "Obstacle degree",
        "The obstacle degree model (factor contribution × deviation degree), widely applied in Chinese regional assessment studies, for example in the journal Economic Geography; no single source is claimed. The composite basis is beltscope's variant that makes the shares add up to 1 − T.",
        "障碍度：障碍度模型（因子贡献度 × 指标偏离度）是国内区域评价研究中的常用方法（如《经济地理》等期刊的相关文献），不指定单一出处。复合口径是 beltscope 使各份额之和等于 1 − T 的变体。",
    ),
];

pub(super) fn references(cx: &Ctx, d: &mut Doc) {
    d.h3(cx.l("References", "参考文献"));
    let items: Vec<String> = REFERENCES
        .iter()
        .map(|(role, en, zh)| match cx.lang {
            Lang::En => format!("{role}: {en}"),
            Lang::Zh => (*zh).to_string(),
        })
        .collect();
    d.bullets(&items);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corrected_model_names_its_authors_rightly() {
        let (_, en, zh) = REFERENCES[3];
        assert!(en.contains("REN Liang") && en.contains("DAI Binting"));
        assert!(zh.contains("任亮") && zh.contains("戴彬婷"));
        for (_, en, zh) in REFERENCES {
            assert!(!en.contains("Ren Lang") && !en.contains("Bingtao"));
            assert!(!zh.contains("Ren Lang"));
        }
    }
}
