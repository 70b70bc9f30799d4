// The sidebar in a real VS Code: open the sample project and a Python file, open the
// "Django Interview Coach" activity-bar container, and read the topic rows of the Topics view.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../host/code-server.mjs';
import { EXTENSION_HOST, log, manifest, openWorkbench } from './lib.mjs';

// The one topic taxonomy (DESIGN §6), as compiled by `node esbuild.mjs --tests`.
const { TOPICS } = createRequire(import.meta.url)(path.join(REPO_ROOT, 'out/src/core/taxonomy.js'));
const topicLabels = new Set(TOPICS.map(t => t.label));
const container = manifest.contributes.viewsContainers.activitybar.find(c => c.id === 'djangoCoach');

const vs = await openWorkbench({ name: 'sidebar', theme: 'dark' });
const { page } = vs;

await vs.step('the explorer shows the sample Django project', async () => {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'manage.py' }).waitFor();
});

await vs.step('opens a Python file of the project', async () => {
  await vs.openFile('catalog/views.py');
  await page.locator('.editor-instance .view-line', { hasText: '.select_related("category")' }).waitFor();
  await vs.screenshot('python-file');
});

await vs.step('the activity bar opens the Django Interview Coach container', async () => {
  if (container?.title !== 'Django Interview Coach') throw new Error('package.json has no djangoCoach view container titled "Django Interview Coach"');
  await vs.openActivity(container.title);
  await page.locator('.part.sidebar .composite.title', { hasText: /Django Interview Coach/i }).waitFor();
});

await vs.step('the Topics view lists topics of the taxonomy', async () => {
  await vs.expandOnly('Topics');
  const rows = vs.treeRows('Topics');
  await rows.first().waitFor();
  const labels = await rows.locator('.label-name').allInnerTexts();
  log(`Topics rows: ${labels.join(' | ')}`);
  const topics = labels.filter(l => topicLabels.has(l.trim()));
  if (topics.length < 10) throw new Error(`expected at least 10 topic rows, got ${topics.length}: ${labels.join(' | ')}`);
  for (const wanted of ['Signals', 'Query optimization & N+1', 'Transactions & concurrency', 'Caching']) {
    if (!topics.includes(wanted)) throw new Error(`no "${wanted}" row among ${topics.join(' | ')}`);
  }
  await vs.screenshot('topics');
});

// The activation line of the output channel names the host that runs the extension: the browser's web
// worker has no Node `process` (src/extension.ts), so this tells which bundle (browser or main) is running.
const expectedHost = EXTENSION_HOST === 'web' ? 'web worker' : 'Node';
await vs.step(`the extension runs in the ${expectedHost} extension host`, async () => {
  await vs.runCommand('Django Coach: Show Output');
  const output = page.locator('.part.panel .monaco-editor .view-lines');
  await output.locator('.view-line', { hasText: 'activated in' }).first().waitFor();
  // The panel wraps long lines over several view lines, which the editor keeps in no particular DOM order.
  const all = await output.evaluate(el => [...el.querySelectorAll('.view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map(l => l.textContent).join('').replace(/\u00a0/g, ' '));
  const text = all.match(/activated in .*?extension host\)/)?.[0] ?? all;
  log(`output: ${text}`);
  if (!text.includes(`, ${expectedHost} extension host)`)) throw new Error(`the activation line does not say "${expectedHost} extension host": ${text}`);
  await vs.screenshot('output');
});

await vs.finish();
