//! The one registry of rule ids. Ids are a public contract: portals configure
//! them and reviewers filter on them. Never rename one; add a new id and keep
//! the old one documented. Every id has a page in `docs/rules/<id>.md`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. `error` blocks submission (`ready = false`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A note: nothing to correct, or something to look at.
    Info,
    /// Likely wrong; does not block submission.
    Warning,
    /// Wrong; blocks submission.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and in the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity setting for a rule: a severity, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule is not reported.
    Off,
    /// Reported as [`Severity::Info`].
    Info,
    /// Reported as [`Severity::Warning`].
    Warning,
    /// Reported as [`Severity::Error`].
    Error,
}

impl Level {
    /// The severity this level reports at, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $sev:ident, $zh:literal, $en:literal;)*) => {
        /// Every rule the checker can report.
        ///
        /// ```
        /// use reportcheck::Rule;
        /// assert_eq!(Rule::from_id("section.missing"), Some(Rule::SectionMissing));
        /// assert_eq!(Rule::SectionMissing.id(), "section.missing");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $(#[doc = $en] $variant),* }

        impl Rule {
            /// All rules, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable public id, e.g. `section.missing`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id),* }
            }

            /// The severity used unless a schema or the caller overrides it.
            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$sev),* }
            }

            /// One line saying what the rule checks, in Chinese.
            pub fn summary_zh(self) -> &'static str {
                match self { $(Rule::$variant => $zh),* }
            }

            /// One line saying what the rule checks, in English.
            pub fn summary_en(self) -> &'static str {
                match self { $(Rule::$variant => $en),* }
            }

            /// Look a rule up by its public id.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($id => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

rules! {
    SectionMissing = "section.missing", Error, "缺少必备章节", "a required section is missing";
    SectionDuplicate = "section.duplicate", Error, "章节重复出现", "a section appears more than once";
    SectionOrder = "section.order", Warning, "章节顺序与规定格式不一致", "sections are out of the prescribed order";
    SectionEmpty = "section.empty", Error, "章节为空或内容过少", "a section is empty or shorter than its minimum";
    SectionTitleVariant = "section.title-variant", Info, "章节标题与规定格式的措辞不同", "a section heading is worded differently from the format";
    TopicMissing = "topic.missing", Error, "未涉及必须报告的内容", "a required topic is not covered";
    MetaTitle = "meta.title", Warning, "标题缺失、缺少年度或不规范", "the title line is missing, has no year or is not in the usual form";
    MetaAgency = "meta.agency", Warning, "标题和落款中均未写明报告机关", "no agency is named in the title or the signature";
    TextPlaceholder = "text.placeholder", Error, "残留模板占位符", "a template placeholder is left in the text";
    TextDebris = "text.debris", Warning, "残留网页元素", "web-page debris is left in the text";
    DateInvalid = "date.invalid", Error, "日期不存在或年份不是四位数", "a date that cannot exist, or a year that is not four digits";
    DateReportYear = "date.report-year", Error, "无法确定报告年度", "the report year cannot be found";
    DateYearMismatch = "date.year-mismatch", Error, "标题年度与统计期限不一致", "the title year and the statistics period disagree";
    DateStaleYear = "date.stale-year", Warning, "正文把上一年当作本年度叙述（疑似沿用上年报告）", "the body narrates the previous year as the current one";
    DateSignatureMissing = "date.signature-missing", Warning, "文末没有落款日期", "no signature date at the end";
    DateLate = "date.late", Error, "落款或发布日期晚于法定期限", "the signature or publication date is after the legal deadline";
    DateFuture = "date.future", Error, "日期晚于今天", "a date lies in the future";
    DateBeforeYear = "date.before-year", Warning, "落款日期早于报告年度结束", "the signature date is before the end of the report year";
    TableMissing = "table.missing", Error, "缺少统计表", "a statistics table is missing";
    TableRowMissing = "table.row-missing", Error, "统计表缺少行", "a row of a statistics table is missing";
    TableColumnMissing = "table.column-missing", Error, "统计表行中的数值个数与列数不符", "a table row has fewer values than the table has columns";
    TableRowRepeated = "table.row-repeated", Error, "统计表同一行填写了两次", "a row of a statistics table is written twice";
    TableValuesExtra = "table.values-extra", Warning, "统计表行中的数值多于列数", "a table row has more values than the table has columns";
    TableRowUnknown = "table.row-unknown", Info, "无法识别的表格行", "a table row matches no row of the format";
    TableCellBlank = "table.cell-blank", Error, "统计表单元格为空", "a table cell is blank";
    TableCellInvalid = "table.cell-invalid", Error, "统计表单元格不是有效数值", "a table cell is not a valid value";
    TableSum = "table.sum", Error, "统计表勾稽关系不成立", "a table identity does not hold";
    TableProseMismatch = "table.prose-mismatch", Warning, "正文中的数字与统计表不一致", "a count in the prose differs from the table";
    TableRowsCombined = "table.rows-combined", Warning, "统计表只填写了分组合计，未按格式分列各行", "a table gives a group's total line instead of the format's rows";
    PreviousMismatch = "previous.mismatch", Warning, "所附上年报告的年度或机关与本报告不符", "the previous report given is not last year's report of this agency";
    PreviousCarryOver = "previous.carry-over", Warning, "上年结转数与上年报告的结转下年度数不一致", "this year's carried-over counts differ from last year's carried-forward counts";
    PreviousInForce = "previous.in-force", Warning, "现行有效件数与上年数加减本年制发、废止不符", "documents in force do not follow from last year's plus issued minus repealed";
    PreviousCopied = "previous.copied", Warning, "叙述内容与上年报告雷同", "narrative text repeats last year's report";
    TextArithmetic = "text.arithmetic", Warning, "正文中的分项之和或百分比与所述总数不符", "parts or a percentage stated in the prose do not match the total stated with them";
    InputEmpty = "input.empty", Error, "没有报告内容", "the text is empty";
    InputUnreadable = "input.unreadable", Error, "文件无法读取", "the file cannot be read";
    InputTrackedChanges = "input.tracked-changes", Info, "文档含修订，按接受全部修订后的文本检查", "the document has tracked changes; checked as if accepted";
    RuleSkipped = "rule.skipped", Info, "规则无法运行", "a rule could not run on this text";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for &r in Rule::ALL {
            assert!(seen.insert(r.id()), "duplicate id {}", r.id());
            assert_eq!(Rule::from_id(r.id()), Some(r));
        }
        assert_eq!(Rule::from_id("no.such-rule"), None);
    }

    #[test]
    fn every_rule_is_documented() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules");
        for &r in Rule::ALL {
            let path = format!("{dir}/{}.md", r.id());
            let doc = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} is missing"));
            assert!(doc.contains(r.id()), "{path} does not name its rule");
            for part in ["## What it checks", "## Legal basis", "## Example", "## How to silence it"] {
                assert!(doc.contains(part), "{path} lacks '{part}'");
            }
        }
    }
}
