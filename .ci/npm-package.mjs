// Assembles the npm package portals install: the element, its types, the checker
// module and the input-reader module, laid out as in www/ so that the element's
// relative imports hold. Run after build_wasm (.ci/setup); writes
// target/npm/package/ and packs it into target/npm/reportcheck-<version>.tgz.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target/npm');
const pkg = join(out, 'package');
rmSync(out, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];

for (const f of ['report-check.js', 'report-check.d.ts']) cpSync(join(root, 'www', f), join(pkg, f));
// The editor adapters (no dependencies) and the rule pages they link (LSP codeDescription.href).
mkdirSync(join(pkg, 'adapters'));
for (const f of ['codemirror.js', 'codemirror.d.ts', 'lsp.js', 'lsp.d.ts']) cpSync(join(root, 'www/adapters', f), join(pkg, 'adapters', f));
cpSync(join(root, 'www/rules'), join(pkg, 'rules'), { recursive: true });
for (const [dir, name] of [['pkg', 'reportcheck'], ['pkg-inputs', 'reportcheck_inputs']]) {
  mkdirSync(join(pkg, dir));
  // Only the module, its glue and types: wasm-pack's own package.json and its `*` .gitignore would
  // make npm treat the folder as another package or leave it out.
  for (const f of [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`, `${name}_bg.wasm.d.ts`]) cpSync(join(root, 'www', dir, f), join(pkg, dir, f));
}
writeFileSync(join(pkg, 'package.json'), JSON.stringify({
  name: 'reportcheck',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './report-check.js',
  types: './report-check.d.ts',
  exports: {
    '.': { types: './report-check.d.ts', default: './report-check.js' },
    './checker': { types: './pkg/reportcheck.d.ts', default: './pkg/reportcheck.js' },
    './inputs': { types: './pkg-inputs/reportcheck_inputs.d.ts', default: './pkg-inputs/reportcheck_inputs.js' },
    './adapters/codemirror': { types: './adapters/codemirror.d.ts', default: './adapters/codemirror.js' },
    './adapters/lsp': { types: './adapters/lsp.d.ts', default: './adapters/lsp.js' },
    './rules/*': './rules/*',
    './pkg/*': './pkg/*',
    './pkg-inputs/*': './pkg-inputs/*',
  },
  files: ['report-check.js', 'report-check.d.ts', 'pkg/', 'pkg-inputs/', 'adapters/', 'rules/', 'README.md'],
  sideEffects: ['./report-check.js'],
}, null, 2) + '\n');
writeFileSync(join(pkg, 'README.md'), `# reportcheck

Checks a draft 政府信息公开工作年度报告 in the browser (WebAssembly; nothing is uploaded).

\`\`\`html
<textarea id="report" name="report"></textarea>
<report-check for="report" schema="auto" block-on="error"></report-check>
<script type="module" src="/node_modules/reportcheck/report-check.js"></script>
\`\`\`

- \`reportcheck\` — the \`<report-check>\` form control (types: \`report-check.d.ts\`); \`input="html"\` reads a
  rich-text editor's HTML through \`pkg-inputs/\`, loaded on first use.
- \`reportcheck/checker\` — \`new Checker(schema).check(text, options)\` (call the default export \`init()\` first).
- \`reportcheck/inputs\` — \`htmlToText(html)\`, \`docxToText(bytes)\`.
- \`reportcheck/adapters/codemirror\` — \`toCodeMirrorDiagnostics(result, {text})\`: \`@codemirror/lint\` diagnostics whose
  actions apply the fixes (one transaction each); \`safeFixes(result)\` for a "fix all".
- \`reportcheck/adapters/lsp\` — \`toLspDiagnostics(result, text, {uri})\` and \`toLspCodeActions(result, text, uri)\`:
  LSP \`Diagnostic\` and \`CodeAction\` JSON (0-based lines, UTF-16 characters, \`WorkspaceEdit\` changes).
- \`rules/<id>.html\` — the rule pages (Chinese; \`<id>.en.html\` English).

A strict Content-Security-Policy works: WebAssembly needs \`script-src 'self' 'wasm-unsafe-eval'\`.
`);
execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: pkg, stdio: ['ignore', 'inherit', 'inherit'] });
