export { beijingIso } from '../beijing-day.js';
