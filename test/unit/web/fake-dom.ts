// Just enough of a browser to run web/billing.js in a node:vm context: elements that hold children,
// attributes and text, a document built from the ids of web/billing.html, and a fetch answering
// from a table. No DOM library is installed, and the page needs no more than this.
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';

export type FakeNode = FakeElement | string;

export class FakeElement {
  readonly children: FakeNode[] = [];
  readonly attributes = new Map<string, string>();
  readonly style: Record<string, string> = {};
  parent: FakeElement | null = null;
  hidden = false;
  className = '';
  constructor(readonly tagName: string) {}

  setAttribute(name: string, value: unknown): void { this.attributes.set(name, String(value)); }
  getAttribute(name: string): string | null { return this.attributes.get(name) ?? null; }
  addEventListener(): void {}
  append(...nodes: FakeNode[]): void {
    for (const node of nodes) {
      if (node instanceof FakeElement) { node.remove(); node.parent = this; }
      this.children.push(node);
    }
  }
  replaceChildren(...nodes: FakeNode[]): void { this.children.splice(0); this.append(...nodes); }
  remove(): void {
    if (this.parent) this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
  get textContent(): string { return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join(''); }
  set textContent(text: string) { this.replaceChildren(String(text)); }
  /** Descendants matching `#id` or a tag name, depth first. */
  querySelectorAll(selector: string): FakeElement[] {
    const matches = (e: FakeElement) => (selector.startsWith('#') ? e.getAttribute('id') === selector.slice(1) : e.tagName === selector);
    return this.children.flatMap((c) => (typeof c === 'string' ? [] : [...(matches(c) ? [c] : []), ...c.querySelectorAll(selector)]));
  }
  querySelector(selector: string): FakeElement | null { return this.querySelectorAll(selector)[0] ?? null; }
}

export type FakeAnswers = Record<string, unknown>;

/** Runs web/billing.js against `answers` (by request path) and resolves with the page's body once it has loaded. */
export async function loadBillingPage(answers: FakeAnswers): Promise<FakeElement> {
  const body = new FakeElement('body');
  const html = readFileSync(new URL('../../../web/billing.html', import.meta.url), 'utf8');
  for (const [, tag, id] of html.matchAll(/<(\w+)[^>]*\bid="([^"]+)"/g)) {
    const e = new FakeElement(tag!);
    e.setAttribute('id', id);
    body.append(e);
  }
  const fakeFetch = async (path: string) => {
    const answer = answers[path.split('?')[0]!];
    return { ok: answer !== undefined, status: answer === undefined ? 404 : 200, json: async () => answer ?? { error: { message: 'not found' } } };
  };
  const context = createContext({
    document: { querySelector: (s: string) => body.querySelector(s), createElement: (tag: string) => new FakeElement(tag) },
    location: { hash: '#token=t', pathname: '/billing', href: 'http://billing.test/billing' },
    sessionStorage: { getItem: () => null, setItem: () => undefined },
    history: { replaceState: () => undefined },
    fetch: fakeFetch,
    URLSearchParams,
  });
  runInContext(readFileSync(new URL('../../../web/billing.js', import.meta.url), 'utf8'), context);
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return body;
}

/** A table's rows as text cells: [header cells, ...row cells]. */
export function tableText(table: FakeElement): string[][] {
  return table.querySelectorAll('tr').map((tr) => tr.children.filter((c): c is FakeElement => typeof c !== 'string').map((cell) => cell.textContent));
}
