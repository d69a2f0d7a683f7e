export * from './org.js';
export * from './desk.js';
export * from './jobs.js';
export * from './auth.js';
export * from './catalog.js';
export * from './audit.js';
export * from './hotline.js';
export * from './quality.js';
