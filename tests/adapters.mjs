// The editor adapters (www/adapters/) in Node: the LSP mapping (0-based lines, UTF-16 characters,
// surrogate pairs, CRLF, UTF-8 results), code actions whose WorkspaceEdits give the fixed text, and
// the CodeMirror actions applied to a real EditorState as one transaction that one undo reverts.
// With the built checker (www/pkg, after build_wasm) it also checks real reports and applies their
// fixes both ways. Usage: node tests/adapters.mjs; prints "adapters: N passed, M failed".
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toLspDiagnostics, toLspCodeActions, positions } from '../www/adapters/lsp.js';
import { toCodeMirrorDiagnostics, safeFixes, fixesOverlap } from '../www/adapters/codemirror.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// CodeMirror from the page's build dependencies (www/node_modules, installed by .ci/setup).
const wwwRequire = createRequire(join(root, 'www/package.json'));
const load = (name) => import(pathToFileURL(wwwRequire.resolve(name)).href);
const { EditorState, Transaction } = await load('@codemirror/state');
const { history, undo } = await load('@codemirror/commands');
const { setDiagnostics, forEachDiagnostic } = await load('@codemirror/lint');

let passed = 0, failed = 0;
async function test(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); } catch (e) { failed++; console.log(`FAIL - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`); }
}
function eq(a, b, msg) { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${msg}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`); }
function assert(c, msg) { if (!c) throw new Error(msg); }

// A view as the adapter needs it: a state and a dispatch (transactions or specs).
function fakeView(doc, extensions = []) {
  const v = {
    state: EditorState.create({ doc, extensions }),
    dispatch(x) { v.state = (x instanceof Transaction ? x : v.state.update(x)).state; },
  };
  return v;
}
// Apply LSP TextEdits (non-overlapping, positions in the original) to `text`, from the end back.
function applyTextEdits(text, edits) {
  const pos = positions(text);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  const off = (p) => starts[p.line] + p.character;
  // Each position must round-trip through positions().
  for (const e of edits) eq(pos.positionAt(off(e.range.start)), e.range.start, 'round trip');
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

// A hand-made result (UTF-16 offsets) over a text with a surrogate pair, CRLF and a lone CR for LSP;
// the same over its LF-only form for CodeMirror (whose documents use \n: check view.state.doc.toString()).
function makeResult(text) {
  const at = (s) => text.indexOf(s);
  const u8 = (o) => Buffer.byteLength(text.slice(0, o));
  const diag = (rule, severity, s, e, extra = {}) => ({ rule, severity, message: `${rule} 的说明`, start: s, end: e, line: 0, column: 0, ...extra });
  const lineStart = at('登录');
  return {
    summary: { encoding: 'utf16' },
    diagnostics: [
      diag('text.placeholder', 'error', at('XX'), at('XX') + 2),
      diag('date.stale-year', 'warning', at('2021'), at('2021') + 4, {
        fixes: [{ title: '改为“2022”', safe: true, edits: [{ start: at('2021'), end: at('2021') + 4, replacement: '2022' }] }],
        related: [{ start: at('标题'), end: at('标题') + 2, line: 1, column: 3, message: '标题中的年份' },
          { start: 5, end: 9, line: 2, column: 1, message: '上年报告中的结转数', previous: true }],
      }),
      diag('text.debris', 'info', lineStart, lineStart + 5, {
        fixes: [{ title: '删除这一行', safe: true, edits: [{ start: lineStart, end: text.length, replacement: '' }] }],
      }),
      diag('table.sum', 'error', at('第三行'), at('第三行') + 3, {
        fixes: [{ title: '将总计改为 7', safe: false, edits: [{ start: at('第三行'), end: at('第三行') + 1, replacement: '7' }, { start: at('三行') + 2, end: at('三行') + 2, replacement: '（已改）' }] }],
      }),
    ],
  };
}
const text = '😀标题XX\r\n第二行2021年\r第三行\n登录 注册\n';
const at = (s) => text.indexOf(s);
const u8 = (o) => Buffer.byteLength(text.slice(0, o));
const result = makeResult(text);
const lfText = text.replace(/\r\n?/g, '\n');
const lfResult = makeResult(lfText);

await test('LSP diagnostics: 0-based line/character in UTF-16 (😀 counts 2), CRLF and lone CR end lines', async () => {
  const ds = toLspDiagnostics(result, text, { uri: 'file:///r.txt' });
  eq(ds.map((d) => d.range), [
    { start: { line: 0, character: 4 }, end: { line: 0, character: 6 } },   // 😀 = 2 units + 标题
    { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } },
    { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } },
    { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
  ], 'ranges');
  eq(ds.map((d) => d.severity), [1, 2, 3, 1], 'severities');
  eq(ds.map((d) => d.code), ['text.placeholder', 'date.stale-year', 'text.debris', 'table.sum'], 'codes');
  assert(ds.every((d) => d.source === 'reportcheck'), 'source');
  eq(new URL(ds[0].codeDescription.href).pathname.endsWith('/www/rules/text.placeholder.html'), true, `rule page ${ds[0].codeDescription.href}`);
  // Related places: in this document with its URI; in last year's report only with its text and URI.
  eq(ds[1].relatedInformation, [{ location: { uri: 'file:///r.txt', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } } }, message: '标题中的年份' }], 'related');
  const prev = '上年报告\n表三　　结转';
  const withPrev = toLspDiagnostics(result, text, { uri: 'file:///r.txt', previousText: prev, previousUri: 'file:///2021.txt', ruleUrl: (id) => `https://example.org/rules/${id}` });
  eq(withPrev[1].relatedInformation[1], { location: { uri: 'file:///2021.txt', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }, message: '上年报告中的结转数' }, 'related in the previous report');
  eq(withPrev[0].codeDescription.href, 'https://example.org/rules/text.placeholder', 'ruleUrl');
});

