/** What a person may do in dondoc. */
export enum Role {
  /** Focal officer of a unit: acknowledges, reports, submits evidence. */
  OFFICER = 'OFFICER',
  /** Head of a unit: personally accountable for its tasks. */
  HEAD = 'HEAD',
  /** Decides escalations, extensions and reviews for the units under them. */
  LEADER = 'LEADER',
  /** Secretariat: configures units, users and templates; assigns tasks. */
  ADMIN = 'ADMIN',
  /** Reads everything, changes nothing. */
  AUDITOR = 'AUDITOR',
}

export const ROLES = Object.values(Role);
