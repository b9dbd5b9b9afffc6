/** The heading of a screen: a title, one line on what the screen is for, and optional actions. */
import { useEffect, type ReactNode } from 'react';

export function PageHeader({ title, summary, actions }: { title: string; summary?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tocsin`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {summary && <p className="summary">{summary}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
