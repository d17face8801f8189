import { parseQuarter } from './quarters';

/** A text the API gives in both languages, in the reader's. */
export function localised(text: { vi: string; en: string } | null | undefined, language: string): string {
  if (!text) return '';
  return language === 'en' ? text.en || text.vi : text.vi;
}

/** A unit's name in the reader's language (its Vietnamese name when it has no English one). */
export function unitName(unit: { nameVi: string; nameEn: string | null }, language: string): string {
  return language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi;
}

/** `2026-Q3` → { q: 3, year: 2026 } for the catalogue's "Quý {{q}}/{{year}}"; the name itself when it is not a quarter. */
export function quarterParts(name: string): { q: number; year: number } | undefined {
  const quarter = parseQuarter(name);
  return quarter ? { q: quarter.q, year: quarter.year } : undefined;
}
