/**
 * The per-method throttle, as arithmetic: when a contact method has already
 * had its share of messages in the current window, further pages wait for one
 * bundled summary at the window's end. Windows are fixed buckets on the clock,
 * so every node computes the same bundle instant (and job key) for a method.
 */
import type { ThrottleSettings } from '../notify.types.js';

export function isThrottled(recentSends: number, settings: ThrottleSettings): boolean {
  return recentSends >= settings.maxPerWindow;
}

/** The start of the window that counts sends before `now`. */
export const windowStart = (now: Date, settings: ThrottleSettings): Date =>
  new Date(now.getTime() - settings.windowMinutes * 60_000);

/** The next bucket boundary strictly after `now`: when the bundle for pages held at `now` goes out. */
export function bundleAt(now: Date, settings: ThrottleSettings): Date {
  const size = settings.windowMinutes * 60_000;
  return new Date((Math.floor(now.getTime() / size) + 1) * size);
}