await test('LSP positions at the ends: offset 0, the end of the text, the middle of a CRLF', async () => {
  const p = positions('甲\r\n乙');
  eq([p.positionAt(0), p.positionAt(1), p.positionAt(3), p.positionAt(4), p.positionAt(99)],
    [{ line: 0, character: 0 }, { line: 0, character: 1 }, { line: 1, character: 0 }, { line: 1, character: 1 }, { line: 1, character: 1 }], 'positions');
  eq([positions('a😀b').fromUtf8(1), positions('a😀b').fromUtf8(5), positions('汉\n字').fromUtf8(4)], [1, 3, 2], 'UTF-8 → UTF-16');
});

await test('LSP code actions: a quickfix per fix with a WorkspaceEdit; fix-all takes only the safe ones', async () => {
  const uri = 'file:///r.txt';
  const actions = toLspCodeActions(result, text, uri);
  eq(actions.map((a) => [a.title, a.kind, a.isPreferred ?? null]), [
    ['改为“2022”', 'quickfix', true], ['删除这一行', 'quickfix', true], ['将总计改为 7', 'quickfix', false], ['全部修复（2 处）', 'source.fixAll', null]], 'actions');
  eq(actions[0].diagnostics[0].code, 'date.stale-year', 'the action names its diagnostic');
  eq(actions[0].edit.changes[uri], [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } }, newText: '2022' }], 'edit');
  eq(applyTextEdits(text, actions[0].edit.changes[uri]), text.replace('2021', '2022'), 'stale year fixed');
  eq(applyTextEdits(text, actions[2].edit.changes[uri]), text.replace('第三行', '7三行（已改）'), 'two edits of one fix');
  eq(applyTextEdits(text, actions[3].edit.changes[uri]), text.replace('2021', '2022').replace('登录 注册\n', ''), 'fix all');
  // Only the findings that touch the requested range.
  const onLine1 = toLspCodeActions(result, text, uri, { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } } });
  eq(onLine1.map((a) => a.title), ['改为“2022”', '全部修复（1 处）'], 'range filter');
});

await test('LSP: a UTF-8 result (check(text, {encoding: "utf8"})) maps to the same positions and edits', async () => {
  const conv = (o) => u8(o);
  const r8 = { ...result, summary: { ...result.summary, encoding: 'utf8' }, diagnostics: result.diagnostics.map((d) => ({ ...d, start: conv(d.start), end: conv(d.end),
    fixes: d.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: conv(e.start), end: conv(e.end) })) })) })) };
  eq(toLspDiagnostics(r8, text).map((d) => d.range), toLspDiagnostics(result, text).map((d) => d.range), 'ranges');
  eq(toLspCodeActions(r8, text, 'u').map((a) => a.edit), toLspCodeActions(result, text, 'u').map((a) => a.edit), 'edits');
});

