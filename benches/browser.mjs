// Opens www/bench.html in headless Chromium (Debian's /usr/bin/chromium through playwright-core from
// tests/e2e/node_modules; no browser download) and prints its numbers as one JSON object:
// the cold start as the median of COLD fresh pages, then the per-check medians of one full run.
// Usage: node benches/browser.mjs [www-dir]   (run by .ci/bench)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const { chromium } = createRequire(join(root, 'tests/e2e/package.json'))('playwright-core');
const www = resolve(process.argv[2] || join(root, 'www'));
const COLD = Number(process.env.COLD || 7);

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
let browser;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/bench.html')).ok) break; } catch { /* not up yet */ }
    if (i > 100) throw new Error('static server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const run = async (query) => {
    const context = await browser.newContext(); // fresh: nothing compiled or cached from an earlier page
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/bench.html${query}`);
    await page.waitForSelector('body[data-done]', { state: 'attached', timeout: 300000 });
    const done = await page.evaluate(() => document.body.dataset.done);
    const results = await page.evaluate(() => window.benchResults || document.getElementById('results').textContent);
    await context.close();
    if (done !== '1') throw new Error(`bench.html${query} failed: ${JSON.stringify(results)} ${errors.join('; ')}`);
    return results;
  };
  const cold = [];
  for (let i = 0; i < COLD; i++) cold.push(await run('?cold=1'));
  const full = await run('');
  const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  for (const key of Object.keys(cold[0])) {
    full[key] = median(cold.map((c) => c[key]));
  }
  full['cold start, all runs, ms'] = cold.map((c) => c['cold start, ms (instantiate + build checker + first check of 16.7 KB)']);
  full.browser = browser.version();
  console.log(JSON.stringify(full));
} finally {
  if (browser) await browser.close();
  server.kill();
}
