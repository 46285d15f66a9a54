// Writes docs/events.md from the event catalog: `npx tsx dev/generate-event-docs.ts`.
// The unit test test/unit/domain/event-docs.test.ts fails until the written file matches.
import { readFile, writeFile } from 'node:fs/promises';
import { EVENT_DOCS_PATH, renderEventDocs } from '../domain/events/render-docs.js';

const target = new URL(`../${EVENT_DOCS_PATH}`, import.meta.url);
const rendered = renderEventDocs();
const current = await readFile(target, 'utf8').catch(() => null);
if (current === rendered) {
  console.log(`${EVENT_DOCS_PATH} is up to date`);
} else {
  await writeFile(target, rendered);
  console.log(`wrote ${EVENT_DOCS_PATH}`);
}
