// Interview insights in a real VS Code (issue 14), on the sample project's catalog/promotions.py: the
// squiggle and the Problems entry with code DJC007, the hover, "Practise this question" from the light
// bulb opening the answer, the study plan's "Pitfalls in this workspace" (a finding a click from its
// line), and the pitfalls quiz from the study plan and from Start Quiz: the user's own lines, the
// interviewer's question, then the problem, the fix and the guide answers. A screenshot of each.
// The template insight (DJC012) on orders/templates/orders/order_history.html: the squiggle, the
// Problems entry and the hover, from the workspace's views read by the extension.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../host/code-server.mjs';
import { escapeRegExp, openWorkbench } from './lib.mjs';

const FILE = 'catalog/promotions.py';
const LINE = 25; // promotion.redemptions += 1   (then promotion.save(): DJC007)
const CALL = 'promotion.redemptions += 1';
const OURS = /Django Interview Coach/;
const TEMPLATE = 'orders/templates/orders/order_history.html';
const TEMPLATE_LINE = 10; // <td>{{ order.items.count }} item…  (orders/views.py passes Order.objects.filter(…) without prefetch_related("items"))
const TEMPLATE_READ = '{{ order.items.count }} item';
// The insight's first guide question: the one "Practise this question" opens (read from the built index).
const index = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'index.json'), 'utf8'));
const COUNTER_QUESTION = index.entries.find(e => e.id === 'django-interview-questions-experienced-2026#3d46edb5').question;

const vs = await openWorkbench({ name: 'insights', theme: 'dark' });
const { page } = vs;

/** Move the mouse away and wait until our hover is gone. */
async function hideHover() {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-hover:not(.hidden)', { hasText: OURS }).waitFor({ state: 'hidden' });
}

/** Let finite animations (a hover's fade-in) finish so the screenshot shows what the user reads. */
function animationsDone() {
  return page.evaluate(() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished)));
}

await vs.step('the counter incremented in Python is squiggled and listed in Problems with code DJC007', async () => {
  await vs.openFile(FILE);
  await vs.extensionReady();
  // Information diagnostics draw a squiggly-info decoration under the call.
  await page.locator('.editor-instance .monaco-editor .squiggly-info').first().waitFor({ timeout: 60_000 });
  await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'DJC007' }).first();
  await row.waitFor();
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!/Django Interview Coach/.test(text) || !new RegExp(`\\[Ln ${LINE}, Col \\d+\\]`).test(text)) throw new Error(`the Problems row says "${text}"`);
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'DJC009' }).first().waitFor();
  await vs.screenshot('problems');
});

await vs.step('the hover over the call explains the pitfall with the interviewer\'s question', async () => {
  await vs.runCommand('View: Toggle Panel Visibility');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  // The diagnostic is on the `+=` statement: hover the counter's name in it.
  const hover = await vs.hoverWord('redemptions', { lineText: CALL, expected: /An interviewer would ask/ });
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  if (!/DJC007/.test(text) || !/Fix:/.test(text)) throw new Error(`the hover says "${text.slice(0, 400)}"`);
  if (!(await hover.locator(`a[data-href^="command:djangoCoach.openAnswer"], a[href^="command:djangoCoach.openAnswer"]`, { hasText: COUNTER_QUESTION }).count())) throw new Error('no link to the insight\'s first question');
  await animationsDone();
  await vs.screenshot('hover');
  await hideHover();
});

await vs.step('"Practise this question" from the light bulb opens the answer', async () => {
  // The cursor in the finding (the `+=` statement): the light bulb shows at its line.
  const at = await vs.wordPoint('redemptions', CALL);
  await page.mouse.click(at.x, at.y);
  await vs.cursorAtLine(LINE).waitFor();
  const bulb = page.locator('.editor-instance .lightBulbWidget.codicon-light-bulb');
  await bulb.first().waitFor({ state: 'visible' });
  await bulb.first().click();
  const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Practise this question (DJC007)' });
  await action.waitFor();
  await page.locator('.action-widget .monaco-list-row', { hasText: 'Quiz me on this pitfall (DJC007)' }).waitFor();
  await vs.screenshot('light-bulb');
  await action.click();
  await vs.webview().locator('#question', { hasText: COUNTER_QUESTION }).waitFor({ timeout: 30_000 });
  await vs.screenshot('practise-answer');
});

await vs.step('a template\'s loop reading order.items.count over the view\'s queryset is squiggled, listed with code DJC012 and explained on hover', async () => {
  await vs.runCommand('View: Close All Editor Groups');
  await vs.openFile(TEMPLATE);
  // The diagnostic waits for the extension to read the workspace's Python files (views and models).
  await page.locator('.editor-instance .monaco-editor .squiggly-info').first().waitFor({ timeout: 60_000 });
  await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'DJC012' }).first();
  await row.waitFor();
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!/order\.items\.count/.test(text) || !/prefetch_related\("items"\)/.test(text) || !new RegExp(`\\[Ln ${TEMPLATE_LINE}, Col 16\\]`).test(text)) throw new Error(`the Problems row says "${text}"`);
  await vs.screenshot('template-problems');
  await vs.runCommand('View: Toggle Panel Visibility');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  const hover = await vs.hoverWord('items', { lineText: TEMPLATE_READ, expected: /An interviewer would ask/ });
  const said = (await hover.innerText()).replace(/\s+/g, ' ');
  if (!/DJC012/.test(said) || !/Fix:/.test(said)) throw new Error(`the hover says "${said.slice(0, 400)}"`);
  await animationsDone();
  await vs.screenshot('template-hover');
  await hideHover();
  // "In this file" heads with the template's pitfall once the views are read (no edit needed).
  await vs.openActivity('Django Interview Coach');
  await vs.expandOnly('In this file');
  const pitfall = vs.treeRows('In this file').filter({ hasText: `line ${TEMPLATE_LINE} · DJC012` }).first();
  await pitfall.waitFor();
  if (!/N\+1 query in a template loop/.test(await pitfall.innerText())) throw new Error(`the pitfall row says "${await pitfall.innerText()}"`);
  await vs.screenshot('template-in-this-file');
});

