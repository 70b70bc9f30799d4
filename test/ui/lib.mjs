// A small library for UI end-to-end tests: the built extension installed in a real VS Code
// (code-server, offline) driven through its web workbench with playwright-core + Debian's Chromium.
//
//   const vs = await openWorkbench({ name: 'sidebar', theme: 'dark' });
//   await vs.step('opens a model file', async () => { await vs.openFile('models.py'); });
//   await vs.finish();   // prints "N passed, N failed", exits with the number of failures
//
// Each test file starts its own code-server on a free port (fresh user data and extensions dir) and
// stops its process group at the end. Which copy of the extension it gets:
//   COACH_VSIX=FILE.vsix     installed from the package with --install-extension (what `npm test` does);
//   unset                    the repo root symlinked in as <publisher>.<name>-<version> (quick, while developing).
// COACH_EXTENSION_HOST=web runs it in the browser's web-worker extension host (its `browser` bundle), by
// the user setting remote.extensionKind; otherwise code-server's Node extension host runs its `main`.
// Screenshots go to test/output/screenshots/ (git-ignored), prefixed "web-" for the web-worker host.
import fs from 'node:fs';
import path from 'node:path';
import {
  copySampleProject, launchChromium, NOISE, readExtensionManifest, REPO_ROOT, startCodeServer, workbenchUrl,
} from '../host/code-server.mjs';

// The built-in themes tests can ask for: the setting value, the label in the theme picker, the class the
// workbench element carries once the theme is applied, and the theme kind a webview's body then says.
export const THEMES = {
  light: { setting: 'Default Light Modern', label: 'Light Modern', cls: 'vs', kind: 'vscode-light' },
  dark: { setting: 'Default Dark Modern', label: 'Dark Modern', cls: 'vs-dark', kind: 'vscode-dark' },
  'hc-dark': { setting: 'Default High Contrast', label: 'Dark High Contrast', cls: 'hc-black', kind: 'vscode-high-contrast' },
  'hc-light': { setting: 'Default High Contrast Light', label: 'Light High Contrast', cls: 'hc-light', kind: 'vscode-high-contrast-light' },
};

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test', 'output', 'screenshots');
export const manifest = readExtensionManifest();
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const VSIX = process.env.COACH_VSIX ? path.resolve(process.env.COACH_VSIX) : undefined;
/** 'web': the web-worker extension host; 'node': code-server's (remote) Node extension host. */
export const EXTENSION_HOST = process.env.COACH_EXTENSION_HOST === 'web' ? 'web' : 'node';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (...args) => console.log(`[${elapsed()}]`, ...args);

/**
 * Start code-server with the built extension, open `folder` in Chromium and wait for the workbench.
 * options: name (prefix of screenshot files), theme ('light' | 'dark' | 'hc-dark' | 'hc-light'),
 *          folder (default: a fresh copy of sample-project/), settings (extra user settings), viewport.
 */
