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
  startQuiz: 'djangoCoach.startQuiz',
  quizTopic: 'djangoCoach.quizTopic',
  startReview: 'djangoCoach.startReview',
  markKnown: 'djangoCoach.markKnown',
  exportProgress: 'djangoCoach.exportProgress',
  importProgress: 'djangoCoach.importProgress',
} as const;
export type CommandId = (typeof Command)[keyof typeof Command];

export const View = {
  container: 'djangoCoach',
  topics: 'djangoCoach.topics',
  inThisFile: 'djangoCoach.inThisFile',
  review: 'djangoCoach.review',
} as const;

export const Panel = {
  answer: 'djangoCoach.answer',
  studyPlan: 'djangoCoach.studyPlan',
  quiz: 'djangoCoach.quiz',
} as const;
export type PanelId = (typeof Panel)[keyof typeof Panel];

/** The languages whose documents get hovers and "In this file" (Python and Django templates). */
export const DETECTED_LANGUAGES: readonly string[] = ['python', 'django-html', 'html', 'jinja-html'];

/** Setting keys relative to the `djangoCoach` section. */
export const Setting = {
  guideFolders: 'guideFolders',
  includeBundledGuides: 'includeBundledGuides',
  hoverEnabled: 'hover.enabled',
  hoverMode: 'hover.mode',
  studyPlanSkipMigrations: 'studyPlan.skipMigrations',
  quizNewCardsPerDay: 'quiz.newCardsPerDay',
  quizLength: 'quiz.length',
  quizDefaultMode: 'quiz.defaultMode',
  insightsSeverity: 'insights.severity',
} as const;
