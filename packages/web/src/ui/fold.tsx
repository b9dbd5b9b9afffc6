/**
 * Secondary parts of a long screen, folded behind a disclosure on a phone so
 * what is needed first (the summary, the status, the act buttons) is on the
 * first screen; open by default at desktop width, where there is room (as
 * the page was first shown). A native <details>: keyboard and screen readers
 * know it.
 */
import { useState, type ReactNode } from 'react';

/** Phone widths, where secondary sections start folded. */
export const NARROW_SCREEN = '(max-width: 700px)';

/**
 * Whether the screen was phone-wide when the page was shown. Read once: a fold
 * someone opened stays open when the window is resized or the phone turned.
 */
export function useIsNarrow(): boolean {
  const [isNarrow] = useState(() => window.matchMedia(NARROW_SCREEN).matches);
  return isNarrow;
}

export function Fold({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  const isNarrow = useIsNarrow();
  return (
    <details className="fold" open={!isNarrow} data-testid={testId}>
      <summary>{title}</summary>
      <div className="fold-body">{children}</div>
    </details>
  );
}
