export * from './random';
export * from './summary';
export * from './session';
export * from './generate';
