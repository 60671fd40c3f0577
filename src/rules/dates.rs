//! `date.*`: dates that cannot exist, the report year, years that disagree or
//! were left over from last year's report, the 落款 date, the legal deadline
//! and dates in the future. The dates themselves are found once, by
//! [`crate::dates::scan`], when the document is parsed.

use super::Findings;
use crate::bind::Bound;
use crate::dates::{Date, DateExpr, Problem};
use crate::diagnostic::Finding;
use crate::diagnostic::{Fix, Message};
use crate::document::{LineKind, YearSource};
use crate::position::Span;
use crate::rule::Rule;

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let doc = b.doc;
    for e in &doc.dates {
        if let Some(p) = e.problem {
            invalid(b, out, e, p);
        }
    }
    let report_year = b.dates.report_year;

    if report_year.is_none() {
        out.emit(Finding::new(
            Rule::DateReportYear,
            doc.title.map_or(Span::empty(0), |t| t.span),
            Message::new(
                "无法确定报告年度：标题、首句、统计期限（如“2022年1月1日至12月31日”）和正文都没有写明年度；请在标题中写明“××××年”",
                "cannot tell the report year: neither the title, the opening sentence, the statistics period (such as “2022年1月1日至12月31日”) nor the text names it; put the year in the title",
            ),
        ));
    }

    if let (true, Some((ty, _)), Some(p)) = (b.dates.years_disagree, doc.title.and_then(|t| t.year), doc.period()) {
        out.emit(
            Finding::new(
                Rule::DateYearMismatch,
                p.span,
                Message::new(
                    format!("统计期限（{}至{}）与标题中的{ty}年不一致", p.from.zh(), p.to.zh()),
                    format!("the statistics period ({} to {}) does not match the year {ty} in the title", p.from, p.to),
                ),
            )
            .expected(format!("{ty}"))
            .actual(format!("{}", p.from.year)),
        );
    }

    // Which year is meant is unclear until the title and the period agree: the rules that
    // compare against the year say so instead of guessing.
    let report_year = match report_year {
        Some(_) if b.dates.years_disagree => {
            out.emit(Finding::new(
                Rule::RuleSkipped,
                doc.title.map_or(Span::empty(0), |t| t.span),
                Message::new(
                    "标题年度与统计期限不一致，未检查发布期限、落款日期和沿用上年文字；请先更正年度",
                    "the title year and the statistics period disagree, so the deadline, the signature date and last year's text were not checked; correct the year first",
                ),
            ));
            None
        }
        other => other,
    };
    if let Some(ry) = report_year {
        stale_years(b, out, ry);
    }

    // 落款, publication date, deadline, dates before the year's end.
    let signature = b.dates.signature;
    if signature.is_none() {
        let end = doc.content_lines().next_back().map_or(0, |l| l.span.end);
        out.emit(Finding::new(
            Rule::DateSignatureMissing,
            Span::empty(end),
            Message::new(
                "文末没有落款日期：请在报告机关名称下一行写明成文日期",
                "no signature date at the end: put the date on the line under the agency's name",
            ),
        ));
    }
    let signature_date = b.dates.signature_date;
    let published = b.dates.publication_date;

    let Some(ry) = report_year else { return };
    // A year read off the 落款 or the publication date itself cannot judge that date.
    if doc.year.is_some_and(|y| matches!(y.source, YearSource::Signature | YearSource::Published)) {
        return;
    }
    if let (Some(sig), Some((s, _))) = (signature_date, signature) {
        let year_end = Date { year: ry, month: 12, day: 31 };
        if sig < year_end {
            out.emit(
                Finding::new(
                    Rule::DateBeforeYear,
                    s.date,
                    Message::new(
                        format!("落款日期{}早于报告年度结束（{}），年度数据尚不完整", sig.zh(), year_end.zh()),
                        format!("the signature date {sig} is before the end of the report year ({year_end}); the year's figures cannot be complete"),
                    ),
                )
                .expected(format!(">= {year_end}"))
                .actual(sig.to_string()),
            );
        }
    }
    let Some(deadline) = &b.dates.deadline else { return };
    let deadline_date = Date::parse_iso(&deadline.date).expect("built from a valid date");
    let reporters = &b.schema.schema().reporters;
    let title = |id: &str| reporters.iter().find(|r| r.id == id).map(|r| &r.title);
    let Some(mine) = title(&deadline.reporter) else { return };
    let who = if deadline.assumed {
        (format!("未能判断报告机关类型，按{}计", mine.zh), format!("the reporter could not be told; taken as {}", mine.en))
    } else {
        (mine.zh.clone(), mine.en.clone())
    };
    let candidates = [
        signature_date.zip(signature.map(|(s, _)| s.date)).map(|(d, sp)| (d, sp, "落款日期", "signature date")),
        published.map(|(d, sp)| (d, sp, "发布日期", "publication date")),
    ];
    // With the reporter unknown, a date between the department's and the government's deadline
    // may be on time: say so with both deadlines, as a warning, not an error.
    let latest = b.dates.latest_deadline;
    // Whose the latest deadline is, for the message: the first listed of those with it (the government, before a zone committee sharing its date).
    let latest_title = latest.and_then(|l| reporters.iter().find(|r| crate::bind::deadline_in(r, l.year - 1) == Some(l)).map(|r| &r.title));
    for (date, span, zh, en) in candidates.into_iter().flatten() {
        if let (Some(gov), Some(gov_title)) = (latest.filter(|&g| date > deadline_date && date <= g), latest_title) {
            let mut r = Finding::new(
                Rule::DateLate,
                span,
                Message::new(
                    format!(
                        "{zh}{}晚于{}的法定期限{}，但未晚于{}的期限{}；未能判断报告机关类型，请核实（{}）",
                        date.zh(),
                        mine.zh,
                        deadline_date.zh(),
                        gov_title.zh,
                        gov.zh(),
                        deadline.basis
                    ),
                    format!(
                        "the {en} {date} is after the deadline {deadline_date} of {} but not after that of {}, {gov}; the reporter could not be told, so check which applies ({})",
                        mine.en, gov_title.en, deadline.basis
                    ),
                ),
            )
            .expected(format!("<= {deadline_date} / <= {gov}"))
            .actual(date.to_string());
            r = r.severity(Some(crate::rule::Severity::Warning));
            out.emit(r);
            break;
        }
        if date > deadline_date {
            out.emit(
                Finding::new(
                    Rule::DateLate,
                    span,
                    Message::new(
                        format!("{zh}{}晚于法定期限{}（{}；{}）", date.zh(), deadline_date.zh(), who.0, deadline.basis),
                        format!("the {en} {date} is after the legal deadline {deadline_date} ({}; {})", who.1, deadline.basis),
                    ),
                )
                .expected(format!("<= {deadline_date}"))
                .actual(date.to_string()),
            );
            break;
        }
    }
}

