// Hovers on Django constructs: what interviewers probe, the best questions with a one-sentence preview,
// and command links. Only this extension's own commands are trusted in the hover.
import * as vscode from 'vscode';
import type { HoverModel } from '../../core/detect/hover';
import { detection } from '../../lazyDetect';
import { escapeMarkdown } from '../markdownText';
import { topicLabel } from '../../core/taxonomy';
import { Command, EXTENSION_SECTION, Setting } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import type { Library } from '../../core/library';
import type { AnalysisCache } from './analysisCache';
import type { InsightFinding } from '../../core/insights/types';
import { insightHoverMarkdown } from '../insights/hoverText';
import { toRange } from '../insights/diagnostics';

export type HoverMode = 'full' | 'compact';

/** Commands a hover may run; everything else in its Markdown stays inert. */
export const HOVER_COMMANDS: readonly string[] = [Command.openAnswer, Command.revealQuestion, Command.search];

function commandLink(label: string, command: string, args: unknown[], title: string): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${title.replace(/"/g, "'")}")`;
}

/** The hover's Markdown for a model (exported for tests). */
export function hoverMarkdown(model: HoverModel, mode: HoverMode, quizCommand?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: quizCommand ? [...HOVER_COMMANDS, quizCommand] : [...HOVER_COMMANDS] };
  md.supportHtml = false;
  const topic = model.topics[0];
  md.appendMarkdown(`**Django Interview Coach** · \`${model.title.replace(/`/g, "'")}\` · *${escapeMarkdown(topicLabel(topic))}*\n\n`);
  md.appendMarkdown(`$(lightbulb) ${escapeMarkdown(model.probe)}\n\n`);
  const questions = mode === 'compact' ? model.questions.slice(0, 1) : model.questions;
  if (model.nothing) {
    const search = commandLink(`$(search) Search the guides for “${escapeMarkdown(model.search)}”`, Command.search, [model.search], 'Search Questions');
    md.appendMarkdown(`*${escapeMarkdown(model.nothing)}* ${search}\n\n`);
  }
  for (const q of questions) {
    md.appendMarkdown(`- ${commandLink(escapeMarkdown(q.question), Command.openAnswer, [q.id], 'Open the answer')}`);
    if (mode === 'full' && q.preview) md.appendMarkdown(`  \n  ${escapeMarkdown(q.preview)}`);
    md.appendMarkdown('\n');
  }
  const links = [];
  if (questions[0]) links.push(commandLink('$(book) Open answer', Command.openAnswer, [questions[0].id], 'Open the best answer'));
  if (quizCommand) links.push(commandLink('$(mortar-board) Quiz me on this topic', quizCommand, [topic], `Quiz: ${topicLabel(topic)}`));
  if (questions[0]) links.push(commandLink('$(list-tree) Show in sidebar', Command.revealQuestion, [questions[0].id], 'Show the question in the Topics view'));
  if (links.length) md.appendMarkdown(`\n${links.join(' · ')}`);
  return md;
}

export class CoachHoverProvider implements vscode.HoverProvider {
  /** The quiz feature's "quiz this topic" command, set once quizzes are registered. */
  quizCommand: string | undefined;
  /** The insight findings of a document (set when insight diagnostics are wired). */
  insightFindings: ((doc: vscode.TextDocument) => InsightFinding[]) | undefined;

  constructor(private readonly cache: AnalysisCache, private readonly library: LibraryService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const config = vscode.workspace.getConfiguration(EXTENSION_SECTION, doc);
    if (!config.get<boolean>(Setting.hoverEnabled, true)) return undefined;
    const analysis = this.cache.get(doc);
    if (!analysis) return undefined;
    const library = await this.library.get();
    const insights = this.insightsAt(doc, position, library);
    const model = detection().hoverAt(analysis, library, position.line, position.character);
    if (!model) return insights.length ? new vscode.Hover(insights) : undefined;
    const mode = config.get<HoverMode>(Setting.hoverMode, 'full') === 'compact' ? 'compact' : 'full';
    const range = new vscode.Range(model.range.line, model.range.start, model.range.line, model.range.end);
    return new vscode.Hover([...insights, hoverMarkdown(model, mode, this.quizCommand)], range);
  }

  /** The hover text of the insight findings under the cursor, first in the hover. */
  private insightsAt(doc: vscode.TextDocument, position: vscode.Position, library: Library): vscode.MarkdownString[] {
    const findings = this.insightFindings?.(doc) ?? [];
    const out: vscode.MarkdownString[] = [];
    for (const f of findings) {
      if (!toRange(f.range).contains(position)) continue;
      const def = detection().insightById(f.insightId);
      if (def) out.push(insightHoverMarkdown(f, def, library));
    }
    return out;
  }
}
