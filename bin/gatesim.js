#!/usr/bin/env node
// Entry point of the `gatesim` command. The sources are TypeScript run through tsx's loader, so there is
// no build step between a checkout and a working command; piscina workers get the same loader (runner/pool).
// The loader gets the project's tsconfig by absolute path, whatever the current directory (register-tsx.mjs).
import { registerTsx } from "../src/runner/register-tsx.mjs";

registerTsx();
await import("../src/cli/main.ts");
