// End-to-end test of the page in Debian's headless Chromium (playwright-core).
// Usage: node tests/e2e/e2e.mjs [www-dir] [artifacts-dir]
// Prints "e2e: N passed, M failed" as its last line; exits 1 on any failure.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const www = resolve(process.argv[2] || join(root, 'www'));
const artifacts = resolve(process.argv[3] || join(here, 'artifacts'));
mkdirSync(artifacts, { recursive: true });
const seed = (name) => readFileSync(join(root, 'tests/fixtures', name), 'utf8');

let passed = 0, failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${msg}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`); }

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
let browser;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/')).ok) break; } catch { /* not up yet */ }
    if (i > 100) throw new Error('static server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => requests.push(r.url()));

  // Put a report in the editor as a drafter would, and wait until its own findings are shown.
  async function load(name, summaryMarker) {
    await page.fill('#draft', seed(name));
    await page.type('#draft', ' ');
    await page.waitForFunction((m) => document.querySelector('#summary')?.textContent.includes(m), summaryMarker);
  }

  const t0 = Date.now();
  await page.goto(base + '/index.html');
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 20000 });
  console.log(`# page ready in ${Date.now() - t0} ms`);

  await test('the wasm API returns UTF-16 spans', async () => {
    const r = await page.evaluate(() => window.reportcheck.check('😀汉XX'));
    const d = r.diagnostics.find((x) => x.rule === 'text.placeholder');
    eq([d.start, d.end, d.bytes.start, d.line, d.column], [3, 5, 7, 1, 4], 'placeholder span');
  });

  await test('a bad schema throws a JS Error naming the field', async () => {
    const msg = await page.evaluate(() => {
      try { new window.reportcheck.Checker('{"id":"x","title":"t","sections":[{"id":"a","title":"b","aliases":["("]}]}'); return 'no error'; }
      catch (e) { return (e instanceof Error ? 'Error: ' : 'not an Error: ') + e.message; }
    });
    assert(msg.startsWith('Error: ') && msg.includes('sections[0].aliases[0]'), msg);
  });

  await test('typing a report shows its findings', async () => {
    await load('2010_hunchun_urban_management.txt', '2010年');
    eq(await page.$$eval('#out button[data-rule="topic.missing"]', (bs) => bs.length), 3, 'topic.missing findings');
    const rules = await page.$$eval('#out button', (bs) => bs.map((b) => b.dataset.rule));
    assert(rules.includes('text.debris') && rules.includes('meta.title'), rules.join(','));
    const invalid = await page.textContent('#out button[data-rule="date.invalid"]');
    assert(invalid.includes('00年十二月三十日') && invalid.includes('2010年十二月三十日'), invalid);
    const summary = await page.textContent('#summary');
    assert(summary.includes('cn-ogi-2008'), summary);
    await page.screenshot({ path: join(artifacts, 'seed-2010.png') });
  });

  await test('the 2008 seed has no date error (发布日期 within the 3月31日 deadline)', async () => {
    await load('2008_public_utilities_bureau.txt', '2008年');
    const dateErrors = await page.$$eval('#out button.goto', (bs) => bs.filter((b) => b.dataset.rule.startsWith('date.') && b.querySelector('.sev.error')).map((b) => b.dataset.rule));
    eq(dateErrors, [], 'date errors');
  });

  await test('clicking a finding selects its span in the text', async () => {
    await load('2010_hunchun_urban_management.txt', '2010年');
    await page.click('#out button[data-rule="text.debris"]');
    const sel = await page.$eval('#draft', (t) => [t.selectionStart, t.selectionEnd, t.value.slice(t.selectionStart, t.selectionEnd)]);
    eq(sel, [0, 5, '登录 注册'], 'selection');
  });

  await test('a table that does not add up: the finding selects the wrong cell', async () => {
    await load('2022_table_wrong_total.txt', '2022年');
    // The row identity of （七）总计: 总计 = 自然人 + 法人或其他组织各项.
    await page.locator('#out button[data-rule="table.sum"]', { hasText: '自然人 + 法人' }).click();
    const sel = await page.$eval('#draft', (t) => [t.value.slice(t.selectionStart, t.selectionEnd), t.value.slice(0, t.selectionStart).split('\n').length]);
    eq(sel, ['47', 64], 'selected cell and its line');
    await page.locator('#out li', { has: page.locator('button[data-rule="table.sum"]', { hasText: '自然人 + 法人' }) }).locator('summary').click();
    await page.screenshot({ path: join(artifacts, 'table-sum.png') });
  });

  await test('findings are underlined in the text and the checklist shows what is missing', async () => {
    await load('2010_hunchun_urban_management.txt', '2010年');
    const marks = await page.$$eval('#backdrop mark.error', (ms) => ms.map((m) => m.textContent));
    assert(marks.includes('00年十二月三十日'), JSON.stringify(marks));
    const missing = await page.$$eval('#checklist li[data-state="missing"]', (ls) => ls.length);
    eq(missing, 3, 'missing topics in the checklist');
  });

  // What a drafter would see for the same report typed as text: rule, target and message of each finding.
  const findingsOf = (name) => page.evaluate((text) => {
    const r = window.reportcheck.check(text, { lang: 'zh', today: document.getElementById('today').value });
    return r.diagnostics.map((d) => `${d.rule} ${d.target?.id ?? ''} ${d.message}`);
  }, seed(name));
  const shownFindings = () => page.evaluate(() => window.reportcheck.last().diagnostics.map((d) => `${d.rule} ${d.target?.id ?? ''} ${d.message}`));

  await test('opening a .txt file checks it', async () => {
    await page.setInputFiles('#open-file', { name: 'draft.txt', mimeType: 'text/plain', buffer: Buffer.from(seed('2008_public_utilities_bureau.txt')) });
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('2008年'));
  });

  await test('pasting Word\'s HTML keeps the tables: same findings as the text', async () => {
    await page.fill('#draft', '');
    const html = readFileSync(join(root, 'tests/fixtures/html/2022_table_wrong_total.word.html'), 'utf8');
    await page.evaluate(({ html }) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '表格在纯文本里丢失了');
      document.getElementById('draft').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, { html });
    await page.waitForFunction(() => document.querySelector('#out button[data-rule="table.sum"]'));
    eq(await shownFindings(), await findingsOf('2022_table_wrong_total.txt'), 'findings of the pasted HTML');
    const draftText = await page.inputValue('#draft');
    assert(draftText.includes('（七）总计\t') && !draftText.includes('<'), 'table rows as tab-separated text, no markup');
    await page.locator('#out button[data-rule="table.sum"]', { hasText: '自然人 + 法人' }).click();
    const sel = await page.$eval('#draft', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
    eq(sel, '47', 'the wrong cell is selected');
    await page.screenshot({ path: join(artifacts, 'paste-word-html.png') });
  });

  const drop = (name, bytes) => page.evaluate(({ name, b64 }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name));
    document.getElementById('draft').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, { name, b64: bytes.toString('base64') });

  await test('dropping a .docx gives the same findings as the text, and Ctrl+Z brings the old draft back', async () => {
    await load('2010_hunchun_urban_management.txt', '2010年');
    await drop('报告.docx', readFileSync(join(root, 'tests/fixtures/docx/2022_table_blank_cell.docx')));
    await page.waitForFunction(() => document.querySelector('#out button[data-rule="table.cell-blank"]'));
    eq(await shownFindings(), await findingsOf('2022_table_blank_cell.txt'), 'findings of the dropped .docx');
    await page.screenshot({ path: join(artifacts, 'drop-docx.png') });
    await page.focus('#draft');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('2010年'));
    assert((await page.inputValue('#draft')).startsWith('登录 注册'), 'the previous draft is back');
  });

  await test('a .docx with tracked changes says so; a .doc or a broken file says what to do and keeps the draft', async () => {
    await drop('修订稿.docx', readFileSync(join(root, 'tests/fixtures/docx/2022_department_complete.tracked.docx')));
    await page.waitForFunction(() => document.querySelector('#summary .notice')?.textContent.includes('修订'));
    const before = await page.inputValue('#draft');
    await drop('旧稿.doc', readFileSync(join(root, 'tests/fixtures/docx/bad_legacy.doc')));
    await page.waitForFunction(() => document.querySelector('#summary .notice')?.textContent.includes('另存为 .docx'));
    await page.setInputFiles('#open-file', { name: 'draft.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
    await page.waitForFunction(() => document.querySelector('#summary .notice')?.textContent.includes('无法读取'));
    eq(await page.inputValue('#draft'), before, 'draft unchanged by unreadable files');
    await page.screenshot({ path: join(artifacts, 'unreadable-doc.png') });
  });

  await test('a file over 50 MB and a text over 16 million characters are refused with the limit stated', async () => {
    await load('2022_table_blank_cell.txt', '2022年');
    const before = await page.inputValue('#draft');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array((50 << 20) + 1)], '巨大.docx'));
      document.getElementById('draft').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('#summary .notice')?.textContent.includes('50 MB'));
    eq(await page.inputValue('#draft'), before, 'draft unchanged by an oversized file');
    await page.evaluate(() => {
      const d = document.getElementById('draft');
      d.value = '某'.repeat(16_000_001);
      d.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => document.querySelector('#summary .notice')?.textContent.includes('1600 万字'), null, { timeout: 20000 });
    await page.fill('#draft', before);
    await page.type('#draft', ' ');
    await page.waitForFunction(() => document.querySelector('#out button[data-rule="table.cell-blank"]'));
  });

  await test('the findings export as JSON', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert(exported.summary && Array.isArray(exported.diagnostics) && Array.isArray(exported.checklist), 'exported result');
  });

  await test('the draft survives a reload (local storage)', async () => {
    await page.fill('#draft', '某局2022年政府信息公开工作年度报告\n草稿正文XX');
    await page.type('#draft', '。');
    await page.waitForFunction(() => localStorage.getItem('reportcheck.draft') === '某局2022年政府信息公开工作年度报告\n草稿正文XX。');
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    eq(await page.inputValue('#draft'), '某局2022年政府信息公开工作年度报告\n草稿正文XX。', 'restored draft');
    assert(await page.$('#out button[data-rule="text.placeholder"]'), 'restored draft is checked');
  });

  await test('the embedding form refuses to submit while errors remain, and submits when fixed', async () => {
    const embed = await browser.newPage();
    embed.on('pageerror', (e) => problems.push(`embed pageerror: ${e.message}`));
    embed.on('request', (r) => requests.push(r.url()));
    await embed.goto(base + '/embed.html');
    await embed.fill('#report', seed('2010_hunchun_urban_management.txt'));
    await embed.waitForFunction(() => Number(document.body.dataset.errors) > 0);
    await embed.click('button[type=submit]');
    await embed.waitForTimeout(300);
    eq(await embed.evaluate(() => document.body.dataset.submitted), undefined, 'submitted with errors');
    const msg = await embed.evaluate(() => document.getElementById('checker').validationMessage);
    assert(msg.includes('问题'), msg);
    await embed.screenshot({ path: join(artifacts, 'embed-blocked.png') });
    await embed.fill('#report', seed('2022_department_complete.txt'));
    await embed.waitForFunction(() => document.body.dataset.errors === '0');
    await embed.click('button[type=submit]');
    await embed.waitForFunction(() => document.body.dataset.submitted === '1');
    await embed.close();
  });

  await test('a portal\'s rich-text editor: <report-check input="html"> reads its HTML tables', async () => {
    const embed = await browser.newPage();
    embed.on('pageerror', (e) => problems.push(`embed pageerror: ${e.message}`));
    embed.on('request', (r) => requests.push(r.url()));
    await embed.goto(base + '/embed.html');
    await embed.waitForFunction(() => document.body.dataset.errors !== undefined);
    const html = readFileSync(join(root, 'tests/fixtures/html/2022_table_wrong_total.portal.html'), 'utf8');
    const rules = await embed.evaluate((html) => new Promise((resolve) => {
      // As UEditor or KindEditor keep their HTML in the form's textarea.
      const source = document.createElement('textarea');
      source.id = 'editor-html';
      source.value = html;
      const check = document.createElement('report-check');
      check.setAttribute('for', 'editor-html');
      check.setAttribute('input', 'html');
      check.addEventListener('reportcheck:result', (e) => resolve(e.detail.diagnostics.map((d) => d.rule)));
      document.getElementById('submit-form').append(source, check);
    }), html);
    const want = await page.evaluate((text) => window.reportcheck.check(text).diagnostics.map((d) => d.rule), seed('2022_table_wrong_total.txt'));
    eq(rules, want, 'rules from the editor HTML');
    assert(rules.includes('table.sum'), rules.join(','));
    await embed.close();
  });

  await test('axe-core finds no accessibility violations on the page', async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const p = await ctx.newPage();
    await p.goto(base + '/index.html');
    await p.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    await p.fill('#draft', seed('2022_table_wrong_total.txt'));
    await p.type('#draft', ' ');
    await p.waitForFunction(() => document.querySelector('#out button[data-rule="table.sum"]'));
    const require = createRequire(import.meta.url);
    await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await p.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`));
    eq(violations, [], 'axe violations');
    await ctx.close();
  });

  await test('the English switch turns the interface and the messages into English', async () => {
    await load('2010_hunchun_urban_management.txt', '2010年');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('Fix these errors first'));
    const msg = await page.textContent('#out button[data-rule="text.debris"] .msg');
    assert(msg.includes('web navigation'), msg);
    eq(await page.evaluate(() => document.documentElement.lang), 'en', 'document language');
    await page.screenshot({ path: join(artifacts, 'english.png') });
    await page.selectOption('#lang', 'zh');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('请先修改'));
  });

  await test('user text is never run as HTML', async () => {
    await page.fill('#draft', 'XX<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
    await page.type('#draft', ' ');
    await page.waitForFunction(() => document.querySelector('#out button[data-rule="text.placeholder"]'));
    eq(await page.evaluate(() => [window.__pwned === undefined, document.querySelectorAll('#out img, #out script').length]), [true, 0], 'no injected element');
  });

  await test('a complete report is ready to submit', async () => {
    await page.fill('#draft', seed('2022_department_complete.txt'));
    await page.type('#draft', ' ');
    await page.waitForFunction(() => document.querySelector('#summary')?.dataset.errors === '0');
    assert((await page.textContent('#summary')).includes('可以提交'), 'ready state shown');
    await page.screenshot({ path: join(artifacts, 'complete-2022.png') });
  });

  await test('the timing page runs (numbers are reported, not asserted)', async () => {
    const bench = await browser.newPage();
    bench.on('pageerror', (e) => problems.push(`bench pageerror: ${e.message}`));
    await bench.goto(base + '/bench.html');
    await bench.waitForSelector('body[data-done]', { state: 'attached', timeout: 120000 });
    eq(await bench.evaluate(() => document.body.dataset.done), '1', 'bench page finished');
    console.log(`# browser timing: ${JSON.stringify(await bench.evaluate(() => window.benchResults))}`);
    await bench.close();
  });

  await test('no request leaves the page\'s own origin, no page errors', async () => {
    const foreign = requests.filter((u) => !u.startsWith(base + '/'));
    eq(foreign, [], 'foreign requests');
    eq(problems, [], 'page errors');
  });
} catch (e) {
  failed++;
  console.log(`FAIL - setup\n  ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  server.kill();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
