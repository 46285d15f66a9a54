// docs/events.md is generated from the event catalog; this fails when the committed file lags it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EVENT_TYPES } from '../../../domain/events.js';
import { EVENT_DOCS_COMMAND, EVENT_DOCS_PATH, renderEventDocs } from '../../../domain/events/render-docs.js';

const committed = (): string => readFileSync(new URL(`../../../${EVENT_DOCS_PATH}`, import.meta.url), 'utf8');

describe('event docs', () => {
  it(`${EVENT_DOCS_PATH} matches the catalog`, () => {
    expect(committed(), `${EVENT_DOCS_PATH} is out of date with domain/events/: run \`${EVENT_DOCS_COMMAND}\` and commit the result`).toBe(renderEventDocs());
  });

  it('has a section per type with its version and every payload field', () => {
    const docs = renderEventDocs();
    for (const type of EVENT_TYPES) {
      const start = docs.indexOf(`### \`${type}\`\n`);
      expect(start, type).toBeGreaterThan(0);
      const next = docs.indexOf('\n### ', start + 1);
      const section = docs.slice(start, next === -1 ? undefined : next);
      const { version, schema } = EVENT_CATALOG[type];
      expect(section).toContain(`Version: ${version}\n`);
      const fields = (schema.oneOf ?? [schema]).flatMap((s) => Object.keys(s.properties ?? {}));
      for (const field of fields) expect(section, `${type}.${field}`).toContain(`| \`${field}\` |`);
    }
  });
});
