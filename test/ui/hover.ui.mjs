// Hovers in a real VS Code: Django constructs in the sample project show the interview questions;
// a comment mentioning one shows nothing of ours. Screenshots of each hover.
import { openWorkbench } from './lib.mjs';

const vs = await openWorkbench({ name: 'hover', theme: 'dark' });
const { page } = vs;
const OURS = /Django Interview Coach/;

async function hoverShows(file, word, lineText, expected, shot, line) {
  await vs.openFile(file);
  if (line) await vs.gotoLine(line); // below the first screenful
  const hover = await vs.hoverWord(word, { lineText, expected: OURS, tries: 10 });
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  if (!expected.test(text)) throw new Error(`hover over ${word} says: ${text.slice(0, 400)}`);
  const links = await hover.locator('a[data-href^="command:djangoCoach.openAnswer"], a[href^="command:djangoCoach.openAnswer"]').count();
  if (links < 2) throw new Error(`expected question links in the hover, found ${links}`);
  // Let the hover's fade-in finish, so the screenshot shows it as the user reads it.
  await page.evaluate(() => Promise.race([Promise.all(document.getAnimations().map(a => a.finished)), new Promise(r => setTimeout(r, 1000))]));
  await vs.screenshot(shot);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
}

await vs.step('select_related in a view', () => hoverShows('catalog/views.py', 'select_related', '.select_related("category")', /select_related/, 'select_related'));
await vs.step('transaction.on_commit in a service', () => hoverShows('orders/services.py', 'on_commit', 'transaction.on_commit(lambda', /on_commit/, 'on_commit'));
await vs.step('post_save.connect in signals.py', () => hoverShows('orders/signals.py', 'connect', 'post_save.connect(invalidate_featured_products', /[Ss]ignal/, 'post_save-connect'));
await vs.step('@shared_task on a Celery task', () => hoverShows('orders/tasks.py', 'shared_task', '@shared_task(bind=True', /Celery/, 'shared_task'));
await vs.step('@receiver on a signal handler', () => hoverShows('orders/signals.py', 'receiver', '@receiver(post_save, sender=Order)', /[Ss]ignal/, 'receiver'));
await vs.step('@cache_page on a view', () => hoverShows('catalog/views.py', 'cache_page', '@cache_page(60 * 5)', /cache_page/, 'cache_page'));
await vs.step('Q( in a search filter', () => hoverShows('catalog/views.py', 'Q', 'Q(name__icontains=term)', /Q\(\)/, 'Q', 46));
await vs.step('F( in an update', () => hoverShows('catalog/views.py', 'F', 'F("view_count")', /F\(\)/, 'F', 61));

await vs.step('the question link in the hover opens its answer', async () => {
  await vs.openFile('orders/services.py');
  const hover = await vs.hoverWord('on_commit', { lineText: 'transaction.on_commit(lambda', expected: OURS, tries: 10 });
  const first = hover.locator('a[data-href^="command:djangoCoach.openAnswer"], a[href^="command:djangoCoach.openAnswer"]').first();
  const question = (await first.innerText()).trim();
  await first.click();
  await vs.webview().locator('#question', { hasText: question }).waitFor({ timeout: 30_000 });
  await vs.screenshot('hover-opened-answer');
});

await vs.step('a comment that mentions select_related shows no interview hover', async () => {
  await vs.openFile('catalog/middleware.py');
  let shown = false;
  try {
    await vs.hoverWord('select_related', { lineText: 'missing select_related', expected: OURS, tries: 2 });
    shown = true;
  } catch { /* expected: no hover of ours */ }
  if (shown) throw new Error('an interview hover appeared over a comment');
  await vs.screenshot('comment-no-hover');
});

await vs.step('"In this file" lists the constructs of the open file by topic', async () => {
  await vs.runCommand('View: Close All Editor Groups');
  await vs.openFile('orders/services.py');
  await vs.openActivity('Django Interview Coach');
  await vs.expandOnly('In this file');
  const rows = vs.treeRows('In this file');
  await rows.filter({ hasText: 'Transactions & concurrency' }).first().waitFor();
  const construct = rows.filter({ hasText: /on_commit/ }).first();
  await construct.waitFor();
  const text = (await construct.innerText()).replace(/\s+/g, ' ');
  if (!/line \d+/.test(text)) throw new Error(`construct row says "${text}"`);
  await construct.click();
  await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: /Ln 38,/ }).waitFor();
  await vs.screenshot('in-this-file');
});

await vs.step('the study plan ranks the topics the project leans on', async () => {
  await vs.runCommand('Django Coach: Study Plan for This Workspace');
  const frame = vs.webview();
  await frame.locator('h1', { hasText: 'Study plan' }).waitFor({ timeout: 60_000 });
  const topics = await frame.locator('section.topic h2').allInnerTexts();
  if (topics.length < 5) throw new Error(`only ${topics.length} topics: ${topics.join(' | ')}`);
  for (const t of ['Signals', 'Transactions & concurrency', 'Caching']) {
    if (!topics.some(x => x.includes(t))) throw new Error(`no ${t} among ${topics.join(' | ')}`);
  }
  const questions = await frame.locator('ol.questions li').count();
  if (questions < 5) throw new Error(`${questions} questions to practise`);
  await vs.screenshot('study-plan');
});

await vs.finish();
