// The answer view and search in a real VS Code: open a question from the Topics view, move to the next
// one, search from the command palette and open a result; the same answer in light and high-contrast.
import { log, openWorkbench } from './lib.mjs';

const TRANSACTIONS_Q = 'Explain transaction.atomic, on_commit, and select_for_update.';

async function searchAndOpen(vs, query, expectedQuestion) {
  await vs.runCommand('Django Coach: Search Questions');
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Questions' }).waitFor();
  // The whole query at once: one ranking to wait for (typing re-ranks per keystroke; the unit tests cover that).
  await vs.page.locator('.quick-input-widget .quick-input-box input').fill(query);
  // Enter opens the first row once it is the question the query should rank first.
  await vs.acceptRow(expectedQuestion, { first: true, beforeEnter: () => vs.screenshot(`search-${query.replace(/\W+/g, '-')}`) });
  await vs.webview().locator('#question', { hasText: expectedQuestion }).waitFor({ timeout: 30_000 });
}

const vs = await openWorkbench({ name: 'answer', theme: 'dark' });
const { page } = vs;

await vs.step('a question opened from the Topics view shows its answer', async () => {
  await vs.openActivity('Django Interview Coach');
  await vs.expandOnly('Topics');
  const topic = vs.treeRows('Topics').filter({ hasText: 'Transactions & concurrency' }).first();
  await topic.click();
  const question = vs.treeRows('Topics').filter({ hasText: TRANSACTIONS_Q }).first();
  await question.waitFor();
  await question.click();
  const frame = vs.webview();
  await frame.locator('#question', { hasText: TRANSACTIONS_Q }).waitFor({ timeout: 30_000 });
  const code = await frame.locator('pre.code[data-lang="python"] .hljs-keyword').first().innerText();
  if (!/^(from|with|def|import)$/.test(code)) throw new Error(`python code is not highlighted (first keyword "${code}")`);
  const source = await frame.locator('#source').innerText();
  if (!/django-interview-questions-experienced-2026\.md:376$/.test(source)) throw new Error(`source link says ${source}`);
  await vs.screenshot('topics-answer');
});

await vs.step('Next moves to the next question of the topic', async () => {
  const frame = vs.webview();
  const nextTitle = await frame.locator('#next').getAttribute('title');
  await frame.locator('#next').click();
  const expected = nextTitle.replace(/^Next: /, '').replace(/ \(n\)$/, '');
  await frame.locator('#question', { hasText: expected }).waitFor();
  log(`next question: ${expected}`);
});

await vs.step('the source link opens the guide at the question\'s line', async () => {
  const frame = vs.webview();
  const source = await frame.locator('#source').innerText();
  const [file, line] = source.split(':');
  await frame.locator('#source').click();
  await vs.activeTab(file).waitFor();
  await vs.cursorAtLine(line).waitFor();
  await vs.screenshot('guide-source');
});

await vs.step('a question asked alike elsewhere lists the others under "Also asked as"', async () => {
  await searchAndOpen(vs, 'select_related vs prefetch_related', 'Explain select_related vs prefetch_related.');
  const links = vs.webview().locator('.variants li a');
  await links.first().waitFor();
  const alike = await links.allInnerTexts();
  const expected = [
    "Explain the time complexity of Django's select_related() vs prefetch_related() and when to use each.",
    'When would you prefer prefetch_related over select_related and why?',
  ];
  if (alike.join('\n') !== expected.join('\n')) throw new Error(`also asked as: ${alike.join(' | ')}`);
  await vs.screenshot('variants');
});

// The same answer in every theme kind: colours come from the theme only, so text and code stay readable.
for (const theme of ['dark', 'light', 'hc-dark', 'hc-light']) {
  await vs.step(`search from the command palette opens the answer (${theme} theme)`, async () => {
    if (theme !== 'dark') await vs.setTheme(theme);
    await searchAndOpen(vs, 'on_commit after rollback', TRANSACTIONS_Q);
    const frame = vs.webview();
    // Code text and every highlighted token must stand out from the background in every theme (WCAG contrast ratio of at least 3).
    const ratios = await frame.locator('#root').evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (c) => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m); return (x + 0.05) / (y + 0.05); };
      const block = document.querySelector('pre.code');
      const plain = [...block.querySelectorAll('code')][0];
      const background = getComputedStyle(block).backgroundColor;
      // Every highlighted token too (keywords, strings, names…), not only the plain code text.
      // Every class the highlighter emits for Python (and Django templates) that code.css colours, measured on a probe inside the block.
      const kinds = ['keyword', 'literal', 'built_in', 'type', 'class', 'title', 'string', 'regexp', 'number', 'comment', 'meta', 'decorator', 'params', 'attr', 'variable', 'name', 'template-tag', 'template-variable'];
      const tokens = kinds.map(kind => {
        const probe = document.createElement('span');
        probe.className = `hljs-${kind}`;
        probe.textContent = 'x';
        plain.appendChild(probe);
        const r = ratio(getComputedStyle(probe).color, background);
        probe.remove();
        return { kind: `hljs-${kind}`, ratio: r };
      });
      if (!block.querySelector('[class^="hljs-"]')) tokens.length = 0; // the answer's own code must be highlighted too
      const worst = tokens.reduce((a, b) => (b.ratio < a.ratio ? b : a), { kind: 'none', ratio: Infinity });
      return { block: ratio(getComputedStyle(plain).color, background), body: ratio(getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor), token: worst.ratio, tokenKind: worst.kind, tokens: tokens.length };
    });
    if (ratios.tokens === 0) throw new Error(`the ${theme} answer's code is not highlighted`);
    if (ratios.block < 3 || ratios.body < 3 || ratios.token < 3) {
      throw new Error(`low contrast in ${theme}: code ${ratios.block.toFixed(2)}, text ${ratios.body.toFixed(2)}, least contrasted token (${ratios.tokenKind}) ${ratios.token.toFixed(2)}`);
    }
    log(`${theme}: contrast code ${ratios.block.toFixed(1)}, text ${ratios.body.toFixed(1)}, least contrasted of ${ratios.tokens} token colours ${ratios.token.toFixed(1)} (${ratios.tokenKind})`);
    await vs.screenshot(`answer-${theme}`);
  });
}

await vs.finish();
