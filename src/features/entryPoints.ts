// The extension's entry points, registered at activation without loading the features behind them:
// every command, the three tree views, the hover provider and the webview serializers. Each one asks
// for the features (src/features.ts) only when it is used, so activation evaluates and runs almost
// nothing; the features load on first use, or once the window has settled.
import * as vscode from 'vscode';
import { Command, Panel, type CommandId, type PanelId } from '../constants';

/** A command's implementation, by id: every id in `Command` has one (an extension-host test checks it). */
export type CommandTable = Record<CommandId, (...args: never[]) => unknown>;

/** Registers every command of `Command`, each calling its handler from `table()` when run. */
export function registerCommandEntryPoints(table: () => CommandTable): vscode.Disposable[] {
  return Object.values(Command).map(id =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => (table()[id] as (...a: unknown[]) => unknown)(...args)));
}

/**
 * A tree view's data provider that forwards to the real one, loading it on first use (the view asks
 * for children only once it is visible). Its change events are forwarded too.
 */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<T>) {}

  /** The real provider (loads the features if they are not loaded yet). */
  provider(): vscode.TreeDataProvider<T> {
    if (!this.real) {
      this.real = this.load();
      this.forwarding = this.real.onDidChangeTreeData?.(e => this.changed.fire(e));
    }
    return this.real;
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.provider();
    return real.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

/** Creates the view `id` over a lazy provider; returns the view and its provider (both to dispose). */
export function createLazyTreeView<T>(id: string, load: () => vscode.TreeDataProvider<T>, options: { showCollapseAll?: boolean } = {}) {
  const provider = new LazyTreeDataProvider(load);
  const view = vscode.window.createTreeView(id, { treeDataProvider: provider, ...options });
  return { view, provider };
}

/** The hover provider for `languages`, loading the real one on the first hover. */
export function registerHoverEntryPoint(languages: readonly string[], hover: () => vscode.HoverProvider): vscode.Disposable {
  return vscode.languages.registerHoverProvider(languages.map(language => ({ language })), {
    provideHover: (document, position, token) => hover().provideHover(document, position, token),
  });
}

/** A serializer per webview panel type, so panels come back after a window reload; each loads its panel on restore. */
export function registerPanelEntryPoints(serializers: () => Record<PanelId, vscode.WebviewPanelSerializer>): vscode.Disposable[] {
  return Object.values(Panel).map(id => vscode.window.registerWebviewPanelSerializer(id, {
    deserializeWebviewPanel: (panel, state) => serializers()[id].deserializeWebviewPanel(panel, state),
  }));
}
