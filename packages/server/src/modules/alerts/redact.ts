/**
 * What of a sender's raw payload is not shown back: the integration key a
 * PagerDuty-style sender puts in the body (`routing_key` in Events v2,
 * `service_key` in v1). Anyone holding it can page the service, and alerts
 * are readable by stakeholders; the last four characters are kept so people
 * can still tell keys apart. Pure.
 */
const KEY_FIELDS = ['routing_key', 'service_key'] as const;

export function redactRawPayload(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const field of KEY_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = value.length > 8 ? `…${value.slice(-4)}` : '…';
  }
  return copy;
}
