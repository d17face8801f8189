import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import type { Actor } from '@dondoc/common';
import { UnitsService } from '@dondoc/organisation';
import { writeTable, type TableFormat } from '@dondoc/tabular';
import { UNIT_COLUMNS } from './transfer-shared';

/** Exports the actor's units in the import format. */
@Injectable()
export class ExportUnits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
  ) {}

  /** The actor's units in the import format. */
  async execute(actor: Actor, format: TableFormat): Promise<Buffer> {
    const units = await this.units.scoped(actor).leftJoinAndSelect('unit.parent', 'parent').orderBy('unit.depth').addOrderBy('unit.code').getMany();
    await this.audit.record(this.dataSource.manager, actor, { action: 'UNITS_EXPORTED', subjectType: 'export', summary: { format, rows: units.length } });
    return writeTable(
      format,
      [...UNIT_COLUMNS.required.slice(0, 2), 'name_en', 'level', 'parent_code', 'active'],
      units.map((u) => ({ code: u.code, name_vi: u.nameVi, name_en: u.nameEn, level: u.level, parent_code: u.parent?.code ?? '', active: u.active })),
      'units',
    );
  }
}