export async function openWorkbench(options = {}) {
  const { theme = 'dark', settings = {}, viewport = { width: 1400, height: 900 } } = options;
  const name = `${EXTENSION_HOST === 'web' ? 'web-' : ''}${options.name ?? 'ui'}`;
  if (!THEMES[theme]) throw new Error(`unknown theme ${theme}; one of ${Object.keys(THEMES).join(', ')}`);
  if (VSIX && !fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
  if (!VSIX && !fs.existsSync(path.join(REPO_ROOT, manifest.main))) throw new Error(`${manifest.main} is missing: run npm run build`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  // A web extension installed on the server runs in the browser's web-worker host when its kind says web.
  const host = EXTENSION_HOST === 'web' ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {};
  const server = await startCodeServer({
    ...(VSIX ? { vsix: [VSIX] } : { extensions: [REPO_ROOT] }),
    settings: { 'workbench.colorTheme': THEMES[theme].setting, ...host, ...settings },
  });
  const wb = new Workbench(name, server);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => wb.close().then(() => process.exit(130)));
  try {
    wb.browser = await launchChromium();
    wb.page = await wb.browser.newPage({ viewport });
    wb.page.setDefaultTimeout(20_000);
    wb.page.on('pageerror', e => { if (!NOISE.test(e.message)) wb.pageErrors.push(e.message); });
    await wb.page.goto(workbenchUrl(server.base, options.folder || copySampleProject(server.tmp)));
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // Extensions are scanned after the workbench shows: our activity-bar entry says they are loaded.
    const container = manifest.contributes?.viewsContainers?.activitybar?.[0];
    if (container) await wb.activityItem(container.title).waitFor({ timeout: 90_000 });
    await wb.waitForThemeClass(THEMES[theme].cls);
    log(`workbench up on ${server.base} (${theme} theme; ${VSIX ? `installed from ${path.basename(VSIX)}` : 'linked from the repository'}, ${EXTENSION_HOST === 'web' ? 'web-worker' : 'Node'} extension host)`);
  } catch (err) {
    console.error(`could not open the workbench: ${err.message}\n--- code-server output (tail):\n${server.log().slice(-3000)}`);
    await wb.close();
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return wb;
}

class Workbench {
  constructor(name, server) {
    this.name = name;
    this.server = server;
    this.browser = null;
    this.page = null;
    this.passed = 0;
    this.failed = 0;
    this.pageErrors = [];
  }

  /** Run one named check; on failure log it, screenshot the page, and go on with the next step. Returns success. */
  async step(title, fn) {
    const started = Date.now();
    try {
      await fn();
      this.passed++;
      log(`PASS ${title} (${Date.now() - started} ms)`);
      return true;
    } catch (err) {
      this.failed++;
      log(`FAIL ${title}: ${err.stack || err.message}`);
      await this.screenshot(`FAIL-${title}`).catch(() => {});
      return false;
    }
  }

  async screenshot(label) {
    const file = path.join(SCREENSHOT_DIR, `${this.name}-${label.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')}.png`);
    await this.page.screenshot({ path: file });
    log(`screenshot ${path.relative(REPO_ROOT, file)}`);
    return file;
  }

  /** Switch the running workbench's colour theme ('light' | 'dark' | 'hc-dark' | 'hc-light') through the theme picker. */
  async setTheme(theme) {
    if (!THEMES[theme]) throw new Error(`unknown theme ${theme}; one of ${Object.keys(THEMES).join(', ')}`);
    const { label, cls, kind } = THEMES[theme];
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget .quick-input-box input[placeholder^="Select Color Theme"]');
    await input.fill(label);
    await this.acceptRow(label);
    await this.waitForThemeClass(cls);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Webviews get the new colours by message: wait until the visible ones have them.
    for (const frame of await this.page.locator('iframe.webview.ready:visible').all()) {
      await frame.contentFrame().locator('#active-frame').contentFrame().locator(`body[data-vscode-theme-kind="${kind}"]`).waitFor({ state: 'attached' });
    }
  }

  waitForThemeClass(cls) {
    return this.page.waitForFunction(c => document.querySelector('.monaco-workbench')?.classList.contains(c), cls);
  }

  /**
   * Wait until no webview is still taking the keyboard. VS Code gives a webview the focus in two steps: the
   * outer iframe at once, then (after a 50 ms throttle, by message) the page inside it. A test that moves the
   * focus in between gets it taken back when the message lands, and a quick input opened meanwhile closes.
   */
  async settleWebviewFocus() {
    // The webview's page can be swapped while we wait (VS Code re-creates #active-frame when the panel's
    // content is set again), so the frame is looked up afresh each round until its page has the focus.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const active = (await this.page.evaluateHandle(() => document.activeElement)).asElement();
      if (!active || !(await active.evaluate(el => el.matches('iframe.webview')))) return;
      try {
        const outer = await active.contentFrame();
        const host = outer && await outer.waitForSelector('#active-frame', { state: 'attached', timeout: 1000 });
        const inner = host && await host.contentFrame();
        if (inner) {
          await inner.waitForFunction(() => document.hasFocus(), undefined, { timeout: 1000 });
          return;
        }
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`a webview frame kept the focus for 20 s without its page taking it: ${error.message}`);
      }
      if (Date.now() > deadline) throw new Error('a webview frame kept the focus for 20 s without a page to take it');
    }
  }

  /**
   * Give the keyboard to the workbench itself (F1 does not reach it from inside a webview): close an open
   * quick input, let a webview finish taking the focus, then focus a list of the side bar. Quick inputs
   * hand the focus back to that list when they close; with nothing focusable to go back to they hand it to
   * the active editor, and a webview editor takes it late (see settleWebviewFocus).
   */
  async focusWorkbench() {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
    await this.settleWebviewFocus();
    // Focus a visible side-bar list (or the activity bar) and keep asking until the focus stays there: a
    // webview or a closing quick input can still take it back once after our first focus() call.
    await this.page.waitForFunction(() => {
      const el = document.activeElement;
      if (el && el !== document.body && !el.matches('iframe') && el.closest('.part.sidebar, .part.activitybar')) return true;
      const list = [...document.querySelectorAll('.part.sidebar .monaco-list')].find(l => l.getClientRects().length > 0);
      const target = list ?? document.querySelector('.part.activitybar .action-item.checked .action-label, .part.activitybar .action-label');
      target?.focus();
      return false;
    }, undefined, { polling: 100 }).catch(async error => {
      const focused = await this.page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}`).catch(() => '?');
      throw new Error(`the workbench did not keep the keyboard (focus on ${focused}): ${error.message}`);
    });
  }

  /** Open F1's quick input and type `text` into it ('>' prefix = commands, none = files, ':' = line). */
  async quickInput(text) {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await this.page.waitForFunction(() => document.activeElement?.matches('.quick-input-widget .quick-input-box input'));
    await input.fill(text);
    return input;
  }

  /** Rows of the open quick input labelled `label` (a string for the exact label, or a RegExp), optionally described by `description`. */
  quickInputRows(label, { description } = {}) {
    const exact = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    let rows = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exact }) });
    if (description) rows = rows.filter({ has: this.page.locator('.label-description', { hasText: description }) });
    return rows;
  }

  /** The open quick input's focused (highlighted) row, if it is the one quickInputRows describes (and the first row, with `first`). */
  focusedRow(label, { description, first = false } = {}) {
    return this.quickInputRows(label, { description }).and(this.page.locator(`.monaco-list-row.focused${first ? '[data-index="0"]' : ''}`));
  }

  /**
   * Press Enter on the open quick input's row `label` (see quickInputRows; options also: first = it must be
   * the first row, timeout, beforeEnter, e.g. a screenshot of the list). Lists fill in and re-sort as
   * results arrive: a click aims at a row that may move, Enter takes the row the list has focused. So:
   * wait until the row is listed, move the focus to it with the arrow keys (each key waits for the focus
   * to move), and press Enter while the focused row is the one wanted.
   */
  async acceptRow(label, options = {}) {
    const { first = false, timeout = 60_000 } = options;
    const deadline = Date.now() + timeout;
    const left = () => Math.max(1, deadline - Date.now());
    const wanted = this.focusedRow(label, options);
    const row = this.quickInputRows(label, options).first();
    const focusedIndex = () => this.page.evaluate(() => Number(document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('data-index') ?? -1));
    try {
      if (first) await wanted.waitFor({ state: 'visible', timeout: left() });
      else {
        await row.waitFor({ state: 'visible', timeout: left() });
        // Both positions are read afresh for every key: rows move while results arrive.
        while (!(await wanted.isVisible())) {
          if (Date.now() > deadline) throw new Error(`not focused within ${timeout / 1000} s`);
          const from = await focusedIndex();
          const to = Number(await row.getAttribute('data-index', { timeout: left() }));
          if (from < 0) {
            await this.page.waitForFunction(() => document.querySelector('.quick-input-list .monaco-list-row.focused'), null, { timeout: left() });
            continue;
          }
          if (from === to) continue;
          await this.page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
          await this.page.waitForFunction(i => document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('data-index') !== String(i), from, { timeout: left() });
        }
      }
    } catch (err) {
      const focused = await this.page.locator('.quick-input-list .monaco-list-row.focused').first().innerText({ timeout: 1000 }).catch(() => '(none)');
      throw new Error(`the quick input has no${first ? ' first' : ''} row ${label} to take (its focused row says "${focused.replace(/\s+/g, ' ')}")\n${err.message}`);
    }
    await options.beforeEnter?.();
    await this.page.keyboard.press('Enter');
  }

  /** Run a command by its palette title, e.g. 'Django Coach: Search Questions'. */
  async runCommand(title) {
    await this.quickInput(`>${title}`);
    await this.acceptRow(title);
    // Done when the palette has closed or given way to a quick input of the command's own, so that keys
    // typed next go to the command, not to the palette or the editor.
    await this.page.waitForFunction(text => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      return !input || !input.checkVisibility() || input.value !== text;
    }, `>${title}`);
  }

  /** Open a file of the workspace through quick open, by its path from the workspace root (e.g. 'orders/models.py'). */
  async openFile(name) {
    await this.quickInput(name);
    const base = path.basename(name);
    const dir = path.dirname(name);
    // Rows are labelled "<file> <folder>"; the file search may take a moment on a cold server.
    await this.acceptRow(base, dir === '.' ? {} : { description: new RegExp(`(^|/)${escapeRegExp(dir)}$`) });
    await this.activeTab(base).waitFor({ state: 'visible' });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** The active editor tab, if it shows the file `fileName`. */
  activeTab(fileName) {
    return this.page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`);
  }

  /** The status-bar entry of the cursor position once it says line `line` (1-based). */
  cursorAtLine(line) {
    return this.page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line},`) });
  }

  /** Move the cursor to a 1-based line of the active editor (and scroll it into view). */
  async gotoLine(line) {
    await this.quickInput(`:${line}`);
    // The row says "... go to line N ..." once the go-to-line provider has read the value.
    await this.acceptRow(new RegExp(`\\bline ${line}\\b`));
    await this.cursorAtLine(line).waitFor();
  }

  /**
   * Wait until the extension has activated and loaded its features: its status-bar entry (today's due
   * count) appears only then. Hovers asked for before activation get nothing from it.
   */
  async extensionReady() {
    await this.page.locator('.statusbar-item[id$="djangoCoach.due"]').waitFor({ timeout: 60_000 });
  }

  activityItem(title) {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  }

  /** Click an activity-bar entry by the start of its aria-label (its title), e.g. 'Django Interview Coach'. */
  async openActivity(title) {
    const item = this.activityItem(title);
    await item.waitFor({ state: 'visible' });
    const checked = await item.evaluate(el => (el.closest('.action-item') || el).classList.contains('checked'));
    if (!checked) await item.click();
    return item;
  }

  /** The pane (view) of the side bar whose header says `viewName`, e.g. 'Topics'. */
  view(viewName) {
    return this.page.locator('.part.sidebar .pane', {
      has: this.page.locator('.pane-header', { has: this.page.locator('h3.title', { hasText: new RegExp(`^${escapeRegExp(viewName)}$`, 'i') }) }),
    });
  }

  /** Collapse every other expanded view of the side bar, so `viewName` gets the room (tree rows are virtualised). */
  async expandOnly(viewName) {
    const headers = this.page.locator('.part.sidebar .pane-header');
    for (const header of await headers.all()) {
      if (!(await header.isVisible())) continue;
      const title = (await header.locator('h3.title').innerText()).trim();
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      if (expanded !== (title.toLowerCase() === viewName.toLowerCase())) await header.click();
    }
  }

  /** Tree rows of a side-bar view (all of them if no view name is given). */
  treeRows(viewName) {
    const scope = viewName ? this.view(viewName) : this.page.locator('.part.sidebar');
    return scope.locator('.pane-body .monaco-list-row');
  }

  /**
   * The first row of a side-bar view whose text matches `text`, brought into view first: trees render only
   * the rows on screen. With the keyboard, as a user would: Home, then PageDown until the row is rendered
   * (each key waits for the tree's focus to move; the last page is where it stops moving).
   */
  async revealRow(viewName, text) {
    const rows = this.treeRows(viewName).filter({ hasText: text });
    if (await rows.count()) return rows.first();
    const list = this.view(viewName).locator('.monaco-list').first();
    const focusedIndex = () => list.evaluate(el => Number(el.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? -1));
    await list.focus();
    await this.page.keyboard.press('Home');
    await list.locator('.monaco-list-row.focused[data-index="0"]').waitFor();
    while (!(await rows.count())) {
      const before = await focusedIndex();
      await this.page.keyboard.press('PageDown');
      const moved = await list.evaluate((el, i) => new Promise(resolve => {
        const done = () => el.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') !== String(i);
        if (done()) return resolve(true);
        const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(true); } });
        observer.observe(el, { subtree: true, attributes: true, childList: true });
        // The last page: PageDown changes nothing, so no mutation comes; give up after a while.
        setTimeout(() => { observer.disconnect(); resolve(done()); }, 3000);
      }), before);
      if (!moved) throw new Error(`no row "${text}" in the ${viewName} view`);
    }
    return rows.first();
  }

  /** The page inside the active webview (panel or view): iframe.webview > iframe#active-frame. */
  webview() {
    return this.page.locator('iframe.webview.ready:visible').last().contentFrame().locator('#active-frame').contentFrame();
  }

  /** Where `word` is on screen: its middle character on the first visible editor line containing `lineText`. */
  async wordPoint(word, lineText = word) {
    await this.page.locator('.editor-instance .monaco-editor .view-line', { hasText: lineText }).first().waitFor();
    const point = await this.page.evaluate(({ word, lineText }) => {
      for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const offset = text.indexOf(word, at);
        if (offset < 0) continue;
        // Find the text node holding the word's middle character and measure it.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let seen = 0;
        const mid = offset + Math.floor(word.length / 2);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (mid < seen + node.length) {
            const range = document.createRange();
            range.setStart(node, mid - seen);
            range.setEnd(node, mid - seen + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          seen += node.length;
        }
      }
      return null;
    }, { word, lineText });
    if (!point) throw new Error(`no visible editor line contains "${lineText}" followed by "${word}"`);
    return point;
  }

  /** Rest the mouse on `word` (coming from above, so the editor sees it arrive) once the extension is ready. */
  async pointAt(word, lineText) {
    await this.extensionReady();
    const point = await this.wordPoint(word, lineText);
    await this.page.mouse.move(point.x, point.y - 40);
    await this.page.mouse.move(point.x, point.y, { steps: 3 });
  }

  /**
   * Hover `word` (on the first visible editor line containing `lineText`, default: the word itself) and
   * wait for a hover whose text matches `expected`.
   */
  async hoverWord(word, { lineText = word, expected = /\S/ } = {}) {
    await this.pointAt(word, lineText);
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    await hover.waitFor({ state: 'visible' });
    return hover;
  }

  /** Close the browser and stop code-server's process group. */
  async close() {
    await this.browser?.close().catch(() => {});
    await this.server.stop();
  }

  /** Print the summary line, clean up, and exit with the number of failures. */
  async finish({ exit = true } = {}) {
    if (this.pageErrors.length) log(`page errors:\n  ${this.pageErrors.join('\n  ')}`);
    await this.close();
    if (!exit) return { passed: this.passed, failed: this.failed };
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exit(Math.min(this.failed, 100));
  }
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
