export * from './org.js';
export * from './desk.js';
