/** Instant arithmetic with the unit in the name. */
export const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
export const addSeconds = (at: Date, seconds: number): Date => new Date(at.getTime() + seconds * 1000);
export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * 3_600_000);
