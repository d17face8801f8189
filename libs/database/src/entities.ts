import { DiagnosticRun } from '@dondoc/diagnostics';
import { User } from '@dondoc/users';

/** Every entity of dondoc; the DataSource lists them explicitly (no globs, no autoload). */
export const ENTITIES = [User, DiagnosticRun];
