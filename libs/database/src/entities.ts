import { AuditEvent } from '@dondoc/audit';
import { CalendarChangeRecord, CalendarDayRecord, CalendarOverrideRecord, CalendarStateRecord } from '@dondoc/calendar';
import { PasswordToken, RefreshToken, Session } from '@dondoc/auth';
import { ActivityAlert, DiagnosticRun } from '@dondoc/diagnostics';
import { Notification } from '@dondoc/notifications';
import { AcknowledgeLink, Assignment, EvidenceCheck, Scorecard, ScorecardFormulaVersion, Task, TaskBlockerRecord, TaskEventRecord, TaskTemplate, WeeklyBriefing } from '@dondoc/tasks';
import { Unit } from '@dondoc/organisation';
import { User } from '@dondoc/organisation';

/** Every entity of dondoc; the DataSource lists them explicitly (no globs, no autoload). */
export const ENTITIES = [User, Unit, Session, RefreshToken, PasswordToken, AuditEvent, Notification, TaskTemplate, Assignment, Task, TaskEventRecord, TaskBlockerRecord, AcknowledgeLink, EvidenceCheck, DiagnosticRun, ActivityAlert, CalendarOverrideRecord, CalendarDayRecord, CalendarStateRecord, CalendarChangeRecord, ScorecardFormulaVersion, Scorecard, WeeklyBriefing];
