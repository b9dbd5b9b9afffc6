/**
 * Analytics' Prometheus gauges, read from the database at each scrape: open
 * incidents by severity, and SLA compliance over the last 30 days. Private
 * incidents are left out (whoever scrapes is no member of them).
 */
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { publicGaugeFigures } from '../modules/analytics/index.js';

const SEVERITIES = ['S1', 'S2', 'S3', 'S4', 'none'];

/** Registers the gauges; returns how to remove them (the app stopping). */
export function registerAnalyticsGauges(registry: Registry, db: Db, clock: Clock): () => void {
  let pending: ReturnType<typeof publicGaugeFigures> | undefined;
  // Both gauges are collected in one scrape: read the figures once for both.
  const figures = () => {
    pending ??= publicGaugeFigures(db, clock.now()).finally(() => {
      pending = undefined;
    });
    return pending;
  };
  const openName = 'tocsin_open_incidents';
  const complianceName = 'tocsin_sla_compliance_ratio';
  new Gauge({
    name: openName,
    help: 'Open incidents by severity (none = paged only), private ones left out',
    labelNames: ['severity'],
    registers: [registry],
    async collect() {
      const { openBySeverity } = await figures();
      for (const severity of SEVERITIES) {
        this.labels(severity).set(openBySeverity.find((row) => row.severity === severity)?.count ?? 0);
      }
    },
  });
  new Gauge({
    name: complianceName,
    help: 'Share of incidents opened in the last 30 days that met their SLA targets (NaN with none judged)',
    registers: [registry],
    async collect() {
      const { compliance30d } = await figures();
      this.set(compliance30d ?? Number.NaN);
    },
  });
  return () => {
    registry.removeSingleMetric(openName);
    registry.removeSingleMetric(complianceName);
  };
}
