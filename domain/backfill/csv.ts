// A small strict CSV reader (RFC 4180): comma-separated fields, optionally in double quotes; a quoted
// field may hold commas, line breaks and doubled quotes (""). A quote inside an unquoted field, text
// after a closing quote, or a quote left open is an error of that record: it is reported with its
// line number and reading goes on at the next line, so one bad line never hides the rest.

export interface CsvRecord { line: number; fields: string[] }
export interface CsvError { line: number; reason: string }
export interface CsvResult { records: CsvRecord[]; errors: CsvError[] }

interface Cursor { text: string; at: number; line: number }

const isEnd = (c: Cursor) => c.at >= c.text.length;
const atRecordEnd = (c: Cursor) => isEnd(c) || c.text[c.at] === '\n' || c.text.startsWith('\r\n', c.at);

/** Moves past the line break that ends a record (or to the end). */
function skipLineBreak(c: Cursor): void {
  if (c.text.startsWith('\r\n', c.at)) c.at += 2;
  else if (c.text[c.at] === '\n') c.at += 1;
  else return;
  c.line++;
}

/** A quoted field, from its opening quote; throws the reason it is malformed. */
function quotedField(c: Cursor): string {
  let value = '';
  c.at++;
  for (;;) {
    if (isEnd(c)) throw new Error('a quoted field is not closed');
    const ch = c.text[c.at]!;
    if (ch === '"' && c.text[c.at + 1] === '"') { value += '"'; c.at += 2; continue; }
    if (ch === '"') { c.at++; break; }
    if (ch === '\n') c.line++;
    value += ch;
    c.at++;
  }
  if (!atRecordEnd(c) && c.text[c.at] !== ',') throw new Error('text after a closing quote (quote the whole field)');
  return value;
}

function plainField(c: Cursor): string {
  const start = c.at;
  while (!atRecordEnd(c) && c.text[c.at] !== ',') {
    if (c.text[c.at] === '"') throw new Error('a quote inside an unquoted field (quote the field and double the quote)');
    c.at++;
  }
  return c.text.slice(start, c.at);
}

/** One record from the cursor (which ends on its line break); throws the reason it is malformed. */
function readRecord(c: Cursor): string[] {
  const fields: string[] = [];
  for (;;) {
    fields.push(c.text[c.at] === '"' ? quotedField(c) : plainField(c));
    if (atRecordEnd(c)) return fields;
    c.at++; // the comma
  }
}

/** Skips the rest of a malformed record's line. */
function skipLine(c: Cursor): void {
  while (!atRecordEnd(c)) c.at++;
}

/** Reads CSV text into records (blank lines skipped) and the malformed lines, each with its line number (1-based). */
export function parseCsv(text: string): CsvResult {
  const c: Cursor = { text: text.startsWith('\uFEFF') ? text.slice(1) : text, at: 0, line: 1 };
  const result: CsvResult = { records: [], errors: [] };
  while (!isEnd(c)) {
    const { at, line } = c;
    if (atRecordEnd(c)) { skipLineBreak(c); continue; }
    try {
      result.records.push({ line, fields: readRecord(c) });
    } catch (err) {
      result.errors.push({ line, reason: (err as Error).message });
      // A quote left open ran to the end of the text: only its own line is given up, the next lines are read again.
      if (isEnd(c)) Object.assign(c, { at, line });
      skipLine(c);
    }
    skipLineBreak(c);
  }
  return result;
}