/// Dates after `today`.
pub(crate) fn future(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let Some(today) = b.today else {
        out.emit(Finding::new(
            Rule::RuleSkipped,
            Span::empty(0),
            Message::new("未提供当天日期，未检查晚于今天的日期", "no `today` was given, so dates in the future were not checked"),
        ));
        return;
    };
    for e in &b.doc.dates {
        if let Some(d) = e.date().filter(|&d| d > today) {
            out.emit(
                Finding::new(
                    Rule::DateFuture,
                    e.span,
                    Message::new(format!("日期{}晚于今天（{}）", d.zh(), today.zh()), format!("the date {d} is after today ({today})")),
                )
                .expected(format!("<= {today}"))
                .actual(d.to_string()),
            );
        }
    }
}

fn invalid(b: &Bound<'_, '_>, out: &mut Findings<'_>, e: &DateExpr, p: Problem) {
    let doc = b.doc;
    let written = doc.quote(e.span);
    let (zh, en) = match p {
        Problem::YearDigits => {
            let y = doc.slice(e.year.expect("a year problem has a year").span).trim_end_matches(['年', '度']);
            let guess = doc.report_year().map(|ry| {
                // A 落款 in the second half of the year closes that year's report; one early in
                // the year is the next year's publication.
                let year = if e.month.is_some_and(|m| m >= 7) || e.month.is_none() { ry } else { ry + 1 };
                let rest = &doc.text[e.year.expect("checked").span.end..e.span.end];
                format!("{year}年{}", rest)
            });
            let digits = e.year.map_or(0, |y| y.digits);
            match guess {
                Some(g) => (
                    format!("“{written}”中的年份“{y}”只有{digits}位数字，这个日期不存在；可能应为“{g}”"),
                    format!("the year in “{written}” has {digits} digits, so the date cannot exist; “{g}” was probably meant"),
                ),
                None => (
                    format!("“{written}”中的年份“{y}”只有{digits}位数字，这个日期不存在；请写出四位年份"),
                    format!("the year in “{written}” has {digits} digits, so the date cannot exist; write the four-digit year"),
                ),
            }
        }
        Problem::Compact => {
            let (y, m, d) = (e.full_year().unwrap_or_default(), e.month.unwrap_or(0), e.day.unwrap_or(0));
            match Date::new(y, m, d) {
                Some(date) => (
                    format!("“{written}”不是日期的规范写法；应写作“{}”", date.zh()),
                    format!("“{written}” is not a properly written date; write “{}”", date.zh()),
                ),
                None => (
                    format!("“{written}”不是有效日期：年月日连写且无法对应到存在的日期，请写作“××××年×月×日”"),
                    format!("“{written}” is not a valid date: digits run together that make no existing date; write it as “YYYY年M月D日”"),
                ),
            }
        }
        Problem::Month(m) => (format!("“{written}”中的月份{m}不存在（应为1至12月）"), format!("“{written}”: there is no month {m} (months are 1 to 12)")),
        Problem::NotLeap => {
            let y = e.full_year().unwrap_or_default();
            (format!("“{written}”不存在：{y}年不是闰年，2月只有28天"), format!("“{written}” does not exist: {y} is not a leap year, so February has 28 days"))
        }
        Problem::Day => {
            let m = e.month.unwrap_or(0);
            let max = match e.full_year() {
                Some(y) => crate::dates::days_in_month(y, m),
                None => crate::dates::days_in_month(2000, m),
            };
            if m == 0 {
                (format!("“{written}”中的日期不存在"), format!("“{written}” is not a day of any month"))
            } else {
                (format!("“{written}”不存在：{m}月只有{max}天"), format!("“{written}” does not exist: month {m} has {max} days"))
            }
        }
    };
    let mut r = Finding::new(Rule::DateInvalid, e.span, Message::new(zh, en)).actual(written);
    // One plausible correction: the compact date written out, or the year the report implies.
    let correction = match p {
        Problem::Compact => Date::new(e.full_year().unwrap_or_default(), e.month.unwrap_or(0), e.day.unwrap_or(0)).map(|d| (d.zh(), true)),
        Problem::YearDigits => doc.report_year().map(|ry| {
            let year = if e.month.is_some_and(|m| m >= 7) || e.month.is_none() { ry } else { ry + 1 };
            (format!("{year}年{}", &doc.source[e.year.expect("checked").span.end..e.span.end]), false)
        }),
        _ => None,
    };
    if let Some((text, safe)) = correction {
        r = r.fix(Fix::replace(Message::new(format!("改为“{text}”"), format!("change to “{text}”")), safe, e.span, text));
    }
    out.emit(r);
}

