#!/usr/bin/env node
// The `tocsin` command. The code is TypeScript compiled to ../dist (npm run build).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv);
