import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/domain/spreadsheet-cell.js';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-1+cmd', '@SUM(A1)', '\t=1', '\r=1'])('text starting like a formula (%j) is quoted', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it.each(['漏水', '1-2', 'a=b', ''])('ordinary text (%j) is left as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});
