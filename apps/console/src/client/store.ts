// The store's public face: state shape and every pure transition on it, from one import.
export * from './state';
export * from './messages';
export * from './conversations';
export * from './pending';
