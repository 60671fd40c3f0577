// Builds what the page serves beside its own files (run by build_wasm in .ci/setup, after `npm ci` here):
//   app.js            src/app.js with CodeMirror 6 bundled in (esbuild, minified, ESM) — no CDN
//   rules/<id>.html   the rule page for drafters, in Chinese, from the "## 中文" part of docs/rules/<id>.md
//   rules/<id>.en.html, rules/<id>.md   the English page for integrators (the same file's English part)
//   rules/index.html, rules/index.json  the catalogue; index.json gives the page each rule's title
// Usage: node www/build.mjs
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = dirname(fileURLToPath(import.meta.url));
const docs = join(www, '../docs/rules');

const r = await build({
  entryPoints: [join(www, 'src/app.js')],
  bundle: true, minify: true, format: 'esm', target: 'es2022', outfile: join(www, 'app.js'),
  legalComments: 'none', metafile: true, logLevel: 'warning',
  plugins: [{
    // CodeMirror's styles go in through style-mod, which uses a constructed stylesheet (allowed by a
    // strict style-src) only in a shadow root and an inline <style> (refused by it) in a document.
    // Make it use the constructed stylesheet in the document too.
    name: 'style-mod-csp',
    setup(b) {
      b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, (args) => {
        const src = readFileSync(args.path, 'utf8');
        const from = 'if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet)';
        if (!src.includes(from)) throw new Error('style-mod changed: check the CSP patch in www/build.mjs');
        return { contents: src.replace(from, 'if (root.adoptedStyleSheets && win.CSSStyleSheet)'), loader: 'js' };
      });
    },
  }],
});
const bytes = Object.values(r.metafile.outputs)[0].bytes;
console.log(`www/app.js: ${bytes} bytes (CodeMirror bundled)`);

