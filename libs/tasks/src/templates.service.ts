import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { conflict, notFound, Role, validationFailed, type Actor, type FieldProblem } from '@dondoc/common';
import { DirectoryService } from '@dondoc/organisation';
import { formatDuration, parseDuration } from '@dondoc/common';
import { DEFAULT_VERIFICATION, type AfterCarePlan, type DeciderSpec, type TaskPlan } from '@dondoc/workflows/task/task.types';

import type { CreateTemplateDto, DeciderDto, TemplateDto, TemplateRulesDto } from './dto/template.dto';
import { TaskTemplate, type TemplateDefinition } from './task-template.entity';
import { templateTiming, timingRules } from './working-day-terms';
import { DEFAULT_AMBER_WORKING_DAYS } from './task-projection';

/** After-care when a template does not say: weekly for twelve weeks, regressed after two failures. */
export const DEFAULT_AFTER_CARE: AfterCarePlan = { every: 7 * 86_400, duration: 84 * 86_400, failuresToRegress: 2 };

const seconds = (text: string): number => parseDuration(text)!;

/** A version's say on when emails go out, as the API shows it: null `workingHoursOnly` follows NOTIFY_WORKING_HOURS_ONLY. */
function notificationRules(definition: Pick<TemplateDefinition, 'notifications'>) {
  return { workingHoursOnly: definition.notifications?.workingHoursOnly ?? null, overdueToHeadAnyTime: definition.notifications?.overdueToHeadAnyTime ?? true };
}

/** Evidence rules of a version; versions saved before evidence was verified take the defaults. */
function evidenceRules(definition: Pick<TemplateDefinition, 'verification' | 'afterCare'>) {
  return { verification: definition.verification ?? DEFAULT_VERIFICATION, afterCare: definition.afterCare === undefined ? DEFAULT_AFTER_CARE : definition.afterCare };
}

function deciderOut(decider: DeciderSpec): Record<string, unknown> {
  return decider.type === 'LEADER_GROUP' ? { type: decider.type, name: decider.name, userIds: decider.userIds } : { type: decider.type };
}

/** The rules of a version as the API shows them (durations as text). */
export function rulesOf(definition: TemplateDefinition): Record<string, unknown> {
  const { verification, afterCare } = evidenceRules(definition);
  return {
    // Terms and reminders in working days read back as written (`10wd`); the rest are durations.
    ...timingRules(definition),
    amberWorkingDays: definition.amberWorkingDays ?? DEFAULT_AMBER_WORKING_DAYS,
    acknowledgementReminder: definition.ackReminderEvery ? { every: formatDuration(definition.ackReminderEvery), max: definition.ackReminderMax } : null,
    escalation: {
      levels: definition.ladder.map((rung) => ({ level: rung.level, after: formatDuration(rung.afterDue), decider: deciderOut(rung.decider), openExplanation: rung.openExplanation })),
      decisionReminderEvery: formatDuration(definition.decisionReminderEvery),
      explanationDeadline: formatDuration(definition.explanationDeadline),
    },
    evidence: {
      required: definition.requiredCriteria,
      minActiveUsers: definition.minActiveUsers,
      kpiDirection: definition.kpiDirection,
      reviewer: deciderOut(definition.reviewer),
      probe: { probes: verification.probeCount, window: formatDuration(verification.probeWindow), maxLatencyMs: verification.maxLatencyMs },
      allowAttestedUsers: verification.allowAttestedUsers,
      afterCare: afterCare ? { every: formatDuration(afterCare.every), duration: formatDuration(afterCare.duration), failuresToRegress: afterCare.failuresToRegress } : null,
    },
    notifications: notificationRules(definition),
    scorecard: { includeInParents: definition.scorecard?.includeInParents ?? false },
  };
}

/** The plan a task runs with: the version's rules and its identity. */
export function planOf(template: TaskTemplate): TaskPlan {
  const { defaultDuration: _defaultDuration, defaultWorkingDays: _defaultWorkingDays, scorecard: _scorecard, ...rules } = template.definition;
  return {
    ...rules,
    ...evidenceRules(rules),
    templateId: template.id,
    templateKey: template.key,
    templateVersion: template.version,
  };
}