/// `2021年，我局…` in a 2022 report: a sentence that opens with last year as if it were the
/// year reported on. Plans (`明年`, `下一步`) and history (`自2003年以来`) do not open that way.
fn stale_years(b: &Bound<'_, '_>, out: &mut Findings<'_>, ry: i32) {
    let doc = b.doc;
    let title = doc.title.map(|t| t.span);
    for e in &doc.dates {
        let Some(y) = e.year else { continue };
        if !e.is_year_only() || y.digits != 4 || y.value as i32 != ry - 1 || title.is_some_and(|t| t.start <= e.span.start && e.span.end <= t.end) {
            continue;
        }
        let before = doc.text[..e.span.start].trim_end_matches(|c: char| crate::text::is_blank(c) && c != '\n');
        let sentence_start = before.is_empty()
            || before.ends_with(['。', '！', '？', '；', '\n'])
            || before.ends_with(['）', ')', '、']) && starts_heading_line(b, e.span.start);
        let after = &doc.text[e.span.end..];
        let narrates = after.starts_with(['，', ',']) || ["我", "全市", "全区", "全县", "全省", "本机关", "本局", "本委"].iter().any(|w| after.starts_with(w));
        if sentence_start && narrates {
            let written = doc.quote(e.span);
            out.emit(
                Finding::new(
                    Rule::DateStaleYear,
                    e.span,
                    Message::new(
                        format!("本报告是{ry}年度报告，此句却以“{written}”开头叙述当年工作，疑似沿用上年报告"),
                        format!("this is the report on {ry}, yet the sentence narrates “{written}” as the current year; last year's text may have been copied"),
                    ),
                )
                .expected(format!("{ry}"))
                .actual(format!("{}", ry - 1))
                .fix(Fix::replace(
                    Message::new(format!("改为“{ry}年”"), format!("change to “{ry}年”")),
                    true,
                    y.span,
                    if y.du { format!("{ry}年度") } else { format!("{ry}年") },
                )),
            );
        }
    }
}

/// Whether `at` lies on a heading line (lines are in text order, so a binary search finds it).
fn starts_heading_line(b: &Bound<'_, '_>, at: usize) -> bool {
    let lines = &b.doc.lines;
    let i = lines.partition_point(|l| l.span.start <= at);
    i.checked_sub(1).is_some_and(|i| matches!(lines[i].kind, LineKind::Heading(_)) && at <= lines[i].span.end)
}

