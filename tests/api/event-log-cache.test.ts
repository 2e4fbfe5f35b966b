/**
 * The event logs computed lately are kept (issue 16, replay): a second request for the same replication
 * (the replay's next day, a reload) is answered without simulating again, with the same file; the cache
 * is bounded in logs and in bytes, least recently used first, and never answers a request for more rows
 * with a log that was cut shorter.
 */
import { afterAll, describe, expect, it } from "vitest";
import { EventLogCache, eventLogBytes } from "../../src/api/event-log-cache.js";
import type { GatesimApp } from "../../src/api/index.js";
import type { EventLogData } from "../../src/runner/index.js";
import { TINY_RUN, testApp, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
afterAll(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** A log of `rows` rows (typed columns of that length), cut or not. */
function log(rows: number, truncated = false): EventLogData {
  return {
    rows,
    rowsMax: rows,
    truncated,
    droppedRows: truncated ? 1 : 0,
    stageIds: [],
    cargoClasses: [],
    eventTypes: [],
    directions: [],
    channels: [],
    flagNames: [],
    caseId: new Float64Array(rows),
    timeMs: new Float64Array(rows),
    stage: new Int16Array(rows),
    type: new Uint8Array(rows),
    direction: new Int8Array(rows),
    cargo: new Int8Array(rows),
    channel: new Int8Array(rows),
    flags: new Int32Array(rows),
  } as unknown as EventLogData;
}

describe("event-log cache", () => {
  it("answers a second request from the cache with the same file", async () => {
    const a = await testApp();
    apps.push(a);
    const id = (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, horizonDays: 1 } })).json()
      .id as string;
    await waitForRun(a, id);
    const url = `/runs/${id}/replications/1/event-log`;
    const first = await a.inject({ method: "GET", url });
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-gatesim-event-log-cached"]).toBe("false");
    const second = await a.inject({ method: "GET", url: `${url}?format=csv` });
    expect(second.headers["x-gatesim-event-log-cached"]).toBe("true");
    expect(second.body).toBe(first.body);
    // Another replication, or a smaller bound than the log was computed with, is computed.
    const other = await a.inject({ method: "GET", url: `/runs/${id}/replications/2/event-log` });
    expect(other.headers["x-gatesim-event-log-cached"]).toBe("false");
    const rows = Number(first.headers["x-gatesim-event-log-rows"]);
    const cut = await a.inject({ method: "GET", url: `${url}?maxRows=${Math.floor(rows / 2)}` });
    expect(cut.headers["x-gatesim-event-log-cached"]).toBe("false");
    expect(cut.headers["x-gatesim-event-log-truncated"]).toBe("true");
  });

  it("keeps at most its count of logs and its bytes, the least recently used going first", () => {
    const bytes = eventLogBytes(log(100));
    expect(bytes).toBe(100 * 26);
    const cache = new EventLogCache({ entriesMax: 2, bytesMax: 3 * bytes });
    cache.set("r", 0, 100, log(100));
    cache.set("r", 1, 100, log(100));
    expect(cache.get("r", 0, 100)).toBeDefined(); // 0 is now the most recently used
    cache.set("r", 2, 100, log(100));
    expect(cache.get("r", 1, 100)).toBeUndefined();
    expect(cache.get("r", 0, 100)).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 2 * bytes });
    // Bytes: a log of twice the size pushes both out but itself fits; one larger than the bound is not kept.
    cache.set("s", 0, 200, log(200));
    expect(cache.size.bytes).toBeLessThanOrEqual(3 * bytes);
    expect(cache.get("s", 0, 200)).toBeDefined();
    cache.set("t", 0, 400, log(400));
    expect(cache.get("t", 0, 400)).toBeUndefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(3 * bytes);
  });

  it("serves a whole log to any larger bound, never a cut log to a different bound", () => {
    const cache = new EventLogCache({ entriesMax: 4, bytesMax: 1e9 });
    cache.set("r", 0, 1000, log(100));
    expect(cache.get("r", 0, 100)).toBeDefined();
    expect(cache.get("r", 0, 5000)).toBeDefined();
    expect(cache.get("r", 0, 99)).toBeUndefined();
    cache.set("r", 1, 100, log(100, true));
    expect(cache.get("r", 1, 100)).toBeDefined();
    expect(cache.get("r", 1, 200)).toBeUndefined();
  });
});
