#!/usr/bin/env node
// Launcher for `npx tenure`: registers tsx's ESM loader, then runs the TypeScript CLI (no build step).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./main.ts', import.meta.url).href);
