// Run by firstHover.test.ts in a fresh Node process: wires the features (src/features.ts, as the first
// entry point used in a window does), asks the hover provider for one hover, and prints what that hover
// was and which of our modules and packages were loaded by the time it was computed.
// argv: <extension folder holding dist/index.json> <Python file> <line> <character>
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';

const [extensionFolder, file, line, character] = process.argv.slice(2);

/** Just enough of the `vscode` module for the features to wire themselves and answer a hover. */
class Uri {
  constructor(readonly scheme: string, readonly path: string) {}
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}`; }
  static file(p: string): Uri { return new Uri('file', p); }
  static parse(s: string): Uri { return new Uri(s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 3)); }
  static joinPath(base: Uri, ...parts: string[]): Uri { return new Uri(base.scheme, path.posix.join(base.path, ...parts)); }
}
const disposable = { dispose() {} };
/** An event nobody fires in this run. */
const event = () => disposable;
class EventEmitter {
  private readonly listeners: ((e: unknown) => void)[] = [];
  readonly event = (listener: (e: unknown) => void) => { this.listeners.push(listener); return disposable; };
  fire(e?: unknown): void { for (const l of this.listeners) l(e); }
  dispose(): void {}
}
class MarkdownString {
  isTrusted: unknown;
  supportHtml = false;
  constructor(public value = '') {}
  appendMarkdown(text: string): this { this.value += text; return this; }
}
class Hover { constructor(readonly contents: MarkdownString | MarkdownString[], readonly range: unknown) {} }
/** The other classes (TreeItem, ThemeIcon, Range, RelativePattern): keep their arguments. */
class Value { readonly args: unknown[]; constructor(...args: unknown[]) { this.args = args; } }
/** A namespace whose unlisted members are functions returning a disposable (registrations, events). */
const namespace = (members: Record<string, unknown>) => new Proxy(members, { get: (t, k) => (k in t ? t[k as string] : event) });
/** Enumerations: any member is a number. */
const enumeration = () => new Proxy({}, { get: () => 0 });
// Listed member by member: the transpiled `import * as vscode` copies the module's own keys.
const vscodeStub = {
  Uri, EventEmitter, MarkdownString, Hover, Range: Value, RelativePattern: Value, ThemeIcon: Value, TreeItem: Value,
  CodeActionKind: new Proxy({}, { get: (_t, k) => new Value(k) }), ConfigurationTarget: enumeration(), DiagnosticSeverity: enumeration(), FileType: enumeration(), ProgressLocation: enumeration(), StatusBarAlignment: enumeration(),
  TreeItemCollapsibleState: enumeration(), ViewColumn: enumeration(),
  Disposable: class { static from() { return disposable; } constructor(readonly dispose: () => void) {} },
  workspace: namespace({
    workspaceFolders: undefined,
    textDocuments: [],
    getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback, update: async () => {} }),
    fs: {
      readFile: async (uri: Uri) => fs.readFileSync(uri.fsPath),
      readDirectory: async () => { throw new Error('no such folder'); },
      stat: async () => { throw new Error('no such file'); },
    },
  }),
  window: namespace({
    activeTextEditor: undefined,
    createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
  }),
  commands: namespace({}),
  languages: namespace({ createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }) }),
  env: { uiKind: 1 },
};

const moduleLoader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleLoader._load;
moduleLoader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
};

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { wireFeatures } = require('../../src/features') as typeof import('../../src/features');
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-first-hover-'));
  const memento = { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync() {} };
  const context = { extensionUri: Uri.file(extensionFolder), globalStorageUri: Uri.file(storage), globalState: memento, workspaceState: memento, subscriptions: [] };
  const log = { info() {}, show() {}, dispose() {} };
  const features = wireFeatures(context as never, log as never, { topics: {} as never });

  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const document = {
    uri: Uri.file(file), fileName: file, languageId: 'python', version: 1, lineCount: lines.length,
    getText: () => text, lineAt: (n: number) => ({ text: lines[n] }),
  };
  const hover = await features.detect.hover.provideHover(document as never, { line: Number(line), character: Number(character) } as never);
  const root = path.resolve(__dirname, '../../..');
  const loaded = Object.keys(require.cache).map(f => path.relative(root, f).split(path.sep).join('/'));
  fs.rmSync(storage, { recursive: true, force: true });
  const contents = hover?.contents as MarkdownString | MarkdownString[] | undefined;
  process.stdout.write(JSON.stringify({ hover: contents && [contents].flat().map(m => m.value).join('\n'), loaded }));
  process.exit(0); // the features' timers (none of which this run needs) would keep the process alive
}

main().catch(e => { console.error(e); process.exit(1); });
