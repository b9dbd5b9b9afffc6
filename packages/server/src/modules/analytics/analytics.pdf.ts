/**
 * The monthly report as a PDF (pdfkit, pure JavaScript, its built-in
 * Helvetica: no font files, no native build). One A4 document: the title and
 * period, the headline figures, the tables by severity and by service, and
 * every breach. `compress: false` leaves the content streams readable, which
 * tests use to find the figures' text.
 */
import PDFDocument from 'pdfkit';
import {
  breachLine,
  formatPeriod,
  GROUP_COLUMNS,
  groupCells,
  headlineFigures,
  type ReportView,
} from './analytics.format.js';
import type { GroupFigures } from './analytics.schema.js';

const MARGIN = 50;
const LABEL_WIDTH = 170;
const COLUMN_WIDTH = 62;

export function renderReportPdf(view: ReportView, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: view.title, Creator: 'Tocsin', Subject: `SLA report ${view.month}` },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(18).text(view.title, { width });
  doc.font('Helvetica').fontSize(10).fillColor('#555').text(formatPeriod(view), { width }).fillColor('#000');
  doc.moveDown();

  for (const [label, value] of headlineFigures(view.overall)) {
    ensureRoom(16);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, MARGIN, y, { width: LABEL_WIDTH });
    doc.font('Helvetica').text(value, MARGIN + LABEL_WIDTH, y, { width: width - LABEL_WIDTH });
    doc.moveDown(0.2);
  }

  const table = (heading: string, groups: GroupFigures[]) => {
    if (groups.length === 0) return;
    doc.moveDown();
    ensureRoom(40);
    doc.font('Helvetica-Bold').fontSize(13).text(heading, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    const row = (cells: string[], bold: boolean) => {
      ensureRoom(16);
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const labelWidth = width - COLUMN_WIDTH * (cells.length - 1);
      doc.text(cells[0]!, MARGIN, y, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      cells.slice(1).forEach((cell, i) => {
        doc.text(cell, MARGIN + labelWidth + i * COLUMN_WIDTH, y, { width: COLUMN_WIDTH, align: 'right' });
      });
      doc.x = MARGIN;
      doc.y = y + 14;
    };
    row(['', ...GROUP_COLUMNS], true);
    for (const g of groups) row([g.label, ...groupCells(g)], false);
  };
  table('By severity', view.bySeverity);
  table('By service', view.byService);

  doc.moveDown();
  ensureRoom(40);
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(view.breaches.length === 0 ? 'No breaches' : `Breaches (${view.breaches.length})`, MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(9);
  for (const b of view.breaches) {
    ensureRoom(14);
    doc.text(breachLine(b, view.timeZone), MARGIN, doc.y, { width });
  }
  doc.end();
  return done;
}
