/** The organisation's SLA targets (GET/PATCH /api/v1/analytics/sla-targets): one per severity and per urgency. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';

export interface SlaTarget {
  scope: 'severity' | 'urgency';
  key: 'S1' | 'S2' | 'S3' | 'S4' | 'high' | 'low';
  ackMinutes: number | null;
  ackBusinessHours: boolean;
  resolveMinutes: number | null;
  resolveBusinessHours: boolean;
  updatedAt: string;
}

export function useSlaTargets() {
  return useResource(
    async (client: TocsinClient) => unwrap(await client.GET('/api/v1/analytics/sla-targets')).items as SlaTarget[],
    [],
  );
}

export async function updateSlaTarget(
  client: TocsinClient,
  target: Pick<SlaTarget, 'scope' | 'key'>,
  body: Pick<SlaTarget, 'ackMinutes' | 'ackBusinessHours' | 'resolveMinutes' | 'resolveBusinessHours'>,
): Promise<SlaTarget> {
  return unwrap(
    await client.PATCH('/api/v1/analytics/sla-targets/{scope}/{key}', {
      params: { path: { scope: target.scope, key: target.key } },
      body,
    }),
  ) as SlaTarget;
}