#[cfg(test)]
mod tests {
    use crate::{CheckOptions, Checker};

    fn rules(schema: &str, text: &str) -> Vec<(String, String)> {
        let opts = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
        Checker::new(schema)
            .unwrap()
            .check(text, &opts)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule.id().starts_with("date."))
            .map(|d| (d.rule.id().to_string(), text[d.bytes.start..d.bytes.end].to_string()))
            .collect()
    }

    fn has(v: &[(String, String)], rule: &str, span: &str) -> bool {
        v.iter().any(|(r, s)| r == rule && s == span)
    }

    #[test]
    fn stale_year_only_where_last_year_is_narrated_as_current() {
        let text = "某市某局2022年政府信息公开工作年度报告\n一、总体情况\n2021年，我局主动公开信息100条。自2003年以来累计投资。与2021年相比增长。2021年以来持续推进。\n某市某局\n2023年1月10日\n";
        let v = rules("cn-ogi-2021", text);
        assert_eq!(v.iter().filter(|(r, _)| r == "date.stale-year").count(), 1, "{v:?}");
        assert!(has(&v, "date.stale-year", "2021年"));
    }

    #[test]
    fn deadline_depends_on_the_reporter() {
        let dept = "江州市生态环境局2022年政府信息公开工作年度报告\n正文。\n江州市生态环境局\n2023年2月1日\n";
        assert!(has(&rules("cn-ogi-2021", dept), "date.late", "2023年2月1日"));
        let on_time = dept.replace("2023年2月1日", "2023年1月31日");
        assert!(!rules("cn-ogi-2021", &on_time).iter().any(|(r, _)| r == "date.late"), "the deadline day itself is on time");
        let gov = "江州市人民政府2022年政府信息公开工作年度报告\n正文。\n江州市人民政府\n2023年3月31日\n";
        assert!(!rules("cn-ogi-2021", gov).iter().any(|(r, _)| r == "date.late"));
        assert!(has(&rules("cn-ogi-2021", &gov.replace("3月31日", "4月1日")), "date.late", "2023年4月1日"));
    }

    #[test]
    fn unknown_reporter_between_the_deadlines_is_a_warning() {
        // No agency anywhere: a department's deadline (1月31日) is assumed, but a date before the
        // government's (3月31日) may be on time.
        let opts = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
        let text = "2022年政府信息公开工作年度报告\n正文。\n2023年2月15日\n";
        let r = Checker::new("cn-ogi-2021").unwrap().check(text, &opts);
        let late: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id() == "date.late").collect();
        assert_eq!(late.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(late[0].severity, crate::rule::Severity::Warning);
        assert!(late[0].message.contains("2023年1月31日") && late[0].message.contains("2023年3月31日"), "{}", late[0].message);
        // After both deadlines it is late whoever reports.
        let r = Checker::new("cn-ogi-2021").unwrap().check(&text.replace("2月15日", "4月2日"), &opts);
        let late = r.diagnostics.iter().find(|d| d.rule.id() == "date.late").unwrap();
        assert_eq!(late.severity, crate::rule::Severity::Error);
    }

    #[test]
    fn future_and_before_year() {
        let text = "某局2022年政府信息公开工作年度报告\n正文。\n某局\n2027年1月10日\n";
        assert!(has(&rules("cn-ogi-2021", text), "date.future", "2027年1月10日"));
        let early = text.replace("2027年1月10日", "2022年12月20日");
        assert!(has(&rules("cn-ogi-2021", &early), "date.before-year", "2022年12月20日"));
    }

    #[test]
    fn year_mismatch_between_title_and_period() {
        let text = "某局2021年政府信息公开工作年度报告\n本报告统计期限自2022年1月1日至2022年12月31日。\n某局\n2023年1月10日\n";
        assert!(has(&rules("cn-ogi-2021", text), "date.year-mismatch", "2022年1月1日至2022年12月31日"));
    }

    #[test]
    fn report_year_from_the_period_when_the_title_has_none() {
        let opts = CheckOptions::default();
        let r = Checker::new("auto").unwrap().check("政府信息公开工作年度报告\n统计期限为2019年1月1日至12月31日。\n", &opts);
        assert_eq!((r.summary.report_year, r.summary.schema.id.as_str()), (Some(2019), "cn-ogi-2019"));
        let v = rules("cn-ogi-2021", "政府信息公开工作年度报告\n正文。\n");
        assert!(v.iter().any(|(r, _)| r == "date.report-year"), "{v:?}");
    }
}
