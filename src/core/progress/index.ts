export * from './model';
export * from './event';
export * from './merge';
export * from './validate';
export * from './storage';
export * from './review';
export * from './compact';
