import { describe, expect, it } from "vitest";
import { doubleFromTheStart, mutableFromTheStart } from "../../src/kernel/index.js";

class Columns {
  count = 3;
  ratio = 0.25;
  measuring = false;
  stage = Int32Array.from([1, 2, 3]);
  times = new Float64Array(2);
  name = "yard";
  config = { a: 1 };
  missing: number | null = null;
}

describe("mutableFromTheStart", () => {
  it("leaves every field's value (and typed array) as it was", () => {
    const c = new Columns();
    const { stage, times, config } = c;
    mutableFromTheStart(c);
    expect(c.count).toBe(3);
    expect(c.ratio).toBe(0.25);
    expect(c.measuring).toBe(false);
    expect(c.stage).toBe(stage);
    expect([...c.stage]).toEqual([1, 2, 3]);
    expect(c.times).toBe(times);
    expect(c.name).toBe("yard");
    expect(c.config).toBe(config);
    mutableFromTheStart(c, ["count", "stage"]);
    expect(c.count).toBe(3);
    expect(c.stage).toBe(stage);
  });

  it("refuses a field that does not exist or holds no number, boolean or typed array", () => {
    const c = new Columns();
    expect(() => mutableFromTheStart(c, ["stages"])).toThrow('no field "stages"');
    expect(() => mutableFromTheStart(c, ["name"])).toThrow('field "name" is not a number');
    expect(() => mutableFromTheStart(c, ["missing"])).toThrow('field "missing" is not a number');
  });
});

describe("doubleFromTheStart", () => {
  it("leaves each number as it was, a double's value included", () => {
    const c = new Columns();
    doubleFromTheStart(c, ["count", "ratio"]);
    expect(c.count).toBe(3);
    expect(c.ratio).toBe(0.25);
    const o = { half: 0.5, none: Number.NaN };
    doubleFromTheStart(o, ["half", "none"]);
    expect(o.half).toBe(0.5);
    expect(o.none).toBeNaN();
  });

  it("refuses a field that holds no number (or does not exist)", () => {
    const c = new Columns();
    expect(() => doubleFromTheStart(c, ["measuring"])).toThrow('field "measuring" is not a number');
    expect(() => doubleFromTheStart(c, ["stage"])).toThrow('field "stage" is not a number');
    expect(() => doubleFromTheStart(c, ["stages"])).toThrow('field "stages" is not a number');
  });
});
