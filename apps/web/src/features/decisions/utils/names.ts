import type { UnitRef } from '../api/types';

/** A unit's name in the reader's language (its Vietnamese name when it has no English one). */
export function unitName(unit: UnitRef, language: string): string {
  return language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi;
}
