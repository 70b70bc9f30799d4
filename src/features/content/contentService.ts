// The curated content (dist/content.json: quiz items, key points, answer reviews), read on the first
// quiz or answer that needs it — never at activation or on the hover path. Read through workspace.fs so
// it works in the browser too. A missing or damaged file is reported once and leaves the content empty:
// flashcards and answers keep working, multiple choice says it has no items.
import * as vscode from 'vscode';
import type { CuratedContent } from '../../core/content/curated';
import { engine } from '../../lazyEngine';
import type { Log } from '../log';

export class ContentService {
  private loading: Promise<CuratedContent> | undefined;
  private loaded: CuratedContent | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {}

  get(): Promise<CuratedContent> {
    if (this.loaded) return Promise.resolve(this.loaded);
    return (this.loading ??= this.load().then(content => (this.loaded = content)));
  }

  /** Already loaded, without loading (for synchronous paths). */
  peek(): CuratedContent | undefined {
    return this.loaded;
  }

  private async load(): Promise<CuratedContent> {
    const t0 = Date.now();
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'content.json');
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      this.log.info(`WARNING the curated content could not be read (${(e as Error).message}): multiple choice has no items, answers show no review notes or key points`);
      return engine().CuratedContent.empty();
    }
    const { content, problem } = engine().parseContentFile(text);
    if (problem) this.log.info(`WARNING the curated content in dist/content.json was not used: ${problem}`);
    else this.log.info(`curated content loaded in ${Date.now() - t0} ms: ${content.bank.length} bank items, ${content.cloze.length} cloze items, key points for ${Object.keys(content.file.keyPoints).length} questions, ${Object.keys(content.file.reviews).length} answer reviews`);
    return content;
  }
}
