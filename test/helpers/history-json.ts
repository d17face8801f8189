/**
 * Temporal's JSON history format (what `temporal workflow show --output json` and the Web UI's
 * download write), read and written for the replay suite and scripts/capture-task-histories.ts.
 *
 * Why not `historyToJSON`/`historyFromJSON` from @temporalio/common: they check `instanceof Type`
 * against their own copy of protobufjs, while the history type comes from @temporalio/proto's
 * copy. npm installs a separate protobufjs 8 inside each @temporalio package (the top level holds
 * protobufjs 7 for gRPC), so both throw "type must be a Type" here, and so does
 * `Worker.runReplayHistories` given a history as parsed JSON. The same conversion with the copy the
 * type belongs to works wherever npm puts it.
 */
import { dirname } from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}

const protoDir = dirname(require.resolve('@temporalio/proto/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @temporalio/proto's directory on purpose (see above)
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** A history (as `handle.fetchHistory()` returns it) in the JSON format, on one line. */
export function historyToJson(history: History): string {
  return JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)));
}

/** A history read from the JSON format (eventType written `EVENT_TYPE_…`, as the CLI and the SDK write it). */
export function historyFromJson(json: unknown): History {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { events?: unknown }).events)) {
    throw new TypeError('not a workflow history: expected an object with an array of events');
  }
  const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history?.events?.length) throw new TypeError('not a workflow history: no events');
  return history;
}
