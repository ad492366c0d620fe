export * from './catalogue.js';
export * from './query.js';
