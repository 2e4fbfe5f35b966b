import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The CLI tests run the compiled command: dist/ is rebuilt first when the sources are newer. Tests get
    // a private temp directory that must be empty when they end (nothing left behind in /tmp).
    globalSetup: ["tests/package/build-dist.ts", "tests/package/temp-dir.ts"],
    setupFiles: ["tests/package/temp-dir-check.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
