/**
 * Worker thread of `runEventLogInThread`: runs one replication with its event log and posts the log back,
 * transferring its typed columns.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type EventLogThreadInput, runReplicationWithEventLog } from "./event-log.js";

const input = workerData as EventLogThreadInput;
try {
  const { log } = runReplicationWithEventLog(input.compiled, input.seed, input.index, input.options);
  const buffers = [log.caseId, log.timeMs, log.stage, log.type, log.direction, log.cargo, log.channel, log.flags].map(
    (a) => a.buffer as ArrayBuffer,
  );
  parentPort?.postMessage({ ok: true, log }, buffers);
} catch (e) {
  parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
