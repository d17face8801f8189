/**
 * Brings a `TaskState` written by older code to the shape this code runs. A state outlives the
 * code that wrote it: a workflow continued as new carries it in its input, and the `tasks.state`
 * column keeps it. Pure data in, pure data out, so the workflow upcasts its input without changing
 * the commands it issues (a replayed history replays as before).
 */
import { TASK_STATE_SCHEMA_VERSION, type TaskState } from './task-domain.types';

type RawState = Record<string, unknown>;

/**
 * One step per older version: `STEPS[n]` takes a state of version n to version n + 1. Changing the
 * shape of `TaskState` means bumping `TASK_STATE_SCHEMA_VERSION` and adding the step from the
 * previous version here. Version 1 (also every state written before versions existed) is the first.
 */
const STEPS: Readonly<Record<number, (state: RawState) => RawState>> = {
  // 1 → 2: blockers (units the lead unit waits on); a task written before had none.
  1: (state) => ({ ...state, blockers: [] }),
};

/** A state this code cannot read: written by newer code (after a rollback), or not a state at all. */
export class TaskStateVersionError extends Error {
  override readonly name = 'TaskStateVersionError';
}

/**
 * The state in the shape this code runs (`TASK_STATE_SCHEMA_VERSION`), from any shape older code
 * wrote; a state without `schemaVersion` is version 1. Returns a copy, the input is left as it is.
 * Refuses (`TaskStateVersionError`) a version newer than this code knows rather than guess at it:
 * in the workflow that fails the workflow task, which waits for a worker that knows the version.
 */
export function upcastTaskState(raw: unknown): TaskState {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TaskStateVersionError(`a task state must be an object, not ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}.`);
  }
  let state = { ...(raw as RawState) };
  const version = state.schemaVersion === undefined ? 1 : state.schemaVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new TaskStateVersionError(`the task state's schemaVersion must be a whole number from 1, not ${JSON.stringify(version)}.`);
  }
  if (version > TASK_STATE_SCHEMA_VERSION) {
    throw new TaskStateVersionError(
      `the task state has schemaVersion ${version}, newer than this code knows (${TASK_STATE_SCHEMA_VERSION}): it was written by a newer release of dondoc, which is needed to read it.`,
    );
  }
  for (let from = version; from < TASK_STATE_SCHEMA_VERSION; from++) {
    const step = STEPS[from];
    if (!step) throw new TaskStateVersionError(`no upcaster from task state schemaVersion ${from} to ${from + 1}.`);
    state = step(state);
  }
  return { ...state, schemaVersion: TASK_STATE_SCHEMA_VERSION } as TaskState;
}
