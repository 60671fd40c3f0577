// The page's checker, off the main thread: typing never waits for a check.
// Messages in:  {type: 'init'} · {type: 'schema', schema} · {type: 'previous', text|null} ·
//               {type: 'check', id, text, options}
// Last year's report is given to the checker once per change (`setPrevious` parses it once), not with
// every check; a new schema's checker gets it too.
// Messages out: {type: 'ready', schemas} · {type: 'schema', ok, id?, message?} ·
//               {type: 'result', id, result, ms} · {type: 'error', id?, message}
import init, { Checker, builtinSchemas } from './pkg/reportcheck.js';

let checker = null;
let previous = null;
// Give the checker last year's report (older cores without setPrevious take it with each check).
function applyPrevious(c) {
  if (typeof c.setPrevious === 'function') c.setPrevious(previous);
}
const ready = init({ module_or_path: new URL('./pkg/reportcheck_bg.wasm', import.meta.url) })
  .then(() => { checker = new Checker('auto'); });

function errorText(e) { return String((e && e.message) || e); }

self.onmessage = async (e) => {
  const m = e.data;
  try {
    await ready;
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id, fatal: true, message: errorText(err) });
    return;
  }
  try {
    if (m.type === 'init') {
      self.postMessage({ type: 'ready', schemas: builtinSchemas() });
    } else if (m.type === 'schema') {
      try {
        const c = new Checker(m.schema);
        applyPrevious(c);
        checker = c;
        let id = m.schema;
        try { id = JSON.parse(m.schema).id; } catch { /* an id, not JSON */ }
        self.postMessage({ type: 'schema', ok: true, id });
      } catch (err) {
        self.postMessage({ type: 'schema', ok: false, message: errorText(err) });
      }
    } else if (m.type === 'previous') {
      previous = m.text ?? null;
      applyPrevious(checker);
    } else if (m.type === 'check') {
      const t0 = performance.now();
      const options = typeof checker.setPrevious !== 'function' && previous !== null ? { ...m.options, previous } : m.options;
      const result = checker.check(m.text, options);
      self.postMessage({ type: 'result', id: m.id, result, ms: performance.now() - t0 });
    }
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id, message: errorText(err) });
  }
};
