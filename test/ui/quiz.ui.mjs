// Quizzes in a real VS Code, by keyboard: Start Quiz from the palette (Enter, Enter), a multiple-choice
// round (1–4, Enter), a flashcard round (Space, 1–4), a reload in the middle of a quiz that comes back
// where it was, and progress still there after the reload. Dark and light screenshots.
import { log, openWorkbench } from './lib.mjs';

const settings = { 'djangoCoach.quiz.length': 3 };
let passed = 0;
let failed = 0;

async function startQuiz(vs, { flashcards = false } = {}) {
  await vs.runCommand('Django Coach: Start Quiz');
  // Each pick by its title, so that Enter goes to it and not to the palette closing before it.
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'what to practise' }).waitFor();
  await vs.acceptRow(/./, { first: true });              // scope: the first (default) choice
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'mode and length' }).waitFor();
  // Mode and the usual length (3 here); the label starts with an icon.
  await vs.acceptRow(flashcards ? /^\s*Flashcards · 3 questions$/ : /^\s*Multiple choice · 3 questions$/);
  const frame = vs.webview();
  await frame.locator('#question').waitFor({ timeout: 30_000 });
  await frame.locator('#question').click();                    // keyboard focus into the quiz
  return frame;
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

    await vs.step('a quiz in progress survives a window reload', async () => {
      let frame = await startQuiz(vs);
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
