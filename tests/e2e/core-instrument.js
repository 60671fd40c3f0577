
// ---- appended by tests/e2e/e2e.mjs to www/pkg/reportcheck.js (the test's copy, never the served file) ----
// Counts setPrevious calls (the page must give last year's report once per change, not per keystroke)
// and, on a core without fixes and last year's report (before issue 13's core landed), stands in for
// them so the page's and the element's UI can be tested: text.debris → delete the line, date.invalid →
// its suggested date (safe), table.cell-blank → 0 (not safe), and one previous.carry-over finding with a
// place in last year's report whenever one is set.
{
  const STUB = typeof Checker.prototype.setPrevious !== 'function';
  const realCheck = Checker.prototype.check;
  const realSetPrevious = Checker.prototype.setPrevious;
  let calls = 0;
  Checker.prototype.setPrevious = function (text) {
    calls++;
    this.__previous = text;
    if (!STUB) return realSetPrevious.call(this, text);
  };
  Checker.prototype.check = function (text, options) {
    const stubPrev = STUB ? (options && options.previous) ?? this.__previous : null;
    const opts = STUB && options && 'previous' in options ? { ...options } : options;
    if (STUB && opts) delete opts.previous;
    const r = realCheck.call(this, text, opts);
    r.__setPreviousCalls = calls;
    r.__stub = STUB;
    if (!STUB) return r;
    for (const d of r.diagnostics) {
      if (d.rule === 'text.debris') {
        const from = text.lastIndexOf('\n', d.start - 1) + 1;
        let to = text.indexOf('\n', d.end);
        to = to < 0 ? text.length : to + 1;
        d.fixes = [{ title: '删除这一行', safe: true, edits: [{ start: from, end: to, replacement: '' }] }];
      }
      const m = d.rule === 'date.invalid' && d.message.match(/可能应为“([^”]+)”/);
      if (m) d.fixes = [{ title: `改为“${m[1]}”`, safe: true, edits: [{ start: d.start, end: d.end, replacement: m[1] }] }];
      if (d.rule === 'table.cell-blank') d.fixes = [{ title: '确认为0', safe: false, edits: [{ start: d.start, end: d.end, replacement: '0' }] }];
    }
    if (stubPrev) {
      const nl = stubPrev.indexOf('\n');
      r.diagnostics.unshift({
        rule: 'previous.carry-over', severity: 'error', message: '（测试替身）上年结转与上年报告的结转下年度不一致',
        start: 0, end: 0, bytes: { start: 0, end: 0 }, utf16: { start: 0, end: 0 }, line: 1, column: 1, end_line: 1, end_column: 1,
        related: [{ start: nl + 1, end: nl + 3, line: 2, column: 1, message: '上年报告中的结转下年度', previous: true }],
      });
      r.summary.errors++;
      r.summary.ready = false;
    }
    return r;
  };
}