await vs.step('the study plan lists the pitfalls in this workspace, each a click from its line', async () => {
  await vs.runCommand('View: Close All Editor Groups');
  await vs.runCommand('Django Coach: Study Plan for This Workspace');
  const frame = vs.webview();
  const group = frame.locator('#pitfalls section.pitfall', { hasText: 'DJC007' });
  await group.waitFor({ timeout: 60_000 });
  const heading = await frame.locator('#pitfalls h2').innerText();
  if (!/^Pitfalls in this workspace \(\d+\)$/.test(heading)) throw new Error(`the pitfalls heading says "${heading}"`);
  await frame.locator('#pitfalls section.pitfall', { hasText: 'DJC009' }).waitFor();
  await frame.locator('#pitfalls section.pitfall', { hasText: 'DJC012' }).locator('ul.examples a', { hasText: `${TEMPLATE}:${TEMPLATE_LINE}` }).waitFor();
  if (!(await group.locator('ol.questions a', { hasText: COUNTER_QUESTION }).count())) throw new Error('the DJC007 group does not list its first question');
  await vs.screenshot('study-plan-pitfalls');
  await group.locator('ul.examples a', { hasText: new RegExp(`^${escapeRegExp(`${FILE}:${LINE}`)}$`) }).click();
  await vs.activeTab('promotions.py').waitFor();
  await vs.cursorAtLine(LINE).waitFor();
});

await vs.step('the pitfalls quiz from the study plan: the user\'s lines and the interviewer\'s question, then the problem and the fix', async () => {
  // Back to the study plan's tab (it stayed open in its group) and its quiz button.
  await vs.runCommand('View: Close All Editor Groups');
  await vs.runCommand('Django Coach: Study Plan for This Workspace');
  await vs.webview().locator('#quiz-pitfalls').click({ timeout: 60_000 });
  const frame = vs.webview();
  await frame.locator('#pitfall-code pre.code').waitFor({ timeout: 60_000 });
  const crumbs = await frame.locator('.crumbs').innerText();
  if (!/^Pitfalls in this workspace · Your code$/.test(crumbs.trim())) throw new Error(`the quiz header says "${crumbs}"`);
  const where = (await frame.locator('#pitfall-where').innerText()).trim();
  if (!/^(?:catalog\/promotions\.py:(11|25)|orders\/templates\/orders\/order_history\.html:10)$/.test(where)) throw new Error(`the card names "${where}"`);
  if (!(await frame.locator('#pitfall-code pre.code [class^="hljs-"]').count())) throw new Error('the user\'s code is not highlighted');
  const marked = (await frame.locator('#pitfall-code .gutter .mark').innerText()).trim();
  if (!where.endsWith(`:${marked}`)) throw new Error(`the gutter marks line ${marked}, the card is about ${where}`);
  await vs.screenshot('pitfalls-quiz-question');
  await frame.locator('#progress').click(); // keyboard focus into the quiz
  await page.keyboard.press(' ');
  await frame.locator('#pitfall-fix').waitFor();
  await frame.locator('.guide-links a').first().waitFor();
  await vs.screenshot('pitfalls-quiz-answer');
  await page.keyboard.press('3');
  await frame.locator('#progress', { hasText: /^Question 2 of 3/ }).waitFor();
});

await vs.step('Start Quiz offers "Pitfalls in this workspace" and goes straight to the cards', async () => {
  await vs.runCommand('Django Coach: Start Quiz');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'what to practise' }).waitFor();
  await vs.acceptRow(/Pitfalls in this workspace/, { beforeEnter: () => vs.screenshot('start-quiz-scope') });
  const frame = vs.webview();
  await frame.locator('#progress', { hasText: /^Question 1 of 3/ }).waitFor({ timeout: 60_000 });
  await frame.locator('#pitfall-code pre.code').waitFor();
  await frame.locator('#progress').click();
  const cards = [];
  for (const n of [1, 2, 3]) {
    await frame.locator('#progress', { hasText: new RegExp(`^Question ${n} of 3`) }).waitFor();
    // Every card's code is highlighted in its own language (Python, or the Django template).
    const where = (await frame.locator('#pitfall-where').innerText()).trim();
    if (!(await frame.locator('#pitfall-code pre.code [class^="hljs-"]').count())) throw new Error(`the code of ${where} is not highlighted`);
    cards.push(where);
    await page.keyboard.press(' ');
    await frame.locator('#grade-good').waitFor();
    await page.keyboard.press('3');
  }
  if (cards.sort().join(' ') !== `catalog/promotions.py:11 catalog/promotions.py:25 ${TEMPLATE}:${TEMPLATE_LINE}`) throw new Error(`the cards were ${cards.join(', ')}`);
  const score = (await frame.locator('#score').innerText()).trim();
  if (score !== 'Score: 3 of 3 (100%)') throw new Error(`the score says "${score}"`);
  await vs.screenshot('pitfalls-quiz-score');
});

await vs.finish();
