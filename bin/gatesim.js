#!/usr/bin/env node
// Entry point of the `gatesim` command. The sources are TypeScript run through tsx's loader, so there is
// no build step between a checkout and a working command; piscina workers get the same loader (runner/pool).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
