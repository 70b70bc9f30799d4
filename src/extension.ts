// Django Interview Coach: activation registers the entry points (commands, views, hovers, webview
// serializers) and does nothing else: no parsing, no file scanning, not even loading the features.
// They load when an entry point is first used, or once the window has settled (src/features.ts).
declare const __coachBundleStart: number | undefined;
declare const __coachBundleCpu: NodeJS.CpuUsage | undefined;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const cpuNow = () => (typeof process !== 'undefined' && process.cpuUsage ? process.cpuUsage() : undefined);
/** CPU time of the process since `since`, in ms (desktop only: a browser has no process). */
const cpuSince = (since: NodeJS.CpuUsage | undefined) => {
  if (!since || typeof process === 'undefined' || !process.cpuUsage) return undefined;
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
/** Our own module evaluation: from the first line of the bundle (esbuild banner) to here. */
const moduleLoadMs = now() - (typeof __coachBundleStart === 'number' ? __coachBundleStart : now());
const moduleLoadCpuMs = cpuSince(typeof __coachBundleCpu === 'object' ? __coachBundleCpu : undefined);
import * as vscode from 'vscode';
import { DETECTED_LANGUAGES, View } from './constants';
import { Log } from './features/log';
import { createLazyTreeView, registerCommandEntryPoints, registerHoverEntryPoint, registerPanelEntryPoints } from './features/entryPoints';
import { featuresModule } from './lazyFeatures';
import type { Features } from './features';

/** Which extension host runs this bundle: the browser's web worker has no Node `process`. */
const extensionHostKind = () => (typeof process === 'undefined' ? 'web worker' : 'Node');

/** When the features load if no entry point asked for them first, and the status bar's due count is
 * computed (it loads the engine): after the window's startup rush. */
const SETTLE_MS = 1500;

/** What the extension hands to tests: the features (loaded on access) and its activation time. */
export interface CoachApi extends Omit<Features, 'commands' | 'panels' | 'dispose' | 'showDueCount'> {
  /** Whether the features are loaded (activation itself does not load them). */
  readonly featuresLoaded: boolean;
  /** Every command's implementation (for the test that each declared command has one). */
  readonly commands: Features['commands'];
  /** Own activation time: evaluating our bundle plus running activate() (not the host's time in between). */
  activationMs: number;
  /** Its two parts, the CPU time they took (desktop only), and whether activate() loaded the features (it must not). */
  activationParts: { moduleLoadMs: number; activateMs: number; cpuMs?: number; featuresLoaded: boolean };
}

export function activate(context: vscode.ExtensionContext): CoachApi {
  const activateStart = now();
  const activateCpu = cpuNow();
  const log = new Log();
  let features: Features | undefined;
  const topicsTree = createLazyTreeView(View.topics, () => load().topics, { showCollapseAll: true });
  const inThisFileTree = createLazyTreeView(View.inThisFile, () => load().detect.inThisFile, { showCollapseAll: true });
  const reviewTree = createLazyTreeView(View.review, () => load().quiz.reviewTree);
  function load(): Features {
    return (features ??= featuresModule().wireFeatures(context, log, { topics: topicsTree.view }));
  }
  const settled = setTimeout(() => load().showDueCount(), SETTLE_MS);

  context.subscriptions.push(
    log,
    ...registerCommandEntryPoints(() => load().commands),
    topicsTree.view, topicsTree.provider,
    inThisFileTree.view, inThisFileTree.provider,
    reviewTree.view, reviewTree.provider,
    registerHoverEntryPoint(DETECTED_LANGUAGES, () => load().detect.hover),
    ...registerPanelEntryPoints(() => load().panels),
    { dispose: () => { clearTimeout(settled); features?.dispose(); } },
  );

  const activateMs = now() - activateStart;
  const activationMs = moduleLoadMs + activateMs;
  const activateCpuMs = cpuSince(activateCpu);
  const cpuMs = moduleLoadCpuMs !== undefined && activateCpuMs !== undefined ? moduleLoadCpuMs + activateCpuMs : undefined;
  log.info(`activated in ${activationMs.toFixed(1)} ms: module load ${moduleLoadMs.toFixed(1)} ms + activate() ${activateMs.toFixed(1)} ms${cpuMs !== undefined ? ` (CPU ${cpuMs.toFixed(1)} ms)` : ''} (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}, ${extensionHostKind()} extension host)`);
  return {
    get featuresLoaded() { return features !== undefined; },
    get library() { return load().library; },
    get content() { return load().content; },
    get answers() { return load().answers; },
    get topics() { return load().topics; },
    get detect() { return load().detect; },
    get quiz() { return load().quiz; },
    get commands() { return load().commands; },
    activationMs,
    activationParts: { moduleLoadMs, activateMs, cpuMs, featuresLoaded: features !== undefined },
  };
}

export function deactivate(): void {}
