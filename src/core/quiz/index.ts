export * from './random';
export * from './grade';
export * from './session';
export * from './restore';
export * from './items';
export * from './generate';
export * from './pitfalls';
