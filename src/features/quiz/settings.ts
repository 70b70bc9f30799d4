import * as vscode from 'vscode';
import type { QuizMode } from '../../core/quiz';
import { EXTENSION_SECTION, Setting } from '../../constants';

/** The quiz settings, read in one place and kept within their declared bounds. */
export function quizSettings(): { newCardLimit: number; length: number; defaultMode: QuizMode } {
  const c = vscode.workspace.getConfiguration(EXTENSION_SECTION);
  const mode = c.get<QuizMode>(Setting.quizDefaultMode, 'multiple-choice');
  return {
    newCardLimit: Math.max(0, c.get<number>(Setting.quizNewCardsPerDay, 20)),
    length: Math.max(1, Math.min(200, c.get<number>(Setting.quizLength, 10))),
    defaultMode: mode === 'flashcards' ? 'flashcards' : 'multiple-choice',
  };
}
