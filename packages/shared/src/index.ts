export * from './taxonomy/index.js';
export * from './schemas/index.js';
export * from './limits/index.js';
export * from './errors/index.js';
export * from './events/index.js';
export * from './identity/index.js';
export * from './cases/index.js';
export * from './documents/index.js';
