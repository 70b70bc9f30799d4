// "Search Questions": a quick pick over the library, re-ranked on every keystroke by the core search.
import * as vscode from 'vscode';
import { topicLabel } from '../../core/taxonomy';
import { plainText } from '../../core/parse/text';
import type { Entry } from '../../core/types';
import { askedAgain } from '../markdownText';
import type { LibraryService } from '../library/libraryService';

interface EntryPick extends vscode.QuickPickItem {
  id: string;
}

function toPick(entry: Entry): EntryPick {
  const again = askedAgain(entry);
  return {
    id: entry.id,
    label: entry.question,
    description: entry.topics.map(topicLabel).join(' · ') + (again ? `  (${again})` : ''),
    detail: plainText(entry.answer || entry.hint || '(no answer in the guide)').slice(0, 160),
    alwaysShow: true,
  };
}

/** Resolves with the chosen entry id, or undefined when dismissed. */
export async function pickQuestion(library: LibraryService, initial = ''): Promise<string | undefined> {
  const lib = await library.get();
  const pick = vscode.window.createQuickPick<EntryPick>();
  pick.title = 'Django Interview Coach: Search Questions';
  pick.placeholder = 'Type words from a question, a construct (select_related, on_commit) or a topic';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  let generation = 0;
  const update = async (value: string) => {
    const mine = ++generation;
    const items = value.trim() ? (await library.search(value, 50)).map(r => toPick(r.entry)) : lib.canonical().slice(0, 50).map(toPick);
    if (mine === generation) pick.items = items;
  };
  return new Promise<string | undefined>(resolve => {
    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue(v => void update(v)),
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.id);
        pick.hide();
      }),
      pick.onDidHide(() => {
        resolve(undefined);
        for (const d of disposables) d.dispose();
        pick.dispose();
      }),
    ];
    pick.value = initial;
    void update(initial);
    pick.show();
  });
}
