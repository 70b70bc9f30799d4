// Quizzes in a real VS Code, by keyboard: Start Quiz from the palette (Enter, Enter), a multiple-choice
// round (1–4, Enter), a flashcard round (Space, 1–4), bank and cloze items answered right and wrong with
// their explanations, a flashcard's key points ticked (A–F, Space) and its proposed grade confirmed
// (Enter), the answer view with a review note and a repaired rendering, a reload in the middle of a quiz
// that comes back where it was, and progress still there after the reload. Dark and light screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../host/code-server.mjs';
import { createRequire } from 'node:module';
import { escapeRegExp, log, openWorkbench } from './lib.mjs';

const settings = { 'djangoCoach.quiz.length': 3 };
// The shipped curated content: the test finds each item's right option from the data, as the key.
const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'content.json'), 'utf8'));
const index = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'index.json'), 'utf8'));
const TOPIC_LABELS = Object.fromEntries(createRequire(import.meta.url)(path.join(REPO_ROOT, 'out', 'src', 'core', 'taxonomy.js')).TOPICS.map(t => [t.id, t.label]));
let passed = 0;
let failed = 0;

/** In the open quick pick, type `filter` and press Enter on the row it leaves whose label contains it. */
async function pick(vs, filter) {
  await vs.page.locator('.quick-input-widget .quick-input-box input').fill(filter);
  await vs.acceptRow(new RegExp(escapeRegExp(filter)));
}

/**
 * Start Quiz from the palette. Default: Enter, Enter (the first scope, the preferred mode at the usual
 * length). `topic` picks "A topic…" and that topic; `mode` ('Multiple choice' | 'Flashcards') and
 * `length` pick the mode row.
 */
async function startQuiz(vs, { flashcards = false, topic, mode, length } = {}) {
  await vs.runCommand('Django Coach: Start Quiz');
  // Each pick by its title, so that keys go to it and not to the palette closing before it.
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'what to practise' }).waitFor();
  if (topic) {
    await pick(vs, 'A topic');
    await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Start Quiz: topic' }).waitFor();
    await pick(vs, topic);
  } else {
    await vs.acceptRow(/./, { first: true });                  // scope: the first (default) choice
  }
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'mode and length' }).waitFor();
  if (mode) await pick(vs, `${mode} · ${length}`);
  // The preferred mode at the usual length (3 here); the label starts with an icon.
  else await vs.acceptRow(flashcards ? /^\s*Flashcards · 3 questions$/ : /^\s*Multiple choice · 3 questions$/);
  const frame = vs.webview();
  await frame.locator('#question').waitFor({ timeout: 30_000 });
  await frame.locator('#progress').click();                    // keyboard focus into the quiz
  return frame;
}

/** Letters and digits only: rendered text and its Markdown compare equal whatever the markup. */
const norm = text => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The shown item's content entry and the 1-based key of its right option, found from the option texts. */
async function itemOnScreen(frame) {
  const shown = (await frame.locator('.option .text').allInnerTexts()).map(norm);
  const cloze = (await frame.locator('#question.cloze').count()) > 0;
  // Cloze items of one API family often share their four options, so the sentence tells them apart.
  const sentence = cloze ? norm(await frame.locator('#question.cloze').innerText()) : '';
  const candidates = cloze ? shipped.cloze.filter(c => norm(c.sentence) === sentence).map(c => ({ item: c, texts: c.options.map(norm), right: norm(c.answer) }))
    : shipped.bank.map(b => ({ item: b, texts: b.options.map(o => norm(o.text)), right: norm(b.options.find(o => o.correct).text) }));
  const match = candidates.find(c => c.texts.length === shown.length && c.texts.every(t => shown.includes(t)));
  if (!match) throw new Error(`no shipped item has the options ${shown.join(' | ')}`);
  return { kind: cloze ? 'cloze' : 'bank', item: match.item, right: shown.indexOf(match.right) + 1, shown };
}

async function progressText(frame) {
  return (await frame.locator('#progress').innerText()).trim();
}

async function answerMultipleChoice(vs, frame, key) {
  const before = await progressText(frame);
  await vs.page.keyboard.press(key);
  await frame.locator('#verdict').waitFor();
  return before;
}

