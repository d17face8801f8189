import type { TestStack } from '../helpers/test-stack';
import { latestPasswordToken } from '../helpers/mail-links';

export const PASSWORD = 'Mat-khau-manh-2026';

export interface UnitSpec {
  code: string;
  nameVi: string;
  level: string;
  parent?: string;
}

/**
 * The organisation most access tests use, built through the API:
 *
 *   BCD (central) ─┬─ BKHCN (ministry) ── BKHCN-VP (department)
 *                  ├─ HN (province) ─┬─ HN-SKHCN (department)
 *                  │                 └─ HN-X001 (commune)
 *                  └─ HP (province) ──── HP-X001 (commune)
 */
export const TREE: UnitSpec[] = [
  { code: 'BCD', nameVi: 'Ban Chỉ đạo Trung ương', level: 'central' },
  { code: 'BKHCN', nameVi: 'Bộ Khoa học và Công nghệ', level: 'ministry', parent: 'BCD' },
  { code: 'BKHCN-VP', nameVi: 'Văn phòng Bộ', level: 'department', parent: 'BKHCN' },
  { code: 'HN', nameVi: 'Thành phố Hà Nội', level: 'province', parent: 'BCD' },
  { code: 'HN-SKHCN', nameVi: 'Sở Khoa học và Công nghệ Hà Nội', level: 'department', parent: 'HN' },
  { code: 'HN-X001', nameVi: 'Xã Minh Châu', level: 'commune', parent: 'HN' },
  { code: 'HP', nameVi: 'Thành phố Hải Phòng', level: 'province', parent: 'BCD' },
  { code: 'HP-X001', nameVi: 'Xã Cát Hải', level: 'commune', parent: 'HP' },
];

export const PEOPLE = {
  leaderCentral: { email: 'lanh.dao@bcd.gov.vn', name: 'Lãnh đạo Ban Chỉ đạo', unit: 'BCD', roles: ['LEADER'] },
  headHanoi: { email: 'chu.tich@hanoi.gov.vn', name: 'Chủ tịch UBND Hà Nội', unit: 'HN', roles: ['HEAD'] },
  leaderHanoi: { email: 'pho.chu.tich@hanoi.gov.vn', name: 'Phó Chủ tịch UBND Hà Nội', unit: 'HN', roles: ['LEADER'] },
  headCommune: { email: 'chu.tich@minhchau.hanoi.gov.vn', name: 'Chủ tịch UBND xã Minh Châu', unit: 'HN-X001', roles: ['HEAD'] },
  officerCommune: { email: 'can.bo@minhchau.hanoi.gov.vn', name: 'Cán bộ đầu mối Minh Châu', unit: 'HN-X001', roles: ['OFFICER'] },
  officerHaiphong: { email: 'can.bo@cathai.haiphong.gov.vn', name: 'Cán bộ đầu mối Cát Hải', unit: 'HP-X001', roles: ['OFFICER'] },
  admin2: { email: 'thu.ky@bcd.gov.vn', name: 'Thư ký Ban Chỉ đạo', unit: null, roles: ['ADMIN'] },
  auditor: { email: 'thanh.tra@ttcp.gov.vn', name: 'Thanh tra viên', unit: null, roles: ['AUDITOR'] },
} as const;

export type PersonKey = keyof typeof PEOPLE;

export interface Organisation {
  adminToken: string;
  unitIds: Record<string, string>;
  userIds: Record<PersonKey, string>;
  tokens: Record<PersonKey, string>;
}

/** Signs in and returns the access token, or throws with the answer. */
export async function signIn(stack: TestStack, email: string, password = PASSWORD): Promise<string> {
  return stack.login(email, password);
}

/** Creates units through the API (parents first) and returns their ids by code. */
export async function createUnits(stack: TestStack, token: string, specs: UnitSpec[], ids: Record<string, string> = {}): Promise<Record<string, string>> {
  for (const spec of specs) {
    const res = await stack
      .http()
      .post('/api/units')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: spec.code, nameVi: spec.nameVi, level: spec.level, ...(spec.parent ? { parentId: ids[spec.parent] } : {}) });
    if (res.status !== 201) throw new Error(`creating unit ${spec.code}: ${res.status} ${JSON.stringify(res.body)}`);
    ids[spec.code] = res.body.id as string;
  }
  return ids;
}

/** Creates a user through the API and sets their password by following the invitation email. */
export async function createPerson(
  stack: TestStack,
  token: string,
  person: { email: string; name: string; unit: string | null; roles: readonly string[] },
  unitIds: Record<string, string>,
): Promise<string> {
  const before = stack.mail.to(person.email).length;
  const res = await stack
    .http()
    .post('/api/users')
    .set('Authorization', `Bearer ${token}`)
    .send({ email: person.email, name: person.name, roles: person.roles, ...(person.unit ? { unitId: unitIds[person.unit] } : {}) });
  if (res.status !== 201) throw new Error(`creating user ${person.email}: ${res.status} ${JSON.stringify(res.body)}`);
  const link = await latestPasswordToken(stack.mail, person.email, before);
  const set = await stack.http().post('/api/auth/password-reset').send({ token: link, newPassword: PASSWORD });
  if (set.status !== 204) throw new Error(`setting password of ${person.email}: ${set.status} ${JSON.stringify(set.body)}`);
  return res.body.id as string;
}

/** The whole fixture: tree, one user per role, everyone signed in. */
export async function buildOrganisation(stack: TestStack): Promise<Organisation> {
  const adminToken = await stack.login();
  const unitIds = await createUnits(stack, adminToken, TREE);
  const userIds = {} as Record<PersonKey, string>;
  const tokens = {} as Record<PersonKey, string>;
  for (const [key, person] of Object.entries(PEOPLE) as [PersonKey, (typeof PEOPLE)[PersonKey]][]) {
    userIds[key] = await createPerson(stack, adminToken, person, unitIds);
    tokens[key] = await signIn(stack, person.email);
  }
  return { adminToken, unitIds, userIds, tokens };
}
