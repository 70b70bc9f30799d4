import type { Entry, GuideIndex } from './types';
import type { TopicId } from './taxonomy';

/** The loaded guide library: entries with lookups by id and topic. Built from one or more indexes. */
export class Library {
  readonly entries: readonly Entry[];
  private readonly ids = new Map<string, Entry>();
  private readonly topics = new Map<TopicId, Entry[]>();

  constructor(entries: readonly Entry[]) {
    this.entries = entries;
    for (const entry of entries) {
      this.ids.set(entry.id, entry);
      if (entry.canonicalId) continue;
      for (const topic of entry.topics) {
        const list = this.topics.get(topic) ?? [];
        list.push(entry);
        this.topics.set(topic, list);
      }
    }
  }

  static fromIndexes(indexes: readonly GuideIndex[]): Library {
    return new Library(indexes.flatMap(i => i.entries));
  }

  get(id: string): Entry | undefined {
    return this.ids.get(id);
  }

  /** Canonical entries (the same question asked twice counted once), in library order. */
  canonical(): Entry[] {
    return this.entries.filter(e => !e.canonicalId);
  }

  /** Canonical entries having `topic` among their topics, main-topic entries first. */
  byTopic(topic: TopicId): Entry[] {
    const list = this.topics.get(topic) ?? [];
    return [...list.filter(e => e.topics[0] === topic), ...list.filter(e => e.topics[0] !== topic)];
  }

  /** The same question asked again elsewhere (folded into `entry`). */
  variants(entry: Entry): Entry[] {
    return this.lookup(entry.variantIds);
  }

  /** Questions asking alike with a different ask: entries of their own, linked to `entry`. */
  related(entry: Entry): Entry[] {
    return this.lookup(entry.relatedIds);
  }

  /**
   * Every other wording of the question and of the questions asked alike ("also asked as"), for an
   * entry or one of its repeats: the canonical entry's repeats first, then the related questions.
   */
  alsoAskedAs(entry: Entry): Entry[] {
    const canonical = (entry.canonicalId && this.ids.get(entry.canonicalId)) || entry;
    const group = [canonical, ...this.variants(canonical), ...this.related(canonical)];
    return group.filter(e => e.id !== entry.id);
  }

  private lookup(ids: readonly string[] | undefined): Entry[] {
    return (ids ?? []).map(id => this.ids.get(id)).filter((e): e is Entry => !!e);
  }
}