await test('fix-all leaves out overlapping fixes', async () => {
  const a = { title: 'a', safe: true, edits: [{ start: 0, end: 4, replacement: 'x' }] };
  const b = { title: 'b', safe: true, edits: [{ start: 3, end: 5, replacement: 'y' }] };
  const c = { title: 'c', safe: true, edits: [{ start: 4, end: 4, replacement: 'z' }] };
  const d = { title: 'd', safe: true, edits: [{ start: 4, end: 6, replacement: 'w' }] };
  eq([fixesOverlap(a, b), fixesOverlap(a, c), fixesOverlap(c, d), fixesOverlap(a, d)], [true, false, true, false], 'overlaps');
  const r = { diagnostics: [a, b, c].map((f, i) => ({ rule: 'x', start: i, end: i, fixes: [f] })) };
  eq(safeFixes(r).map((f) => f.title), ['a', 'c'], 'taken');
  eq(toLspCodeActions(r, '0123456789', 'u').at(-1).title, '全部修复（2 处）', 'LSP fix-all count');
  // The same fix on two findings: applied once, both findings named by the fix-all action.
  const twice = { diagnostics: [a, a, c].map((f, i) => ({ rule: 'x', severity: 'warning', message: String(i), start: i, end: i, fixes: [f] })) };
  const all = toLspCodeActions(twice, '0123456789', 'u').at(-1);
  eq([all.title, all.diagnostics.length, all.edit.changes.u.length], ['全部修复（2 处）', 3, 2], 'identical fixes');
  eq(safeFixes(twice).length, 2, 'CodeMirror safeFixes: identical fix once');
});

await test('CodeMirror diagnostics: spans, severities, actions named 修复：<title>', async () => {
  const cm = toCodeMirrorDiagnostics(lfResult, { text: lfText });
  eq(cm.map((d) => [d.from, d.to, d.severity, d.source]), [[4, 6, 'error', 'text.placeholder'], [lfText.indexOf('2021'), lfText.indexOf('2021') + 4, 'warning', 'date.stale-year'],
    [lfText.indexOf('登录'), lfText.indexOf('登录') + 5, 'info', 'text.debris'], [lfText.indexOf('第三行'), lfText.indexOf('第三行') + 3, 'error', 'table.sum']], 'diagnostics');
  eq(cm.map((d) => d.actions?.map((a) => a.name) ?? []), [[], ['修复：改为“2022”'], ['修复：删除这一行'], ['修复：将总计改为 7']], 'actions');
  eq(toCodeMirrorDiagnostics(lfResult, { lang: 'en' })[1].actions[0].name, 'Fix: 改为“2022”', 'English label');
  // @codemirror/lint takes them as they are.
  const v = fakeView(lfText);
  v.dispatch(setDiagnostics(v.state, cm));
  let n = 0;
  forEachDiagnostic(v.state, () => n++);
  eq(n, 4, 'diagnostics in the lint state');
});

await test('CodeMirror action: the fix is one transaction; one undo restores the text; edits move with the finding', async () => {
  const cm = toCodeMirrorDiagnostics(lfResult, { text: lfText });
  const v = fakeView(lfText, [history()]);
  const stale = cm[1].actions[0];
  stale.apply(v, cm[1].from, cm[1].to);
  eq(v.state.doc.toString(), lfText.replace('2021', '2022'), 'year fixed');
  undo(v);
  eq(v.state.doc.toString(), lfText, 'undone');
  // Two edits, one transaction, one undo.
  cm[3].actions[0].apply(v, cm[3].from, cm[3].to);
  eq(v.state.doc.toString(), lfText.replace('第三行', '7三行（已改）'), 'two edits');
  undo(v);
  eq(v.state.doc.toString(), lfText, 'one undo restores both');
  // Text inserted before the finding: the action is given its new position and the edit follows it.
  v.dispatch({ changes: { from: 0, insert: '前言\n' } });
  cm[1].actions[0].apply(v, cm[1].from + 3, cm[1].to + 3);
  eq(v.state.doc.toString(), '前言\n' + lfText.replace('2021', '2022'), 'moved fix');
  // The year edited by hand since the check: the fix is not applied, onStale is told.
  let staleCalls = 0, applied = 0;
  const cm2 = toCodeMirrorDiagnostics(lfResult, { text: lfText, onStale: () => staleCalls++, onApplied: () => applied++ });
  const w = fakeView(lfText.replace('2021', '2020'));
  cm2[1].actions[0].apply(w, cm2[1].from, cm2[1].to);
  eq([w.state.doc.toString() === lfText.replace('2021', '2020'), staleCalls, applied], [true, 1, 0], 'stale fix refused');
  cm2[2].actions[0].apply(w, cm2[2].from, cm2[2].to);
  eq([w.state.doc.toString(), applied], [lfText.replace('2021', '2020').replace('登录 注册\n', ''), 1], 'debris line removed');
  // A host's own application.
  const calls = [];
  toCodeMirrorDiagnostics(lfResult, { apply: (view, d, fix, from, to) => calls.push([d.rule, fix.title, from, to]) })[2].actions[0].apply(w, 1, 2);
  eq(calls, [['text.debris', '删除这一行', 1, 2]], 'apply option');
});

