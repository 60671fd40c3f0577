// reportcheck → Language Server Protocol JSON. No imports; works in Node and in browsers.
//
//   import { toLspDiagnostics, toLspCodeActions } from 'reportcheck/adapters/lsp';
//   const result = checker.check(text);
//   connection.sendDiagnostics({ uri, diagnostics: toLspDiagnostics(result, text, { uri }) });
//   // on textDocument/codeAction:
//   return toLspCodeActions(result, text, uri, { range: params.range });
//
// Positions are LSP's default: 0-based line and character, characters counted in UTF-16 code units
// (a character outside the BMP, such as 😀, counts 2). Lines end at \n, \r\n or \r, as LSP says.
// `result` may use either encoding (`check(text, {encoding: 'utf8'})` too): ranges are computed from
// the UTF-16 offsets every diagnostic carries, and fix edits are converted when the result is UTF-8.

const SEVERITY = { error: 1, warning: 2, info: 3 };

/** The default rule page: `rules/<id>.html` beside the package (www/rules on the page's server). */
function defaultRuleUrl(id) {
  return new URL(`../rules/${id}.html`, import.meta.url).href;
}

/** Line starts (UTF-16 offsets) of `text`, lines ending at \n, \r\n or \r. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Converts offsets in `text` to LSP positions. `positionAt(offset)` takes a UTF-16 offset;
 * `fromUtf8(byteOffset)` gives the UTF-16 offset of a UTF-8 byte offset.
 */
export function positions(text) {
  const starts = lineStarts(text);
  let bytes = null; // UTF-8 byte offset of each line start, built on first use
  const lineOf = (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const utf8Len = (from, to) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) { n += 4; i++; }
      else n += 3;
    }
    return n;
  };
  return {
    positionAt(offset) {
      const o = Math.max(0, Math.min(offset, text.length));
      const line = lineOf(o);
      return { line, character: o - starts[line] };
    },
    fromUtf8(byte) {
      if (!bytes) {
        bytes = [0];
        for (let l = 1; l < starts.length; l++) bytes.push(bytes[l - 1] + utf8Len(starts[l - 1], starts[l]));
      }
      let lo = 0, hi = bytes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bytes[mid] <= byte) lo = mid; else hi = mid - 1;
      }
      let i = starts[lo], b = bytes[lo];
      const end = lo + 1 < starts.length ? starts[lo + 1] : text.length;
      while (i < end && b < byte) {
        const c = text.charCodeAt(i);
        const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
        b += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
        i += pair ? 2 : 1;
      }
      return i;
    },
  };
}

/** What the result's offsets are in: `summary.encoding` (`check(text, {encoding: 'utf8'})` gives 'utf8'). */
function encodingOf(result) {
  return (result.summary && result.summary.encoding) || 'utf16';
}

function context(result, text, options) {
  const pos = positions(text);
  const utf8 = (options.encoding || encodingOf(result)) === 'utf8';
  const toUtf16 = (o) => (utf8 ? pos.fromUtf8(o) : o);
  const range = (s, e) => ({ start: pos.positionAt(s), end: pos.positionAt(Math.max(e, s)) });
  const prev = options.previousText !== undefined ? positions(options.previousText) : null;
  const ruleUrl = options.ruleUrl || defaultRuleUrl;
  const diagnostic = (d) => {
    const s = toUtf16(d.start), e = toUtf16(d.end);
    const out = {
      range: range(s, e),
      severity: SEVERITY[d.severity] ?? 3,
      code: d.rule,
      codeDescription: { href: ruleUrl(d.rule) },
      source: 'reportcheck',
      message: d.message,
    };
    const related = [];
    for (const r of d.related || []) {
      // A place in last year's report: only with its text and URI.
      const inPrev = !!r.previous;
      if (inPrev && (!prev || !options.previousUri)) continue;
      if (!inPrev && !options.uri) continue;
      const p = inPrev ? prev : pos;
      const conv = inPrev ? (o) => (utf8 ? p.fromUtf8(o) : o) : toUtf16;
      const rs = conv(r.start), re = conv(r.end);
      related.push({ location: { uri: inPrev ? options.previousUri : options.uri, range: { start: p.positionAt(rs), end: p.positionAt(Math.max(re, rs)) } }, message: r.message });
    }
    if (related.length) out.relatedInformation = related;
    return out;
  };
  const edits = (fix) => fix.edits.map((e) => ({ range: range(toUtf16(e.start), toUtf16(e.end)), newText: e.replacement }));
  return { diagnostic, edits };
}

/**
 * `result` → LSP `Diagnostic[]` for the document `text` (the text that was checked).
 * Options: `uri` (for `relatedInformation` in the same document), `previousText` and `previousUri`
 * (for related places in last year's report), `ruleUrl(id)` (default: the package's rules/<id>.html),
 * `encoding` ('utf16' | 'utf8'; found from the result when not given).
 */
export function toLspDiagnostics(result, text, options = {}) {
  const { diagnostic } = context(result, text, options);
  return result.diagnostics.map(diagnostic);
}

function overlap(a, b) {
  for (const x of a.edits) for (const y of b.edits) {
    if (x.start < y.end && y.start < x.end) return true;
    if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
  }
  return false;
}

const editKey = (e) => [e.start, e.end, e.replacement];

function intersects(r, range) {
  const before = (p, q) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(r.start, range.end) && before(range.start, r.end);
}

/**
 * `result` → LSP `CodeAction[]`: a `quickfix` per fix of every finding (its `WorkspaceEdit` changes the
 * document `uri`), and, when there are `safe` fixes, one `source.fixAll` action applying the first safe
 * fix of each finding (leaving out any that would overlap another).
 * Options: `range` (an LSP Range: only findings that touch it, as textDocument/codeAction asks),
 * `lang` ('zh' | 'en', the fix-all title), and those of `toLspDiagnostics`.
 */
export function toLspCodeActions(result, text, uri, options = {}) {
  const ctx = context(result, text, { uri, ...options });
  const actions = [];
  const safe = [];
  for (const d of result.diagnostics) {
    if (!d.fixes || !d.fixes.length) continue;
    const diag = ctx.diagnostic(d);
    if (options.range && !intersects(diag.range, options.range)) continue;
    d.fixes.forEach((fix, i) => {
      actions.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [diag],
        isPreferred: i === 0 && fix.safe,
        edit: { changes: { [uri]: ctx.edits(fix) } },
      });
    });
    const first = d.fixes.find((f) => f.safe);
    if (!first || !first.edits.length) continue;
    // Two findings with the same fix (two pieces of debris on one line): one edit, both diagnostics.
    const same = safe.find((s) => JSON.stringify(s.fix.edits.map(editKey)) === JSON.stringify(first.edits.map(editKey)));
    if (same) same.diags.push(diag);
    else if (!safe.some((s) => overlap(s.fix, first))) safe.push({ fix: first, diags: [diag] });
  }
  if (safe.length) {
    const edits = safe.flatMap((s) => ctx.edits(s.fix));
    edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    actions.push({
      title: options.lang === 'en' ? `Fix all (${safe.length})` : `全部修复（${safe.length} 处）`,
      kind: 'source.fixAll',
      diagnostics: safe.flatMap((s) => s.diags),
      edit: { changes: { [uri]: edits } },
    });
  }
  return actions;
}
