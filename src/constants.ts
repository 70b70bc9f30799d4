// Every command id, view id, setting key and context key, declared once. They match package.json
// (a unit test checks that both sides agree).

export const EXTENSION_SECTION = 'djangoCoach';

export const Command = {
  search: 'djangoCoach.search',
  openAnswer: 'djangoCoach.openAnswer',
  openGuideSource: 'djangoCoach.openGuideSource',
  revealQuestion: 'djangoCoach.revealQuestion',
  addGuideFolder: 'djangoCoach.addGuideFolder',
  reloadGuides: 'djangoCoach.reloadGuides',
  showOutput: 'djangoCoach.showOutput',
  studyPlan: 'djangoCoach.studyPlan',
  toggleHovers: 'djangoCoach.toggleHovers',
} as const;
export type CommandId = (typeof Command)[keyof typeof Command];

export const View = {
  container: 'djangoCoach',
  topics: 'djangoCoach.topics',
  inThisFile: 'djangoCoach.inThisFile',
} as const;

export const Panel = {
  answer: 'djangoCoach.answer',
  studyPlan: 'djangoCoach.studyPlan',
} as const;

/** Setting keys relative to the `djangoCoach` section. */
export const Setting = {
  guideFolders: 'guideFolders',
  includeBundledGuides: 'includeBundledGuides',
  hoverEnabled: 'hover.enabled',
  hoverMode: 'hover.mode',
  studyPlanSkipMigrations: 'studyPlan.skipMigrations',
} as const;
