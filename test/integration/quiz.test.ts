// Quizzes and progress in a real extension host: quiz generation through the panel, progress saved
// as it happens, kept across a restart, corrupt data kept aside, two windows, export and import.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CoachApi } from '../../src/extension';
import type { ContentFile } from '../../src/core/content/curated';
import { ProgressStore, PROGRESS_STATE_KEY } from '../../src/features/quiz/progressStore';
import { Log } from '../../src/features/log';
import { progressFromLog, RECENT_LIMIT, serializeHead, serializeHistory, serializeProgress, SYNC_BUDGET_CHARS } from '../../src/core/progress';
import type { ReviewEvent } from '../../src/core/schedule/types';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const index = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'index.json'), 'utf8')) as { entries: { id: string; canonicalId?: string; topics: string[]; hasAnswer: boolean }[] };
const canonical = index.entries.filter(e => !e.canonicalId);
const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'content.json'), 'utf8')) as ContentFile;

async function api(): Promise<CoachApi> {
  return vscode.extensions.getExtension<CoachApi>(`${manifest.publisher}.${manifest.name}`)!.activate();
}

/** A stand-in ExtensionContext for a second "window" or a restart: its own memento, the given storage folder. */
function fakeContext(storage: vscode.Uri, memento = new Map<string, unknown>()): vscode.ExtensionContext {
  const globalState = {
    keys: () => [...memento.keys()],
    get: (key: string, fallback?: unknown) => (memento.has(key) ? memento.get(key) : fallback),
    update: async (key: string, value: unknown) => { memento.set(key, value); },
    setKeysForSync: () => {},
  };
  return { globalStorageUri: storage, globalState } as unknown as vscode.ExtensionContext;
}

function tempStorage(): vscode.Uri {
  return vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'coach-progress-')));
}

const log = new Log();
const ids = canonical.slice(0, 4).map(e => e.id);

