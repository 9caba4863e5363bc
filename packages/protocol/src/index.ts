export * from './contract.js';
export * from './models.js';
export * from './inputs.js';
export * from './routing.js';
export * from './visitors.js';
export * from './sso.js';
export * from './search.js';
