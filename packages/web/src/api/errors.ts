/** Turns any failure into a sentence a person can act on. */
import { TocsinApiError } from '@tocsin/sdk';

export function messageOf(error: unknown): string {
  if (error instanceof TocsinApiError) return error.message;
  if (error instanceof TypeError) return 'Tocsin could not be reached: check your connection and try again.';
  if (error instanceof Error) return error.message;
  return String(error);
}
