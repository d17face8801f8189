import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { Role, type Actor } from '@dondoc/common';
import type { Unit, User } from '@dondoc/organisation';
import { writeTable, type TableFormat } from '@dondoc/tabular';
import { UsersAdminService } from '../users-admin.service';

/** Exports the actor's users in the import format. */
@Injectable()
export class ExportUsers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersAdminService,
  ) {}

  /** The actor's users in the import format. */
  async execute(actor: Actor, format: TableFormat): Promise<Buffer> {
    const users = await this.users.scoped(actor).orderBy('user.email').getMany();
    await this.audit.record(this.dataSource.manager, actor, { action: 'USERS_EXPORTED', subjectType: 'export', summary: { format, rows: users.length } });
    return writeTable(
      format,
      ['email', 'name', 'phone', 'language', 'unit_code', 'roles', 'active'],
      users.map((u) => {
        const row = u as User & { unit?: Unit | null; headOf?: Unit | null };
        const roles = [...u.roles, ...(row.headOf ? [Role.HEAD] : [])].sort();
        return { email: u.email, name: u.name, phone: u.phone, language: u.language, unit_code: row.unit?.code ?? '', roles: roles.join(';'), active: u.active };
      }),
      'users',
    );
  }
}
