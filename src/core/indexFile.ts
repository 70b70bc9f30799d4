// Reading and checking a prebuilt index (JSON). Loading parses no Markdown.
import type { GuideIndex } from './types';

export function parseIndexJson(json: string): GuideIndex {
  const data = JSON.parse(json) as GuideIndex;
  if (!data || data.version !== 1 || !Array.isArray(data.entries)) throw new Error('not a Django Interview Coach index (version 1)');
  return data;
}
