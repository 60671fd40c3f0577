// reportcheck → @codemirror/lint. No imports: the objects it returns are what @codemirror/lint's
// `setDiagnostics` / `linter` take, and a fix is applied with the view's own `dispatch`.
//
//   import { setDiagnostics } from '@codemirror/lint';
//   import { toCodeMirrorDiagnostics } from 'reportcheck/adapters/codemirror';
//   const text = view.state.doc.toString();
//   const result = checker.check(text);                       // UTF-16 offsets (the default)
//   view.dispatch(setDiagnostics(view.state, toCodeMirrorDiagnostics(result, { text })));
//
// Each fix of a finding becomes an action (a button in the hover card and the lint panel) that
// applies all of the fix's edits as ONE transaction (one Ctrl+Z). Its positions are those of the text
// that was checked; when the document has changed since, the edits move with the finding (the action
// is given the finding's current position) and, when `text` is given, an edit whose text is no longer
// what was checked is not applied (`onStale` is called instead).

/** The label of a fix's action: `修复：<title>` (`Fix: <title>` with lang 'en'). */
export function fixLabel(fix, lang = 'zh') {
  return lang === 'en' ? `Fix: ${fix.title}` : `修复：${fix.title}`;
}

/**
 * CodeMirror change specs of a fix: one per edit, positions in the checked text moved by `shift`.
 * Given as one array to `view.dispatch({changes})`, they are all relative to the document before the
 * transaction (CodeMirror maps them through each other), so their order does not matter.
 */
export function fixChanges(fix, shift = 0) {
  return fix.edits.map((e) => ({ from: e.start + shift, to: e.end + shift, insert: e.replacement }));
}

/**
 * Whether two fixes touch the same text (then applying both in one transaction is ambiguous):
 * overlapping ranges, or two insertions (or an insertion and a replacement) at the same place.
 */
export function fixesOverlap(a, b) {
  for (const x of a.edits) for (const y of b.edits) {
    if (x.start < y.end && y.start < x.end) return true;
    if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
  }
  return false;
}

/**
 * The fixes to apply for "fix all": the first `safe` fix of each finding (or of each finding that
 * `filter` keeps), leaving out any that overlaps one already taken (a second check offers it again).
 */
export function safeFixes(result, filter = () => true) {
  const taken = [];
  for (const d of result.diagnostics) {
    if (!filter(d)) continue;
    const fix = (d.fixes || []).find((f) => f.safe);
    if (!fix || !fix.edits.length) continue;
    if (taken.some((t) => fixesOverlap(t, fix))) continue;
    taken.push(fix);
  }
  return taken;
}

/**
 * `result` (a `Checker.check` result with UTF-16 offsets) → @codemirror/lint `Diagnostic[]`.
 * Options:
 * - `text`: the text that was checked; when given, a fix is applied only where the document still has
 *   the text it replaces.
 * - `lang`: 'zh' (default) or 'en', for the action labels.
 * - `ruleUrl(id)`: when given, the message is rendered with a link to the rule's page.
 * - `apply(view, diagnostic, fix, from, to)`: replaces the built-in application of a fix (a host that
 *   maps positions itself, like reportcheck's page).
 * - `onApplied(view, diagnostic, fix)`: called after a fix is applied (e.g. to check again).
 * - `onStale(view, diagnostic, fix)`: called when a fix is not applied because the text changed.
 */
export function toCodeMirrorDiagnostics(result, options = {}) {
  const { text, lang = 'zh', ruleUrl, apply, onApplied, onStale } = options;
  return result.diagnostics.map((d) => {
    const out = { from: d.start, to: Math.max(d.end, d.start), severity: d.severity, source: d.rule, message: d.message };
    if (ruleUrl) {
      out.renderMessage = () => {
        const box = document.createElement('span');
        const a = document.createElement('a');
        a.href = ruleUrl(d.rule);
        a.target = '_blank';
        a.rel = 'noopener';
        a.textContent = d.rule;
        box.append(d.message, ' ', a);
        return box;
      };
    }
    if (d.fixes && d.fixes.length) {
      out.actions = d.fixes.map((fix) => ({
        name: fixLabel(fix, lang),
        apply: (view, from, to) => {
          if (apply) { apply(view, d, fix, from, to); return; }
          if (applyFix(view, d, fix, from, text)) onApplied?.(view, d, fix);
          else onStale?.(view, d, fix);
        },
      }));
    }
    return out;
  });
}

/**
 * Apply one fix of diagnostic `d` to `view` as one transaction. `from` is the finding's current start
 * (its edits move by as much as it moved since the check); `text`, when given, is the checked text, and
 * each edit must still find the text it replaces. Returns whether the fix was applied.
 */
export function applyFix(view, d, fix, from = d.start, text) {
  const shift = from - d.start;
  const changes = fixChanges(fix, shift);
  const doc = view.state.doc;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i], e = fix.edits[i];
    if (c.from < 0 || c.to > doc.length || c.from > c.to) return false;
    if (text !== undefined && doc.sliceString(c.from, c.to) !== text.slice(e.start, e.end)) return false;
  }
  view.dispatch({ changes, userEvent: 'input.fix', scrollIntoView: true });
  return true;
}
