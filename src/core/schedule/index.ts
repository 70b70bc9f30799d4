export * from './types';
export * from './fsrs';
export * from './days';
export * from './stats';
