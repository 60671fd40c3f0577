// The npm package as a portal installs it: pack → install into an empty project →
// import its entry points. Usage: node tests/e2e/npm-package.mjs (after .ci/npm-package.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]*)"/m)[1];
const tarball = join(root, `target/npm/reportcheck-${version}.tgz`);
const project = mkdtempSync(join(tmpdir(), 'reportcheck-npm-'));
writeFileSync(join(project, 'package.json'), '{"name":"portal","private":true,"type":"module"}\n');
execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, stdio: 'inherit' });

const pkgDir = join(project, 'node_modules/reportcheck');
for (const f of ['report-check.js', 'report-check.d.ts', 'pkg/reportcheck_bg.wasm', 'pkg-inputs/reportcheck_inputs_bg.wasm', 'adapters/codemirror.js', 'adapters/lsp.js', 'rules/text.debris.html']) {
  if (!existsSync(join(pkgDir, f))) throw new Error(`the package lacks ${f}`);
}
// Resolve through the package's "exports", as a bundler would.
const test = `
import { readFileSync } from 'node:fs';
import init, { Checker } from 'reportcheck/checker';
import initInputs, { docxToText } from 'reportcheck/inputs';
const dir = new URL('./node_modules/reportcheck/', import.meta.url);
await init({ module_or_path: readFileSync(new URL('pkg/reportcheck_bg.wasm', dir)) });
await initInputs({ module_or_path: readFileSync(new URL('pkg-inputs/reportcheck_inputs_bg.wasm', dir)) });
const { text } = docxToText(readFileSync(process.argv[2]));
const r = new Checker('auto').check(text, { today: '2026-11-23' });
const rules = r.diagnostics.map((d) => d.rule);
if (!rules.includes('table.cell-blank')) throw new Error('expected table.cell-blank, got ' + rules.join(','));
console.log('npm package: ' + r.summary.schema.id + ', ' + rules.length + ' finding(s) from a .docx');
// The adapters, through the exports map; the rule page an LSP diagnostic links is in the package.
const { toLspDiagnostics, toLspCodeActions } = await import('reportcheck/adapters/lsp');
const { toCodeMirrorDiagnostics } = await import('reportcheck/adapters/codemirror');
const lsp = toLspDiagnostics(r, text);
const href = new URL(lsp[0].codeDescription.href);
if (href.protocol !== 'file:' || !readFileSync(href, 'utf8').includes('<html')) throw new Error('rule page not in the package: ' + href);
if (lsp.length !== r.diagnostics.length || toCodeMirrorDiagnostics(r).length !== r.diagnostics.length) throw new Error('adapters');
if (!Array.isArray(toLspCodeActions(r, text, 'file:///report.txt'))) throw new Error('code actions');
console.log('npm package: adapters ok (' + lsp.length + ' LSP diagnostics, rule page ' + href.pathname.split('/').slice(-2).join('/') + ')');
`;
writeFileSync(join(project, 'use.mjs'), test);
execFileSync('node', ['use.mjs', join(root, 'tests/fixtures/docx/2022_table_blank_cell.docx')], { cwd: project, stdio: 'inherit' });
console.log('npm package: ok');
