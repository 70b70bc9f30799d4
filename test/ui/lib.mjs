// A small library for UI end-to-end tests: the built extension installed in a real VS Code
// (code-server, offline) driven through its web workbench with playwright-core + Debian's Chromium.
//
//   const vs = await openWorkbench({ name: 'sidebar', theme: 'dark' });
//   await vs.step('opens a model file', async () => { await vs.openFile('models.py'); });
//   await vs.finish();   // prints "N passed, N failed", exits with the number of failures
//
// Each test file starts its own code-server on a free port (fresh user data and extensions dir,
// the repo root symlinked in as <publisher>.<name>-<version>) and stops its process group at the end.
// Screenshots go to test/output/screenshots/ (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import {
  copySampleProject, launchChromium, NOISE, readExtensionManifest, REPO_ROOT, startCodeServer, workbenchUrl,
} from '../host/code-server.mjs';

// The built-in themes tests can ask for: the setting value, the label in the theme picker, and the
// class the workbench element carries once the theme is applied.
export const THEMES = {
  light: { setting: 'Default Light Modern', label: 'Light Modern', cls: 'vs' },
  dark: { setting: 'Default Dark Modern', label: 'Dark Modern', cls: 'vs-dark' },
  'hc-dark': { setting: 'Default High Contrast', label: 'Dark High Contrast', cls: 'hc-black' },
  'hc-light': { setting: 'Default High Contrast Light', label: 'Light High Contrast', cls: 'hc-light' },
};

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test', 'output', 'screenshots');
export const manifest = readExtensionManifest();

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (...args) => console.log(`[${elapsed()}]`, ...args);

/**
 * Start code-server with the built extension, open `folder` in Chromium and wait for the workbench.
 * options: name (prefix of screenshot files), theme ('light' | 'dark' | 'hc-dark' | 'hc-light'),
 *          folder (default: a fresh copy of sample-project/), settings (extra user settings), viewport.
 */
export async function openWorkbench(options = {}) {
  const { name = 'ui', theme = 'dark', settings = {}, viewport = { width: 1400, height: 900 } } = options;
  if (!THEMES[theme]) throw new Error(`unknown theme ${theme}; one of ${Object.keys(THEMES).join(', ')}`);
  if (!fs.existsSync(path.join(REPO_ROOT, manifest.main))) throw new Error(`${manifest.main} is missing: run npm run build`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const server = await startCodeServer({ extensions: [REPO_ROOT], settings: { 'workbench.colorTheme': THEMES[theme].setting, ...settings } });
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
    log(`workbench up on ${server.base} (${theme} theme)`);
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
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const { label, cls } = THEMES[theme];
    await input.fill(label);
    await this.page.locator('.quick-input-list .monaco-list-row.focused .label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.waitForThemeClass(cls);
    await this.page.waitForTimeout(300); // webviews get the new colours by message
  }

  waitForThemeClass(cls) {
    return this.page.waitForFunction(c => document.querySelector('.monaco-workbench')?.classList.contains(c), cls);
  }

  /** Give the editor area focus without clicking into a possibly open webview or quick input. */
  async focusWorkbench() {
    await this.page.keyboard.press('Escape');
  }

  /** Open F1's quick input and type `text` into it ('>' prefix = commands, none = files, ':' = line). */
  async quickInput(text) {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    return input;
  }

  /** Run a command by its palette title, e.g. 'Django Coach: Search Questions'. */
  async runCommand(title) {
    await this.quickInput(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    // Done when the palette has closed or given way to a quick input of the command's own, so that keys
    // typed next go to the command, not to the palette or the editor.
    await this.page.waitForFunction(text => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      return !input || !input.checkVisibility() || input.value !== text;
    }, `>${title}`);
  }

  /** Open a file of the workspace through quick open (a name like 'models.py' or a path like 'orders/models.py'). */
  async openFile(name) {
    await this.quickInput(name);
    const base = path.basename(name);
    const dir = path.dirname(name);
    // Rows are labelled "<file> <folder>, file results"; the file search may take a moment on a cold server.
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(base)}$`) }),
    }).filter(dir === '.' ? {} : { has: this.page.locator('.label-description', { hasText: new RegExp(`(^|/)${escapeRegExp(dir)}$`) }) });
    await row.first().waitFor({ state: 'visible', timeout: 60_000 });
    await row.first().click();
    await this.activeTab(base).waitFor({ state: 'visible' });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** The active editor tab, if it shows the file `fileName`. */
  activeTab(fileName) {
    return this.page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`);
  }

  /** Move the cursor to a 1-based line of the active editor (and scroll it into view). */
  async gotoLine(line) {
    await this.quickInput(`:${line}`);
    await this.page.keyboard.press('Enter');
    // The editor moves once the quick input has handled Enter: wait for the cursor to be on the line,
    // or a search of the visible lines right after this may still see the old viewport.
    await this.page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line},`) }).waitFor();
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

  /** The page inside the active webview (panel or view): iframe.webview > iframe#active-frame. */
  webview() {
    return this.page.locator('iframe.webview.ready:visible').last().contentFrame().locator('#active-frame').contentFrame();
  }

  /**
   * Hover `word` (on the first visible editor line containing `lineText`, default: the word itself) and
   * wait for a hover whose text matches `expected`. Retries: the first hover may come before activation.
   */
  async hoverWord(word, { lineText = word, expected = /\S/, tries = 8 } = {}) {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    for (let i = 1; ; i++) {
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
      await this.page.mouse.move(point.x, point.y - 40);
      await this.page.mouse.move(point.x, point.y, { steps: 3 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 3000 });
        return hover;
      } catch (err) {
        if (i >= tries) throw new Error(`no hover matching ${expected} over "${word}" after ${tries} tries`);
        log(`hover retry ${i}`);
      }
    }
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

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
