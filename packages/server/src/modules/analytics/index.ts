/**
 * Analytics: SLA targets, MTTA / MTTR / time to mitigate, compliance, the
 * monthly report and its read-only share links (docs/analytics.md, ADR 21).
 * Owns sla_targets, analytics_share_links, analytics_report_subscriptions and
 * analytics_report_deliveries (emailed reports), and incident_sla, a snapshot of each incident taken when it opens (team,
 * policy, urgency, priority, severity, targets and their due instants) and
 * kept in step with incidents', paging's and response's events, so moving a
 * service to another team never rewrites last month. Everything else it
 * reports it reads by joins (incidents, teams, services, policies); it writes
 * no other module's table and publishes no event. Every figure respects the
 * private-incident rule (modules/incidents/incidents.visibility.ts).
 */
export {
  snapshotOpened,
  snapshotDeclared,
  snapshotAcknowledged,
  snapshotResolved,
  snapshotStageChanged,
  snapshotEscalated,
  snapshotMerged,
} from './analytics.snapshot.js';
export { summarizeIncidents, listIncidentFigures, monthlyReport, monthBounds } from './analytics.service.js';
export { listSlaTargets, updateSlaTarget } from './analytics.targets.js';
export { reportCsv } from './analytics.csv.js';
export { renderReportPdf } from './analytics.pdf.js';
export { reportHtml } from './analytics.html.js';
export { reportText, viewOfReport, viewOfShared, reportFileName, type ReportView } from './analytics.format.js';
export { createShareLink, listShareLinks, revokeShareLink, openSharedReport } from './analytics.share.js';
export { publicGaugeFigures, type GaugeFigures } from './analytics.gauges.js';
export { addBusinessMinutes, dueAt } from './analytics.business-time.js';
export { compactRollup, createRollupCompactor } from './analytics.rollup.js';
export { onCallHealth, onCallTime } from './analytics.oncall.js';
export * from './analytics.oncall.schema.js';
export {
  listReportSubscriptions,
  createReportSubscription,
  updateReportSubscription,
  deleteReportSubscription,
  type PlanReportPayload,
} from './analytics.subscriptions.js';
export {
  planReportEmails,
  sendReportEmail,
  PLAN_REPORT_JOB,
  SEND_REPORT_JOB,
  type ReportMail,
  type ReportMailer,
  type SendReportPayload,
} from './analytics.mailing.js';
export * from './analytics.schema.js';
