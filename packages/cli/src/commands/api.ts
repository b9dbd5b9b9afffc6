/** User verbs over the public API; filled in with the SDK. */
import type { Command } from 'commander';

export function registerApiCommands(_program: Command): void {}
