/**
 * What the incident verbs share: references as people type them (an incident
 * as 42, #42 or a uuid; a person as an email or an id), the severities and
 * stages a flag accepts, and the short line that describes a declared
 * incident's response (severity, stage, owner).
 */
import type { TocsinClient } from '@tocsin/sdk';
import { call } from './api-client.js';

export const SEVERITY_KEYS = ['S1', 'S2', 'S3', 'S4'] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];
export const STAGES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** An incident reference as people type it: 42 or #42, or a uuid. */
export const incidentRef = (value: string): string => value.replace(/^#/, '');

/** An incident reference to print: #42 for a number, the uuid as it is. */
export const incidentLabel = (value: string): string => {
  const ref = incidentRef(value);
  return /^\d+$/.test(ref) ? `#${ref}` : ref;
};

/** User ids for people given by email (case-insensitive) or id, in the same order. */
export async function userIdsOf(client: TocsinClient, refs: string[]): Promise<string[]> {
  const people = refs.some((u) => u.includes('@')) ? (await call(client.GET('/api/v1/users', {}))).items : [];
  return refs.map((ref) => {
    if (!ref.includes('@')) return ref;
    const found = people.find((person) => person.email.toLowerCase() === ref.toLowerCase());
    if (!found) throw new Error(`No active user has the email ${ref}`);
    return found.id;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A service's id from its slug or id, as every other verb takes it (the API reads a service by either). */
export async function serviceIdOf(client: TocsinClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  return (await call(client.GET('/api/v1/services/{id}', { params: { path: { id: ref } } }))).id;
}

/** A team's id from its slug or id. */
export async function teamIdOf(client: TocsinClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  return (await call(client.GET('/api/v1/teams/{id}', { params: { path: { id: ref } } }))).id;
}

export interface ResponseLike {
  severity: string;
  stage: string;
  nearMiss: boolean;
  owner: { name: string } | null;
}

/** `S2, investigating, owner Ada Admin` (`S3 near miss, ...`, `owner: nobody yet`). */
export function responseSummary(response: ResponseLike): string {
  const severity = `${response.severity}${response.nearMiss ? ' near miss' : ''}`;
  return `${severity}, ${response.stage}, owner ${response.owner?.name ?? 'nobody yet'}`;
}

/** `Declared #12: Checkout is slow (S2, investigating, owner Ada Admin)`; no brackets for a paged-only incident. */
export function incidentLine(
  verb: string,
  incident: { number: number; title: string; response: ResponseLike | null },
): string {
  const response = incident.response ? ` (${responseSummary(incident.response)})` : '';
  return `${verb} #${incident.number}: ${incident.title}${response}\n`;
}
