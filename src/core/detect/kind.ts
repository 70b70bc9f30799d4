// Which documents detection applies to. Kept apart from the analysis so the editor can ask cheaply,
// before the engine is loaded.

export type DocumentKind = 'python' | 'template';

const TEMPLATE_LANGUAGES = new Set(['html', 'django-html', 'django-txt', 'htmldjango', 'jinja-html']);

/** The kind of document from a VS Code language id or a file name, or null when detection does not apply. */
export function documentKind(languageIdOrFileName: string): DocumentKind | null {
  const s = languageIdOrFileName.toLowerCase();
  if (s === 'python' || /\.pyw?$|\.pyi$/.test(s)) return 'python';
  if (TEMPLATE_LANGUAGES.has(s) || /\.(html?|djhtml|dtl)$/.test(s)) return 'template';
  return null;
}