// ------------------------------------------------------------------ with the real checker
const wasm = join(root, 'www/pkg/reportcheck_bg.wasm');
if (existsSync(wasm)) {
  const { default: init, Checker } = await import(pathToFileURL(join(root, 'www/pkg/reportcheck.js')).href);
  await init({ module_or_path: readFileSync(wasm) });
  const checker = new Checker('auto');
  const seed = (name) => readFileSync(join(root, 'tests/fixtures', name), 'utf8');

  await test('real checker: LSP ranges agree with the checker\'s own 1-based line/column, in both encodings', async () => {
    const t = '😀某局2022年政府信息公开工作年度报告\r\n共收到申请XX件\n' + seed('2010_hunchun_urban_management.txt');
    const r = checker.check(t, { today: '2026-11-23' });
    const r8 = checker.check(t, { today: '2026-11-23', encoding: 'utf8' });
    const ds = toLspDiagnostics(r, t);
    assert(ds.length > 3, 'findings');
    eq(ds.map((d) => [d.range.start.line + 1, d.range.start.character + 1]), r.diagnostics.map((d) => [d.line, d.column]), 'start positions');
    eq(ds.map((d) => [d.range.end.line + 1, d.range.end.character + 1]), r.diagnostics.map((d) => [d.end_line, d.end_column]), 'end positions');
    eq(toLspDiagnostics(r8, t).map((d) => d.range), ds.map((d) => d.range), 'UTF-8 result');
    const xx = ds.find((d) => d.code === 'text.placeholder');
    eq(xx.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 7 } }, 'XX on line 2');
  });

  // The real fixes (once the core gives them): each applied by both adapters gives the same text, and
  // a second check no longer reports the finding there.
  const hasFixes = checker.check(seed('2010_hunchun_urban_management.txt'), { today: '2026-11-23' }).diagnostics.some((d) => d.fixes?.length);
  if (hasFixes) {
    await test('real checker: every fix applied through CodeMirror equals the LSP edit, and the finding is gone after it', async () => {
      let n = 0;
      for (const name of ['2010_hunchun_urban_management.txt', '2022_dates_faulty.txt', '2022_sections_faulty.txt', '2022_page_debris.txt', '2022_table_wrong_total.txt', '2022_table_blank_cell.txt']) {
        if (!existsSync(join(root, 'tests/fixtures', name))) continue;
        const t = seed(name);
        const r = checker.check(t, { today: '2026-11-23' });
        const cm = toCodeMirrorDiagnostics(r, { text: t });
        const lsp = toLspCodeActions(r, t, 'file:///x').filter((a) => a.kind === 'quickfix');
        let k = 0;
        r.diagnostics.forEach((d, i) => (d.fixes || []).forEach((fix, j) => {
          const v = fakeView(t);
          cm[i].actions[j].apply(v, cm[i].from, cm[i].to);
          const fixed = v.state.doc.toString();
          eq(fixed, applyTextEdits(t, lsp[k++].edit.changes['file:///x']), `${name} ${d.rule}: CodeMirror and LSP`);
          assert(fixed !== t, `${name} ${d.rule}: the fix changes the text`);
          const again = checker.check(fixed, { today: '2026-11-23' }).diagnostics;
          assert(!again.some((x) => x.rule === d.rule && x.message === d.message), `${name} ${d.rule} ${d.message}: still reported after "${fix.title}"`);
          n++;
        }));
      }
      assert(n > 0, 'no fix applied');
      console.log(`# ${n} real fixes applied and re-checked`);
    });
  } else {
    console.log('# the built checker gives no fixes yet: the real-fix test is skipped');
  }
} else {
  console.log('# www/pkg not built: the real-checker tests are skipped');
}

console.log(`adapters: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
