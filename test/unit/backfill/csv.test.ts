import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../domain/backfill/csv.js';

describe('parseCsv', () => {
  it('reads plain and quoted fields, doubled quotes, commas and line breaks in quotes, CRLF and blank lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\n\n"two\nlines",2,3\n';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', ''] },
        { line: 4, fields: ['two\nlines', '2', '3'] },
      ],
      errors: [],
    });
  });

  it('reports a malformed line with its number and reads on', () => {
    const { records, errors } = parseCsv('h1,h2\nab"c,d\n"x"y,z\nok,1\n');
    expect(errors).toEqual([
      { line: 2, reason: 'a quote inside an unquoted field (quote the field and double the quote)' },
      { line: 3, reason: 'text after a closing quote (quote the whole field)' },
    ]);
    expect(records).toEqual([{ line: 1, fields: ['h1', 'h2'] }, { line: 4, fields: ['ok', '1'] }]);
  });

  it('gives up only the line of a quote left open', () => {
    const { records, errors } = parseCsv('h1,h2\n"open,1\nok,2');
    expect(errors).toEqual([{ line: 2, reason: 'a quoted field is not closed' }]);
    expect(records).toEqual([{ line: 1, fields: ['h1', 'h2'] }, { line: 3, fields: ['ok', '2'] }]);
  });
});
