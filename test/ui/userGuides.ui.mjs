// A user's own guides in a real VS Code: "Add Guide Folder…" through the workbench's folder dialog on
// the corpus of guide shapes, then the Topics tree, an answer from one of those guides and the per-file
// report in the output channel. The bundled guides are switched off so that every row is the user's.
import path from 'node:path';
import { REPO_ROOT } from '../host/code-server.mjs';
import { log, openWorkbench } from './lib.mjs';

const SHAPES = path.join(REPO_ROOT, 'test', 'fixtures', 'guides', 'shapes');
// From chat-answer-labels-crlf.md (`### 6. **How do you define a model?**` + `**Answer**:`, CRLF).
const QUESTION = 'How do you define a model?';

const vs = await openWorkbench({ name: 'user-guides', theme: 'dark', settings: { 'djangoCoach.includeBundledGuides': false } });
const { page } = vs;

await vs.step('Add Guide Folder… picks the shapes folder in the folder dialog', async () => {
  await vs.openActivity('Django Interview Coach');
  await vs.runCommand('Django Coach: Add Guide Folder…');
  // The web workbench's own folder dialog: a quick input holding a path.
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  const listing = () => page.evaluate(() => ({
    value: document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? '',
    rows: [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map(r => r.textContent.trim()),
  }));
  // The dialog opens on the workspace folder and lists its sub-folders; typing before that is overwritten.
  await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length > 1, undefined, { timeout: 30_000 });
  log(`dialog opened on ${(await listing()).value}`);
  await input.fill(`${SHAPES}/`);
  // A folder dialog lists folders only: moved into the shapes folder (which has none), it shows just "..".
  await page.waitForFunction(path => {
    const value = document.querySelector('.quick-input-widget .quick-input-box input')?.value;
    const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map(r => r.textContent.trim());
    return value === path && rows.length === 1 && rows[0] === '..';
  }, `${SHAPES}/`, { timeout: 30_000 });
  await vs.screenshot('folder-dialog');
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'Add Guide Folder' }).first().click();
  await input.waitFor({ state: 'hidden' });
});

await vs.step('the Topics tree fills with the questions of the folder\'s guides', async () => {
  await vs.expandOnly('Topics');
  const topic = vs.treeRows('Topics').filter({ hasText: 'Models & fields' }).first();
  await topic.waitFor({ timeout: 30_000 });
  await topic.click();
  const question = vs.treeRows('Topics').filter({ hasText: QUESTION }).first();
  await question.waitFor();
  const labels = await vs.treeRows('Topics').locator('.label-name').allInnerTexts();
  log(`Topics rows: ${labels.join(' | ')}`);
  await vs.screenshot('tree');
});

await vs.step('a question from a Windows-line-ending guide opens with its answer, label dropped, code fenced', async () => {
  await vs.treeRows('Topics').filter({ hasText: QUESTION }).first().click();
  const frame = vs.webview();
  await frame.locator('#question', { hasText: QUESTION }).waitFor({ timeout: 30_000 });
  const body = await frame.locator('body').innerText();
  if (!body.includes('Subclass models.Model and declare the fields as class attributes.')) throw new Error(`the answer is missing: ${body.slice(0, 400)}`);
  if (/\bAnswer\b/.test(body)) throw new Error('the "**Answer**:" label is still in the answer');
  const code = await frame.locator('pre.code[data-lang="python"]').innerText();
  if (!code.includes('class Product(models.Model):')) throw new Error(`the code is not a highlighted block: ${code}`);
  const source = await frame.locator('#source').innerText();
  if (!/chat-answer-labels-crlf\.md:52$/.test(source)) throw new Error(`source link says ${source}`);
  await vs.screenshot('answer');
});

await vs.step('a question from a <details> guide shows its table', async () => {
  await vs.runCommand('Django Coach: Search Questions');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Questions' }).waitFor();
  await page.locator('.quick-input-widget .quick-input-box input').fill('Django Flask FastAPI differ');
  await vs.acceptRow('How do Django, Flask and FastAPI differ?', { first: true });
  const frame = vs.webview();
  await frame.locator('#question', { hasText: 'How do Django, Flask and FastAPI differ?' }).waitFor({ timeout: 30_000 });
  const cells = await frame.locator('table td').allInnerTexts();
  if (!cells.includes('Full stack')) throw new Error(`no table in the answer (cells: ${cells.join(' | ')})`);
  await vs.screenshot('answer-details-table');
});

await vs.step('the output channel reports every guide file: questions and answers found', async () => {
  await vs.runCommand('Django Coach: Show Output');
  const output = page.locator('.part.panel .monaco-editor .view-lines');
  // The channel shows its end: the last guide's line and the library's total (the editor renders
  // spaces as no-break spaces, which \s matches).
  await output.locator('.view-line', { hasText: /guide\suser:0-shapes\/topic-headings\.md:\s14\squestions,\s9\swith\san\sanswer/ }).first().waitFor({ timeout: 30_000 });
  await output.locator('.view-line', { hasText: /257\squestions\s\(\d+\safter\sfolding\snear-duplicates\)\sfrom\s22\sguides/ }).first().waitFor();
  await vs.screenshot('output');
});

await vs.finish();