for (const theme of ['dark', 'light']) {
  const vs = await openWorkbench({ name: `quiz-${theme}`, theme, settings });
  const { page } = vs;

  await vs.step(`multiple choice by keyboard to the score (${theme})`, async () => {
    const frame = await startQuiz(vs);
    for (let i = 1; i <= 3; i++) {
      const at = await answerMultipleChoice(vs, frame, String(((i - 1) % 4) + 1));
      if (!at.startsWith(`Question ${i} of 3`)) throw new Error(`expected question ${i}, the view says "${at}"`);
      const options = await frame.locator('.option').count();
      if (options !== 4) throw new Error(`${options} options`);
      if (i === 1) await vs.screenshot('mc-feedback');
      await page.keyboard.press('Enter');
      if (i < 3) await frame.locator('#progress', { hasText: `Question ${i + 1} of 3` }).waitFor();
    }
    const score = await frame.locator('#score').innerText();
    if (!/^Score: \d of 3 \(\d+%\)$/.test(score)) throw new Error(`score says "${score}"`);
    const schedule = await frame.locator('#schedule').innerText();
    if (!/due tomorrow: \d+/.test(schedule)) throw new Error(`no due-tomorrow line: ${schedule}`);
    log(score, '|', schedule);
    await vs.screenshot('mc-score');
  });

  if (theme === 'dark') {
    await vs.step('flashcards: Space reveals, 1–4 grades', async () => {
      const frame = await startQuiz(vs, { flashcards: true });
      for (let i = 1; i <= 3; i++) {
        await page.keyboard.press(' ');
        await frame.locator('#grade-good').waitFor();
        if (i === 1) await vs.screenshot('flashcard-revealed');
        await page.keyboard.press(i === 1 ? '1' : '3');
        if (i < 3) await frame.locator('#progress', { hasText: `Question ${i + 1} of 3` }).waitFor();
      }
      const score = await frame.locator('#score').innerText();
      if (score !== 'Score: 2 of 3 (67%)') throw new Error(`flashcard score says "${score}" (graded Again, Good, Good)`);
      const missed = await frame.locator('#missed li').count();
      if (missed !== 1) throw new Error(`${missed} missed listed`);
      await vs.screenshot('flashcard-score');
    });

    await vs.step('bank and cloze items by keyboard: right, wrong, explanation and why the wrong option is wrong', async () => {
      const frame = await startQuiz(vs, { topic: 'Transactions & concurrency', mode: 'Multiple choice', length: 20 });
      const total = Number((await progressText(frame)).match(/of (\d+)/)[1]);
      const seen = { bankRight: false, bankWrong: false, cloze: false };
      for (let i = 1; i <= total; i++) {
        await frame.locator('#progress', { hasText: `Question ${i} of ${total}` }).waitFor();
        const { kind, item, right, shown } = await itemOnScreen(frame);
        // The first bank item answered right, the next one wrong; cloze items right.
        const wrong = kind === 'bank' && seen.bankRight && !seen.bankWrong;
        const key = wrong ? (right % 4) + 1 : right;
        if (kind === 'cloze' && !seen.cloze) await vs.screenshot('cloze-question');
        await page.keyboard.press(String(key));
        const verdict = (await frame.locator('#verdict').innerText()).trim();
        if (wrong) {
          if (verdict !== `✗ Not quite: the answer is option ${right}.`) throw new Error(`verdict after a wrong answer: "${verdict}"`);
          const why = (await frame.locator('#why').innerText()).replace(/\s+/g, ' ');
          const expected = item.options.find(o => norm(o.text) === shown[key - 1]).why;
          if (!why.includes(`Why option ${key} is wrong`) || !norm(why).includes(norm(expected))) throw new Error(`#why says "${why}", expected "${expected}"`);
          if (!(await frame.locator('#option-' + key + '.wrong').count()) || !(await frame.locator('#option-' + right + '.correct').count())) throw new Error('the chosen and the right option are not marked');
          await vs.screenshot('bank-wrong');
          seen.bankWrong = true;
        } else if (verdict !== '✓ Right.') throw new Error(`verdict after the right answer: "${verdict}"`);
        if (kind === 'bank') {
          const explanation = (await frame.locator('#explanation').innerText()).replace(/\s+/g, ' ');
          if (!explanation.includes(`Why option ${right} is right`) || !norm(explanation).includes(norm(item.explanation))) throw new Error(`#explanation says "${explanation}"`);
          if (!wrong && !seen.bankRight) { await vs.screenshot('bank-right'); seen.bankRight = true; }
        } else {
          const filled = (await frame.locator('#filled').innerText()).trim();
          if (norm(filled) !== norm(item.sentence.replace('____', item.answer))) throw new Error(`the filled sentence says "${filled}"`);
          if (!seen.cloze) await vs.screenshot('cloze-answered');
          seen.cloze = true;
        }
        const question = index.entries.find(e => e.id === (kind === 'bank' ? item.questions[0] : item.question)).question;
        const linked = (await frame.locator('#open-answer').innerText()).trim();
        if (linked !== question) throw new Error(`the link to the guide question says "${linked}", expected "${question}"`);
        await page.keyboard.press('Enter');
      }
      if (!seen.bankRight || !seen.bankWrong || !seen.cloze) throw new Error(`not every kind was met: ${JSON.stringify(seen)}`);
      await frame.locator('#score').waitFor();
      log(`transactions quiz: ${await frame.locator('#score').innerText()}`);
    });

    await vs.step('flashcards with key points: ticked by keyboard, the proposed grade confirmed with Enter', async () => {
      const frame = await startQuiz(vs, { topic: 'Transactions & concurrency', mode: 'Flashcards', length: 20 });
      const total = Number((await progressText(frame)).match(/of (\d+)/)[1]);
      let checked = false;
      for (let i = 1; i <= total; i++) {
        await frame.locator('#progress', { hasText: `Question ${i} of ${total}` }).waitFor();
        await page.keyboard.press(' ');
        await frame.locator('#grade-good').waitFor();
        const points = await frame.locator('#key-points input[type="checkbox"]').count();
        if (!points || checked) {
          await page.keyboard.press('3');
          continue;
        }
        // Every point by its letter: all covered proposes Good.
        for (let p = 0; p < points; p++) {
          await page.keyboard.press('abcdef'[p]);
          await frame.locator(`#point-${p + 1}:checked`).waitFor();
        }
        await frame.locator('#proposal', { hasText: `Proposed: Good (${points} of ${points} points ticked)` }).waitFor();
        if ((await frame.locator('.grades button.proposed').getAttribute('id')) !== 'grade-good') throw new Error('Good is not marked as proposed');
        // The first point unticked with Space on its checkbox (keyboard focus is on it).
        await frame.locator('#point-1').focus();
        await page.keyboard.press(' ');
        await frame.locator('#point-1:not(:checked)').waitFor();
        // The view is redrawn from the session once the extension has the tick.
        await frame.locator('#proposal', { hasText: `(${points - 1} of ${points} points ticked)` }).waitFor();
        const proposal = (await frame.locator('#proposal').innerText()).trim();
        const label = await frame.locator('#point-2').evaluate(box => box.labels[0].innerText.trim());
        log(`key point 2 reads "${label}"; ${proposal}`);
        await vs.screenshot('flashcard-key-points');
        await page.keyboard.press('Enter');                    // confirms the proposal
        checked = true;
      }
      if (!checked) throw new Error('no card of the topic had key points');
      const score = await frame.locator('#score').innerText();
      log(`flashcards with key points: ${score}`);
    });

    await vs.step('the answer view shows review notes, a repaired rendering with the guide\'s original a key away, and the key points', async () => {
      const reviews = Object.entries(shipped.reviews);
      const withPoints = ([id]) => (shipped.keyPoints[id] ? 0 : 1);
      const corrected = reviews.filter(([, r]) => (r.verdict === 'outdated' || r.verdict === 'wrong') && r.note).sort((a, b) => withPoints(a) - withPoints(b))[0];
      const repaired = reviews.filter(([id, r]) => r.repaired && id !== corrected?.[0]).sort((a, b) => withPoints(a) - withPoints(b))[0];
      if (!corrected || !repaired) throw new Error('the shipped content has no corrected or no repaired answer');
      const LABELS = { outdated: 'Outdated in the guide', wrong: 'Wrong in the guide', damaged: 'Damaged in the guide', incomplete: 'Incomplete in the guide' };
      // The answer view alone on screen, so that the webview found is its own.
      await vs.runCommand('View: Close All Editors');
      for (const [id, review] of [corrected, repaired]) {
        // Opened from the Topics view, as a learner browsing the topic would.
        const entry = index.entries.find(e => e.id === id);
        const topic = TOPIC_LABELS[entry.topics[0]];
        await vs.openActivity('Django Interview Coach');
        await vs.expandOnly('Topics');
        const topicRow = await vs.revealRow('Topics', topic);
        if ((await topicRow.getAttribute('aria-expanded')) !== 'true') await topicRow.click();
        await (await vs.revealRow('Topics', entry.question)).click();
        const frame = vs.webview();
        await frame.locator('#question', { hasText: entry.question }).waitFor({ timeout: 30_000 });
        const note = (await frame.locator('#review-note').innerText()).replace(/\s+/g, ' ');
        if (!note.includes(LABELS[review.verdict]) || !norm(note).includes(norm(review.note))) throw new Error(`the review note says "${note}"`);
        if (await frame.locator('#review-note').getAttribute('role') !== 'note') throw new Error('the note has no role');
        const points = await frame.locator('#key-points li').count();
        if (points !== (shipped.keyPoints[id]?.length ?? 0)) throw new Error(`${points} key points shown for ${id}`);
        await vs.screenshot(`answer-${review.verdict}-note`);
        if (!review.repaired) continue;
        await frame.locator('.repaired-label', { hasText: 'Re-rendered' }).waitFor();
        await frame.locator('#question').click();
        await page.keyboard.press('o');
        await frame.locator('.repaired-label', { hasText: "The guide's original text" }).waitFor();
        await vs.screenshot(`answer-${review.verdict}-original-text`);
        await page.keyboard.press('o');
        await frame.locator('.repaired-label', { hasText: 'Re-rendered' }).waitFor();
      }
      await vs.runCommand('View: Close All Editors');
    });

    await vs.step('a quiz in progress survives a window reload', async () => {
      let frame = await startQuiz(vs, { topic: 'Transactions & concurrency', mode: 'Multiple choice', length: 3 });
      await answerMultipleChoice(vs, frame, '2');
      await page.keyboard.press('Enter');
      await frame.locator('#progress', { hasText: 'Question 2 of 3' }).waitFor();
      const question = (await frame.locator('#question').innerText()).trim();
      // The old page's quiz must not be read as the new one's: wait for the reload itself.
      const reloaded = page.waitForEvent('framenavigated', { predicate: f => f === page.mainFrame(), timeout: 60_000 });
      await vs.runCommand('Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      frame = vs.webview();
      await frame.locator('#question').waitFor({ timeout: 60_000 });
      const after = (await frame.locator('#question').innerText()).trim();
      const at = await progressText(frame);
      if (after !== question || !at.startsWith('Question 2 of 3')) throw new Error(`after the reload: "${at}" "${after}", before: "${question}"`);
      await vs.screenshot('after-reload');
      await frame.locator('#question').click();
      await answerMultipleChoice(vs, frame, '1');
      await page.keyboard.press('Enter');
      await frame.locator('#progress', { hasText: 'Question 3 of 3' }).waitFor();
      await answerMultipleChoice(vs, frame, '1');
      await page.keyboard.press('Enter');
      await frame.locator('#score').waitFor();
    });

    await vs.step('progress is kept after the reload: the Review view counts today\'s reviews', async () => {
      await vs.focusWorkbench();
      await vs.openActivity('Django Interview Coach');
      await vs.expandOnly('Review');
      const streak = vs.treeRows('Review').filter({ hasText: 'Streak' });
      await streak.waitFor();
      const text = (await streak.innerText()).replace(/\s+/g, ' ');
      if (!/1 day/.test(text)) throw new Error(`streak row says "${text}"`);
      const status = await page.locator('.statusbar-item', { hasText: /due|\u2713/ }).first().innerText().catch(() => '');
      log(`Review: ${text}; status bar: ${status}`);
      await vs.screenshot('review-view');
    });
  }

  const result = await vs.finish({ exit: false });
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(Math.min(failed, 100));
