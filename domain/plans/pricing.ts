import type { Plan } from './types.js';

export interface AnnualSavings { amountCents: number; percent: number }

/**
 * What paying yearly saves against twelve monthly payments; null for plans without an annual price
 * or without a monthly price to compare with. A negative amount means the annual price costs more.
 */
export function annualSavings(plan: Pick<Plan, 'priceMonthlyCents' | 'priceAnnualCents'>): AnnualSavings | null {
  if (plan.priceAnnualCents === null || plan.priceMonthlyCents <= 0) return null;
  const yearOfMonths = plan.priceMonthlyCents * 12;
  const amountCents = yearOfMonths - plan.priceAnnualCents;
  return { amountCents, percent: Math.round((amountCents / yearOfMonths) * 1000) / 10 };
}
