// The insight part of the interview hover: what goes wrong in this code, the fix, the interviewer's
// question and links to the guide answers. Only the answer command is trusted.
import * as vscode from 'vscode';
import { Command } from '../../constants';
import type { InsightDef, InsightFinding } from '../../core/insights/types';
import type { Library } from '../../core/library';
import { escapeMarkdown, escapeMarkdownKeepCode } from '../markdownText';

function commandLink(label: string, command: string, args: unknown[], title: string): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${title.replace(/"/g, "'")}")`;
}

export function insightHoverMarkdown(finding: InsightFinding, def: InsightDef, library: Library | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [Command.openAnswer] };
  md.appendMarkdown(`**$(warning) ${escapeMarkdown(def.title)}** (${def.id})\n\n`);
  md.appendMarkdown(`${escapeMarkdownKeepCode(finding.message)}\n\n`);
  md.appendMarkdown(`**Problem:** ${escapeMarkdownKeepCode(def.problem)}\n\n`);
  md.appendMarkdown(`**Fix:** ${escapeMarkdownKeepCode(def.fix)}\n\n`);
  md.appendMarkdown(`*An interviewer would ask:* “${escapeMarkdown(def.interviewQuestion)}”\n\n`);
  for (const id of def.questionIds) {
    const entry = library?.get(id);
    const label = entry ? escapeMarkdown(entry.question) : id;
    md.appendMarkdown(`- ${commandLink(label, Command.openAnswer, [id], 'Open the answer')}\n`);
  }
  return md;
}
