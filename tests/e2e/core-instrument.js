
// ---- appended by tests/e2e/e2e.mjs to the served www/pkg/reportcheck.js (a route; the file is untouched) ----
// Counts Checker.setPrevious calls (the page must give last year's report to the checker once per change,
// not per keystroke) and reports the count on each result as `__setPreviousCalls`. A binding without
// setPrevious (the core has `check(text, {previous})`) gets one here that keeps the text and passes it
// with each check, so the page's and the element's once-per-change logic is tested either way.
{
  const realCheck = Checker.prototype.check;
  const realSetPrevious = Checker.prototype.setPrevious;
  let calls = 0;
  Checker.prototype.setPrevious = function (text) {
    calls++;
    if (realSetPrevious) return realSetPrevious.call(this, text);
    this.__previous = text ?? null;
  };
  Checker.prototype.check = function (text, options) {
    const opts = !realSetPrevious && this.__previous != null ? { ...options, previous: this.__previous } : options;
    const r = realCheck.call(this, text, opts);
    r.__setPreviousCalls = calls;
    r.__emulatedSetPrevious = !realSetPrevious;
    return r;
  };
}
