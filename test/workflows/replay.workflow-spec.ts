import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { taskWorkflowId, type TaskWorkflowInput } from '@dondoc/workflows/task/task.types';
import { historyFromJson } from '../helpers/history-json';

const HISTORIES = join(__dirname, 'histories');
/** Every stored history: `.json` (as the Temporal CLI or Web UI download them) or `.json.gz` (as scripts/capture-task-histories.ts writes them). */
const files = readdirSync(HISTORIES, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.json(\.gz)?$/.test(file))
  .sort();

function load(file: string): History {
  const raw = readFileSync(join(HISTORIES, file));
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  try {
    return historyFromJson(JSON.parse(text));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The id the workflow ran under (histories do not hold it; a task workflow's is derived from its input). */
function workflowIdOf(history: History, file: string): string {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const payload = started?.input?.payloads?.[0];
  if (started?.workflowType?.name !== 'taskLifecycleWorkflow' || !payload) return file;
  const input = defaultPayloadConverter.fromPayload<TaskWorkflowInput>(payload);
  return taskWorkflowId(input.task.taskId);
}

/**
 * Every stored history of a task workflow (recorded by older workflow code, or by the current
 * one) replays against the workflow code as it is now: a change to the rules that alters the
 * commands a running workflow issues, without `patched()`, fails here and names the history.
 */
describe('stored task histories replay against the current workflow code', () => {
  const outcomes = new Map<string, Error | undefined>();

  beforeAll(async () => {
    const histories = files.map((file) => ({ file, history: load(file) }));
    const replay = Worker.runReplayHistories(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! }, replayName: 'stored-task-histories' },
      histories.map(({ file, history }) => ({ history, workflowId: workflowIdOf(history, file) })),
    );
    // Histories are replayed one at a time, results come in the same order.
    let index = 0;
    for await (const result of replay) outcomes.set(histories[index++].file, result.error);
  });

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', (file) => {
    expect(outcomes.has(file)).toBe(true);
    const error = outcomes.get(file);
    if (error) {
      throw new Error(
        `${file} no longer replays: the workflow code issues other commands than this history recorded. ` +
          `Guard the change with patched('<change-id>') (README, "Changing the task rules safely").\n${error.name}: ${error.message}`,
      );
    }
  });
});
