import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

// Debian's chromium (dev/stack installs it with apt), driven by puppeteer-core: no browser download.
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../.stack/test-results/browser/', import.meta.url));

export interface Chromium { browser: Browser; close(): Promise<void> }

/** Headless Chromium with a private profile under a temp folder (--no-sandbox: the tests may run as root). */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'tenure-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: true, userDataDir: profile,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run', '--lang=en-US', '--no-default-browser-check'],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A page open on the billing page, with what went wrong on it: console errors, uncaught exceptions
 * and CSP violations (`problems`); the answers of this origin that were errors, as "422 POST /path"
 * (`failedResponses`); and the URLs off this origin the page tried to load or navigate to (`leftFor`:
 * Stripe's hosted pages; they are blocked, the tests run offline).
 */
export interface BillingPage { page: Page; problems: string[]; failedResponses: string[]; leftFor: string[] }

// Chromium logs every error answer to the console too; those are counted in failedResponses instead.
const ERROR_STATUS_LOG = 'Failed to load resource: the server responded with a status of ';

// The little of the DOM the code run in the page uses (the project compiles without the DOM library).
declare const document: { addEventListener(type: 'securitypolicyviolation', fn: (e: { violatedDirective: string; blockedURI: string }) => void): void };

// Runs in the page before its own scripts (through the DevTools protocol, so the page's CSP does not apply).
function reportCspViolations(): void {
  document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
}

function keepToOrigin(origin: string, leftFor: string[]) {
  return (req: HTTPRequest) => {
    if (new URL(req.url()).origin === origin) return void req.continue();
    leftFor.push(req.url());
    void req.abort('blockedbyclient');
  };
}

/** Opens `${baseUrl}/billing#token=...` at `width` px and waits until the plans and invoices are drawn. */
export async function openBillingPage(browser: Browser, baseUrl: string, token: string, width = 375): Promise<BillingPage> {
  const page = await browser.newPage();
  const opened: BillingPage = { page, problems: [], failedResponses: [], leftFor: [] };
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith(ERROR_STATUS_LOG)) opened.problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) opened.failedResponses.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`); });
  page.on('pageerror', (e) => opened.problems.push(`uncaught: ${String(e)}`));
  await page.setViewport({ width, height: 800 });
  await page.evaluateOnNewDocument(reportCspViolations);
  await page.setRequestInterception(true);
  page.on('request', keepToOrigin(new URL(baseUrl).origin, opened.leftFor));
  await page.goto(`${baseUrl}/billing#token=${encodeURIComponent(token)}`, { waitUntil: 'load' });
  await page.waitForSelector('#plans .grid');
  await page.waitForSelector('#invoices table');
  return opened;
}

/** Keeps a full-page screenshot of the page as .stack/test-results/browser/<state>.png. */
export async function screenshot(page: Page, state: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${state}.png`) as `${string}.png`, fullPage: true });
}