// ------------------------------------------------------------------ rule pages
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function inline(s, lang) {
  // `code`, **bold**, [text](link); a link to another rule's .md goes to its HTML page in the same language.
  const parts = s.split(/(`[^`]*`)/);
  return parts.map((p) => {
    if (p.startsWith('`') && p.endsWith('`') && p.length > 1) return `<code>${esc(p.slice(1, -1))}</code>`;
    return esc(p)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text, href) => {
        const m = href.match(/^([a-z0-9.-]+)\.md$/);
        const to = m ? (m[1] === 'README' ? 'index' : m[1]) + (lang === 'en' ? '.en.html' : '.html') : href;
        return `<a href="${to}">${text}</a>`;
      });
  }).join('');
}
// Enough Markdown for these pages: headings, paragraphs, lists, indented and fenced code, tables.
function markdown(md, lang) {
  const lines = md.replace(/\r/g, '').split('\n');
  const html = [];
  let para = [];
  const flush = () => { if (para.length) { html.push(`<p>${inline(para.join(' '), lang)}</p>`); para = []; } };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^```/.test(l)) {
      flush();
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      html.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
    } else if (/^( {4}|\t)/.test(l)) {
      flush();
      const code = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i]) || (lines[i] === '' && /^( {4}|\t)/.test(lines[i + 1] || ''))); i++) code.push(lines[i].replace(/^( {4}|\t)/, ''));
      i--;
      html.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,4} /.test(l)) {
      flush();
      const n = l.match(/^#+/)[0].length;
      html.push(`<h${n}>${inline(l.slice(n + 1), lang)}</h${n}>`);
    } else if (/^[-*] /.test(l)) {
      flush();
      const items = [];
      for (; i < lines.length && /^([-*] |  )/.test(lines[i]); i++) {
        if (/^[-*] /.test(lines[i])) items.push(lines[i].slice(2)); else items[items.length - 1] += ' ' + lines[i].trim();
      }
      i--;
      html.push(`<ul>${items.map((x) => `<li>${inline(x, lang)}</li>`).join('')}</ul>`);
    } else if (/^\|/.test(l)) {
      flush();
      const rows = [];
      for (; i < lines.length && /^\|/.test(lines[i]); i++) rows.push(lines[i].split('|').slice(1, -1).map((c) => c.trim()));
      i--;
      const [head, , ...body] = rows;
      html.push(`<table><thead><tr>${head.map((c) => `<th>${inline(c, lang)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inline(c, lang)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (l.trim() === '') {
      flush();
    } else {
      para.push(l.trim());
    }
  }
  flush();
  return html.join('\n');
}
function page(lang, title, body, alt) {
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="rules.css">
</head>
<body>
<nav>${alt}</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

const out = join(www, 'rules');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
copyFileSync(join(www, 'src/rules.css'), join(out, 'rules.css'));
const index = {};
const rows = [];
const missing = [];
for (const f of readdirSync(docs).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
  const id = f.slice(0, -3);
  const md = readFileSync(join(docs, f), 'utf8');
  copyFileSync(join(docs, f), join(out, f));
  const [en, zh] = md.split(/^## 中文\s*$/m);
  const severity = (en.match(/Default severity: \*\*(\w+)\*\*/) || [])[1] || '';
  const enSummary = (en.match(/## What it checks\n([^\n]+)/) || [])[1] || '';
  writeFileSync(join(out, `${id}.en.html`), page('en', `${id} — reportcheck`, markdown(en, 'en'),
    `<a href="index.en.html">All rules</a> · <a href="${id}.html" lang="zh-CN">中文</a>`));
  if (!zh) {
    // A new rule whose Chinese part is not written yet: its page says so and shows the English (the e2e test fails on it).
    missing.push(id);
    writeFileSync(join(out, `${id}.html`), page('zh', `${id} — 年度报告检查规则`, `<h1><code>${esc(id)}</code></h1>\n<p>本规则的中文说明尚未编写，以下是英文说明。</p>\n<div lang="en">${markdown(en, 'en')}</div>`,
      `<a href="index.html">全部规则</a> · <a href="${id}.en.html" lang="en">English</a>`));
    index[id] = { zh: id, en: enSummary, severity };
    continue;
  }
  const zhTitle = (zh.match(/^\*\*名称\*\*：(.+)$/m) || [])[1]?.trim() || id;
  const sevZh = { error: '错误', warning: '警告', info: '提示' }[severity] || severity;
  const body = `<h1>${esc(zhTitle)}</h1>\n<p class="meta">规则 <code>${esc(id)}</code> · 默认级别：${esc(sevZh)}</p>\n`
    + markdown(zh.replace(/^\*\*名称\*\*：.+$/m, '').replace(/^### /gm, '## '), 'zh');
  writeFileSync(join(out, `${id}.html`), page('zh', `${zhTitle}（${id}）— 年度报告检查规则`, body,
    `<a href="index.html">全部规则</a> · <a href="${id}.en.html" lang="en">English</a>`));
  index[id] = { zh: zhTitle, en: enSummary.replace(/[`*]/g, '').split(/(?<=\.) /)[0], severity };
  rows.push(`<tr><td><a href="${id}.html">${esc(zhTitle)}</a></td><td><code>${esc(id)}</code></td><td>${esc(sevZh)}</td></tr>`);
}
if (missing.length) console.warn(`WARNING docs/rules: no "## 中文" part in ${missing.join(', ')}: their drafters' pages are in English`);
writeFileSync(join(out, 'index.json'), JSON.stringify(index));
writeFileSync(join(out, 'index.html'), page('zh', '年度报告检查规则', `<h1>年度报告检查规则</h1>
<p>检查页面指出的每一类问题都有一页说明：是什么问题、怎么改、依据。</p>
<table><thead><tr><th>问题</th><th>规则</th><th>默认级别</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`, '<a href="../index.html">返回检查页面</a> · <a href="index.en.html" lang="en">English</a>'));
writeFileSync(join(out, 'index.en.html'), page('en', 'reportcheck rules', markdown(readFileSync(join(docs, 'README.md'), 'utf8'), 'en'),
  '<a href="index.html" lang="zh-CN">中文</a>'));
console.log(`www/rules: ${Object.keys(index).length} rule pages (zh + en)`);