describe('quizzes and progress', () => {
  it('a topic quiz asks the bank and cloze items that drill the topic\'s questions, options shuffled', async () => {
    const { quiz, library } = await api();
    const build = await quiz.quiz.start({ scope: { kind: 'topic', topic: 'transactions' }, mode: 'multiple-choice', length: 50, seed: 7 });
    assert.ok(!build.empty, build.empty);
    const session = quiz.quiz.current!;
    assert.strictEqual(session.id, build.session.id);
    const lib = await library.get();
    const inTopic = new Set(lib.byTopic('transactions').map(e => e.id));
    // Expected from the shipped data itself: every item one of whose questions is in the topic.
    const canonicalOf = (id: string) => { const e = lib.get(id); return e?.canonicalId ?? e?.id; };
    const expected = [
      ...shipped.bank.filter(b => canonicalOf(b.questions[0]) && b.questions.some(q => inTopic.has(canonicalOf(q)!))).map(b => b.id),
      ...shipped.cloze.filter(c => inTopic.has(canonicalOf(c.question)!)).map(c => c.id),
    ].sort();
    assert.ok(expected.length > 0, 'the shipped content has transactions items');
    assert.deepStrictEqual(session.items.map(i => i.id).sort(), expected);
    for (const item of session.items) {
      assert.ok(item.kind === 'bank' || item.kind === 'cloze');
      assert.deepStrictEqual([...item.order!].sort(), [0, 1, 2, 3]);
      const right = item.order![item.correct!];
      if (item.kind === 'bank') assert.strictEqual(shipped.bank.find(b => b.id === item.id)!.options[right].correct, true);
      else assert.strictEqual(shipped.cloze.find(c => c.id === item.id)!.options[right], shipped.cloze.find(c => c.id === item.id)!.answer);
    }
  });

  it('a scope with questions but no multiple-choice item says so and offers flashcards', async () => {
    const { quiz, library } = await api();
    const lib = await library.get();
    const covered = new Set([...shipped.bank.flatMap(b => b.questions), ...shipped.cloze.map(c => c.question)]);
    const bare = lib.canonical().find(e => !covered.has(e.id) && !(e.variantIds ?? []).some(v => covered.has(v)))!;
    const build = await quiz.quiz.start({ scope: { kind: 'ids', ids: [bare.id] }, mode: 'multiple-choice', length: 5 });
    assert.strictEqual(build.offerFlashcards, true);
    assert.match(build.empty!, /no multiple-choice item yet\. Flashcards work for every question/);
  });

  it('flashcards carry the number of key points the shipped content gives their question', async () => {
    const { quiz } = await api();
    const [id, points] = Object.entries(shipped.keyPoints)[0];
    const build = await quiz.quiz.start({ scope: { kind: 'ids', ids: [id] }, mode: 'flashcards', length: 1 });
    assert.strictEqual(build.session.items[0].points, points.length);
  });

  it('after a reload, a quiz saved by 0.1.0 continues (flashcards) or ends with a message (multiple choice)', async () => {
    const { quiz } = await api();
    const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'quiz', name), 'utf8'));
    const cards = fixture('session-0.1.0-flashcards.json');
    // The fixture was saved over the test library: point its cards at bundled questions.
    cards.items = cards.items.map((item: { id: string }, i: number) => ({ ...item, id: canonical[i].id }));
    const panel = vscode.window.createWebviewPanel('djangoCoach.quiz', 'Quiz', vscode.ViewColumn.Active, { enableScripts: true });
    await quiz.quiz.deserializeWebviewPanel(panel, { session: cards });
    assert.strictEqual(quiz.quiz.current?.id, cards.id);
    assert.strictEqual(quiz.quiz.current?.index, cards.index);
    const old = vscode.window.createWebviewPanel('djangoCoach.quiz', 'Quiz', vscode.ViewColumn.Active, { enableScripts: true });
    let disposed = false;
    old.onDidDispose(() => { disposed = true; });
    await quiz.quiz.deserializeWebviewPanel(old, { session: fixture('session-0.1.0-multiple-choice.json') });
    assert.ok(disposed, 'the panel closes');
    assert.strictEqual(quiz.quiz.current, undefined);
  });

  it('an empty scope says why instead of opening an empty quiz', async () => {
    const { quiz } = await api();
    const build = await quiz.quiz.start({ scope: { kind: 'ids', ids: [] }, mode: 'flashcards', length: 5 });
    assert.ok(build.empty);
  });

  const readJson = (uri: vscode.Uri) => JSON.parse(fs.readFileSync(uri.fsPath, 'utf8'));

  it('saves each review as it happens and finds it again after a restart', async () => {
    const storage = tempStorage();
    const first = new ProgressStore(fakeContext(storage), log);
    await first.markKnown(ids[0]);
    assert.deepStrictEqual(readJson(first.ownFile).log.map((e: { questionId: string }) => e.questionId), [ids[0]]);
    const restarted = new ProgressStore(fakeContext(storage), log);
    const progress = await restarted.get();
    assert.ok(progress.cards[ids[0]], 'the card survived the restart');
  });

  it('Settings Sync data (globalState) is merged with the local files', async () => {
    const storage = tempStorage();
    const memento = new Map<string, unknown>();
    const a = new ProgressStore(fakeContext(storage, memento), log);
    await a.markKnown(ids[0]);
    // Another machine synced a different review into globalState.
    const other = new ProgressStore(fakeContext(tempStorage()), log);
    await other.markKnown(ids[1]);
    memento.set(PROGRESS_STATE_KEY, fs.readFileSync(other.ownFile.fsPath, 'utf8'));
    const merged = await new ProgressStore(fakeContext(storage, memento), log).get();
    assert.ok(merged.cards[ids[0]] && merged.cards[ids[1]]);
  });

  it('two windows answering at once lose nothing', async () => {
    const storage = tempStorage();
    const w1 = new ProgressStore(fakeContext(storage), log);
    const w2 = new ProgressStore(fakeContext(storage), log);
    await Promise.all([w1.get(), w2.get()]);
    const many = canonical.slice(0, 20).map(e => e.id);
    await Promise.all(many.map((id, i) => (i % 2 ? w1 : w2).markKnown(id)));
    const reopened = await new ProgressStore(fakeContext(storage), log).get();
    assert.deepStrictEqual(Object.keys(reopened.cards).sort(), [...many].sort());
    assert.strictEqual(reopened.log.length, many.length);
  });

  it('corrupt progress is moved aside byte for byte, reported, and the user keeps working', async () => {
    const storage = tempStorage();
    const garbage = '{"schema":1,"log":[{"id":"x" TRUNCATED';
    fs.writeFileSync(path.join(storage.fsPath, 'progress.json'), garbage);
    const store = new ProgressStore(fakeContext(storage), log);
    const progress = await store.get();
    assert.strictEqual(progress.log.length, 0);
    const backups = fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-corrupt-'));
    assert.strictEqual(backups.length, 1);
    assert.strictEqual(fs.readFileSync(path.join(storage.fsPath, backups[0]), 'utf8'), garbage);
    await store.markKnown(ids[0]);
    assert.deepStrictEqual(readJson(store.ownFile).log.map((e: { questionId: string }) => e.questionId), [ids[0]]);
    // Reported once: the next window does not find it again.
    await new ProgressStore(fakeContext(storage), log).get();
    assert.strictEqual(fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-corrupt-')).length, 1);
  });

  /** `count` reviews of the first questions, one a minute from 2025-01-01. */
  const reviews = (count: number, prefix = 'r'): ReviewEvent[] => Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`, questionId: canonical[i % 40].id, rating: (i % 4 + 1) as 1 | 2 | 3 | 4, at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), mode: 'flashcards' as const,
  }));
  /** Writes a history file of `folded` and a head over it with `recent` (as another window leaves them); returns the history file name. */
  const writeStore = (storage: vscode.Uri, folded: ReviewEvent[], recent: ReviewEvent[], writer = 'w-other'): string => {
    const { ref, text } = serializeHistory(progressFromLog(folded));
    fs.mkdirSync(path.join(storage.fsPath, 'progress'), { recursive: true });
    fs.writeFileSync(path.join(storage.fsPath, 'progress', ref.file), text);
    fs.writeFileSync(path.join(storage.fsPath, 'progress', `${writer}.json`), serializeHead(ref, recent, recent.length ? recent[recent.length - 1].at : folded[folded.length - 1].at));
    return ref.file;
  };

  it('an answer rewrites only the small head over the history; past the limit the history is rewritten once', async () => {
    const storage = tempStorage();
    const all = reviews(RECENT_LIMIT + 300);
    const file = writeStore(storage, all.slice(0, 300), all.slice(300, 310));
    const memento = new Map<string, unknown>();
    const store = new ProgressStore(fakeContext(storage, memento), log);
    assert.strictEqual((await store.get()).log.length, 310);
    const historyBefore = fs.statSync(path.join(storage.fsPath, 'progress', file)).mtimeMs;
    await store.markKnown(ids[0]);
    const head = readJson(store.ownFile);
    assert.strictEqual(head.schema, 2);
    assert.strictEqual(head.base.file, file, 'the window took over the history it found');
    assert.strictEqual(head.log.length, 11);
    assert.strictEqual(fs.statSync(path.join(storage.fsPath, 'progress', file)).mtimeMs, historyBefore, 'the history file is never rewritten');
    const synced = memento.get(PROGRESS_STATE_KEY) as string;
    assert.ok(synced.length <= SYNC_BUDGET_CHARS, `Settings Sync mirror: ${synced.length} characters`);
    // Past RECENT_LIMIT recent reviews the head starts again from a new history file.
    const full = tempStorage();
    writeStore(full, all.slice(0, 300), all.slice(300));
    const busy = new ProgressStore(fakeContext(full), log);
    await busy.markKnown(ids[0]);
    const after = readJson(busy.ownFile);
    assert.notStrictEqual(after.base.file, file);
    assert.strictEqual(after.base.count, all.length + 1);
    assert.strictEqual(after.log.length, 0);
    assert.ok(fs.existsSync(path.join(full.fsPath, 'progress', after.base.file)));
    const reopened = await new ProgressStore(fakeContext(full), log).get();
    assert.strictEqual(reopened.log.length, all.length + 1);
  });

  it('two windows answering at once over a shared history lose nothing', async () => {
    const storage = tempStorage();
    const past = reviews(200, 'p');
    writeStore(storage, past.slice(0, 150), past.slice(150));
    const w1 = new ProgressStore(fakeContext(storage), log);
    const w2 = new ProgressStore(fakeContext(storage), log);
    await Promise.all([w1.get(), w2.get()]);
    const many = canonical.slice(50, 70).map(e => e.id);
    await Promise.all(many.map((id, i) => (i % 2 ? w1 : w2).markKnown(id)));
    // Each window picks up the other's answers when it gets the focus back (refresh).
    await Promise.all([w1.refresh(), w2.refresh()]);
    assert.strictEqual((await w1.get()).log.length, past.length + many.length);
    assert.strictEqual(serializeProgress(await w1.get()), serializeProgress(await w2.get()));
    const reopened = await new ProgressStore(fakeContext(storage), log).get();
    assert.strictEqual(reopened.log.length, past.length + many.length);
    for (const id of many) assert.ok(reopened.cards[id], id);
  });

  it('a head damaged so that it still parses is caught by its check, kept aside byte for byte, and the rest is kept', async () => {
    const storage = tempStorage();
    const past = reviews(60, 'd');
    writeStore(storage, past.slice(0, 40), past.slice(40), 'w-damaged');
    writeStore(storage, past.slice(0, 40), [], 'w-healthy');
    const file = path.join(storage.fsPath, 'progress', 'w-damaged.json');
    const damaged = fs.readFileSync(file, 'utf8').replace('"id":"d45"', '"id":"d46"');
    fs.writeFileSync(file, damaged);
    const progress = await new ProgressStore(fakeContext(storage), log).get();
    const backups = fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-corrupt-'));
    assert.strictEqual(backups.length, 1);
    assert.strictEqual(fs.readFileSync(path.join(storage.fsPath, backups[0]), 'utf8'), damaged);
    assert.ok(!fs.existsSync(file), 'the damaged file was moved, not copied');
    // The 40 reviews of the history are kept; so are the ones read back from the damaged head (one of them under the changed id).
    assert.ok(progress.log.length >= 40);
    assert.ok(progress.log.some(e => e.id === 'd39'));
  });

  it('a damaged history file is kept aside and the reviews saved after it are kept', async () => {
    const storage = tempStorage();
    const past = reviews(80, 'h');
    const file = writeStore(storage, past.slice(0, 70), past.slice(70));
    const historyPath = path.join(storage.fsPath, 'progress', file);
    fs.writeFileSync(historyPath, fs.readFileSync(historyPath, 'utf8').replace('"id":"h5"', '"id":"h6"'));
    const progress = await new ProgressStore(fakeContext(storage), log).get();
    assert.strictEqual(fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-corrupt-')).length, 1);
    for (const e of past.slice(70)) assert.ok(progress.log.some(x => x.id === e.id), e.id);
  });

  it('progress of the previous format (schema 1, one big file per window, mirrored whole) migrates on read', async () => {
    const storage = tempStorage();
    const old = serializeProgress(progressFromLog(reviews(30, 'o')));
    fs.mkdirSync(path.join(storage.fsPath, 'progress'));
    fs.writeFileSync(path.join(storage.fsPath, 'progress', 'w-oldbuild.json'), old);
    const memento = new Map<string, unknown>([[PROGRESS_STATE_KEY, old]]);
    const store = new ProgressStore(fakeContext(storage, memento), log);
    assert.strictEqual((await store.get()).log.length, 30);
    await store.markKnown(ids[1]);
    assert.strictEqual(readJson(store.ownFile).schema, 2);
    assert.strictEqual(JSON.parse(memento.get(PROGRESS_STATE_KEY) as string).schema, 2);
    assert.strictEqual(fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-')).length, 0, 'nothing was reported');
    assert.strictEqual((await new ProgressStore(fakeContext(storage), log).get()).log.length, 31);
  });

  it('a newer-version file is kept aside, not overwritten', async () => {
    const storage = tempStorage();
    const future = JSON.stringify({ schema: 99, cards: {}, log: [], daily: {}, updatedAt: '2030-01-01T00:00:00.000Z' });
    fs.mkdirSync(path.join(storage.fsPath, 'progress'));
    fs.writeFileSync(path.join(storage.fsPath, 'progress', 'w-newer-build.json'), future);
    await new ProgressStore(fakeContext(storage), log).get();
    const backups = fs.readdirSync(storage.fsPath).filter(f => f.startsWith('progress-future-version-'));
    assert.strictEqual(backups.length, 1);
    assert.strictEqual(fs.readFileSync(path.join(storage.fsPath, backups[0]), 'utf8'), future);
  });

  it('export then import into another profile merges; hostile JSON is refused and changes nothing', async () => {
    const source = new ProgressStore(fakeContext(tempStorage()), log);
    await source.markKnown(ids[0]);
    await source.markKnown(ids[1]);
    const exported = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coach-export-')), 'progress.json'));
    await source.exportTo(exported);
    const target = new ProgressStore(fakeContext(tempStorage()), log);
    await target.markKnown(ids[2]);
    const ok = await target.importFrom(exported);
    assert.ok(ok.ok, ok.message);
    assert.deepStrictEqual(Object.keys((await target.get()).cards).sort(), [ids[0], ids[1], ids[2]].sort());
    const hostile = vscode.Uri.file(path.join(path.dirname(exported.fsPath), 'hostile.json'));
    fs.writeFileSync(hostile.fsPath, '{"schema":1,"__proto__":{"polluted":true},"log":[{"id":1,"questionId":{},"rating":7,"at":"yesterday","mode":"x"}]}');
    const before = JSON.stringify(await target.get());
    const refused = await target.importFrom(hostile);
    assert.strictEqual(refused.ok, false);
    assert.match(refused.message, /Nothing was imported/);
    assert.strictEqual(JSON.stringify(await target.get()), before);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('the Review model and Topics badges follow progress', async () => {
    const { quiz, topics, library } = await api();
    const lib = await library.get();
    const entry = lib.byTopic('caching')[0];
    await vscode.commands.executeCommand('djangoCoach.markKnown', entry.id);
    const summary = await quiz.review.update();
    assert.ok(summary.totals.started >= 1);
    const badge = topics.getTreeItem({ kind: 'topic', topic: 'caching' }).description as string;
    assert.match(badge, /% known/);
  });
});
