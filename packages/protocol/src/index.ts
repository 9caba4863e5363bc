export * from './errors.js';
export * from './models.js';
export * from './inputs.js';
export * from './socket.js';
export * from './rest.js';
export * from './bridge.js';
export * from './routing.js';
export * from './visitors.js';
