/**
 * A sweep and its runs are written together or not at all: when the sweep record cannot be written (here a
 * failing write stands for a disk error or a kill between the two writes), no run is left in the history
 * tagged with a sweep that does not exist, and nothing is queued.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { SqliteRunStore } from "../../src/store/index.js";
import { testApp } from "./helpers.js";

let a: GatesimApp | undefined;
afterEach(async () => {
  await a?.close();
  a = undefined;
});

describe("sweep creation", () => {
  it("leaves no run behind when the sweep record cannot be written", async () => {
    const store = new SqliteRunStore({ filename: ":memory:" });
    // The sweep's own row fails to insert (the runs' rows are written first, in the same request).
    const annotations = (store as unknown as { annotations: { createSweep: () => never } }).annotations;
    annotations.createSweep = () => {
      throw new Error("disk I/O error");
    };
    a = await testApp({ store });
    const res = await a.inject({
      method: "POST",
      url: "/sweeps",
      payload: {
        scenario: "mm1",
        grid: { "stages.station.servers": [1, 2] },
        replications: 2,
        horizonDays: 2,
        warmupDays: 0,
      },
    });
    expect(res.statusCode).toBe(500);
    const runs = (await a.inject({ method: "GET", url: "/runs" })).json();
    expect(runs.total).toBe(0);
    expect((await a.inject({ method: "GET", url: "/sweeps" })).json()).toMatchObject({ items: [] });
  });
});
