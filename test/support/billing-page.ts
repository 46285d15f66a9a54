import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';

// Reading and driving the /billing page in Chromium. The functions passed to page.evaluate run in the
// page; the project compiles without the DOM library, so the little of the DOM they use is declared here.
interface PageElement {
  textContent: string | null; innerText: string; hidden: boolean; className: string;
  classList: { contains(name: string): boolean }; style: { width: string };
  getClientRects(): { length: number }; getBoundingClientRect(): { left: number; right: number };
}
declare const document: { documentElement: { clientWidth: number; scrollWidth: number }; querySelector(sel: string): PageElement | null; querySelectorAll(sel: string): ArrayLike<PageElement> };

/** How the page fits its viewport: the document's width, its shown buttons, and those of them cut off at a side. */
export async function layoutOf(page: Page): Promise<{ viewport: number; scrollWidth: number; buttons: string[]; buttonsCutOff: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const shown = Array.from(document.querySelectorAll('button')).filter((b) => b.getClientRects().length > 0);
    const cut = shown.filter((b) => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > width; });
    const label = (b: PageElement) => (b.textContent ?? '').trim();
    return { viewport: width, scrollWidth: document.documentElement.scrollWidth, buttons: shown.map(label), buttonsCutOff: cut.map(label) };
  });
}

/** Usable on a phone: the page is exactly 375 px wide, nothing wider, and every shown button is within it. */
export async function expectFitsAPhone(page: Page): Promise<void> {
  const layout = await layoutOf(page);
  expect({ viewport: layout.viewport, scrollWidth: layout.scrollWidth, buttonsCutOff: layout.buttonsCutOff }).toEqual({ viewport: 375, scrollWidth: 375, buttonsCutOff: [] });
}

/** The visible text of every element matching `selector`, in document order. */
export async function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((n) => n.innerText.trim()), selector);
}

/** Each usage bar's fill, as "<class>:<width>" ("high:80%"), in document order. */
export async function usageBars(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('#usage .bar > span')).map((s) => `${s.className}:${s.style.width}`));
}

/** Waits until the page names `planName` as the tenant's plan. */
export async function waitForPlanName(page: Page, planName: string): Promise<void> {
  await page.waitForFunction((name) => document.querySelector('#plan strong')?.textContent === name, {}, planName);
}

const buttonXPath = (label: string, card?: string) =>
  `${card ? `//div[contains(@class,'card')][strong[normalize-space(.)=${JSON.stringify(card)}]]` : ''}//button[normalize-space(.)=${JSON.stringify(label)}]`;

/** Clicks the button labelled `label`, inside the plan card named `card` when given. */
export async function clickButton(page: Page, label: string, card?: string): Promise<void> {
  const button = await page.waitForSelector(`::-p-xpath(${buttonXPath(label, card)})`, { visible: true });
  if (!button) throw new Error(`no button "${label}"${card ? ` on the ${card} card` : ''}`);
  await button.click();
}

/** Waits until the page shows a button labelled `label` (`shown`), or none any more. */
export async function waitForButton(page: Page, label: string, shown = true): Promise<void> {
  await page.waitForSelector(`::-p-xpath(${buttonXPath(label)})`, shown ? { visible: true } : { hidden: true });
}

/** Waits for the page's notice to show something other than `previous`; returns it and whether it is an error. */
export async function nextNotice(page: Page, previous = ''): Promise<{ text: string; isError: boolean }> {
  await page.waitForFunction((p) => { const n = document.querySelector('#notice'); return n !== null && !n.hidden && n.textContent !== p; }, {}, previous);
  return page.evaluate(() => { const n = document.querySelector('#notice')!; return { text: n.textContent ?? '', isError: n.classList.contains('error') }; });
}