@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly directory: DirectoryService,
  ) {}

  /** The current version of every template (archived ones on request). */
  async list(includeArchived = false): Promise<TemplateDto[]> {
    const rows = await this.dataSource
      .getRepository(TaskTemplate)
      .createQueryBuilder('t')
      .distinctOn(['t.key'])
      .orderBy('t.key')
      .addOrderBy('t.version', 'DESC')
      .getMany();
    const versions = await this.versionsByKey(rows.map((r) => r.key));
    return rows.filter((t) => includeArchived || t.active).map((t) => this.toDto(t, versions.get(t.key) ?? [t.version]));
  }

  /** The current version of a template, with the list of its versions. */
  async get(key: string): Promise<TemplateDto> {
    const latest = await this.latest(this.dataSource.manager, key);
    return this.toDto(latest, (await this.versionsByKey([key])).get(key)!);
  }

  async getVersion(key: string, version: number): Promise<TemplateDto> {
    const template = await this.dataSource.getRepository(TaskTemplate).findOneBy({ key, version });
    if (!template) throw notFound('template', `${key} v${version}`);
    return this.toDto(template, (await this.versionsByKey([key])).get(key)!);
  }

  async create(actor: Actor, dto: CreateTemplateDto): Promise<TemplateDto> {
    await this.dataSource.transaction(async (tx) => {
      if (await tx.getRepository(TaskTemplate).existsBy({ key: dto.key })) {
        throw conflict({ vi: `đã có mẫu nhiệm vụ mã ${dto.key}.`, en: `a template with key ${dto.key} already exists.` }, { field: 'key' });
      }
      const template = tx.create(TaskTemplate, { key: dto.key, version: 1, ...this.describe(dto), definition: await this.definitionOf(tx, dto), active: true, createdBy: actor.id });
      await tx.insert(TaskTemplate, template);
      await this.audit.record(tx, actor, { action: 'TEMPLATE_CREATED', subjectType: 'template', subjectId: template.id, summary: { key: dto.key, version: 1 } });
    });
    return this.get(dto.key);
  }

  /** Adds a version; tasks already running keep the version they were assigned with. */
  async update(actor: Actor, key: string, dto: TemplateRulesDto): Promise<TemplateDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.lockKey(tx, key);
      const latest = await this.latest(tx, key);
      if (!latest.active) {
        throw conflict({ vi: `mẫu ${key} đã được lưu trữ; không thể sửa.`, en: `template ${key} is archived; it cannot be edited.` });
      }
      const template = tx.create(TaskTemplate, { key, version: latest.version + 1, ...this.describe(dto), definition: await this.definitionOf(tx, dto), active: true, createdBy: actor.id });
      await tx.insert(TaskTemplate, template);
      await tx.update(TaskTemplate, { key, version: latest.version }, { active: false });
      await this.audit.record(tx, actor, {
        action: 'TEMPLATE_VERSIONED',
        subjectType: 'template',
        subjectId: template.id,
        summary: { key, before: { version: latest.version, rules: rulesOf(latest.definition) }, after: { version: template.version, rules: rulesOf(template.definition) } },
      });
    });
    return this.get(key);
  }

  /** No new task may use the template; running tasks are unaffected. */
  async archive(actor: Actor, key: string): Promise<TemplateDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.lockKey(tx, key); // an edit meanwhile would otherwise add an active version after this one
      const latest = await this.latest(tx, key);
      if (!latest.active) return;
      await tx.update(TaskTemplate, { key }, { active: false });
      await this.audit.record(tx, actor, { action: 'TEMPLATE_ARCHIVED', subjectType: 'template', subjectId: latest.id, summary: { key, version: latest.version } });
    });
    return this.get(key);
  }

  /** Versioning and archiving of one template run one at a time. */
  private async lockKey(tx: EntityManager, key: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`template:${key}`]);
  }

  /** The version a new task of this template gets, or the problem to report on `field`. */
  async forAssignment(manager: EntityManager, key: string, field: string): Promise<TaskTemplate | FieldProblem> {
    const latest = await manager.getRepository(TaskTemplate).findOne({ where: { key }, order: { version: 'DESC' } });
    if (!latest) return { field, rule: 'exists', message: { vi: `không có mẫu nhiệm vụ mã ${key}`, en: `there is no template ${key}` } };
    if (!latest.active) return { field, rule: 'active', message: { vi: `mẫu nhiệm vụ ${key} đã được lưu trữ`, en: `template ${key} is archived` } };
    return latest;
  }

  private async latest(manager: EntityManager, key: string): Promise<TaskTemplate> {
    const latest = await manager.getRepository(TaskTemplate).findOne({ where: { key }, order: { version: 'DESC' } });
    if (!latest) throw notFound('template', key);
    return latest;
  }

  private async versionsByKey(keys: string[]): Promise<Map<string, number[]>> {
    if (keys.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(TaskTemplate).find({ select: { key: true, version: true }, where: { key: In(keys) }, order: { version: 'ASC' } });
    const map = new Map<string, number[]>();
    for (const row of rows) map.set(row.key, [...(map.get(row.key) ?? []), row.version]);
    return map;
  }

  private describe(dto: TemplateRulesDto) {
    return { nameVi: dto.nameVi, nameEn: dto.nameEn || null, description: dto.description || null };
  }

  private toDto(template: TaskTemplate, versions: number[]): TemplateDto {
    return {
      id: template.id,
      key: template.key,
      version: template.version,
      ...this.describe({ nameVi: template.nameVi, nameEn: template.nameEn ?? undefined, description: template.description ?? undefined } as TemplateRulesDto),
      active: template.active,
      rules: rulesOf(template.definition),
      createdAt: template.createdAt.toISOString(),
      versions,
    };
  }

  /** Checks what field decorators cannot (order of the ladder, thresholds, leader groups) and converts to seconds. */
  private async definitionOf(manager: EntityManager, dto: TemplateRulesDto): Promise<TemplateDefinition> {
    const problems: FieldProblem[] = [];
    const levels = dto.escalation.levels;
    levels.forEach((rung, i) => {
      if (rung.level !== i + 2) {
        problems.push({ field: `escalation.levels[${i}].level`, rule: 'inOrder', message: { vi: `các mức phải liên tiếp từ 2: mức ở vị trí ${i} phải là ${i + 2}`, en: `levels must run 2, 3, …: the level at position ${i} must be ${i + 2}` } });
      }
      if (i > 0 && seconds(rung.after) <= seconds(levels[i - 1].after)) {
        problems.push({ field: `escalation.levels[${i}].after`, rule: 'increasing', message: { vi: 'mỗi mức phải muộn hơn mức trước', en: 'each level must come later than the previous one' } });
      }
      if (rung.decider.type === 'ASSIGNER') {
        problems.push({ field: `escalation.levels[${i}].decider.type`, rule: 'isIn', message: { vi: 'người quyết định một mức báo cáo phải là PARENT_HEAD, LEADER_GROUP hoặc STEERING_COMMITTEE', en: 'a level is decided by PARENT_HEAD, LEADER_GROUP or STEERING_COMMITTEE' } });
      }
    });
    const groups: [string, DeciderDto][] = [...levels.map((rung, i) => [`escalation.levels[${i}].decider`, rung.decider] as [string, DeciderDto]), ['evidence.reviewer', dto.evidence.reviewer]];
    for (const [field, decider] of groups) problems.push(...(await this.checkGroup(manager, field, decider)));
    if (dto.evidence.required.includes('REAL_USERS') && !dto.evidence.minActiveUsers) {
      problems.push({ field: 'evidence.minActiveUsers', rule: 'requiredWithRealUsers', message: { vi: 'cần ngưỡng người dùng thực khi yêu cầu tiêu chí REAL_USERS', en: 'a minimum of active users is required with REAL_USERS' } });
    }
    if (dto.evidence.required.includes('MEASURABLE_EFFECT') && !dto.evidence.kpiDirection) {
      problems.push({ field: 'evidence.kpiDirection', rule: 'requiredWithEffect', message: { vi: 'cần chiều của chỉ số (INCREASE/DECREASE) khi yêu cầu tiêu chí MEASURABLE_EFFECT', en: 'a KPI direction (INCREASE/DECREASE) is required with MEASURABLE_EFFECT' } });
    }
    if (problems.length > 0) throw validationFailed(problems);
    const decider = (d: DeciderDto): DeciderSpec => (d.type === 'LEADER_GROUP' ? { type: d.type, name: d.name!, userIds: d.userIds! } : { type: d.type });
    return {
      ...templateTiming(dto.defaultDuration, dto.reminders),
      ackReminderEvery: dto.acknowledgementReminder ? seconds(dto.acknowledgementReminder.every) : null,
      ackReminderMax: dto.acknowledgementReminder?.max ?? 0,
      ladder: levels.map((rung) => ({ level: rung.level, afterDue: seconds(rung.after), decider: decider(rung.decider), openExplanation: rung.openExplanation ?? true })),
      decisionReminderEvery: seconds(dto.escalation.decisionReminderEvery),
      explanationDeadline: seconds(dto.escalation.explanationDeadline),
      amberWorkingDays: dto.amberWorkingDays ?? DEFAULT_AMBER_WORKING_DAYS,
      requiredCriteria: dto.evidence.required,
      minActiveUsers: dto.evidence.minActiveUsers ?? null,
      kpiDirection: dto.evidence.kpiDirection ?? null,
      reviewer: decider(dto.evidence.reviewer),
      verification: {
        probeCount: dto.evidence.probe?.probes ?? DEFAULT_VERIFICATION.probeCount,
        probeWindow: dto.evidence.probe ? seconds(dto.evidence.probe.window) : DEFAULT_VERIFICATION.probeWindow,
        maxLatencyMs: dto.evidence.probe?.maxLatencyMs ?? DEFAULT_VERIFICATION.maxLatencyMs,
        allowAttestedUsers: dto.evidence.allowAttestedUsers ?? DEFAULT_VERIFICATION.allowAttestedUsers,
      },
      afterCare:
        dto.evidence.afterCare === null
          ? null
          : dto.evidence.afterCare
            ? { every: seconds(dto.evidence.afterCare.every), duration: seconds(dto.evidence.afterCare.duration), failuresToRegress: dto.evidence.afterCare.failuresToRegress }
            : DEFAULT_AFTER_CARE,
      // Only what the template says: an unsaid workingHoursOnly follows the configuration when the email is queued.
      notifications: {
        ...(typeof dto.notifications?.workingHoursOnly === 'boolean' ? { workingHoursOnly: dto.notifications.workingHoursOnly } : {}),
        overdueToHeadAnyTime: dto.notifications?.overdueToHeadAnyTime ?? true,
      },
      scorecard: { includeInParents: dto.scorecard?.includeInParents ?? false },
    };
  }

  private async checkGroup(manager: EntityManager, field: string, decider: DeciderDto): Promise<FieldProblem[]> {
    if (decider.type !== 'LEADER_GROUP') return [];
    const problems: FieldProblem[] = [];
    if (!decider.name) problems.push({ field: `${field}.name`, rule: 'isDefined', message: { vi: 'nhóm lãnh đạo cần có tên', en: 'a leader group needs a name' } });
    if (!decider.userIds?.length) {
      problems.push({ field: `${field}.userIds`, rule: 'arrayMinSize', message: { vi: 'nhóm lãnh đạo cần ít nhất một thành viên', en: 'a leader group needs at least one member' } });
      return problems;
    }
    const leaders = await this.directory.activeUsers(decider.userIds, manager);
    const notLeaders = decider.userIds.filter((id) => !leaders.some((u) => u.id === id && (u.roles as string[]).includes(Role.LEADER)));
    if (notLeaders.length > 0) {
      problems.push({ field: `${field}.userIds`, rule: 'leaders', message: { vi: `không phải lãnh đạo đang hoạt động: ${notLeaders.join(', ')}`, en: `not active leaders: ${notLeaders.join(', ')}` } });
    }
    return problems;
  }
}
